"""Small charts drawn with block characters, as plain lines of text.

The dashboard and ``sbcm report`` print the same charts, so they are text, not widgets: a
terminal, a log file and a test can all read them. Eighth-blocks give eight steps per cell, so
a bar five rows high still shows forty levels.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

_RISE = " ▁▂▃▄▅▆▇█"
"""Vertical eighths: index n fills n/8 of a cell from the bottom."""
_REACH = " ▏▎▍▌▋▊▉█"
"""Horizontal eighths: index n fills n/8 of a cell from the left."""


def hbar(value: float, maximum: float, width: int) -> str:
    """A horizontal bar ``width`` cells long at ``maximum``; any value above 0 shows something."""
    if maximum <= 0 or value <= 0 or width <= 0:
        return ""
    eighths = max(1, round(min(value / maximum, 1.0) * width * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + (_REACH[part] if part else "")


def sparkline(values: Sequence[float]) -> str:
    """One row, one cell per value; 0 shows as a dot so an empty week is not mistaken for a
    small one."""
    top = max(values, default=0)
    cells = []
    for value in values:
        if value <= 0 or top <= 0:
            cells.append("·")
        else:
            cells.append(_RISE[max(1, round(value / top * 8))])
    return "".join(cells)


def gauge(value: float, low: float, high: float, width: int, middle: float) -> str:
    """A scale from ``low`` to ``high`` with a tick at ``middle`` and a dot at ``value``
    (clamped to the ends): where a score sits, not how big it is."""
    width = max(width, 3)

    def cell(x: float) -> int:
        share = (min(max(x, low), high) - low) / (high - low)
        return min(int(share * width), width - 1)

    cells = ["·"] * width
    cells[cell(middle)] = "│"
    cells[cell(value)] = "●"
    return "".join(cells)


def _nice_top(top: float) -> float:
    """The top of the scale: the largest value, rounded up to something easy to read."""
    if top <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(top))
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if top <= step * magnitude + 1e-9:
            return step * magnitude
    return 10 * magnitude


def _label(value: float) -> str:
    return f"{value:g}" if value >= 10 else f"{value:.1f}".rstrip("0").rstrip(".")


def column_chart(
    values: Sequence[float], labels: Sequence[str], *, width: int, height: int
) -> list[str]:
    """Vertical bars with a value scale on the left and the labels underneath, in at most
    ``width`` columns and ``height`` rows of bars (plus an axis row and a label row).

    Bars get wider when there is room (up to three cells); when even one-cell bars do not fit,
    the first ones that fit are drawn and the caller says so (see :func:`bars_that_fit`)."""
    height = max(height, 1)
    top = _nice_top(max(values, default=0.0))
    gutter = len(_label(top)) + 2
    count = bars_that_fit(values, width)
    if count == 0:
        return []
    bar = max(1, min(3, (width - gutter) // count - 1))
    slot = bar + 1
    rows = []
    levels = [round(v / top * height * 8) for v in values[:count]]
    for row in range(height, 0, -1):
        prefix = _label(top).rjust(gutter - 2) + " ┤" if row == height else " " * (gutter - 1) + "│"
        cells = []
        for level in levels:
            fill = min(max(level - (row - 1) * 8, 0), 8)
            cells.append(_RISE[fill] * bar + " ")
        rows.append((prefix + "".join(cells)).rstrip())
    rows.append("0".rjust(gutter - 2) + " └" + "─" * (count * slot))
    rows.append(" " * gutter + _spread_labels(labels[:count], slot))
    return rows


def bars_that_fit(values: Sequence[float], width: int) -> int:
    """How many of the values :func:`column_chart` draws in ``width`` columns (the first ones:
    one-cell bars with a space after each, beside the scale)."""
    gutter = len(_label(_nice_top(max(values, default=0.0)))) + 2
    return min(len(values), max((width - gutter) // 2, 0))


def _spread_labels(labels: Sequence[str], slot: int) -> str:
    """Each label under its bar when there is room, else only the ones that do not collide."""
    line = ""
    for index, label in enumerate(labels):
        at = index * slot
        if not line or len(line) < at:
            line = line.ljust(at) + label
    return line
