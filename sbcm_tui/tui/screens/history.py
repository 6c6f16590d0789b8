"""The history of the open case: the versions kept on disk, what differs, and bringing one back.

Opened with ``h`` on the case. Each row is one version (files/history.py): when it was
written, its revision, and why it was kept. Enter shows what differs between that version and
the case as it is now, one field a row (the same grid as a conflict copy's comparison); ``r``
brings the version back after asking, as a new save through the app
(:class:`~sbcm_tui.tui.messages.RestoreRequested`), so the version it replaces is kept and the
restore can be undone from this same list.

Everything from the case (names, notes) reaches the screen as plain text, never markup, with
control characters shown as visible escapes: a note can hold any bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.console import RenderableType
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Static

from sbcm_tui.core.problems import CaseFileError
from sbcm_tui.core.wording import plural
from sbcm_tui.files.history import load_version
from sbcm_tui.files.session import CaseSession
from sbcm_tui.files.versions import Version
from sbcm_tui.insight.compare import differences
from sbcm_tui.tui.messages import RestoreRequested
from sbcm_tui.tui.modals.confirm import ConfirmModal
from sbcm_tui.tui.screens.base import SbcmScreen
from sbcm_tui.tui.widgets.comparison import comparison_table
from sbcm_tui.tui.widgets.keys_bar import KeysBar
from sbcm_tui.tui.widgets.title_bar import TitleBar

SHOWN_CHARS = 120
"""Of a long value (a note), this much is shown on its line, then an ellipsis."""
_UNSEEN_RE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def plain(text: str, limit: int = SHOWN_CHARS) -> str:
    """Client text made safe for one line of the screen: a newline shows as ⏎, any other
    control or direction-changing character as its escape (``\\x1b``, ``\\u202e``), never sent
    to the terminal or silently dropped; long text is cut with an ellipsis."""
    text = text.replace("\n", "⏎")
    text = _UNSEEN_RE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def when(version: Version) -> str:
    """When a version was written, in local time."""
    return version.written_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")


class HistoryScreen(SbcmScreen):
    """The versions kept of the open case: Enter compares, ``r`` restores, Escape goes back."""

    DEFAULT_CSS = """
    HistoryScreen #history-bar { height: 1; padding: 0 1; background: $boost; }
    HistoryScreen #history-hint { height: auto; padding: 0 1; }
    HistoryScreen #versions { height: 10; }
    HistoryScreen #history-diff { height: 1fr; padding: 0 1; }
    HistoryScreen #diff-title { text-style: bold; }
    """

    BINDINGS = [
        Binding("escape", "back", "Case", id="history.back", tooltip="Back to the case"),
        Binding(
            "r",
            "restore",
            "Restore",
            id="history.restore",
            tooltip="Bring the highlighted version back (the case as it is now is kept too)",
        ),
    ]

    def __init__(self, session: CaseSession) -> None:
        super().__init__()
        self.session = session
        self.versions: list[Version] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("", id="history-bar")
        yield Static(
            "Each save keeps the version it replaced; contact ends, conflicts, restores and "
            "copies are kept for good. Enter: what differs from now. r: bring it back.",
            id="history-hint",
            classes="hint",
        )
        yield DataTable(id="versions", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="history-diff", can_focus=False):
            yield Static("", id="diff-title", markup=False)
            yield Static("", id="diff-text", markup=False)
        yield KeysBar()

    def on_mount(self) -> None:
        table = self.query_one("#versions", DataTable)
        for key, label in (("n", "#"), ("when", "When"), ("rev", "Revision")):
            table.add_column(label, key=key)
        table.add_column("Kept because", key="reason")
        table.add_column("Bytes", key="size")
        self._fill()
        table.focus()

    # --- drawing -------------------------------------------------------------------------

    def _fill(self) -> None:
        """The versions as they are on disk now, newest first."""
        table = self.query_one("#versions", DataTable)
        table.clear()
        problem = ""
        try:
            self.versions = self.session.store.history.versions(self.session.opened.path)
        except OSError as exc:
            self.versions = []
            problem = f" · the history cannot be read ({exc.strerror or type(exc).__name__})"
        for number, version in enumerate(self.versions, start=1):
            table.add_row(
                str(number),
                when(version),
                "?" if version.revision is None else str(version.revision),
                version.reason,
                f"{version.size:,}",
                key=str(number),
            )
        if self.session.history_problem:
            problem += f" · {self.session.history_problem}"
        name = plain(self.case.client.preferred_name, 30)
        count = plural(len(self.versions), "version")
        self.query_one("#history-bar", Static).update(
            Content.assemble(
                ("History · ", "$text-muted"),
                (name, "bold"),
                f" · {count} kept",
                (problem, "$text-error"),
            )
        )
        if not self.versions:
            self._show("No versions kept yet.", "One is kept each time the case is saved over.")
        else:
            self._show("Enter on a version shows what differs from the case now.", "")

    def _show(self, title: str, text: RenderableType) -> None:
        self.query_one("#diff-title", Static).update(title)
        self.query_one("#diff-text", Static).update(text)

    @property
    def case(self):
        return self.session.case

    def _highlighted(self) -> tuple[int, Version] | None:
        table = self.query_one("#versions", DataTable)
        if not self.versions or table.cursor_row < 0:
            return None
        number = min(table.cursor_row, len(self.versions) - 1) + 1
        return number, self.versions[number - 1]

    @on(DataTable.RowSelected, "#versions")
    def _compare(self, event: DataTable.RowSelected) -> None:
        """What differs between the version chosen and the case as it is now."""
        picked = self._highlighted()
        if picked is None:
            return
        number, version = picked
        revision = "?" if version.revision is None else version.revision
        label = f"Version {number} (revision {revision}, {when(version)})"
        try:
            kept = load_version(version, self.case.id, self.session.store.codec)
        except CaseFileError as exc:
            first = exc.problems[0] if exc.problems else None
            why = f"{first.where}: {first.what}" if first else "it cannot be read"
            self._show(f"{label} does not load, and cannot be restored.", plain(why, 200))
            return
        found = differences(kept, self.case)
        if not found:
            self._show(f"{label} holds the same as the case now.", "")
            return
        self._show(
            f"{label} → the case now: {plural(len(found), 'field')} "
            f"{'differs' if len(found) == 1 else 'differ'}",
            comparison_table(kept, self.case, (f"Version {number}", "Now")),
        )

    def case_replaced(self) -> None:
        """A restore (or a reload) replaced the case: list the versions again."""
        self._fill()

    # --- actions -------------------------------------------------------------------------

    def action_back(self) -> None:
        self.leave()

    def action_restore(self) -> None:
        """Ask, then have the app bring the highlighted version back."""
        picked = self._highlighted()
        if picked is None:
            self.notify("No version to bring back yet.", markup=False)
            return
        number, version = picked

        def answered(yes: bool | None) -> None:
            if yes:
                self.post_message(RestoreRequested(self, self.session, version))

        self.app.push_screen(
            ConfirmModal(
                f"Bring back version {number}, written {when(version)}?",
                "The case becomes what it was then, saved as a new version. The case as it is "
                "now is kept in the history first, so this can be undone here too.",
                verb="Restore",
            ),
            answered,
        )

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Restore this version", "Bring the highlighted version back", self.action_restore
        )
        yield SystemCommand("Back to the case", "Close the history", self.action_back)
