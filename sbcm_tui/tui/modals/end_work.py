"""Before the protocol's closing contact ends: this ends the work with the client.

``f10`` ends a contact and is pressed at the end of every one, by habit. At the closing contact
it also lets the case go (it becomes disengaged), which is not something a habit should do, so
it asks once, by the client's name. Enter ends it, because ending the contact was what the
worker meant; Escape keeps the contact open with nothing changed.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static


def ending_question(name: str) -> Content:
    """The question, with the client's name as plain text (never read as markup)."""
    return Content.assemble(
        "This ends the work with ",
        (name, "bold"),
        ": the case becomes disengaged. End the contact?",
    )


class EndWorkModal(ModalScreen[bool]):
    """True when the worker ends the closing contact (Enter), False to keep it open (Escape)."""

    DEFAULT_CSS = """
    EndWorkModal { align: center middle; }
    EndWorkModal > Vertical {
        width: 64; max-width: 100%; height: auto;
        border: round $warning; background: $surface; padding: 0 1;
    }
    EndWorkModal .hint { color: $text-muted; }
    EndWorkModal .buttons { height: auto; margin-top: 1; }
    EndWorkModal Button { margin-right: 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "answer(False)", "Keep it open", id="end_work.keep"),
    ]
    AUTO_FOCUS = "#end-yes"  # Enter presses it: ending the contact is what f10 was for

    def __init__(self, name: str) -> None:
        super().__init__()
        self.client_name = name

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(ending_question(self.client_name), id="end-question")
            yield Static(
                "A case that comes back later can be reopened from its screen.",
                classes="hint",
                markup=False,
            )
            with Horizontal(classes="buttons"):
                yield Button("End contact  enter", id="end-yes", variant="warning", compact=True)
                yield Button("Keep it open  esc", id="end-no", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "end-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
