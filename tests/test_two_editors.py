"""Two real app processes editing one case, through each conflict choice: nothing is lost that
a worker did not choose to drop, and neither app shows a traceback (see tests/two_editors.py;
``python -m tests.two_editors 200`` runs the long version)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.two_editors import CHOICES, run_cycles

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs POSIX pseudo-terminals")


def test_two_editors_through_every_conflict_choice_lose_nothing(tmp_path: Path) -> None:
    cycles = run_cycles(len(CHOICES), tmp_path)
    assert sorted(c.choice for c in cycles) == sorted(CHOICES)
    assert [c.lost for c in cycles] == [[] for _ in cycles]
    assert [(c.tracebacks, c.exit_codes) for c in cycles] == [(0, (0, 0)) for _ in cycles]
