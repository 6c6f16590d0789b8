"""The export dialog (f7 on a case): it writes the file asked for, owner-only, and keeps the
dialog open with a clear message when it cannot.

Every test points the dialog at a folder under ``tmp_path`` (``app.export_folder``), so nothing
is ever written to the real Documents folder. The snapshot is regenerated with
``pytest tests/test_export_screen.py --snapshot-update``.
"""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from sbcm_tui.exports import KINDS, render_export
from sbcm_tui.files.demo import DEMO_ANCHOR
from sbcm_tui.files.store import CaseStore
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.modals.export import ExportModal
from sbcm_tui.tui.screens.case import CaseScreen
from tests.support import DEMO, caseload_loaded, steady, wait_for
from tests.test_snapshots import SIZE


@pytest.fixture
def app(tmp_path: Path) -> SbcmApp:
    folder = tmp_path / "cases"
    shutil.copytree(DEMO, folder)
    app = SbcmApp(CaseStore(folder), demo=True, today=DEMO_ANCHOR)
    app.export_folder = tmp_path / "exports"
    return app


async def open_export(pilot: Pilot, name: str = "Sam") -> ExportModal:
    """From the caseload: open the client's case, then f7."""
    await caseload_loaded(pilot)
    await pilot.press(*name, "enter")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CaseScreen))
    await pilot.press("f7")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, ExportModal))
    modal = pilot.app.screen
    await wait_for(
        pilot, lambda: bool(modal.query("#export-path") and modal.query_one(Input).value)
    )
    return modal  # type: ignore[return-value]


async def choose(pilot: Pilot, modal: ExportModal, *, kind: str, fmt: str, path: Path) -> None:
    modal.query_one("#export-kind", Select).value = kind
    modal.query_one("#export-format", Select).value = fmt
    await pilot.pause()
    modal.query_one("#export-path", Input).value = str(path)
    await pilot.pause()


def _message(modal: ExportModal) -> str:
    return str(modal.query_one("#export-message", Static).render())


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_f7_writes_the_export_owner_only(app: SbcmApp, tmp_path: Path) -> None:
    notes: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        modal = await open_export(pilot)
        default = modal.query_one("#export-path", Input).value
        assert default.endswith("exports/c-demo-sam-staffing.html")
        assert "Sam" not in default
        target = tmp_path / "out" / "sam handout.html"
        await choose(pilot, modal, kind="handout", fmt="html", path=target)
        app.notify = lambda message, **kw: notes.append(message)  # type: ignore[method-assign]
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
        case = app.session.case  # type: ignore[union-attr]
        assert target.read_bytes() == render_export(case, "handout", "html", today=DEMO_ANCHOR)
        assert _mode(target) == 0o600
        assert _mode(target.parent) == 0o700
        assert app.export_folder == target.parent
        assert notes == [f"Written to {target}"]


async def test_the_next_export_opens_on_the_last_choice(app: SbcmApp, tmp_path: Path) -> None:
    """A worker who prints handouts as Markdown does not choose both again at every case; and
    the formats are listed in the order the first one is shown in (HTML first)."""
    async with app.run_test(size=SIZE) as pilot:
        modal = await open_export(pilot)
        formats = modal.query_one("#export-format", Select)
        assert formats.value == "html" and formats._options[0][1] == "html"
        await choose(pilot, modal, kind="handout", fmt="md", path=tmp_path / "out" / "h.md")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
        await pilot.press("f7")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportModal))
        again = app.screen
        assert again.query_one("#export-kind", Select).value == "handout"
        assert again.query_one("#export-format", Select).value == "md"


async def test_progress_note_for_a_chosen_contact(app: SbcmApp, tmp_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        modal = await open_export(pilot)
        assert not modal.query_one("#export-contact-row").display
        modal.query_one("#export-kind", Select).value = "note"
        await pilot.pause()
        assert modal.query_one("#export-contact-row").display
        contact = modal.query_one("#export-contact", Select)
        assert contact.value == 2  # the last contact comes first
        contact.value = 1
        await pilot.pause()
        path = modal.query_one("#export-path", Input).value
        assert path.endswith("c-demo-sam-note-contact-1.html")
        await pilot.click("#export-write")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
        written = tmp_path / "exports" / "c-demo-sam-note-contact-1.html"
        assert b"Progress note: contact 1, Sun 8 Nov 2026" in written.read_bytes()
        assert _mode(written) == 0o600


async def test_practice_feedback_is_not_offered_for_a_real_case(app: SbcmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        modal = await open_export(pilot)
        offered = [k.name for k in modal.kinds]
        assert "feedback" not in offered
        assert offered == [k.name for k in KINDS.values() if not k.practice_only]


async def test_an_existing_file_is_replaced_only_on_the_second_press(
    app: SbcmApp, tmp_path: Path
) -> None:
    target = tmp_path / "there.md"
    target.write_text("keep me")
    async with app.run_test(size=SIZE) as pilot:
        modal = await open_export(pilot)
        await choose(pilot, modal, kind="full", fmt="md", path=target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is modal
        assert "already exists" in _message(modal)
        assert target.read_text() == "keep me"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
        assert target.read_text().startswith("# Case file\n")


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("cases/c-demo-sam-full.md", "inside the case folder"),
        ("a-file/x.md", "Could not write"),
        ("", "Type where the file should go"),
        (".", "is a folder"),
        ("x.json", "the format is Markdown"),
    ],
)
async def test_a_failure_keeps_the_dialog_open(
    app: SbcmApp, tmp_path: Path, where: str, expected: str
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    before = sorted(p.name for p in (tmp_path / "cases").iterdir())
    async with app.run_test(size=SIZE) as pilot:
        modal = await open_export(pilot)
        await choose(pilot, modal, kind="full", fmt="md", path=tmp_path)
        modal.query_one("#export-path", Input).value = str(tmp_path / where) if where else ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is modal
        assert expected in _message(modal)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
    assert sorted(p.name for p in (tmp_path / "cases").iterdir()) == before
    assert not (tmp_path / "exports").exists()


async def test_the_palette_offers_export(app: SbcmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await caseload_loaded(pilot)
        await pilot.press(*"Sam", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
        commands = {c.title: c for c in app.screen.palette_commands()}  # type: ignore[attr-defined]
        commands["Export…"].callback()
        await wait_for(pilot, lambda: isinstance(app.screen, ExportModal))
        await wait_for(pilot, lambda: bool(app.screen.query("#export-path")))


def test_export_dialog_snapshot(snap_compare, app: SbcmApp) -> None:
    app.export_folder = Path("/exports")

    async def run_before(pilot: Pilot) -> None:
        await open_export(pilot)
        await steady(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
