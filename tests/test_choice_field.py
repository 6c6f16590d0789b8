"""The one-line choice the Overview uses for a fact with a few answers (reading level): keys
step through the answers, a first letter picks one, and each pick reaches the case."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from sbcm_tui.core.case import Case, Client, ReadingLevel
from sbcm_tui.files.casefile import read_case
from sbcm_tui.files.store import CaseStore
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.screens.case import CaseScreen
from sbcm_tui.tui.widgets.choice_field import ChoiceField
from tests.support import wait_for


async def test_reading_level_is_picked_with_arrows_and_letters_and_saved(tmp_path: Path) -> None:
    opened = CaseStore(tmp_path).create(Case(client=Client(preferred_name="Reggie")))
    app = SbcmApp(CaseStore(tmp_path))
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.query_one(DataTable).row_count == 1)
        app.screen.open_case_file(opened.path.name)
        await wait_for(
            pilot, lambda: isinstance(app.screen, CaseScreen) and app.screen.query(ChoiceField)
        )
        field = app.screen.query_one("#fact-reading_level", ChoiceField)
        assert field.value == "" and "not asked yet" in str(field.render())
        field.focus()
        await pilot.press("right")
        assert app.session.case.client.reading_level is ReadingLevel.COMFORTABLE
        await pilot.press("d")
        assert app.session.case.client.reading_level is ReadingLevel.DOES_NOT_READ
        assert "does not read" in str(field.render())
        await pilot.press("right")  # round to "not known"
        assert app.session.case.client.reading_level is None
        await pilot.press("left", "s")
        assert app.session.case.client.reading_level is ReadingLevel.SOME_DIFFICULTY
        await pilot.press("escape")
        await app.workers.wait_for_complete()
    assert read_case(opened.path)[0].client.reading_level is ReadingLevel.SOME_DIFFICULTY


async def test_a_value_set_from_the_model_is_shown_and_not_announced() -> None:
    from textual.app import App

    changes = []

    class Host(App):
        def compose(self):
            yield ChoiceField([("yes", "y"), ("no", "n")], "n", id="f")

        def on_choice_field_changed(self, event: ChoiceField.Changed) -> None:
            changes.append(event.value)

    async with Host().run_test() as pilot:
        field = pilot.app.query_one(ChoiceField)
        assert field.value == "n"
        field.value = "y"
        await pilot.pause()
        assert changes == [] and "yes" in str(field.render())
        await pilot.click(ChoiceField)
        await pilot.pause()
        assert changes == ["n"]  # a click steps to the next answer
