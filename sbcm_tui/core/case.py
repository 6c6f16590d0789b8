"""The case model: one client's strengths-based case, as pydantic models.

Every name here is a word of the strengths-based model (strength, goal, objective, strategy,
barrier, referral, contact) so that a case manager could read the file and recognise it.

Rules that keep client words safe (see shared/PERSISTENCE.md):

* unknown keys are an error, never silently dropped (``extra="forbid"``);
* no NaN or infinity anywhere;
* datetimes are normalised to UTC, plain dates stay dates;
* every Optional field defaults to None, and no list holds None;
* validation errors never echo the input (``hide_input_in_errors``), because input is client text.
"""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

SCHEMA_VERSION = 3
"""The case-file schema this code writes. Older files are migrated on load (see casefile.py)."""


def _utc(value: datetime) -> datetime:
    """Store every moment in UTC: historic zones with sub-minute offsets do not round-trip TOML."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:  # e.g. 0001-01-01T00:00+01:00: in UTC it falls before year 1
        raise ValueError("this moment falls outside the years 1 to 9999 in UTC") from None


def now_utc() -> datetime:
    """The current moment in UTC, to the second (files stay readable, and equal on reload)."""
    return datetime.now(UTC).replace(microsecond=0)


def _empty(value: object) -> bool:
    """For a field left out of the file while empty."""
    return not value


_EMPTY_LIST: dict[str, Any] = {"json_schema_extra": {"default": []}}
"""A fresh list for each model, said in the published schema as ``= []`` says it."""


def new_id(prefix: str = "") -> str:
    """A short random id. Never derived from the client's name: file names are visible to anyone."""
    return prefix + secrets.token_hex(5)


def _plain_text(value: object) -> object:
    """One newline convention, and only characters UTF-8 can store.

    TOML readers fold CRLF inside multi-line strings to LF, so text must already be LF to
    reload equal; a lone surrogate (possible from odd pastes) would make the save itself fail,
    so it becomes U+FFFD instead of costing the whole note."""
    if not isinstance(value, str):
        return value
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if value.isascii():  # (most text: no surrogate can be in it, and no copy is made)
        return value
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return value


UtcDatetime = Annotated[datetime, AfterValidator(_utc)]
Text = Annotated[str, StringConstraints(max_length=100_000), BeforeValidator(_plain_text)]
RequiredText = Annotated[
    str, StringConstraints(min_length=1, max_length=100_000), BeforeValidator(_plain_text)
]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200), BeforeValidator(_plain_text)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
MAX_INT = 2**63 - 1
"""The largest whole number a case holds: what TOML 1.0 promises (a signed 64-bit integer), so a
file sbcm writes is read by strict readers in other languages too."""
ItemId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
CaseId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{3,63}$")]


class Model(BaseModel):
    """Base for every part of a case file: strict about keys, numbers and what errors reveal."""

    model_config = ConfigDict(
        extra="forbid",
        allow_inf_nan=False,
        hide_input_in_errors=True,
        validate_default=True,
    )


# --- enumerations --------------------------------------------------------------------------


class CaseStatus(StrEnum):
    """Where the case stands: being worked, let go at the end of the protocol, or closed."""

    ACTIVE = "active"
    DISENGAGED = "disengaged"
    CLOSED = "closed"


class ReadingLevel(StrEnum):
    """How the client reads, so handouts and plans can be pitched to them."""

    COMFORTABLE = "comfortable"
    SOME_DIFFICULTY = "some_difficulty"
    DOES_NOT_READ = "does_not_read"


class ConsentDecision(StrEnum):
    """What the client said about sharing information with someone."""

    GRANTED = "granted"
    REFUSED = "refused"
    REVOKED = "revoked"


class ConsentKind(StrEnum):
    """What a consent is about: telling someone, reaching the client a certain way, recording."""

    SHARE_INFORMATION = "share_information"
    CONTACT_BY_PHONE = "contact_by_phone"
    CONTACT_BY_TEXT = "contact_by_text"
    RECORDING = "recording"
    OTHER = "other"


class StrengthKind(StrEnum):
    """A strength the client has now, one they want, or one they drew on in the past."""

    CURRENT = "current"
    DESIRED = "desired"
    PAST = "past"


class NonStrengthKind(StrEnum):
    """Information that is not a strength but must still be recorded (the seeds' list)."""

    SUICIDAL = "suicidal_ideation_or_attempt"
    HARM_TO_OTHERS = "risk_of_harm_to_others"
    PHYSICAL_HEALTH = "physical_health"
    INTRINSIC_LIMITATION = "intrinsic_limitation"
    OTHER = "other"


SAFETY_KINDS = frozenset({NonStrengthKind.SUICIDAL, NonStrengthKind.HARM_TO_OTHERS})
"""Kinds that raise the safety banner while open."""


class ObjectiveStatus(StrEnum):
    """Where an objective stands after the last review of the plan."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    ACHIEVED = "achieved"
    REVISED = "revised"
    DROPPED = "dropped"


class ReviewStatus(StrEnum):
    """What the client and worker decided about one item when they reviewed the plan."""

    DONE = "done"
    IN_PROGRESS = "in_progress"
    REVISED = "revised"
    DROPPED = "dropped"


class ResourceKind(StrEnum):
    """Formal (agencies, entitlements), informal (everyday people and places), or created."""

    FORMAL = "formal"
    INFORMAL = "informal"
    CREATED = "created"


class ReferralStatus(StrEnum):
    """The linkage ladder, from a suggestion to staying connected; or declined."""

    SUGGESTED = "suggested"
    REFERRED = "referred"
    CONTACTED = "contacted"
    LINKED = "linked"
    RETAINED = "retained"
    DECLINED = "declined"


class TaskOwner(StrEnum):
    """Who promised to do a task before the next contact."""

    CASE_MANAGER = "case_manager"
    CLIENT = "client"


class ContactMedium(StrEnum):
    """How the contact happened."""

    IN_PERSON = "in_person"
    PHONE = "phone"
    VIDEO = "video"
    OUTREACH = "outreach"


# --- the client ---------------------------------------------------------------------------


class Client(Model):
    """The few facts a staffing meeting starts from, and what helps the worker reach the client.

    Checked on every assignment, so the limits here are the only ones: screens change a client
    through :mod:`sbcm_tui.core.client_facts`, which words a refusal for the field."""

    model_config = ConfigDict(validate_assignment=True)

    preferred_name: Name
    pronouns: Text | None = None
    birth_date: date | None = None
    age: Annotated[int, Field(ge=0, le=130)] | None = None
    living_situation: Text | None = None
    medical_conditions: list[RequiredText] = []
    language: Text | None = None
    reading_level: ReadingLevel | None = None
    how_to_reach: Text | None = None

    def age_on(self, day: date) -> int | None:
        """The client's age on a day: from the birth date when known, else the age recorded."""
        if self.birth_date is None:
            return self.age
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years


class Consent(Model):
    """A release of information: who may be told what, for how long; or the client's refusal."""

    id: ItemId = Field(default_factory=new_id)
    party: RequiredText
    scope: Text | None = None
    decision: ConsentDecision = ConsentDecision.GRANTED
    starts: date | None = None
    ends: date | None = None
    note: Text | None = None
    kind: ConsentKind | None = None
    """None in files written before kinds existed: those are all about sharing information."""
    withdrawn_on: date | None = None
    """The day the client took the consent back (the decision is then ``revoked``)."""

    @model_validator(mode="after")
    def _ends_after_start(self) -> Consent:
        if self.starts and self.ends and self.ends < self.starts:
            raise ValueError("a consent cannot end before it starts")
        return self

    def in_force(self, day: date) -> bool:
        """True when sharing is allowed on that day."""
        if self.decision is not ConsentDecision.GRANTED:
            return False
        if self.withdrawn_on is not None and self.withdrawn_on <= day:
            return False
        return (self.starts is None or self.starts <= day) and (
            self.ends is None or day <= self.ends
        )


# --- strengths and what is not a strength -------------------------------------------------


class Strength(Model):
    """A strength in the client's own words, filed under a life domain."""

    id: ItemId = Field(default_factory=new_id)
    domain: Slug
    words: RequiredText
    kind: StrengthKind = StrengthKind.CURRENT
    category: Slug | None = None
    prompt_id: Slug | None = None
    contact: Annotated[int, Field(ge=1, le=MAX_INT)] | None = None
    noted_on: date | None = None


class NonStrength(Model):
    """Risk, health or a limitation: recorded, followed up, and closed when it no longer applies."""

    id: ItemId = Field(default_factory=new_id)
    kind: NonStrengthKind
    note: RequiredText
    noted_on: date
    follow_up: Text | None = None
    open: bool = True
    closed_on: date | None = None
    closing_note: Text | None = None
    contact: Annotated[int, Field(ge=1, le=MAX_INT)] | None = None
    """The contact it was recorded at (files from before this say only the day)."""
    """Why it was closed (what changed, who agreed): a concern is never closed without a word."""

    @property
    def is_safety_concern(self) -> bool:
        """An open risk to the client's or someone else's life: it raises the banner."""
        return self.open and self.kind in SAFETY_KINDS


# --- the plan: goals, objectives, strategies -------------------------------------------------


class Strategy(Model):
    """A baby step towards an objective: what, who does it, by when."""

    id: ItemId = Field(default_factory=new_id)
    step: RequiredText
    who: Text | None = None
    target_date: date | None = None
    done: bool = False
    done_on: date | None = None


class Objective(Model):
    """A specific, measurable step towards a goal: nobody should doubt whether it was done."""

    id: ItemId = Field(default_factory=new_id)
    text: RequiredText
    measure: Text | None = None
    target_date: date | None = None
    status: ObjectiveStatus = ObjectiveStatus.OPEN
    achieved_on: date | None = None
    gas_level: Annotated[int, Field(ge=-2, le=2)] | None = None
    strategies: list[Strategy] = []

    @property
    def is_open(self) -> bool:
        """Still being worked on: neither achieved nor dropped."""
        return self.status in (
            ObjectiveStatus.OPEN,
            ObjectiveStatus.IN_PROGRESS,
            ObjectiveStatus.REVISED,
        )

    def is_overdue(self, today: date) -> bool:
        """Open and past its target date."""
        return self.is_open and self.target_date is not None and self.target_date < today


class Goal(Model):
    """What the client wants, in their own words; the worker helps shape, never decides."""

    id: ItemId = Field(default_factory=new_id)
    words: RequiredText
    domain: Slug | None = None
    set_on: date | None = None
    confirmed_safe: bool = False
    objectives: list[Objective] = []


class Barrier(Model):
    """Something in the way of an objective (or of linkage in general when none is named)."""

    id: ItemId = Field(default_factory=new_id)
    text: RequiredText
    objective_id: ItemId | None = None
    noted_on: date | None = None
    resolved: bool = False
    resolved_on: date | None = None
    contact: Annotated[int, Field(ge=1, le=MAX_INT)] | None = None
    """The contact it was recorded at (files from before this say only the day)."""


# --- community resources ---------------------------------------------------------------------


class Resource(Model):
    """A person, place or service in the client's community that can help."""

    id: ItemId = Field(default_factory=new_id)
    name: RequiredText
    kind: ResourceKind = ResourceKind.FORMAL
    how_to_reach: Text | None = None
    note: Text | None = None


class ReferralStep(Model):
    """One rung of the linkage ladder, with the day it was reached."""

    status: ReferralStatus
    on: date
    contact: Annotated[int, Field(ge=1, le=MAX_INT)] | None = None
    """The contact it was recorded at (files from before this say only the day)."""


class Referral(Model):
    """A referral to a resource and how far linkage has come; the last step is the status."""

    id: ItemId = Field(default_factory=new_id)
    resource_id: ItemId
    purpose: Text | None = None
    objective_id: ItemId | None = None
    history: Annotated[list[ReferralStep], Field(min_length=1)]

    @property
    def status(self) -> ReferralStatus:
        """The latest step reached."""
        return self.history[-1].status

    def reached(self, status: ReferralStatus) -> date | None:
        """The first day this referral reached a step, if it did."""
        return next((s.on for s in self.history if s.status is status), None)

    def days_to_linkage(self) -> int | None:
        """Days from the referral (or first suggestion) to linkage, when linked."""
        linked = self.reached(ReferralStatus.LINKED)
        if linked is None:
            return None
        start = self.reached(ReferralStatus.REFERRED) or self.history[0].on
        return (linked - start).days


class Task(Model):
    """A promise made for the next contact: by the worker for the client, or by the client."""

    id: ItemId = Field(default_factory=new_id)
    text: RequiredText
    owner: TaskOwner = TaskOwner.CASE_MANAGER
    due: date | None = None
    contact: Annotated[int, Field(ge=1, le=MAX_INT)] | None = None
    done: bool = False
    done_on: date | None = None

    def is_overdue(self, today: date) -> bool:
        """Not done and past due."""
        return not self.done and self.due is not None and self.due < today


# --- contacts --------------------------------------------------------------------------------


class PlanReview(Model):
    """What was decided about one objective or strategy when the plan was reviewed at a contact."""

    item_id: ItemId
    item: Literal["objective", "strategy"]
    status: ReviewStatus
    note: Text | None = None


PracticeCode = Literal["open_question", "closed_question", "reflection", "affirmation", "other"]
"""How a trainee's line was coded (the values of ``practice.coder.Code``, kept here as plain
strings so that the case model never depends on the practice package)."""


class PracticeLine(Model):
    """One turn of a role-play transcript: what the trainee said and how it was coded, or what
    the (scripted or partner-played) client answered and which hidden strengths that revealed."""

    speaker: Literal["worker", "client"]
    text: Text
    suggested: PracticeCode | None = None
    code: PracticeCode | None = None
    topic: Slug | None = None
    revealed: Annotated[list[Slug], Field(default_factory=list, exclude_if=_empty, **_EMPTY_LIST)]
    """Most lines reveal nothing; an empty list on each one would only clutter the file."""


class Contact(Model):
    """One meeting (or attempt) with the client, numbered in the protocol's order."""

    number: Annotated[int, Field(ge=1, le=MAX_INT)]
    on: date
    minutes: Annotated[int, Field(ge=0, le=24 * 60)] | None = None
    medium: ContactMedium = ContactMedium.IN_PERSON
    steps_done: list[Slug] = []
    carried_over: Text | None = None
    summary: Text | None = None
    notes: Text | None = None
    plan_reviews: list[PlanReview] = []
    practice_lines: Annotated[
        list[PracticeLine], Field(default_factory=list, exclude_if=_empty, **_EMPTY_LIST)
    ]
    """Only role-play contacts have a transcript: real contacts (and every file written before
    practice mode existed) keep exactly the bytes they always had. (Left out by pydantic
    itself: a serializer of our own on every contact made a 2,000-contact case's dump, done on
    the UI thread before each save, twice as slow.)"""
    next_contact_on: date | None = None
    """The next meeting as agreed at this contact (the case keeps only the latest): a progress
    note for this contact says what was agreed then, whatever happened after."""
    paused_on: date | None = None
    """Set while the contact is paused (the client stepped out, a call came in): the next
    ``c`` that day carries on with it, clock and all."""


class Disengagement(Model):
    """Letting go well: what the client achieved, and how they will stay connected on their own."""

    started_at_contact: Annotated[int, Field(ge=1, le=MAX_INT)] | None = None
    accomplishments: Text | None = None
    independent_contact: Text | None = None
    completed_on: date | None = None


# --- the case --------------------------------------------------------------------------------


class CopyOf(Model):
    """Where a case file that is a copy came from: which case, at which revision, when, and
    why (another editor saved the same case first; or the version kept after a crash)."""

    case_id: CaseId
    revision: Annotated[int, Field(ge=0, le=MAX_INT)]
    made_at: UtcDatetime
    reason: Literal["conflict", "recovery"] = "conflict"


JsonText = Annotated[str, StringConstraints(max_length=2_000_000)]
"""A value kept as JSON text (a field's value, or a whole goal), as a team merge found it."""


class InboxEntry(Model):
    """Something a team merge could not decide alone: both sides changed one field to
    different values, or one side deleted what the other edited. The merge kept one value (see
    ``kept``) and files the other here, so nothing either worker wrote is lost; the worker
    swaps them, keeps both, or dismisses the entry (sbcm_tui/team/inbox.py)."""

    id: ItemId = Field(default_factory=new_id)
    kind: Literal["both_changed", "deleted_and_edited", "added_twice"]
    path: Annotated[str, StringConstraints(min_length=2, max_length=4000)]
    """Where, as a JSON list of field names and item keys (``["goals", {"id": "g1"},
    "text"]``): ids and field names only, never client text, so it can be shown anywhere."""
    kept: JsonText
    """The value the case holds now, as JSON (``null`` when the item was left deleted)."""
    other: JsonText
    """The value it replaced, as JSON (``null`` for a deletion)."""
    kept_by: Name | None = None
    other_by: Name | None = None
    """Who wrote the other value (the author of that side's last change), when known."""
    other_at: UtcDatetime | None = None
    found_at: UtcDatetime = Field(default_factory=now_utc)


class Transfer(Model):
    """A case handed from one worker to another: who handed it over, to whom, when, and why
    (a team folder's ``sbcm team transfer``; the case's ``worker`` is then the new one)."""

    id: ItemId = Field(default_factory=new_id)
    at: UtcDatetime = Field(default_factory=now_utc)
    from_worker: Name | None = None
    to_worker: Name
    to_worker_id: ItemId | None = None
    """The team id of the worker taken over, stable when a name changes."""
    by: Name
    reason: Text | None = None


class Reopening(Model):
    """A disengaged or closed case taken up again: when, from what, and why."""

    on: date
    was: CaseStatus
    reason: RequiredText


class Case(Model):
    """One client's case file: everything the five contacts capture, and who wrote it when."""

    schema_version: Literal[3] = SCHEMA_VERSION
    id: CaseId = Field(default_factory=lambda: new_id("c-"))
    status: CaseStatus = CaseStatus.ACTIVE
    practice: bool = False
    scenario: Slug | None = None
    protocol: Slug = "brief-five"
    worker: Text | None = None
    created_at: UtcDatetime = Field(default_factory=now_utc)
    updated_at: UtcDatetime = Field(default_factory=now_utc)
    revision: Annotated[int, Field(ge=0, le=MAX_INT)] = 0
    next_contact_on: date | None = None
    client: Client
    consents: list[Consent] = []
    strengths: list[Strength] = []
    non_strengths: list[NonStrength] = []
    goals: list[Goal] = []
    barriers: list[Barrier] = []
    resources: list[Resource] = []
    referrals: list[Referral] = []
    tasks: list[Task] = []
    contacts: list[Contact] = []
    disengagement: Disengagement | None = None
    reopenings: list[Reopening] = []
    copy_of: CopyOf | None = None
    inbox: list[InboxEntry] = []
    transfers: list[Transfer] = []
    """Hand-overs between workers, oldest first."""
    """What team merges left for a person to decide (empty for a case never merged)."""
    strength_draft: Text | None = None
    """Words typed into the strength capture and not yet saved as a strength: kept in the file
    (and put back in the field) so that a crash or a closed laptop loses none of them."""
    unsaved_form: Text | None = None
    """What is typed in a plan form (goal, objective, strategy, barrier) that is open, neither
    saved nor closed: in the file within the autosave's second, shown on the case if the app
    died with the form open, and cleared when a form is next saved or closed."""

    @model_validator(mode="after")
    def _references_resolve(self) -> Case:
        """Links between parts of the case must point at something that exists."""
        objective_ids = {o.id for o in self.objectives()}
        strategy_ids = {s.id for o in self.objectives() for s in o.strategies}
        resource_ids = {r.id for r in self.resources}
        for i, barrier in enumerate(self.barriers):
            if barrier.objective_id is not None and barrier.objective_id not in objective_ids:
                raise ValueError(f"barriers[{i}].objective_id: names no objective of this case")
        for i, referral in enumerate(self.referrals):
            if referral.resource_id not in resource_ids:
                raise ValueError(f"referrals[{i}].resource_id: names no resource of this case")
            if referral.objective_id is not None and referral.objective_id not in objective_ids:
                raise ValueError(f"referrals[{i}].objective_id: names no objective of this case")
        for c, contact in enumerate(self.contacts):
            for r, review in enumerate(contact.plan_reviews):
                known = objective_ids if review.item == "objective" else strategy_ids
                if review.item_id not in known:
                    where = f"contacts[{c}].plan_reviews[{r}].item_id"
                    raise ValueError(f"{where}: names no {review.item} of this case")
        return self

    # Queries a screen or a report asks often; they derive, never store.

    def objectives(self) -> list[Objective]:
        """Every objective of every goal, in plan order."""
        return [o for g in self.goals for o in g.objectives]

    def open_safety_concerns(self) -> list[NonStrength]:
        """Open suicide or harm-to-others notes: shown as a banner on every screen of the case."""
        return [n for n in self.non_strengths if n.is_safety_concern]

    def last_contact(self) -> Contact | None:
        """The most recent contact by number (then date)."""
        return max(self.contacts, key=lambda c: (c.number, c.on), default=None)

    def next_contact_number(self) -> int:
        """The number the next contact will have."""
        last = self.last_contact()
        return 1 if last is None else last.number + 1

    @property
    def scenario_id(self) -> str | None:
        """The role-play scenario a practice case was started from (another name for
        ``scenario``, the key the file keeps)."""
        return self.scenario

    @scenario_id.setter
    def scenario_id(self, value: str | None) -> None:
        self.scenario = value
