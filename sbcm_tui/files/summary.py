"""What the caseload table needs to know about each case, without opening it.

A :class:`CaseSummary` is small and flat so the store can cache it (one row per file) and list ten
thousand cases without parsing ten thousand files. Anything that depends on *today* (overdue,
days since contact) is derived at display time from the dates kept here, so a cached summary
never goes stale overnight. What the outcomes dashboard counts rides along as one unparsed
string (see outcome_record.py), so the listing pays almost nothing for it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from sbcm_tui.core.dates import shift_iso_days
from sbcm_tui.files.outcome_record import outcome_payload, shift_payload

if TYPE_CHECKING:
    from sbcm_tui.core.case import Case

SUMMARY_VERSION = 5
"""Bump when CaseSummary changes shape: cached summaries of another version are rebuilt."""


@dataclass(frozen=True, slots=True)
class DueItem:
    """Something with a date on it that is not done yet: an objective, a strategy or a task."""

    due: date
    what: str
    text: str


class CaseSummary(NamedTuple):
    """One row of the caseload: who, where they are in the protocol, and what needs attention.

    Dates are kept as ISO strings: they compare like dates, and ten thousand summaries load from
    the cache without parsing a single one; :meth:`next_due` and friends parse on demand.

    A named tuple, not a dataclass: fifty thousand of them are built at every listing (a tuple
    is built in one step, a frozen dataclass field by field), and a tuple holding only strings,
    numbers and other such tuples drops out of the garbage collector's rounds."""

    name: str
    case_id: str
    preferred_name: str
    status: str
    practice: bool
    protocol: str
    last_contact_number: int
    last_contact_on: str | None
    next_contact_on: str | None
    due: tuple[tuple[str, str, str], ...]
    """Open dated items as (ISO date, what, text), earliest first."""
    safety_open: bool
    referrals: tuple[tuple[str, int], ...]
    """(status, count) pairs, furthest rung first."""
    revision: int
    opened_on: str
    """The day the case was opened (created, in UTC): a case never met is quiet from then."""
    outcome: str
    """Goal attainment, linkage and progress as compact JSON, parsed only by the outcomes
    dashboard (:func:`sbcm_tui.files.outcome_record.outcome_records`)."""
    copy_of: str | None = None
    """For a conflict or recovery copy, the id of the case it is a copy of: the caseload says
    so, so two rows with one name can be told apart."""
    worker: str | None = None
    """The worker the case is with (the supervisor's caseload shows and filters by it)."""
    inbox: int = 0
    """Disagreements a team merge left in the case's inbox, for a person to decide."""

    def overdue(self, today: date) -> int:
        """How many open objectives, strategies and tasks are past their date."""
        cutoff = today.isoformat()
        return sum(1 for item in self.due if item[0] < cutoff)

    def next_due(self) -> DueItem | None:
        """The earliest open dated item."""
        if not self.due:
            return None
        day, what, text = self.due[0]
        return DueItem(date.fromisoformat(day), what, text)

    def next_contact_date(self) -> date | None:
        """The day of the next planned contact, if one is set."""
        return date.fromisoformat(self.next_contact_on) if self.next_contact_on else None

    def referral_line(self) -> str:
        """Referral counts by status, furthest rung first, e.g. ``1 linked, 2 referred``."""
        return ", ".join(f"{count} {status}" for status, count in self.referrals)

    def to_json(self) -> str:
        """Compact JSON for the cache: the fields in order, as one array."""
        return json.dumps(self, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> CaseSummary:
        """The inverse of :meth:`to_json`."""
        return summaries_from_json([text])[0]


PARSED_AT_ONCE = 2000
"""Cached summaries parsed in one JSON document: one parse for many is several times faster
than one per row, and a bounded batch keeps the text and the parsed lists of only this many
in memory at a time (all 50,000 at once was most of a big listing's peak)."""

_FIELDS = list(CaseSummary._fields)
_DUE, _REFERRALS = _FIELDS.index("due"), _FIELDS.index("referrals")
_SHARED = tuple(
    _FIELDS.index(f)
    for f in ("status", "protocol", "last_contact_on", "next_contact_on", "opened_on", "worker")
)
"""Fields (status, protocol, the dates) whose few distinct values recur across thousands of
rows: each distinct string is kept once."""


def summaries_from_json(payloads: list[str]) -> list[CaseSummary]:
    """Many cached summaries (``to_json`` payloads) at once, sharing repeated strings."""
    seen: dict[str, str] = {}
    share = seen.setdefault
    make = CaseSummary._make
    out: list[CaseSummary] = []
    for start in range(0, len(payloads), PARSED_AT_ONCE):
        rows = json.loads("[" + ",".join(payloads[start : start + PARSED_AT_ONCE]) + "]")
        for row in rows:
            for at in _SHARED:
                if row[at] is not None:
                    row[at] = share(row[at], row[at])
            row[_DUE] = tuple((share(d, d), share(w, w), t) for d, w, t in row[_DUE])
            row[_REFERRALS] = tuple((share(r, r), n) for r, n in row[_REFERRALS])
            out.append(make(row))
    return out


REFERRAL_LADDER = ("declined", "retained", "linked", "contacted", "referred", "suggested")
"""Referral statuses, furthest rung first (ReferralStatus reversed; a test keeps them equal).
Spelled out so that reading summaries from the cache does not load the case model."""


def summarize(case: Case, name: str) -> CaseSummary:
    """The caseload row for one case stored under file ``name``."""
    due: list[DueItem] = []
    for objective in case.objectives():
        if objective.is_open:
            if objective.target_date:
                due.append(DueItem(objective.target_date, "objective", objective.text))
            for strategy in objective.strategies:
                if not strategy.done and strategy.target_date:
                    due.append(DueItem(strategy.target_date, "strategy", strategy.step))
    for task in case.tasks:
        if not task.done and task.due:
            due.append(DueItem(task.due, "task", task.text))
    due.sort(key=lambda item: item.due)
    due_rows = tuple((item.due.isoformat(), item.what, item.text) for item in due)
    counts: dict[str, int] = {}
    for referral in case.referrals:
        counts[referral.status.value] = counts.get(referral.status.value, 0) + 1
    last = case.last_contact()
    return CaseSummary(
        name=name,
        case_id=case.id,
        preferred_name=case.client.preferred_name,
        status=case.status.value,
        practice=case.practice,
        protocol=case.protocol,
        last_contact_number=last.number if last else 0,
        last_contact_on=last.on.isoformat() if last else None,
        next_contact_on=case.next_contact_on.isoformat() if case.next_contact_on else None,
        due=due_rows,
        safety_open=bool(case.open_safety_concerns()),
        referrals=tuple((s, counts[s]) for s in REFERRAL_LADDER if s in counts),
        revision=case.revision,
        opened_on=case.created_at.date().isoformat(),
        outcome=outcome_payload(case),
        copy_of=case.copy_of.case_id if case.copy_of else None,
        worker=case.worker,
        inbox=len(case.inbox),
    )


def shift_summary_json(payload: str, days: int) -> str:
    """A cached summary (``to_json``) with its dates moved by ``days``, as the demo copy
    needs: ISO dates as text, the outcome record's day numbers one by one."""
    values = json.loads(shift_iso_days(payload, days))
    at = _FIELDS.index("outcome")
    values[at] = shift_payload(values[at], days)
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))
