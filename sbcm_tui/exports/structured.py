"""Documents as JSON or TOML: the same words as the printed export, for another tool to read.

What a structured export of a staffing summary, handout or progress note holds is the document
itself, not the case: its kind, title, the lines under the title, and its sections in order,
each with a stable ``key`` (``strengths``, ``data``, ``plan``, ...) and its blocks as plain
text. So a tool that pastes a progress note into an agency's record gets exactly what the
worker would print, and the strengths handout in JSON is as free of worker-only information as
on paper. (The full export in JSON or TOML is the case file itself; see ``exports.render``.)

Layout, version 1::

    {"export": "progress-note", "format_version": 1, "title": "...", "notice": "...",
     "meta": [{"label": "...", "value": "..."}],
     "sections": [{"key": "data", "title": "Data", "blocks": [
        {"type": "paragraph", "text": "..."},
        {"type": "heading", "text": "..."},
        {"type": "list", "items": [{"text": "...", "items": [...]}]},
        {"type": "fields", "fields": [{"label": "...", "value": "..."}]},
        {"type": "table", "columns": ["..."], "rows": [["..."]]}]}]}

``notice`` is left out when there is none (TOML has no null).
"""

from __future__ import annotations

import json
from typing import Any

import tomli_w

from sbcm_tui.core.untrusted import escaped_unseen
from sbcm_tui.exports.document import (
    Block,
    Document,
    Fields,
    Heading,
    Item,
    ItemList,
    Paragraph,
    plain,
)

FORMAT_VERSION = 1


def _item(item: Item) -> dict[str, Any]:
    return {"text": plain(item.parts), "items": [_item(child) for child in item.children]}


def _block(block: Block) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        return {"type": "paragraph", "text": plain(block.parts)}
    if isinstance(block, Heading):
        return {"type": "heading", "text": block.text}
    if isinstance(block, ItemList):
        return {"type": "list", "items": [_item(item) for item in block.items]}
    if isinstance(block, Fields):
        fields = [{"label": label, "value": plain(value)} for label, value in block.rows]
        return {"type": "fields", "fields": fields}
    return {"type": "table", "columns": list(block.columns), "rows": [list(r) for r in block.rows]}


def document_data(document: Document) -> dict[str, Any]:
    """The document as plain data (dicts, lists, strings, numbers)."""
    data: dict[str, Any] = {
        "export": document.kind,
        "format_version": FORMAT_VERSION,
        "title": document.title,
    }
    if document.notice:
        data["notice"] = document.notice
    data["meta"] = [{"label": label, "value": value} for label, value in document.meta]
    data["sections"] = [
        {"key": s.key, "title": s.title, "blocks": [_block(b) for b in s.blocks]}
        for s in document.sections
    ]
    return data


def render_json(document: Document) -> bytes:
    """The document as indented UTF-8 JSON."""
    text = json.dumps(document_data(document), indent=2, ensure_ascii=False)
    return (escaped_unseen(text) + "\n").encode("utf-8")


def render_toml(document: Document) -> bytes:
    """The document as TOML (long texts as multi-line strings)."""
    text = tomli_w.dumps(document_data(document), multiline_strings=True)
    return escaped_unseen(text).encode("utf-8")
