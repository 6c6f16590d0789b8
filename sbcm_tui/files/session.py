"""One open case and its save lifecycle: never lose a word, never overwrite someone else's.

Screens change the case in memory and report it (``report_change`` marks the session with
:meth:`CaseSession.changed` at once); the app saves about a second later (and at once on
leaving). A save that cannot happen keeps every word
in memory and reports why, so the screen can offer reload, save as a copy, or overwrite.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum

from sbcm_tui.core.problems import CaseFileError
from sbcm_tui.files.store import CaseStore, OpenCase, SaveConflict, SaveFailed


class SaveState(StrEnum):
    """What the saved/unsaved indicator shows."""

    SAVED = "saved"
    UNSAVED = "unsaved"
    CONFLICT = "conflict"
    FAILED = "failed"


@dataclass(frozen=True)
class SaveOutcome:
    """The result of one save attempt, worded for the person at the keyboard."""

    state: SaveState
    message: str = ""


class CaseSession:
    """The case a worker has open, its unsaved changes and its last save."""

    def __init__(self, store: CaseStore, opened: OpenCase) -> None:
        self.store = store
        self.opened = opened
        self.state = SaveState.SAVED
        self.message = ""
        self.saved_at: float | None = None
        self._dirty = False

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
        if self.state is SaveState.SAVED:
            self.state = SaveState.UNSAVED

    def save(self, *, overwrite: bool = False) -> SaveOutcome:
        """Write the case if it changed. Never raises for conflicts or disk trouble."""
        if not self._dirty and not overwrite:
            return SaveOutcome(self.state, self.message)
        try:
            self.store.save(self.opened, overwrite=overwrite)
        except SaveConflict as exc:
            self.state = SaveState.CONFLICT
            self.message = (
                "This case was deleted elsewhere since you opened it."
                if exc.deleted
                else "This case was changed elsewhere since you opened it."
            )
            return SaveOutcome(self.state, self.message)
        except (SaveFailed, CaseFileError) as exc:
            return self._failed(exc)
        return self._saved()

    def save_as_copy(self) -> SaveOutcome:
        """Keep the version in memory as a new case; the original file stays as it is on disk.
        When the copy cannot be written, every word stays in memory and the outcome says why."""
        try:
            copy = self.store.save_as_copy(self.opened)
        except (SaveFailed, SaveConflict, CaseFileError) as exc:
            return self._failed(exc)
        self.opened = copy
        return self._saved()

    def reload(self) -> SaveOutcome:
        """Drop the changes in memory and read the file again (after a conflict). When the file
        cannot be read (deleted, damaged), the version in memory is kept and the outcome says
        so: it can still be saved as a copy or written back."""
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
        return self._saved()

    def _saved(self) -> SaveOutcome:
        self._dirty = False
        self.state = SaveState.SAVED
        self.message = ""
        self.saved_at = time.monotonic()
        return SaveOutcome(self.state)

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
