"""Where a case's save stands, as the saved/unsaved mark shows it.

Apart from files/session.py so that the caseload, which shows no case, starts without loading
the session's save machinery: the mark and the app's save handling name these states from the
first frame on, the session only once a case is opened.
"""

from __future__ import annotations

from enum import StrEnum


class SaveState(StrEnum):
    """What the saved/unsaved indicator shows."""

    SAVED = "saved"
    UNSAVED = "unsaved"
    CONFLICT = "conflict"
    FAILED = "failed"
