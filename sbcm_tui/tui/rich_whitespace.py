"""Rich finds the whitespace at the end of a line with ``re.compile(r"\\s+$").search``, which
tries the pattern from every blank in a run: quadratic in the run's length. A case whose words
hold a long run of tabs (a hostile or damaged file; each tab is eight blanks once expanded)
kept the staffing review drawing for minutes (one generated case: 58 s of regex for 20 lines).
Textual's Content does the same. This puts a linear search with the same answer in both
places, once, for every screen (installed when the UI package is imported).
"""

from __future__ import annotations

import rich.text
import textual.content


class _Trailing:
    """The match ``\\s+$`` would give, found from the end: ``str.rstrip`` strips the same
    characters ``\\s`` matches in a ``str`` pattern (``str.isspace``)."""

    def __init__(self, blank: str) -> None:
        self._blank = blank

    def group(self, index: int = 0) -> str:
        assert index == 0
        return self._blank


class TrailingWhitespace:
    """Stands in for the compiled pattern: only ``search`` is used (``rstrip_end``)."""

    pattern = r"\s+$"

    def search(self, text: str) -> _Trailing | None:
        kept = len(text.rstrip())
        return _Trailing(text[kept:]) if kept < len(text) else None


def install() -> None:
    rich.text._re_whitespace = TrailingWhitespace()  # type: ignore[assignment]
    textual.content._re_whitespace = TrailingWhitespace()  # type: ignore[assignment]
