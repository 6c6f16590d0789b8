"""What screens, panes and forms tell the app: the one way up.

Each message is posted where the thing happened and bubbles to :class:`~sbcm_tui.tui.app.SbcmApp`,
which handles it with ``@on``. A message names the session it is about, so a change that reaches
the app after its case was closed is still saved, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from textual.message import Message

if TYPE_CHECKING:
    from sbcm_tui.core.case import Case, Contact
    from sbcm_tui.core.protocol import Protocol
    from sbcm_tui.files.session import CaseSession


@dataclass
class CaseChanged(Message):
    """The case in memory changed (however little): the app saves it about a second later."""

    session: CaseSession


@dataclass
class CaseOpened(Message):
    """This case is now the open one (the previous one is saved and let go)."""

    session: CaseSession


@dataclass
class LeaveRequested(Message):
    """Leave the screen on top, then save; ``close_session`` lets the open case go too."""

    close_session: bool = False


@dataclass
class ContactRequested(Message):
    """Start (or carry on with) the next contact of the open case, once its edits are saved."""

    session: CaseSession
    protocol: Protocol


@dataclass
class PracticeContactEnded(Message):
    """A practice contact ended: back to its case, with the feedback on top."""

    session: CaseSession
    contact_number: int
    last_contact: bool
    """The protocol's last contact: the practice case is finished."""


@dataclass
class PracticeViewRequested(Message):
    """Between the typed transcript (``talk``) and the guided steps (``steps``) of one practice
    contact: back to the other if it is the screen just below (the stack never grows), else
    open it."""

    session: CaseSession
    protocol: Protocol
    contact: Contact | None
    view: Literal["talk", "steps"]


@dataclass
class NonStrengthRequested(Message):
    """Open the form for a risk, health or limitation note on the open case."""


@dataclass
class ExportRequested(Message):
    """Open the export dialog for a case (saved first, so the file written is what is on disk)."""

    case: Case
    kind: str = "staffing"
    contact: int | None = None


@dataclass
class UnsavedFormChanged(Message):
    """What a modal form holds before it is saved (None once saved or closed), to keep in the
    open case so that the autosave puts it on disk."""

    typed: str | None


@dataclass
class DemoRequested(Message):
    """Work on a fresh copy of the demo caseload (from the empty caseload's welcome)."""
