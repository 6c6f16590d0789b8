"""Recording what is not a strength but must not go unrecorded: risk, health, limitations.

Opened with one key from any step. The worker picks the kind, writes what was said, and (ideally)
what happens next. The modal returns the :class:`~sbcm_tui.core.case.NonStrength`; the caller
appends it to the case. Escape cancels, asking first if anything was typed, so no note is lost
by a slip.
"""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioSet, Static, TextArea

from sbcm_tui.core.case import NonStrength, NonStrengthKind
from sbcm_tui.core.dates import DateParseError, format_date, parse_date
from sbcm_tui.tui.modals.keeps_typing import KeepsTyping
from sbcm_tui.tui.widgets.field import Field
from sbcm_tui.tui.widgets.marks import ChoiceButton
from sbcm_tui.tui.widgets.safety_banner import NON_STRENGTH_TITLES

KIND_CHOICES: list[tuple[NonStrengthKind, str]] = [
    (NonStrengthKind.SUICIDAL, "Suicidal thoughts or an attempt"),
    (NonStrengthKind.HARM_TO_OTHERS, "Risk of harm to others"),
    (NonStrengthKind.PHYSICAL_HEALTH, "Physical health (incl. from drug use, HIV)"),
    (NonStrengthKind.INTRINSIC_LIMITATION, "A limitation, e.g. not reading well"),
    (NonStrengthKind.OTHER, "Something else"),
]
"""The kinds in the order offered, with the words the worker reads."""


class DiscardQuestion(Static, can_focus=True):
    """The one-line "discard what you typed?" question; takes the focus while it is asked."""

    BINDINGS = [
        Binding("y", "screen.discard", "Discard", id="nonstrength.discard"),
        Binding("n,escape", "screen.keep_editing", "Keep writing", id="nonstrength.keep"),
    ]


class NonStrengthModal(KeepsTyping, ModalScreen[NonStrength | None]):
    """Kind, note (required), follow-up, date; ctrl+s saves, escape cancels."""

    DEFAULT_CSS = """
    NonStrengthModal { align: center middle; }
    NonStrengthModal #ns-dialog {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        padding: 0 2; background: $panel; border: round $primary;
    }
    NonStrengthModal .ns-title { text-style: bold; }
    NonStrengthModal .hint { color: $text-muted; }
    NonStrengthModal #ns-kind { border: none; padding: 0; width: 1fr; height: auto; }
    NonStrengthModal #ns-note { height: 5; margin-bottom: 1; }
    NonStrengthModal .ns-row { height: 1; }
    NonStrengthModal .ns-label { width: 11; color: $text-muted; }
    NonStrengthModal .ns-row Input { width: 1fr; }
    NonStrengthModal #ns-date { width: 20; }
    NonStrengthModal #ns-date-shown { width: 1fr; padding: 0 1; color: $text-muted; }
    NonStrengthModal #ns-message { color: $warning; height: auto; }
    NonStrengthModal DiscardQuestion { display: none; background: $warning-muted; }
    NonStrengthModal DiscardQuestion.-asking { display: block; }
    NonStrengthModal #ns-buttons { height: 1; margin-top: 1; }
    NonStrengthModal #ns-buttons Button { margin-right: 2; }
    """

    BINDINGS = [
        Binding(
            "ctrl+s",
            "save",
            "Save note",
            id="nonstrength.save",
            priority=True,
            tooltip="Keep this note on the case",
        ),
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="nonstrength.cancel",
            tooltip="Close without saving (asks first if you typed something)",
        ),
    ]

    form_name = "Safety or health note"

    def __init__(self, today: date, *, kind: NonStrengthKind | None = None) -> None:
        super().__init__()
        self.today = today
        self.initial_kind = kind

    def compose(self) -> ComposeResult:
        with Vertical(id="ns-dialog"):
            yield Static("Not a strength, but it matters", classes="ns-title", markup=False)
            yield Static(
                "Risks to life stay on a banner until the note is closed.",
                classes="hint",
                markup=False,
            )
            with RadioSet(id="ns-kind"):
                for kind, label in KIND_CHOICES:
                    chosen = kind is self.initial_kind
                    yield ChoiceButton(Text(label), value=chosen, name=kind.value)
            yield Label("What was said or seen (needed)", classes="hint")
            yield TextArea(id="ns-note", soft_wrap=True, show_line_numbers=False)
            with Horizontal(classes="ns-row"):
                yield Label("Follow-up", classes="ns-label")
                yield Field(id="ns-follow", compact=True, placeholder="Next step, who, when")
            with Horizontal(classes="ns-row"):
                yield Label("Noted on", classes="ns-label")
                yield Field(self.today.isoformat(), id="ns-date", compact=True)
                yield Static(format_date(self.today), id="ns-date-shown", markup=False)
            yield Static("", id="ns-message", markup=False)
            yield DiscardQuestion("Discard what you typed?  y discards · n keeps writing")
            with Horizontal(id="ns-buttons"):
                yield Button("Save  ctrl+s", id="ns-save", variant="primary", compact=True)
                yield Button("Cancel  esc", id="ns-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#ns-kind", RadioSet).focus()

    # --- reading the form ----------------------------------------------------------------

    def _kind(self) -> NonStrengthKind | None:
        pressed = self.query_one("#ns-kind", RadioSet).pressed_button
        return NonStrengthKind(pressed.name) if pressed is not None and pressed.name else None

    def _typed_something(self) -> bool:
        return bool(
            self.query_one("#ns-note", TextArea).text.strip()
            or self.query_one("#ns-follow", Input).value.strip()
        )

    def _say(self, message: str) -> None:
        self.query_one("#ns-message", Static).update(Text(message))

    @on(Input.Changed, "#ns-date")
    def _date_typed(self, event: Input.Changed) -> None:
        shown = self.query_one("#ns-date-shown", Static)
        try:
            shown.update(format_date(parse_date(event.value, self.today)))
        except DateParseError:
            shown.update("?")

    # --- actions -------------------------------------------------------------------------

    @on(Input.Submitted)
    def _enter_in_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        if self.query_one(DiscardQuestion).has_class("-asking"):
            return
        kind = self._kind()
        note_area = self.query_one("#ns-note", TextArea)
        if kind is None:
            self._say("Choose what kind of note this is (arrows, then space).")
            self.query_one("#ns-kind", RadioSet).focus()
            return
        if not note_area.text.strip():
            self._say("Write a few words about what was said or seen.")
            note_area.focus()
            return
        date_field = self.query_one("#ns-date", Input)
        try:
            noted_on = parse_date(date_field.value, self.today)
        except DateParseError as exc:
            self._say(f"Noted on: {exc}")
            date_field.focus()
            return
        follow_up = self.query_one("#ns-follow", Input).value.strip() or None
        try:
            note = NonStrength(
                kind=kind, note=note_area.text.strip(), noted_on=noted_on, follow_up=follow_up
            )
        except ValidationError:
            self._say("This note could not be kept as it is; your text is still here.")
            return
        self.dismiss(note)

    def action_cancel(self) -> None:
        if not self._typed_something():
            self.dismiss(None)
            return
        question = self.query_one(DiscardQuestion)
        question.add_class("-asking")
        question.focus()

    def action_discard(self) -> None:
        self.dismiss(None)

    def action_keep_editing(self) -> None:
        self.query_one(DiscardQuestion).remove_class("-asking")
        self.query_one("#ns-note", TextArea).focus()

    @on(Button.Pressed, "#ns-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#ns-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()


__all__ = ["KIND_CHOICES", "NON_STRENGTH_TITLES", "NonStrengthModal"]
