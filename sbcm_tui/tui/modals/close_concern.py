"""Closing a safety or health note: what changed, why it can close, then a deliberate Enter.

A note about suicidal thoughts or a risk to others raises the banner on every screen of the
case; one Space used to close it, with no word said and no second chance. Now Space asks here:
what changed (needed for a risk to life, optional for the others), Enter closes it with that
note, Escape changes nothing (asking first if a word was typed). What is typed is kept in the
case while the form is open, like any form (:class:`KeepsTyping`).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content

from sbcm_tui.core.case import SAFETY_KINDS, NonStrength
from sbcm_tui.core.dates import format_date
from sbcm_tui.core.untrusted import one_line
from sbcm_tui.tui.modals.reason import ReasonModal
from sbcm_tui.tui.widgets.safety_banner import NON_STRENGTH_TITLES


@dataclass(frozen=True)
class Closing:
    """The worker closes the note, with these words (None: a note that may close without)."""

    closing_note: str | None


class CloseConcernModal(ReasonModal):
    """What changed, for one note; Enter closes it, Escape keeps it open."""

    BINDINGS = [Binding("escape", "cancel", "Keep it open", id="close_concern.cancel")]

    form_name = "Closing note"
    placeholder = "What changed, why it can close, who agreed"
    go_label = "Close note"
    stay_label = "Keep it open"
    when_missing = "A closing note is needed for a risk to life: what changed, and who agreed."
    when_discarded = "The note stays open."

    def __init__(self, note: NonStrength) -> None:
        super().__init__(classes="-warning")
        self.note = note
        self.needed = note.kind in SAFETY_KINDS

    def heading(self) -> Content:
        return Content(f"Close this {NON_STRENGTH_TITLES[self.note.kind]} note?")

    def explanation(self) -> Content:
        note = self.note
        return Content(f"Noted {format_date(note.noted_on)}: {one_line(note.note)[:160]}")

    def result(self, words: str | None) -> Closing:
        return Closing(words)
