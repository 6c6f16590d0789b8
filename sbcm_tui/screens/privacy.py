"""The privacy screen: someone walks in, one key, and no client detail is on the screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static


class PrivacyScreen(Screen[None]):
    """A blank screen over everything. The same key (handled by the app) brings the work back."""

    DEFAULT_CSS = """
    PrivacyScreen {
        align: center middle;
        background: $background;
    }
    PrivacyScreen Static {
        width: auto;
        color: $text-disabled;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static("ctrl+l")
