"""A practice case: the scenario it was started from, and the contact a trainee carries on with.

Domain logic, not a widget's: the feedback export needs the scenario as much as the screens do,
and ``sbcm export --kind feedback`` has no screen. The library is read on first use only (this
module imports nothing of it until then), so a real case never pays for practice mode.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sbcm_tui.core.case import Case, Contact
    from sbcm_tui.practice.scenario import Scenario


@lru_cache(maxsize=8)
def _library_scenario(scenario_id: str) -> Scenario | None:
    from sbcm_tui.practice.scenario import find_scenario

    return find_scenario(scenario_id)


def scenario_of(case: Case) -> Scenario | None:
    """The scenario a practice case was started from, if the library still has it (read once);
    None for a real case."""
    if not case.practice or not case.scenario:
        return None
    return _library_scenario(case.scenario)


def forget_scenarios() -> None:
    """Read the library again next time (after scenarios were added or changed)."""
    _library_scenario.cache_clear()


def contact_to_carry_on(case: Case) -> Contact | None:
    """The last contact when it was started and never ended (ending records its minutes): a
    trainee who stepped away from a practice contact carries on with it, lines and all."""
    last = case.last_contact()
    return last if last is not None and last.minutes is None else None


def practice_contact_open(case: Case) -> Contact | None:
    """A practice contact with lines said in it that was left without being ended."""
    contact = contact_to_carry_on(case) if case.practice else None
    return contact if contact is not None and contact.practice_lines else None
