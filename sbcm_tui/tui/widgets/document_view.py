"""An export document drawn on screen: the same sections and lines a file of it holds.

A screen that shows what can also be exported (the practice feedback) draws the
:class:`~sbcm_tui.exports.document.Document` the export renders, instead of its own text, so
the screen and the paper can never say different things. Section titles are bold, emphasis
is kept, and every word is plain text (``Content``, never markup): a client who typed
``[b]`` sees ``[b]``.

The document's title, notice and meta are left to the screen around it, which already has a
title bar and the PRACTICE mark.
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from sbcm_tui.exports.document import (
    Block,
    Document,
    Fields,
    Heading,
    Item,
    ItemList,
    Line,
    Paragraph,
    Span,
    one_line,
    printable,
)

_STYLES = {"strong": "bold", "em": "italic"}
INDENT = 2
"""Columns each list level is set in, under its section title."""


def line_content(parts: Line) -> Content:
    """One line of a document as plain text with its emphasis (never read as markup)."""
    pieces: list[str | tuple[str, str]] = [
        (one_line(part.text), _STYLES[part.style]) if isinstance(part, Span) else printable(part)
        for part in parts
    ]
    if pieces and isinstance(pieces[0], str):  # as on paper: no blanks around a line
        pieces[0] = pieces[0].lstrip()
    return Content.assemble(*pieces).rstrip()


def _line(content: Content, depth: int = 1) -> Static:
    line = Static(content, classes="document-line")
    line.styles.padding = (0, 0, 0, INDENT * depth)
    return line


def _items(items: tuple[Item, ...], depth: int) -> list[Static]:
    out: list[Static] = []
    for item in items:
        out.append(_line(line_content(item.parts), depth))
        out += _items(item.children, depth + 1)
    return out


def block_widgets(block: Block) -> list[Static]:
    """The lines of one block: a list entry, a field, a table row or a paragraph to a line."""
    if isinstance(block, Paragraph):
        return [_line(line_content(block.parts))]
    if isinstance(block, Heading):
        return [Static(Content(one_line(block.text)), classes="document-subhead")]
    if isinstance(block, ItemList):
        return _items(block.items, 1)
    if isinstance(block, Fields):
        return [
            _line(line_content((Span(f"{label}:"), " ", *value))) for label, value in block.rows
        ]
    header = _line(Content.assemble((" · ".join(map(one_line, block.columns)), "bold")))
    return [header, *(_line(Content(" · ".join(map(one_line, row)))) for row in block.rows)]


def document_widgets(document: Document) -> list[Static]:
    """Every section of the document: its title, then its blocks, in the document's order."""
    widgets: list[Static] = []
    for section in document.sections:
        widgets.append(Static(Content(one_line(section.title)), classes="document-head"))
        for block in section.blocks:
            widgets += block_widgets(block)
    return widgets


class DocumentView(VerticalScroll):
    """A scrolling body showing one document's sections (see :meth:`show`)."""

    DEFAULT_CSS = """
    DocumentView .document-head { text-style: bold; color: $accent; margin-top: 1; }
    DocumentView .document-subhead { text-style: bold; padding-left: 2; }
    DocumentView .document-line { color: $text; }
    """

    async def show(self, document: Document) -> None:
        """Replace what is shown with ``document``."""
        await self.remove_children()
        await self.mount_all(document_widgets(document))
