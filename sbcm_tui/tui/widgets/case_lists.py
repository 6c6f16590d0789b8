"""The case screen's two list tabs: every contact (latest first, the highlighted one in full) and
the safety, health and limitation notes.

Each is built the first time its tab is shown, not when the case opens: most visits to a case
never look at them, and two tables with their columns were a tenth of the time to open one.
The screen hands each the case (attributes down) whenever it changes.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from sbcm_tui.core.case import Case
from sbcm_tui.core.dates import format_date
from sbcm_tui.tui.widgets.safety_banner import NON_STRENGTH_TITLES


class CaseList(Vertical):
    """One of the case's lists as a table: filled from the case once mounted, and again on
    each :meth:`show`."""

    def __init__(self, case: Case) -> None:
        super().__init__()
        self.case = case

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, label in self.COLUMNS:
            table.add_column(label, key=key)
        self._fill(table)  # (is_mounted is set only once this handler returns)

    COLUMNS: tuple[tuple[str, str], ...] = ()

    def show(self, case: Case) -> None:
        """Fill the table from ``case`` (the one shown now: it may have been read again). Asked
        between the list's mount and its table's (a save or a reload arriving then), it only
        takes the case: on_mount fills the table from it."""
        self.case = case
        if self.is_mounted:
            self._fill(self.query_one(DataTable))

    def _fill(self, table: DataTable) -> None:
        raise NotImplementedError


class ContactsList(CaseList):
    """Every contact of the case, latest first; the highlighted one in full below."""

    COLUMNS = (("n", "#"), ("on", "Date"), ("min", "Min"), ("how", "How"), ("summary", "Summary"))

    def compose(self) -> ComposeResult:
        yield Static(
            "x removes the highlighted contact if it was recorded by mistake (asks first).",
            classes="hint",
        )
        yield DataTable(id="contacts", cursor_type="row", zebra_stripes=True)
        yield Static("", id="contact-detail", markup=False)

    def _fill(self, table: DataTable) -> None:
        table.clear()
        self.query_one("#contact-detail", Static).update("")
        latest_first = sorted(
            enumerate(self.case.contacts), key=lambda ic: (ic[1].number, ic[1].on), reverse=True
        )
        for index, contact in latest_first:
            summary = (contact.summary or "").replace("\n", " ")
            table.add_row(
                str(contact.number),
                contact.on.isoformat(),
                str(contact.minutes or ""),
                contact.medium.value.replace("_", " "),
                Text(summary[:80]),
                key=str(index),
            )

    @on(DataTable.RowHighlighted)
    def _show_contact(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is None:
            return
        contact = self.case.contacts[int(event.row_key.value)]
        parts = [f"Contact {contact.number} · {format_date(contact.on)}"]
        if contact.steps_done:
            parts.append("Steps: " + ", ".join(contact.steps_done))
        if contact.summary:
            parts.append("Summary: " + contact.summary)
        if contact.notes:
            parts.append("Notes: " + contact.notes)
        self.query_one("#contact-detail", Static).update("\n".join(parts))


class ConcernsList(CaseList):
    """The case's risk, health and limitation notes, open or closed."""

    COLUMNS = (
        ("kind", "Kind"), ("on", "Noted"), ("state", "State"), ("note", "Note"),
        ("follow", "Follow-up"),
    )  # fmt: skip

    def compose(self) -> ComposeResult:
        yield Static(
            "Risk, health and limitations: f2 adds a note; space closes one (asking what "
            "changed) or opens it again.",
            classes="hint",
        )
        yield DataTable(id="concerns", cursor_type="row")

    def _fill(self, table: DataTable) -> None:
        table.clear()
        for index, note in enumerate(self.case.non_strengths):
            table.add_row(
                Text(
                    NON_STRENGTH_TITLES[note.kind],
                    style="bold red" if note.is_safety_concern else "",
                ),
                note.noted_on.isoformat(),
                "open" if note.open else f"closed {note.closed_on or ''}",
                Text(note.note.replace("\n", " ")[:60]),
                Text((note.follow_up or "").replace("\n", " ")[:40]),
                key=str(index),
            )
