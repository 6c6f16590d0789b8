"""Documents as Markdown that reads the same on GitHub, GitLab, Obsidian, VS Code or pandoc.

Client text is free text, and Markdown reads meaning into punctuation: ``*`` and ``_`` make
emphasis, ``[`` starts a link, ``<`` raw HTML, ``#`` a heading, ``|`` a table cell, a leading
``-`` or ``1.`` a list, ``$`` maths on some viewers. Every such character in any text (ours too)
is backslash-escaped, which CommonMark defines for all ASCII punctuation, so what a client said
is shown exactly as they said it. Line breaks inside client text become hard line breaks, and
blank lines inside it are dropped so that a note can never end the list it sits in. Two lists
in a row alternate their bullet (``-``, ``*``), or CommonMark would join them into one.
"""

from __future__ import annotations

import re

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
    Table,
    one_line,
    text_lines,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&$])")
_LEADING_NUMBER = re.compile(r"^(\d+)([.)])")
_HARD_BREAK = "\\\n"
_STYLE_MARK = {"strong": "**", "em": "*"}


def escape_line(text: str) -> str:
    """One line of text made literal: every character Markdown would act on is escaped."""
    text = _SPECIAL.sub(r"\\\1", text)
    text = _LEADING_NUMBER.sub(r"\1\\\2", text)
    if text[:1] in ("-", "+", "="):
        text = "\\" + text
    return text


def _inline(parts: Line, indent: str = "") -> str:
    """A line of text and emphasis; client line breaks become hard breaks at ``indent``."""
    out: list[str] = []
    for part in parts:
        if isinstance(part, Span):
            words = one_line(part.text)
            if words:
                mark = _STYLE_MARK[part.style]
                out.append(f"{mark}{escape_line(words)}{mark}")
        else:
            if part[:1].isspace() and out:
                out.append(" ")
            out.append((_HARD_BREAK + indent).join(escape_line(x) for x in text_lines(part)))
            if part[-1:].isspace() and part.strip():
                out.append(" ")
    return "".join(out).strip()


def _items(items: tuple[Item, ...], indent: str, bullet: str) -> list[str]:
    lines: list[str] = []
    for item in items:
        lines.append(f"{indent}{bullet} {_inline(item.parts, indent + '  ')}")
        lines.extend(_items(item.children, indent + "  ", bullet))
    return lines


def _table(table: Table) -> list[str]:
    def row(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(escape_line(one_line(c)) or " " for c in cells) + " |"

    return [row(table.columns), "|" + "|".join(" --- " for _ in table.columns) + "|"] + [
        row(r) for r in table.rows
    ]


def _block(block: Block, bullet: str) -> list[str]:
    if isinstance(block, Paragraph):
        return [_inline(block.parts)]
    if isinstance(block, Heading):
        return [f"### {escape_line(one_line(block.text))}"]
    if isinstance(block, ItemList):
        return _items(block.items, "", bullet)
    if isinstance(block, Fields):
        return [
            f"{bullet} **{escape_line(label)}:** {_inline(value, '  ')}"
            for label, value in block.rows
        ]
    return _table(block)


def render_markdown(document: Document) -> bytes:
    """The document as UTF-8 Markdown (CommonMark, with a GitHub-style table where one helps)."""
    lines = [f"# {escape_line(one_line(document.title))}", ""]
    if document.notice:
        lines += [f"> {_inline((document.notice,), '> ')}", ""]
    if document.meta:
        meta = [f"**{escape_line(label)}:** {_inline((value,))}" for label, value in document.meta]
        lines += [_HARD_BREAK.join(meta), ""]
    for part in document.sections:
        lines += [f"## {escape_line(one_line(part.title))}", ""]
        bullet = ""
        for block in part.blocks:
            # Two lists in a row with the same bullet would be read as one list: alternate.
            is_list = isinstance(block, ItemList | Fields)
            bullet = ("*" if bullet == "-" else "-") if is_list else ""
            lines += [*_block(block, bullet or "-"), ""]
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")
