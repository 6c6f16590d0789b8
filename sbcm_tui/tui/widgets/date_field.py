"""A date field a worker can type into mid-session: ``2026-12-01``, ``+2w``, ``fri``, ``12/01``.

:class:`DateField` is an :class:`~textual.widgets.Input` that reads its text with
:func:`sbcm_tui.core.dates.parse_date`. It never rewrites what was typed: an entry it cannot read
stays in the field, the field turns red and ``value_date`` is None. Empty means "no date".

:class:`DateInput` is the field with its hint line underneath ("→ Fri 4 Dec 2026, in 9 days",
or why the entry is not a date). The hint sits *below* rather than beside the field because a
step pane is only about 54 columns wide at 80x24. Forms use ``DateInput``; ``DateField`` alone
suits places that show the hint some other way (its ``hint`` property gives the words).
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.validation import ValidationResult, Validator
from textual.widgets import Input, Static

from sbcm_tui.core.dates import HINT, DateParseError, describe_due, format_date, parse_date
from sbcm_tui.tui.widgets.field import Field


def read_date(text: str, today: date) -> tuple[date | None, str | None]:
    """``(date, None)`` when the text is a date, ``(None, None)`` when blank, else
    ``(None, why)``."""
    if not text.strip():
        return None, None
    try:
        return parse_date(text, today), None
    except DateParseError as exc:
        return None, str(exc)


def date_hint(day: date, today: date) -> str:
    """The quiet line under a date field: "→ Fri 4 Dec 2026, in 9 days"."""
    relative = describe_due(day, today)
    if day < today and relative != "yesterday":
        relative = relative.replace(" overdue", " ago")
    return f"→ {format_date(day)}, {relative}"


class _ReadsAsDate(Validator):
    """Lets Input's own validation styling (the red border) follow the date rules."""

    def __init__(self, field: DateField) -> None:
        super().__init__()
        self.field = field

    def validate(self, value: str) -> ValidationResult:
        _, error = read_date(value, self.field.today)
        return self.success() if error is None else self.failure(error)


class DateField(Field):
    """An Input for one date, typed in any of the quick forms; blank means no date.

    ``value_date`` is the date understood (None when blank or unreadable); ``is_valid`` is
    False only for text that is not a date. :class:`DateField.DateChanged` is posted when the
    understood date changes, not on every keystroke."""

    class DateChanged(Message):
        """The date the field understands changed (None: blank or not a date)."""

        def __init__(self, field: DateField, value: date | None) -> None:
            super().__init__()
            self.field = field
            self.value = value

        @property
        def control(self) -> DateField:
            return self.field

    def __init__(
        self,
        value: date | None = None,
        *,
        today: date,
        placeholder: str = HINT,
        id: str | None = None,
        classes: str | None = None,
        tooltip: str | None = None,
    ) -> None:
        self.today = today
        self._understood = value
        super().__init__(
            value.isoformat() if value else "",
            placeholder=placeholder,
            validators=[_ReadsAsDate(self)],
            valid_empty=True,
            id=id,
            classes=classes,
            tooltip=tooltip,
        )

    @property
    def value_date(self) -> date | None:
        """The date typed, or None when the field is blank or not a date."""
        return read_date(self.value, self.today)[0]

    @property
    def error(self) -> str | None:
        """Why the text is not a date, or None when it is one (or blank)."""
        return read_date(self.value, self.today)[1]

    @property
    def hint(self) -> str:
        """What to show beside the field: the understood date, the problem, or nothing."""
        day, error = read_date(self.value, self.today)
        if error is not None:
            return error
        return date_hint(day, self.today) if day else ""

    def set_date(self, day: date | None) -> None:
        """Show a date (ISO, so it reads back the same), or clear the field."""
        self.value = day.isoformat() if day else ""

    def watch_value(self, value: str) -> None:
        # Runs after Input's own watcher, which validated and posted Input.Changed.
        understood = read_date(value, self.today)[0]
        if understood != self._understood:
            self._understood = understood
            self.post_message(self.DateChanged(self, understood))


class DateInput(Vertical):
    """A :class:`DateField` with its hint line below it; forwards the field's date API."""

    DEFAULT_CSS = """
    DateInput {
        height: auto;
    }
    DateInput > .date-hint {
        color: $text-muted;
        padding: 0 1;
        min-height: 1;
    }
    DateInput > .date-hint.-error {
        color: $error;
    }
    """

    def __init__(
        self,
        value: date | None = None,
        *,
        today: date,
        id: str | None = None,
        classes: str | None = None,
        field_id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.field = DateField(value, today=today, id=field_id)
        self._hint = Static("", classes="date-hint", markup=False)

    def compose(self) -> ComposeResult:
        yield self.field
        yield self._hint

    def on_mount(self) -> None:
        self._show_hint()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input is self.field:
            self._show_hint()

    def _show_hint(self) -> None:
        self._hint.update(self.field.hint)
        self._hint.set_class(self.field.error is not None, "-error")

    @property
    def hint_text(self) -> str:
        """The words the hint line shows now."""
        return self.field.hint

    @property
    def today(self) -> date:
        return self.field.today

    @property
    def value_date(self) -> date | None:
        return self.field.value_date

    @property
    def is_valid(self) -> bool:
        """False only when the text typed is not a date."""
        return self.field.error is None

    def set_date(self, day: date | None) -> None:
        self.field.set_date(day)
