"""The staffing review of one case: what a team looks at before deciding how to help.

The seeds name the order a case is presented in at a staffing meeting: a few facts (name, age,
living situation, medical conditions), strengths, goals with their objectives and strategies,
barriers, inherent limitations. To that we add what a supervisor asks next: open safety
concerns, how referrals are going (linkage and the days it took), promises not yet kept, and
what happened at the last contact.

:func:`build_review` reads a case once and returns plain frozen dataclasses, already sorted and
with every "is this overdue?" answered against the day given. The review screen and the
exporters (Markdown, HTML, JSON) all draw from the same :class:`StaffingReview`, so a printed
summary never disagrees with the screen. No Textual or Rich import here.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass
from datetime import date

from sbcm_tui.core.case import (
    Case,
    ContactMedium,
    NonStrength,
    NonStrengthKind,
    Objective,
    ObjectiveStatus,
    Referral,
    ReferralStatus,
    ResourceKind,
    StrengthKind,
    TaskOwner,
)
from sbcm_tui.core.client_facts import ShownFact, Surface, shown_facts
from sbcm_tui.core.dates import format_date
from sbcm_tui.core.protocol import PromptBank
from sbcm_tui.files.protocols import load_prompt_bank

SECTION_TITLES = (
    ("facts", "Few facts"),
    ("strengths", "Strengths"),
    ("goals", "Goals, objectives and strategies"),
    ("barriers", "Barriers"),
    ("limitations", "Inherent limitations"),
    ("safety", "Open safety concerns"),
    ("referrals", "Referrals and linkage"),
    ("tasks", "Tasks not done"),
    ("completion", "Completing the work"),
    ("last_contact", "Last contact"),
)
"""The sections in staffing order, as (key, title): screens and exports use the same words."""

_LINKED = frozenset({ReferralStatus.LINKED, ReferralStatus.RETAINED})


@dataclass(frozen=True, slots=True)
class FewFacts:
    """Who the client is, in the few facts a staffing meeting opens with."""

    name: str
    pronouns: str | None
    age: int | None
    """From the birth date on the review day when known, else the age recorded."""
    birth_date: date | None
    living_situation: str | None
    medical_conditions: tuple[str, ...]
    health_notes: tuple[str, ...]
    """Open physical-health notes (non-strengths information), next to the conditions listed."""
    language: str | None
    reading_level: str | None
    """The reading level's value ("some_difficulty"), so handouts are pitched right."""
    shown: tuple[ShownFact, ...] = ()
    """Every staffing fact as a reader sees it, in the order of the client-facts table."""

    def lines(self) -> list[tuple[str, str | None]]:
        """(label, text or None when not known) of each fact in table order, open health notes
        right after the medical conditions: the few facts as the review screen (a dash for
        what is not known) and the staffing summary (known ones only) show them."""
        lines: list[tuple[str, str | None]] = []
        for fact in self.shown:
            lines.append((fact.label, fact.text))
            if fact.key == "medical_conditions" and self.health_notes:
                lines.append(("Health notes", "; ".join(self.health_notes)))
        return lines


@dataclass(frozen=True, slots=True)
class StrengthLine:
    """One strength in the client's own words."""

    words: str
    kind: StrengthKind
    noted_on: date | None


@dataclass(frozen=True, slots=True)
class StrengthGroup:
    """The strengths of one life domain, in the order the client named them."""

    domain: str
    """The domain id kept in the case file."""
    title: str
    """The domain's title from the prompt bank (or a readable form of an unknown id)."""
    strengths: tuple[StrengthLine, ...]


@dataclass(frozen=True, slots=True)
class Completion:
    """Letting go (contacts 3 to 5): what the client achieved, in their words, and how they
    will stay connected on their own; the team reads it before the case is closed."""

    started_at_contact: int | None
    accomplishments: str | None
    independent_contact: str | None
    completed_on: date | None

    def lines(self) -> list[tuple[str, str | None]]:
        """(label, text or None) of each part: the review screen (a dash for what is not
        written) and the staffing summary (written ones only) show them."""
        begun = self.started_at_contact
        return [
            ("Begun at", f"contact {begun}" if begun else None),
            ("Achieved", self.accomplishments),
            ("On their own", self.independent_contact),
            ("Completed", format_date(self.completed_on) if self.completed_on else None),
        ]


@dataclass(frozen=True, slots=True)
class GridRow:
    """One life domain of the strengths assessment's grid: what the client has now, what they
    want, and what they drew on in the past (the Kansas assessment's own columns)."""

    title: str
    current: tuple[str, ...]
    desired: tuple[str, ...]
    past: tuple[str, ...]


GRID_COLUMNS = ("Life area", "Now", "Wants", "In the past")
"""The grid's headings, shared by the review screen and the staffing summary."""


def strength_grid(groups: tuple[StrengthGroup, ...]) -> tuple[GridRow, ...]:
    """The strengths as the assessment lays them out: a row per life domain (in the order
    the groups come), the client's words sorted into current, desired and past resources."""
    rows = []
    for group in groups:
        by_kind: dict[StrengthKind, list[str]] = {kind: [] for kind in StrengthKind}
        for line in group.strengths:
            by_kind[line.kind].append(line.words)
        rows.append(
            GridRow(
                group.title,
                tuple(by_kind[StrengthKind.CURRENT]),
                tuple(by_kind[StrengthKind.DESIRED]),
                tuple(by_kind[StrengthKind.PAST]),
            )
        )
    return tuple(rows)


@dataclass(frozen=True, slots=True)
class StrategyLine:
    """A baby step: who does it, by when, and whether it is done or late."""

    step: str
    who: str | None
    target_date: date | None
    done: bool
    done_on: date | None
    overdue: bool
    """Not done, past its date, under an objective still being worked on."""


@dataclass(frozen=True, slots=True)
class ObjectiveLine:
    """A measurable objective with its strategies; overdue when open and past its date."""

    text: str
    measure: str | None
    target_date: date | None
    status: ObjectiveStatus
    achieved_on: date | None
    gas_level: int | None
    overdue: bool
    is_open: bool
    strategies: tuple[StrategyLine, ...]


@dataclass(frozen=True, slots=True)
class GoalLine:
    """A goal in the client's words, with the objectives that serve it, in plan order."""

    words: str
    domain: str | None
    domain_title: str | None
    set_on: date | None
    objectives: tuple[ObjectiveLine, ...]


@dataclass(frozen=True, slots=True)
class BarrierLine:
    """Something in the way, and the objective it blocks (None: linkage in general)."""

    text: str
    objective: str | None
    noted_on: date | None


@dataclass(frozen=True, slots=True)
class NoteLine:
    """Non-strengths information still open: a limitation or a safety concern."""

    kind: NonStrengthKind
    note: str
    noted_on: date
    follow_up: str | None


@dataclass(frozen=True, slots=True)
class ReferralLine:
    """A referral and how far linkage has come (the review lists them by date referred).

    ``days_to_linkage`` is set once linked; until then ``days_waiting`` counts from the referral
    (or first suggestion) to the review day, because a referral that waits is the one to discuss.
    """

    resource: str
    resource_kind: ResourceKind
    purpose: str | None
    objective: str | None
    status: ReferralStatus
    referred_on: date
    linked_on: date | None
    days_to_linkage: int | None
    days_waiting: int | None


@dataclass(frozen=True, slots=True)
class TaskLine:
    """A promise not yet kept, by the case manager or the client."""

    text: str
    owner: TaskOwner
    due: date | None
    contact: int | None
    overdue: bool


@dataclass(frozen=True, slots=True)
class LastContact:
    """The most recent contact: its number, day and summary."""

    number: int
    on: date
    medium: ContactMedium
    minutes: int | None
    summary: str | None
    carried_over: str | None


@dataclass(frozen=True, slots=True)
class StaffingReview:
    """Everything the staffing review shows, in staffing order, computed for one day."""

    today: date
    case_id: str
    status: str
    practice: bool
    protocol: str
    worker: str | None
    next_contact_on: date | None
    facts: FewFacts
    strengths: tuple[StrengthGroup, ...]
    goals: tuple[GoalLine, ...]
    barriers: tuple[BarrierLine, ...]
    limitations: tuple[NoteLine, ...]
    safety_concerns: tuple[NoteLine, ...]
    other_notes: tuple[NoteLine, ...]
    """Open non-strengths of kind "other": recorded, so shown, but neither risk nor limit."""
    referrals: tuple[ReferralLine, ...]
    tasks: tuple[TaskLine, ...]
    completion: Completion | None
    """None until letting go has begun or anything of it is written."""
    last_contact: LastContact | None

    @property
    def overdue_objectives(self) -> int:
        """How many open objectives are past their target date."""
        return sum(o.overdue for g in self.goals for o in g.objectives)

    @property
    def overdue_strategies(self) -> int:
        """How many strategies still to do are past their date."""
        return sum(s.overdue for g in self.goals for o in g.objectives for s in o.strategies)

    @property
    def overdue_tasks(self) -> int:
        """How many undone tasks are past due."""
        return sum(t.overdue for t in self.tasks)

    @property
    def overdue_count(self) -> int:
        """Everything late at once: the number a heading can show ("3 overdue")."""
        return self.overdue_objectives + self.overdue_strategies + self.overdue_tasks

    @property
    def strength_count(self) -> int:
        """How many strengths the review lists."""
        return sum(len(g.strengths) for g in self.strengths)


def _completion(case: Case) -> Completion | None:
    ending = case.disengagement
    if ending is None:
        return None
    completion = Completion(
        ending.started_at_contact,
        ending.accomplishments,
        ending.independent_contact,
        ending.completed_on,
    )
    return completion if any(astuple(completion)) else None


def build_review(case: Case, today: date, bank: PromptBank | None = None) -> StaffingReview:
    """The staffing review of ``case`` as it stands on ``today``.

    ``bank`` gives life-domain titles and their order; the shipped prompt bank by default."""
    bank = bank or load_prompt_bank()
    objective_text = {o.id: o.text for o in case.objectives()}
    last = case.last_contact()
    return StaffingReview(
        today=today,
        case_id=case.id,
        status=case.status.value,
        practice=case.practice,
        protocol=case.protocol,
        worker=case.worker,
        next_contact_on=case.next_contact_on,
        facts=_facts(case, today),
        strengths=_strength_groups(case, bank),
        goals=tuple(
            GoalLine(
                words=goal.words,
                domain=goal.domain,
                domain_title=bank.domain_title(goal.domain) if goal.domain else None,
                set_on=goal.set_on,
                objectives=tuple(_objective(o, today) for o in goal.objectives),
            )
            for goal in case.goals
        ),
        barriers=_barriers(case, objective_text),
        limitations=_notes(case, {NonStrengthKind.INTRINSIC_LIMITATION}),
        safety_concerns=tuple(_note(n) for n in case.open_safety_concerns()),
        other_notes=_notes(case, {NonStrengthKind.OTHER}),
        referrals=tuple(
            sorted(
                (_referral(case, r, objective_text, today) for r in case.referrals),
                key=lambda r: r.referred_on,
            )
        ),
        tasks=_tasks(case, today),
        completion=_completion(case),
        last_contact=None
        if last is None
        else LastContact(
            number=last.number,
            on=last.on,
            medium=last.medium,
            minutes=last.minutes,
            summary=last.summary,
            carried_over=last.carried_over,
        ),
    )


def _facts(case: Case, today: date) -> FewFacts:
    client = case.client
    return FewFacts(
        name=client.preferred_name,
        pronouns=client.pronouns,
        age=client.age_on(today),
        birth_date=client.birth_date,
        living_situation=client.living_situation,
        medical_conditions=tuple(client.medical_conditions),
        health_notes=tuple(
            n.note
            for n in case.non_strengths
            if n.open and n.kind is NonStrengthKind.PHYSICAL_HEALTH
        ),
        language=client.language,
        reading_level=client.reading_level.value if client.reading_level else None,
        shown=shown_facts(client, today, Surface.STAFFING),
    )


def _strength_groups(case: Case, bank: PromptBank) -> tuple[StrengthGroup, ...]:
    """Strengths by life domain: the bank's domains in its order, then unknown ones by id."""
    order = {d.id: i for i, d in enumerate(bank.domains)}
    domains = sorted(
        {s.domain for s in case.strengths}, key=lambda d: (d not in order, order.get(d, 0), d)
    )
    return tuple(
        StrengthGroup(
            domain=domain,
            title=bank.domain_title(domain),
            strengths=tuple(
                StrengthLine(s.words, s.kind, s.noted_on)
                for s in case.strengths
                if s.domain == domain
            ),
        )
        for domain in domains
    )


def _objective(objective: Objective, today: date) -> ObjectiveLine:
    return ObjectiveLine(
        text=objective.text,
        measure=objective.measure,
        target_date=objective.target_date,
        status=objective.status,
        achieved_on=objective.achieved_on,
        gas_level=objective.gas_level,
        overdue=objective.is_overdue(today),
        is_open=objective.is_open,
        strategies=tuple(
            StrategyLine(
                step=s.step,
                who=s.who,
                target_date=s.target_date,
                done=s.done,
                done_on=s.done_on,
                overdue=objective.is_open
                and not s.done
                and s.target_date is not None
                and s.target_date < today,
            )
            for s in objective.strategies
        ),
    )


def _barriers(case: Case, objective_text: dict[str, str]) -> tuple[BarrierLine, ...]:
    """Unresolved barriers, in plan order of what they block; general ones last."""
    plan_order = {oid: i for i, oid in enumerate(objective_text)}
    open_barriers = [b for b in case.barriers if not b.resolved]
    open_barriers.sort(key=lambda b: plan_order.get(b.objective_id or "", len(plan_order)))
    return tuple(
        BarrierLine(
            text=b.text,
            objective=objective_text.get(b.objective_id) if b.objective_id else None,
            noted_on=b.noted_on,
        )
        for b in open_barriers
    )


def _note(note: NonStrength) -> NoteLine:
    return NoteLine(note.kind, note.note, note.noted_on, note.follow_up)


def _notes(case: Case, kinds: set[NonStrengthKind]) -> tuple[NoteLine, ...]:
    """Open notes of these kinds, oldest first."""
    found = [n for n in case.non_strengths if n.open and n.kind in kinds]
    return tuple(_note(n) for n in sorted(found, key=lambda n: n.noted_on))


def _referral(
    case: Case, referral: Referral, objective_text: dict[str, str], today: date
) -> ReferralLine:
    resource = next(r for r in case.resources if r.id == referral.resource_id)
    start = referral.reached(ReferralStatus.REFERRED) or referral.history[0].on
    linked_on = referral.reached(ReferralStatus.LINKED)
    waiting = linked_on is None and referral.status not in _LINKED | {ReferralStatus.DECLINED}
    return ReferralLine(
        resource=resource.name,
        resource_kind=resource.kind,
        purpose=referral.purpose,
        objective=objective_text.get(referral.objective_id) if referral.objective_id else None,
        status=referral.status,
        referred_on=start,
        linked_on=linked_on,
        days_to_linkage=referral.days_to_linkage(),
        days_waiting=max((today - start).days, 0) if waiting else None,
    )


def _tasks(case: Case, today: date) -> tuple[TaskLine, ...]:
    """Undone tasks, earliest due first; undated ones last."""
    undone = [t for t in case.tasks if not t.done]
    undone.sort(key=lambda t: (t.due is None, t.due or today))
    return tuple(TaskLine(t.text, t.owner, t.due, t.contact, t.is_overdue(today)) for t in undone)


__all__ = [
    "GRID_COLUMNS",
    "SECTION_TITLES",
    "BarrierLine",
    "Completion",
    "FewFacts",
    "GoalLine",
    "GridRow",
    "LastContact",
    "NoteLine",
    "ObjectiveLine",
    "ReferralLine",
    "StaffingReview",
    "StrategyLine",
    "StrengthGroup",
    "StrengthLine",
    "TaskLine",
    "build_review",
    "strength_grid",
]
