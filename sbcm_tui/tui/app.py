"""The Textual app: the message hub, global keys, autosave and the command palette.

The app receives its case folder and protocol choice (so tests build it over a temporary folder),
owns the one open :class:`CaseSession`, and saves it about a second after the last change.
Screens, modals and panes tell it things only by the messages in :mod:`sbcm_tui.tui.messages`,
handled below with ``@on``; it hands them read-only services (``today``, ``bank``, ``store``)
and calls back only the hooks of :class:`~sbcm_tui.tui.screens.base.SbcmScreen`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.filter import LineFilter
from textual.message import Message
from textual.screen import Screen

from sbcm_tui.core.untrusted import typed
from sbcm_tui.files import audit, recovery
from sbcm_tui.files.save_state import SaveState
from sbcm_tui.files.store import CaseStore
from sbcm_tui.files.vault import Vault
from sbcm_tui.tui import idle_lock, terminal_guard
from sbcm_tui.tui.idle_lock import IdleLock
from sbcm_tui.tui.key_order import KeyOrder, fresh
from sbcm_tui.tui.messages import (
    CaseChanged,
    CaseOpened,
    ContactRequested,
    DemoRequested,
    ExportRequested,
    LeaveRequested,
    NonStrengthRequested,
    PracticeContactEnded,
    PracticeViewRequested,
    RestoreRequested,
    ScreenRequest,
    UnsavedFormChanged,
    report_change,
)
from sbcm_tui.tui.saving import Saving
from sbcm_tui.tui.screens.base import SbcmScreen
from sbcm_tui.tui.screens.caseload import CaseloadScreen
from sbcm_tui.tui.screens.privacy import Cover, PrivacyScreen
from sbcm_tui.tui.team_sync import TeamSync
from sbcm_tui.tui.terminal_guard import UnseenFilter

if TYPE_CHECKING:
    from sbcm_tui.core.case import Case, NonStrength
    from sbcm_tui.core.protocol import PromptBank, Protocol
    from sbcm_tui.files.session import CaseSession

# The case model and the protocol (pydantic) load when a case is first opened, not at start-up:
# the caseload is drawn from cached summaries, and a worker's first screen should not wait.


UNSEEN_FILTER = UnseenFilter()
"""One instance: Textual caches each line's filtered form per filter."""


class SbcmApp(App[None]):
    """sbcm: the caseload, the case, and the contact in progress."""

    class SaveEnded(Message):
        """A background save of ``session`` has ended (posted from the saver thread)."""

        def __init__(self, session: CaseSession) -> None:
            super().__init__()
            self.session = session

    TITLE = "sbcm"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True, tooltip="Save and quit"),
        Binding(
            "ctrl+l",
            "privacy",
            "Privacy",
            id="app.privacy",
            priority=True,
            tooltip="Blank the screen at once; the same key brings it back",
        ),
        Binding("f1", "help", "Help", id="app.help", tooltip="Keys and how the app works"),
        Binding(
            "f9",
            "toggle_dark",
            "Light/dark",
            id="app.theme",
            show=False,
            tooltip="Switch between the light and the dark theme",
        ),
    ]

    def __init__(
        self,
        store: CaseStore,
        *,
        protocol: str | None = None,
        demo: bool = False,
        today: date | None = None,
        practice_store: CaseStore | None = None,
        offer_encryption: bool = False,
    ) -> None:
        super().__init__()
        self.store = store
        self.offer_encryption = offer_encryption
        """Offer to encrypt a new, empty folder at start (the command line asks for it on a
        real folder; the demo, practice and tests never see the offer)."""
        self._practice_store = practice_store
        self.protocol_choice = protocol
        self.demo = demo
        self.fixed_today = today
        self.session: CaseSession | None = None
        self.saving = Saving(self)
        """The open case's saves: autosave, retries, the save mark, conflicts (tui/saving.py)."""
        self._quit_presses = 0
        """ctrl+q presses while the open case cannot be saved: each one goes a step further."""
        self._bank: PromptBank | None = None
        self.export_folder: Path | None = None
        """The folder the export dialog suggests: the last one written to, else Documents."""
        self.export_choice = ("staffing", "html")
        """The kind and format exported last: the export dialog opens on them."""
        self.idle = IdleLock(lambda: self.lock(), already_covered=self._covered)
        """The lock after a while with no one at the keyboard (tui/idle_lock.py)."""
        self._key_order = KeyOrder(self, self._deliver_input)
        self.sub_title = self._where(store, demo)
        self.team = TeamSync(self)
        """Sync with the team, when the folder is a team folder (tui/team_sync.py)."""

    @staticmethod
    def _where(store: CaseStore, demo: bool) -> str:
        """The title bar's second half: which folder, and whether anything can be saved in it."""
        where = "demo caseload (a fresh copy: nothing here is real)" if demo else str(store.root)
        return f"{where} · READ-ONLY: nothing can be saved here" if store.read_only else where

    def on_mount(self) -> None:
        self.set_interval(idle_lock.CHECK_SECONDS, self.idle.check)
        if self.store.locked:  # an encrypted folder: nothing of it before the passphrase
            from sbcm_tui.tui.screens.unlock import UnlockScreen  # (for encrypted folders only)

            self.push_screen(UnlockScreen(self.store.audit), self._unlocked)
            return
        if self.offer_encryption and not self.store.read_only:
            from sbcm_tui.tui.screens import encryption_setup  # (not for the demo)

            if encryption_setup.should_offer(self.store.root, self.store.meta):
                setup = encryption_setup.EncryptionSetupScreen(self.store.root, self.store.meta)
                self.push_screen(setup, self._encryption_chosen)
                return
        self._show_caseload()

    def _encryption_chosen(self, vault: Vault | None) -> None:
        """Encrypted from the first case on, or not (said, and `sbcm encrypt` does it later)."""
        if vault is not None:
            self.store = CaseStore(self.store.root, vault=vault)
            audit.convert(self.store.meta, vault, seal=True, worker=self.store.audit.worker)
        self._show_caseload()

    def _show_caseload(self) -> None:
        self.caseload = CaseloadScreen()
        self.push_screen(self.caseload)
        self.call_after_refresh(self._offer_recovery)
        if self.team.on:
            self.team.start_background()

    def _unlocked(self, vault: Vault | None) -> None:
        """The passphrase opened the folder's key: the store reads and writes through it."""
        if vault is None:
            return
        self.store = CaseStore(self.store.root, vault=vault)
        self._show_caseload()

    # --- when something goes wrong -------------------------------------------------------

    def _handle_exception(self, error: Exception) -> None:
        """Whatever escapes a handler ends up here (Textual's one place for it). Keep what was
        typed and not saved in a recovery file, write what went wrong without a word of client
        text, and leave one line on the terminal instead of Textual's traceback, which shows
        local variables and so would print the open case into the scrollback."""
        kept = self._keep_for_recovery("the app stopped on an unexpected error")
        log = recovery.crash_log(error)
        super()._handle_exception(error)  # exit code 1; tests still see the exception
        line = f"sbcm stopped on an unexpected error ({type(error).__name__})."
        if kept is not None:
            line += f" What was not saved is kept in {kept} and offered when sbcm starts."
        elif self.session is not None and self.session.dirty:
            line += " What was not saved could not be kept either."
        if log is not None:
            line += f" Details, without client text: {log}"
        self._exit_renderables[:] = [Text(line)]  # Textual's own list of what it prints on exit

    def _keep_for_recovery(self, reason: str) -> Path | None:
        """The open case as it is in memory, in an owner-only recovery file, when it holds
        something the file on disk does not; None when there is nothing to keep, or no room."""
        session = self.session
        if session is None or not session.dirty:
            return None
        try:
            return recovery.keep(session.opened, reason, codec=session.store.codec)
        except Exception:  # the last chance to keep the words must not itself end in a crash
            return None

    def _offer_recovery(self) -> None:
        """What an earlier run could not save, for this folder: offered back, once per start."""
        waiting = recovery.waiting(self.store.root, codec=self.store.codec)
        if waiting:
            from sbcm_tui.tui.modals.recovery import RecoveryModal

            self.push_screen(RecoveryModal(waiting, self.store))

    # --- what screens ask of the app -----------------------------------------------------

    @property
    def today(self) -> date:
        """Today, or the fixed day tests and snapshots run on."""
        return self.fixed_today or date.today()

    @property
    def bank(self) -> PromptBank:
        """The strengths prompt bank (loaded once)."""
        if self._bank is None:
            from sbcm_tui.files.protocols import load_prompt_bank

            self._bank = load_prompt_bank()
        return self._bank

    def default_protocol_name(self) -> str:
        """The protocol new cases follow: ``--protocol`` if given, else the brief five contacts."""
        from sbcm_tui.core.protocol import DEFAULT_PROTOCOL
        from sbcm_tui.files.protocols import ProtocolError, load_protocol

        if self.protocol_choice is None:
            return DEFAULT_PROTOCOL
        try:
            return load_protocol(self.protocol_choice).name
        except ProtocolError:
            return DEFAULT_PROTOCOL

    def protocol_for(self, case: Case) -> Protocol:
        """The case's own protocol; a ``--protocol FILE`` with that name takes precedence."""
        from sbcm_tui.core.protocol import DEFAULT_PROTOCOL
        from sbcm_tui.files.protocols import ProtocolError, load_protocol

        if self.protocol_choice is not None:
            try:
                chosen = load_protocol(self.protocol_choice)
            except ProtocolError as exc:
                self.notify(str(exc), title="Protocol not loaded", severity="error", markup=False)
            else:
                if chosen.name == case.protocol:
                    return chosen
        try:
            return load_protocol(case.protocol)
        except ProtocolError:
            self.notify(
                f"This case follows protocol '{case.protocol}', which is not installed here; "
                f"showing the {DEFAULT_PROTOCOL} steps instead.",
                severity="warning",
                markup=False,
            )
            return load_protocol(DEFAULT_PROTOCOL)

    @property
    def practice_store(self) -> CaseStore:
        """The practice folder (role-play cases), opened on first use: apart from the caseload,
        so a practice case is never saved among real ones. OSError if it cannot be made."""
        if self._practice_store is None:
            from sbcm_tui.files.paths import practice_dir

            self._practice_store = CaseStore(practice_dir())
        return self._practice_store

    # --- what screens tell the app --------------------------------------------------------

    @on(CaseOpened)
    def _case_opened(self, event: CaseOpened) -> None:
        """Make this case the open one, saving the previous one first."""
        if event.session is not self.session:
            self.save_now()
            self.session = event.session
            event.session.store.record("open", event.session.case.id)

    def close_session(self) -> None:
        """Save and let go of the open case (back to the caseload); in a team folder, a case
        that was edited is then shared (in the background)."""
        edited = self.session is not None and (
            self.session.dirty or self.session.revision_at_open != self.session.case.revision
        )
        self.save_now()
        if self.session is not None and not self.session.dirty:
            self.session = None
        self.team.case_closed(edited)

    def _asked_by_top(self, request: ScreenRequest) -> bool:
        """Whether the screen that asked is still the one on top: a request made twice before
        the app answered (a key pressed twice), or from a screen a dialog has since covered,
        is let go rather than acted on the wrong screen."""
        return request.screen is self.screen

    @on(LeaveRequested)
    def _leave_requested(self, event: LeaveRequested) -> None:
        """Leave the current screen, then save. In that order: a conflict found by the save
        opens its choice over the screen left to, instead of being popped with the one left."""
        if not self._asked_by_top(event):
            return
        self.pop_screen()
        if event.close_session:
            self.close_session()
        else:
            self.save_now()

    @on(DemoRequested)
    def _demo_requested(self, event: DemoRequested) -> None:
        """Work on a fresh copy of the demo caseload (from the empty caseload's welcome)."""
        from sbcm_tui.files.demo import fresh_demo_copy

        if not self._asked_by_top(event):
            return
        self.close_session()
        self.store = CaseStore(fresh_demo_copy(today=self.today))
        self.demo = True
        self.sub_title = self._where(self.store, demo=True)
        self.caseload.load()

    @on(ContactRequested)
    def _contact_requested(self, event: ContactRequested) -> None:
        """Start the next contact, once what was edited on the case screen is on disk: the
        contact itself reaches the file only with the first thing recorded in it."""
        from sbcm_tui.tui.screens.practice_contact import contact_screen_for

        if not self._asked_by_top(event):
            return
        self.save_now()
        if self.saving.conflict_open:  # the conflict is answered first
            return
        self.push_screen(contact_screen_for(event.session, event.protocol))

    @on(PracticeContactEnded)
    def _practice_contact_ended(self, event: PracticeContactEnded) -> None:
        """Leave the practice contact's screens (the transcript and the guided steps) for the
        case's own screen, and show the feedback over it."""
        from sbcm_tui.tui.screens.case import CaseScreen
        from sbcm_tui.tui.screens.feedback import FeedbackScreen

        if not self._asked_by_top(event):
            return
        while len(self.screen_stack) > 1 and not isinstance(self.screen, CaseScreen):
            self.pop_screen()
        self.push_screen(FeedbackScreen(event.session, event.contact_number))
        self.save_now()
        if event.last_contact:
            self.notify("That was the last contact of this practice case.", markup=False)

    @on(PracticeViewRequested)
    def _practice_view_requested(self, event: PracticeViewRequested) -> None:
        """The transcript or the guided steps of one practice contact: back to the screen just
        below when it is that view of the same contact (so the stack never grows), else open
        it over this one."""
        from sbcm_tui.tui.screens.practice_contact import PracticeContactScreen
        from sbcm_tui.tui.screens.practice_talk import PracticeTalkScreen

        if not self._asked_by_top(event):
            return
        view = PracticeTalkScreen if event.view == "talk" else PracticeContactScreen
        below = self.screen_stack[-2] if len(self.screen_stack) > 1 else None
        if isinstance(below, view) and below.contact is event.contact:
            self.post_message(LeaveRequested(event.screen))
        else:
            self.push_screen(view(event.session, event.protocol, event.contact))

    # --- saving (tui/saving.py) -----------------------------------------------------------

    @on(CaseChanged)
    def _case_changed(self, event: CaseChanged) -> None:
        self.saving.case_changed(event.session)

    @on(SaveEnded)
    def _save_ended(self, event: SaveEnded) -> None:
        self.saving.save_ended(event.session)

    @on(RestoreRequested)
    def _restore_requested(self, event: RestoreRequested) -> None:
        if self._asked_by_top(event):
            self.saving.restore(event.session, event.version)

    @on(UnsavedFormChanged)
    def _unsaved_form_changed(self, event: UnsavedFormChanged) -> None:
        """What a plan form holds before it is saved, kept in the open case for the autosave."""
        from sbcm_tui.core import casework  # the model loads with the first case, not at start

        session = self.session
        if session is not None and casework.keep_unsaved_form(session.case, event.typed):
            report_change(self, session)

    def save_now(self) -> None:
        """Save the open case now if it has changes; conflicts open the choice modal."""
        self.saving.now()

    # --- global actions ------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Quit, saving first. A conflict on the way out keeps the words as a copy; a save that
        cannot happen keeps them in a recovery file (offered at the next start) once the worker
        has been told and presses the key again."""
        self.save_now()
        session = self.session
        if session is None or not session.dirty:
            self.exit()
            return
        if session.state is SaveState.CONFLICT and session.save_as_copy().state is SaveState.SAVED:
            self.exit()
            return
        self._quit_presses += 1
        if self._quit_presses == 1:
            self.notify(
                f"{session.message or 'Not saved.'} Press ctrl+q again to quit: what is not "
                "saved will be kept for the next start, if it can be written anywhere.",
                title="Not saved",
                severity="error",
                markup=False,
            )
            return
        if self._keep_for_recovery("it could not be saved when sbcm was closed") is None and (
            self._quit_presses == 2
        ):
            self.notify(
                "It cannot be kept anywhere either (no room?). Free some space and it saves "
                "again; or press ctrl+q once more to quit and lose it.",
                title="Not kept",
                severity="error",
                markup=False,
            )
            return
        self.exit()

    def action_privacy(self) -> None:
        """Blank the screen, or bring the work back."""
        if isinstance(self.screen, PrivacyScreen):
            self.pop_screen()
        else:
            self.save_now()
            self.push_screen(PrivacyScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the screen is blank nothing may draw over it: not the command palette, whose
        key is the app's own (and would list the case's commands)."""
        if action == "command_palette" and self._covered():
            return False
        return super().check_action(action, parameters)

    def action_toggle_dark(self) -> None:
        """Light for a bright office, dark for a dim one; the palette offers every theme."""
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def action_help(self) -> None:
        from sbcm_tui.tui.modals.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    @on(NonStrengthRequested)
    def _non_strength_requested(self, event: NonStrengthRequested) -> None:
        """Open the non-strengths form (risk, health, limitations) for the open case."""
        if not self._asked_by_top(event):
            return
        session = self.session
        if session is None:
            self.notify("Open a case first.", markup=False)
            return
        from sbcm_tui.core import casework
        from sbcm_tui.tui.modals.non_strength import NonStrengthModal

        # Asked from a contact in progress: the note is tied to it (two contacts on one day
        # each get their own in the progress note).
        in_progress = getattr(event.screen, "contact", None)
        number = getattr(in_progress, "number", None)

        def keep(note: NonStrength | None) -> None:
            if note is not None:
                casework.record_non_strength(session.case, note, number)
                report_change(self, session)
                for screen in self.screen_stack:
                    if isinstance(screen, SbcmScreen):
                        screen.case_updated()

        self.push_screen(NonStrengthModal(today=self.today), keep)

    @on(ExportRequested)
    def _export_requested(self, event: ExportRequested) -> None:
        """Open the export dialog for a case (f7 on the case, review and practice feedback
        screens), with a kind chosen and, for a kind about one contact, that contact. The case
        is saved first, so the file written is what is on disk too."""
        if not self._asked_by_top(event):
            return
        case, kind, contact = event.case, event.kind, event.contact
        from sbcm_tui.exports import default_export_folder
        from sbcm_tui.files.paths import practice_dir
        from sbcm_tui.tui.modals.export import ExportDone, ExportModal, shown_path

        self.save_now()
        practice = self._practice_store
        forbidden = [self.store.root, practice.root if practice is not None else practice_dir()]

        store = self.session.store if self.session is not None else self.store

        def written(done: ExportDone | None) -> None:
            if done is not None:
                store.record("export", case.id, kind=done.kind, format=done.fmt, to=str(done.path))
                self.export_folder = done.path.parent
                self.export_choice = (done.kind, done.fmt)  # the next export starts there
                self.notify(f"Written to {shown_path(done.path)}", title="Exported", markup=False)

        modal = ExportModal(
            case,
            today=self.today,
            folder=self.export_folder or default_export_folder(),
            forbidden=forbidden,
            kind=kind if kind is not None else self.export_choice[0],
            fmt=self.export_choice[1],
            contact=contact,
        )
        self.push_screen(modal, written)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":  # an SVG of the screen, client words and all
                yield command
        yield SystemCommand("Privacy screen", "Blank the screen at once", self.action_privacy)
        yield SystemCommand("Help", "Keys and how the app works", self.action_help)

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Textual's screenshot writes what is on screen, client details included, to a file
        nobody chose: not in this app (the export, f7, writes what a worker chooses)."""
        self.notify("Screenshots are off: they would put client details in a file.")

    # --- untrusted text: shown, never sent (core/untrusted.py, tui/terminal_guard.py) --------

    def get_line_filters(self) -> Sequence[LineFilter]:
        return [*super().get_line_filters(), UNSEEN_FILTER]

    # --- automatic logoff ------------------------------------------------------------------

    def _covered(self) -> bool:
        return isinstance(self.screen, Cover)

    def lock(self) -> None:
        """Save, then cover everything: in an encrypted folder only the passphrase uncovers it;
        in a plain one (there is no passphrase to ask) the blank privacy screen, until ctrl+l.
        What was typed stays in its field under the lock, and is on disk already."""
        self.save_now()
        if self.store.codec.encrypted:
            from sbcm_tui.tui.screens.unlock import UnlockScreen

            self.push_screen(UnlockScreen(self.store.audit, relock=True))
        else:
            self.push_screen(PrivacyScreen())

    async def on_event(self, event: events.Event) -> None:
        """Inputs wait their turn (tui/key_order.py: a key lands where the one before it left
        the focus); a typed bidi or C1 control is not a key any field takes."""
        if isinstance(event, events.Key | events.MouseDown | events.Paste):
            self.idle.touched()
        if isinstance(event, events.Key) and terminal_guard.typed_control(event.character):
            return
        if fresh(event) and not self._key_order.admit(event):  # type: ignore[arg-type]
            return
        await self._deliver_input(event)

    async def _deliver_input(self, event: events.Event) -> None:
        """Hand an event on as Textual does. Pasted text arrives cleaned (escape sequences and
        other unseen characters out; line breaks and tabs kept for a field of several lines,
        the one focused when the paste is handed on)."""
        if isinstance(event, events.Paste) and not event.is_forwarded:
            from textual.widgets import TextArea  # (start-up does not load the editor)

            lines = isinstance(self.focused, TextArea)
            event = events.Paste(typed(event.text, lines=lines))
        await super().on_event(event)


def run_app(cases_dir: Path, protocol: str | None = None, demo: bool = False) -> int:
    """Open the app on a case folder; the command line's entry point into the UI."""
    terminal_guard.install()
    app = SbcmApp(CaseStore(cases_dir), protocol=protocol, demo=demo, offer_encryption=not demo)
    # Everything imported so far (Textual, Rich, pydantic, the app's modules) lives as long as
    # the process: frozen out of the cyclic collector, it is not walked again by every full
    # collection, which about halved those pauses in a contact session (moving steps in a
    # 200-contact case, one run: 42-60 ms down to 10-35 ms each). Objects frozen are still freed
    # by their reference counts; only cycles made before this line would outlive it.
    gc.freeze()
    app.run()
    return app.return_code or 0
