"""Snapshots of the screens a case manager lives in, at 80x24, on the demo caseload.

Deterministic by construction: the demo files are copied as shipped (not moved to today), the
app's today is the day they were written for, the session clock is frozen at 0:00, text cursors
do not blink, and each snapshot waits for the autosave so the corner always says "saved".
Regenerate with ``pytest tests/test_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot

from sbcm_tui.files.demo import DEMO_ANCHOR
from sbcm_tui.files.store import CaseStore
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.screens import contact as contact_screen
from sbcm_tui.tui.screens.case import CaseScreen
from sbcm_tui.tui.screens.contact import ContactScreen, SessionClock
from tests.support import DEMO, caseload_loaded, steady

TODAY = date(2026, 11, 20)
SIZE = (80, 24)
NEXT_STEP = "ctrl+n"

assert TODAY == DEMO_ANCHOR  # the demo files are written as if today were this day


class FrozenClock(SessionClock):
    """A session clock that stays at 0:00, so the contact bar is the same in every run."""

    def __init__(self, clock=None) -> None:
        super().__init__(clock=lambda: 0.0)


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SbcmApp:
    monkeypatch.setattr(contact_screen, "SessionClock", FrozenClock)
    folder = tmp_path / "demo"
    shutil.copytree(DEMO, folder)
    # demo=True only changes the subtitle: a fixed line instead of the (random) folder path.
    return SbcmApp(CaseStore(folder), demo=True, today=TODAY)


async def contact_step(pilot: Pilot, name: str, steps_on: int) -> None:
    """From the caseload: type the name to filter, Enter opens, c starts the next contact,
    then ctrl+n moves ``steps_on`` steps along."""
    await caseload_loaded(pilot)
    await pilot.press(*name, "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CaseScreen)
    await pilot.press("c")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ContactScreen)
    for _ in range(steps_on):
        await pilot.press(NEXT_STEP)
        await pilot.pause()
    await steady(pilot)


def test_caseload(snap_compare, app: SbcmApp) -> None:
    async def run_before(pilot: Pilot) -> None:
        await caseload_loaded(pilot)
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_strengths_step(snap_compare, app: SbcmApp) -> None:
    """Marcus at his fourth contact: review, then the strengths step."""

    async def run_before(pilot: Pilot) -> None:
        await contact_step(pilot, "Marcus", 1)
        assert pilot.app.screen.query_one("#step-strengths").display

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_goal_setting_step(snap_compare, app: SbcmApp) -> None:
    """Ana at her second contact: review, strengths, then goal setting."""

    async def run_before(pilot: Pilot) -> None:
        await contact_step(pilot, "Ana", 2)
        assert pilot.app.screen.query_one("#step-goals").display

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_disengagement_step(snap_compare, app: SbcmApp) -> None:
    """Marcus at his fourth contact: review, strengths, barriers, linkage, disengagement."""

    async def run_before(pilot: Pilot) -> None:
        await contact_step(pilot, "Marcus", 4)
        assert pilot.app.screen.query_one("#step-disengagement").display

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
