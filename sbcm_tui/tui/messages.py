"""What screens, panes and forms tell the app: the one way up.

Each message is posted where the thing happened and bubbles to :class:`~sbcm_tui.tui.app.SbcmApp`,
which handles it with ``@on``.

A change is reported with :func:`report_change`, which marks the session changed at once and
then tells the app: a message can be dropped with a screen that is closing, or when the app
exits, but a save on the way out always sees the mark. A request from a screen names the screen
(:class:`ScreenRequest`): the app acts on it only while that screen is on top, so a key pressed
twice before the app answers does not leave two screens, or open two dialogs.

Written out as plain classes, as Textual's own messages are: as dataclasses, these twelve were
3.5 ms of every start (the decorator writes and compiles each one's methods at import).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from textual.message import Message
from textual.message_pump import MessagePump
from textual.screen import Screen

if TYPE_CHECKING:
    from sbcm_tui.core.case import Case, Contact
    from sbcm_tui.core.protocol import Protocol
    from sbcm_tui.files.session import CaseSession
    from sbcm_tui.files.versions import Version


class CaseChanged(Message):
    """The case in memory changed (however little): the app saves it about a second later.
    Post it with :func:`report_change`."""

    def __init__(self, session: CaseSession) -> None:
        super().__init__()
        self.session = session


def report_change(sender: MessagePump, session: CaseSession) -> None:
    """Something in the case changed, however little: mark the session now, and tell the app,
    which saves about a second later (and at once on leaving or quitting)."""
    session.changed()
    sender.post_message(CaseChanged(session))


class ScreenRequest(Message):
    """A request from a screen, acted on only while that screen is the one on top."""

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.screen = screen


class CaseOpened(Message):
    """This case is now the open one (the previous one is saved and let go)."""

    def __init__(self, session: CaseSession) -> None:
        super().__init__()
        self.session = session


class LeaveRequested(ScreenRequest):
    """Leave the screen on top, then save; ``close_session`` lets the open case go too."""

    def __init__(self, screen: Screen, close_session: bool = False) -> None:
        super().__init__(screen)
        self.close_session = close_session


class ContactRequested(ScreenRequest):
    """Start (or carry on with) the next contact of the open case, once its edits are saved."""

    def __init__(self, screen: Screen, session: CaseSession, protocol: Protocol) -> None:
        super().__init__(screen)
        self.session = session
        self.protocol = protocol


class PracticeContactEnded(ScreenRequest):
    """A practice contact ended: back to its case, with the feedback on top. ``last_contact``:
    the protocol's last contact, so the practice case is finished."""

    def __init__(
        self, screen: Screen, session: CaseSession, contact_number: int, last_contact: bool
    ) -> None:
        super().__init__(screen)
        self.session = session
        self.contact_number = contact_number
        self.last_contact = last_contact


class PracticeViewRequested(ScreenRequest):
    """Between the typed transcript (``talk``) and the guided steps (``steps``) of one practice
    contact: back to the other if it is the screen just below (the stack never grows), else
    open it."""

    def __init__(
        self,
        screen: Screen,
        session: CaseSession,
        protocol: Protocol,
        contact: Contact | None,
        view: Literal["talk", "steps"],
    ) -> None:
        super().__init__(screen)
        self.session = session
        self.protocol = protocol
        self.contact = contact
        self.view = view


class NonStrengthRequested(ScreenRequest):
    """Open the form for a risk, health or limitation note on the open case."""


class ExportRequested(ScreenRequest):
    """Open the export dialog for a case (saved first, so the file written is what is on disk).
    ``kind`` None: the kind exported last this session (staffing at first)."""

    def __init__(
        self, screen: Screen, case: Case, kind: str | None = None, contact: int | None = None
    ) -> None:
        super().__init__(screen)
        self.case = case
        self.kind = kind
        self.contact = contact


class UnsavedFormChanged(Message):
    """What a modal form holds before it is saved (None once saved or closed), to keep in the
    open case so that the autosave puts it on disk."""

    def __init__(self, typed: str | None) -> None:
        super().__init__()
        self.typed = typed


class DemoRequested(ScreenRequest):
    """Work on a fresh copy of the demo caseload (from the empty caseload's welcome)."""


class RestoreRequested(ScreenRequest):
    """Bring a version from the history back into the open case, as a new save (the version
    it replaces is kept, so this too can be undone); every screen then shows it, as after a
    reload."""

    def __init__(self, screen: Screen, session: CaseSession, version: Version) -> None:
        super().__init__(screen)
        self.session = session
        self.version = version
