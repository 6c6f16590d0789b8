"""A new case from a few facts: enough to begin, the rest comes as the client tells it."""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from sbcm_tui.core.case import Case, Client, ReadingLevel
from sbcm_tui.core.dates import DateParseError, parse_date
from sbcm_tui.core.protocol import available_protocols

READING = [
    ("reads comfortably", ReadingLevel.COMFORTABLE),
    ("some difficulty reading", ReadingLevel.SOME_DIFFICULTY),
    ("does not read", ReadingLevel.DOES_NOT_READ),
]


def parse_age_or_birth_date(text: str, today: date) -> tuple[int | None, date | None]:
    """``34`` is an age; anything else is read as a birth date. Raises ValueError if neither."""
    text = text.strip()
    if not text:
        return None, None
    if text.isdigit():
        age = int(text)
        if not 0 <= age <= 130:
            raise ValueError("an age is between 0 and 130")
        return age, None
    try:
        born = date.fromisoformat(text)
    except ValueError:
        try:
            born = parse_date(text, today)
        except DateParseError:
            raise ValueError("type an age (34) or a birth date (1990-04-12)") from None
    if born > today:
        raise ValueError("a birth date cannot be in the future")
    return None, born


FIELDS = [
    ("preferred_name", "Preferred name *", "what they like to be called"),
    ("pronouns", "Pronouns", "e.g. she/her, they/them"),
    ("age", "Age or birth date", "34  or  1990-04-12"),
    ("living_situation", "Living situation", "in their words, briefly"),
    ("medical_conditions", "Medical conditions", "separate with ;"),
    ("language", "Language", ""),
]


class NewCaseModal(ModalScreen[Case | None]):
    """The short form for a new case. Only the preferred name is required."""

    DEFAULT_CSS = """
    NewCaseModal { align: center middle; }
    NewCaseModal > VerticalScroll {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 2;
    }
    NewCaseModal .title { text-style: bold; margin: 1 0; }
    NewCaseModal .row { height: 1; margin-bottom: 0; }
    NewCaseModal .row:focus-within Label { color: $text; text-style: bold; }
    NewCaseModal .row Label { width: 20; color: $text-muted; }
    NewCaseModal .row Input, NewCaseModal .row Select { width: 1fr; }
    NewCaseModal .row Input { background: $boost; }
    NewCaseModal .error { color: $error; height: auto; }
    NewCaseModal .hint { color: $text-muted; }
    NewCaseModal .buttons { height: auto; margin: 1 0; }
    NewCaseModal Button { margin-right: 2; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="new_case.cancel"),
        Binding("ctrl+s", "create", "Create", id="new_case.create", priority=True),
    ]

    def __init__(self, protocol: str, *, today: date) -> None:
        super().__init__()
        self.protocol = protocol
        self.today = today

    def compose(self) -> ComposeResult:
        protocols = available_protocols()
        if self.protocol not in protocols:
            protocols = [self.protocol, *protocols]
        with VerticalScroll():
            yield Static("New case: a few facts to begin", classes="title")
            for field_id, label, placeholder in FIELDS:
                with Horizontal(classes="row"):
                    yield Label(label)
                    yield Input(id=field_id, placeholder=placeholder, compact=True)
            with Horizontal(classes="row"):
                yield Label("Reading")
                yield Select(READING, id="reading_level", prompt="not asked yet", compact=True)
            with Horizontal(classes="row"):
                yield Label("Protocol")
                yield Select(
                    [(name, name) for name in protocols],
                    id="protocol",
                    value=self.protocol,
                    allow_blank=False,
                    compact=True,
                )
            yield Static("", id="error", classes="error", markup=False)
            yield Static(
                "Only the name is needed now; the rest can wait. ctrl+s creates, esc cancels.",
                classes="hint",
            )
            with Horizontal(classes="buttons"):
                yield Button("Create  ctrl+s", id="create", variant="primary", compact=True)
                yield Button("Cancel  esc", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#preferred_name", Input).focus()

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#create")
    def action_create(self) -> None:
        case = self._build()
        if case is not None:
            self.dismiss(case)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def _value(self, field: str) -> str | None:
        text = self.query_one(f"#{field}", Input).value.strip()
        return text or None

    def _build(self) -> Case | None:
        error = self.query_one("#error", Static)
        name = self._value("preferred_name")
        if name is None:
            error.update("A preferred name is needed to start a case.")
            self.query_one("#preferred_name").focus()
            return None
        try:
            age, born = parse_age_or_birth_date(self._value("age") or "", self.today)
        except ValueError as exc:
            error.update(f"Age or birth date: {exc}.")
            self.query_one("#age").focus()
            return None
        conditions = [c.strip() for c in (self._value("medical_conditions") or "").split(";")]
        reading = self.query_one("#reading_level", Select).value
        try:
            client = Client(
                preferred_name=name,
                pronouns=self._value("pronouns"),
                age=age,
                birth_date=born,
                living_situation=self._value("living_situation"),
                medical_conditions=[c for c in conditions if c],
                language=self._value("language"),
                reading_level=None if reading is Select.NULL else reading,
            )
            protocol = self.query_one("#protocol", Select).value
            return Case(client=client, protocol=str(protocol))
        except ValidationError as exc:
            first = exc.errors(include_input=False)[0]
            where = ".".join(str(p) for p in first["loc"])
            error.update(f"{where}: {first['msg']}")
            return None
