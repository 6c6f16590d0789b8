"""Role-play scenarios: the shipped library, a trainer's own folder, clear errors for bad files,
and practice cases that are marked as such and carry only the few facts."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from sbcm_tui import cli
from sbcm_tui.core.case import Contact, NonStrengthKind, PracticeLine
from sbcm_tui.core.problems import CaseFileError, ProblemKind
from sbcm_tui.files import paths
from sbcm_tui.files.casefile import CaseFormat, dump_case, load_case
from sbcm_tui.files.protocols import load_prompt_bank
from sbcm_tui.practice.scenario import (
    FIXED_TOPICS,
    PRACTICE_PREFIX,
    StageOfChange,
    find_scenario,
    load_scenario,
    looks_like_scenario,
    practice_case,
    scenario_library,
)
from tests.practice_sample import SAMPLE_TOML, sample_scenario

SHIPPED_DIR = paths.scenario_source_dir()
SHIPPED_FILES = sorted(SHIPPED_DIR.glob("*.toml"))
DOMAINS = [d.id for d in load_prompt_bank().domains]
GOLDEN_CASE = Path(__file__).parent / "golden" / "v1.toml"


@pytest.fixture(autouse=True)
def _no_user_scenarios(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The tester's own scenario folder never leaks into these tests."""
    monkeypatch.setenv(paths.SCENARIOS_ENV, str(tmp_path / "no-user-scenarios"))


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _refusal(tmp_path: Path, text: str) -> CaseFileError:
    path = _write(tmp_path, "bad.toml", text)
    with pytest.raises(CaseFileError) as caught:
        load_scenario(path)
    return caught.value


# --- the shipped library -------------------------------------------------------------------


def test_at_least_eight_scenarios_ship_and_all_load() -> None:
    scenarios, problems = scenario_library()
    assert problems == []
    assert len(scenarios) >= 8
    assert len({s.id for s in scenarios}) == len(scenarios)


@pytest.mark.parametrize("path", SHIPPED_FILES, ids=lambda p: p.name)
def test_each_shipped_scenario_is_complete(path: Path) -> None:
    scenario = load_scenario(path)
    assert path.stem == scenario.id
    # Enough to talk for a quarter of an hour: every topic, several answers each way.
    wanted = {*DOMAINS, *FIXED_TOPICS} - ({"softened"} if not scenario.resists else set())
    assert set(scenario.answers) == wanted  # "softened" only where the client resists
    for topic, answers in scenario.answers.items():
        assert len(answers.short) >= 2 and len(answers.full) >= 2, topic
    assert len(scenario.hidden_strengths) >= 5
    assert len({s.domain for s in scenario.hidden_strengths}) >= 5
    assert all(s.cues for s in scenario.hidden_strengths)
    assert scenario.barriers and scenario.partner_notes


def test_the_library_is_varied() -> None:
    scenarios, _ = scenario_library()
    ids = " ".join(s.id for s in scenarios)
    for theme in (
        "housing",
        "substance",
        "reentry",
        "young-parent",
        "older-adult",
        "low-literacy",
        "resistant",
        "crisis",
    ):
        assert theme in ids
    assert len({s.stage_of_change for s in scenarios}) >= 4
    assert any(s.resists for s in scenarios)
    cues = {s.id: s.non_strength_cue for s in scenarios if s.non_strength_cue}
    assert len(cues) >= 3
    crisis = next(s for s in scenarios if "crisis" in s.id)
    assert crisis.non_strength_cue is not None
    assert crisis.non_strength_cue.kind is NonStrengthKind.SUICIDAL
    literacy = next(s for s in scenarios if "literacy" in s.id)
    assert literacy.non_strength_cue is not None
    assert literacy.non_strength_cue.kind is NonStrengthKind.INTRINSIC_LIMITATION


def test_the_briefing_keeps_the_hidden_strengths_back_and_the_partner_sheet_shows_them() -> None:
    scenario = sample_scenario()
    briefing = " ".join(text for _, text in scenario.briefing())
    partner = " ".join(text for _, text in scenario.partner_sheet())
    assert "I want a quiet place" in briefing and "contemplation" in briefing
    assert "STRENGTH" not in briefing and "CUE" not in briefing
    assert "STRENGTH leisure" in partner and "CUE" in partner


def test_stages_say_what_they_mean() -> None:
    assert all(stage.meaning for stage in StageOfChange)


def test_hidden_strengths_without_an_id_are_named_after_their_domain() -> None:
    ids = [s.id for s in sample_scenario().hidden_strengths]
    assert ids == ["leisure", "social_supports", "social_supports-2", "health"]


# --- bad files --------------------------------------------------------------------------------


def test_a_bad_file_names_the_file_the_place_and_the_problem(tmp_path: Path) -> None:
    text = SAMPLE_TOML.replace('stage_of_change = "contemplation"', 'stage_of_change = "later"')
    text = text.replace('summary = "A fictional client for tests."', "favourite_colour = 'blue'")
    error = _refusal(tmp_path, text)
    path = str(tmp_path / "bad.toml")
    assert error.kind is ProblemKind.INVALID
    assert error.path == path
    lines = error.lines()
    assert f"{path}: stage_of_change: " in "\n".join(lines)
    assert f"{path}: favourite_colour: " in "\n".join(lines)
    assert f"{path}: summary: " in "\n".join(lines)


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (("[answers.health]", "[answers.helth]"), "answers.helth"),
        (('domain = "health"', 'domain = "hobbies"'), "hidden_strengths[3].domain"),
        (('topics = ["feelings", "health"]', 'topics = ["moods"]'), "non_strength_cue.topics[0]"),
        (("[answers.other]", "[answers.greeting2]"), "answers.greeting2"),
        (('kind = "physical_health"', 'kind = "grumpy"'), "non_strength_cue.kind"),
        (('"STRENGTH health: I swim three mornings a week."', '"  "'), "hidden_strengths[3].words"),
    ],
)
def test_each_mistake_points_at_its_place(tmp_path: Path, change: tuple[str, str], where: str):
    old, new = change
    assert old in SAMPLE_TOML
    error = _refusal(tmp_path, SAMPLE_TOML.replace(old, new, 1))
    assert where in [p.where for p in error.problems], error.lines()


def test_the_catch_all_answer_is_required(tmp_path: Path) -> None:
    text = SAMPLE_TOML.replace("[answers.other]", "[answers.daily_living]")
    error = _refusal(tmp_path, text)
    assert [p.where for p in error.problems] == ["answers.other"]


def test_a_resisting_client_must_say_how_they_push_back(tmp_path: Path) -> None:
    text = "resists = true\n" + SAMPLE_TOML.replace(
        "[answers.resistance]", "[answers.daily_living]"
    )
    error = _refusal(tmp_path, text)
    assert [p.where for p in error.problems] == ["answers.resistance"]


def test_a_toml_syntax_error_gives_the_line(tmp_path: Path) -> None:
    error = _refusal(tmp_path, SAMPLE_TOML.replace('title = "Sol: a test client"', "title = "))
    assert error.kind is ProblemKind.SYNTAX
    assert error.problems[0].where.startswith("line ")


def test_bytes_that_are_not_text_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "bin.toml"
    path.write_bytes(b"\xff\xfe\x00 not text")
    with pytest.raises(CaseFileError) as caught:
        load_scenario(path)
    assert caught.value.kind is ProblemKind.SYNTAX


def test_a_folder_named_like_a_scenario_is_reported_not_raised(tmp_path: Path) -> None:
    with pytest.raises(CaseFileError) as caught:
        load_scenario(tmp_path)
    assert caught.value.problems[0].what == "is a folder"


# --- the user's own folder --------------------------------------------------------------------


def test_the_users_own_folder_is_read_after_the_shipped_one(monkeypatch, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    monkeypatch.setenv(paths.SCENARIOS_ENV, str(mine))
    assert paths.scenarios_dir() == mine
    _write(mine, "sol.toml", SAMPLE_TOML)
    _write(mine, "notes.txt", "not a scenario")
    _write(mine, ".hidden.toml", "junk = ")
    scenarios, problems = scenario_library()
    assert problems == []
    assert scenarios[-1].id == "sample-sol"
    assert find_scenario("sample-sol") == scenarios[-1]
    assert find_scenario("no-such-scenario") is None
    assert find_scenario(None) is None


def test_a_bad_user_file_is_reported_and_the_rest_still_load(monkeypatch, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    monkeypatch.setenv(paths.SCENARIOS_ENV, str(mine))
    _write(mine, "a-good.toml", SAMPLE_TOML)
    bad = _write(mine, "b-bad.toml", "id = 'x'\n")
    twin = _write(mine, "c-twin.toml", SAMPLE_TOML)
    scenarios, problems = scenario_library()
    assert "sample-sol" in [s.id for s in scenarios]
    assert len(scenarios) == len(SHIPPED_FILES) + 1
    assert [p.path for p in problems] == [str(bad), str(twin)]
    assert problems[1].lines() == [f"{twin}: id: already used by {mine / 'a-good.toml'}"]


def test_extra_folders_are_read_too(tmp_path: Path) -> None:
    _write(tmp_path / "extra", "sol.toml", SAMPLE_TOML)
    scenarios, _ = scenario_library(extra_dirs=[tmp_path / "extra"])
    assert scenarios[-1].id == "sample-sol"


def test_the_default_user_folder_is_in_the_user_data_folder(monkeypatch) -> None:
    monkeypatch.delenv(paths.SCENARIOS_ENV, raising=False)
    assert paths.scenarios_dir() == paths.user_data_dir() / "scenarios"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs permissions")
def test_an_unreadable_folder_is_reported(monkeypatch, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    _write(mine, "sol.toml", SAMPLE_TOML)
    mine.chmod(0)
    monkeypatch.setenv(paths.SCENARIOS_ENV, str(mine))
    try:
        scenarios, problems = scenario_library()
    finally:
        mine.chmod(0o700)
    assert len(scenarios) == len(SHIPPED_FILES)
    assert [p.lines()[0].split(": ")[1] for p in problems] == ["folder"]


# --- practice cases ---------------------------------------------------------------------------


def test_a_practice_case_is_marked_and_carries_only_the_few_facts() -> None:
    scenario = sample_scenario()
    case = practice_case(scenario, date(2026, 3, 2))
    assert case.practice is True
    assert case.scenario == case.scenario_id == "sample-sol"
    assert case.id.startswith(PRACTICE_PREFIX)
    assert case.client == scenario.client
    assert case.client is not scenario.client
    assert case.next_contact_on == date(2026, 3, 2)
    assert case.strengths == [] and case.goals == [] and case.contacts == []
    assert practice_case(scenario, date(2026, 3, 2)).id != case.id


@pytest.mark.parametrize("fmt", list(CaseFormat), ids=lambda f: f.value)
def test_a_practice_case_saves_and_loads(fmt: CaseFormat) -> None:
    case = practice_case(load_scenario(SHIPPED_FILES[0]), date(2026, 3, 2))
    assert load_case(dump_case(case, fmt), fmt, "p") == case


# --- sbcm validate ----------------------------------------------------------------------------


def test_scenario_files_are_told_apart_from_case_files() -> None:
    assert all(looks_like_scenario(p.read_bytes()) for p in SHIPPED_FILES)
    assert not looks_like_scenario(GOLDEN_CASE.read_bytes())


def test_validate_checks_scenario_files(capsys, tmp_path: Path) -> None:
    assert cli.main(["validate", str(SHIPPED_DIR)]) == 0
    assert capsys.readouterr().err.strip() == f"{len(SHIPPED_FILES)} role-play scenarios valid"
    folder = tmp_path / "mixed"
    shutil.copy(GOLDEN_CASE, _copy_into(folder))
    _write(folder, "sol.toml", SAMPLE_TOML)
    assert cli.main(["validate", str(folder)]) == 0
    assert capsys.readouterr().err.strip() == "1 case file and 1 role-play scenario valid"
    bad = _write(folder, "sol.toml", SAMPLE_TOML.replace("[answers.health]", "[answers.helth]"))
    assert cli.main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{bad}: answers.helth: " + out[0].split(": ", 2)[2]]
    assert "not a topic" in out[0]


def _copy_into(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "c-golden-v1.toml"  # named after the case's id, as in a case folder


def test_real_cases_are_written_without_any_practice_keys() -> None:
    # New fields are left out when empty, so files written before practice mode keep their bytes.
    case = practice_case(sample_scenario(), date(2026, 3, 2))
    case.practice, case.scenario = False, None
    case.contacts.append(Contact(number=1, on=date(2026, 3, 2)))
    for fmt in CaseFormat:
        raw = dump_case(case, fmt).decode()
        assert "practice_lines" not in raw and "scenario" not in raw
    case.contacts[0].practice_lines.append(PracticeLine(speaker="worker", text="Hello."))
    raw = dump_case(case, CaseFormat.TOML).decode()
    assert "practice_lines" in raw and "revealed" not in raw
