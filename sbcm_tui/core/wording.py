"""Small pieces of wording shared by the screens, the exports and the command line."""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 case``, ``2 cases``, ``1,500 cases``; ``many`` for irregular plurals."""
    return f"{count:,} {word if count == 1 else many or word + 's'}"
