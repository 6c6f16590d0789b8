"""The top line of every screen: the app's name and where the work is (a folder, the demo, or
PRACTICE), drawn once from attributes.

Textual's Header watches the app's title and sub-title from every screen it is on, and those
watchers outlive the screen: Textual drops them only when the title next changes, which here is
almost never, so every case opened and closed left its header behind (about 350 objects, and
the screen kept alive with them). This line watches nothing; the caseload redraws it when it
lists a folder, which may be another one now (:meth:`show_title`).
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class TitleBar(Static):
    """``sbcm — <where>``: the screen's sub-title when it has one, else the app's."""

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        content-align: center middle;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def on_mount(self) -> None:
        self.show_title()

    def show_title(self) -> None:
        """Draw the line from the app's title and the screen's (or the app's) sub-title."""
        where = self.screen.sub_title or self.app.sub_title
        self.update(Content(f"{self.app.title} — {where}" if where else self.app.title))
