"""Reload after a conflict shows what is on disk, in every field, the one being typed in too.

Two editors on one case: the other saves first; ours gets the conflict choice and takes
"reload, drop my changes". What stays on our screen must then be the file's words: a field that
kept ours would save them over the other editor's with the next key, and no one would be asked.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TabbedContent

from sbcm_tui.core.case import Case, Client
from sbcm_tui.files.casefile import read_case
from sbcm_tui.files.store import CaseStore, OpenCase
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.screens.case import CaseScreen
from sbcm_tui.tui.widgets.strength_capture import StrengthCapture
from tests.support import choice_armed, type_text, wait_for


def one_case(folder: Path) -> OpenCase:
    return CaseStore(folder).create(Case(client=Client(preferred_name="Ana")))


def other_editor_saves(opened: OpenCase, **client: str) -> None:
    store = CaseStore(opened.path.parent)
    theirs = store.open(opened.path)
    for field, value in client.items():
        setattr(theirs.case.client, field, value)
    theirs.case.strength_draft = client.get("pronouns")
    store.save(theirs)


async def mine_against_theirs(pilot, opened: OpenCase) -> tuple[CaseScreen, Input]:
    """The case open, "mine" typed in its pronouns, "theirs" saved by another editor, and a
    save asked for: the conflict choice is coming up."""
    app = pilot.app
    await wait_for(pilot, lambda: bool(app.screen.query("#cases")))
    app.screen.open_case_file(opened.path.name)
    await wait_for(pilot, lambda: bool(app.screen.query("#fact-pronouns")))
    screen = app.screen
    assert isinstance(screen, CaseScreen)
    field = screen.query_one("#fact-pronouns", Input)
    field.focus()
    await type_text(pilot, "mine")
    other_editor_saves(opened, pronouns="theirs")
    app.save_now()  # the autosave finds the file changed: the choice comes up
    return screen, field


async def test_reload_puts_the_files_words_in_the_field_being_typed_in(tmp_path: Path) -> None:
    opened = one_case(tmp_path)
    app = SbcmApp(CaseStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen, field = await mine_against_theirs(pilot, opened)
        await wait_for(pilot, lambda: choice_armed(app))
        await pilot.press("r")
        await wait_for(pilot, lambda: app.screen is screen)
        assert field.has_focus and field.value == "theirs"
        await type_text(pilot, "!")  # the next key builds on their words, in plain sight
        app.save_now()
        await pilot.pause()
    assert read_case(opened.path)[0].client.pronouns == "theirs!"


async def test_reload_puts_the_files_words_in_the_strength_being_typed(tmp_path: Path) -> None:
    opened = one_case(tmp_path)
    app = SbcmApp(CaseStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: bool(app.screen.query("#cases")))
        app.screen.open_case_file(opened.path.name)
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
        screen = app.screen
        await wait_for(pilot, lambda: bool(screen.query(TabbedContent)))
        screen.query_one(TabbedContent).active = "tab-strengths"
        await wait_for(pilot, lambda: bool(screen.query(StrengthCapture)))
        await pilot.pause()
        words = screen.query_one("#capture-words", Input)
        words.focus()
        await type_text(pilot, "mine")
        other_editor_saves(opened, pronouns="theirs")
        app.save_now()
        await wait_for(pilot, lambda: choice_armed(app))
        await pilot.press("r")
        await wait_for(pilot, lambda: app.screen is screen)
        assert words.value == "theirs"


async def test_words_typed_as_the_conflict_choice_comes_up_choose_nothing_and_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker is typing when a save finds the file changed: the next letters (an r of
    "river", an o of "road") must neither reload nor overwrite; they go back into the field
    once a choice is made."""
    from sbcm_tui.tui.modals import conflict
    from sbcm_tui.tui.modals.conflict import ConflictModal

    monkeypatch.setattr(ConflictModal, "ARM_SECONDS", conflict.ARM_SECONDS)  # the app's wait
    opened = one_case(tmp_path)
    app = SbcmApp(CaseStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen, field = await mine_against_theirs(pilot, opened)
        await wait_for(pilot, lambda: isinstance(app.screen, ConflictModal))
        await type_text(pilot, " or road")  # still typing: o, r, and an enter-like space
        assert isinstance(app.screen, ConflictModal), "a typed letter chose"
        assert app.screen.typed_meanwhile == list(" or road")
        await wait_for(pilot, lambda: choice_armed(app))
        await pilot.press("c")  # keep mine as a copy
        await wait_for(pilot, lambda: app.screen is screen)
        assert field.value == "mine or road"
        app.save_now()
        await pilot.pause()
    assert read_case(opened.path)[0].client.pronouns == "theirs"  # the other editor's, as saved
    copies = [p for p in tmp_path.glob("*.toml") if p != opened.path]
    assert [read_case(p)[0].client.pronouns for p in copies] == ["mine or road"]
