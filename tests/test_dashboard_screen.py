"""The outcomes dashboard: opened with f6 or the palette, +/- change the quiet threshold, and
snapshots at 80x24 and 160x48 on the demo caseload (today fixed at DEMO_ANCHOR)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from sbcm_tui.files.demo import DEMO_ANCHOR
from sbcm_tui.files.store import CaseStore
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.screens.caseload import CaseloadScreen
from sbcm_tui.tui.screens.dashboard import DashboardScreen
from tests.support import DEMO, caseload_loaded, wait_for


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "demo"
    shutil.copytree(DEMO, target)
    return target


@pytest.fixture
def app(folder: Path) -> SbcmApp:
    # demo=True only changes the subtitle: a fixed line instead of the (random) folder path.
    return SbcmApp(CaseStore(folder), demo=True, today=DEMO_ANCHOR)


async def open_dashboard(pilot: Pilot) -> DashboardScreen:
    """From the caseload (listed), f6; wait until the figures are on screen."""
    app = pilot.app
    await caseload_loaded(pilot)
    await pilot.press("f6")
    await wait_for(pilot, lambda: getattr(app.screen, "outcomes", None) is not None)
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, DashboardScreen)
    return screen


def text_of(screen: DashboardScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_f6_shows_the_demo_figures_and_escape_goes_back(app: SbcmApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dashboard(pilot)
        figures = text_of(screen, "#dash-figures")
        assert "not met: 0 · 1: 1 · 2: 2 · 3: 1 · 4: 1 · 5: 0 · 6+: 1" in figures
        assert "2 due in the next 7 days · 1 overdue" in figures
        assert "14 made · 8 linked (57%) · 7 retained (88% of linked)" in figures
        assert "median 14 days from referral to linkage" in figures
        assert "mean T 60.5 · 3 rated, 4 not yet" in figures
        attention = text_of(screen, "#dash-attention")
        assert "Sam [/x] [b]" in attention  # the bracketed name, as written
        assert "Marcus Reid" in attention
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen)


async def test_plus_and_minus_change_the_no_contact_days(app: SbcmApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_dashboard(pilot)
        assert screen.no_contact_days == 14 and screen.outcomes is not None
        assert screen.outcomes.quiet == ()
        await pilot.press("left_square_bracket")  # a week fewer: 7
        await pilot.press(*["minus"] * 4)  # 3 days: Sam (5 days) and Destiny (4) are quiet
        assert screen.no_contact_days == 3
        assert [q.case_name for q in screen.outcomes.quiet] == ["Sam [/x] [b]", "Destiny Price"]
        assert "2 of 6 active in 3 days" in text_of(screen, "#dash-figures")
        await pilot.press("plus", "equals_sign")  # both mean one more day
        assert screen.no_contact_days == 5 and screen.outcomes.quiet == ()
        await pilot.press(*["left_square_bracket"] * 3)
        assert screen.no_contact_days == 0  # never below zero
        await pilot.press("right_square_bracket")
        assert screen.no_contact_days == 7


async def test_the_palette_offers_the_dashboard_and_f5_counts_again(
    app: SbcmApp, folder: Path
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await caseload_loaded(pilot)
        commands = {c.title: c for c in app.screen.palette_commands()}
        commands["Outcomes dashboard"].callback()
        await wait_for(pilot, lambda: getattr(app.screen, "outcomes", None) is not None)
        screen = app.screen
        assert isinstance(screen, DashboardScreen) and screen.outcomes is not None
        assert screen.outcomes.cases == 7
        (folder / "broken.toml").write_text("not = = toml")
        await pilot.press("f5")
        await wait_for(pilot, lambda: screen.outcomes is not None and screen.outcomes.unreadable)
        await pilot.pause()
        assert screen.query_one("#dash-unreadable").display
        assert "broken.toml" in text_of(screen, "#dash-unreadable")


async def test_an_empty_folder_has_a_calm_dashboard(tmp_path: Path) -> None:
    app = SbcmApp(CaseStore(tmp_path / "empty"), today=DEMO_ANCHOR)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.action_dashboard()  # type: ignore[attr-defined]
        await wait_for(pilot, lambda: getattr(app.screen, "outcomes", None) is not None)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        assert "0 cases, 0 active" in text_of(screen, "#dash-headline")
        assert "No objective rated yet" in text_of(screen, "#dash-attainment")


# --- snapshots ---------------------------------------------------------------------------------


def test_dashboard_at_80x24(snap_compare, app: SbcmApp) -> None:
    async def run_before(pilot: Pilot) -> None:
        await open_dashboard(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_dashboard_at_160x48(snap_compare, app: SbcmApp) -> None:
    """Wide: the lists beside the figures; three days, so two quiet cases are listed."""

    async def run_before(pilot: Pilot) -> None:
        screen = await open_dashboard(pilot)
        await pilot.press(*["minus"] * 11)
        assert screen.no_contact_days == 3
        await pilot.pause()

    assert snap_compare(app, terminal_size=(160, 48), run_before=run_before)
