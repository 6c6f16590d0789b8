"""The app's side of a team folder: sync on demand, after leaving an edited case, and every few
minutes in the background; and what the caseload shows (when the folder last reached the team,
which cases have changes not shared yet).

Every sync runs on a worker thread (it runs git, and may wait on the network); a background one
runs only while no case is open, so a sync never rewrites a file someone has open, and says
nothing unless it brought something in. Messages hold counts and git's words about the remote,
never client text.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from sbcm_tui.team.git import is_team_folder

if TYPE_CHECKING:
    from sbcm_tui.tui.app import SbcmApp

BACKGROUND_SECONDS = 300.0
"""A background sync this often (when a case is not open)."""


class TeamSync:
    """Sync for the app's case folder (see the module)."""

    def __init__(self, app: SbcmApp) -> None:
        self.app = app
        self.due = False
        """A case was edited since the last sync: sync once it is closed."""

    @property
    def on(self) -> bool:
        return not self.app.demo and is_team_folder(self.app.store.root)

    def start_background(self) -> None:
        self.app.set_interval(BACKGROUND_SECONDS, self._tick)

    def _quiet_now(self) -> bool:
        """A quiet sync may run: no case is open (the caseload is on top) and the last one
        closed has reached the disk (a sync must commit what was saved, not what was before)."""
        session = self.app.session
        on_caseload = self.app.screen is getattr(self.app, "caseload", None)
        return on_caseload and (session is None or not session.dirty)

    def _tick(self) -> None:
        if self._quiet_now():
            self.due = False
            self.sync(quiet=True)

    def case_closed(self, edited: bool) -> None:
        """After leaving a case: share it quietly if anything in it changed (a contact ended,
        a note, a hand-over), once its save is on the disk; the team sees it as soon as the
        network allows."""
        if self.on and (edited or self.due):
            self.due = True
            self._share_when_saved(tries=40)

    def _share_when_saved(self, tries: int) -> None:
        if self._quiet_now():
            self.due = False
            self.sync(quiet=True)
        elif tries and self.due:  # a save still being written, or a dialog on top
            self.app.set_timer(0.25, lambda: self._share_when_saved(tries - 1))
        # else: the background tick shares it

    def sync(self, *, quiet: bool = False) -> None:
        if not self.on:
            if not quiet:
                self.app.notify(
                    "This case folder is not shared with a team (sbcm team init or join).",
                    markup=False,
                )
            return
        if not quiet:
            self.app.notify("Syncing with the team…", timeout=2, markup=False)
        self.app.run_worker(
            lambda: self._run(quiet), thread=True, group="team-sync", exclusive=True,
            exit_on_error=False,
        )  # fmt: skip

    def _run(self, quiet: bool) -> None:
        from sbcm_tui.team.git import GitError
        from sbcm_tui.team.sync import TeamError, sync

        started = time.monotonic()
        try:
            report = sync(self.app.store.root, self.app.store.codec)
        except (TeamError, GitError, OSError) as exc:
            reason = str(exc) if not isinstance(exc, OSError) else (exc.strerror or "OS error")
            if not quiet:
                self.app.call_from_thread(
                    self.app.notify, reason, title="Sync failed", severity="error", markup=False
                )
            return
        took = time.monotonic() - started
        self.app.call_from_thread(self._done, report, quiet, took)

    def _done(self, report, quiet: bool, took: float) -> None:
        brought = report.received or report.to_inbox or report.copies
        if not quiet or brought:
            severity = "warning" if (report.to_inbox or report.copies) else "information"
            self.app.notify(
                "\n".join(report.lines()) + f"\n({took:.1f} s)",
                title="Team sync",
                severity=severity,
                markup=False,
            )
        self.app.caseload.load()
