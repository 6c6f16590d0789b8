"""Who changed this case, and when: the team repository's commits for the case file.

Commit messages hold the case id and the names of the parts changed, never client text, so the
list is safe to show over anyone's shoulder. Read on a thread: over a long history, git walks
many commits to find one file's.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from sbcm_tui.core.untrusted import one_line
from sbcm_tui.team.status import CaseShared

SHOWN = 200
"""The latest this many changes."""


def shared_line(shared: CaseShared) -> str:
    """Whether this case's every change has reached the team, since when it has not, and when
    the folder last reached the team."""
    when = "never yet" if shared.last_reached is None else _when(shared.last_reached)
    if shared.unshared:
        made = "" if shared.since is None else f" by {_when(shared.since)}"
        return (
            f"Not shared yet: a change made here{made} has not reached the team (last sync "
            f"{when}). F5 on the caseload."
        )
    return f"Shared: every change here has reached the team (last sync {when})."


def _when(stamp: float) -> str:
    return f"{datetime.fromtimestamp(stamp):%d %b %Y %H:%M}"


class TeamLogModal(ModalScreen[None]):
    DEFAULT_CSS = """
    TeamLogModal { align: center middle; }
    TeamLogModal > Vertical {
        width: 100; max-width: 100%; height: 80%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    TeamLogModal .title { text-style: bold; }
    TeamLogModal DataTable { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="team-log.close"),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Who changed this case (the team's history)", classes="title")
            yield Static("Reading the history…", id="team-log-state", markup=False)
            yield DataTable(id="team-log", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("When", key="when", width=17)
        table.add_column("Who", key="who", width=20)
        table.add_column("What changed", key="what")
        table.focus()
        self._read()

    @work(thread=True, exit_on_error=False)
    def _read(self) -> None:
        from sbcm_tui.team.git import GitError
        from sbcm_tui.team.status import case_shared, history

        try:
            rows = list(history(self.path.parent, self.path.name, SHOWN))
            shared = shared_line(case_shared(self.path.parent, self.path.name))
        except GitError as exc:
            self.app.call_from_thread(self._show, [], str(exc))
            return
        self.app.call_from_thread(self._show, rows, "", shared)

    def _show(self, rows: list[tuple[str, str, str]], problem: str, shared: str = "") -> None:
        table = self.query_one(DataTable)
        for when, who, what in rows:
            try:
                shown = f"{datetime.fromisoformat(when).astimezone():%d %b %Y %H:%M}"
            except ValueError:
                shown = when
            table.add_row(shown, one_line(who), one_line(what))
        state = problem or (f"{len(rows)} change(s)" if rows else "Not in the team's history yet")
        self.query_one("#team-log-state", Static).update(f"{shared}\n{state}" if shared else state)

    def action_close(self) -> None:
        self.dismiss(None)
