"""Whatever escapes, nothing typed is lost and nothing is printed: the crash guard.

An error in any handler ends the app (Textual's rule). Before it does, the open case as it is
in memory goes to an owner-only recovery file, and the terminal gets one line naming where it
is: no traceback (Textual's shows local variables, so the case's words would land in the
scrollback), no client text, exit status 1. The next start on that folder offers it back.
"""

from __future__ import annotations

import os
import stat
import sys
import textwrap
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from sbcm_tui.core.case import Case, Client
from sbcm_tui.files import recovery
from sbcm_tui.files.casefile import read_case
from sbcm_tui.files.store import CaseStore, OpenCase
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.modals.recovery import RecoveryModal
from sbcm_tui.tui.screens.case import CaseScreen
from tests.support import type_text, wait_for

SECRET = "Kiara-QZX-7731"
"""Stands for client words: it must never reach the terminal, the log or a file name."""


@pytest.fixture(autouse=True)
def recovery_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "state" / "recovery"
    monkeypatch.setenv(recovery.RECOVERY_ENV, str(folder))
    return folder


def one_case(folder: Path) -> OpenCase:
    return CaseStore(folder).create(Case(client=Client(preferred_name="Ana")))


def blow_up(*_args: object) -> None:
    raise RuntimeError(f"something about {SECRET}")


async def type_then_crash(app: SbcmApp, name: str) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: bool(app.screen.query("#cases")))
        app.screen.open_case_file(name)
        await wait_for(pilot, lambda: bool(app.screen.query("#fact-living_situation")))
        app.screen.query_one("#fact-living_situation", Input).focus()
        await type_text(pilot, SECRET)  # in the model, and not saved yet (the autosave waits 1 s)
        assert app.session is not None and app.session.dirty
        await pilot.press("f4")  # the review: made to crash below


async def test_a_crash_keeps_the_unsaved_words_and_prints_one_line(
    tmp_path: Path, recovery_folder: Path, monkeypatch: pytest.MonkeyPatch, capfd
) -> None:
    opened = one_case(tmp_path / "cases")
    monkeypatch.setattr(CaseScreen, "action_review", blow_up)
    app = SbcmApp(CaseStore(tmp_path / "cases"))
    with pytest.raises(RuntimeError):  # Pilot hands the app's error to the test
        await type_then_crash(app, opened.path.name)
    assert app.return_code == 1
    printed = capfd.readouterr()
    line = " ".join((printed.out + printed.err).split())  # the terminal wraps it
    assert "sbcm stopped on an unexpected error (RuntimeError)" in line
    assert SECRET not in line and "Traceback" not in line
    [kept] = list(recovery_folder.iterdir())
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600 and SECRET not in kept.name
    assert kept.name in line.replace(" ", "")
    [waiting] = recovery.waiting(tmp_path / "cases")
    assert waiting.case.client.living_situation == SECRET
    logs = list((recovery_folder.parent / "logs").iterdir())
    assert logs and all(SECRET not in log.read_text() for log in logs)
    assert "RuntimeError" in logs[0].read_text()


async def test_the_next_start_offers_the_words_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = tmp_path / "cases"
    opened = one_case(cases)
    monkeypatch.setattr(CaseScreen, "action_review", blow_up)
    with pytest.raises(RuntimeError):
        await type_then_crash(SbcmApp(CaseStore(cases)), opened.path.name)
    monkeypatch.undo()
    os.environ[recovery.RECOVERY_ENV] = str(tmp_path / "state" / "recovery")
    app = SbcmApp(CaseStore(cases))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, RecoveryModal))
        assert "Ana" in str(app.screen.query_one(OptionList).get_option_at_index(0).prompt)
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, RecoveryModal))
    assert read_case(opened.path)[0].client.living_situation == SECRET
    assert recovery.waiting(cases) == []


async def test_words_put_back_over_a_file_changed_since_become_a_copy(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    opened = one_case(cases)
    store = CaseStore(cases)
    mine = store.open(opened.path)
    mine.case.client.language = SECRET
    recovery.keep(mine, "test")
    theirs = store.open(opened.path)
    theirs.case.client.pronouns = "she/her"
    store.save(theirs)  # the file moved on after the words were kept
    [kept] = recovery.waiting(cases)
    copy, as_copy = recovery.put_back(kept, store)
    assert as_copy and copy.path != opened.path
    assert read_case(opened.path)[0].client.pronouns == "she/her"
    saved = read_case(copy.path)[0]
    assert saved.client.language == SECRET
    assert saved.copy_of is not None and saved.copy_of.case_id == opened.case.id
    assert saved.copy_of.reason == "recovery"


CRASH_ON_REVIEW = """
    import sbcm_tui.tui.screens.case as case_screen

    def blow_up(self):
        raise RuntimeError("something about {secret}")

    case_screen.CaseScreen.action_review = blow_up
"""


@pytest.mark.skipif(os.name != "posix", reason="needs a POSIX pseudo-terminal")
def test_a_real_crash_prints_no_traceback_and_exits_1(tmp_path: Path) -> None:
    """The whole process: what reaches the terminal after the app ends is the one line."""
    import asyncio

    from tests.pty_app import PtyApp, focus_route

    cases = tmp_path / "cases"
    opened = one_case(cases)
    tabs, in_field = asyncio.run(focus_route(cases, "fact-living_situation"))
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        textwrap.dedent(CRASH_ON_REVIEW.format(secret=SECRET)), encoding="utf-8"
    )
    paths = os.pathsep.join([str(hook), *sys.path])
    app = PtyApp(cases, env={"PYTHONPATH": paths, recovery.RECOVERY_ENV: str(tmp_path / "rec")})
    try:
        app.wait_for("Ana")
        app.type("\r")
        seen = app.wait_for("Few facts")
        app.type("\t" * tabs)
        seen = app.wait_for(in_field, seen)  # the cursor is in the field: type there
        app.type(SECRET)
        app.wait_for(SECRET, seen)
        app.type("\x1bOS")  # f4: the review, made to crash
        assert app.process.wait(timeout=30) == 1
    finally:
        app.kill()
    after_exit = bytes(app.output).rsplit(b"\x1b[?1049l", 1)[-1].decode(errors="replace")
    assert "sbcm stopped on an unexpected error (RuntimeError)" in after_exit
    assert "Traceback" not in after_exit and SECRET not in after_exit
    assert list((tmp_path / "rec").iterdir())
    assert read_case(opened.path)[0].client.living_situation in (None, "")
