"""The first start on a new case folder: encrypt it before the first case goes in (recommended).

Asked once, on a real folder that holds no case yet, no keys, and no earlier answer; never for
``--demo`` or a practice folder (the app is told by the command line, cli/app.py). Turning it on
here is ``sbcm encrypt`` on an empty folder: a passphrase (twice) for the worker's key, then the
agency's recovery key, shown once, with a key to save it to an owner-only file for printing. "Not
now" is remembered in the folder (``.sbcm/encryption-declined``) and says how to do it later.

Making the keys runs age's scrypt (a second or two), so it runs in a thread while the screen says
so. The screen is dismissed with the unlocked vault, or None when the worker said not now.
"""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, ContentSwitcher, Input, Static

from sbcm_tui.files.atomic import write_atomic
from sbcm_tui.files.vault import NewKeys, Vault, VaultError, create_keys, has_keys
from sbcm_tui.tui.widgets.field import Field

DECLINED_FILE = "encryption-declined"
"""In ``.sbcm``: the worker said "not now" (the offer is not made again for this folder)."""


def should_offer(root: Path, meta: Path) -> bool:
    """Whether a folder is new enough to be offered encryption: no case in it, no keys, no
    earlier answer. (An unreadable folder is not offered anything.)"""
    from sbcm_tui.files.store import is_case_file_name

    if has_keys(meta) or (meta / DECLINED_FILE).exists():
        return False
    try:
        return not any(is_case_file_name(entry.name) for entry in root.iterdir())
    except OSError:
        return False


class EncryptionSetupScreen(Screen[Vault | None]):
    """Offer encryption, make the keys, show the recovery key once."""

    DEFAULT_CSS = """
    EncryptionSetupScreen { align: center middle; }
    EncryptionSetupScreen ContentSwitcher {
        width: 82; max-width: 100%; height: auto; border: round $primary; padding: 0 1;
    }
    EncryptionSetupScreen ContentSwitcher > Vertical { height: auto; }
    EncryptionSetupScreen .title { text-style: bold; }
    EncryptionSetupScreen .hint { color: $text-muted; }
    EncryptionSetupScreen #setup-message, EncryptionSetupScreen #recovery-message {
        height: auto; color: $warning;
    }
    EncryptionSetupScreen #recovery-key { text-style: bold; padding: 1 0; }
    EncryptionSetupScreen .buttons { height: auto; margin-top: 1; }
    EncryptionSetupScreen Button { margin-right: 2; }
    """
    BINDINGS = [
        Binding("escape", "not_now", "Not now", id="setup.not_now"),
        Binding("s", "save_key", "Save the key to a file", id="setup.save_key"),
    ]

    def __init__(self, root: Path, meta: Path) -> None:
        super().__init__()
        self.root, self.meta = root, meta
        self._keys: NewKeys | None = None
        self._saved_to: Path | None = None

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="setup-ask"):
            with Vertical(id="setup-ask"):
                yield Static("Encrypt this case folder? (recommended)", classes="title")
                yield Static(
                    "Case files hold health, safety and substance-use details. Encrypted, a "
                    "lost laptop or a copied folder shows nothing of them without your "
                    "passphrase; the app asks for it when it starts and after it locks. "
                    "Choose one you can type in a session: 8 characters or more.",
                    markup=False,
                )
                yield Field(password=True, placeholder="passphrase", id="setup-passphrase")
                yield Field(password=True, placeholder="the same again", id="setup-again")
                yield Static("", id="setup-message", markup=False)
                with Horizontal(classes="buttons"):
                    yield Button("Encrypt", id="setup-encrypt", variant="primary", compact=True)
                    yield Button("Not now (esc)", id="setup-skip", compact=True)
            with Vertical(id="setup-key"):
                yield Static("The agency's recovery key: shown once", classes="title")
                yield Static(
                    "If your passphrase is lost, this key opens every file of the folder, with "
                    "this app or with the standard age tool. Print it or write it down, give it "
                    "to your supervisor to lock away, and do not keep it on this laptop.",
                    markup=False,
                )
                yield Static("", id="recovery-key", markup=False)
                yield Static("", id="recovery-message", markup=False)
                with Horizontal(classes="buttons"):
                    yield Button("Save it to a file (s)", id="recovery-save", compact=True)
                    yield Button(
                        "I have kept it: open the caseload",
                        id="recovery-done",
                        variant="primary",
                        compact=True,
                    )

    def on_mount(self) -> None:
        self.query_one("#setup-passphrase", Input).focus()

    def _say(self, text: str) -> None:
        self.query_one("#setup-message", Static).update(text)

    # --- asking ------------------------------------------------------------------------------

    @on(Input.Submitted, "#setup-passphrase")
    def _next_field(self) -> None:
        self.query_one("#setup-again", Input).focus()

    @on(Input.Submitted, "#setup-again")
    def _submitted(self) -> None:
        self._encrypt()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {
            "setup-encrypt": self._encrypt,
            "setup-skip": self.action_not_now,
            "recovery-save": self.action_save_key,
            "recovery-done": self._done,
        }
        actions[event.button.id or ""]()

    def _encrypt(self) -> None:
        first = self.query_one("#setup-passphrase", Input)
        again = self.query_one("#setup-again", Input)
        if len(first.value) < 8:
            self._say("The passphrase needs 8 characters or more.")
            first.focus()
            return
        if again.value != first.value:
            self._say("The two differ. Type the passphrase again in the second field.")
            again.value = ""
            again.focus()
            return
        for field in (first, again):
            field.disabled = True
        self._say("Making the keys…")
        self._make_keys(first.value)

    @work(thread=True, exclusive=True, group="setup", exit_on_error=False)
    def _make_keys(self, passphrase: str) -> None:
        try:
            keys = create_keys(self.meta, passphrase)
        except (VaultError, OSError) as exc:
            why = getattr(exc, "strerror", None) or str(exc)
            self.app.call_from_thread(self._refused, why)
            return
        self.app.call_from_thread(self._made, keys)

    def _refused(self, why: str) -> None:
        for field in self.query(Input):
            field.disabled = False
        self._say(f"The keys could not be made: {why}. Nothing was changed.")

    def _made(self, keys: NewKeys) -> None:
        self._keys = keys
        for field in self.query(Input):
            field.value = ""
        self.query_one("#recovery-key", Static).update(keys.recovery_secret)
        self.query_one(ContentSwitcher).current = "setup-key"
        self.query_one("#recovery-save", Button).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Before the keys are made, Escape says not now; after, only the key's own keys."""
        if action == "not_now":
            return self._keys is None
        if action == "save_key":
            return self._keys is not None
        return True

    def action_not_now(self) -> None:
        with contextlib.suppress(OSError):
            self.meta.mkdir(mode=0o700, exist_ok=True)
            write_atomic(
                self.meta / DECLINED_FILE,
                f"Encryption offered and declined on {date.today().isoformat()}. "
                "`sbcm encrypt FOLDER` turns it on.\n".encode("ascii"),
            )
        self.app.notify(
            "Not encrypted. `sbcm encrypt` turns it on later, for the whole folder.",
            title="Encryption",
        )
        self.dismiss(None)

    # --- the recovery key --------------------------------------------------------------------

    def action_save_key(self) -> None:
        """The recovery key in an owner-only file in the home folder, to print and delete."""
        if self._keys is None:
            return
        path = Path.home() / f"sbcm-recovery-key-{date.today().isoformat()}.txt"
        try:
            write_atomic(path, self._keys.recovery_file(self.root).encode("ascii"))
        except OSError as exc:
            why = exc.strerror or type(exc).__name__
            self.query_one("#recovery-message", Static).update(f"Not saved: {why}.")
            return
        self._saved_to = path
        self.query_one("#recovery-message", Static).update(
            f"Saved to {path} (only you can read it). Print it, then delete it."
        )

    def _done(self) -> None:
        if self._keys is None:
            return
        vault = self._keys.vault
        self._keys = None  # the recovery secret is not kept a moment longer than shown
        self.query_one("#recovery-key", Static).update("")
        self.dismiss(vault)
