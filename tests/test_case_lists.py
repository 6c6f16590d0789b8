"""The case screen's Contacts and Safety lists, built on their tab's first visit: a change of
the case that arrives while one is being built neither breaks the screen nor goes unshown."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, TabPane

from sbcm_tui.core.case import Case, Client, NonStrength
from sbcm_tui.files.store import CaseStore
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.screens.case import CaseScreen
from sbcm_tui.tui.widgets.case_lists import ConcernsList
from tests.support import wait_for


async def test_a_case_change_while_the_safety_list_is_built_is_shown_in_it(tmp_path) -> None:
    store = CaseStore(tmp_path)
    opened = store.create(Case(client=Client(preferred_name="Ana")))
    app = SbcmApp(CaseStore(tmp_path), today=date(2026, 12, 4))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: bool(app.screen.query("#cases")))
        app.screen.open_case_file(opened.path.name)
        await wait_for(
            pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.query("#glance")
        )
        screen = app.screen
        pane = screen.query_one("#tab-safety", TabPane)
        pane.mount(ConcernsList(screen.case))  # as its tab's first visit does
        screen.case.non_strengths.append(
            NonStrength(kind="physical_health", note="A fall", noted_on=date(2026, 12, 4))
        )
        screen.case_updated()  # before the list's table exists: no NoMatches
        await wait_for(pilot, lambda: bool(pane.query(DataTable)))
        await pilot.pause()
        assert pane.query_one(DataTable).row_count == 1
        assert app._exception is None
