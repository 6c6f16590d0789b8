"""A DataTable whose columns are laid out from its width, never measured from its cells.

Textual's auto-sized columns are measured from the cells on an idle pass after rows are added,
so the same rows drew at different column positions depending on when the frame was taken (the
caseload snapshot differed in 4 of 6 parallel runs), and measuring every cell of 400 rows with
Rich costs time at start-up. Here each column states a width; columns that may grow share the
room that is left, and columns that do not fit are left out in a stated order, so the table
always fits its width (no sideways scrolling) and the layout depends on the size alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.events import Resize
from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets._data_table import RowKey

Cell = Text | str


@dataclass(frozen=True, slots=True)
class TableColumn:
    """One column: its key and label, the width it needs, how it grows and when it goes."""

    key: str
    label: str
    width: int
    """Cells of content (padding aside) the column needs to be worth showing."""
    grow: int = 0
    """Share of the spare room this column takes (0: fixed width)."""
    most: int | None = None
    """The widest it grows, if growing has a limit."""
    drop: int = 0
    """Left out when the table is too narrow: higher numbers go first; 0 always stays."""


def fit_columns(columns: Sequence[TableColumn], room: int, padding: int) -> dict[str, int]:
    """The width of each shown column for a table ``room`` cells wide: columns are dropped
    (highest ``drop`` first) until the rest fit, then the spare room goes to growing columns."""
    shown = list(columns)
    while True:
        needed = sum(c.width + 2 * padding for c in shown)
        droppable = [c for c in shown if c.drop]
        if needed <= room or not droppable:
            break
        shown.remove(max(droppable, key=lambda c: c.drop))
    widths = {c.key: c.width for c in shown}
    spare = room - needed
    while spare > 0:
        growing = [c for c in shown if c.grow and (c.most is None or widths[c.key] < c.most)]
        if not growing:
            break
        shares = sum(c.grow for c in growing)
        given = 0
        for column in growing:
            extra = max(spare * column.grow // shares, 1)
            if column.most is not None:
                extra = min(extra, column.most - widths[column.key])
            extra = min(extra, spare - given)
            widths[column.key] += extra
            given += extra
            if given >= spare:
                break
        spare -= given
    return widths


class FittedTable(DataTable):
    """A row table laid out by :func:`fit_columns`; rows are given as cells by column key."""

    DEFAULT_CSS = """
    FittedTable {
        overflow-x: hidden;
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
    }
    """

    def __init__(self, columns: Sequence[TableColumn], **kwargs) -> None:
        super().__init__(**kwargs)
        self._specs = tuple(columns)
        self._room = -1
        self._rows: list[tuple[str, Mapping[str, Cell]]] = []

    def show_rows(self, rows: Iterable[tuple[str, Mapping[str, Cell]]]) -> None:
        """Replace the rows (key, cells by column key); the highlighted row stays if listed.

        The same rows in the same order change only the cells that differ (coming back to a
        caseload where one case changed redraws that row, not four hundred: a new row costs a
        measure of every cell on the next idle, fixed widths or not)."""
        rows = list(rows)
        before, self._rows = self._rows, rows
        if not self.columns:
            return
        keys = [key for key, _ in rows]
        if before and len(rows) > len(before) and rows[: len(before)] == before:
            # More of the same list (the rest after a first page): only the new rows are added.
            shown = [str(key.value) for key in self.columns]
            for row_key, cells in rows[len(before) :]:
                self.add_row(*(cells.get(column, "") for column in shown), key=row_key)
            return
        if [key for key, _ in before] != keys:
            self._redraw()
            return
        shown = [str(key.value) for key in self.columns]
        for (row_key, old), (_, new) in zip(before, rows, strict=True):
            if old != new:
                for column in shown:
                    if old.get(column, "") != new.get(column, ""):
                        self.update_cell(row_key, column, new.get(column, ""))

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """Only the table's size: with every column at a stated width and every row one line
        high, DataTable's measuring of each new cell (for auto widths and auto heights) finds
        nothing to change, and at 400 rows it was the largest part of the caseload's first
        paint (81 ms of 870 in a profile of start-up at 10,000 cases). Anything else (a row
        label, an auto width or height) goes through DataTable's own measuring."""
        keys = list(new_rows)
        rows = [row for key in keys if (row := self.rows.get(key)) is not None]
        if any(column.auto_width for column in self.columns.values()) or any(
            row.auto_height or row.label is not None for row in rows
        ):
            super()._update_dimensions(keys)
            return
        width = sum(column.get_render_width(self) for column in self.columns.values())
        header = self.header_height if self.show_header else 0
        self.virtual_size = Size(
            width + self._row_label_column_width, self._total_row_height + header
        )

    def on_resize(self, _: Resize) -> None:
        room = self.scrollable_content_region.width
        if room != self._room:
            self._room = room
            self.clear(columns=True)
            for column in self._specs:
                if column.key in (widths := fit_columns(self._specs, room, self.cell_padding)):
                    self.add_column(column.label, key=column.key, width=widths[column.key])
            self._redraw()

    def _redraw(self) -> None:
        if not self.columns:  # not laid out yet: the first resize draws the rows
            return
        selected = None
        if self.row_count:
            selected = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        self.clear()
        keys = [str(key.value) for key in self.columns]
        for row_key, cells in self._rows:
            self.add_row(*(cells.get(key, "") for key in keys), key=row_key)
        if selected is not None and selected in self.rows:
            self.move_cursor(row=self.get_row_index(selected))
