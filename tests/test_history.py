"""Versions, not one slot: each save keeps the version it replaces, milestones stay for good,
autosaves thin out by a stated rule, and a version comes back as a new save, itself reversible.

The retention rule is measured with a simulated clock (``history.now`` replaced, and the
written time of each version set on the file): a whole day of 1-second autosaves in memory
through the rule itself, and 82 real saves through the store over three simulated hours.
"""

from __future__ import annotations

import errno
import itertools
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Tabs

from sbcm_tui import cli
from sbcm_tui.core.case import Case, Client
from sbcm_tui.files import history
from sbcm_tui.files.casefile import CaseFormat, load_case, read_case
from sbcm_tui.files.history import CaseHistory
from sbcm_tui.files.session import CaseSession, SaveState
from sbcm_tui.files.store import CaseStore
from sbcm_tui.files.versions import (
    AUTOSAVE,
    CONFLICT,
    CONTACT_ENDED,
    COPY,
    RESTORE,
    RETENTION,
    autosaves_to_prune,
    stamp_of,
)
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.modals.confirm import ConfirmModal
from sbcm_tui.tui.screens.case import CaseScreen
from sbcm_tui.tui.screens.contact import ContactScreen
from sbcm_tui.tui.screens.history import HistoryScreen, plain
from tests.support import TODAY, caseload_loaded, screen_text, type_text, wait_for

MIDNIGHT = datetime(2026, 12, 1, tzinfo=UTC).timestamp()
DAY_OF_TYPING = 201
"""Versions kept after 86,400 one-second autosaves from midnight UTC (see files/history.py):
120 from the last 2 minutes, 58 one a minute, 23 one an hour."""


def new_case(folder: Path, pronouns: str = "she/her") -> CaseSession:
    store = CaseStore(folder)
    opened = store.create(Case(client=Client(preferred_name="Ana", pronouns=pronouns)))
    return CaseSession(store, opened)


def edit(session: CaseSession, pronouns: str, *, reason: str | None = None) -> None:
    session.case.client.pronouns = pronouns
    session.changed()
    assert session.save(reason=reason).state is SaveState.SAVED


def kept(session: CaseSession) -> list[history.Version]:
    return session.store.history.versions(session.opened.path)


def read_version(path: Path) -> Case:
    """A version file read like any case file (it is one)."""
    return load_case(path.read_bytes(), CaseFormat.for_path(path), str(path))


def pronouns_in(path: Path) -> str | None:
    return read_version(path).client.pronouns


def run(capsys: pytest.CaptureFixture[str], *argv: str | os.PathLike[str]) -> tuple[int, str, str]:
    code = cli.main([os.fspath(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


# --- keeping -------------------------------------------------------------------------------


def test_a_save_keeps_the_version_it_replaces_as_a_hard_link(tmp_path: Path) -> None:
    session = new_case(tmp_path)
    path = session.opened.path
    before, inode = path.read_bytes(), path.stat().st_ino
    edit(session, "they/them")
    (version,) = kept(session)
    assert version.path.stat().st_ino == inode  # the very file that was replaced: no copy
    assert version.path.read_bytes() == before
    assert (version.reason, version.revision) == (AUTOSAVE, 1)
    assert stat.S_IMODE(version.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(version.path.parent.stat().st_mode) == 0o700
    assert session.case.id in str(version.path.parent) and "Ana" not in version.path.name


def test_where_links_are_not_supported_the_version_is_copied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = new_case(tmp_path)
    before = session.opened.path.read_bytes()

    def no_links(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    edit(session, "they/them")
    (version,) = kept(session)
    assert version.path.read_bytes() == before
    assert version.path.stat().st_ino != session.opened.path.stat().st_ino
    assert stat.S_IMODE(version.path.stat().st_mode) == 0o600
    assert not [p for p in version.path.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_milestone_keeps_the_version_written_and_the_next_save_does_not_repeat_it(
    tmp_path: Path,
) -> None:
    session = new_case(tmp_path)
    edit(session, "at the end of contact 1")
    session.case.client.pronouns = "at the end"
    session.changed()
    session.milestone(CONTACT_ENDED)
    assert session.save().state is SaveState.SAVED
    milestone = kept(session)[0]
    assert milestone.reason == CONTACT_ENDED
    assert milestone.path.read_bytes() == session.opened.path.read_bytes()  # the new version
    edit(session, "later")  # replaces the milestone's bytes: not kept twice
    assert [v.reason for v in kept(session)] == [CONTACT_ENDED, AUTOSAVE, AUTOSAVE]
    # With nothing left to save, a milestone keeps the file as it is at once.
    session.milestone(CONTACT_ENDED)
    assert kept(session)[0].reason == CONTACT_ENDED
    assert pronouns_in(kept(session)[0].path) == "later"


def test_an_overwrite_keeps_the_other_editors_version_and_a_reload_the_dropped_words(
    tmp_path: Path,
) -> None:
    mine = new_case(tmp_path)
    theirs = CaseSession(CaseStore(tmp_path), CaseStore(tmp_path).open(mine.opened.path))
    edit(theirs, "their words")
    mine.case.client.pronouns = "my words"
    mine.changed()
    assert mine.save().state is SaveState.CONFLICT
    assert mine.save(overwrite=True).state is SaveState.SAVED
    conflict = [v for v in kept(mine) if v.reason == CONFLICT]
    assert {pronouns_in(v.path) for v in conflict} == {"their words", "my words"}

    theirs.case.client.pronouns = "typed, then dropped"
    theirs.changed()
    assert theirs.save().state is SaveState.CONFLICT
    assert theirs.reload().state is SaveState.SAVED
    words = {pronouns_in(v.path) for v in kept(theirs) if v.reason == CONFLICT}
    assert "typed, then dropped" in words  # the reload can be undone


def test_a_copy_starts_its_own_history(tmp_path: Path) -> None:
    session = new_case(tmp_path)
    copy = session.store.save_as_copy(session.opened)
    assert [v.reason for v in session.store.history.versions(copy.path)] == [COPY]


def test_milestones_are_never_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    session = new_case(tmp_path)
    clock = [MIDNIGHT]
    monkeypatch.setattr(history, "now", lambda: clock[0])
    edit(session, "ended", reason=CONTACT_ENDED)
    for day in range(1, 400, 7):  # a save a week for more than a year
        clock[0] = MIDNIGHT + day * 86400
        os.utime(session.opened.path, (clock[0] - 60, clock[0] - 60))
        edit(session, f"week {day}")
    reasons = [v.reason for v in kept(session)]
    assert reasons.count(CONTACT_ENDED) == 1


# --- the retention rule, with a simulated clock --------------------------------------------


def simulate(times: list[float]) -> list[str]:
    """Autosaves at ``times`` (the first writes the case), each keeping the version it
    replaces (written at the time before) and pruning: the stamps the rule leaves."""
    names: list[str] = []
    for before, at in itertools.pairwise(times):
        names.insert(0, stamp_of(before))
        for gone in autosaves_to_prune(names, at):
            names.remove(gone)
    return names


def every(step: float, count: int, start: float = MIDNIGHT) -> list[float]:
    return [start + k * step for k in range(count + 1)]


def bands(names: list[str], at: float) -> list[int]:
    counts = [0] * len(RETENTION)
    ages = [age for age, _ in RETENTION]
    for name in names:
        counts[next(i for i, age in enumerate(ages) if name >= stamp_of(at - age))] += 1
    return counts


def test_a_day_of_one_second_autosaves_keeps_201_versions() -> None:
    day = every(1, 86_400)
    names = simulate(day)
    assert len(names) == DAY_OF_TYPING
    assert bands(names, day[-1]) == [120, 58, 23, 0, 0]


def test_the_store_prunes_on_disk_as_the_rule_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = new_case(tmp_path)
    clock = [MIDNIGHT]
    monkeypatch.setattr(history, "now", lambda: clock[0])
    # Typing (every second), then slower (every 20 s), then a save every 15 minutes.
    times = every(1, 40)
    times += every(20, 30, times[-1] + 20)[:-1]
    times += every(900, 10, times[-1] + 900)
    times.append(times[-1] + 1)
    os.utime(session.opened.path, (times[0], times[0]))
    for k, at in enumerate(times[1:], start=1):
        clock[0] = at
        edit(session, f"take {k}")
        os.utime(session.opened.path, (at, at))  # written at the simulated time
    expected = simulate(times)
    assert [v.stamp for v in kept(session)] == expected
    assert bands(expected, times[-1]) == [1, 3, 2, 0, 0]  # of 82 versions replaced


# --- when the history cannot keep a version ------------------------------------------------


def test_a_save_whose_version_cannot_be_kept_still_saves_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = new_case(tmp_path)

    def refuse(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "link", refuse)
    monkeypatch.setattr(CaseHistory, "_write_copy", refuse)
    session.case.client.pronouns = "they/them"
    session.changed()
    outcome = session.save()
    assert outcome.state is SaveState.SAVED
    assert "No space left on device" in outcome.warning and "safe" in outcome.warning
    assert read_case(session.opened.path)[0].client.pronouns == "they/them"
    assert session.history_problem and session.store.history.failures == 1
    edit(session, "again")  # said once, not at every autosave
    assert session.store.history.failures == 2
    monkeypatch.undo()
    session.case.client.pronouns = "fixed"
    session.changed()
    assert session.save().warning == "" and session.history_problem is None


# --- the command line ----------------------------------------------------------------------


def test_history_lists_versions_newest_first(tmp_path: Path, capsys) -> None:
    session = new_case(tmp_path)
    edit(session, "second")
    edit(session, "third", reason=CONTACT_ENDED)
    code, out, err = run(capsys, "history", session.opened.path)
    assert code == 0, err
    header, *rows = out.splitlines()
    assert header.split() == ["#", "when", "revision", "reason", "bytes"]
    assert [r.split()[0] for r in rows] == ["1", "2", "3"]
    assert [r.split()[3] for r in rows] == ["3", "2", "1"]  # revisions
    assert [r.split()[4] for r in rows] == [CONTACT_ENDED, AUTOSAVE, AUTOSAVE]


def test_restore_brings_a_version_back_as_a_new_save_that_can_be_undone(
    tmp_path: Path, capsys
) -> None:
    session = new_case(tmp_path, pronouns="first")
    edit(session, "second")
    path = session.opened.path
    code, _, err = run(capsys, "restore", path, "1")
    assert code == 0, err
    assert "is back" in err and "undoes this" in err and len(err.splitlines()) == 1
    assert read_case(path)[0].client.pronouns == "first"
    versions = CaseStore(tmp_path).history.versions(path)
    assert [v.reason for v in versions[:2]] == [RESTORE, RESTORE]
    assert pronouns_in(versions[1].path) == "second"  # what the restore replaced
    undo = err.split("`sbcm restore ")[1].split("`")[0].split()[-1]
    assert run(capsys, "restore", path, undo)[0] == 0
    assert read_case(path)[0].client.pronouns == "second"


def test_restore_refuses_a_damaged_version(tmp_path: Path, capsys) -> None:
    session = new_case(tmp_path)
    edit(session, "second")
    path = session.opened.path
    (version,) = kept(session)
    damaged = version.path.read_bytes()[:-40]
    version.path.unlink()  # a new file: the backup slot shares the old one's bytes
    version.path.write_bytes(damaged)
    before = path.read_bytes()
    code, _, err = run(capsys, "restore", path, "1")
    assert code == 1 and len(err.splitlines()) == 1 and "Not restored" in err
    assert path.read_bytes() == before


def test_restore_over_a_case_file_that_no_longer_loads(tmp_path: Path, capsys) -> None:
    session = new_case(tmp_path, pronouns="first")
    edit(session, "second")
    path = session.opened.path
    damaged = path.read_bytes()[:-60]  # cut short
    path.write_bytes(damaged)
    code, _, err = run(capsys, "restore", path, "1")
    assert code == 0, err
    assert read_case(path)[0].client.pronouns == "first"
    versions = CaseStore(tmp_path).history.versions(path)
    assert versions[1].reason == RESTORE and versions[1].path.read_bytes() == damaged


@pytest.mark.parametrize("target", ["folder", "notes.txt", "missing.toml"])
def test_history_and_restore_of_what_is_not_a_case_file_are_usage_errors(
    tmp_path: Path, capsys, target: str
) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    path = tmp_path if target == "folder" else tmp_path / target
    assert run(capsys, "history", path)[0] == 2
    assert run(capsys, "restore", path, "1")[0] == 2


def test_restore_of_a_version_that_is_not_there_is_a_usage_error(tmp_path: Path, capsys):
    session = new_case(tmp_path)
    code, _, err = run(capsys, "restore", session.opened.path, "3")
    assert code == 2 and "no version 3" in err


# --- what differs --------------------------------------------------------------------------


def test_plain_shows_controls_as_escapes() -> None:
    assert plain("a\x1b]52;c;evil\x07\u202eb\nc") == "a\\x1b]52;c;evil\\x07\\u202eb⏎c"


# --- the app -------------------------------------------------------------------------------


async def test_the_history_screen_lists_compares_and_restores(demo_folder: Path) -> None:
    app = SbcmApp(CaseStore(demo_folder), demo=True, today=TODAY)
    path = demo_folder / "c-demo-ana.toml"
    original = read_case(path)[0].client.pronouns
    async with app.run_test(size=(80, 24)) as pilot:
        await caseload_loaded(pilot)
        app.screen.open_case_file(path.name)
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
        await pilot.pause()
        case_screen = app.screen
        field = case_screen.query_one("#fact-pronouns", Input)
        field.focus()
        await pilot.pause()
        await pilot.press("end")  # focus selects the field's text: type after it instead
        await type_text(pilot, " ZZ")
        app.save_now()
        assert read_case(path)[0].client.pronouns == f"{original} ZZ"
        case_screen.query_one(Tabs).focus()  # out of the field: letters are keys again
        await pilot.pause()
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        screen = app.screen
        table = screen.query_one("#versions", DataTable)
        assert table.row_count >= 1
        await pilot.press("enter")
        await pilot.pause()
        shown = screen_text(app)
        assert "pronouns" in shown and f"{original} ZZ" in shown and "Version 1" in shown
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")
        await wait_for(pilot, lambda: read_case(path)[0].client.pronouns == original)
        await pilot.pause()
        assert table.row_count >= 3  # the restore and the version it replaced are listed
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is case_screen)
        assert field.value == original  # the case screen shows the version brought back
    reasons = [v.reason for v in CaseStore(demo_folder).history.versions(path)]
    assert reasons[:2] == [RESTORE, RESTORE]


async def test_ending_a_contact_keeps_the_case_as_it_ended(tmp_path: Path) -> None:
    session = new_case(tmp_path)
    app = SbcmApp(CaseStore(tmp_path), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await caseload_loaded(pilot, rows=1)
        app.screen.open_case_file(session.opened.path.name)
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
        await pilot.pause()
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactScreen))
        await pilot.pause()
        await pilot.press("ctrl+g")  # a step done: the contact is not empty
        await pilot.press("f10")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
        await wait_for(pilot, lambda: app.session is not None and not app.session.dirty)
    (ended,) = [v for v in kept(session) if v.reason == CONTACT_ENDED]
    assert ended.path.read_bytes() == session.opened.path.read_bytes()
    assert [c.number for c in read_version(ended.path).contacts] == [1]
