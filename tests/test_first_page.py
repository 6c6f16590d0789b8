"""The caseload's first rows come from the summary cache before the folder is checked.

Checking 50,000 files takes about a second; the first page, read straight from the cache in
listing order, takes milliseconds. What the check then finds (a file removed, a name changed)
replaces the page: the page is never the last word, and counts and the dashboard wait for it."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from sbcm_tui.core.case import Case, Client
from sbcm_tui.files import caseindex
from sbcm_tui.files.store import CaseStore
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.screens.caseload import CaseloadScreen
from tests.support import until, wait_for


def _folder(folder: Path) -> CaseStore:
    store = CaseStore(folder)
    for name in ("Cy", "ana", "Bea", "dee"):
        store.create(Case(client=Client(preferred_name=name)))
    store.create(Case(client=Client(preferred_name="Aaron"), practice=True))
    (folder / "broken.toml").write_text("this is = = not toml", encoding="utf-8")
    return store


def test_no_first_page_without_a_cache(tmp_path: Path) -> None:
    store = _folder(tmp_path)
    for side in ("", "-wal", "-shm"):
        (store.meta / f"{caseindex.INDEX_NAME}{side}").unlink(missing_ok=True)
    assert CaseStore(tmp_path).first_page(10) is None
    store.caseload()
    assert CaseStore(tmp_path).first_page(10) is not None


def test_the_first_page_is_the_listing_order_cut_short_with_every_broken_file(
    tmp_path: Path,
) -> None:
    store = _folder(tmp_path)
    full = store.caseload()
    page = CaseStore(tmp_path).first_page(2)  # another process, as at start-up
    assert page is not None and page.partial
    assert [s.preferred_name for s in page.cases] == ["ana", "Bea"]
    assert [s.preferred_name for s in full.cases[:3]] == ["Aaron", "ana", "Bea"]  # practice too
    assert page.first_of == 4  # the practice case is not counted among real people
    assert [b.name for b in page.broken] == ["broken.toml"] == [b.name for b in full.broken]
    assert not full.partial


def test_the_first_page_does_not_look_at_the_folder_and_the_check_corrects_it(
    tmp_path: Path,
) -> None:
    store = _folder(tmp_path)
    listed = store.caseload()
    ana = next(s for s in listed.cases if s.preferred_name == "ana")
    (tmp_path / ana.name).unlink()
    again = CaseStore(tmp_path)
    assert "ana" in [s.preferred_name for s in again.first_page(10).cases]
    assert "ana" not in [s.preferred_name for s in again.caseload().cases]
    assert "ana" not in [s.preferred_name for s in CaseStore(tmp_path).first_page(10).cases]


def test_a_damaged_cache_gives_no_first_page_and_the_listing_rebuilds_it(tmp_path: Path) -> None:
    store = _folder(tmp_path)
    store.caseload()
    db = store._case_index()._connect()
    db.execute("UPDATE entries SET payload = 'not json' WHERE kind = 'ok'")
    db.commit()
    again = CaseStore(tmp_path)
    assert again.first_page(10) is None
    assert len(again.caseload().cases) == 5
    assert len(CaseStore(tmp_path).first_page(10).cases) == 4


async def test_the_caseload_shows_the_first_page_then_what_the_check_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _folder(tmp_path)
    ana = next(s for s in store.caseload().cases if s.preferred_name == "ana")
    (tmp_path / ana.name).unlink()  # gone since the cache last saw it
    release = threading.Event()
    real_scan = caseindex.CaseIndex.scan

    def held_scan(self, *args):
        assert release.wait(30), "the test never let the listing go on"
        return real_scan(self, *args)

    monkeypatch.setattr(caseindex.CaseIndex, "scan", held_scan)
    app = SbcmApp(CaseStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.screen.query_one(DataTable)
        title = app.screen.query_one("#caseload-title", Static)
        try:
            # (No settling while the listing is held: a settle waits for running workers.)
            assert await until(lambda: table.row_count == 5, 5)  # four cases, the broken file
            assert "4 cases · checking for changes" in str(title.render())
            assert "ana" in str(table.get_row_at(0)[0])
            pushed = []
            app.push_screen = lambda screen, *a, **k: pushed.append(screen)
            app.screen.action_dashboard()  # a first page is not the caseload: it lists itself
            del app.push_screen
            assert pushed and pushed[0]._caseload is None
        finally:
            release.set()
        await wait_for(pilot, lambda: table.row_count == 4)
        await wait_for(pilot, lambda: "checking" not in str(title.render()))
        assert "3 cases" in str(title.render())
        assert all("ana" not in str(table.get_row_at(i)[0]) for i in range(table.row_count))


async def test_a_long_first_listing_shows_its_progress_then_the_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The progress bar is mounted only when a listing of 200 files or more reports progress
    (not at every start): it shows, says how far, and goes when the rows come. Reports close
    together are shown a few times a second, the last one always."""
    from textual.widgets import ProgressBar

    store = _folder(tmp_path)
    (store.meta / caseindex.INDEX_NAME).unlink(missing_ok=True)  # cold: no first page
    release = threading.Event()
    real_caseload = CaseStore.caseload
    slow = CaseStore(tmp_path)

    def held_caseload(progress=None):
        for done in (0, 120, 240, 300):
            progress(done, 300)
        assert release.wait(30), "the test never let the listing go on"
        return real_caseload(slow, progress)

    slow.caseload = held_caseload
    shown = []
    real_show = CaseloadScreen._show_progress

    def show(screen, done, total):
        shown.append(done)
        real_show(screen, done, total)

    monkeypatch.setattr(CaseloadScreen, "_show_progress", show)
    app = SbcmApp(slow)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        title = screen.query_one("#caseload-title", Static)
        try:
            assert await until(lambda: screen.query(ProgressBar), 5)
            bar = screen.query_one(ProgressBar)
            assert await until(lambda: bar.progress == 300 and bar.display, 5)
            assert bar.total == 300
            assert shown == [0, 300]
            assert "Reading 300 case files" in str(title.render())
            assert len(screen.query(ProgressBar)) == 1  # one bar, however many reports
        finally:
            release.set()
        table = screen.query_one(DataTable)
        await wait_for(pilot, lambda: table.row_count == 5)
        assert not bar.display
        assert "Reading" not in str(title.render())
