"""What differs between two versions of a case, drawn as a grid: field, one side, the other.

One drawing for every comparison the app shows: a conflict copy beside its original
(screens/compare.py) and a kept version beside the case now (screens/history.py). The
differences themselves come from :mod:`sbcm_tui.insight.compare`. Client words are Rich
``Text``, never markup.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from sbcm_tui.core.case import Case
from sbcm_tui.insight.compare import differences

MUTED = "dim"


def comparison_table(left: Case, right: Case, titles: tuple[str, str]) -> Table | Text:
    """The differing fields as a three-column grid (where, left, right)."""
    rows = differences(left, right)
    if not rows:
        return Text("The two hold the same words.", style=MUTED)
    table = Table(expand=True, show_lines=True, header_style="bold")
    table.add_column("Field", ratio=2, overflow="fold")
    table.add_column(titles[0], ratio=3, overflow="fold")
    table.add_column(titles[1], ratio=3, overflow="fold")
    for row in rows:
        table.add_row(
            Text(row.where, style=MUTED),
            Text(row.left) if row.left else Text("—", style=MUTED),
            Text(row.right) if row.right else Text("—", style=MUTED),
        )
    return table
