"""The small phrases every export shares: dates, enum values as words, quotes, the protocol's
titles, so a staffing summary and a progress note name things the same way."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sbcm_tui.core.case import Case, ContactMedium, TaskOwner
from sbcm_tui.core.dates import format_date
from sbcm_tui.exports.document import printable

PRACTICE_NOTICE = "Practice case: a role-play, not a real person."

MEDIUM_WORDS = {
    ContactMedium.IN_PERSON: "in person",
    ContactMedium.PHONE: "by phone",
    ContactMedium.VIDEO: "by video",
    ContactMedium.OUTREACH: "outreach visit",
}

OWNER_WORDS = {TaskOwner.CASE_MANAGER: "Case manager", TaskOwner.CLIENT: "Client"}


def term(value: StrEnum) -> str:
    """An enum value as words: ``in_progress`` → "in progress"."""
    return term_text(value.value)


def term_text(value: str) -> str:
    """A plain-string code as words: ``open_question`` → "open question"."""
    return value.replace("_", " ")


def day(value: date | None, missing: str = "no date") -> str:
    """A date as screens show it ("Tue 1 Dec 2026"), or what to say when there is none."""
    return format_date(value) if value is not None else missing


def quote(words: str) -> str:
    """Client words in quotation marks, so nobody mistakes them for the worker's."""
    return f"“{printable(words).strip()}”"


def minutes(count: int | None) -> str:
    """A contact's length."""
    if count is None:
        return "not recorded"
    return "1 minute" if count == 1 else f"{count} minutes"


def protocol_titles(case: Case) -> tuple[str, dict[int, str], dict[tuple[int, str], str]]:
    """The case's protocol title, its contact titles and step titles, from the shipped scripts.

    A case may follow a protocol this installation lacks: then everything is left to the
    caller's plain fallbacks (step ids as words), and the export still works."""
    from sbcm_tui.files.protocols import ProtocolError, load_protocol

    try:
        protocol = load_protocol(case.protocol)
    except (ProtocolError, OSError):
        return case.protocol.replace("-", " "), {}, {}
    contacts = {c.number: c.title for c in protocol.contacts}
    steps = {(c.number, s.id): s.title for c in protocol.contacts for s in c.steps}
    return protocol.title, contacts, steps


def step_words(step_id: str) -> str:
    """A step id as words, when the protocol does not name it."""
    words = step_id.replace("_", " ").replace("-", " ")
    return words[:1].upper() + words[1:]
