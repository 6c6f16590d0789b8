"""Two real app processes editing one case, through each conflict choice: nothing is lost that
a worker did not choose to drop, and neither app shows a traceback (see tests/two_editors.py;
``python -m tests.two_editors 200`` runs the long version)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.two_editors import CHOICES, run_cycles

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs POSIX pseudo-terminals")


@pytest.mark.parametrize("number", range(len(CHOICES)), ids=CHOICES)
def test_two_editors_through_every_conflict_choice_lose_nothing(
    tmp_path: Path, number: int
) -> None:
    """One cycle per choice (each its own test, so the three run side by side); the order of
    the two editors alternates with ``number``."""
    [cycle] = run_cycles(1, tmp_path, first=number)
    assert cycle.choice == CHOICES[number]
    assert cycle.lost == []
    assert (cycle.tracebacks, cycle.exit_codes) == (0, (0, 0))
