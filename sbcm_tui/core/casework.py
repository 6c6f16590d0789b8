"""The things a worker does to a case during a contact, as plain functions the tests can call.

Screens call these instead of editing the model field by field, so the rules live in one place:
a review of a plan item updates the item as well as recording the review; linking a referral
stamps the day; finishing the last contact of the protocol lets the case go.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sbcm_tui.core.case import (
    SAFETY_KINDS,
    Case,
    CaseStatus,
    Consent,
    ConsentDecision,
    Contact,
    ContactMedium,
    Disengagement,
    NonStrength,
    Objective,
    ObjectiveStatus,
    PlanReview,
    PracticeLine,
    Referral,
    ReferralStatus,
    ReferralStep,
    Reopening,
    Resource,
    ResourceKind,
    ReviewStatus,
    Strategy,
    Strength,
    Task,
)


def start_contact(
    case: Case, today: date, medium: ContactMedium = ContactMedium.IN_PERSON
) -> Contact:
    """Open the next contact in the protocol's numbering."""
    contact = Contact(number=case.next_contact_number(), on=today, medium=medium)
    case.contacts.append(contact)
    return contact


_CONTACT_IDENTITY = {"number", "on", "medium"}
"""What a contact has from the moment it starts; anything else in it was recorded."""


def _is_blank(value: object) -> bool:
    """Text that holds only spaces, tabs or newlines: nothing anyone could read."""
    return isinstance(value, str) and not value.strip()


def contact_is_empty(case: Case, contact: Contact) -> bool:
    """Nothing was recorded in this contact, and it was never ended (ending keeps its minutes):
    it can be dropped, or carried on with, without losing a word.

    Every field beyond the contact's number, date and medium counts, including fields added
    after this was written, so a new kind of record can never be mistaken for an empty contact.
    Text holding only whitespace is not a record: a stray space is not a meeting."""
    recorded = contact.model_dump(exclude=_CONTACT_IDENTITY, exclude_defaults=True)
    if any(not _is_blank(value) for value in recorded.values()):
        return False
    return not (
        any(s.contact == contact.number for s in case.strengths)
        or any(t.contact == contact.number for t in case.tasks)
    )


def contact_to_resume(case: Case) -> Contact | None:
    """The last contact, when it was started and left with nothing in it (the app was closed or
    killed right after starting it): the next contact carries on with it instead of skipping."""
    last = case.last_contact()
    return last if last is not None and contact_is_empty(case, last) else None


def paused_contact(case: Case, today: date) -> Contact | None:
    """The last contact when it was paused today: the next ``c`` carries on with it. One paused
    on an earlier day is not taken up again (it stands as it was left; the next is new)."""
    last = case.last_contact()
    return last if last is not None and last.paused_on == today else None


def pause_contact(contact: Contact, today: date, minutes: int) -> None:
    """Step out of a contact without ending it, keeping the minutes so far."""
    contact.paused_on = today
    contact.minutes = min(max(minutes, contact.minutes or 0), 24 * 60)


def begin_contact(case: Case, today: date) -> Contact:
    """The contact a worker starts now: one paused today carries on; an empty one left behind
    is taken up again (dated today), so a case never shows a contact that did not happen;
    otherwise the next one."""
    paused = paused_contact(case, today)
    if paused is not None:
        paused.paused_on = None
        return paused
    for earlier in case.contacts:  # paused and never taken up again: it stands as it was left
        earlier.paused_on = None
    resumed = contact_to_resume(case)
    if resumed is not None:
        resumed.on = today
        return resumed
    return start_contact(case, today)


_SAVE_STAMPS = {"revision", "updated_at"}
"""What saving a case changes in it: never a record of anything done with the client."""


def case_beside(case: Case, contact: Contact) -> dict[str, Any]:
    """The whole case but this contact (and the save's stamps), as plain data.

    Taken when a contact starts and again when it ends, it tells whether anything was kept
    outside the contact while it ran (a goal, a consent, a resource): then the contact
    happened, even with nothing in it. A word typed and deleted again leaves it as it was, so
    that contact is still empty."""
    data = case.model_dump(exclude={*_SAVE_STAMPS, "contacts"})
    data["contacts"] = [c.model_dump() for c in case.contacts if c is not contact]
    return data


def remove_contact(case: Case, contact: Contact) -> Contact:
    """Take out a contact recorded by mistake (the case's earlier versions keep it).

    Its plan reviews go with it (they live inside it); the objectives and steps keep the status
    those reviews gave them. Strengths and tasks noted at it stay on the case, the client's
    words and promises, but no longer name it: its number is free again, and the next contact
    takes it, so they must not seem to come from that one."""
    case.contacts.remove(contact)
    if all(c.number != contact.number for c in case.contacts):
        for item in (*case.strengths, *case.tasks):
            if item.contact == contact.number:
                item.contact = None
    return contact


# --- consents ----------------------------------------------------------------------------------


def record_consent(case: Case, consent: Consent) -> Consent:
    """Add a consent, or put an edited one in the place of the one with its id."""
    for index, existing in enumerate(case.consents):
        if existing.id == consent.id:
            case.consents[index] = consent
            return consent
    case.consents.append(consent)
    return consent


def remove_consent(case: Case, consent_id: str) -> bool:
    """Delete a consent recorded by mistake (a consent taken back is withdrawn, not removed)."""
    return _remove_by_id(case.consents, consent_id)


def withdraw_consent(consent: Consent, today: date) -> None:
    """The client takes a consent back: from today nothing more is shared under it."""
    consent.decision = ConsentDecision.REVOKED
    consent.withdrawn_on = today


def record_non_strength(case: Case, note: NonStrength, contact: int | None = None) -> NonStrength:
    """Keep a risk, health or limitation note on the case (from any step, with one key), tied
    to the contact in progress when there is one."""
    note.contact = contact
    case.non_strengths.append(note)
    return note


def close_concern(note: NonStrength, today: date, closing_note: str | None) -> None:
    """Close a safety or health note as of today, keeping what changed (why it can close).

    A risk to the client's or someone else's life is never closed without that word: a
    ValueError, and the note stays open (its banner stays up). Others may close without one."""
    words = None if closing_note is None or _is_blank(closing_note) else closing_note.strip()
    if words is None and note.kind in SAFETY_KINDS:
        raise ValueError("a safety concern is closed only with a closing note: what changed")
    note.open, note.closed_on, note.closing_note = False, today, words


def reopen_concern(note: NonStrength) -> None:
    """Open a closed note again. Its closing note goes with the closing: an open concern that
    still says why it was closed would mislead whoever reads it next (the case's earlier
    versions keep it)."""
    note.open, note.closed_on, note.closing_note = True, None, None


def drop_contact(case: Case, contact: Contact) -> None:
    """Take back a contact nothing was recorded in (see :func:`contact_is_empty`)."""
    if contact in case.contacts:
        case.contacts.remove(contact)


def mark_step_done(contact: Contact, step_id: str) -> None:
    """Record that a protocol step was covered in this contact (once)."""
    if step_id not in contact.steps_done:
        contact.steps_done.append(step_id)


def find_objective(case: Case, objective_id: str) -> Objective | None:
    """The objective with this id, wherever it sits in the plan."""
    return next((o for o in case.objectives() if o.id == objective_id), None)


def find_strategy(case: Case, strategy_id: str) -> tuple[Objective, Strategy] | None:
    """The strategy with this id and the objective it serves."""
    for objective in case.objectives():
        for strategy in objective.strategies:
            if strategy.id == strategy_id:
                return objective, strategy
    return None


_OBJECTIVE_AFTER_REVIEW = {
    ReviewStatus.DONE: ObjectiveStatus.ACHIEVED,
    ReviewStatus.IN_PROGRESS: ObjectiveStatus.IN_PROGRESS,
    ReviewStatus.REVISED: ObjectiveStatus.REVISED,
    ReviewStatus.DROPPED: ObjectiveStatus.DROPPED,
}


def review_item(
    case: Case,
    contact: Contact,
    item_id: str,
    status: ReviewStatus,
    today: date,
    note: str | None = None,
) -> PlanReview:
    """Review one objective or strategy at this contact; the latest review of an item wins."""
    objective = find_objective(case, item_id)
    if objective is not None:
        kind = "objective"
        objective.status = _OBJECTIVE_AFTER_REVIEW[status]
        objective.achieved_on = today if status is ReviewStatus.DONE else None
    else:
        found = find_strategy(case, item_id)
        if found is None:
            raise KeyError(item_id)
        kind = "strategy"
        strategy = found[1]
        strategy.done = status is ReviewStatus.DONE
        strategy.done_on = today if strategy.done else None
    review = PlanReview(item_id=item_id, item=kind, status=status, note=note)
    contact.plan_reviews = [r for r in contact.plan_reviews if r.item_id != item_id]
    contact.plan_reviews.append(review)
    return review


def review_of(contact: Contact, item_id: str) -> PlanReview | None:
    """This contact's review of an item, if it was reviewed."""
    return next((r for r in contact.plan_reviews if r.item_id == item_id), None)


def items_to_review(case: Case) -> list[Objective | Strategy]:
    """Every open objective and its strategies that are not done: the plan to go over."""
    items: list[Objective | Strategy] = []
    for objective in case.objectives():
        if objective.is_open:
            items.append(objective)
            items.extend(s for s in objective.strategies if not s.done)
    return items


LADDER = [
    ReferralStatus.SUGGESTED,
    ReferralStatus.REFERRED,
    ReferralStatus.CONTACTED,
    ReferralStatus.LINKED,
    ReferralStatus.RETAINED,
]


def advance_referral(referral: Referral, today: date, contact: int | None = None) -> ReferralStatus:
    """Move a referral one rung up the linkage ladder (a declined one starts again)."""
    current = referral.status
    if current is ReferralStatus.DECLINED:
        nxt = ReferralStatus.SUGGESTED
    elif current is ReferralStatus.RETAINED:
        return current
    else:
        nxt = LADDER[LADDER.index(current) + 1]
    referral.history.append(ReferralStep(status=nxt, on=today, contact=contact))
    return nxt


def set_referral_status(
    referral: Referral, status: ReferralStatus, today: date, contact: int | None = None
) -> None:
    """Record a new status for a referral with today's date, and the contact it was changed
    at if any (no-op if it already is)."""
    if referral.status is not status:
        referral.history.append(ReferralStep(status=status, on=today, contact=contact))


def begin_disengagement(case: Case, contact_number: int) -> Disengagement:
    """Start letting go (from the protocol's disengagement contact on)."""
    if case.disengagement is None:
        case.disengagement = Disengagement(started_at_contact=contact_number)
    elif case.disengagement.started_at_contact is None:
        case.disengagement.started_at_contact = contact_number
    return case.disengagement


def contact_closes_case(case: Case, contact: Contact, closes_at: int) -> bool:
    """Finishing this contact ends the work: it is the protocol's closing contact, and the
    case is still active (see :func:`finish_contact`). The screen asks before it does."""
    return contact.number == closes_at and case.status is CaseStatus.ACTIVE


def reopen_case(case: Case, today: date, reason: str) -> Reopening:
    """Take a disengaged or closed case up again, keeping when, from what, and why.

    ValueError for an active case (nothing to reopen) or a reason with no words in it."""
    if case.status is CaseStatus.ACTIVE:
        raise ValueError("this case is already active")
    if _is_blank(reason):
        raise ValueError("a case is reopened only with a reason")
    reopening = Reopening(on=today, was=case.status, reason=reason.strip())
    case.reopenings.append(reopening)
    case.status = CaseStatus.ACTIVE
    return reopening


def finish_contact(
    case: Case, contact: Contact, minutes: int | None, today: date, closes_at: int
) -> bool:
    """Close a contact: keep its length; at the protocol's closing contact the case is disengaged.

    Only the closing contact itself lets go: a long-term case that carries on past the
    protocol's last scripted contact (ongoing support) stays active until closed by hand.
    Returns True when this finished the work with the client."""
    if minutes is not None:
        contact.minutes = min(max(minutes, contact.minutes or 0), 24 * 60)
    if contact_closes_case(case, contact, closes_at):
        disengagement = begin_disengagement(case, contact.number)
        disengagement.completed_on = today
        case.status = CaseStatus.DISENGAGED
        return True
    return False


# --- strengths, tasks and resources --------------------------------------------------------


def _remove_by_id(items: list[Any], item_id: str) -> bool:
    """Take the item with this id out of a list of a case's items; False when it has gone."""
    before = len(items)
    items[:] = [item for item in items if item.id != item_id]
    return len(items) < before


def record_strength(case: Case, strength: Strength) -> Strength:
    """Keep a strength heard, and let go of the words that were typed for it."""
    case.strengths.append(strength)
    case.strength_draft = None
    return strength


def remove_strength(case: Case, strength_id: str) -> bool:
    """Delete a strength noted by mistake."""
    return _remove_by_id(case.strengths, strength_id)


def add_task(case: Case, task: Task) -> Task:
    """A task promised, by the worker or the client."""
    case.tasks.append(task)
    return task


def toggle_task(task: Task, today: date) -> None:
    """Mark a task done today, or undo that."""
    task.done = not task.done
    task.done_on = today if task.done else None


def remove_task(case: Case, task_id: str) -> bool:
    """Delete a task written by mistake."""
    return _remove_by_id(case.tasks, task_id)


def keep_resource(
    case: Case,
    *,
    name: str,
    kind: ResourceKind,
    how_to_reach: str | None,
    resource: Resource | None = None,
) -> Resource:
    """A resource in the community (formal, informal, created), new or ``resource`` changed."""
    if resource is None:
        resource = Resource(name=name)
        case.resources.append(resource)
    resource.name, resource.kind, resource.how_to_reach = name, kind, how_to_reach
    return resource


def refer(
    case: Case,
    resource_id: str,
    purpose: str | None,
    objective_id: str | None,
    today: date,
    contact: int | None = None,
) -> Referral:
    """Refer the client to a resource, for an objective: the first rung of the ladder, today."""
    referral = Referral(
        resource_id=resource_id,
        purpose=purpose,
        objective_id=objective_id,
        history=[ReferralStep(status=ReferralStatus.SUGGESTED, on=today, contact=contact)],
    )
    case.referrals.append(referral)
    return referral


def recode_line(line: PracticeLine, code: str) -> bool:
    """Correct the code of a trainee's line in a practice transcript (the coder's suggestion is
    kept beside it); False for a client's line or the same code."""
    if line.speaker != "worker" or line.code == code:
        return False
    line.code = code
    return True


# --- what is written during a contact ------------------------------------------------------

CONTACT_RECORD = frozenset({"summary", "notes", "carried_over", "medium", "minutes"})
"""The fields of a contact a worker writes while it is in progress."""


def note_on_contact(contact: Contact, field: str, value: object) -> bool:
    """Write one field of the contact's record (its summary, notes, the issues carried over,
    how it was held, its minutes); False when it already said that."""
    if field not in CONTACT_RECORD:
        raise ValueError(f"not a field of the contact record: {field}")
    if getattr(contact, field) == value:
        return False
    setattr(contact, field, value)
    return True


def put_back_contact(case: Case, contact: Contact) -> Contact:
    """The contact in progress, in a case just read again from disk: the one there with its
    number, or this one added back when the file never had it (it was not saved yet)."""
    same = next((c for c in case.contacts if c.number == contact.number), None)
    if same is not None:
        return same
    case.contacts.append(contact)
    return contact


def set_next_contact(case: Case, day: date | None, at: Contact | None = None) -> bool:
    """The day of the next meeting, changed at contact ``at`` when given (that contact keeps
    it too); False when it already was (a contact that only showed the day set nothing)."""
    if case.next_contact_on == day:
        return False
    case.next_contact_on = day
    if at is not None:
        at.next_contact_on = day
    return True


def note_review(contact: Contact, item_id: str, note: str | None) -> bool:
    """A note on this contact's review of an item; False when the item was not reviewed."""
    review = review_of(contact, item_id)
    if review is None:
        return False
    review.note = note
    return True


def write_ending(case: Case, field: str, value: str | None) -> bool:
    """Write what the client accomplished, or how they will stay connected, as the work comes
    to an end; the disengagement record begins with the first word. False when unchanged."""
    if field not in ("accomplishments", "independent_contact"):
        raise ValueError(f"not a field of the ending: {field}")
    ending = case.disengagement
    if ending is None:
        if value is None:
            return False
        ending = case.disengagement = Disengagement()
    if getattr(ending, field) == value:
        return False
    setattr(ending, field, value)
    return True


def keep_strength_draft(case: Case, words: str | None) -> bool:
    """Words typed for a strength and not yet entered, kept in the file; False if unchanged."""
    if case.strength_draft == words:
        return False
    case.strength_draft = words
    return True


def keep_unsaved_form(case: Case, typed: str | None) -> bool:
    """What an open form holds, kept in the file until it is saved or closed."""
    if case.unsaved_form == typed:
        return False
    case.unsaved_form = typed
    return True


def add_practice_lines(contact: Contact, *lines: PracticeLine) -> None:
    """Lines said in a practice contact (the trainee's, and the scripted client's answer)."""
    contact.practice_lines.extend(lines)
