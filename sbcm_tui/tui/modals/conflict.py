"""The case changed elsewhere: let the worker choose, and lose nothing whatever they choose."""

from __future__ import annotations

from enum import StrEnum

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConflictChoice(StrEnum):
    """The three honest ways out of a save conflict."""

    RELOAD = "reload"
    COPY = "copy"
    OVERWRITE = "overwrite"


class ConflictModal(ModalScreen[ConflictChoice | None]):
    """Reload, save as a copy, or overwrite. Escape decides later (the words stay in memory)."""

    DEFAULT_CSS = """
    ConflictModal { align: center middle; }
    ConflictModal > Vertical {
        width: 72; max-width: 95%; height: auto;
        border: round $error; background: $surface; padding: 1 2;
    }
    ConflictModal .title { text-style: bold; color: $error; }
    ConflictModal Horizontal { height: auto; margin-top: 1; }
    ConflictModal Button { margin-right: 1; }
    """

    BINDINGS = [
        Binding("escape", "decide_later", "Later", id="conflict.later"),
        Binding("c", "choose('copy')", "Save as copy", id="conflict.copy"),
        Binding("r", "choose('reload')", "Reload", id="conflict.reload"),
        Binding("o", "choose('overwrite')", "Overwrite", id="conflict.overwrite"),
    ]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Not saved: the file changed", classes="title")
            yield Static(self.message, markup=False)
            yield Static(
                "c  keep your version as a new case file (nothing is lost)\n"
                "r  reload the file and drop your unsaved changes\n"
                "o  overwrite the file with your version",
                markup=False,
            )
            with Horizontal():
                yield Button("Save as copy", id="copy", variant="primary")
                yield Button("Reload", id="reload")
                yield Button("Overwrite", id="overwrite", variant="error")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(ConflictChoice(event.button.id or "copy"))

    def action_choose(self, choice: str) -> None:
        self.dismiss(ConflictChoice(choice))

    def action_decide_later(self) -> None:
        self.dismiss(None)
