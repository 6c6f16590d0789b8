"""The few facts about a client, as one table: how each is asked for, read, checked and shown.

The new-case form, the case's Overview, the staffing review and the exports all go through
:data:`CLIENT_FACTS`, so a new fact is one entry here plus its field on
:class:`~sbcm_tui.core.case.Client`. Limits (a name's length, an age's range) are stated once,
in the model: :class:`~sbcm_tui.core.case.Client` validates on assignment, and :func:`write_fact`
turns a refusal into a sentence for the field, leaving the client as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pydantic import ValidationError

from sbcm_tui.core.case import Client, ReadingLevel
from sbcm_tui.core.dates import DateParseError, format_date, parse_date


class Surface(StrEnum):
    """Where a fact is asked for or shown."""

    NEW_CASE = "new_case"
    """The short form that starts a case."""
    OVERVIEW = "overview"
    """The case screen's Overview, editable."""
    STAFFING = "staffing"
    """The few facts of the staffing review, on screen and on paper."""
    RECORD = "record"
    """The full export: everything held about the client."""


EVERYWHERE = frozenset(Surface)


class FactError(ValueError):
    """What typed text cannot be, said for the person typing it (never quoting it)."""


@dataclass(frozen=True, slots=True)
class ClientFact:
    """One fact: its label and hint, how to read it into a field, check and keep what is typed,
    and show it to a reader."""

    key: str
    label: str
    """How a form asks for it ("Age or birth date")."""
    hint: str
    read: Callable[[Client], str]
    """The fact as it is typed in a field ("" when not known)."""
    write: Callable[[Client, str, date], None]
    """Keep typed text in the client; FactError (the client unchanged) when it cannot be."""
    show: Callable[[Client, date], str | None]
    """The fact for a reader (None when not known)."""
    surfaces: frozenset[Surface] = EVERYWHERE
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    """For a fact chosen from a list: (what the worker sees, the value kept)."""
    record: Callable[[Client], list[tuple[str, str | None]]] | None = None
    """Rows for the full export when they differ from (heading, show): every stored field."""
    reader_label: str | None = None
    """How a reader's page names it ("Age"), when not as the form does."""

    @property
    def heading(self) -> str:
        """The fact's name on a review or a page."""
        return self.reader_label or self.label

    def on(self, surface: Surface) -> bool:
        return surface in self.surfaces


def _assign(client: Client, **values: object) -> None:
    """Set fields through the model's own checks, all or none."""
    before = {name: getattr(client, name) for name in values}
    try:
        for name, value in values.items():
            setattr(client, name, value)
    except ValidationError as exc:
        for name, value in before.items():
            object.__setattr__(client, name, value)
        first = exc.errors(include_input=False, include_url=False)[0]
        raise FactError(_plain(first["msg"])) from None


def _plain(message: str) -> str:
    """Pydantic's wording, made to read as the end of a sentence about a field."""
    message = message.removeprefix("Value error, ")
    replacements = {
        "String should have at least 1 character": "it cannot be empty",
        "String should have at most": "it can be at most",
        "Input should be less than or equal to": "it can be at most",
        "Input should be greater than or equal to": "it must be at least",
    }
    for old, new in replacements.items():
        if message.startswith(old):
            return new + message[len(old) :]
    return message[:1].lower() + message[1:]


def _text_fact(key: str, label: str, hint: str, **options: object) -> ClientFact:
    """A fact kept as free text, or None when the field is emptied."""

    def read(client: Client) -> str:
        return getattr(client, key) or ""

    def write(client: Client, text: str, today: date) -> None:
        _assign(client, **{key: text.strip() or None})

    def show(client: Client, today: date) -> str | None:
        return getattr(client, key) or None

    return ClientFact(key, label, hint, read, write, show, **options)  # type: ignore[arg-type]


# --- the name ------------------------------------------------------------------------------


def _write_name(client: Client, text: str, today: date) -> None:
    if not text.strip():
        raise FactError("it cannot be empty, so the last one is kept until you type one")
    _assign(client, preferred_name=text.strip())


# --- age or birth date ---------------------------------------------------------------------


def parse_age_or_birth_date(text: str, today: date) -> tuple[int | None, date | None]:
    """``34`` is an age; anything else is read as a birth date. FactError if neither."""
    text = text.strip()
    if not text:
        return None, None
    if text.isdigit():
        return int(text), None  # its range is the model's to check
    try:
        born = date.fromisoformat(text)
    except ValueError:
        try:
            born = parse_date(text, today)
        except DateParseError:
            raise FactError("type an age (34) or a birth date (1990-04-12)") from None
    if born > today:
        raise FactError("a birth date cannot be in the future")
    return None, born


def _read_age(client: Client) -> str:
    if client.birth_date is not None:
        return client.birth_date.isoformat()
    return "" if client.age is None else str(client.age)


def _write_age(client: Client, text: str, today: date) -> None:
    age, born = parse_age_or_birth_date(text, today)
    _assign(client, age=age, birth_date=born)


def _show_age(client: Client, today: date) -> str | None:
    age = client.age_on(today)
    if age is None:
        return None
    if client.birth_date is not None:
        return f"{age} (born {format_date(client.birth_date)})"
    return str(age)


def _record_age(client: Client) -> list[tuple[str, str | None]]:
    return [
        ("Birth date", format_date(client.birth_date) if client.birth_date else None),
        ("Age recorded", None if client.age is None else str(client.age)),
    ]


# --- medical conditions --------------------------------------------------------------------


def _write_conditions(client: Client, text: str, today: date) -> None:
    _assign(client, medical_conditions=[c.strip() for c in text.split(";") if c.strip()])


def _show_conditions(client: Client, today: date) -> str | None:
    return "; ".join(client.medical_conditions) or None


# --- reading -------------------------------------------------------------------------------

READING_CHOICES = (
    ("reads comfortably", ReadingLevel.COMFORTABLE.value),
    ("some difficulty reading", ReadingLevel.SOME_DIFFICULTY.value),
    ("does not read", ReadingLevel.DOES_NOT_READ.value),
)


def _read_reading(client: Client) -> str:
    return client.reading_level.value if client.reading_level else ""


def _write_reading(client: Client, text: str, today: date) -> None:
    _assign(client, reading_level=ReadingLevel(text) if text else None)


def _show_reading(client: Client, today: date) -> str | None:
    return client.reading_level.value.replace("_", " ") if client.reading_level else None


CLIENT_FACTS: tuple[ClientFact, ...] = (
    ClientFact(
        "preferred_name",
        "Preferred name",
        "what they like to be called",
        lambda c: c.preferred_name,
        _write_name,
        lambda c, today: c.preferred_name,
        required=True,
        reader_label="Name",
    ),
    _text_fact("pronouns", "Pronouns", "e.g. she/her, they/them"),
    ClientFact(
        "age",
        "Age or birth date",
        "34  or  1990-04-12",
        _read_age,
        _write_age,
        _show_age,
        record=_record_age,
        reader_label="Age",
    ),
    _text_fact("living_situation", "Living situation", "in their words, briefly"),
    ClientFact(
        "medical_conditions",
        "Medical conditions",
        "separate with ;",
        lambda c: "; ".join(c.medical_conditions),
        _write_conditions,
        _show_conditions,
    ),
    _text_fact("language", "Language", ""),
    ClientFact(
        "reading_level",
        "Reading",
        "not asked yet",
        _read_reading,
        _write_reading,
        _show_reading,
        choices=READING_CHOICES,
    ),
    _text_fact(
        "how_to_reach",
        "How to reach them",
        "phone, a place, a person",
        surfaces=frozenset({Surface.OVERVIEW, Surface.RECORD}),
        reader_label="How to reach",
    ),
)
"""Every client fact, in the order forms ask for them and reviews show them."""

FACTS_BY_KEY = {fact.key: fact for fact in CLIENT_FACTS}


def facts_on(surface: Surface) -> tuple[ClientFact, ...]:
    """The facts a surface asks for or shows, in table order."""
    return tuple(fact for fact in CLIENT_FACTS if fact.on(surface))


def write_fact(client: Client, key: str, text: str, today: date) -> None:
    """Keep what was typed for one fact; FactError (the client unchanged) when it cannot be."""
    FACTS_BY_KEY[key].write(client, text, today)


def new_client(typed: dict[str, str], today: date) -> Client:
    """A client from a new-case form's fields; FactError names the first fact that is wrong
    (``args[1]`` is its key), so the form can say so beside it and keep every word typed."""
    name = typed.get("preferred_name", "").strip()
    if not name:
        raise FactError("a preferred name is needed to start a case", "preferred_name")
    client = Client(preferred_name=name)
    for fact in facts_on(Surface.NEW_CASE):
        if fact.key == "preferred_name" or not typed.get(fact.key, "").strip():
            continue
        try:
            fact.write(client, typed[fact.key], today)
        except FactError as exc:
            raise FactError(f"{fact.label}: {exc}", fact.key) from None
    return client


@dataclass(frozen=True, slots=True)
class ShownFact:
    """One row of facts as a reader sees it."""

    key: str
    label: str
    text: str | None
    """None when the fact is not known."""


def shown_facts(client: Client, today: date, surface: Surface) -> tuple[ShownFact, ...]:
    """Each fact a surface shows, as a reader sees it, in table order (the full export gets
    every stored field: a birth date and an age recorded are two rows there)."""
    rows: list[ShownFact] = []
    for fact in facts_on(surface):
        if surface is Surface.RECORD and fact.record is not None:
            rows += [ShownFact(fact.key, label, text) for label, text in fact.record(client)]
        else:
            rows.append(ShownFact(fact.key, fact.heading, fact.show(client, today)))
    return tuple(rows)
