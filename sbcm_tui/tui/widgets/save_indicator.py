"""The quiet saved/unsaved mark in the corner: a worker should never have to wonder."""

from __future__ import annotations

from textual.widgets import Static

from sbcm_tui.files.session import SaveState

_LOOK = {
    SaveState.SAVED: ("✓ saved", "saved"),
    SaveState.UNSAVED: ("● unsaved", "unsaved"),
    SaveState.CONFLICT: ("⚠ changed elsewhere", "problem"),
    SaveState.FAILED: ("⚠ not saved", "problem"),
}


class SaveIndicator(Static):
    """Shows the open case's save state; the app updates it after every change and save."""

    DEFAULT_CSS = """
    SaveIndicator {
        width: auto;
        padding: 0 1;
        color: $text-muted;
    }
    SaveIndicator.unsaved { color: $warning; }
    SaveIndicator.problem { color: $error; text-style: bold; }
    """

    def show_state(self, state: SaveState, message: str = "") -> None:
        """Render a save state; the message (if any) becomes the tooltip."""
        text, css_class = _LOOK[state]
        self.update(text)
        self.set_classes(css_class)
        self.tooltip = message or None
