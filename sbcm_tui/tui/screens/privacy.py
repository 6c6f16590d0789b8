"""The privacy screen: someone walks in, one key, and no client detail is on the screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static


class Cover:
    """A screen that hides the work (the blank, the passphrase to unlock): the idle lock does
    not lock again over one, and nothing may draw over it."""


class PrivacyScreen(Cover, Screen[None]):
    """A blank screen over everything. The same key (handled by the app) brings the work back.

    Help and the command palette stay shut while it is up: either would draw over the blank,
    and a worker pressing a stray key should not have to wonder what is showing."""

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

    BINDINGS = [Binding("f1,ctrl+p", "stay_blank", show=False, id="privacy.stay_blank")]

    def compose(self) -> ComposeResult:
        yield Static("ctrl+l")

    def action_stay_blank(self) -> None:
        """Keys that would open something over the blank do nothing."""
