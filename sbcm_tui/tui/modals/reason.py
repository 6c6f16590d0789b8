"""A one-line reason asked before a deliberate change: closing a note, reopening a case.

Both dialogs are the same shape: a title, what will happen, one line of words (needed or not),
Enter to go ahead, Escape to change nothing, asking first when a word was typed so a slip of
Escape does not throw the words away. The words are kept in the open case while the dialog is up
(:class:`KeepsTyping`). A subclass says what is asked; this says how.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from sbcm_tui.tui.modals.confirm import ConfirmModal
from sbcm_tui.tui.modals.keeps_typing import KeepsTyping
from sbcm_tui.tui.widgets.field import Field


class ReasonModal(KeepsTyping):
    """Ask for one line of words; dismiss with them (None: nothing changes)."""

    DEFAULT_CSS = """
    ReasonModal { align: center middle; }
    ReasonModal > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    ReasonModal.-warning > Vertical { border: round $warning; }
    ReasonModal .title { text-style: bold; }
    ReasonModal .hint { color: $text-muted; }
    ReasonModal #reason { margin-top: 1; }
    ReasonModal #reason-message { color: $warning; height: auto; }
    ReasonModal .buttons { height: auto; margin-top: 1; }
    ReasonModal Button { margin-right: 2; }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="reason.cancel")]

    needed = True
    """Whether Enter refuses an empty line."""
    placeholder = "Why"
    go_label = "Go ahead"
    stay_label = "Cancel"
    when_missing = "A reason is needed."
    """Said under the line when Enter is pressed on an empty one that is needed."""
    when_discarded = "Nothing changes."
    """The second line of the question asked before typed words are let go."""

    def heading(self) -> Content:
        raise NotImplementedError

    def explanation(self) -> Content:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.heading(), classes="title")
            yield Static(self.explanation(), classes="hint")
            need = "needed" if self.needed else "optional"
            yield Field(placeholder=f"{self.placeholder} ({need})", id="reason")
            yield Static("", id="reason-message", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(
                    f"{self.go_label}  enter", id="reason-go", variant="primary", compact=True
                )
                yield Button(f"{self.stay_label}  esc", id="reason-stay", compact=True)

    def words(self) -> str | None:
        return self.query_one("#reason", Input).value.strip() or None

    @on(Input.Changed)
    def _typing(self) -> None:
        """What was refused a moment ago no longer applies once the worker writes."""
        self.query_one("#reason-message", Static).update("")

    @on(Input.Submitted, "#reason")
    @on(Button.Pressed, "#reason-go")
    def action_save(self) -> None:
        words = self.words()
        if words is None and self.needed:
            self.query_one("#reason-message", Static).update(self.when_missing)
            self.query_one("#reason", Input).focus()
            return
        self.dismiss(self.result(words))

    def result(self, words: str | None) -> object:
        """What the dialog answers with when Enter goes ahead."""
        return words

    @on(Button.Pressed, "#reason-stay")
    def action_cancel(self) -> None:
        ask_before_discarding(self, self.words() is not None, self.when_discarded)


def ask_before_discarding(modal: ModalScreen, typed: bool, consequence: str) -> None:
    """Close ``modal`` with None at once when nothing was typed; otherwise ask first."""
    if not typed:
        modal.dismiss(None)
        return

    def answered(discard: bool | None) -> None:
        if discard:
            modal.dismiss(None)

    modal.app.push_screen(
        ConfirmModal("Discard what you typed?", consequence, verb="Discard"), answered
    )
