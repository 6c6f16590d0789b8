"""The shape every export takes before it becomes Markdown, HTML, JSON or TOML.

A builder (staffing summary, strengths handout, progress note, full case) decides *what* goes on
paper and in which order; it produces a :class:`Document` of plain text in a few block types.
A renderer decides *how* it looks. Keeping the two apart means every format of one kind says the
same thing, and escaping client text is done once per format, in one place, for every kind.

Everything in a document is plain text: a renderer escapes all of it, labels included, so no
client word can ever be read as markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from sbcm_tui.core.untrusted import UNSEEN

_UNPRINTABLE = UNSEEN
"""Controls, and the bidi controls that would reorder a printed line (core/untrusted.py)."""


@dataclass(frozen=True, slots=True)
class Span:
    """A short run of text with emphasis: a label in bold, a quiet aside in italics."""

    text: str
    style: Literal["strong", "em"] = "strong"


Inline = str | Span
Line = tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Running text; client text keeps its line breaks."""

    parts: Line


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading inside a section (a life domain, a goal, a contact)."""

    text: str


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of a list, with the entries under it (objectives under a goal, and so on)."""

    parts: Line
    children: tuple[Item, ...] = ()


@dataclass(frozen=True, slots=True)
class ItemList:
    """A bulleted list."""

    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class Fields:
    """Labelled values, one per row: the few facts, a contact's date and length."""

    rows: tuple[tuple[str, Line], ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A small grid of short values; a renderer folds line breaks inside a cell."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Paragraph | Heading | ItemList | Fields | Table


@dataclass(frozen=True, slots=True)
class Section:
    """A titled part of a document; ``key`` is a stable name for tools reading JSON or TOML."""

    key: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Document:
    """One export, ready to render.

    ``notice`` is a line shown above everything else (a practice case, who the paper is for);
    ``large_print`` asks for bigger type (a handout for a client who does not read easily)."""

    kind: str
    title: str
    meta: tuple[tuple[str, str], ...]
    sections: tuple[Section, ...]
    notice: str | None = None
    large_print: bool = False


# --- helpers builders share ------------------------------------------------------------------


def printable(text: str) -> str:
    """Text without control characters (a pasted NUL or form feed), tabs as spaces.

    Case files may hold any character; a printed page or a Markdown viewer should not."""
    return _UNPRINTABLE.sub("\ufffd", text.replace("\t", " "))


def text_lines(text: str) -> list[str]:
    """The non-blank lines of some text, each trimmed: how client text is laid out on paper."""
    return [line.strip() for line in printable(text).split("\n") if line.strip()]


def trimmed(text: str | None) -> str:
    """Text without control characters or surrounding blanks; "" for None. Builders test and
    show client text through this, so a note of only blanks counts as no note."""
    return printable(text or "").strip()


def in_brackets(text: str | None) -> str:
    """`` (text)`` after what it qualifies (who does a step), or "" when there is no text."""
    shown = trimmed(text)
    return f" ({shown})" if shown else ""


def one_line(text: str) -> str:
    """Text folded onto one line, for headings and table cells."""
    return " ".join(printable(text).split())


def plain(parts: Line) -> str:
    """A line's text without emphasis (for JSON and TOML, and for tests)."""
    return "".join(p if isinstance(p, str) else p.text for p in parts)


def labelled(label: str, *parts: Inline) -> Line:
    """``Label: rest``, the label in bold."""
    return (Span(f"{label}:"), " ", *parts)


def aside(text: str) -> tuple[Inline, ...]:
    """`` (text)`` in italics after what it qualifies; nothing when there is no text."""
    return (" ", Span(f"({text})", "em")) if text else ()


BLANK_ENTRY = "(left blank)"
"""What a list entry with no words says (a strategy saved as only a line break): an empty
bullet reads as a slip of the printer, and Markdown cannot even write one under another."""


def bullet(*parts: Inline, children: Iterable[Item] = ()) -> Item:
    """A list entry."""
    kept = tuple(p for p in parts if p != "")
    if not any((p.text if isinstance(p, Span) else p).strip() for p in kept):
        kept = (BLANK_ENTRY,)
    return Item(kept, tuple(children))


def section(key: str, title: str, blocks: Iterable[Block], *, empty: str) -> Section:
    """A section; when it has nothing to show, one calm line saying so instead of a bare title."""
    kept = tuple(blocks)
    return Section(key, title, kept or (Paragraph((empty,)),))


def facts(rows: Iterable[tuple[str, Inline | None]]) -> Fields:
    """A Fields block of the rows that have a value."""
    return Fields(tuple((label, (value,)) for label, value in rows if value not in (None, "")))
