"""One open case and its save lifecycle: never lose a word, never overwrite someone else's.

Screens change the case in memory and report it (``report_change`` marks the session with
:meth:`CaseSession.changed` at once); the app saves about a second later (and at once on
leaving). A save that cannot happen keeps every word
in memory and reports why, so the screen can offer reload, save as a copy, or overwrite.

The autosave writes on a thread of its own (:meth:`CaseSession.start_save`): the case is copied
out on the thread that edits it, and the disk's waits (the lock, fsync, the history's links)
happen while keys keep echoing. At most one save of a session is in flight; every other step
(a save on leaving, a reload, a restore, a milestone) first waits for it to end, so saves never
overtake each other. A change made while a save is in flight leaves the session unsaved, and
the next save writes it.

Every save keeps the version it replaces in the case's history (files/history.py), with a
reason: ``autosave`` unless the save is an overwrite (``conflict``), a :meth:`CaseSession.restore`
(``restore``), or follows a :meth:`CaseSession.milestone` (a contact's end). A reload keeps the
words it drops. When the history cannot keep a version, the save still happens and the outcome
carries a warning (once, until the history works again).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sbcm_tui.core.problems import CaseFileError
from sbcm_tui.files.history import load_version
from sbcm_tui.files.save_state import SaveState
from sbcm_tui.files.store import CaseStore, OpenCase, PendingSave, SaveConflict, SaveFailed
from sbcm_tui.files.versions import AUTOSAVE, CONFLICT, RESTORE, Version

if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

_SAVER: ThreadPoolExecutor | None = None
_SAVER_MADE = threading.Lock()


def _saver() -> ThreadPoolExecutor:
    """The one thread background saves run on (made on the first one): one thread, so two
    sessions' saves never run at once either."""
    global _SAVER
    with _SAVER_MADE:
        if _SAVER is None:
            from concurrent.futures import ThreadPoolExecutor  # (not at start: no save yet)

            _SAVER = ThreadPoolExecutor(1, thread_name_prefix="sbcm-save")
        return _SAVER


@dataclass
class _InFlight:
    pending: PendingSave
    future: Future[None]
    changes: int
    """The session's change count when the case was copied out."""


@dataclass(frozen=True)
class SaveOutcome:
    """The result of one save attempt, worded for the person at the keyboard."""

    state: SaveState
    message: str = ""
    warning: str = ""
    """Said once when the save happened but something beside it did not (the history could
    not keep a version); empty otherwise."""


class CaseSession:
    """The case a worker has open, its unsaved changes and its last save."""

    def __init__(self, store: CaseStore, opened: OpenCase) -> None:
        self.store = store
        self.opened = opened
        self.state = SaveState.SAVED
        self.message = ""
        self.saved_at: float | None = None
        self._dirty = False
        self._changes = 0
        """Changes reported so far: a save in flight knows which of them it holds."""
        self._in_flight: _InFlight | None = None
        self._milestone: str | None = None
        self.history_problem: str | None = None
        """Why the history could not keep a version at the last save (None: it could)."""
        self.revision_at_open = opened.case.revision
        """The revision the case had when opened: a higher one now means it was saved since
        (the team layer shares a case once it is closed, if so)."""

    @property
    def case(self):
        return self.opened.case

    @property
    def dirty(self) -> bool:
        """True while some change has not reached the disk."""
        return self._dirty

    def changed(self) -> None:
        """Note that the case in memory has changed since the last save."""
        self._dirty = True
        self._changes += 1
        if self.state is SaveState.SAVED:
            self.state = SaveState.UNSAVED

    @property
    def saving(self) -> bool:
        """True while a background save has not been collected (see :meth:`collect`)."""
        return self._in_flight is not None

    def start_save(self, done: Callable[[], None]) -> SaveOutcome | None:
        """Begin an autosave whose writing runs on the saver thread; ``done()`` is called on
        that thread when it ends, and :meth:`collect` then gives its outcome. Returns None when
        the save is under way, or the outcome at once when there was nothing to start: no
        change, a save already in flight (its end is collected first), or a folder that
        refuses every save."""
        if self._in_flight is not None:
            return None  # its end is collected first; the changes since wait for the next
        if not self._dirty:
            return SaveOutcome(self.state, self.message)
        try:
            pending = self.store.begin_save(self.opened, reason=self._milestone or AUTOSAVE)
        except SaveFailed as exc:
            return self._failed(exc)
        future = _saver().submit(pending.write)
        self._in_flight = _InFlight(pending, future, self._changes)
        future.add_done_callback(lambda _: done())
        return None

    def collect(self) -> SaveOutcome | None:
        """The outcome of the background save once it has ended (None while it runs, or when
        it was collected already): the case in memory learns what reached the disk."""
        flight = self._in_flight
        if flight is None or not flight.future.done():
            return None
        self._in_flight = None
        error = flight.future.exception()
        self.store.finish_save(flight.pending, failed=error is not None)
        if error is None:
            if flight.pending.reason == self._milestone:
                self._milestone = None
            outcome = self._saved()
            if self._changes != flight.changes:  # typed while it was being written
                self.changed()
            return outcome
        if isinstance(error, SaveConflict):
            return self._conflict(error)
        if isinstance(error, SaveFailed | CaseFileError):
            return self._failed(error)
        raise error

    def wait(self) -> SaveOutcome | None:
        """Wait for the save in flight, if any, and collect it (None when there was none)."""
        flight = self._in_flight
        if flight is None:
            return None
        flight.future.exception()  # waits for the end; the outcome says what it was
        return self.collect()

    def milestone(self, reason: str) -> None:
        """The case as the next save writes it is a moment to keep forever in its history (a
        contact's end): that save records the new version with this reason. With nothing left
        to save, the file as it is now is kept at once."""
        self.wait()
        self._milestone = reason
        if not self._dirty:
            self.store.history.begin()
            self.store.history.keep_current(self.opened.path, reason=reason)
            self._milestone = None
            self._note_history()

    def save(self, *, overwrite: bool = False, reason: str | None = None) -> SaveOutcome:
        """Write the case if it changed. Never raises for conflicts or disk trouble.

        ``reason`` is why, for the history: by default ``conflict`` for an overwrite, else the
        pending milestone, else ``autosave``. A background save in flight ends first."""
        waited = self.wait()
        if not self._dirty and not overwrite:
            return waited or SaveOutcome(self.state, self.message)
        chosen = reason or (CONFLICT if overwrite else self._milestone or AUTOSAVE)
        try:
            self.store.save(self.opened, overwrite=overwrite, reason=chosen)
        except SaveConflict as exc:
            return self._conflict(exc)
        except (SaveFailed, CaseFileError) as exc:
            return self._failed(exc)
        self._milestone = None
        return self._saved()

    def save_as_copy(self) -> SaveOutcome:
        """Keep the version in memory as a new case; the original file stays as it is on disk.
        When the copy cannot be written, every word stays in memory and the outcome says why."""
        self.wait()
        try:
            copy = self.store.save_as_copy(self.opened)
        except (SaveFailed, SaveConflict, CaseFileError) as exc:
            return self._failed(exc)
        self.opened = copy
        return self._saved()

    def reload(self) -> SaveOutcome:
        """Drop the changes in memory and read the file again (after a conflict). When the file
        cannot be read (deleted, damaged), the version in memory is kept and the outcome says
        so: it can still be saved as a copy or written back.

        Nothing is lost for good: the words dropped (when there were changes) and the version
        reloaded are both kept in the history, reason ``conflict``."""
        self.wait()
        dropped = self.opened if self._dirty else None
        try:
            self.opened = self.store.open(self.opened.path)
        except CaseFileError as exc:
            self.state = SaveState.CONFLICT
            first = exc.problems[0] if exc.problems else None
            why = f"{first.where}: {first.what}" if first else "it cannot be read"
            self.message = (
                f"The file on disk cannot be read ({why}). Your version is kept: "
                "save it as a copy, or write it back."
            )
            return SaveOutcome(self.state, self.message)
        history = self.store.history
        history.begin()
        if dropped is not None:
            history.keep_case(dropped.path, dropped.case, reason=CONFLICT)
        history.keep_current(self.opened.path, reason=CONFLICT)
        self._milestone = None
        return self._saved()

    def restore(self, version: Version, *, over_damaged: bool = False) -> SaveOutcome:
        """Bring a version from the history back as a new save (reason ``restore``): the
        version it replaces is kept too, so a restore can itself be undone. Changes not yet
        saved are saved first; a version that does not load (or is another case's) is refused,
        and so is a restore the disk or another editor refuses. On refusal nothing changes.

        ``over_damaged``: the case file on disk no longer loads (the session holds the version
        itself): it is replaced as it is, and its bytes kept in the history first."""
        self.wait()
        if self._dirty:
            first = self.save()
            if first.state is not SaveState.SAVED:
                return SaveOutcome(first.state, f"Not restored: {first.message}")
        try:
            case = load_version(version, self.case.id, self.store.codec)
        except CaseFileError as exc:
            first = exc.problems[0] if exc.problems else None
            why = f"{first.where}: {first.what}" if first else "it cannot be read"
            return SaveOutcome(
                SaveState.FAILED, f"Not restored: that version does not load ({why})."
            )
        before = (self.opened, self.state, self.message)
        case.revision = max(self.case.revision, case.revision)  # the save bumps it past both
        self.opened = OpenCase(case, before[0].path, before[0].fingerprint)
        self._dirty = True
        try:
            self.store.save(self.opened, overwrite=over_damaged, reason=RESTORE)
        except (SaveConflict, SaveFailed, CaseFileError) as exc:
            self.opened, self.state, self.message = before
            self._dirty = False
            if isinstance(exc, SaveConflict):
                why = "the case file changed elsewhere meanwhile; reload it first"
            elif isinstance(exc, SaveFailed):
                why = exc.reason
            else:
                why = "the version does not fit this version of sbcm"
            return SaveOutcome(SaveState.FAILED, f"Not restored: {why}.")
        self._milestone = None
        return self._saved()

    def _conflict(self, exc: SaveConflict) -> SaveOutcome:
        self.state = SaveState.CONFLICT
        self.message = (
            "This case was deleted elsewhere since you opened it."
            if exc.deleted
            else "This case was changed elsewhere since you opened it."
        )
        return SaveOutcome(self.state, self.message)

    def _saved(self) -> SaveOutcome:
        self._dirty = False
        self.state = SaveState.SAVED
        self.message = ""
        self.saved_at = time.monotonic()
        return SaveOutcome(self.state, warning=self._note_history())

    def _note_history(self) -> str:
        """What the history said about the last save: a warning the first time it could not
        keep a version (not every second while it stays broken), else nothing."""
        problem = self.store.history.problem
        first = problem is not None and self.history_problem is None
        self.history_problem = problem
        if not first:
            return ""
        return f"Saved, but {problem}. The case file itself is safe."

    def _failed(self, exc: SaveFailed | SaveConflict | CaseFileError) -> SaveOutcome:
        """A save that did not happen: the words stay, and the outcome says why and what next."""
        self.state = SaveState.FAILED
        if isinstance(exc, SaveFailed):
            self.message = f"Not saved: {exc.reason}. Your text is kept; it will retry."
        elif isinstance(exc, SaveConflict):
            self.message = "Not saved: the file changed again meanwhile. Your text is kept."
        else:
            first = exc.problems[0] if exc.problems else None
            where = f"{first.where}: {first.what}" if first else "invalid"
            self.message = f"Not saved: {where}. Your text is kept."
        return SaveOutcome(self.state, self.message)
