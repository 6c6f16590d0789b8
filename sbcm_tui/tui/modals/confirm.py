"""The one question every pane asks before something goes: remove it, or keep it?

Goals, barriers, tasks and strengths all ask the same way, so a worker's fingers learn it once:
``y`` confirms; ``n``, Escape or Enter keeps. Enter keeps because it is the key pressed by
habit, and removing should take a deliberate ``y``.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmModal(ModalScreen[bool]):
    """Asks before removing something: True when the worker confirms with ``y``, else False.

    The question and the detail (usually the client's own words) are shown without markup, so
    brackets in them stay as typed."""

    DEFAULT_CSS = """
    ConfirmModal { align: center middle; }
    ConfirmModal > Vertical {
        width: 64; max-width: 100%; height: auto;
        border: round $warning; background: $surface; padding: 0 1;
    }
    ConfirmModal .title { text-style: bold; }
    ConfirmModal .buttons { height: auto; margin-top: 1; }
    ConfirmModal Button { margin-right: 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Confirm", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "Keep", id="confirm.no"),
    ]
    AUTO_FOCUS = "#confirm-no"  # Enter presses the focused button: it keeps

    def __init__(
        self, question: str, detail: str = "", *, verb: str = "Remove", keep: str = "Keep"
    ) -> None:
        super().__init__()
        self.question, self.detail, self.verb, self.keep = question, detail, verb, keep

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, classes="title", markup=False)
            if self.detail:
                yield Static(self.detail, markup=False)
            with Horizontal(classes="buttons"):
                yield Button(f"{self.verb} (y)", id="confirm-yes", variant="error", compact=True)
                yield Button(f"{self.keep} (n)", id="confirm-no", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
