"""A conflict copy says what it is a copy of, and when; the caseload tells the two rows apart;
the two can be compared field by field."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from sbcm_tui.core.case import Case, Client, Strength
from sbcm_tui.files.store import CaseStore
from sbcm_tui.insight.compare import differences
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.screens.case import CaseScreen
from sbcm_tui.tui.screens.compare import CompareScreen
from tests.support import caseload_loaded, screen_text, wait_for


def original_and_copy(folder: Path) -> tuple[Case, Case]:
    store = CaseStore(folder)
    original = store.create(Case(client=Client(preferred_name="Ana", pronouns="she/her")))
    mine = store.open(original.path)
    mine.case.client.language = "Spanish"
    mine.case.strengths.append(Strength(domain="social", words="Her sister Rosa"))
    copy = store.save_as_copy(mine)
    return original.case, copy.case


def test_a_copy_names_the_case_and_revision_it_came_from(tmp_path: Path) -> None:
    original, copy = original_and_copy(tmp_path)
    assert copy.copy_of is not None
    assert copy.copy_of.case_id == original.id and copy.copy_of.revision == original.revision
    assert copy.copy_of.reason == "conflict" and copy.id != original.id


def test_differences_match_items_by_id_and_leave_bookkeeping_out(tmp_path: Path) -> None:
    original, copy = original_and_copy(tmp_path)
    found = {d.where: (d.left, d.right) for d in differences(original, copy)}
    assert found == {
        "client › language": (None, "Spanish"),
        "strengths 1": (None, "domain: social; words: Her sister Rosa; kind: current"),
    }


async def test_the_caseload_and_the_case_say_it_is_a_copy_and_compare(tmp_path: Path) -> None:
    original_and_copy(tmp_path)
    app = SbcmApp(CaseStore(tmp_path))
    async with app.run_test(size=(100, 30)) as pilot:
        await caseload_loaded(pilot, rows=2)
        names = [str(app.screen.query_one("#cases").get_row_at(i)[0]) for i in range(2)]
        assert sorted(names) == ["Ana", "Ana · copy"]
        table = app.screen.query_one("#cases")
        table.move_cursor(row=names.index("Ana · copy"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
        await pilot.pause()
        glance = str(app.screen.query_one("#glance", Static).render())
        assert "A copy of case" in glance and "another editor saved the case first" in glance
        await pilot.press("o")
        await wait_for(pilot, lambda: isinstance(app.screen, CompareScreen))
        await wait_for(pilot, lambda: "Spanish" in screen_text(app))
        assert "Her sister" in screen_text(app)
