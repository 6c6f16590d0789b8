"""The staffing summary: the review screen on paper, for the team meeting.

It is drawn from :func:`sbcm_tui.insight.review.build_review`, the same object the review screen
shows, in the same staffing order and with the same section titles, so what is printed never
disagrees with what was on screen. It is for the team, not the client: it holds risk and
limitations, and says so at the top.
"""

from __future__ import annotations

from datetime import date

from sbcm_tui.core.case import Case
from sbcm_tui.exports.document import (
    Block,
    Document,
    Heading,
    Item,
    ItemList,
    Paragraph,
    Span,
    Table,
    bullet,
    facts,
    in_brackets,
    section,
    trimmed,
)
from sbcm_tui.exports.words import (
    MEDIUM_WORDS,
    OWNER_WORDS,
    PRACTICE_NOTICE,
    day,
    minutes,
    quote,
    term,
)
from sbcm_tui.insight.review import (
    GRID_COLUMNS,
    SECTION_TITLES,
    GoalLine,
    NoteLine,
    ObjectiveLine,
    StaffingReview,
    build_review,
    strength_grid,
)

TITLE = "Staffing summary"
NOTICE = "For the team: holds risk and health information. Not a handout for the client."
_TITLES = dict(SECTION_TITLES)


def _overdue(flag: bool) -> tuple[str | Span, ...]:
    return (" ", Span("overdue")) if flag else ()


def _facts(review: StaffingReview) -> Block:
    return facts(review.facts.lines())


def _strengths(review: StaffingReview) -> list[Block]:
    """The assessment's grid: a row per life area, the client's words under now, wants and
    in the past; a short table, where a list per area ran to a page of its own."""
    if not review.strengths:
        return []

    def cell(words: tuple[str, ...]) -> str:
        return "\n".join(quote(w) for w in words)

    rows = tuple(
        (row.title, cell(row.current), cell(row.desired), cell(row.past))
        for row in strength_grid(review.strengths)
    )
    return [Table(GRID_COLUMNS, rows)]


def _objective(line: ObjectiveLine) -> Item:
    status = f"achieved {day(line.achieved_on)}" if line.achieved_on else term(line.status)
    target = line.target_date if line.is_open else None  # a closed one's date is history
    parts: list = [line.text, f" — by {day(target)}" if target else ""]
    parts += [f" — {status}", *_overdue(line.overdue)]
    if line.gas_level is not None:
        parts.append(f" — GAS {line.gas_level:+d}" if line.gas_level else " — GAS 0")
    children = []
    if not line.is_open:  # achieved, dropped or revised: its line says so; the steps are history
        return bullet(*parts)
    if trimmed(line.measure):
        children.append(bullet(Span("Measure:", "em"), " ", line.measure or ""))
    for step in line.strategies:
        if step.done:
            continue
        who = in_brackets(step.who)
        when = f" — by {day(step.target_date)}" if step.target_date else ""
        children.append(bullet(step.step, who, when, *_overdue(step.overdue)))
    done = sum(step.done for step in line.strategies)
    if done:  # one sheet a case: the steps taken are counted, the ones ahead are listed
        children.append(bullet(Span(f"{done} step{'s' * (done != 1)} done", "em")))
    return bullet(*parts, children=children)


def _goals(review: StaffingReview) -> list[Block]:
    blocks: list[Block] = []
    for goal in review.goals:
        blocks += _goal(goal)
    return blocks


def _goal(goal: GoalLine) -> list[Block]:
    blocks: list[Block] = [Heading(quote(goal.words))]
    about = [x for x in (goal.domain_title, f"set {day(goal.set_on)}" if goal.set_on else "") if x]
    if about:
        blocks.append(Paragraph((Span(", ".join(about), "em"),)))
    if goal.objectives:
        blocks.append(ItemList(tuple(_objective(o) for o in goal.objectives)))
    else:
        blocks.append(Paragraph(("No objectives yet.",)))
    return blocks


def _notes(notes: tuple[NoteLine, ...]) -> list[Item]:
    items = []
    for note in notes:
        follow = trimmed(note.follow_up)
        items.append(
            bullet(
                Span(f"{term(note.kind).capitalize()}:"),
                " ",
                note.note,
                f" (noted {day(note.noted_on)})",
                children=[bullet(Span("Follow-up:", "em"), " ", follow)] if follow else [],
            )
        )
    return items


def _limitations(review: StaffingReview) -> list[Block]:
    blocks: list[Block] = []
    if review.limitations:
        blocks.append(ItemList(tuple(_notes(review.limitations))))
    if review.other_notes:
        blocks += [Heading("Other notes on file"), ItemList(tuple(_notes(review.other_notes)))]
    return blocks


def _referrals(review: StaffingReview) -> list[Block]:
    """One line a referral (resource, what for, where it stands): a list fits the sheet's
    column, where a seven-column table broke every cell into syllables."""
    items = []
    for r in review.referrals:
        if r.linked_on is not None:  # linked: when, and how long it took
            took = f" ({r.days_to_linkage} days)" if r.days_to_linkage is not None else ""
            stands = [term(r.status), f"linked {day(r.linked_on)}{took}"]
        else:  # still waiting: since when, and how long that is
            stands = [term(r.status), f"since {day(r.referred_on)}"]
            if r.days_waiting is not None:
                stands.append(f"waiting {r.days_waiting} days")
        items.append(
            bullet(
                Span(r.resource),
                f" ({term(r.resource_kind)})",
                f": {r.purpose}" if trimmed(r.purpose) else "",
                " — " + ", ".join(stands),
            )
        )
    return [ItemList(tuple(items))] if items else []


def _tasks(review: StaffingReview) -> list[Block]:
    items = [
        bullet(
            Span(f"{OWNER_WORDS[t.owner]}:", "em"),
            " ",
            t.text,
            f" — due {day(t.due)}" if t.due else "",
            *_overdue(t.overdue),
        )
        for t in review.tasks
    ]
    return [ItemList(tuple(items))] if items else []


def _last_contact(review: StaffingReview) -> list[Block]:
    last = review.last_contact
    if last is None:
        return []
    when = f"Contact {last.number}, {day(last.on)}, {MEDIUM_WORDS[last.medium]}"
    if last.minutes is not None:
        when += f", {minutes(last.minutes)}"
    return [
        facts(
            [
                ("When", when),
                ("Summary", last.summary),
            ]
        )
    ]


def _completion(review: StaffingReview) -> list[Block]:
    return [facts(review.completion.lines())] if review.completion else []


_EMPTY = {
    "facts": "No facts recorded yet.",
    "strengths": "No strengths recorded yet.",
    "goals": "No goals set yet.",
    "barriers": "No open barriers.",
    "limitations": "None recorded.",
    "safety": "No open safety concerns.",
    "referrals": "No referrals yet.",
    "tasks": "Every task is done.",
    "completion": "Letting go has not begun.",
    "last_contact": "No contact yet.",
}


def build_staffing(case: Case, today: date) -> Document:
    """The staffing summary of ``case`` as it stands on ``today``."""
    review = build_review(case, today)
    barriers = [
        bullet(b.text, f" (blocks: {b.objective})" if b.objective else " (linkage in general)")
        for b in review.barriers
    ]
    content: dict[str, list[Block]] = {
        "facts": [_facts(review)],
        "strengths": _strengths(review),
        "goals": _goals(review),
        "barriers": [ItemList(tuple(barriers))] if barriers else [],
        "limitations": _limitations(review),
        "safety": [ItemList(tuple(_notes(review.safety_concerns)))]
        if review.safety_concerns
        else [],
        "referrals": _referrals(review),
        "tasks": _tasks(review),
        "completion": _completion(review),
        "last_contact": _last_contact(review),
    }
    sections = tuple(
        section(key, _TITLES[key], content[key], empty=_EMPTY[key]) for key, _ in SECTION_TITLES
    )
    meta = [("Case", review.case_id), ("Status", review.status)]
    if review.worker:
        meta.append(("Case manager", review.worker))
    if review.next_contact_on:
        meta.append(("Next contact", day(review.next_contact_on)))
    meta.append(("Prepared", day(today)))
    overdue = review.overdue_count
    if overdue:
        meta.append(("Overdue", f"{overdue} item{'s' * (overdue != 1)}"))
    notice = f"{PRACTICE_NOTICE} {NOTICE}" if review.practice else NOTICE
    return Document(
        kind="staffing",
        title=TITLE,
        meta=tuple(meta),
        sections=sections,
        notice=notice,
    )
