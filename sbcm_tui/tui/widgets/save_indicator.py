"""The quiet saved/unsaved mark in the corner: a worker should never have to wonder."""

from __future__ import annotations

from textual.widgets import Static

from sbcm_tui.files.save_state import SaveState

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

    _shown: tuple[str, str] = ("", "")

    def show_state(self, state: SaveState, message: str = "") -> None:
        """Render a save state; the message (if any) becomes the tooltip."""
        text, css_class = _LOOK[state]
        if (text, message) == self._shown:
            return  # shown on every change to the case: mostly the state it already shows
        # A new width lays the header out again; the same width only redraws the mark.
        self.update(text, layout=len(text) != len(self._shown[0]))
        self._shown = (text, message)
        self.set_classes(css_class)
        self.tooltip = message or None
