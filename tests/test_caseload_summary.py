"""The caseload row of a case, and the promise that a warm listing needs no case model."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from sbcm_tui.case import Case, Client, ReferralStatus, Task
from sbcm_tui.caseload import _LADDER, CaseSummary, summarize
from sbcm_tui.store import CaseStore


def test_ladder_matches_the_referral_statuses_furthest_first() -> None:
    assert list(_LADDER) == [s.value for s in reversed(ReferralStatus)]


def test_summary_round_trips_through_the_cache_format() -> None:
    case = Case(client=Client(preferred_name="Ana [b]"))
    case.tasks = [
        Task(text="call", due=date(2026, 1, 3)),
        Task(text="write", due=date(2026, 1, 1)),
        Task(text="done already", due=date(2025, 1, 1), done=True),
    ]
    summary = summarize(case, "x.toml")
    assert CaseSummary.from_json(summary.to_json()) == summary
    assert summary.overdue(date(2026, 1, 2)) == 1
    assert summary.next_due() is not None and summary.next_due().text == "write"


def test_a_warm_caseload_listing_loads_neither_pydantic_nor_the_case_model(tmp_path: Path) -> None:
    store = CaseStore(tmp_path)
    for name in ("Ana", "Bea", "Cy"):
        store.create(Case(client=Client(preferred_name=name)))
    store.caseload()  # builds the cache
    probe = (
        "import sys\n"
        "from sbcm_tui.store import CaseStore\n"
        f"load = CaseStore({str(tmp_path)!r}).caseload()\n"
        "assert len(load.cases) == 3 and load.parsed == 0, load\n"
        "print(sorted(m for m in ('pydantic', 'sbcm_tui.case', 'filelock') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
