"""Every OS call on the way to or from the disk, made to fail in turn, in the app and the CLI.

In the spirit of SQLite's I/O-error tests: each injection point is one call a save, a reload, a
copy, a lock, the index, a backup or an export makes; each is made to fail with each of EACCES,
ENOSPC, EIO, EROFS and ENOENT (a file vanishing between two calls). Then, for the app: no
exception escapes, the worker is told (the save indicator says not saved), every word typed is
still in memory, nothing else in the folder changed, and once the fault clears the words reach
the file. For the CLI: one line, an exit code, never a traceback.

Faults are scoped to sbcm's own modules (their ``os``/``tempfile``/``sqlite3`` are swapped for
stand-ins), so pytest and Textual keep a working disk.
"""

from __future__ import annotations

import errno
import hashlib
import os
import sqlite3
import tempfile
import types
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import filelock
import pytest
from textual.widgets import Input

from sbcm_tui import cli
from sbcm_tui.core.case import Case, Client
from sbcm_tui.files import atomic, casefile, caseindex, history, store
from sbcm_tui.files.casefile import read_case
from sbcm_tui.files.session import SaveState
from sbcm_tui.files.store import CaseStore
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.screens.case import CaseScreen
from tests.support import choice_armed, type_text, wait_for

ERRORS = {
    "EACCES": errno.EACCES,
    "ENOSPC": errno.ENOSPC,
    "EIO": errno.EIO,
    "EROFS": errno.EROFS,
    "ENOENT": errno.ENOENT,
}


class Faulty(types.ModuleType):
    """A module that is ``real`` except that ``name`` (or any of several names) raises
    ``error`` the next ``times`` calls (then works again, as a disk does once space is freed)."""

    def __init__(
        self, real: types.ModuleType, name: str | set[str], error: int, times: int = 10**9
    ):
        super().__init__(real.__name__)
        self._names = {name} if isinstance(name, str) else name
        self._real, self._error, self.times = real, error, times

    def __getattr__(self, attribute: str):
        value = getattr(self._real, attribute)
        if attribute not in self._names:
            return value

        def failing(*args, **kwargs):
            if self.times > 0:
                self.times -= 1
                raise OSError(self._error, os.strerror(self._error))
            return value(*args, **kwargs)

        return failing


SAVE_POINTS = [
    (atomic, "tempfile", "mkstemp"),  # the temp file beside the case
    (atomic, "os", "fdopen"),  # writing it
    (atomic, "os", "fsync"),  # syncing it
    (atomic, "os", "chmod"),  # making it owner-only
    (atomic, "os", "replace"),  # putting it in place
    (atomic, "os", "open"),  # syncing the folder
    (casefile, "os", "open"),  # reading the file to check no one else changed it
    (casefile, "os", "fstat"),
    (store, "lock", "acquire"),  # the short save lock
    (store, "lock", "folder"),  # the folder the lock lives in
    (history, "os", "stat"),  # the history: the file about to be replaced
    (history, "os", "listdir"),  # the versions kept so far
    (history, "os", "link"),  # keeping it (then its copy, below)
    (history, "tempfile", "mkstemp"),  # the copy, where links fail
    (history, "os", "fsync"),
    (history, "os", "replace"),
]
"""The OS calls of one save: (module, what is swapped in it, the call that fails)."""


@contextmanager
def fault(module: types.ModuleType, seam: str, call: str, error: int) -> Iterator[None]:
    """Make one call of one sbcm module fail with ``error`` until the block ends."""
    patcher = pytest.MonkeyPatch()
    try:
        if seam == "lock" and call == "acquire":

            def refuse(*_args, **_kwargs):
                raise OSError(error, os.strerror(error))

            patcher.setattr(filelock.FileLock, "acquire", refuse)
        elif seam == "lock":
            original = store.ensure_private_folder

            def no_folder(folder, *a, **k):
                if Path(folder).name == "locks":
                    raise OSError(error, os.strerror(error))
                return original(folder, *a, **k)

            patcher.setattr(store, "ensure_private_folder", no_folder)
        elif module is history and call in ("replace", "fsync", "mkstemp"):
            # Calls of the copy the history makes where hard links fail: fail the link too.
            patcher.setattr(history, "os", Faulty(history.os, {"link", call}, error))
            if call == "mkstemp":
                patcher.setattr(history, "tempfile", Faulty(history.tempfile, call, error))
        elif call == "link":  # a failed link falls back to a copy: fail both
            patcher.setattr(module, seam, Faulty(getattr(module, seam), call, error))
            patcher.setattr(Path, "write_bytes", _refusing(error))
        else:
            patcher.setattr(module, seam, Faulty(getattr(module, seam), call, error))
        yield
    finally:
        patcher.undo()


def _refusing(error: int):
    def write_bytes(self, data):
        raise OSError(error, os.strerror(error))

    return write_bytes


def _fingerprints(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith(".")
    }


def two_cases(folder: Path) -> Path:
    cases = CaseStore(folder)
    cases.create(Case(client=Client(preferred_name="Bystander")))
    return cases.create(Case(client=Client(preferred_name="Ana"))).path


@pytest.mark.parametrize(
    ("module", "seam", "call"),
    SAVE_POINTS,
    ids=[f"{m.__name__}.{s}.{c}" for m, s, c in SAVE_POINTS],
)
async def test_a_save_that_fails_at_any_call_loses_nothing(
    tmp_path: Path, module, seam: str, call: str
) -> None:
    path = two_cases(tmp_path)
    app = SbcmApp(CaseStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: bool(app.screen.query("#cases")))
        app.screen.open_case_file(path.name)
        await wait_for(pilot, lambda: bool(app.screen.query("#fact-living_situation")))
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        screen.query_one("#fact-living_situation", Input).focus()
        typed = ""
        for name, error in ERRORS.items():
            before = _fingerprints(tmp_path)
            word = f"{name.lower()} "
            await type_text(pilot, word)
            typed += word
            # Every key reaches the model before the fault (on a loaded machine the last keys
            # can still be on their way after a settle; lost keys would fail here, not later).
            want = typed.strip()
            await wait_for(
                pilot,
                lambda want=want: app.session.case.client.living_situation.strip() == want,
                seconds=20,
            )
            with fault(module, seam, call, error):
                app.save_now()
                await pilot.pause()
                session = app.session
                assert session is not None
                assert session.case.client.living_situation == typed.strip() or (
                    session.case.client.living_situation == typed.rstrip()
                )
                if module is history:  # a version not kept never fails the save; it is said
                    assert session.state is SaveState.SAVED, (name, session.message)
                    if call == "link":  # no hard links: the version is kept as a copy
                        kept = session.store.history.last_kept
                        assert kept is not None and not session.history_problem, name
                    elif not (call in ("stat", "listdir") and error == errno.ENOENT):
                        assert session.history_problem, name
                if session.state is SaveState.SAVED:
                    # Some calls are allowed to fail (a folder sync where folders cannot be
                    # synced, a backup that cannot be kept): the save must then be whole.
                    assert read_case(path)[0].client.living_situation == typed.rstrip()
                else:
                    assert session.dirty and session.state in (SaveState.FAILED,)
                    changed = {n for n, h in _fingerprints(tmp_path).items() if before.get(n) != h}
                    assert changed <= {path.name}, changed  # no other case touched
            app.save_now()  # the fault has cleared
            await pilot.pause()
            assert app.session.state is SaveState.SAVED, (name, app.session.message)
            assert read_case(path)[0].client.living_situation == typed.rstrip()
        assert app._exception is None


READ_POINTS = [
    (casefile, "os", "open"),
    (casefile, "os", "fstat"),
    (caseindex, "os", "scandir"),
    (caseindex, "sqlite3", "connect"),
]


@pytest.mark.parametrize(
    ("module", "seam", "call"),
    READ_POINTS,
    ids=[f"{m.__name__}.{s}.{c}" for m, s, c in READ_POINTS],
)
@pytest.mark.parametrize("error", ERRORS.values(), ids=list(ERRORS))
def test_listing_and_reading_never_raise_past_the_store(tmp_path, module, seam, call, error):
    two_cases(tmp_path)
    folder_fault = call == "scandir"
    with fault(module, seam, call, error):
        try:
            listing = CaseStore(tmp_path).caseload()
        except OSError:
            assert folder_fault  # a folder that cannot be listed is the caller's to say
        else:
            assert len(listing.cases) + len(listing.broken) == 2


CLI_RUNS = {
    "validate": ["validate", "{case}"],
    "seal": ["seal", "{case}"],
    "export": ["export", "{case}", "--format", "html", "-o", "{out}"],
    "report": ["report", "{folder}"],
}


@pytest.mark.parametrize("command", list(CLI_RUNS))
@pytest.mark.parametrize(
    ("module", "seam", "call"),
    [p for p in SAVE_POINTS if p[1] != "lock"] + READ_POINTS,
    ids=[f"{m.__name__}.{s}.{c}" for m, s, c in [p for p in SAVE_POINTS if p[1] != "lock"]]
    + [f"{m.__name__}.{s}.{c}" for m, s, c in READ_POINTS],
)
def test_the_cli_says_one_line_whatever_fails(tmp_path, capsys, command, module, seam, call):
    case = two_cases(tmp_path / "cases")
    argv = [
        a.format(case=case, out=tmp_path / "out.html", folder=tmp_path / "cases")
        for a in CLI_RUNS[command]
    ]
    for error in ERRORS.values():
        with fault(module, seam, call, error):
            code = cli.main(argv)
        out, err = capsys.readouterr()
        assert code in (0, 1), (code, err)
        assert "Traceback" not in out + err and "internal error" not in err, err
        if code == 1:
            assert err.strip() or out.strip()


def test_the_injection_points_are_counted() -> None:
    """The number the closing note gives: every call of a save, reading and listing, each with
    each error, in the app (saves) and in the CLI (four commands)."""
    save = len(SAVE_POINTS) * len(ERRORS)
    read = len(READ_POINTS) * len(ERRORS)
    assert (save, read) == (80, 20)


def test_a_temp_dir_is_not_touched_by_the_stand_ins() -> None:
    """The stand-ins fail sbcm's calls only: the test's own files keep working."""
    with fault(atomic, "os", "replace", errno.EIO):
        with tempfile.NamedTemporaryFile() as handle:
            handle.write(b"fine")
        assert sqlite3.connect(":memory:").execute("select 1").fetchone() == (1,)


@pytest.mark.parametrize("choice", ["c", "r"])
@pytest.mark.parametrize("error", ERRORS.values(), ids=list(ERRORS))
async def test_a_conflict_choice_that_fails_keeps_the_words_and_asks_again(
    tmp_path: Path, choice: str, error: int
) -> None:
    """ "Keep mine as a copy" with the disk full, "reload" with the file unreadable: nothing is
    replaced, the words stay, and the choice comes back once the disk answers again."""
    from sbcm_tui.tui.modals.conflict import ConflictModal

    path = two_cases(tmp_path)
    app = SbcmApp(CaseStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: bool(app.screen.query("#cases")))
        app.screen.open_case_file(path.name)
        await wait_for(pilot, lambda: bool(app.screen.query("#fact-language")))
        app.screen.query_one("#fact-language", Input).focus()
        await type_text(pilot, "Dari")
        theirs = CaseStore(tmp_path).open(path)
        theirs.case.client.pronouns = "she/her"
        CaseStore(tmp_path).save(theirs)
        app.save_now()
        await wait_for(pilot, lambda: choice_armed(app))
        point = (atomic, "tempfile", "mkstemp") if choice == "c" else (casefile, "os", "open")
        with fault(*point, error):
            await pilot.press(choice)
            await pilot.pause()
            assert app.session is not None and app.session.case.client.language == "Dari"
            await wait_for(pilot, lambda: choice_armed(app))
        await pilot.press(choice)
        await wait_for(pilot, lambda: not isinstance(app.screen, ConflictModal))
        assert app._exception is None
    languages = {read_case(p)[0].client.language for p in tmp_path.glob("*.toml")}
    if choice == "c":
        assert "Dari" in languages  # our words, kept as a copy
    else:
        assert read_case(path)[0].client.pronouns == "she/her"  # theirs, as asked
