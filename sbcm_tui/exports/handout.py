"""The client's strengths handout: their strengths, goals and next steps, written to them.

The seeds ask for strengths to be summarised in writing and given to the client. This paper
goes home with the client, may be left on a table, and may be read by anyone they live with, so
it is built from an **allow-list**: :data:`HANDOUT_READS` names every field of the case model
this module may read, and nothing else is ever looked at. Risk, health and limitation notes,
barriers, contact notes and summaries, consents, the few facts, referral purposes, resource
notes, tasks and objective measures never reach it. ``tests/test_exports.py``
checks that every field of the model is either on the list or deliberately left off, and that
marker text put in every field left off never shows up in any format.

Voice: second person, short sentences, the client's own words in quotation marks, dates in full,
nothing overdue or missed; for a client who does not read easily the HTML prints in larger type.
"""

from __future__ import annotations

from datetime import date

from sbcm_tui.core.case import (
    Case,
    Goal,
    Objective,
    ObjectiveStatus,
    ReadingLevel,
    ReferralStatus,
    ResourceKind,
    StrengthKind,
)
from sbcm_tui.exports.document import (
    Block,
    Document,
    Heading,
    Item,
    ItemList,
    Paragraph,
    Section,
    Span,
    aside,
    bullet,
    in_brackets,
    section,
    trimmed,
)
from sbcm_tui.exports.words import PRACTICE_NOTICE, day, quote
from sbcm_tui.files.protocols import load_prompt_bank

HANDOUT_READS: dict[str, frozenset[str]] = {
    "Case": frozenset(
        {
            "practice",
            "worker",
            "next_contact_on",
            "client",
            "strengths",
            "goals",
            "resources",
            "referrals",
            "disengagement",
        }
    ),
    "Client": frozenset({"preferred_name", "reading_level"}),  # reading level: type size only
    "Strength": frozenset({"domain", "words", "kind"}),
    "Goal": frozenset({"words", "objectives"}),
    "Objective": frozenset({"text", "target_date", "status", "achieved_on", "strategies"}),
    "Strategy": frozenset({"step", "who", "target_date", "done", "done_on"}),
    "Resource": frozenset({"id", "name", "kind", "how_to_reach"}),
    "Referral": frozenset({"resource_id", "history"}),
    "ReferralStep": frozenset({"status"}),
    "Disengagement": frozenset({"accomplishments", "independent_contact"}),
}
"""Every model field the handout may read, by model class. Anything not listed is never read.

Resources: informal and created ones (the client's own
community), and formal ones the client has been referred to and not declined."""

TITLE = "Your strengths and your plan"

_STRENGTH_ASIDES = {
    StrengthKind.CURRENT: "",
    StrengthKind.PAST: "something you have done before",
    StrengthKind.DESIRED: "a strength you want to grow",
}
_SHOWN_OBJECTIVES = frozenset(
    {
        ObjectiveStatus.OPEN,
        ObjectiveStatus.IN_PROGRESS,
        ObjectiveStatus.REVISED,
        ObjectiveStatus.ACHIEVED,
    }
)


def _strengths(case: Case) -> Section:
    bank = load_prompt_bank()
    order = {d.id: i for i, d in enumerate(bank.domains)}
    domains = sorted({s.domain for s in case.strengths}, key=lambda d: (order.get(d, 99), d))
    blocks: list[Block] = []
    if domains:
        blocks.append(Paragraph(("These are the strengths you told me about, in your own words.",)))
    for domain in domains:
        blocks.append(Heading(bank.domain_title(domain)))
        items = []
        for strength in (s for s in case.strengths if s.domain == domain):
            items.append(bullet(quote(strength.words), *aside(_STRENGTH_ASIDES[strength.kind])))
        blocks.append(ItemList(tuple(items)))
    return section(
        "strengths",
        "Your strengths",
        blocks,
        empty="We have not written your strengths down yet. We will do it together.",
    )


def _objective_item(objective: Objective) -> Item:
    if objective.status is ObjectiveStatus.ACHIEVED:
        head = ("Done: ", objective.text, _when(objective.achieved_on, "on "))
    else:
        head = (objective.text, _when(objective.target_date, "by "))
    steps = []
    for strategy in objective.strategies:
        who = in_brackets(strategy.who)
        if strategy.done:
            steps.append(bullet("Done: ", strategy.step, who, _when(strategy.done_on, "on ")))
        else:
            steps.append(bullet(strategy.step, who, _when(strategy.target_date, "by ")))
    return bullet(*head, children=steps)


def _when(value: date | None, prefix: str) -> str:
    return f" — {prefix}{day(value)}" if value is not None else ""


def _goal_blocks(goal: Goal) -> list[Block]:
    blocks: list[Block] = [Heading(quote(goal.words))]
    objectives = [o for o in goal.objectives if o.status in _SHOWN_OBJECTIVES]
    if objectives:
        blocks.append(Paragraph(("Steps towards it:",)))
        blocks.append(ItemList(tuple(_objective_item(o) for o in objectives)))
    return blocks


def _goals(case: Case) -> Section:
    blocks: list[Block] = []
    for goal in case.goals:
        blocks += _goal_blocks(goal)
    return section(
        "goals", "What you want", blocks, empty="We have not set goals yet. They will be yours."
    )


def _next_steps(case: Case) -> Section:
    """What is still to do, soonest first: the baby steps (strategies) of open objectives.

    Tasks are left off: they are promises noted in a session, often the worker's to-do list,
    and some (a safety plan) are not for anyone else in the home to read."""
    dated: list[tuple[date | None, Item]] = []
    for objective in case.objectives():
        if not objective.is_open:
            continue
        for strategy in objective.strategies:
            if not strategy.done:
                who = in_brackets(strategy.who)
                dated.append(
                    (strategy.target_date, _dated(strategy.target_date, strategy.step, who))
                )
    dated.sort(key=lambda pair: (pair[0] is None, pair[0] or date.min))
    blocks: list[Block] = [ItemList(tuple(item for _, item in dated))] if dated else []
    return section("next_steps", "Your next steps", blocks, empty="Nothing is waiting on you.")


def _dated(when: date | None, text: str, who: str) -> Item:
    return bullet(Span(f"{day(when, 'No date yet')}:"), " ", text, who)


def _supports(case: Case) -> Section | None:
    referred = {
        r.resource_id
        for r in case.referrals
        if r.history[-1].status not in (ReferralStatus.SUGGESTED, ReferralStatus.DECLINED)
    }
    items = []
    for resource in case.resources:
        if resource.kind is ResourceKind.FORMAL and resource.id not in referred:
            continue
        reach = trimmed(resource.how_to_reach)
        items.append(bullet(resource.name, f" — {reach}" if reach else ""))
    if not items:
        return None
    return Section("supports", "People and places on your side", (ItemList(tuple(items)),))


def _ending(case: Case) -> Section | None:
    ending = case.disengagement
    if ending is None:
        return None
    blocks: list[Block] = []
    if trimmed(ending.accomplishments):
        blocks += [Heading("What you have achieved"), Paragraph((ending.accomplishments or "",))]
    if trimmed(ending.independent_contact):
        blocks += [Heading("Staying connected"), Paragraph((ending.independent_contact or "",))]
    return Section("achievements", "Looking back", tuple(blocks)) if blocks else None


def _next_meeting(case: Case) -> Section:
    lines: list[Block] = []
    if case.next_contact_on is not None:
        lines.append(Paragraph((f"We meet next on {day(case.next_contact_on)}.",)))
    if trimmed(case.worker):
        lines.append(Paragraph((Span("Your case manager:"), " ", case.worker or "")))
    return section("next_time", "Next time", lines, empty="We will agree when to meet next.")


def build_handout(case: Case, today: date) -> Document:
    """The strengths handout for the client, as of ``today``."""
    sections = [_strengths(case), _goals(case), _next_steps(case)]
    sections += [s for s in (_supports(case), _ending(case)) if s is not None]
    sections.append(_next_meeting(case))
    reading = case.client.reading_level
    return Document(
        kind="handout",
        title=TITLE,
        meta=(("For", case.client.preferred_name), ("Written", day(today))),
        sections=tuple(sections),
        notice=PRACTICE_NOTICE if case.practice else None,
        large_print=reading in (ReadingLevel.SOME_DIFFICULTY, ReadingLevel.DOES_NOT_READ),
    )
