"""Refilling a pane's list: unchanged rows are left alone (a step move would otherwise relayout
and redraw every list on the pane), changed rows are shown, and the highlight is kept."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from sbcm_tui.tui.panes.listing import refill


def rows(done: str = "") -> list[Option]:
    return [
        Option("Tasks", disabled=True),
        Option(Text("Call the clinic", style="strike" if done == "t1" else ""), id="t1"),
        Option(Text("Bring the payslip"), id="t2"),
    ]


class Lists(App):
    def compose(self) -> ComposeResult:
        yield OptionList()


async def test_unchanged_rows_are_not_set_again_and_changed_ones_are() -> None:
    app = Lists()
    async with app.run_test() as pilot:
        shown = app.query_one(OptionList)
        calls: list[int] = []
        original = shown.set_options
        shown.set_options = lambda options: (calls.append(1), original(options))[1]  # type: ignore[method-assign]
        refill(shown, rows())
        assert calls == [1] and shown.highlighted == 1  # the first item, past the heading
        shown.highlighted = 2
        refill(shown, rows())
        await pilot.pause()
        assert calls == [1] and shown.highlighted == 2  # the same rows: left as they were
        refill(shown, rows(done="t1"))  # only a style changed: that is a change
        assert calls == [1, 1]
        assert shown.get_option_at_index(1).prompt == rows(done="t1")[1].prompt
        assert shown.highlighted == 2
        refill(shown, rows(done="t1"), keep="t1")
        assert calls == [1, 1] and shown.highlighted == 1


async def test_a_row_whose_content_changes_only_in_style_is_shown_again() -> None:
    app = Lists()
    async with app.run_test():
        shown = app.query_one(OptionList)
        refill(shown, [Option(Content.from_markup("Aunt May"), id="r1")])
        refill(shown, [Option(Content.from_markup("[b]Aunt May[/b]"), id="r1")])
        assert shown.get_option_at_index(0).prompt.markup == "[b]Aunt May[/b]"


async def test_the_same_rows_with_nothing_highlighted_get_a_highlight() -> None:
    app = Lists()
    async with app.run_test():
        shown = app.query_one(OptionList)
        shown.set_options(rows())
        shown.highlighted = None
        refill(shown, rows())
        assert shown.highlighted == 1
