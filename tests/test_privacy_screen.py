"""The privacy key: one key blanks the screen, nothing opens over it, the same key returns."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from sbcm_tui.files.store import CaseStore
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.screens.case import CaseScreen
from sbcm_tui.tui.screens.privacy import PrivacyScreen
from tests.support import DEMO
from tests.test_contact_flow import keys


async def test_the_blank_stays_blank_until_the_same_key(tmp_path: Path) -> None:
    shutil.copy(DEMO / "c-demo-sam.toml", tmp_path)
    app = SbcmApp(CaseStore(tmp_path), today=date(2026, 11, 20))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "enter")
        assert isinstance(app.screen, CaseScreen)
        assert "Sam" in app.export_screenshot()
        await keys(pilot, "ctrl+l")
        assert isinstance(app.screen, PrivacyScreen)
        assert "Sam" not in app.export_screenshot()
        await keys(pilot, "f1", "ctrl+p", "c", "enter", "escape")
        assert isinstance(app.screen, PrivacyScreen)
        assert isinstance(app.screen_stack[-2], CaseScreen)  # nothing opened over the blank
        await keys(pilot, "ctrl+l")
        assert isinstance(app.screen, CaseScreen)
