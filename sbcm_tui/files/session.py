"""One open case and its save lifecycle: never lose a word, never overwrite someone else's.

Screens change the case in memory and call :meth:`CaseSession.changed`; the app saves about a
second after typing stops (and at once on leaving). A save that cannot happen keeps every word
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
        except SaveFailed as exc:
            self.state = SaveState.FAILED
            self.message = f"Not saved: {exc.reason}. Your text is kept; it will retry."
            return SaveOutcome(self.state, self.message)
        except CaseFileError as exc:
            self.state = SaveState.FAILED
            first = exc.problems[0] if exc.problems else None
            where = f"{first.where}: {first.what}" if first else "invalid"
            self.message = f"Not saved: {where}. Your text is kept."
            return SaveOutcome(self.state, self.message)
        self._dirty = False
        self.state = SaveState.SAVED
        self.message = ""
        self.saved_at = time.monotonic()
        return SaveOutcome(self.state)

    def save_as_copy(self) -> OpenCase:
        """Keep the version in memory as a new case; the original file stays as it is on disk."""
        copy = self.store.save_as_copy(self.opened)
        self.opened = copy
        self._dirty = False
        self.state = SaveState.SAVED
        self.message = ""
        return copy

    def reload(self) -> None:
        """Drop the changes in memory and read the file again (after a conflict)."""
        self.opened = self.store.open(self.opened.path)
        self._dirty = False
        self.state = SaveState.SAVED
        self.message = ""
