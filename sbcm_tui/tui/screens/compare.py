"""Two versions of a case side by side: only the fields that differ, one row each.

Opened from a conflict copy to see what it holds that its original does not (and the other way
round), so a worker can carry words over by hand before letting one go. Read-only: nothing here
saves. Client words are drawn as plain text, never as markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from sbcm_tui.core.case import Case
from sbcm_tui.tui.screens.base import SbcmScreen
from sbcm_tui.tui.widgets.comparison import MUTED, comparison_table
from sbcm_tui.tui.widgets.keys_bar import KeysBar
from sbcm_tui.tui.widgets.title_bar import TitleBar


class CompareScreen(SbcmScreen):
    """``left`` and ``right`` with what differs between them; Escape goes back."""

    DEFAULT_CSS = """
    CompareScreen #compare-bar { height: 1; padding: 0 1; background: $boost; }
    CompareScreen #compare-body { height: 1fr; padding: 0 1; }
    """
    BINDINGS = [Binding("escape", "back", "Back", id="compare.back")]

    def __init__(self, left: Case, right: Case, titles: tuple[str, str]) -> None:
        super().__init__()
        self.left, self.right, self.titles = left, right, titles

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static(
            Text.assemble(("Compare · ", MUTED), (self.left.client.preferred_name, "bold")),
            id="compare-bar",
        )
        with VerticalScroll(id="compare-body"):
            yield Static(comparison_table(self.left, self.right, self.titles))
        yield KeysBar()

    def on_mount(self) -> None:
        self.query_one("#compare-body").focus()

    def action_back(self) -> None:
        self.app.pop_screen()
