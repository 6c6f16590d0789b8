"""The team folder in the app: F5 syncs and relists, the caseload marks what is not shared yet,
and the case's inbox settles a disagreement with one key."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from sbcm_tui.core.case import Case, Client
from sbcm_tui.files.casefile import read_case
from sbcm_tui.files.store import CaseStore
from sbcm_tui.team import git
from sbcm_tui.team.sync import init, join, sync
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.screens.case import CaseScreen
from tests.support import wait_for

pytestmark = pytest.mark.skipif(not git.available(), reason="the team layer needs git")


def _two_workers(tmp_path: Path) -> tuple[Path, Path, str]:
    store = CaseStore(tmp_path / "a")
    opened = store.create(Case(client=Client(preferred_name="Ana", living_situation="a flat")))
    init(tmp_path / "a", str(tmp_path / "team.git"), "Dana")
    join(str(tmp_path / "team.git"), tmp_path / "b", "Sam")
    return tmp_path / "a", tmp_path / "b", opened.path.name


def _set_living(folder: Path, name: str, value: str) -> None:
    store = CaseStore(folder)
    opened = store.open(folder / name)
    opened.case.client.living_situation = value
    store.save(opened)


async def _open(pilot, name: str) -> None:
    """Open a case from the caseload, once it is listed, and wait for its screen."""
    app = pilot.app
    await wait_for(pilot, lambda: app.screen.query_one(DataTable).row_count == 1)
    app.screen.open_case_file(name)
    await wait_for(
        pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.query("#glance")
    )
    await pilot.pause()


def _title(app) -> str:
    return str(app.screen.query_one("#caseload-title", Static).render())


async def test_f5_syncs_a_team_folder_and_the_caseload_marks_what_is_not_shared(
    tmp_path: Path,
) -> None:
    a, b, name = _two_workers(tmp_path)
    CaseStore(b).create(Case(client=Client(preferred_name="Bea")))
    sync(b)
    _set_living(a, name, "with her sister")  # saved here, not shared yet
    app = SbcmApp(CaseStore(a))
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.screen.query_one(DataTable)
        await wait_for(pilot, lambda: table.row_count == 1 and "team:" in _title(app))
        assert "1 not shared" in _title(app)
        assert "↑" in str(table.get_row_at(0)[0])
        await pilot.press("f5")
        await app.workers.wait_for_complete()
        await wait_for(pilot, lambda: table.row_count == 2)
        assert "not shared" not in _title(app)
    assert git.out(["rev-parse", "HEAD"], a) == git.out(["rev-parse", "origin/main"], a)


async def test_a_change_not_shared_for_days_shows_how_long_on_its_row(tmp_path: Path) -> None:
    """A laptop offline for days, or a sync that keeps failing: the row says how long the
    change has waited."""
    a, _, name = _two_workers(tmp_path)
    _set_living(a, name, "with her sister")
    three_days_ago = time.time() - 3 * 86_400 - 60
    os.utime(a / name, (three_days_ago, three_days_ago))
    app = SbcmApp(CaseStore(a))
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.screen.query_one(DataTable)
        await wait_for(pilot, lambda: table.row_count == 1 and "team:" in _title(app))
        assert "↑3d" in str(table.get_row_at(0)[0]) and "1 not shared (↑)" in _title(app)


async def test_the_inbox_swaps_a_disagreement_into_the_case_with_one_key(tmp_path: Path) -> None:
    a, b, name = _two_workers(tmp_path)
    _set_living(b, name, "Sam's words")
    sync(b)
    _set_living(a, name, "Dana's words")
    sync(a)  # merged here: Dana's kept, Sam's in the inbox
    case, _ = read_case(a / name)
    assert case.client.living_situation == "Dana's words" and len(case.inbox) == 1
    app = SbcmApp(CaseStore(a))
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot, name)
        assert "Team inbox: 1 change" in str(app.screen.query_one("#glance", Static).render())
        await pilot.press("i")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "InboxModal")
        await pilot.press("s")
        assert app.session.case.client.living_situation == "Sam's words"
        await pilot.press("d")
        assert app.session.case.inbox == []
        await pilot.press("escape")
        app.save_now()
        await app.workers.wait_for_complete()
    case, _ = read_case(a / name)
    assert case.client.living_situation == "Sam's words" and case.inbox == []


async def test_a_folder_that_is_not_a_team_folder_reloads_on_f5_and_says_nothing_of_teams(
    tmp_path: Path,
) -> None:
    CaseStore(tmp_path).create(Case(client=Client(preferred_name="Ana")))
    app = SbcmApp(CaseStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.screen.query_one(DataTable)
        await wait_for(pilot, lambda: table.row_count == 1)
        CaseStore(tmp_path).create(Case(client=Client(preferred_name="Bea")))
        await pilot.press("f5")
        await wait_for(pilot, lambda: table.row_count == 2)
        assert "team" not in _title(app)


async def test_a_supervisor_sees_whose_case_each_is_and_filters_by_worker(tmp_path: Path) -> None:
    store = CaseStore(tmp_path / "a")
    for name, worker in (("Ana", "Dana Reyes"), ("Bea", "Sam Okafor"), ("Cy", "Sam Okafor")):
        store.create(Case(client=Client(preferred_name=name), worker=worker))
    init(tmp_path / "a", str(tmp_path / "team.git"), "Lee Park")
    app = SbcmApp(CaseStore(tmp_path / "a"))
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.screen.query_one(DataTable)
        await wait_for(pilot, lambda: table.row_count == 3)
        assert "worker" in [str(key.value) for key in table.columns]
        worker_at = [str(key.value) for key in table.columns].index("worker")
        assert str(table.get_row_at(1)[worker_at]) == "Sam Okafor"
        await pilot.press("@", "s", "a", "m")
        await wait_for(pilot, lambda: table.row_count == 2)
        assert [str(table.get_row_at(i)[0]) for i in range(2)] == ["Bea", "Cy"]
        app.screen.action_dashboard()  # the outcomes of that worker's cases only
        await wait_for(pilot, lambda: getattr(app.screen, "outcomes", None) is not None)
        assert app.screen.outcomes.cases == 2
        headline = str(app.screen.query_one("#dash-headline", Static).render())
        assert "matching “sam”" in headline


async def test_the_team_log_says_who_changed_the_case_and_what_parts_never_the_words(
    tmp_path: Path,
) -> None:
    a, b, name = _two_workers(tmp_path)
    _set_living(b, name, "SECRET words")
    sync(b)
    sync(a)
    app = SbcmApp(CaseStore(a))
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot, name)
        await pilot.press("L")
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "TeamLogModal")
        table = app.screen.query_one("#team-log", DataTable)
        await wait_for(pilot, lambda: table.row_count == 2)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(2)]
        assert rows[0][1] == "Sam" and rows[0][2].endswith("client changed")
        assert rows[1][1] == "Dana"
        assert not any("SECRET" in cell for row in rows for cell in row)


async def test_a_case_is_handed_over_in_the_app_and_the_new_worker_gets_it(tmp_path: Path) -> None:
    a, b, name = _two_workers(tmp_path)
    CaseStore(b).create(Case(client=Client(preferred_name="Bea")))
    sync(b)  # Sam has committed: the roster knows him
    sync(a)
    app = SbcmApp(CaseStore(a))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.screen.query_one(DataTable).row_count == 2)
        app.screen.open_case_file(name)
        await wait_for(
            pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.query("#glance")
        )
        app.screen.action_transfer()
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "TransferModal")
        modal = app.screen
        await wait_for(pilot, lambda: len(modal.team) == 2)
        assert [w.name for w in modal.team] == ["Dana", "Sam"]  # the case is no one's yet
        await pilot.press("down", "enter")  # Sam
        await pilot.press(*"moves to nights")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
        assert app.session.case.worker == "Sam"
        await pilot.press("escape")  # leaving the edited case shares it, once it is saved

        def shared() -> bool:
            if git.out(["status", "--porcelain"], a):
                return False
            return git.out(["rev-parse", "HEAD"], a) == git.out(["rev-parse", "origin/main"], a)

        await wait_for(pilot, shared, seconds=15)
    sync(b)
    case, _ = read_case(b / name)
    assert case.worker == "Sam" and case.transfers[0].reason == "moves to nights"
    assert case.transfers[0].by == "Dana"
