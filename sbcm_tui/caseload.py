"""What the caseload table needs to know about each case, without opening it.

A :class:`CaseSummary` is small and flat so the store can cache it (one row per file) and list ten
thousand cases without parsing ten thousand files. Anything that depends on *today* (overdue,
days since contact) is derived at display time from the dates kept here, so a cached summary
never goes stale overnight.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sbcm_tui.case import Case

SUMMARY_VERSION = 1
"""Bump when CaseSummary changes shape: cached summaries of another version are rebuilt."""


@dataclass(frozen=True, slots=True)
class DueItem:
    """Something with a date on it that is not done yet: an objective, a strategy or a task."""

    due: date
    what: str
    text: str


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """One row of the caseload: who, where they are in the protocol, and what needs attention."""

    name: str
    case_id: str
    preferred_name: str
    status: str
    practice: bool
    protocol: str
    last_contact_number: int
    last_contact_on: date | None
    next_contact_on: date | None
    due: tuple[tuple[str, str, str], ...]
    """Open dated items as (ISO date, what, text), earliest first. Kept as ISO strings: they
    compare like dates, and ten thousand summaries load without parsing every one."""
    safety_open: bool
    referrals: tuple[tuple[str, int], ...]
    revision: int

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

    def referral_line(self) -> str:
        """Referral counts by status, furthest rung first, e.g. ``1 linked, 2 referred``."""
        return ", ".join(f"{count} {status}" for status, count in self.referrals)

    def to_json(self) -> str:
        """Compact JSON for the cache."""
        data = asdict(self)
        data["last_contact_on"] = _iso(self.last_contact_on)
        data["next_contact_on"] = _iso(self.next_contact_on)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> CaseSummary:
        """The inverse of :meth:`to_json`."""
        data = json.loads(text)
        data["last_contact_on"] = _date(data["last_contact_on"])
        data["next_contact_on"] = _date(data["next_contact_on"])
        data["due"] = tuple(map(tuple, data["due"]))
        data["referrals"] = tuple((s, n) for s, n in data["referrals"])
        return cls(**data)


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _date(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


_LADDER = ("declined", "retained", "linked", "contacted", "referred", "suggested")
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
        last_contact_on=last.on if last else None,
        next_contact_on=case.next_contact_on,
        due=due_rows,
        safety_open=bool(case.open_safety_concerns()),
        referrals=tuple((s, counts[s]) for s in _LADDER if s in counts),
        revision=case.revision,
    )
