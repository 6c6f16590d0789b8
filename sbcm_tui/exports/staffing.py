"""The staffing summary: the review screen on paper, for the team meeting.

It is drawn from :func:`sbcm_tui.insight.review.build_review`, the same object the review screen
shows, in the same staffing order and with the same section titles, so what is printed never
disagrees with what was on screen. It is for the team, not the client: it holds risk and
limitations, and says so at the top.
"""

from __future__ import annotations

from datetime import date

from sbcm_tui.core.case import Case, StrengthKind
from sbcm_tui.exports.document import (
    Block,
    Document,
    Heading,
    Item,
    ItemList,
    Paragraph,
    Span,
    Table,
    aside,
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
    SECTION_TITLES,
    GoalLine,
    NoteLine,
    ObjectiveLine,
    ReferralLine,
    StaffingReview,
    build_review,
)

TITLE = "Staffing summary"
NOTICE = "For the team: holds risk and health information. Not a handout for the client."
_TITLES = dict(SECTION_TITLES)
_STRENGTH_ASIDES = {
    StrengthKind.CURRENT: "",
    StrengthKind.PAST: "past",
    StrengthKind.DESIRED: "wants to build",
}


def _overdue(flag: bool) -> tuple[str | Span, ...]:
    return (" ", Span("overdue")) if flag else ()


def _facts(review: StaffingReview) -> Block:
    return facts(review.facts.lines())


def _strengths(review: StaffingReview) -> list[Block]:
    blocks: list[Block] = []
    for group in review.strengths:
        items = []
        for line in group.strengths:
            items.append(bullet(quote(line.words), *aside(_STRENGTH_ASIDES[line.kind])))
        blocks += [Heading(group.title), ItemList(tuple(items))]
    return blocks


def _objective(line: ObjectiveLine) -> Item:
    status = f"achieved {day(line.achieved_on)}" if line.achieved_on else term(line.status)
    parts: list = [line.text, f" — by {day(line.target_date)}" if line.target_date else ""]
    parts += [f" — {status}", *_overdue(line.overdue)]
    if line.gas_level is not None:
        parts.append(f" — GAS {line.gas_level:+d}" if line.gas_level else " — GAS 0")
    children = []
    if trimmed(line.measure):
        children.append(bullet(Span("Measure:", "em"), " ", line.measure or ""))
    for step in line.strategies:
        who = in_brackets(step.who)
        when = f" — by {day(step.target_date)}" if step.target_date else ""
        done = f" — done {day(step.done_on, '')}".rstrip() if step.done else ""
        children.append(bullet(step.step, who, when, done, *_overdue(step.overdue)))
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


def _days(line: ReferralLine) -> str:
    if line.days_to_linkage is not None:
        return f"linked in {line.days_to_linkage}"
    if line.days_waiting is not None:
        return f"waiting {line.days_waiting}"
    return ""


def _referrals(review: StaffingReview) -> list[Block]:
    if not review.referrals:
        return []
    rows = tuple(
        (
            r.resource,
            term(r.resource_kind),
            r.purpose or "",
            term(r.status),
            day(r.referred_on),
            day(r.linked_on, ""),
            _days(r),
        )
        for r in review.referrals
    )
    columns = ("Resource", "Kind", "Purpose", "Status", "Referred", "Linked", "Days")
    return [Table(columns, rows)]


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
    return [
        facts(
            [
                ("Contact", str(last.number)),
                ("Date", day(last.on)),
                ("How", MEDIUM_WORDS[last.medium]),
                ("Length", minutes(last.minutes)),
                ("Carried over", last.carried_over),
                ("Summary", last.summary),
            ]
        )
    ]


_EMPTY = {
    "facts": "No facts recorded yet.",
    "strengths": "No strengths recorded yet.",
    "goals": "No goals set yet.",
    "barriers": "No open barriers.",
    "limitations": "None recorded.",
    "safety": "No open safety concerns.",
    "referrals": "No referrals yet.",
    "tasks": "Every task is done.",
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
