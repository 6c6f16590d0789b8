"""Nothing slow on the thread that echoes keys: the autosave writes on the saver thread, the
caseload lists the folder on a worker thread.

Each test holds the slow part still (the save at its write, the listing at its scan) and types:
the keys must echo while it is held, and once it is let go, everything typed reaches the file.
On the code that saved on the UI thread, the first test fails: the held save held the keys.
"""

from __future__ import annotations

import errno
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from sbcm_tui.core.case import Case, Client
from sbcm_tui.files import caseindex, store
from sbcm_tui.files.casefile import read_case
from sbcm_tui.files.session import SaveState
from sbcm_tui.files.store import CaseStore
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.modals.conflict import ConflictModal
from sbcm_tui.tui.saving import AUTOSAVE_DELAY
from tests.support import until, wait_for

HOLD_LIMIT = 8.0
"""A held step lets go by itself after this long, so a broken test fails instead of hanging
(on the thread that runs the app, the hold freezes the test too, until it gives up)."""


class Held:
    """A function that stops at its start until ``release()`` (``entered`` says it got there)."""

    def __init__(self, real: Callable[..., object]) -> None:
        self.real = real
        self.entered = threading.Event()
        self.released = threading.Event()
        self.gave_up = False
        self.threads: set[str] = set()
        self.armed = True
        """False: calls pass straight through (the case is still being made and opened)."""

    def __call__(self, *args: object, **kwargs: object) -> object:
        if not self.armed:
            return self.real(*args, **kwargs)
        self.threads.add(threading.current_thread().name)
        self.entered.set()
        self.gave_up = not self.released.wait(HOLD_LIMIT)
        return self.real(*args, **kwargs)

    def release(self) -> None:
        self.released.set()


def send_keys(pilot: Pilot, text: str) -> None:
    """Keys as a terminal sends them, without waiting for anything in the app to finish (a
    settle would wait for the held save)."""
    driver = pilot.app._driver
    assert driver is not None
    for character in text:
        driver.send_message(events.Key(character if character != " " else "space", character))


def one_case(folder: Path) -> Path:
    return CaseStore(folder).create(Case(client=Client(preferred_name="Ana"))).path


async def open_in_field(pilot: Pilot, app: SbcmApp, path: Path) -> Input:
    await wait_for(pilot, lambda: bool(app.screen.query("#cases")))
    app.screen.open_case_file(path.name)  # type: ignore[attr-defined]
    await wait_for(pilot, lambda: bool(app.screen.query("#fact-living_situation")))
    field = app.screen.query_one("#fact-living_situation", Input)
    field.focus()
    await pilot.pause()
    return field


async def type_into_a_held_save(pilot: Pilot, held: Held, field: Input, more: str) -> None:
    """Type "flat", let the autosave begin and stop at its write, then type ``more``: it must
    echo while the save is held."""
    held.armed = True
    send_keys(pilot, "flat")
    # The autosave comes a second after the first change and stops at its write.
    assert await until(held.entered.is_set, AUTOSAVE_DELAY + 5), "no autosave began"
    assert not held.gave_up, "the save ran on the app's thread: nothing moved meanwhile"
    assert threading.main_thread().name not in held.threads
    send_keys(pilot, more)
    echoed = await until(lambda: field.value == "flat" + more, 5)
    assert echoed, f"keys did not echo while the save was held: {field.value!r}"


@pytest.fixture
def held_write(monkeypatch: pytest.MonkeyPatch) -> Iterator[Held]:
    """The case store's atomic write, held once armed, until released (at the latest when the
    test ends)."""
    held = Held(store.write_atomic)
    held.armed = False
    monkeypatch.setattr(store, "write_atomic", held)
    yield held
    held.release()


async def test_keys_echo_while_the_autosave_is_held_at_its_write(
    tmp_path: Path, held_write: Held
) -> None:
    path = one_case(tmp_path)
    app = SbcmApp(CaseStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        field = await open_in_field(pilot, app, path)
        try:
            await type_into_a_held_save(pilot, held_write, field, " by the river")
            assert not held_write.released.is_set() and app.session is not None
            assert app.session.saving and app.session.state is SaveState.UNSAVED
        finally:
            held_write.release()
        await wait_for(pilot, lambda: not app.session.saving)
        assert read_case(path)[0].client.living_situation == "flat"  # what the save copied
        assert app.session.dirty  # the words typed while it was written are still to save
        await wait_for(pilot, lambda: not app.session.dirty, seconds=AUTOSAVE_DELAY + 5)
        assert read_case(path)[0].client.living_situation == "flat by the river"
        assert app.session.state is SaveState.SAVED
        assert app._exception is None


async def test_leaving_waits_for_the_save_in_flight_and_saves_the_rest(
    tmp_path: Path, held_write: Held
) -> None:
    """Escape while the autosave is on the disk: the two saves never overtake each other (no
    conflict with itself), and the last words are in the file once the caseload is back."""
    path = one_case(tmp_path)
    app = SbcmApp(CaseStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        field = await open_in_field(pilot, app, path)
        await type_into_a_held_save(pilot, held_write, field, " now")
        threading.Timer(0.3, held_write.release).start()  # the disk answers while leaving
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.session is None, seconds=10)
        assert read_case(path)[0].client.living_situation == "flat now"
        assert not isinstance(app.screen, ConflictModal)
        assert app._exception is None


async def test_a_background_save_that_fails_keeps_the_words_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = one_case(tmp_path)
    real = store.write_atomic
    failures = iter([OSError(errno.ENOSPC, "No space left on device")])

    def full_disk(*args: object) -> object:
        error = next(failures, None)
        if error is not None:
            raise error
        return real(*args)

    app = SbcmApp(CaseStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        field = await open_in_field(pilot, app, path)
        monkeypatch.setattr(store, "write_atomic", full_disk)
        send_keys(pilot, "flat")
        await wait_for(pilot, lambda: app.session.state is SaveState.FAILED, seconds=10)
        assert "No space left" in app.session.message and app.session.dirty
        assert field.value == "flat" and app.session.case.client.living_situation == "flat"
        assert read_case(path)[0].client.living_situation != "flat"
        app.save_now()  # the disk has room again
        await pilot.pause()
        assert app.session.state is SaveState.SAVED
        assert read_case(path)[0].client.living_situation == "flat"
        revision = read_case(path)[0].revision
        assert revision == app.session.case.revision == 2  # the failed save gave its number back


async def test_a_background_save_that_finds_the_file_changed_asks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = one_case(tmp_path)
    app = SbcmApp(CaseStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await open_in_field(pilot, app, path)
        other = CaseStore(tmp_path).open(path)  # another editor saves first
        other.case.client.living_situation = "theirs"
        CaseStore(tmp_path).save(other)
        send_keys(pilot, "mine")
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictModal), seconds=10)
        assert app.session.state is SaveState.CONFLICT
        assert app.session.case.client.living_situation == "mine"
        assert read_case(path)[0].client.living_situation == "theirs"


async def test_the_caseload_takes_keys_while_the_folder_is_being_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one_case(tmp_path)
    CaseStore(tmp_path).create(Case(client=Client(preferred_name="Bo")))
    held = Held(caseindex.CaseIndex.scan)
    monkeypatch.setattr(caseindex.CaseIndex, "scan", lambda self, *a: held(self, *a))
    app = SbcmApp(CaseStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        try:
            assert await until(held.entered.is_set, 10), "the listing never began"
            assert not held.gave_up and threading.main_thread().name not in held.threads
            filter_field = app.screen.query_one("#filter", Input)
            filter_field.focus()
            send_keys(pilot, "an")
            assert await until(lambda: filter_field.value == "an", 5), filter_field.value
            assert not held.released.is_set()
        finally:
            held.release()
        table = app.screen.query_one(DataTable)
        await wait_for(pilot, lambda: table.row_count == 1)  # "an": Ana, not Bo
