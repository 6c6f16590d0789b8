"""The audit trail of the open case: who opened, reviewed, exported or changed it, and when.

Opened with ``u`` on the case (or from the palette). It lists this case's entries of the
folder's audit log (files/audit.py), newest first, and says whether the log's chain holds: an
entry removed, changed or moved shows as a warning here as it does in ``sbcm audit verify``.
Read-only; nothing of the client is in the log, only ids, workers and times.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, Static

from sbcm_tui.core.untrusted import one_line
from sbcm_tui.files.session import CaseSession
from sbcm_tui.tui.screens.base import SbcmScreen
from sbcm_tui.tui.widgets.keys_bar import KeysBar
from sbcm_tui.tui.widgets.title_bar import TitleBar


class AuditTrailScreen(SbcmScreen):
    """This case's audit entries, newest first; Escape goes back."""

    DEFAULT_CSS = """
    AuditTrailScreen #audit-bar { height: 1; padding: 0 1; background: $boost; }
    AuditTrailScreen #audit-chain { height: auto; padding: 0 1; }
    AuditTrailScreen #audit-entries { height: 1fr; }
    """
    BINDINGS = [Binding("escape", "back", "Case", id="audit.back")]

    def __init__(self, session: CaseSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="audit-bar")
        yield Static("", id="audit-chain", markup=False)
        yield DataTable(id="audit-entries", cursor_type="row", zebra_stripes=True)
        yield KeysBar()

    def on_mount(self) -> None:
        audit = self.session.store.audit
        case_id = self.session.case.id
        table = self.query_one("#audit-entries", DataTable)
        for key, label in (("at", "When (local time)"), ("who", "Worker"), ("what", "Action")):
            table.add_column(label, key=key)
        table.add_column("Detail", key="detail")
        try:
            entries = [e for e in audit.entries() if e.case == case_id]
            breaks = audit.verify()
        except OSError as exc:
            entries, breaks = [], []
            self.query_one("#audit-chain", Static).update(
                f"The audit log cannot be read ({exc.strerror or type(exc).__name__})."
            )
        else:
            self.query_one("#audit-chain", Static).update(
                f"The log's chain is broken at line {breaks[0].line}: {breaks[0].what}."
                if breaks
                else "The log's chain holds: no entry was removed, changed or moved."
            )
        for entry in reversed(entries):
            detail = " · ".join(f"{k} {v}" for k, v in entry.detail.items())
            table.add_row(
                entry.at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
                one_line(entry.worker, 24),
                entry.action,
                one_line(detail, 60),
            )
        name = one_line(self.session.case.client.preferred_name, 30)
        self.query_one("#audit-bar", Static).update(
            Content.assemble(
                ("Audit trail · ", "$text-muted"), (name, "bold"), f" · {len(entries)} entries"
            )
        )
        table.focus()

    def action_back(self) -> None:
        self.app.pop_screen()
