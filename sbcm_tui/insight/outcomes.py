"""Outcomes across the caseload: what a supervisor looks at before a team meeting.

The figures come from cached :class:`~sbcm_tui.files.summary.CaseSummary` rows, never from
the case files themselves, so ten thousand cases are counted in a blink; everything that depends on
today is worked out here, at display time. Which cases count where:

* practice cases (a trainee's role-plays) are left out of every figure, and counted apart;
* workload figures (active cases by contact, objectives due or overdue, no recent contact) count
  **active** cases only;
* outcome figures (linkage and retention, goal attainment, progress over contacts) count every
  real case, active or not: a case that was closed well is exactly the outcome to count.

No Textual or Rich import here: the screen and ``sbcm report`` both read
:class:`CaseloadOutcomes`, so the dashboard and the printed report never disagree.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sbcm_tui.core.untrusted import escaped_unseen
from sbcm_tui.files.collector import collector_paused
from sbcm_tui.files.outcome_record import (
    CONTACT_POINTS,
    GAS_LEVELS,
    OBJECTIVES,
    REFERRAL_DAYS,
    OutcomeRecord,
    outcome_records,
)
from sbcm_tui.insight.goal_attainment import GAS_RHO, gas_t_score
from sbcm_tui.insight.thresholds import DEFAULT_NO_CONTACT_DAYS, DUE_SOON_DAYS

if TYPE_CHECKING:
    from sbcm_tui.files.caseindex import Caseload
    from sbcm_tui.files.summary import CaseSummary

WEEKS = 12
"""How many weeks the contacts-per-week line goes back."""
NOT_MET = 0
"""The contact number of an active case nobody has met yet."""


# --- the figures --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ObjectiveDue:
    """An open objective with its target date, and whose case it is."""

    case_name: str
    case_file: str
    due: date
    text: str


@dataclass(frozen=True, slots=True)
class QuietCase:
    """An active case with no contact for a while; never met: days count from the opening."""

    case_name: str
    case_file: str
    days: int
    last_contact_on: date | None


@dataclass(frozen=True, slots=True)
class Linkage:
    """How referrals turned out: made, linked with care, retained in care.

    A referral counts as *made* once it reached "referred" or a later rung; suggestions not yet
    taken up, and suggestions declined before any referral, are not in the shares (they are
    the ``suggested`` and ``declined`` status counts)."""

    made: int
    linked: int
    retained: int
    median_days: float | None
    """Median days from referral to linkage, over the linked ones."""
    suggested: int
    declined: int

    @property
    def share_linked(self) -> float | None:
        """Linked (or retained) of the referrals made."""
        return self.linked / self.made if self.made else None

    @property
    def share_retained(self) -> float | None:
        """Retained of the referrals linked."""
        return self.retained / self.linked if self.linked else None


@dataclass(frozen=True, slots=True)
class CaseAttainment:
    """One case's goal attainment: its T-score over the objectives rated so far."""

    case_name: str
    case_file: str
    t_score: float | None
    rated: int
    objectives: int


@dataclass(frozen=True, slots=True)
class ProgressPoint:
    """By contact number: how many cases got that far, and the objectives they had achieved
    by then (mean per case)."""

    contact: int
    cases: int
    mean_achieved: float


@dataclass(frozen=True)
class CaseloadOutcomes:
    """Every dashboard figure, for one caseload on one day."""

    today: date
    no_contact_days: int
    cases: int
    """Real cases counted (practice cases left out)."""
    active: int
    practice: int
    unreadable: tuple[tuple[str, str], ...]
    """(file name, first problem) of each file that could not be read as a case."""
    by_contact: tuple[tuple[int, int], ...]
    """(last contact number, active cases), ascending; 0 means not met yet."""
    due_soon: tuple[ObjectiveDue, ...]
    overdue: tuple[ObjectiveDue, ...]
    quiet: tuple[QuietCase, ...]
    """Longest without contact first."""
    linkage: Linkage
    attainment: tuple[CaseAttainment, ...]
    """Every real case with objectives: rated ones by T-score, lowest first, then the rest."""
    progress: tuple[ProgressPoint, ...]
    weekly_contacts: tuple[int, ...]
    """Contacts held per week, oldest first; the last week ends today."""

    @property
    def mean_t_score(self) -> float | None:
        """The mean T-score of the cases that have one."""
        scores = [a.t_score for a in self.attainment if a.t_score is not None]
        return statistics.fmean(scores) if scores else None

    @property
    def rated_cases(self) -> int:
        """Cases with at least one rated objective."""
        return sum(1 for a in self.attainment if a.t_score is not None)

    def grouped_by_contact(self, last: int = 5) -> list[tuple[str, int]]:
        """Active cases by contact as rows to show: not met, 1 … ``last``, then the rest
        together (long-term cases go on for dozens of contacts)."""
        counts = dict(self.by_contact)
        rows = [("not met", counts.get(NOT_MET, 0))]
        rows += [(str(n), counts.get(n, 0)) for n in range(1, last + 1)]
        beyond = sum(c for n, c in self.by_contact if n > last)
        rows.append((f"{last + 1}+", beyond))
        return rows

    def with_no_contact_days(self, days: int, summaries: Iterable[CaseSummary]) -> CaseloadOutcomes:
        """The same figures with another 'no contact' threshold (only that part is redone)."""
        active = [s for s in summaries if s.status == "active" and not s.practice]
        return replace(self, no_contact_days=days, quiet=quiet_cases(active, self.today, days))

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``sbcm report --json``: dates as ISO strings, shares as fractions."""
        link = self.linkage
        return {
            "today": self.today.isoformat(),
            "cases": self.cases,
            "active": self.active,
            "practice_left_out": self.practice,
            "unreadable": [{"file": name, "problem": why} for name, why in self.unreadable],
            "active_by_contact": {str(n): count for n, count in self.by_contact},
            "objectives_due_this_week": [_due_dict(d) for d in self.due_soon],
            "objectives_overdue": [_due_dict(d) for d in self.overdue],
            "no_contact": {
                "days": self.no_contact_days,
                "cases": [
                    {
                        "case": q.case_name,
                        "file": q.case_file,
                        "days": q.days,
                        "last_contact_on": q.last_contact_on and q.last_contact_on.isoformat(),
                    }
                    for q in self.quiet
                ],
            },
            "referrals": {
                "made": link.made,
                "linked": link.linked,
                "retained": link.retained,
                "share_linked": link.share_linked,
                "share_retained": link.share_retained,
                "median_days_to_linkage": link.median_days,
                "suggested_only": link.suggested,
                "declined": link.declined,
            },
            "goal_attainment": {
                "rho": GAS_RHO,
                "mean_t_score": _round(self.mean_t_score),
                "cases": [
                    {
                        "case": a.case_name,
                        "file": a.case_file,
                        "t_score": _round(a.t_score),
                        "rated": a.rated,
                        "objectives": a.objectives,
                    }
                    for a in self.attainment
                ],
            },
            "progress_by_contact": [
                {"contact": p.contact, "cases": p.cases, "mean_achieved": round(p.mean_achieved, 3)}
                for p in self.progress
            ],
            "contacts_per_week": list(self.weekly_contacts),
        }

    def to_json(self) -> str:
        """The figures as indented JSON: client names as written, with any control or bidi
        character in them as a ``\\u`` escape (a script reading it gets the same text)."""
        return escaped_unseen(json.dumps(self.to_dict(), indent=2, ensure_ascii=False))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _due_dict(item: ObjectiveDue) -> dict[str, str]:
    return {
        "case": item.case_name,
        "file": item.case_file,
        "due": item.due.isoformat(),
        "objective": item.text,
    }


# --- working them out ---------------------------------------------------------------------------


def caseload_outcomes(
    caseload: Caseload, today: date, no_contact_days: int = DEFAULT_NO_CONTACT_DAYS
) -> CaseloadOutcomes:
    """All the figures for a listed caseload on ``today``."""
    with collector_paused():
        return _count(caseload, today, no_contact_days)


def _count(caseload: Caseload, today: date, no_contact_days: int) -> CaseloadOutcomes:
    real = [s for s in caseload.cases if not s.practice]
    active = [s for s in real if s.status == "active"]
    records = outcome_records(real)
    due_soon, overdue = objectives_due(active, today)
    return CaseloadOutcomes(
        today=today,
        no_contact_days=no_contact_days,
        cases=len(real),
        active=len(active),
        practice=len(caseload.cases) - len(real),
        unreadable=tuple((b.name, b.reason()) for b in caseload.broken),
        by_contact=tuple(sorted(Counter(s.last_contact_number for s in active).items())),
        due_soon=due_soon,
        overdue=overdue,
        quiet=quiet_cases(active, today, no_contact_days),
        linkage=linkage(real, records),
        attainment=attainment(real, records),
        progress=progress(records),
        weekly_contacts=weekly_contacts(records, today),
    )


def objectives_due(
    summaries: Iterable[CaseSummary], today: date
) -> tuple[tuple[ObjectiveDue, ...], tuple[ObjectiveDue, ...]]:
    """Open objectives due from today to six days on, and those already past their date."""
    start, end = today.isoformat(), (today + timedelta(days=DUE_SOON_DAYS - 1)).isoformat()
    soon: list[ObjectiveDue] = []
    late: list[ObjectiveDue] = []
    for s in summaries:
        for day, what, text in s.due:  # earliest first, so the loop can stop early
            if day > end:
                break
            if what == "objective":
                bucket = late if day < start else soon
                bucket.append(ObjectiveDue(s.preferred_name, s.name, date.fromisoformat(day), text))
    soon.sort(key=_by_due)  # stable: on one day, cases stay in the caseload's name order
    late.sort(key=_by_due)
    return tuple(soon), tuple(late)


def quiet_cases(summaries: Iterable[CaseSummary], today: date, days: int) -> tuple[QuietCase, ...]:
    """Cases with no contact in the last ``days`` days (the last one more than ``days`` ago);
    a case never met counts from the day it was opened."""
    cutoff = (today - timedelta(days=days)).isoformat()
    quiet = []
    for s in summaries:
        since = s.last_contact_on or s.opened_on
        if since < cutoff:
            last = date.fromisoformat(s.last_contact_on) if s.last_contact_on else None
            gap = (today - date.fromisoformat(since)).days
            quiet.append(QuietCase(s.preferred_name, s.name, gap, last))
    quiet.sort(key=_by_days, reverse=True)  # stable, so ties keep the name order
    return tuple(quiet)


def linkage(summaries: Sequence[CaseSummary], records: Sequence[OutcomeRecord]) -> Linkage:
    """Linkage with care and retention in care, over every referral made."""
    made = linked = retained = suggested = declined = 0
    days: list[int] = []
    for s in summaries:
        for status, count in s.referrals:
            if status == "suggested":
                suggested += count
            elif status == "declined":
                declined += count
    for record in records:
        rungs = iter(record[REFERRAL_DAYS])
        for start, linked_on, retained_on in zip(rungs, rungs, rungs, strict=True):
            made += 1
            if linked_on is not None:
                linked += 1
                days.append(linked_on - start)
            if retained_on is not None:
                retained += 1
    median = statistics.median(days) if days else None
    return Linkage(made, linked, retained, median, suggested, declined)


def attainment(
    summaries: Sequence[CaseSummary], records: Sequence[OutcomeRecord]
) -> tuple[CaseAttainment, ...]:
    """Goal attainment of every case with objectives: lowest T-score first, unrated last; ties
    in the caseload's order (by name)."""
    rated: list[CaseAttainment] = []
    unrated: list[CaseAttainment] = []
    for s, r in zip(summaries, records, strict=True):
        levels = r[GAS_LEVELS]
        if levels:
            score = gas_t_score(levels)
            rated.append(
                CaseAttainment(s.preferred_name, s.name, score, len(levels), r[OBJECTIVES])
            )
        elif r[OBJECTIVES]:
            unrated.append(CaseAttainment(s.preferred_name, s.name, None, 0, r[OBJECTIVES]))
    rated.sort(key=_by_score)
    return (*rated, *unrated)


def _by_due(item: ObjectiveDue) -> date:
    return item.due


def _by_days(item: QuietCase) -> int:
    return item.days


def _by_score(item: CaseAttainment) -> float:
    return item.t_score or 0.0


def progress(records: Iterable[OutcomeRecord]) -> tuple[ProgressPoint, ...]:
    """Mean objectives achieved so far, by contact number, over the cases that reached it.

    Each case adds, at each of its contacts, the objectives it had achieved by then. Later
    contacts are reached by fewer cases (mostly long-term ones), so the count goes with it."""
    reached = [0] * 64  # by contact number; grown for the rare case that goes further
    achieved = [0] * 64
    for record in records:
        points = record[CONTACT_POINTS]
        if points and points[-3] >= len(reached):  # numbers ascend: the last is the largest
            grow = points[-3] + 1 - len(reached)
            reached += [0] * grow
            achieved += [0] * grow
        so_far = 0
        for number, count in zip(points[0::3], points[2::3], strict=True):
            so_far += count
            reached[number] += 1
            achieved[number] += so_far
    return tuple(
        ProgressPoint(n, cases, achieved[n] / cases) for n, cases in enumerate(reached) if cases
    )


def weekly_contacts(
    records: Iterable[OutcomeRecord], today: date, weeks: int = WEEKS
) -> tuple[int, ...]:
    """Contacts held in each of the last ``weeks`` seven-day weeks, oldest first."""
    first = today.toordinal() - (7 * weeks - 1)
    last = today.toordinal()
    counts = [0] * weeks
    for record in records:
        for day in record[CONTACT_POINTS][1::3]:
            if first <= day <= last:
                counts[(day - first) // 7] += 1
    return tuple(counts)
