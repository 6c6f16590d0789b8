"""A progress note for one contact, in DAP form, for the worker to paste into the agency record.

DAP is the shape most agencies ask for: **Data** (what happened and what was said),
**Assessment** (what it means for the plan: reviews, barriers, linkage, risk) and **Plan** (who
does what next, and when the next contact is). The note is a draft drawn only from what the
contact captured: things recorded that day or at that contact number, plus the safety concerns
open at the time, because a record of a contact should never be silent on an open risk. The
worker reads it, edits it in the agency's system, and signs it there.
"""

from __future__ import annotations

from datetime import date

from sbcm_tui.core import casework
from sbcm_tui.core.case import SAFETY_KINDS, Case, Contact, NonStrength, TaskOwner
from sbcm_tui.exports.document import (
    Block,
    Document,
    Heading,
    ItemList,
    Paragraph,
    Section,
    Span,
    bullet,
    facts,
    in_brackets,
    section,
    trimmed,
)
from sbcm_tui.exports.words import (
    MEDIUM_WORDS,
    PRACTICE_NOTICE,
    day,
    minutes,
    protocol_titles,
    quote,
    step_words,
    term,
)
from sbcm_tui.files.protocols import load_prompt_bank

TITLE = "Progress note"


class ContactNotFound(LookupError):
    """The contact asked for is not in the case (or the case has no contacts yet)."""


def find_contact(case: Case, number: int | None) -> Contact:
    """Contact ``number`` (the latest one with that number), or the last contact when None."""
    if not case.contacts:
        raise ContactNotFound("this case has no contacts yet; a progress note needs one")
    if number is None:
        found = case.last_contact()
    else:
        same = [c for c in case.contacts if c.number == number]
        found = max(same, key=lambda c: c.on, default=None)
    if found is None:
        numbers = ", ".join(str(n) for n in sorted({c.number for c in case.contacts}))
        raise ContactNotFound(f"this case has no contact {number} (it has {numbers})")
    return found


def _previous(case: Case, contact: Contact) -> Contact | None:
    earlier = [c for c in case.contacts if (c.number, c.on) < (contact.number, contact.on)]
    return max(earlier, key=lambda c: (c.number, c.on), default=None)


def _following(case: Case, contact: Contact) -> Contact | None:
    later = [c for c in case.contacts if (c.number, c.on) > (contact.number, contact.on)]
    return min(later, key=lambda c: (c.number, c.on), default=None)


def _next_meeting(case: Case, contact: Contact) -> date | None:
    """The next meeting agreed at this contact. Files from before contacts kept it: the case's
    next meeting for the last contact, else the day the next contact happened, if later (a
    second contact the same day is not a "next meeting" anyone set)."""
    if contact.next_contact_on is not None:
        return contact.next_contact_on
    following = _following(case, contact)
    if following is None:
        return case.next_contact_on
    return following.on if following.on > contact.on else None


def _list(title: str, items: list) -> list[Block]:
    return [Heading(title), ItemList(tuple(items))] if items else []


def _data(case: Case, contact: Contact, step_titles: dict[tuple[int, str], str]) -> Section:
    bank = load_prompt_bank()
    previous = _previous(case, contact)
    since = previous.on if previous is not None else date.min
    steps = [
        bullet(step_titles.get((contact.number, s), step_words(s))) for s in contact.steps_done
    ]
    done_tasks = [
        bullet(t.text, f" — done {day(t.done_on)}")
        for t in case.tasks
        if t.done and t.done_on is not None and since < t.done_on <= contact.on
    ]
    strengths = [
        bullet(quote(s.words), f" ({bank.domain_title(s.domain)}; {term(s.kind)})")
        for s in case.strengths
        if s.contact == contact.number
    ]
    blocks: list[Block] = _list("Steps covered", steps)
    if trimmed(contact.carried_over):
        blocks += [Heading("Carried over from last time"), Paragraph((contact.carried_over or "",))]
    blocks += _list("Tasks done since the last contact", done_tasks)
    blocks += _list("Strengths noted (the client's words)", strengths)
    if trimmed(contact.summary):
        blocks += [Heading("Summary"), Paragraph((contact.summary or "",))]
    # contact.notes are the worker's private notes: never in the agency record.
    return section("data", "Data", blocks, empty="Nothing was recorded at this contact.")


def _concern(note: NonStrength) -> list:
    follow_up = trimmed(note.follow_up)
    parts = [Span(f"{term(note.kind).capitalize()}:"), " ", note.note]
    return [*parts, " — follow-up: ", follow_up] if follow_up else parts


def _at(number: int | None, day_: date | None, contact: Contact) -> bool:
    """Whether an entry belongs to this contact: by its contact number, which keeps two
    contacts on one day apart; entries from files before numbers were kept go by their day."""
    return number == contact.number if number is not None else day_ == contact.on


def _assessment(case: Case, contact: Contact) -> Section:
    reviews = []
    for review in contact.plan_reviews:
        objective = casework.find_objective(case, review.item_id)
        found = casework.find_strategy(case, review.item_id)
        text = objective.text if objective else (found[1].step if found else review.item_id)
        note = trimmed(review.note)
        reviews.append(
            bullet(
                Span(f"{review.item.capitalize()}:", "em"),
                " ",
                text,
                f" — {term(review.status)}",
                f": {note}" if note else "",
            )
        )
    objectives = {o.id: o.text for o in case.objectives()}
    barriers = [
        bullet(b.text, f" (in the way of: {objectives[b.objective_id]})" if b.objective_id else "")
        for b in case.barriers
        if _at(b.contact, b.noted_on, contact)
    ]
    resources = {r.id: r.name for r in case.resources}
    linkage = [
        bullet(resources[r.resource_id], f" — {term(step.status)}", in_brackets(r.purpose))
        for r in case.referrals
        for step in r.history
        if _at(step.contact, step.on, contact)
    ]
    recorded = [
        bullet(*_concern(n)) for n in case.non_strengths if _at(n.contact, n.noted_on, contact)
    ]
    open_then = [
        bullet(*_concern(n), f" (noted {day(n.noted_on)})")
        for n in case.non_strengths
        if n.kind in SAFETY_KINDS
        and n.noted_on < contact.on
        and (n.open or (n.closed_on is not None and n.closed_on > contact.on))
    ]
    blocks: list[Block] = _list("Plan reviewed", reviews)
    blocks += _list("Barriers identified", barriers)
    blocks += _list("Linkage", linkage)
    blocks += _list("Risk, health and limitations recorded", recorded)
    blocks += _list("Safety concerns already open", open_then)
    ending = case.disengagement
    if ending is not None and ending.started_at_contact == contact.number:
        blocks.append(Paragraph(("Disengagement was raised at this contact.",)))
    return section("assessment", "Assessment", blocks, empty="No assessment was recorded.")


def _plan(case: Case, contact: Contact) -> Section:
    def tasks(owner: TaskOwner) -> list:
        return [
            bullet(t.text, f" — by {day(t.due)}" if t.due else "")
            for t in case.tasks
            if t.contact == contact.number and t.owner is owner
        ]

    blocks: list[Block] = _list("The case manager will", tasks(TaskOwner.CASE_MANAGER))
    blocks += _list("The client will", tasks(TaskOwner.CLIENT))
    ending = case.disengagement
    if ending is not None and ending.completed_on == contact.on:
        if trimmed(ending.accomplishments):
            blocks += [Heading("Accomplishments"), Paragraph((ending.accomplishments or "",))]
        if trimmed(ending.independent_contact):
            blocks += [
                Heading("Staying connected without us"),
                Paragraph((ending.independent_contact or "",)),
            ]
    next_on = _next_meeting(case, contact)
    if next_on is not None:
        blocks.append(Paragraph((Span("Next contact:"), " ", day(next_on))))
    return section("plan", "Plan", blocks, empty="No next steps were recorded.")


def build_progress_note(case: Case, today: date, contact_number: int | None = None) -> Document:
    """The DAP note for contact ``contact_number`` (the last contact when None).

    Raises :class:`ContactNotFound` when there is no such contact."""
    contact = find_contact(case, contact_number)
    protocol_title, contact_titles, step_titles = protocol_titles(case)
    script = contact_titles.get(contact.number)
    header = facts(
        [
            ("Client", case.client.preferred_name),
            ("Case", case.id),
            ("Contact", f"{contact.number}: {script}" if script else str(contact.number)),
            ("Protocol", protocol_title),
            ("Date", day(contact.on)),
            ("How", MEDIUM_WORDS[contact.medium]),
            ("Length", minutes(contact.minutes)),
            ("Case manager", case.worker),
        ]
    )
    return Document(
        kind="progress-note",
        title=f"{TITLE}: contact {contact.number}, {day(contact.on)}",
        meta=(("Drafted", day(today)), ("For", "the agency record; check and edit before filing")),
        sections=(
            Section("contact", "Contact", (header,)),
            _data(case, contact, step_titles),
            _assessment(case, contact),
            _plan(case, contact),
        ),
        notice=PRACTICE_NOTICE if case.practice else None,
    )
