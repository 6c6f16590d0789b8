"""Messages up, and nothing lost on the way: a change is marked where it is made, a request acts
once however fast the keys come, and a change that reaches the app late is still kept.

Each test sends keys the way a terminal does, straight into the driver with no pause between
them, so the app meets them before it has answered the first one.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, TabbedContent

from sbcm_tui.core.case import Case, Client
from sbcm_tui.files.casefile import read_case
from sbcm_tui.files.store import CaseStore, OpenCase
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.messages import report_change
from sbcm_tui.tui.modals.export import ExportModal
from sbcm_tui.tui.modals.non_strength import NonStrengthModal
from sbcm_tui.tui.screens.case import CaseScreen
from sbcm_tui.tui.screens.caseload import CaseloadScreen
from sbcm_tui.tui.screens.contact import ContactScreen
from sbcm_tui.tui.widgets.strength_capture import StrengthCapture
from tests.support import wait_for


def one_case(folder: Path) -> OpenCase:
    return CaseStore(folder).create(Case(client=Client(preferred_name="Ana")))


async def open_case(pilot, app: SbcmApp, name: str) -> CaseScreen:
    await wait_for(pilot, lambda: bool(app.screen.query("#cases")))
    app.screen.open_case_file(name)
    await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
    await pilot.pause()
    assert isinstance(app.screen, CaseScreen)
    return app.screen


def send(app: SbcmApp, *keys: str) -> None:
    """Keys as a terminal delivers them: all at once, before the app has handled any."""
    assert app._driver is not None
    for key in keys:
        app._driver.send_message(events.Key(key, key if len(key) == 1 else None))


@pytest.mark.parametrize("where", ["strength being typed", "a client fact"])
async def test_words_typed_just_before_quitting_reach_the_file(tmp_path: Path, where) -> None:
    opened = one_case(tmp_path)
    app = SbcmApp(CaseStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_case(pilot, app, opened.path.name)
        if where == "a client fact":
            screen.query_one("#fact-pronouns", Input).focus()
        else:
            screen.query_one(TabbedContent).active = "tab-strengths"
            await wait_for(pilot, lambda: bool(screen.query(StrengthCapture)))
            await pilot.pause()
            screen.query_one("#capture-words", Input).focus()
        await pilot.pause()
        send(app, *"abc")
        case = screen.session.case

        def typed() -> str | None:
            return case.strength_draft if where != "a client fact" else case.client.pronouns

        while typed() != "abc":  # the model has the words; the app may not have heard yet
            await asyncio.sleep(0)
        send(app, "ctrl+q")
        await pilot.pause(0.3)
    saved = read_case(opened.path)[0]
    assert (saved.strength_draft if where != "a client fact" else saved.client.pronouns) == "abc"


@pytest.mark.parametrize(
    ("key", "on_top"),
    [
        ("c", ContactScreen),
        ("f7", ExportModal),
        ("f2", NonStrengthModal),
        ("escape", CaseloadScreen),
    ],
)
async def test_a_key_pressed_twice_acts_once(tmp_path: Path, key: str, on_top: type) -> None:
    opened = one_case(tmp_path)
    app = SbcmApp(CaseStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_case(pilot, app, opened.path.name)
        screen.query_one("#case-tabs").focus()
        await pilot.pause()
        send(app, key, key)
        await wait_for(pilot, lambda: isinstance(app.screen, on_top))
        await pilot.pause(0.3)
        kinds = [type(s) for s in app.screen_stack]
        assert kinds.count(on_top) == 1 and kinds[-1] is on_top, kinds
        assert CaseloadScreen in kinds  # escape twice leaves the case, never the caseload


async def test_ending_a_contact_twice_ends_it_once(tmp_path: Path) -> None:
    opened = one_case(tmp_path)
    app = SbcmApp(CaseStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await open_case(pilot, app, opened.path.name)
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, ContactScreen))
        await pilot.pause()
        await pilot.press("ctrl+g")  # a step done: the contact is not empty
        await pilot.pause()
        send(app, "f10", "f10")
        await pilot.pause(0.5)
        assert [type(s) for s in app.screen_stack][-2:] == [CaseloadScreen, CaseScreen]
        assert app.session is not None
    contacts = read_case(opened.path)[0].contacts
    assert [c.number for c in contacts] == [1]


async def test_a_late_change_to_a_closed_case_that_conflicts_is_kept_as_a_copy(
    tmp_path: Path,
) -> None:
    opened = one_case(tmp_path)
    app = SbcmApp(CaseStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_case(pilot, app, opened.path.name)
        session = screen.session
        screen.leave(close_session=True)
        await wait_for(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        elsewhere = CaseStore(tmp_path).open(opened.path)
        elsewhere.case.client.pronouns = "they/them"
        CaseStore(tmp_path).save(elsewhere)  # another editor saves first
        session.case.client.language = "Tigrinya"  # ... and a change arrives after closing
        report_change(app, session)
        await wait_for(pilot, lambda: not session.dirty)
    on_disk = {read_case(p)[0].client.language for p in tmp_path.glob("*.toml")}
    assert on_disk == {None, "Tigrinya"}  # the other editor's file, and ours as a copy


async def test_a_step_still_being_built_takes_the_focus_once_it_is(
    demo_app: SbcmApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A step moved to before its pane has finished building (a slow machine, or Ctrl+N the
    moment the contact opens): the cursor goes to the step's first field once it exists, not
    to the pane (where typing reaches no field) nor to a field further down."""
    from sbcm_tui.tui.panes.disengagement import DisengagementPane
    from tests.support import type_text

    monkeypatch.setattr(ContactScreen, "_mount_remaining_panes", lambda self: None)
    built = DisengagementPane._compose

    async def slow_compose(self) -> None:
        await asyncio.sleep(0.1)
        await built(self)

    monkeypatch.setattr(DisengagementPane, "_compose", slow_compose)
    app = demo_app
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: bool(app.screen.query("#cases")))
        app.screen.open_case_file("c-demo-marcus.toml")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
        await pilot.pause()
        await pilot.press("c")
        screen = app.screen
        assert isinstance(screen, ContactScreen)
        screen.jump_to("disengagement")
        await pilot.pause()
        focused = screen.focused
        assert focused is not None and focused.id == "accomplishments", focused
        await type_text(pilot, "walks to the clinic")
        assert "walks to the clinic" in (screen.session.case.disengagement.accomplishments or "")
