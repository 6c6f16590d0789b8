"""The case changed elsewhere: let the worker choose, and lose nothing whatever they choose."""

from __future__ import annotations

from enum import StrEnum

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

ARM_SECONDS = 0.8
"""Keys that arrive sooner than this after the choice comes up were meant for the field below
(the worker was typing when the save found the file changed): a word with an r or an o in it
must not reload or overwrite. They are kept (``ConflictModal.typed_meanwhile``) for the field,
and no key chooses until then."""


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

    ARM_SECONDS = ARM_SECONDS

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message
        self.armed = False
        self.typed_meanwhile: list[str] = []
        """Characters typed before the choice was armed, in order: the field's, not the choice's."""

    def on_mount(self) -> None:
        self.set_timer(self.ARM_SECONDS, self._arm)

    def _arm(self) -> None:
        self.armed = True

    def on_key(self, event: events.Key) -> None:
        """(The key has reached the focused button first, and goes on to the bindings, the
        choice's and the buttons', only once armed.)"""
        if self.armed:
            return
        event.stop()
        event.prevent_default()
        if event.is_printable and event.character:
            self.typed_meanwhile.append(event.character)

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
