"""Forms that keep what is typed in them, before it is saved, in the open case.

A goal, an objective or a safety note is typed in a modal form and saved with Enter or ctrl+s.
Until then the words lived only on screen: a crash, a kill or a flat battery lost them. A form
built on :class:`KeepsTyping` posts its text fields to the app on every change
(:class:`~sbcm_tui.tui.messages.UnsavedFormChanged`), which puts them in ``Case.unsaved_form``
for the autosave; saving or closing the form clears it. The case screen shows what was left
there after a crash.
"""

from __future__ import annotations

from textual import on
from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen
from textual.widgets import Input, TextArea

from sbcm_tui.tui.messages import UnsavedFormChanged


class KeepsTyping(ModalScreen):
    """A modal form whose typed text is kept in the open case until it is saved or closed."""

    form_name = "a form"
    """How the kept text is introduced ("New goal: …") on the case screen."""

    _as_opened: str | None = None

    def typed(self) -> str:
        """The form's text fields on one line ("" when they are all empty)."""
        values = [w.value.strip() for w in self.query(Input) if w.value.strip()]
        values += [w.text.strip() for w in self.query(TextArea) if w.text.strip()]
        return f"{self.form_name}: " + " · ".join(values) if values else ""

    def on_mount(self) -> None:
        # Subclasses' on_mount run first (fields filled from what is being edited): only a
        # change from this is typing.
        self._as_opened = self.typed()

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _keep_typing(self) -> None:
        typed = self.typed()
        if self._as_opened is not None and typed != self._as_opened:
            self._tell_app(typed or None)

    def _tell_app(self, typed: str | None) -> None:
        self.post_message(UnsavedFormChanged(typed))

    def dismiss(self, result=None) -> AwaitComplete:  # type: ignore[no-untyped-def]
        self._tell_app(None)  # saved into the case, or let go on purpose
        return super().dismiss(result)
