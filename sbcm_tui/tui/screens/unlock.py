"""The passphrase that opens an encrypted case folder: asked before anything of it is shown,
and again when the app locks itself after an idle time (the app's automatic logoff).

Nothing from the folder is on this screen (not a name, not a count). The passphrase opens the
worker's key with age's scrypt, about a second or two, so it runs in a thread while the screen
says so. Each wrong try is written to the folder's audit log; from the fifth on, the next try
waits, twice as long each time (up to a minute), so guessing is slow. Escape leaves the app.
"""

from __future__ import annotations

import time

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from sbcm_tui.files.audit import AuditLog
from sbcm_tui.files.vault import Vault, VaultError, unlock
from sbcm_tui.tui.screens.privacy import Cover
from sbcm_tui.tui.widgets.field import Field

FREE_TRIES = 5
LONGEST_WAIT = 60.0


def wait_after(failures: int) -> float:
    """Seconds before the next try is taken, after ``failures`` wrong ones."""
    if failures < FREE_TRIES:
        return 0.0
    return min(2.0 ** (failures - FREE_TRIES + 1), LONGEST_WAIT)


class UnlockScreen(Cover, Screen[Vault]):
    """Ask for the passphrase; dismiss with the unlocked vault."""

    DEFAULT_CSS = """
    UnlockScreen { align: center middle; }
    UnlockScreen > Vertical {
        width: 64; max-width: 100%; height: auto; border: round $primary; padding: 0 1;
    }
    UnlockScreen .title { text-style: bold; }
    UnlockScreen .hint { color: $text-muted; }
    UnlockScreen #unlock-message { height: auto; color: $warning; }
    """
    BINDINGS = [Binding("escape", "leave", "Quit", id="unlock.leave")]

    def __init__(self, audit: AuditLog, *, relock: bool = False) -> None:
        super().__init__()
        self.audit = audit
        self.relock = relock
        """Locked after idle time, over work in progress: Escape does not quit from here."""
        self.failures = 0
        self._not_before = 0.0

    def compose(self) -> ComposeResult:
        with Vertical():
            if self.relock:
                yield Static("Locked", classes="title")
                yield Static("Your work is saved. Your passphrase opens it again.", classes="hint")
            else:
                yield Static("This case folder is encrypted", classes="title")
                yield Static("Your passphrase opens it. Escape quits.", classes="hint")
            yield Field(password=True, placeholder="passphrase", id="passphrase")
            yield Static("", id="unlock-message", markup=False)

    def on_mount(self) -> None:
        self.query_one("#passphrase", Input).focus()

    def _say(self, text: str) -> None:
        self.query_one("#unlock-message", Static).update(text)

    @on(Input.Submitted, "#passphrase")
    def _try(self, event: Input.Submitted) -> None:
        wait = self._not_before - time.monotonic()
        if wait > 0:
            self._say(f"Wait {wait:.0f} s before the next try.")
            return
        field = self.query_one("#passphrase", Input)
        field.disabled = True
        self._say("Opening…")
        self._unlock(event.value)

    @work(thread=True, exclusive=True, group="unlock", exit_on_error=False)
    def _unlock(self, passphrase: str) -> None:
        try:
            vault = unlock(self.audit.meta, passphrase)
        except VaultError as exc:
            self.app.call_from_thread(self._refused, str(exc))
            return
        self.app.call_from_thread(self._opened, vault)

    def _refused(self, why: str) -> None:
        self.failures += 1
        self.audit.record("unlock-failed", None, tries=self.failures)
        wait = wait_after(self.failures)
        self._not_before = time.monotonic() + wait
        field = self.query_one("#passphrase", Input)
        field.disabled = False
        field.value = ""
        field.focus()
        later = f" The next try waits {wait:.0f} s." if wait else ""
        self._say(f"{why.capitalize()}.{later}")

    def _opened(self, vault: Vault) -> None:
        self.audit.record("unlock", None)
        self.dismiss(vault)

    def action_leave(self) -> None:
        if not self.relock:
            self.app.exit()
