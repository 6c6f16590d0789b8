"""Table columns laid out from the width alone: they always fit, and drop in the stated order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sbcm_tui.tui.screens.caseload import COLUMNS
from sbcm_tui.tui.widgets.fitted_table import TableColumn, fit_columns


def _needed(widths: dict[str, int], padding: int) -> int:
    return sum(w + 2 * padding for w in widths.values())


def test_caseload_at_80_columns_keeps_what_needs_attention_first() -> None:
    """The next meeting and where the case stands (a disengaged case says so in Contact) fit
    at 80; when it was last seen waits for a wider screen."""
    widths = fit_columns(COLUMNS, 77, padding=1)
    assert list(widths) == ["name", "safety", "contact", "overdue", "meeting", "due"]
    assert _needed(widths, 1) == 77


def test_caseload_last_seen_and_referrals_join_at_100_columns_and_status_after() -> None:
    at_100 = fit_columns(COLUMNS, 97, padding=1)
    assert "last" in at_100 and "referrals" in at_100 and "status" not in at_100
    assert list(fit_columns(COLUMNS, 120, padding=1)) == [c.key for c in COLUMNS]


def test_growth_stops_at_the_most_a_column_takes() -> None:
    widths = fit_columns(COLUMNS, 400, padding=1)
    assert widths["name"] == 26 and widths["referrals"] == 24
    assert _needed(widths, 1) == 400  # "Next due" has no limit and takes the rest


columns = st.lists(
    st.builds(
        TableColumn,
        key=st.uuids().map(str),
        label=st.just("x"),
        width=st.integers(1, 30),
        grow=st.integers(0, 3),
        most=st.none() | st.integers(1, 40),
        drop=st.integers(0, 5),
    ),
    min_size=1,
    max_size=9,
)


@given(columns, st.integers(0, 300), st.integers(0, 2))
def test_columns_fit_whenever_the_ones_that_stay_fit(specs, room, padding) -> None:
    widths = fit_columns(specs, room, padding)
    kept = [c for c in specs if c.drop == 0]
    if sum(c.width + 2 * padding for c in kept) <= room:
        assert _needed(widths, padding) <= room
    for spec in specs:
        if spec.key in widths:
            assert widths[spec.key] >= spec.width
            if spec.grow == 0:
                assert widths[spec.key] == spec.width
        else:  # a column only goes when every column that goes later is still needed
            assert spec.drop > 0
            assert all(c.key not in widths for c in specs if c.drop > spec.drop)


async def test_skipping_the_cell_measuring_gives_the_size_datatable_would() -> None:
    """FittedTable skips DataTable's measuring of every new cell (its widths are stated): the
    table it lays out must be the size DataTable's own pass gives, or rows would be cut off
    or the scroll range wrong; this fails if a Textual release changes what that pass does."""
    from textual.app import App
    from textual.widgets import DataTable

    from sbcm_tui.tui.widgets.fitted_table import FittedTable

    class Tables(App):
        def compose(self):
            yield FittedTable(COLUMNS, id="fitted")
            yield FittedTable(COLUMNS, id="measured")

    cells = {
        "name": "A rather long preferred name indeed",
        "due": "task in 3d · call",
        "safety": "",
    }
    async with Tables().run_test(size=(100, 60)) as pilot:
        fitted, measured = pilot.app.query_one("#fitted"), pilot.app.query_one("#measured")
        for table in (fitted, measured):
            table.show_rows((f"row-{i}", cells) for i in range(300))
        measured._update_dimensions = lambda rows: DataTable._update_dimensions(measured, rows)
        await pilot.pause()
        await pilot.pause()
        assert fitted.row_count == measured.row_count == 300
        assert fitted.virtual_size == measured.virtual_size
        assert fitted.virtual_size.height == 301  # a line a row, and the header


async def test_more_of_the_same_rows_are_added_not_redrawn() -> None:
    """The rest of the caseload after its first page is appended: the rows on screen (and the
    highlighted one) stay as they are, and only the new rows are built."""
    from textual.app import App

    from sbcm_tui.tui.widgets.fitted_table import FittedTable

    class Tables(App):
        def compose(self):
            yield FittedTable(COLUMNS, id="t", cursor_type="row")

    rows = [(f"r{i}", {"name": f"Case {i}"}) for i in range(8)]
    async with Tables().run_test(size=(100, 30)) as pilot:
        table = pilot.app.query_one(FittedTable)
        table.show_rows(rows[:5])
        await pilot.pause()
        table.move_cursor(row=3)
        first_row = table.rows["r0"]
        table.show_rows(rows)
        await pilot.pause()
        assert table.row_count == 8 and table.cursor_row == 3
        assert table.rows["r0"] is first_row  # not cleared and drawn again
        assert str(table.get_row_at(7)[0]) == "Case 7"
