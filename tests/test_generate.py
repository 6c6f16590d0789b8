"""The benchmark generator: valid, private, reproducible files that look like a real caseload."""

from __future__ import annotations

import importlib.util
import random
import stat
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from sbcm_tui.core.case import Case, ReferralStatus
from sbcm_tui.files.casefile import read_case

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 25)
LADDER = ["suggested", "referred", "contacted", "linked", "retained"]
STEP_IDS = {
    "engagement",
    "review",
    "strengths",
    "goals",
    "barriers",
    "linkage",
    "summary",
    "disengagement",
}
DOMAINS = {
    "daily_living",
    "financial",
    "vocational_educational",
    "social_supports",
    "health",
    "leisure",
    "spirituality_culture",
}
CATEGORIES = {"general", "relationships", "internal_resources", "recovery"}


@pytest.fixture(scope="module")
def gen() -> ModuleType:
    """benchmarks/ is not a package: load the generator by path, as the benchmarks do."""
    spec = importlib.util.spec_from_file_location(
        "sbcm_bench_generate", ROOT / "benchmarks/generate.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def caseload(gen: ModuleType) -> list[Case]:
    rng = random.Random(7)
    return [gen.make_case(rng, TODAY) for _ in range(400)]


def _contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_thirty_cases_load_and_are_private(gen: ModuleType, tmp_path: Path) -> None:
    out = tmp_path / "cases"
    paths = gen.generate(out, 30, seed=3, fmt="toml", today=TODAY)
    assert len(paths) == 30
    assert sorted(paths) == sorted(out.iterdir())  # no temp files left behind
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    for path in paths:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        case, _ = read_case(path)
        assert path.name == f"{case.id}.toml"


def test_same_seed_same_bytes(gen: ModuleType, tmp_path: Path) -> None:
    gen.generate(tmp_path / "a", 30, seed=5, fmt="toml", today=TODAY)
    gen.generate(tmp_path / "b", 30, seed=5, fmt="toml", today=TODAY)
    gen.generate(tmp_path / "c", 30, seed=6, fmt="toml", today=TODAY)
    assert _contents(tmp_path / "a") == _contents(tmp_path / "b")
    assert not set(_contents(tmp_path / "a")) & set(_contents(tmp_path / "c"))


def test_a_small_run_is_a_prefix_of_a_large_one(gen: ModuleType, tmp_path: Path) -> None:
    small = gen.generate(tmp_path / "small", 10, seed=2, today=TODAY)
    large = gen.generate(tmp_path / "large", 30, seed=2, today=TODAY)
    assert [p.name for p in small] == [p.name for p in large[:10]]


def test_worker_processes_change_nothing(
    gen: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, gen.__name__, gen)  # so worker processes can find it
    assert gen._can_fan_out()
    gen.generate(tmp_path / "serial", 40, seed=9, fmt="mixed", today=TODAY, processes=1)
    gen.generate(tmp_path / "parallel", 40, seed=9, fmt="mixed", today=TODAY, processes=2)
    assert _contents(tmp_path / "serial") == _contents(tmp_path / "parallel")


def test_loaded_by_path_it_builds_in_process(gen: ModuleType) -> None:
    assert gen.__name__ not in sys.modules
    assert not gen._can_fan_out()


@pytest.mark.parametrize(("fmt", "suffixes"), [("json", {".json"}), ("mixed", {".json", ".toml"})])
def test_formats(gen: ModuleType, tmp_path: Path, fmt: str, suffixes: set[str]) -> None:
    paths = gen.generate(tmp_path, 30, seed=1, fmt=fmt, today=TODAY)
    assert {p.suffix for p in paths} == suffixes
    for path in paths:
        read_case(path)


def test_unknown_format_is_refused(gen: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="toml, json or mixed"):
        gen.generate(tmp_path, 1, fmt="yaml", today=TODAY)


def test_command_line_reports_the_mean_size(
    gen: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert gen.main([str(tmp_path / "out"), "-n", "5", "--today", "2026-11-25"]) == 0
    printed = capsys.readouterr().out
    assert "5 cases" in printed and "mean" in printed and "bytes" in printed
    assert len(list((tmp_path / "out").iterdir())) == 5


def test_the_caseload_is_varied(caseload: list[Case]) -> None:
    assert {c.status.value for c in caseload} == {"active", "disengaged", "closed"}
    contacts = [len(c.contacts) for c in caseload]
    assert min(contacts) == 1 and any(20 <= n <= 60 for n in contacts)
    assert any(c.open_safety_concerns() for c in caseload)
    assert any(o.is_overdue(TODAY) for c in caseload for o in c.objectives())
    achieved = [o for c in caseload for o in c.objectives() if o.status.value == "achieved"]
    assert achieved and all(o.gas_level is not None and o.achieved_on for o in achieved)
    assert any(t.is_overdue(TODAY) for c in caseload for t in c.tasks)
    assert any(t.done for c in caseload for t in c.tasks)
    assert {r.kind.value for c in caseload for r in c.resources} == {
        "formal",
        "informal",
        "created",
    }
    assert {r.status for c in caseload for r in c.referrals} == set(ReferralStatus)
    assert {s.domain for c in caseload for s in c.strengths} == DOMAINS
    assert {s.category for c in caseload for s in c.strengths} == CATEGORIES
    assert len({c.client.preferred_name for c in caseload}) > 30
    assert len({c.id for c in caseload}) == len(caseload)


def test_each_case_holds_together(caseload: list[Case]) -> None:
    for case in caseload:
        assert case.created_at <= case.updated_at
        assert [c.number for c in case.contacts] == list(range(1, len(case.contacts) + 1))
        assert all(a.on < b.on for a, b in zip(case.contacts, case.contacts[1:], strict=False))
        assert all(c.on <= TODAY for c in case.contacts)
        assert len(case.goals) <= 3
        assert not (case.goals and len(case.contacts) == 1)  # goals come at the second contact
        for goal in case.goals:
            assert goal.words.startswith("I ") and 1 <= len(goal.objectives) <= 3
            assert all(1 <= len(o.strategies) <= 3 for o in goal.objectives)
        for contact in case.contacts:
            assert set(contact.steps_done) <= STEP_IDS
            assert bool(contact.plan_reviews) <= (contact.number >= 2)
        for referral in case.referrals:
            steps = [s.status.value for s in referral.history]
            climbed = [s for s in steps if s != "declined"]
            assert climbed == LADDER[: len(climbed)]
            assert steps.count("declined") <= 1 and ("declined" not in steps[:-1])
            days = [s.on for s in referral.history]
            assert days == sorted(days) and days[-1] <= TODAY
        for words in [s.words for s in case.strengths]:
            assert words.startswith(("I ", "I'", "My ", "People "))


def test_sizes_are_realistic(gen: ModuleType) -> None:
    sizes = [len(gen.case_bytes(1, i, "toml", TODAY)[1]) for i in range(300)]
    assert 3_500 < sum(sizes) / len(sizes) < 8_000
