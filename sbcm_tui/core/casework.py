"""The things a worker does to a case during a contact, as plain functions the tests can call.

Screens call these instead of editing the model field by field, so the rules live in one place:
a review of a plan item updates the item as well as recording the review; linking a referral
stamps the day; finishing the last contact of the protocol lets the case go.
"""

from __future__ import annotations

from datetime import date

from sbcm_tui.core.case import (
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
    Referral,
    ReferralStatus,
    ReferralStep,
    ReviewStatus,
    Strategy,
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


def contact_is_empty(case: Case, contact: Contact) -> bool:
    """Nothing was recorded in this contact, and it was never ended (ending keeps its minutes):
    it can be dropped, or carried on with, without losing a word.

    Every field beyond the contact's number, date and medium counts, including fields added
    after this was written, so a new kind of record can never be mistaken for an empty contact."""
    if contact.model_dump(exclude=_CONTACT_IDENTITY, exclude_defaults=True):
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


def begin_contact(case: Case, today: date) -> Contact:
    """The contact a worker starts now: an empty one left behind is taken up again (dated today),
    so a case never shows a contact that did not happen; otherwise the next one."""
    resumed = contact_to_resume(case)
    if resumed is not None:
        resumed.on = today
        return resumed
    return start_contact(case, today)


# --- consents ----------------------------------------------------------------------------------


def record_consent(case: Case, consent: Consent) -> Consent:
    """Add a consent, or put an edited one in the place of the one with its id."""
    for index, existing in enumerate(case.consents):
        if existing.id == consent.id:
            case.consents[index] = consent
            return consent
    case.consents.append(consent)
    return consent


def withdraw_consent(consent: Consent, today: date) -> None:
    """The client takes a consent back: from today nothing more is shared under it."""
    consent.decision = ConsentDecision.REVOKED
    consent.withdrawn_on = today


def record_non_strength(case: Case, note: NonStrength) -> NonStrength:
    """Keep a risk, health or limitation note on the case (from any step, with one key)."""
    case.non_strengths.append(note)
    return note


def set_concern_open(note: NonStrength, open_: bool, today: date) -> None:
    """Open a safety or health note again, or close it as of today."""
    note.open = open_
    note.closed_on = None if open_ else today


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


def advance_referral(referral: Referral, today: date) -> ReferralStatus:
    """Move a referral one rung up the linkage ladder (a declined one starts again)."""
    current = referral.status
    if current is ReferralStatus.DECLINED:
        nxt = ReferralStatus.SUGGESTED
    elif current is ReferralStatus.RETAINED:
        return current
    else:
        nxt = LADDER[LADDER.index(current) + 1]
    referral.history.append(ReferralStep(status=nxt, on=today))
    return nxt


def set_referral_status(referral: Referral, status: ReferralStatus, today: date) -> None:
    """Record a new status for a referral with today's date (no-op if it already is)."""
    if referral.status is not status:
        referral.history.append(ReferralStep(status=status, on=today))


def begin_disengagement(case: Case, contact_number: int) -> Disengagement:
    """Start letting go (from the protocol's disengagement contact on)."""
    if case.disengagement is None:
        case.disengagement = Disengagement(started_at_contact=contact_number)
    elif case.disengagement.started_at_contact is None:
        case.disengagement.started_at_contact = contact_number
    return case.disengagement


def finish_contact(
    case: Case, contact: Contact, minutes: int | None, today: date, closes_at: int
) -> bool:
    """Close a contact: keep its length; at the protocol's closing contact the case is disengaged.

    Only the closing contact itself lets go: a long-term case that carries on past the
    protocol's last scripted contact (ongoing support) stays active until closed by hand.
    Returns True when this finished the work with the client."""
    if minutes is not None:
        contact.minutes = min(max(minutes, contact.minutes or 0), 24 * 60)
    if contact.number == closes_at and case.status is CaseStatus.ACTIVE:
        disengagement = begin_disengagement(case, contact.number)
        disengagement.completed_on = today
        case.status = CaseStatus.DISENGAGED
        return True
    return False
