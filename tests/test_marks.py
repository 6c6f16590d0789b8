"""Ticks, choices and the current step say their state by shape (tui/widgets/marks.py): what
the screen reads as text, with every colour taken away, still tells them apart."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import RadioSet

from sbcm_tui.tui.widgets.marks import ChoiceButton, TickBox
from tests.support import screen_text


class Marks(App):
    def compose(self) -> ComposeResult:
        yield TickBox("Not illegal, not hurtful", id="safe")
        with RadioSet():
            yield ChoiceButton("Suicidal thoughts", value=True)
            yield ChoiceButton("Harm to others")


async def test_a_tick_and_a_choice_are_told_by_shape_not_colour() -> None:
    app = Marks()
    async with app.run_test(size=(60, 8)) as pilot:
        text = screen_text(app)
        assert "▐ ▌ Not illegal" in text  # Textual's own box draws an X here, unticked
        assert "▐●▌ Suicidal" in text and "▐○▌ Harm" in text
        app.query_one("#safe", TickBox).value = True
        app.query_one(RadioSet).query(ChoiceButton).last().value = True
        await pilot.pause()
        text = screen_text(app)
        assert "▐X▌ Not illegal" in text
        assert "▐○▌ Suicidal" in text and "▐●▌ Harm" in text


async def test_the_step_on_screen_is_marked_by_shape(demo_app) -> None:
    """The highlight in the step list is a colour, and moves with the arrows while the list
    has focus: the step shown carries ``▸``, a step covered ``✓``, one to do ``·``."""
    from textual.widgets import OptionList

    from sbcm_tui.tui.screens.contact import ContactScreen
    from tests.support import caseload_loaded, wait_for

    async with demo_app.run_test(size=(80, 24)) as pilot:
        await caseload_loaded(pilot)
        demo_app.screen.open_case_file("c-demo-ana.toml")
        await wait_for(pilot, lambda: bool(demo_app.screen.query("#fact-living_situation")))
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(demo_app.screen, ContactScreen))
        steps = demo_app.screen.query_one("#steps", OptionList)

        def marks() -> list[str]:
            return [str(steps.get_option_at_index(i).prompt)[:2] for i in range(3)]

        assert marks() == ["▸ ", "· ", "· "]
        await pilot.press("ctrl+g")  # the first step covered, on to the next
        assert marks() == ["✓ ", "▸ ", "· "]
        await pilot.press("f3", "down")  # the list's own highlight moves; the mark does not
        assert marks() == ["✓ ", "▸ ", "· "] and steps.highlighted == 2


def test_monochrome_ticks_and_choices(snap_compare, monkeypatch) -> None:
    """With NO_COLOR (Textual's monochrome filter), ticked and unticked, chosen and not, still
    differ on screen: the picture holds no colour to tell them by."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = Marks()
    assert app.no_color

    async def run_before(pilot) -> None:
        app.query_one(RadioSet).query(ChoiceButton).last().focus()

    assert snap_compare(app, terminal_size=(60, 6), run_before=run_before)
