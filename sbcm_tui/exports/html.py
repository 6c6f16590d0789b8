"""Documents as one self-contained HTML file that prints cleanly on A4 and on US Letter.

Self-contained means nothing is fetched: the styles are inline, there are no scripts, fonts,
images or links, and a Content-Security-Policy says so to the browser as well, so opening an
export never tells anyone on the network that it was opened. Every piece of text is escaped
with :func:`html.escape` (quotes too); line breaks inside client text become ``<br>``.

Every run of text is also isolated in ``<bdi>``: a name or a note written right to left (Arabic,
Hebrew) then keeps its direction to itself, and cannot move the label, the date or the number
beside it on the printed line. (Bidi control characters themselves never reach a document:
exports/document.py shows them as a replacement mark.)

Printing: ``@page`` sets margins only, never a paper size, so the printer's own paper is used;
15 mm sides leave 180 mm of text on A4 and 186 mm on Letter, and nothing on the page is wider
than that. Headings stay with what follows them, and list entries and table rows are not split
across pages.
"""

from __future__ import annotations

from html import escape

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

STYLE = """
:root { color-scheme: light; }
html { font-size: 16px; }
body {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  line-height: 1.45; color: #1a1a1a; background: #fff;
  max-width: 46rem; margin: 2rem auto; padding: 0 1.25rem;
}
body.large-print { font-size: 1.25rem; max-width: 52rem; }
h1 { font-size: 1.6em; margin: 0 0 0.3em; }
h2 { font-size: 1.25em; margin: 1.4em 0 0.4em; border-bottom: 1px solid #999; }
h3 { font-size: 1.05em; margin: 1em 0 0.3em; }
p, ul, table { margin: 0.4em 0 0.8em; }
ul { padding-left: 1.4em; }
li { margin: 0.15em 0; }
.notice { border: 1px solid #999; padding: 0.4em 0.7em; font-weight: 600; }
.meta { color: #333; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.25em 0.5em; border: 1px solid #bbb; }
table.fields th { width: 30%; font-weight: 600; background: #f3f3f3; }
thead th { background: #f3f3f3; }
td, li, p { overflow-wrap: anywhere; }
@page { margin: 16mm 15mm; }
@media print {
  html { font-size: 11pt; }
  body { max-width: none; margin: 0; padding: 0; color: #000; }
  body.large-print { font-size: 14pt; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  li, tr, .notice { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  th, td, h2 { border-color: #666; }
  table.fields th, thead th { background: none; }
  /* The staffing summary is one sheet a case: small type, two columns, narrow margins. */
  body.staffing { page: staffing; font-size: 8pt; line-height: 1.15; }
  body.staffing.large-print { font-size: 11pt; }
  body.staffing h1 { font-size: 1.3em; display: inline; margin-right: 0.8em; }
  body.staffing h2 { font-size: 1.05em; margin: 0.4em 0 0.1em; }
  body.staffing h3 { font-size: 1em; margin: 0.35em 0 0.1em; }
  body.staffing p, body.staffing ul, body.staffing table { margin: 0.15em 0 0.35em; }
  body.staffing ul { padding-left: 1.1em; }
  body.staffing li { margin: 0; }
  body.staffing th, body.staffing td { padding: 0.05em 0.3em; }
  body.staffing main { column-count: 2; column-gap: 6mm; }
  body.staffing .meta br { display: none; }
  body.staffing .meta strong { margin-left: 0.9em; }
  body.staffing .notice { display: inline-block; padding: 0.1em 0.5em; margin: 0; }
  body.staffing table.fields th { width: 24%; }
  body.staffing section#strengths { column-span: all; }
}
@page staffing { margin: 8mm 10mm; }
""".strip()

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'"


def _bdi(text: str) -> str:
    """One run of text, escaped and isolated (its direction is its own)."""
    return f"<bdi>{escape(text, quote=False)}</bdi>"


def _text(text: str) -> str:
    """Escaped, isolated text with its line breaks kept."""
    return "<br>\n".join(_bdi(line) for line in text_lines(text))


def _inline(parts: Line) -> str:
    out: list[str] = []
    for part in parts:
        if isinstance(part, Span):
            tag = "strong" if part.style == "strong" else "em"
            out.append(f"<{tag}>{_bdi(one_line(part.text))}</{tag}>")
        else:
            lead = " " if part[:1].isspace() else ""
            trail = " " if part[-1:].isspace() and part.strip() else ""
            out.append(lead + _text(part) + trail)
    return "".join(out).strip()


def _items(items: tuple[Item, ...]) -> list[str]:
    lines = ["<ul>"]
    for item in items:
        body = _inline(item.parts)
        if item.children:
            lines += [f"<li>{body}", *_items(item.children), "</li>"]
        else:
            lines.append(f"<li>{body}</li>")
    return [*lines, "</ul>"]


def _table(table: Table) -> list[str]:
    head = "".join(f'<th scope="col">{escape(one_line(c))}</th>' for c in table.columns)
    rows = ["<tr>" + "".join(f"<td>{_text(c)}</td>" for c in row) + "</tr>" for row in table.rows]
    return ["<table>", f"<thead><tr>{head}</tr></thead>", "<tbody>", *rows, "</tbody>", "</table>"]


def _fields(rows: tuple[tuple[str, Line], ...]) -> list[str]:
    body = [
        f'<tr><th scope="row">{escape(label)}:</th><td>{_inline(value)}</td></tr>'
        for label, value in rows
    ]
    return ['<table class="fields">', "<tbody>", *body, "</tbody>", "</table>"]


def _block(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        return [f"<p>{_inline(block.parts)}</p>"]
    if isinstance(block, Heading):
        return [f"<h3>{_bdi(one_line(block.text))}</h3>"]
    if isinstance(block, ItemList):
        return _items(block.items)
    if isinstance(block, Fields):
        return _fields(block.rows)
    return _table(block)


def render_html(document: Document) -> bytes:
    """The document as one UTF-8 HTML5 file with its own print styles."""
    title = escape(one_line(document.title))
    body_class = f"{document.kind} large-print" if document.large_print else document.kind
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>\n{STYLE}\n</style>",
        "</head>",
        f'<body class="{escape(body_class)}">',
        "<header>",
        f"<h1>{_bdi(one_line(document.title))}</h1>",
    ]
    if document.notice:
        lines.append(f'<p class="notice">{_text(document.notice)}</p>')
    if document.meta:
        meta = "<br>\n".join(
            f"<strong>{escape(label)}:</strong> {_text(value)}" for label, value in document.meta
        )
        lines.append(f'<p class="meta">{meta}</p>')
    lines.append("</header>")
    lines.append("<main>")
    for part in document.sections:
        lines.append(f'<section id="{escape(part.key)}">')
        lines.append(f"<h2>{_bdi(one_line(part.title))}</h2>")
        for block in part.blocks:
            lines += _block(block)
        lines.append("</section>")
    lines += ["</main>", "</body>", "</html>"]
    return ("\n".join(lines) + "\n").encode("utf-8")
