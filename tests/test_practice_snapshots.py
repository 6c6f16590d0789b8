"""A snapshot of practice mode at 80x24: the feedback at the end of a solo practice contact.

Deterministic by construction: a fixed today, the scripted client seeded by the contact number
(so the same lines always get the same answers), no user scenarios, no cursor blink, and each
snapshot waits for the autosave. Regenerate with ``--snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot

from sbcm_tui.files.store import CaseStore
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.screens.feedback import FeedbackScreen
from tests.support import DEMO, steady
from tests.test_practice_flow import LINES, SIZE, TODAY, keys, say, start


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SbcmApp:
    monkeypatch.setenv("SBCM_SCENARIOS", str(tmp_path / "no-scenarios"))
    shutil.copytree(DEMO, tmp_path / "cases")
    return SbcmApp(
        CaseStore(tmp_path / "cases"),
        practice_store=CaseStore(tmp_path / "practice"),
        demo=True,  # a fixed subtitle instead of the (random) folder path
        today=TODAY,
    )


def test_feedback_screen(snap_compare, app: SbcmApp) -> None:
    """Four lines said to Marisol, one code corrected, then f10."""

    async def run_before(pilot: Pilot) -> None:
        await start(pilot, "s")
        for line, _ in LINES:
            await say(pilot, line)
        await keys(pilot, "alt+r")  # "Tell me about your work." counted as a reflection
        await keys(pilot, "f10")
        assert isinstance(pilot.app.screen, FeedbackScreen)
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
