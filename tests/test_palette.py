"""The command palette: every listed case can be opened by name, brackets and all."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.command import CommandPalette

from sbcm_tui.files.demo import DEMO_ANCHOR
from sbcm_tui.files.store import CaseStore
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.screens.case import CaseScreen
from tests.support import DEMO, caseload_loaded, wait_for


async def test_open_a_case_by_name_from_the_palette(tmp_path: Path) -> None:
    folder = shutil.copytree(DEMO, tmp_path / "demo")
    app = SbcmApp(CaseStore(folder), demo=True, today=DEMO_ANCHOR)
    async with app.run_test(size=(100, 30)) as pilot:
        await caseload_loaded(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"open sam")
        await pilot.pause(0.5)  # the palette searches in a worker
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
        assert app.screen.case.client.preferred_name == "Sam [/x] [b]"
