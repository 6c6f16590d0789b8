"""The open case's saves, as the app runs them: a save once typing pauses (copied out on the UI
thread, written on the saver thread), a retry when the disk refuses, what the save mark shows,
and the three answers to a save conflict (keep a copy, take the file's version, overwrite).

The app keeps the message handlers (Textual dispatches to it) and hands each to this; screens
ask for a save through the app (``SbcmApp.save_now``), never here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sbcm_tui.files.save_state import SaveState
from sbcm_tui.tui.screens.base import SbcmScreen
from sbcm_tui.tui.widgets.save_indicator import SaveIndicator

if TYPE_CHECKING:
    from textual.timer import Timer

    from sbcm_tui.files.session import CaseSession, SaveOutcome
    from sbcm_tui.files.versions import Version
    from sbcm_tui.tui.app import SbcmApp
    from sbcm_tui.tui.modals.conflict import ConflictChoice, ConflictModal

AUTOSAVE_DELAY = 1.0
"""At most this many seconds pass between a change and its save. The timer starts at the first
unsaved change and is not pushed back by further typing, so a steady typist is saved every
second too, and a crash or a flat battery costs at most the last second of words."""
RETRY_DELAY = 5.0
"""A save the disk refused is tried again this long after."""


class Saving:
    """The saves of the app's open case (see the module)."""

    def __init__(self, app: SbcmApp) -> None:
        self.app = app
        self._timer: Timer | None = None
        self._state_shown: tuple[object, SaveState, str] | None = None
        self.conflict_open = False
        """The conflict choice is on screen: nothing that needs the case saved goes ahead."""

    def case_changed(self, session: CaseSession) -> None:
        """Something in a case changed (the session is already marked, see report_change):
        show it, and save once typing pauses. A change that arrives after its case was closed
        (or another opened) is saved at once."""
        if session is not self.app.session:
            self._save(session)
            return
        self.show_state()
        self._save_in(AUTOSAVE_DELAY)

    def _save_in(self, seconds: float) -> None:
        if self._timer is None:
            self._timer = self.app.set_timer(seconds, self._autosave)

    def _autosave(self) -> None:
        """The timed save: the case is copied out here and written on the saver thread, so a
        slow disk (or a big case) never holds a key's echo. Its end arrives as SaveEnded."""
        self._timer = None
        session = self.app.session
        if session is None:
            return
        app = self.app
        outcome = session.start_save(lambda: app.post_message(app.SaveEnded(session)))
        if outcome is not None:
            self._after(session, outcome)

    def save_ended(self, session: CaseSession) -> None:
        """What a background save came to (nothing when a later step already waited for it);
        words typed while it was written are saved a second later."""
        outcome = session.collect()
        if outcome is not None:
            self._after(session, outcome)
        if session is self.app.session and session.dirty:
            self._save_in(AUTOSAVE_DELAY)

    def now(self) -> None:
        """Save the open case now if it has changes; conflicts open the choice modal."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.app.session is not None:
            self._save(self.app.session)

    def _save(self, session: CaseSession) -> None:
        if not session.dirty and not session.saving:
            return
        self._after(session, session.save())

    def _after(self, session: CaseSession, outcome: SaveOutcome) -> None:
        """Show a save's outcome: the indicator, a warning, the conflict choice, or a retry."""
        app = self.app
        self.show_state()
        self._warn(outcome)
        if outcome.state is SaveState.CONFLICT and session is not app.session:
            # A case no longer open has no screen to ask on: keep its words as a copy.
            outcome = session.save_as_copy()
            if outcome.state is SaveState.SAVED:
                app.notify(
                    "A case you had closed was changed elsewhere meanwhile; your last words "
                    f"in it are kept as a copy: {session.opened.path.name}",
                    severity="warning",
                    markup=False,
                )
                return
        if outcome.state is SaveState.CONFLICT:
            self._offer_conflict_choice(outcome.message)
        elif outcome.state is not SaveState.SAVED:
            app.notify(outcome.message, title="Not saved", severity="error", markup=False)
            if session is app.session:
                self._save_in(RETRY_DELAY)

    def _warn(self, outcome: SaveOutcome) -> None:
        """A save that happened with something beside it failed (the history could not keep a
        version): said once, not at every autosave while it stays so."""
        if outcome.warning:
            self.app.notify(outcome.warning, title="History", severity="warning", markup=False)

    def restore(self, session: CaseSession, version: Version) -> None:
        """Bring a version back into the open case (from the history screen): saved first, then
        restored as a new save, then every screen shows it, as after a reload."""
        app = self.app
        if session is not app.session:
            return
        self.now()
        if self.conflict_open:  # the conflict is answered first
            return
        outcome = session.restore(version)
        self.show_state()
        self._warn(outcome)
        if outcome.state is SaveState.SAVED:
            app.notify(
                f"The version of {version.written_at.astimezone():%d %b %H:%M:%S} is back "
                f"(saved as revision {session.case.revision}); the one it replaced is kept in "
                "the history.",
                title="Restored",
                markup=False,
            )
            self._tell_screens_case_replaced()
        else:
            app.notify(outcome.message, title="Not restored", severity="error", markup=False)

    def show_state(self) -> None:
        """The save mark of the screen on top, walked to only when what it shows changes
        (every key typed changes the case)."""
        app, session = self.app, self.app.session
        if session is None or not app.screen_stack:
            return
        shown = (app.screen, session.state, session.message)
        if shown == self._state_shown:
            return
        self._state_shown = shown
        for indicator in app.screen.query(SaveIndicator):
            indicator.show_state(session.state, session.message)

    def _offer_conflict_choice(self, message: str) -> None:
        if self.conflict_open:
            return
        self.conflict_open = True
        from sbcm_tui.tui.modals.conflict import ConflictModal  # (rare: not loaded at start)

        modal = ConflictModal(message)
        self.app.push_screen(modal, lambda choice: self._resolve_conflict(choice, modal))

    def _resolve_conflict(self, choice: ConflictChoice | None, modal: ConflictModal) -> None:
        from sbcm_tui.tui.modals.conflict import ConflictChoice

        self.conflict_open = False
        app, session = self.app, self.app.session
        if session is None:
            return
        if choice is None:  # decided later: the words stay, the ones typed meanwhile too
            self._give_back(modal.typed_meanwhile)
            return
        if choice is ConflictChoice.COPY:
            outcome = session.save_as_copy()
            done = f"Your version is saved as a new case file: {session.opened.path.name}"
        elif choice is ConflictChoice.RELOAD:
            outcome = session.reload()
            done = "The version on disk is shown; your changes were dropped."
        else:
            outcome = session.save(overwrite=True)
            done = "Your version replaced the one on disk."
        self.show_state()
        if outcome.state is SaveState.SAVED:
            app.notify(done, markup=False)
            self._tell_screens_case_replaced()  # (the fields show the version chosen...)
            if choice is not ConflictChoice.RELOAD:  # (...and a reload drops the typed words)
                self._give_back(modal.typed_meanwhile)
        else:  # nothing was replaced: the words stay where they are, and the choice comes back
            app.notify(outcome.message, title="Not done", severity="error", markup=False)
            self._give_back(modal.typed_meanwhile)
            self._offer_conflict_choice(outcome.message)

    def _give_back(self, typed: list[str]) -> None:
        """What was typed as the choice came up goes where the worker was typing it: the
        field focused on the screen below (the choice is armed a moment later, see
        ConflictModal.ARM_SECONDS). Given back after a copy or an overwrite is saved, it is
        the next change of that version."""
        from textual.widgets import Input, TextArea

        field, text = self.app.screen.focused, "".join(typed)
        if not text:
            return
        if isinstance(field, Input):
            field.insert_text_at_cursor(text)
        elif isinstance(field, TextArea):
            field.insert(text)

    def _tell_screens_case_replaced(self) -> None:
        for screen in self.app.screen_stack:
            if isinstance(screen, SbcmScreen):
                screen.case_replaced()
