"""The case folder: saves, conflicts between editors, backups, permissions and the caseload."""

from __future__ import annotations

import errno
import os
import stat
import time
from datetime import date
from pathlib import Path

import pytest

from sbcm_tui.core.case import (
    Case,
    Client,
    Goal,
    NonStrength,
    NonStrengthKind,
    Objective,
    Referral,
    ReferralStatus,
    ReferralStep,
    Resource,
    Task,
)
from sbcm_tui.files import atomic
from sbcm_tui.files.atomic import TEMP_PREFIX, TEMP_SUFFIX
from sbcm_tui.files.casefile import CaseFormat, read_case
from sbcm_tui.files.store import CaseStore, SaveConflict, SaveFailed


def _case(name: str = "Ana") -> Case:
    return Case(client=Client(preferred_name=name))


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_folder_and_files_are_owner_only(tmp_path: Path) -> None:
    store = CaseStore(tmp_path / "deep" / "cases")
    opened = store.create(_case())
    assert _mode(store.root) == 0o700
    assert _mode(tmp_path / "deep") == 0o700
    assert _mode(store.meta) == 0o700
    assert _mode(opened.path) == 0o600
    store.save(opened)
    [version] = store.history.versions(opened.path)
    assert _mode(store.meta / "history") == 0o700
    assert _mode(version.path.parent) == 0o700
    assert _mode(version.path) == 0o600
    store.caseload()
    assert _mode(store.meta / "index.sqlite3") == 0o600


def test_save_bumps_revision_and_round_trips(tmp_path: Path) -> None:
    store = CaseStore(tmp_path)
    opened = store.create(_case())
    assert opened.case.revision == 1
    opened.case.client.pronouns = "she/her"
    store.save(opened)
    loaded, _ = read_case(opened.path)
    assert loaded.revision == 2
    assert loaded.client.pronouns == "she/her"
    assert loaded == opened.case


def test_create_refuses_to_replace_an_existing_file(tmp_path: Path) -> None:
    store = CaseStore(tmp_path)
    first = store.create(_case())
    twin = _case("Someone else")
    twin.id = first.case.id
    with pytest.raises(SaveConflict):
        store.create(twin)
    assert read_case(first.path)[0].client.preferred_name == "Ana"


def test_json_cases_are_saved_as_json(tmp_path: Path) -> None:
    store = CaseStore(tmp_path)
    opened = store.create(_case(), CaseFormat.JSON)
    assert opened.path.suffix == ".json"
    assert opened.path.read_bytes().startswith(b"{")


def test_two_stores_editing_one_case_the_second_save_is_refused(tmp_path: Path) -> None:
    """Two windows on one case: the later save must not silently erase the earlier one."""
    store_a, store_b = CaseStore(tmp_path), CaseStore(tmp_path)
    created = store_a.create(_case())
    in_a = store_a.open(created.path)
    in_b = store_b.open(created.path)
    in_a.case.client.living_situation = "with my sister"
    store_a.save(in_a)
    in_b.case.client.language = "Portuguese"
    with pytest.raises(SaveConflict) as refused:
        store_b.save(in_b)
    assert not refused.value.deleted
    on_disk, _ = read_case(created.path)
    assert on_disk.client.living_situation == "with my sister"
    # B still holds its words and can keep them as a copy, or overwrite on purpose.
    assert in_b.case.client.language == "Portuguese"
    copy = store_b.save_as_copy(in_b)
    assert copy.path != created.path
    assert read_case(copy.path)[0].client.language == "Portuguese"
    store_b.save(in_b, overwrite=True)
    assert read_case(created.path)[0].client.language == "Portuguese"


def test_a_refused_save_changes_nothing_in_memory(tmp_path: Path) -> None:
    store = CaseStore(tmp_path)
    opened = store.create(_case())
    other = store.open(opened.path)
    store.save(other)
    revision = opened.case.revision
    with pytest.raises(SaveConflict):
        store.save(opened)
    assert opened.case.revision == revision


def test_deleted_elsewhere_is_a_conflict(tmp_path: Path) -> None:
    store = CaseStore(tmp_path)
    opened = store.create(_case())
    opened.path.unlink()
    with pytest.raises(SaveConflict) as refused:
        store.save(opened)
    assert refused.value.deleted


def test_previous_version_is_kept_in_the_history(tmp_path: Path) -> None:
    store = CaseStore(tmp_path)
    opened = store.create(_case())
    first = opened.path.read_bytes()
    opened.case.client.pronouns = "they/them"
    store.save(opened)
    [kept] = store.history.versions(opened.path)
    assert kept.path.read_bytes() == first
    assert not (store.meta / "backups").exists()  # one place for earlier versions


def test_a_deleted_practice_case_leaves_no_versions(tmp_path: Path) -> None:
    store = CaseStore(tmp_path)
    opened = store.create(_case())
    store.save(opened)
    folder = store.history.folder_for(opened.path)
    assert folder.is_dir()
    store.delete(opened.path)
    assert not opened.path.exists() and not folder.exists()


def test_stale_temp_files_are_removed_on_open_but_fresh_ones_kept(tmp_path: Path) -> None:
    stale = tmp_path / f"{TEMP_PREFIX}abc{TEMP_SUFFIX}"
    stale.write_text("client words from a killed save")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    fresh = tmp_path / f"{TEMP_PREFIX}def{TEMP_SUFFIX}"
    fresh.write_text("a save in progress in another window")
    CaseStore(tmp_path)
    assert not stale.exists()
    assert fresh.exists()


def test_failed_write_keeps_the_old_file_and_the_words_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = CaseStore(tmp_path)
    opened = store.create(_case())
    before = opened.path.read_bytes()
    revision = opened.case.revision
    opened.case.client.living_situation = "a room at the shelter"

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "_fsync", disk_full)
    with pytest.raises(SaveFailed) as failed:
        store.save(opened)
    assert "No space left" in failed.value.reason
    assert opened.path.read_bytes() == before
    assert opened.case.client.living_situation == "a room at the shelter"
    assert opened.case.revision == revision
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_caseload_lists_cases_and_broken_files(tmp_path: Path) -> None:
    store = CaseStore(tmp_path)
    case = _case("Bea")
    case.goals = [Goal(words="a place of my own", objectives=[])]
    objective = Objective(text="apply for housing", target_date=date(2026, 1, 5))
    case.goals[0].objectives.append(objective)
    case.tasks = [Task(text="call the landlord", due=date(2026, 1, 2))]
    case.non_strengths = [
        NonStrength(kind=NonStrengthKind.SUICIDAL, note="said so", noted_on=date(2026, 1, 1))
    ]
    case.resources = [Resource(name="Housing office")]
    case.referrals = [
        Referral(
            resource_id=case.resources[0].id,
            history=[ReferralStep(status=ReferralStatus.REFERRED, on=date(2026, 1, 1))],
        )
    ]
    store.create(case)
    store.create(_case("Abe"))
    (tmp_path / "broken.toml").write_text("preferred_name = ")
    (tmp_path / "empty.json").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("not a case")
    (tmp_path / ".hidden.toml").write_text("not listed")
    load = store.caseload()
    assert [s.preferred_name for s in load.cases] == ["Abe", "Bea"]
    bea = load.cases[1]
    assert bea.safety_open
    assert bea.overdue(date(2026, 1, 3)) == 1
    assert bea.overdue(date(2026, 1, 10)) == 2
    assert bea.next_due() is not None and bea.next_due().what == "task"
    assert bea.referral_line() == "1 referred"
    assert sorted(b.name for b in load.broken) == ["broken.toml", "empty.json"]
    assert all(b.reason() for b in load.broken)


def test_caseload_cache_reads_only_changed_files(tmp_path: Path) -> None:
    store = CaseStore(tmp_path)
    opened = [store.create(_case(f"Client {i}")) for i in range(12)]
    assert store.caseload().parsed == 12
    assert store.caseload().parsed == 0
    opened[3].case.client.preferred_name = "Renamed"
    store.save(opened[3])
    again = CaseStore(tmp_path).caseload()  # a new window reuses the same cache
    assert again.parsed == 1
    assert "Renamed" in {s.preferred_name for s in again.cases}
    opened[5].path.unlink()
    assert len(store.caseload().cases) == 11


def test_a_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    store = CaseStore(tmp_path)
    for i in range(3):
        store.create(_case(f"C{i}"))
    store.caseload()
    index = store.meta / "index.sqlite3"
    for side in ("-wal", "-shm"):
        Path(f"{index}{side}").unlink(missing_ok=True)
    index.write_bytes(b"this is not a database" * 100)
    load = CaseStore(tmp_path).caseload()
    assert len(load.cases) == 3
    assert not load.broken


def test_a_broken_file_fixed_later_is_listed_again(tmp_path: Path) -> None:
    store = CaseStore(tmp_path)
    opened = store.create(_case("Fixed"))
    good = opened.path.read_bytes()
    opened.path.write_bytes(good[:-30])
    assert [b.name for b in store.caseload().broken] == [opened.path.name]
    opened.path.write_bytes(good)
    load = store.caseload()
    assert not load.broken and load.cases[0].preferred_name == "Fixed"


def test_an_edit_that_leaves_the_case_invalid_is_refused_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    from sbcm_tui.core.case import Strength
    from sbcm_tui.files.casefile import CaseFileError

    store = CaseStore(tmp_path)
    opened = store.create(_case())
    before = opened.path.read_bytes()
    opened.case.strengths.append(Strength(domain="leisure", words="sings"))
    opened.case.strengths[0].words = ""  # screens edit in place; the model is not re-checked
    with pytest.raises(CaseFileError) as refused:
        store.save(opened)
    assert refused.value.problems[0].where == "strengths[0].words"
    assert opened.path.read_bytes() == before
    assert opened.case.revision == 1
