"""Faults around the store, one test per finding of "nothing lost": each of these once lost a
word, crashed the app, or showed a case twice.

The save lifecycle: a lock that cannot be taken, a copy that cannot be written, a reload of a
file that is gone. The folder: read-only, a damaged cache, links, a file named after another
case. The numbers: beyond what TOML 1.0 reads, and a report dated past what dates hold.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

import pytest

from sbcm_tui import cli
from sbcm_tui.core.case import Case, Client
from sbcm_tui.core.problems import CaseFileError
from sbcm_tui.files import demo
from sbcm_tui.files.casefile import CaseFormat, dump_case, load_case, read_case
from sbcm_tui.files.caseindex import INDEX_NAME
from sbcm_tui.files.session import CaseSession, SaveState
from sbcm_tui.files.store import META_FOLDER, CaseStore, OpenCase, SaveFailed
from sbcm_tui.tui.app import SbcmApp
from tests.support import caseload_loaded


def one_case(folder: Path, name: str = "Ana") -> OpenCase:
    return CaseStore(folder).create(Case(client=Client(preferred_name=name)))


def make_unwritable(folder: Path) -> None:
    """The folder as a worker without write access sees it. Root writes anywhere, so there the
    folder for sbcm's own files is made impossible to create instead: the same refusal."""
    shutil.rmtree(folder / META_FOLDER)
    if os.geteuid() == 0:
        (folder / META_FOLDER).write_text("in the way")
    else:
        folder.chmod(0o500)


# --- the save lifecycle ---------------------------------------------------------------------


def test_a_lock_that_cannot_be_taken_is_a_failed_save_not_a_crash(tmp_path: Path) -> None:
    opened = one_case(tmp_path)
    locks = tmp_path / META_FOLDER / "locks"
    shutil.rmtree(locks, ignore_errors=True)
    locks.write_text("not a folder")  # the lock folder cannot be made
    session = CaseSession(CaseStore(tmp_path), CaseStore(tmp_path).open(opened.path))
    session.case.client.language = "Dari"
    session.changed()
    outcome = session.save()
    assert outcome.state is SaveState.FAILED and "Your text is kept" in outcome.message
    assert session.dirty and session.case.client.language == "Dari"


def test_a_copy_that_cannot_be_written_keeps_the_words(tmp_path: Path, monkeypatch) -> None:
    opened = one_case(tmp_path)
    store = CaseStore(tmp_path)
    session = CaseSession(store, store.open(opened.path))
    session.case.client.language = "Dari"
    session.changed()

    def disk_full(*_args, **_kwargs):
        raise SaveFailed(opened.path, "No space left on device")

    monkeypatch.setattr(store, "save_as_copy", disk_full)
    outcome = session.save_as_copy()
    assert outcome.state is SaveState.FAILED and "No space left" in outcome.message
    assert session.dirty and session.case.client.language == "Dari"


def test_reloading_a_file_that_is_gone_keeps_the_words(tmp_path: Path) -> None:
    opened = one_case(tmp_path)
    store = CaseStore(tmp_path)
    session = CaseSession(store, store.open(opened.path))
    session.case.client.language = "Dari"
    session.changed()
    opened.path.unlink()
    outcome = session.reload()
    assert outcome.state is SaveState.CONFLICT and "cannot be read" in outcome.message
    assert session.case.client.language == "Dari"


# --- the folder -----------------------------------------------------------------------------


def test_damage_inside_a_cache_row_rebuilds_the_cache(tmp_path: Path) -> None:
    for name in ("Ana", "Bo", "Cy"):
        one_case(tmp_path, name)
    store = CaseStore(tmp_path)
    assert len(store.caseload().cases) == 3
    db = sqlite3.connect(tmp_path / META_FOLDER / INDEX_NAME)
    with db:
        db.execute("UPDATE entries SET payload = 'not json' WHERE rowid = 1")
    db.close()
    listing = CaseStore(tmp_path).caseload()
    assert sorted(s.preferred_name for s in listing.cases) == ["Ana", "Bo", "Cy"]
    assert listing.broken == [] and listing.parsed == 3  # every file read again
    again = CaseStore(tmp_path).caseload()
    assert again.parsed == 0 and len(again.cases) == 3  # and the rebuilt cache is used


def test_a_damaged_cache_row_never_stops_sbcm_report(tmp_path: Path, capsys) -> None:
    one_case(tmp_path)
    CaseStore(tmp_path).caseload()
    db = sqlite3.connect(tmp_path / META_FOLDER / INDEX_NAME)
    with db:
        db.execute("UPDATE entries SET kind = 'syntax', payload = '{{{'")
    db.close()
    assert cli.main(["report", str(tmp_path)]) == 0
    assert "internal error" not in capsys.readouterr().err


def test_a_case_file_that_is_a_link_is_listed_as_such_and_never_saved_through(
    tmp_path: Path,
) -> None:
    opened = one_case(tmp_path)
    alias = tmp_path / "c-alias-0000.toml"
    alias.symlink_to(opened.path.name)
    listing = CaseStore(tmp_path).caseload()
    assert [s.name for s in listing.cases] == [opened.path.name]  # one case, counted once
    assert [b.name for b in listing.broken] == [alias.name]
    assert "link" in listing.broken[0].reason()
    with pytest.raises(CaseFileError):
        CaseStore(tmp_path).open(alias)
    through = OpenCase(read_case(opened.path)[0], alias, None)
    with pytest.raises(SaveFailed):
        CaseStore(tmp_path).save(through)
    assert alias.is_symlink()  # the link is still a link, the case still one file


def test_an_index_that_is_a_link_is_replaced_not_followed(tmp_path: Path) -> None:
    one_case(tmp_path)
    elsewhere = tmp_path.parent / f"{tmp_path.name}-elsewhere.sqlite3"
    elsewhere.write_bytes(b"")
    index = tmp_path / META_FOLDER / INDEX_NAME
    index.unlink(missing_ok=True)
    index.symlink_to(elsewhere)
    assert len(CaseStore(tmp_path).caseload().cases) == 1
    assert not index.is_symlink() and elsewhere.read_bytes() == b""


def test_a_file_named_after_another_case_is_refused(tmp_path: Path, capsys) -> None:
    opened = one_case(tmp_path)
    twin = tmp_path / "c-someone-else.toml"
    shutil.copyfile(opened.path, twin)
    listing = CaseStore(tmp_path).caseload()
    assert [s.name for s in listing.cases] == [opened.path.name]
    assert [b.name for b in listing.broken] == [twin.name]
    with pytest.raises(CaseFileError):
        CaseStore(tmp_path).open(twin)
    assert cli.main(["validate", str(tmp_path)]) == 1  # the case folder, as the app reads it
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith(f"{twin}: id: ") and "rename the file" in line


async def test_a_read_only_folder_opens_read_only(tmp_path: Path) -> None:
    opened = one_case(tmp_path)
    make_unwritable(tmp_path)
    try:
        store = CaseStore(tmp_path)
        assert store.read_only
        app = SbcmApp(store)
        async with app.run_test(size=(100, 30)) as pilot:
            await caseload_loaded(pilot, rows=1)
            assert "READ-ONLY" in app.sub_title
        session = CaseSession(store, store.open(opened.path))
        session.case.client.language = "Dari"
        session.changed()
        outcome = session.save()
        assert outcome.state is SaveState.FAILED and "read-only" in outcome.message
    finally:
        tmp_path.chmod(0o700)


# --- numbers and days -----------------------------------------------------------------------


def test_a_number_past_64_bits_is_refused_and_never_written() -> None:
    case = Case(client=Client(preferred_name="Ana"))
    raw = dump_case(case, CaseFormat.JSON).replace(
        b'"revision": 0', b'"revision": ' + b"1" + b"0" * 30
    )
    with pytest.raises(CaseFileError) as caught:
        load_case(raw, CaseFormat.JSON, "c.json")
    assert [p.where for p in caught.value.problems] == ["revision"]


def test_a_number_of_thousands_of_digits_is_said_in_words() -> None:
    raw = b'{"schema_version": 2, "revision": ' + b"9" * 5000 + b', "client": {}}'
    with pytest.raises(CaseFileError) as caught:
        load_case(raw, CaseFormat.JSON, "c.json")
    [line] = caught.value.lines()
    assert "too long to read" in line and "sys.set_int_max_str_digits" not in line


def test_a_report_dated_past_what_dates_hold_is_a_usage_error(capsys) -> None:
    assert cli.main(["report", str(Path(__file__).parent), "--today", "9999-12-31"]) == 2
    err = capsys.readouterr().err
    assert "internal error" not in err and "--today" in err


def test_stale_demo_copies_are_removed_and_a_closed_one_goes_at_once() -> None:
    stale = Path(tempfile.mkdtemp(prefix=demo.DEMO_PREFIX))
    old = time.time() - demo.STALE_AFTER - 60
    os.utime(stale, (old, old))
    fresh = demo.fresh_demo_copy()
    try:
        assert not stale.exists() and fresh.exists()
    finally:
        demo.discard_demo_copy(fresh)
    assert not fresh.exists()
    keep = Path(tempfile.mkdtemp(prefix="not-a-demo-"))
    demo.discard_demo_copy(keep)
    assert keep.exists()
    keep.rmdir()
