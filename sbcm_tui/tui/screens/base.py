"""What the app may ask of any of its screens, with defaults, and their palette commands.

The app calls :meth:`SbcmScreen.case_replaced` on every screen in the stack when the open case
is replaced (reloaded, or kept as a copy, after a save conflict), and
:meth:`SbcmScreen.case_updated` when the same case was changed from outside the screen (a
safety note added over it). Palette entries come from :meth:`palette_commands` through
Textual's own per-screen mechanism, ``Screen.COMMANDS``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

from sbcm_tui.tui.messages import CaseOpened, LeaveRequested

if TYPE_CHECKING:
    from sbcm_tui.files.session import CaseSession
    from sbcm_tui.files.store import CaseStore, OpenCase
    from sbcm_tui.tui.app import SbcmApp


class ScreenCommands(Provider):
    """The palette entries of the screen the palette was opened over, in the screen's order."""

    def _commands(self) -> list[SystemCommand]:
        screen = self.screen
        return list(screen.palette_commands()) if isinstance(screen, SbcmScreen) else []

    async def discover(self) -> Hits:
        for command in self._commands():
            if command.discover:
                yield DiscoveryHit(command.title, command.callback, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            if (match := matcher.match(command.title)) > 0:
                title = matcher.highlight(command.title)
                yield Hit(match, title, command.callback, help=command.help)


class SbcmScreen(Screen):
    """Base of the app's full screens."""

    COMMANDS = {ScreenCommands}

    app: SbcmApp
    _leaving = False

    def leave(self, *, close_session: bool = False) -> None:
        """Ask the app to take this screen away (and let the open case go, if asked). From then
        on the screen's keys do nothing: a key pressed twice leaves once, ends a contact once."""
        self._leaving = True
        self.post_message(LeaveRequested(self, close_session=close_session))

    def on_screen_resume(self) -> None:
        """Shown again: a leave the app did not act on (a dialog came up over this screen
        first) is forgotten, so the keys work again. Textual calls this beside a subclass's own
        ``on_screen_resume``."""
        self._leaving = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return not self._leaving or action in ("quit", "privacy", "help")

    def case_replaced(self) -> None:
        """The open case was replaced by another object (a reload, a copy): show the new one,
        fields included. By default, the same as :meth:`case_updated`."""
        self.case_updated()

    def case_updated(self) -> None:
        """The open case was changed from outside this screen: redraw what shows it, keeping
        what is being typed. Screens that show no case keep this default, which does nothing."""

    def palette_commands(self) -> Iterable[SystemCommand]:
        """This screen's entries in the command palette (none by default)."""
        return ()

    def open_session(self, opened: OpenCase, store: CaseStore | None = None) -> CaseSession:
        """A session on a case just read, made the app's open one (by a message). ``store`` is
        the folder it is saved in: the caseload unless told (the practice folder)."""
        from sbcm_tui.files.session import CaseSession  # (with the first case opened)

        session = CaseSession(store or self.app.store, opened)
        self.post_message(CaseOpened(session))
        return session
