"""The caseload row of a case, and the promise that a warm listing needs no case model."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from sbcm_tui.core.case import Case, Client, ReferralStatus, Task
from sbcm_tui.files.casefile import read_case
from sbcm_tui.files.outcome_record import (
    CONTACT_POINTS,
    GAS_LEVELS,
    OBJECTIVES,
    REFERRAL_DAYS,
    REFERRALS_MADE,
    outcome_records,
)
from sbcm_tui.files.store import CaseStore
from sbcm_tui.files.summary import REFERRAL_LADDER, CaseSummary, summaries_from_json, summarize
from tests.strategies import CASES
from tests.support import DEMO, TODAY


def test_ladder_matches_the_referral_statuses_furthest_first() -> None:
    assert list(REFERRAL_LADDER) == [s.value for s in reversed(ReferralStatus)]


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
        "from sbcm_tui.files.store import CaseStore\n"
        f"load = CaseStore({str(tmp_path)!r}).caseload()\n"
        "assert len(load.cases) == 3 and load.parsed == 0, load\n"
        "heavy = ('pydantic', 'sbcm_tui.core.case', 'filelock')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- what the outcomes dashboard reads from the summary ----------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=CASES)
def test_any_case_summary_round_trips_and_its_outcome_record_matches_the_case(case: Case) -> None:
    summary = summarize(case, "x.toml")
    assert CaseSummary.from_json(summary.to_json()) == summary
    assert summaries_from_json([summary.to_json(), summary.to_json()]) == [summary, summary]
    (record,) = outcome_records([summary])
    objectives = case.objectives()
    assert record[OBJECTIVES] == len(objectives)
    assert record[GAS_LEVELS] == [o.gas_level for o in objectives if o.gas_level is not None]
    made = [r for r in case.referrals if any(s.status.value in REFERRALS_MADE for s in r.history)]
    assert len(record[REFERRAL_DAYS]) == 3 * len(made)
    assert record[CONTACT_POINTS][0::3] == sorted(c.number for c in case.contacts)
    achieved = sum(1 for o in objectives if o.status.value == "achieved")
    assert sum(record[CONTACT_POINTS][2::3]) == (achieved if case.contacts else 0)
    assert summary.opened_on == case.created_at.date().isoformat()


def test_hollis_outcome_record_by_hand() -> None:
    from sbcm_tui.files.casefile import read_case

    case, _ = read_case(DEMO / "c-demo-hollis.toml")
    (record,) = outcome_records([summarize(case, "c-demo-hollis.toml")])
    # Nine objectives; rated o-1a +1, o-3a +2, o-4a 0, o-4b +1, o-5a 0, o-6a +2 (plan order).
    assert (record[OBJECTIVES], record[GAS_LEVELS]) == (9, [1, 2, 0, 1, 0, 2])
    # ref-1: referred 23 Sep 2025, linked 7 Oct, retained 19 May 2026 (the first triple).
    day = date.toordinal
    assert record[REFERRAL_DAYS][:3] == [
        day(date(2025, 9, 23)),
        day(date(2025, 10, 7)),
        day(date(2026, 5, 19)),
    ]
    assert len(record[REFERRAL_DAYS]) == 3 * 6  # ref-5 declined and ref-8 suggested: not made
    # Contact 6 (4 Nov 2025) reviewed o-1a as done.
    assert record[CONTACT_POINTS][15:18] == [6, day(date(2025, 11, 4)), 1]


def test_the_caseload_says_a_case_has_ended_and_what_kind_of_item_is_due() -> None:
    """A disengaged case reads as one (nothing due, no meeting), and Next due names the kind
    of item: a task is not an objective."""
    from sbcm_tui.tui.screens.caseload import meeting_label, next_due_label, standing_label

    cases = {p.name: read_case(p)[0] for p in sorted(DEMO.glob("c-demo-*"))}
    ruth = summarize(cases["c-demo-ruth.toml"], "c-demo-ruth.toml")
    assert ruth.status == "disengaged"
    assert str(standing_label(ruth)) == "disengaged"
    assert str(next_due_label(ruth, TODAY)) == "—" and str(meeting_label(ruth, TODAY)) == "—"
    hollis = summarize(cases["c-demo-hollis.toml"], "c-demo-hollis.toml")
    assert str(standing_label(hollis)) == "26 ongoing"
    due = str(next_due_label(hollis, TODAY))
    assert due.split(" ")[0] in {"task", "step", "objective"}
    assert str(meeting_label(hollis, TODAY)) == "Tue 1 Dec"


def test_a_second_listing_reuses_what_did_not_change_and_rereads_what_did(
    tmp_path: Path,
) -> None:
    """Coming back to the caseload lists the folder again: an unchanged file keeps its entry
    (the same object: nothing parsed, one copy in memory), a changed one is read again, a
    new one is added, a removed one leaves, and a file broken meanwhile is listed as broken."""
    store = CaseStore(tmp_path)
    names = ["Ana", "Bo", "Cy", "Di"]
    opened = [store.create(Case(client=Client(preferred_name=n))) for n in names]
    first = store.caseload()
    assert [s.preferred_name for s in first.cases] == names and first.parsed == 4
    again = store.caseload()
    assert again.parsed == 0
    assert all(a is b for a, b in zip(first.cases, again.cases, strict=True))
    opened[1].case.client.preferred_name = "Bodhi"
    store.save(opened[1])
    opened[2].path.unlink()
    opened[3].path.write_text("not = [toml")
    store.create(Case(client=Client(preferred_name="Eve")))
    third = store.caseload()
    assert [s.preferred_name for s in third.cases] == ["Ana", "Bodhi", "Eve"]
    assert third.cases[0] is first.cases[0] and third.parsed == 3
    assert [b.name for b in third.broken] == [opened[3].path.name]
    fresh = CaseStore(tmp_path).caseload()  # another process: from the cache, the same list
    assert fresh.cases == third.cases and fresh.parsed == 0
    assert [b.name for b in fresh.broken] == [opened[3].path.name]
