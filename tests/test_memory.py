"""Opening and closing cases all day leaves nothing behind: no screen, no widget of one.

A worker opens dozens of cases a day without restarting. Two things once kept every closed
case screen alive: ``gc.freeze()`` on each return to the caseload (it froze the screen just
closed, so it could never be freed), and Textual's Header, whose watchers on the app's title
outlive the screen. Live widgets are counted, not bytes: the count is exact, where memory moves
with caches that fill up and then stay.
"""

from __future__ import annotations

import gc
import weakref

from textual.dom import DOMNode
from textual.widgets import DataTable

from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.screens.case import CaseScreen
from sbcm_tui.tui.screens.caseload import CaseloadScreen
from tests.support import DEMO_CASES, caseload_loaded, wait_for

WARM_UP = 3
MEASURED = 7  # with the warm-up, every demo case opened at least once


def live_widgets() -> int:
    gc.collect()
    return sum(isinstance(o, DOMNode) for o in gc.get_objects())


async def test_cases_opened_and_closed_leave_no_widgets_behind(demo_app: SbcmApp) -> None:
    app = demo_app
    closed: list[weakref.ref[CaseScreen]] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await caseload_loaded(pilot)
        table = app.screen.query_one(DataTable)
        counts = []
        for cycle in range(WARM_UP + MEASURED):
            table.move_cursor(row=cycle % DEMO_CASES)
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
            closed.append(weakref.ref(app.screen))
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, CaseloadScreen))
            await caseload_loaded(pilot)
            await pilot.pause()
            if cycle >= WARM_UP - 1:
                counts.append(live_widgets())
        assert counts[-1] - counts[0] <= 0, counts
        assert [ref for ref in closed[:-1] if ref() is not None] == []
        assert gc.get_freeze_count() == 0
