"""The staffing review screen: reached with f4, read-only, scrolls at 80x24, wide at 160x48.

Deterministic like tests/test_snapshots.py: the demo files copied as shipped and the app's
today fixed to the day they were written for. Regenerate the snapshots with
``pytest tests/test_review_screen.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from sbcm_tui.files.demo import DEMO_ANCHOR
from sbcm_tui.files.store import CaseStore
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.messages import ExportRequested
from sbcm_tui.tui.screens.case import CaseScreen
from sbcm_tui.tui.screens.caseload import CaseloadScreen
from sbcm_tui.tui.screens.review import ReviewScreen
from tests.support import DEMO, caseload_loaded, wait_for

TODAY: date = DEMO_ANCHOR
SMALL = (80, 24)
LARGE = (160, 48)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "demo"
    shutil.copytree(DEMO, target)
    return target


@pytest.fixture
def app(folder: Path) -> SbcmApp:
    # demo=True only changes the subtitle: a fixed line instead of the (random) folder path.
    return SbcmApp(CaseStore(folder), demo=True, today=TODAY)


async def review_from_caseload(pilot: Pilot, name: str) -> ReviewScreen:
    """Type a name to filter the caseload, then f4 on the row left highlighted."""
    await caseload_loaded(pilot)
    await pilot.press(*name)
    await wait_for(pilot, lambda: pilot.app.screen.query_one(DataTable).row_count == 1)
    await pilot.press("f4")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ReviewScreen))
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


def shown_text(screen: ReviewScreen) -> str:
    """Every Static's text on the review, as a wide terminal would print it."""
    console = Console(width=300, file=io.StringIO(), record=True)
    for static in screen.query(Static):
        content = static.content
        console.print(Text(str(content)) if isinstance(content, str | Content) else content)
    return console.export_text()


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


# --- flows ---------------------------------------------------------------------------------


async def test_f4_on_the_caseload_opens_a_read_only_review(app: SbcmApp, folder: Path) -> None:
    before = files(folder)
    async with app.run_test(size=SMALL) as pilot:
        screen = await review_from_caseload(pilot, "Sam")
        assert screen.review.facts.name == "Sam [/x] [b]"
        assert app.session is None  # nothing was opened for editing, so nothing can autosave
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen)
        assert app.session is None
    assert files(folder) == before


async def test_client_words_are_shown_as_written_never_as_markup(app: SbcmApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        screen = await review_from_caseload(pilot, "Sam")
        text = shown_text(screen)
        assert "Sam [/x] [b]" in text
        assert "[b]Get the print-shop job[/b]" in text
        assert "[bold]Photoshop[/bold]" in text
        assert "Dyslexia" in text  # an inherent limitation


def palette_titles(screen: object) -> list[str]:
    return [command.title for command in screen.palette_commands()]  # type: ignore[attr-defined]


async def test_f4_on_the_case_screen_reviews_the_open_case(app: SbcmApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await caseload_loaded(pilot)
        assert "Review case" in palette_titles(app.screen)
        await pilot.press(*"Marcus", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
        assert "Review case" in palette_titles(app.screen)
        session = app.session
        assert session is not None
        await pilot.press("f4")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert screen.case is session.case
        assert screen.review.safety_concerns and screen.review.overdue_count
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        assert app.session is session


async def test_the_review_scrolls_to_its_last_section_at_80x24(app: SbcmApp) -> None:
    async with app.run_test(size=SMALL) as pilot:
        screen = await review_from_caseload(pilot, "Marcus")
        body = screen.query_one("#review-body")
        assert body.max_scroll_y > 0  # it does not fit: it must scroll
        assert screen.focused is body
        await pilot.press("end")
        await wait_for(pilot, lambda: body.scroll_y == body.max_scroll_y)
        await pilot.pause()
        last = screen.query_one("#section-last_contact")
        assert body.region.contains_region(last.region)


async def test_an_unreadable_file_listed_in_the_caseload_is_explained(
    app: SbcmApp, folder: Path
) -> None:
    (folder / "broken.toml").write_text("this is = not [ a case", encoding="utf-8")
    async with app.run_test(size=SMALL) as pilot:
        await caseload_loaded(pilot, rows=8)
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index("broken.toml"))
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen)
        assert any("cannot be read" in (n.title or "") for n in app._notifications)


async def test_a_file_spoilt_after_listing_gives_a_message_not_a_crash(
    app: SbcmApp, folder: Path
) -> None:
    async with app.run_test(size=SMALL) as pilot:
        await caseload_loaded(pilot)
        await pilot.press(*"Sam")
        await wait_for(pilot, lambda: app.screen.query_one(DataTable).row_count == 1)
        (folder / "c-demo-sam.toml").write_text("client = [", encoding="utf-8")
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, CaseloadScreen)
        messages = [n.message for n in app._notifications]
        assert any("c-demo-sam.toml" in m for m in messages)


async def test_f7_hands_the_case_to_the_apps_exporter(app: SbcmApp) -> None:
    posted = []
    async with app.run_test(size=SMALL, message_hook=posted.append) as pilot:
        screen = await review_from_caseload(pilot, "Ana")
        await pilot.press("f7")
        await pilot.pause()
        # One request, seen at each hop as it bubbles up to the app.
        requests = {id(m): m for m in posted if isinstance(m, ExportRequested)}
        assert [m.case for m in requests.values()] == [screen.case]


# --- snapshots -----------------------------------------------------------------------------


def test_review_80x24(snap_compare, app: SbcmApp) -> None:
    """Marcus: an open safety concern and overdue work, the top of the review."""

    async def run_before(pilot: Pilot) -> None:
        await review_from_caseload(pilot, "Marcus")

    assert snap_compare(app, terminal_size=SMALL, run_before=run_before)


def test_review_80x24_scrolled_to_the_plan(snap_compare, app: SbcmApp) -> None:
    """Marcus, scrolled to his goals: an overdue objective and an overdue task stand out."""

    async def run_before(pilot: Pilot) -> None:
        screen = await review_from_caseload(pilot, "Marcus")
        goals = screen.query_one("#section-goals")
        screen.query_one("#review-body").scroll_to_widget(goals, animate=False, top=True)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SMALL, run_before=run_before)


def test_review_160x48(snap_compare, app: SbcmApp) -> None:
    """Marcus on a large terminal: two columns."""

    async def run_before(pilot: Pilot) -> None:
        screen = await review_from_caseload(pilot, "Marcus")
        left = screen.query_one("#review-left").region
        right = screen.query_one("#review-right").region
        assert screen.has_class("-wide")
        assert right.x > left.right and right.y == left.y

    assert snap_compare(app, terminal_size=LARGE, run_before=run_before)
