"""Hand the open case to another worker of the team: whom (from the team's roster) and why.

The roster is read from the team repository on a thread (every worker who has committed). The
choice comes back as (worker, reason); the case screen records it in the case (who handed it
over, to whom, when, why), which saves like any edit and is shared at the next sync.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from sbcm_tui.core.untrusted import one_line
from sbcm_tui.team.sync import Worker
from sbcm_tui.tui.widgets.field import Field


class TransferModal(ModalScreen[tuple[Worker, str] | None]):
    DEFAULT_CSS = """
    TransferModal { align: center middle; }
    TransferModal > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    TransferModal .title { text-style: bold; }
    TransferModal OptionList { height: auto; max-height: 12; }
    TransferModal .hint { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="transfer.cancel"),
        Binding("ctrl+s", "hand_over", "Hand over", id="transfer.go", priority=True),
    ]

    def __init__(self, folder: Path, current: str | None) -> None:
        super().__init__()
        self.folder = folder
        self.current = current
        self.team: list[Worker] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Hand this case to another worker", classes="title")
            yield Static("Reading the team…", id="transfer-state", markup=False)
            yield OptionList(id="transfer-workers")
            yield Field(placeholder="Why (kept in the case, for the record)", id="transfer-why")
            yield Static(
                "Choose a worker, say why, ctrl+s hands it over · Escape cancels", classes="hint"
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self._read_roster()

    @work(thread=True, exit_on_error=False)
    def _read_roster(self) -> None:
        from sbcm_tui.team.git import GitError
        from sbcm_tui.team.roster import roster
        from sbcm_tui.team.sync import TeamError

        try:
            team = roster(self.folder)
        except (GitError, TeamError) as exc:
            self.app.call_from_thread(self._show, [], str(exc))
            return
        self.app.call_from_thread(self._show, team, "")

    def _show(self, team: list[Worker], problem: str) -> None:
        self.team = [w for w in team if w.name != self.current]
        options = self.query_one(OptionList)
        options.add_options(
            Option(Text(f"{one_line(w.name)}  ({w.id})"), id=w.id) for w in self.team
        )
        if self.team:
            options.highlighted = 0
        state = problem or (
            f"Now with {self.current or 'no one named'}." if self.team else
            "No one else on the team has shared anything yet: they appear once they have."
        )  # fmt: skip
        self.query_one("#transfer-state", Static).update(state)

    @on(OptionList.OptionSelected)
    def _chosen(self) -> None:
        self.query_one("#transfer-why", Input).focus()

    @on(Input.Submitted, "#transfer-why")
    def _submitted(self) -> None:
        self.action_hand_over()

    def action_hand_over(self) -> None:
        at = self.query_one(OptionList).highlighted
        if at is None or at >= len(self.team):
            self.notify("Choose the worker to hand the case to.", markup=False)
            return
        self.dismiss((self.team[at], self.query_one("#transfer-why", Input).value))

    def action_cancel(self) -> None:
        self.dismiss(None)
