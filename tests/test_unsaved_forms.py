"""Never lose a word typed in a form: a goal or a safety note being typed reaches the case file
with the autosave, before it is saved; saving or closing the form clears it; after a crash the
case screen shows what was left in the form."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TabbedContent

from sbcm_tui.core.case import Case, Client
from sbcm_tui.files.casefile import read_case
from sbcm_tui.files.store import CaseStore
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.modals.non_strength import NonStrengthModal
from sbcm_tui.tui.modals.plan_forms import GoalForm
from sbcm_tui.tui.panes.goals import GoalsPane
from sbcm_tui.tui.saving import AUTOSAVE_DELAY
from sbcm_tui.tui.screens.case import CaseScreen
from tests.support import wait_for

WORDS = "Get my own [b] place by spring"


async def _open_case(pilot, app: SbcmApp, name: str) -> CaseScreen:
    await wait_for(pilot, lambda: bool(app.screen.query("#cases")))
    app.screen.open_case_file(name)
    await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
    await pilot.pause()
    return app.screen


async def test_a_goal_being_typed_is_on_disk_and_cleared_when_saved(tmp_path: Path) -> None:
    store = CaseStore(tmp_path)
    opened = store.create(Case(client=Client(preferred_name="Ana")))
    app = SbcmApp(CaseStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_case(pilot, app, opened.path.name)
        screen.query_one(TabbedContent).active = "tab-plan"
        await wait_for(pilot, lambda: bool(screen.query(GoalsPane)))
        screen.query_one(GoalsPane).focus()
        await pilot.press("g")
        await wait_for(pilot, lambda: isinstance(app.screen, GoalForm))
        await pilot.press(*WORDS)
        await pilot.pause(AUTOSAVE_DELAY + 0.5)
        kept = read_case(opened.path)[0].unsaved_form
        assert kept is not None and WORDS in kept
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
        await pilot.pause(AUTOSAVE_DELAY + 0.5)
    case = read_case(opened.path)[0]
    assert case.unsaved_form is None
    assert [g.words for g in case.goals] == [WORDS]


async def test_a_safety_note_closed_unsaved_is_let_go(tmp_path: Path) -> None:
    store = CaseStore(tmp_path)
    opened = store.create(Case(client=Client(preferred_name="Ana")))
    app = SbcmApp(CaseStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_case(pilot, app, opened.path.name)
        await pilot.press("f2")
        await wait_for(pilot, lambda: isinstance(app.screen, NonStrengthModal))
        app.screen.query_one("#ns-note").focus()
        await pilot.press(*"Sleeping in the car")
        await pilot.pause(AUTOSAVE_DELAY + 0.5)
        assert "Sleeping in the car" in (read_case(opened.path)[0].unsaved_form or "")
        app.screen.dismiss(None)  # closed without saving: the worker let it go
        await pilot.pause(AUTOSAVE_DELAY + 0.5)
    assert read_case(opened.path)[0].unsaved_form is None


async def test_what_a_crash_left_in_a_form_is_shown_on_the_case(tmp_path: Path) -> None:
    store = CaseStore(tmp_path)
    left = "New goal: " + WORDS
    opened = store.create(Case(client=Client(preferred_name="Ana"), unsaved_form=left))
    app = SbcmApp(CaseStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_case(pilot, app, opened.path.name)
        glance = str(screen.query_one("#glance").render())
        assert "not saved when the app closed" in glance and WORDS in glance
