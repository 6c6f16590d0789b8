"""The shipped demo caseload: it loads, it shows the states it promises, every file is canonical
(data/refresh_demo.py keeps it so), and a fresh copy is dated to today without touching the
shipped files."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import stat
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from types import ModuleType

import pytest

from sbcm_tui.core.case import (
    Case,
    CaseStatus,
    NonStrengthKind,
    ObjectiveStatus,
    ReadingLevel,
    ReferralStatus,
    ReviewStatus,
)
from sbcm_tui.files.casefile import CaseFileError, CaseFormat, dump_case, read_case
from sbcm_tui.files.demo import (
    DEMO_ANCHOR,
    SUMMARIES_FILE,
    demo_files,
    demo_source,
    fresh_demo_copy,
    shift_case_dates,
    shipped_summaries_document,
)
from sbcm_tui.files.protocols import load_prompt_bank, load_protocol

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"
REFRESHER = ROOT / "data" / "refresh_demo.py"


def _files() -> list[Path]:
    return sorted(p for p in DEMO.iterdir() if p.suffix in (".toml", ".json") and p.name[0] != ".")


def _cases() -> dict[str, Case]:
    return {read_case(p)[0].id: read_case(p)[0] for p in _files()}


def _fingerprints(folder: Path) -> dict[str, tuple[str, int, int]]:
    out = {}
    for p in sorted(folder.iterdir()):
        info = p.stat()
        out[p.name] = (hashlib.sha256(p.read_bytes()).hexdigest(), info.st_mtime_ns, info.st_mode)
    return out


def _load_refresher() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sbcm_refresh_demo", REFRESHER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CASES = _cases()


# --- the files -------------------------------------------------------------------------------


def test_every_demo_file_loads_and_is_named_after_its_case() -> None:
    files = _files()
    assert len(files) >= 6
    assert any(p.suffix == ".json" for p in files)
    assert [p.name for p in files] == [p.name for p in demo_files(DEMO)]
    for path in files:
        case, _raw = read_case(path)
        assert path.name == f"{case.id}{CaseFormat.for_path(path).suffix}"
        assert case.id.startswith("c-demo-")


def test_no_practice_cases_in_the_demo() -> None:
    assert CASES
    assert not [c.id for c in CASES.values() if c.practice or c.scenario]


def test_the_shipped_folder_is_the_one_the_app_copies() -> None:
    assert demo_source().resolve() == DEMO.resolve()


# --- the intended states ---------------------------------------------------------------------


def test_a_just_after_contact_one() -> None:
    ana = CASES["c-demo-ana"]
    assert len(ana.contacts) == 1
    assert "engagement" in ana.contacts[0].steps_done
    assert ana.strengths and ana.goals
    promised = [t for t in ana.tasks if t.owner == "case_manager"]
    assert promised and all(t.due and t.due > DEMO_ANCHOR and not t.done for t in promised)


def test_b_contact_three_overdue_unsafe_and_pending() -> None:
    marcus = CASES["c-demo-marcus"]
    assert marcus.last_contact().number == 3
    overdue = [o for o in marcus.objectives() if o.is_overdue(DEMO_ANCHOR)]
    assert overdue
    assert all(o.status in (ObjectiveStatus.OPEN, ObjectiveStatus.IN_PROGRESS) for o in overdue)
    concerns = marcus.open_safety_concerns()
    assert concerns and all(n.follow_up for n in concerns)
    pending = [r for r in marcus.referrals if r.status is ReferralStatus.REFERRED]
    assert pending
    assert [s.status for s in pending[0].history] == [
        ReferralStatus.SUGGESTED,
        ReferralStatus.REFERRED,
    ]
    assert marcus.disengagement and marcus.disengagement.started_at_contact == 3
    assert marcus.disengagement.completed_on is None


def test_c_disengaged_after_contact_five() -> None:
    ruth = CASES["c-demo-ruth"]
    assert ruth.status is CaseStatus.DISENGAGED
    assert len(ruth.contacts) == 5
    assert ruth.disengagement and ruth.disengagement.completed_on
    assert ruth.disengagement.accomplishments and ruth.disengagement.independent_contact
    assert {c.number for c in ruth.contacts if c.plan_reviews} == {2, 3, 4, 5}
    achieved = [o for o in ruth.objectives() if o.status is ObjectiveStatus.ACHIEVED]
    assert achieved and all(o.gas_level is not None for o in achieved)
    assert {ReferralStatus.LINKED, ReferralStatus.RETAINED} & {r.status for r in ruth.referrals}
    assert not ruth.open_safety_concerns()
    assert all(t.done for t in ruth.tasks)


def test_d_a_json_case_at_contact_two() -> None:
    json_cases = [read_case(p)[0] for p in _files() if p.suffix == ".json"]
    assert any(c.last_contact().number == 2 for c in json_cases)


def test_e_long_term_with_many_contacts() -> None:
    hollis = CASES["c-demo-hollis"]
    assert hollis.protocol == "long-term"
    assert len(hollis.contacts) >= 24
    assert (hollis.contacts[-1].on - hollis.contacts[0].on).days >= 365
    assert len(hollis.goals) >= 3
    statuses = {o.status for o in hollis.objectives()}
    assert ObjectiveStatus.DROPPED in statuses and ObjectiveStatus.REVISED in statuses
    assert any(c.decision == "refused" for c in hollis.consents)
    assert len(hollis.referrals) >= 3


def test_f_does_not_read_with_a_health_note_at_contact_four() -> None:
    reggie = CASES["c-demo-reggie"]
    assert reggie.client.reading_level is ReadingLevel.DOES_NOT_READ
    assert reggie.last_contact().number == 4
    kinds = {n.kind for n in reggie.non_strengths}
    assert {NonStrengthKind.INTRINSIC_LIMITATION, NonStrengthKind.PHYSICAL_HEALTH} <= kinds


def test_one_client_writes_like_markup() -> None:
    marked = [c for c in CASES.values() if "[/" in c.client.preferred_name]
    assert len(marked) == 1
    notes = " ".join(n.notes or "" for n in marked[0].contacts)
    assert "[" in notes and "\\" in notes
    assert any(ord(ch) > 0xFFFF for ch in notes)  # an emoji outside the basic plane


# --- coherence: what a screen or a report will rely on ---------------------------------------


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_case_is_coherent(case_id: str) -> None:
    case = CASES[case_id]
    bank = load_prompt_bank()
    protocol = load_protocol(case.protocol)
    domains = {d.id for d in bank.domains}
    categories = {c.id for c in bank.categories}

    assert len({s.domain for s in case.strengths}) >= 3
    for s in case.strengths:
        assert s.domain in domains and s.category in categories
        if s.prompt_id:
            prompt = bank.prompt(s.prompt_id)
            assert prompt.category == s.category, s.id
            assert prompt.domain in (None, s.domain), s.id
    assert all(g.domain in domains for g in case.goals)
    assert {r.kind for r in case.resources} == {"formal", "informal", "created"}
    assert case.consents and case.referrals and case.barriers

    numbers = [c.number for c in case.contacts]
    assert numbers == list(range(1, len(numbers) + 1))
    days = [c.on for c in case.contacts]
    assert days == sorted(days) and days[-1] <= DEMO_ANCHOR
    for contact in case.contacts:
        script = protocol.script_for(contact.number)
        assert set(contact.steps_done) <= set(script.step_ids), contact.number
        if contact.number == 1:
            assert not contact.plan_reviews
    if len(case.contacts) >= 2:
        assert any(c.plan_reviews for c in case.contacts)

    latest: dict[str, ReviewStatus] = {}
    for contact in case.contacts:
        for r in contact.plan_reviews:
            latest[r.item_id] = r.status
    after = {
        ReviewStatus.DONE: ObjectiveStatus.ACHIEVED,
        ReviewStatus.IN_PROGRESS: ObjectiveStatus.IN_PROGRESS,
        ReviewStatus.REVISED: ObjectiveStatus.REVISED,
        ReviewStatus.DROPPED: ObjectiveStatus.DROPPED,
    }
    for objective in case.objectives():
        assert objective.measure and objective.target_date
        if objective.id in latest:
            assert objective.status is after[latest[objective.id]], objective.id
        assert (objective.status is ObjectiveStatus.ACHIEVED) == (objective.achieved_on is not None)
        if objective.gas_level is not None:
            assert not objective.is_open
        for strategy in objective.strategies:
            assert strategy.who and strategy.target_date
            if strategy.id in latest:
                assert strategy.done == (latest[strategy.id] is ReviewStatus.DONE), strategy.id
            assert strategy.done == (strategy.done_on is not None)
    for task in case.tasks:
        assert task.done == (task.done_on is not None)
    assert case.created_at <= case.updated_at
    assert case.created_at.date() <= days[0] and case.updated_at.date() >= days[-1]


# --- the files are the source: canonical, and refreshed in place ----------------------------


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_every_demo_file_is_canonical(path: Path) -> None:
    """Loading and saving gives the same bytes: what a schema change (through its migration)
    or a hand edit leaves behind is caught here, and data/refresh_demo.py writes it back."""
    case, raw = read_case(path)
    assert dump_case(case, CaseFormat.for_path(path)) == raw


def test_refresh_check_passes_on_the_shipped_folder(capsys) -> None:
    refresher = _load_refresher()
    before = _fingerprints(DEMO)
    assert refresher.main(["--check"]) == 0
    assert refresher.main([str(DEMO), "--check"]) == 0
    assert capsys.readouterr() == ("", "")
    assert _fingerprints(DEMO) == before
    assert sorted(refresher.wanted()) == sorted([*_files(), DEMO / SUMMARIES_FILE])


def test_refresh_check_as_a_script() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, str(REFRESHER), "--check"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def _reformatted(path: Path) -> None:
    """The same case in other bytes: JSON indented differently, TOML with a comment and a blank
    line (and sealed again, as `sbcm seal` would)."""
    from sbcm_tui.files.casefile import seal, unsealed

    raw = path.read_bytes()
    if path.suffix == ".json":
        path.write_text(json.dumps(json.loads(raw), indent=4, ensure_ascii=True))
    else:
        path.write_bytes(seal(b"# a hand edit\n\n" + unsealed(raw)))
    assert path.read_bytes() != raw
    assert read_case(path)[0] == read_case(DEMO / path.name)[0]


@pytest.mark.parametrize("name", ["c-demo-destiny.json", "c-demo-hollis.toml"])
def test_check_names_a_file_that_is_not_canonical(tmp_path: Path, capsys, name: str) -> None:
    refresher = _load_refresher()
    folder = tmp_path / "demo"
    shutil.copytree(DEMO, folder)
    _reformatted(folder / name)
    before = _fingerprints(folder)
    assert refresher.main([str(folder), "--check"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err == f"{folder / name}: not canonical; run data/refresh_demo.py\n"
    assert _fingerprints(folder) == before  # --check writes nothing

    assert refresher.main([str(folder)]) == 0
    assert capsys.readouterr().out == f"{folder / name}: rewritten\n"
    for path in [*_files(), DEMO / SUMMARIES_FILE]:
        assert (folder / path.name).read_bytes() == path.read_bytes(), path.name
    assert refresher.main([str(folder), "--check"]) == 0
    assert refresher.main([str(folder)]) == 0  # nothing left to write
    assert capsys.readouterr() == ("", "")


def test_check_names_stale_summaries_and_refresh_rewrites_them(tmp_path: Path, capsys) -> None:
    refresher = _load_refresher()
    folder = tmp_path / "demo"
    shutil.copytree(DEMO, folder)
    summaries = folder / SUMMARIES_FILE
    summaries.unlink()
    assert refresher.main([str(folder), "--check"]) == 1
    assert capsys.readouterr().err == f"{summaries}: not current; run data/refresh_demo.py\n"
    assert not summaries.exists()
    assert refresher.main([str(folder)]) == 0
    assert summaries.read_bytes() == (DEMO / SUMMARIES_FILE).read_bytes()


def test_refresh_touches_nothing_but_the_demo_files(tmp_path: Path) -> None:
    refresher = _load_refresher()
    folder = tmp_path / "demo"
    shutil.copytree(DEMO, folder)
    (folder / "notes.md").write_text("not a case")
    (folder / ".hidden.toml").write_text("not = 'a case either'")
    (folder / "inner").mkdir()
    (folder / "inner" / "c-demo-ana.toml").write_text("x")
    (folder / SUMMARIES_FILE).write_text("{}")
    _reformatted(folder / "c-demo-ana.toml")

    def everything() -> dict[Path, tuple[bytes, int, int]]:
        files = (p for p in folder.rglob("*") if p.is_file())
        return {p: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode) for p in files}

    before = everything()
    written = refresher.refresh(folder)
    assert sorted(written) == [folder / SUMMARIES_FILE, folder / "c-demo-ana.toml"]
    after = everything()
    assert sorted(after) == sorted(before)  # nothing made, nothing removed
    for path, (data, mtime, mode) in before.items():
        if path in written:
            assert after[path][0] == (DEMO / path.name).read_bytes() and after[path][2] == mode
        else:
            assert after[path] == (data, mtime, mode), path


def test_refresh_writes_nothing_when_a_file_does_not_load(tmp_path: Path, capsys) -> None:
    """A hand edit is sealed by a person (`sbcm seal`), never blessed by the refresh."""
    refresher = _load_refresher()
    folder = tmp_path / "demo"
    shutil.copytree(DEMO, folder)
    _reformatted(folder / "c-demo-destiny.json")
    ana = folder / "c-demo-ana.toml"
    ana.write_bytes(ana.read_bytes().replace(b"Ana Lucero", b"Ana Lucerx", 1))
    before = _fingerprints(folder)
    assert refresher.main([str(folder)]) == 1
    assert "c-demo-ana.toml: end of file: checksum does not match" in capsys.readouterr().err
    assert _fingerprints(folder) == before


# --- a fresh copy, dated to today ------------------------------------------------------------


@pytest.mark.parametrize("today", [date(2031, 2, 3), date(2026, 1, 15), DEMO_ANCHOR])
def test_fresh_copy_shifts_dates_and_leaves_the_source_alone(tmp_path: Path, today: date) -> None:
    before = _fingerprints(DEMO)
    folder = fresh_demo_copy(tmp_path / "copy", today=today)
    assert _fingerprints(DEMO) == before
    copied_files = sorted(p for p in folder.iterdir() if p.suffix in (".toml", ".json"))
    assert [p.name for p in copied_files] == [p.name for p in _files()]
    shift = today - DEMO_ANCHOR
    for path in copied_files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        copied, _raw = read_case(path)
        original = CASES[copied.id]
        assert copied.created_at - original.created_at == shift
        for new, old in zip(copied.objectives(), original.objectives(), strict=True):
            if old.target_date:
                assert (new.target_date - today) == (old.target_date - DEMO_ANCHOR)
        for new, old in zip(copied.contacts, original.contacts, strict=True):
            assert (new.on - today) == (old.on - DEMO_ANCHOR)
        assert [o.is_overdue(today) for o in copied.objectives()] == [
            o.is_overdue(DEMO_ANCHOR) for o in original.objectives()
        ]
        assert [t.is_overdue(today) for t in copied.tasks] == [
            t.is_overdue(DEMO_ANCHOR) for t in original.tasks
        ]
        if today == DEMO_ANCHOR:
            assert path.read_bytes() == (DEMO / path.name).read_bytes()


def test_fresh_copy_defaults_to_a_private_temp_folder() -> None:
    folder = fresh_demo_copy()
    try:
        assert folder.name.startswith("sbcm-demo-")
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        copied = [p for p in folder.iterdir() if p.suffix in (".toml", ".json")]
        assert len(copied) == len(_files())
        assert {stat.S_IMODE(p.stat().st_mode) for p in copied} == {0o600}
        marcus, _raw = read_case(folder / "c-demo-marcus.toml")
        assert any(o.is_overdue(date.today()) for o in marcus.objectives())
    finally:
        shutil.rmtree(folder)


def test_a_throwaway_copy_is_written_owner_only_and_never_over_a_file(tmp_path: Path) -> None:
    """The demo's temporary copy skips the fsyncs (it is removed when the app closes), but not
    the care: owner-only, never over a file that is there, never through a link."""
    from sbcm_tui.files.atomic import write_new_private

    write_new_private(tmp_path / "a.toml", b"x")
    assert stat.S_IMODE((tmp_path / "a.toml").stat().st_mode) == 0o600
    with pytest.raises(FileExistsError):
        write_new_private(tmp_path / "a.toml", b"y")
    assert (tmp_path / "a.toml").read_bytes() == b"x"
    (tmp_path / "elsewhere").write_bytes(b"keep")
    (tmp_path / "link.toml").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(FileExistsError):
        write_new_private(tmp_path / "link.toml", b"z")
    assert (tmp_path / "elsewhere").read_bytes() == b"keep"


def test_fresh_copy_refuses_the_shipped_folder() -> None:
    before = _fingerprints(DEMO)
    with pytest.raises(ValueError):
        fresh_demo_copy(DEMO, today=date(2030, 1, 1))
    assert _fingerprints(DEMO) == before


def test_shift_case_dates_is_generic_and_leaves_the_original() -> None:
    hollis = CASES["c-demo-hollis"]
    dumped = hollis.model_dump()
    moved = shift_case_dates(hollis, 10)
    assert hollis.model_dump() == dumped
    assert moved.client.birth_date == hollis.client.birth_date + timedelta(days=10)
    assert moved.referrals[0].history[0].on == hollis.referrals[0].history[0].on + timedelta(10)
    assert moved.consents[-1].starts == hollis.consents[-1].starts + timedelta(days=10)
    assert moved.updated_at - hollis.updated_at == timedelta(days=10)
    back = shift_case_dates(moved, -10)
    assert back == hollis
    assert shift_case_dates(hollis, 0) == hollis


def test_demo_module_does_not_import_textual() -> None:
    code = "import sys, sbcm_tui.files.demo; sys.exit('textual' in sys.modules)"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code], env=env, check=False)
    assert result.returncode == 0


# --- the quick copy: dates moved as text, the caseload index seeded ---------------------------


def test_the_shipped_summaries_are_current() -> None:
    """data/refresh_demo.py writes them; a change to the summary or the cases needs a refresh."""
    expected = _load_refresher().wanted(DEMO)[DEMO / SUMMARIES_FILE]
    assert (DEMO / SUMMARIES_FILE).read_bytes() == expected == shipped_summaries_document(_files())


@pytest.mark.parametrize("days", [-800, -1, 0, 3, 1000])
def test_the_quick_copy_is_what_the_model_would_write(tmp_path: Path, days: int) -> None:
    """Every file byte for byte as re-dating the loaded case and writing it gives, and the
    caseload lists them from the seeded index, parsing none, with the summaries it would make."""
    from sbcm_tui.files.casefile import CaseFormat, dump_case
    from sbcm_tui.files.store import CaseStore
    from sbcm_tui.files.summary import summarize

    folder = fresh_demo_copy(tmp_path / "copy", today=DEMO_ANCHOR + timedelta(days=days))
    expected = {}
    for path in _files():
        moved = shift_case_dates(read_case(path)[0], days)
        assert (folder / path.name).read_bytes() == dump_case(moved, CaseFormat.for_path(path))
        expected[path.name] = summarize(moved, path.name)
    listing = CaseStore(folder).caseload()
    assert listing.parsed == 0 and not listing.broken
    assert {s.name: s for s in listing.cases} == expected


def test_a_damaged_shipped_file_is_still_named(tmp_path: Path, monkeypatch) -> None:
    """The quick copy trusts only sealed files; anything else goes through the model, which
    says which file is wrong and where."""
    from sbcm_tui.files import demo

    source = tmp_path / "shipped"
    shutil.copytree(DEMO, source)
    ana = source / "c-demo-ana.toml"
    ana.write_bytes(ana.read_bytes().replace(b"Ana Lucero", b"Ana Lucerx", 1))
    monkeypatch.setattr(demo, "demo_source", lambda: source)
    with pytest.raises(CaseFileError) as caught:
        fresh_demo_copy(tmp_path / "copy", today=DEMO_ANCHOR)
    assert "c-demo-ana.toml" in str(caught.value)


def test_summaries_of_another_version_fall_back_to_the_model(tmp_path: Path, monkeypatch) -> None:
    from sbcm_tui.files import demo
    from sbcm_tui.files.store import CaseStore

    source = tmp_path / "shipped"
    shutil.copytree(DEMO, source)
    (source / SUMMARIES_FILE).write_text('{"summary_version": 0, "summaries": {}}')
    monkeypatch.setattr(demo, "demo_source", lambda: source)
    folder = fresh_demo_copy(tmp_path / "copy", today=DEMO_ANCHOR + timedelta(days=5))
    listing = CaseStore(folder).caseload()
    assert listing.parsed == len(_files()) and not listing.broken


def test_the_quick_copy_and_its_listing_need_no_case_model(tmp_path: Path) -> None:
    """`sbcm --demo` reaches its caseload without importing pydantic."""
    probe = (
        "import sys\n"
        "from sbcm_tui.files.demo import fresh_demo_copy\n"
        "from sbcm_tui.files.store import CaseStore\n"
        f"load = CaseStore(fresh_demo_copy({str(tmp_path / 'copy')!r})).caseload()\n"
        "assert load.parsed == 0 and len(load.cases) == 7, load\n"
        "print(sorted(m for m in ('pydantic', 'sbcm_tui.core.case') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
