"""The keys of an encrypted case folder, in the age format (https://age-encryption.org/v1).

A case folder that is encrypted holds, under ``.sbcm/keys/``:

* ``recipients.txt``: the public keys every file is encrypted to, one ``age1...`` a line: the
  worker's, and the agency's recovery key;
* ``worker.age``: the worker's secret key, itself encrypted with the worker's passphrase
  (age's scrypt recipient, the work factor age chooses: about a second to unlock here).

A team folder (sbcm_tui/team/) keeps its key list in ``team-keys.txt`` at the top of the folder
instead, shared through git like the cases (every member's key and the recovery key, each line
naming whose it is); ``.sbcm/keys/`` then holds only this worker's ``worker.age``. An unlocked
vault reads the list again whenever that file changes, so a save made after a sync brought a
new member in is encrypted to them too.

The recovery key's secret is never stored: :func:`create_keys` returns it once, to be printed
and kept by the agency. With it, any file of the folder opens with the standard tool, the day
this app is gone: ``age --decrypt -i recovery.txt c-....toml``. Every file is a whole age file
(a header, then the payload in 64 KiB chunks, each authenticated), so a change to one byte of
it makes the file refuse to open instead of opening as something else.

This module knows keys and bytes, nothing about cases: the store decides what is encrypted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sbcm_tui.files.atomic import ensure_private_folder, write_atomic

KEYS_FOLDER = "keys"
RECIPIENTS_FILE = "recipients.txt"
TEAM_KEYS_FILE = "team-keys.txt"
"""A team folder's key list, beside the case files (see the module)."""
WORKER_KEY_FILE = "worker.age"
WORKER_PUBLIC_FILE = "worker.pub"
"""In a team folder: this laptop's own public key, so that what it writes opens for it too,
even while it waits to be let in (its own audit log, a case it starts)."""
AGE_MAGIC = b"age-encryption.org/v1\n"
"""How every age file begins: an encrypted case is told from a plain one by its first line."""
IDENTITY_ENV = "SBCM_IDENTITY"
"""A file holding an ``AGE-SECRET-KEY-...`` line, for scripts (never a passphrase in the
environment)."""


class VaultError(Exception):
    """Keys missing or unreadable, a wrong passphrase, a file that does not decrypt: said in
    words a worker can act on (never with key material or client text)."""


def is_encrypted(raw: bytes) -> bool:
    return raw.startswith(AGE_MAGIC)


@dataclass(frozen=True)
class NewKeys:
    """What setting up encryption gives: the folder's vault, unlocked, and the recovery key's
    secret, to be shown once and never stored."""

    vault: Vault
    recovery_secret: str

    def recovery_file(self, folder: str | os.PathLike[str]) -> str:
        """The recovery key as a file the ``age`` tool reads as an identity, saying what it
        is for: what the app saves and the command line prints."""
        return (
            "# The recovery key of an sbcm case folder. Print it, keep it locked away.\n"
            f"# Opens any file of {Path(folder).resolve()} with: age --decrypt -i THIS_FILE FILE\n"
            f"{self.recovery_secret}\n"
        )


class Vault:
    """An unlocked folder: encrypts to every recipient, decrypts with the identity held.

    Given ``source`` (the folder's ``.sbcm``), the recipients are read again from the key list
    when that file has changed since (one ``stat`` per file sealed)."""

    def __init__(
        self,
        recipients: list[str],
        identities: list[str],
        *,
        source: str | os.PathLike[str] | None = None,
    ) -> None:
        from pyrage import x25519

        try:
            self._identities = [x25519.Identity.from_str(i) for i in identities]
        except Exception:  # pyrage's IdentityError: a damaged key file
            raise VaultError("a key of this folder is damaged") from None
        self._recipients = _parsed(recipients)
        self._source = None if source is None else Path(source)
        self._seen = None if self._source is None else _signature(key_list_path(self._source))

    def with_recipients(self, recipients: list[str]) -> Vault:
        """The same identities, sealing to another key list (a team's list being changed)."""
        vault = Vault.__new__(Vault)
        vault._identities = self._identities
        vault._recipients = _parsed(recipients)
        vault._source = vault._seen = None
        return vault

    @property
    def public_keys(self) -> list[str]:
        """The public keys of the identities held (the worker's own key, for a team list)."""
        return [str(i.to_public()) for i in self._identities]

    def _current(self) -> list:
        if self._source is not None:
            seen = _signature(key_list_path(self._source))
            if seen != self._seen:
                self._recipients = _parsed(recipients_of(self._source))
                self._seen = seen
        return self._recipients

    def encrypt(self, plain: bytes) -> bytes:
        import pyrage

        return pyrage.encrypt(plain, self._current())

    encrypted = True

    def seal(self, plain: bytes) -> bytes:
        """A file's bytes as they go to disk: encrypted to every recipient."""
        return self.encrypt(plain)

    def open(self, raw: bytes, name: str) -> bytes:
        """A file's bytes as read, decrypted (a plain file, left by a conversion that was
        stopped half-way, reads as it is and is encrypted at its next save)."""
        if not is_encrypted(raw):
            return raw
        try:
            return self.decrypt(raw)
        except VaultError as exc:
            raise _unreadable(name, str(exc)) from None

    def decrypt(self, sealed: bytes) -> bytes:
        import pyrage

        try:
            return pyrage.decrypt(sealed, self._identities)
        except pyrage.DecryptError:
            raise VaultError(
                "it does not decrypt with this worker's key (damaged, or encrypted to others)"
            ) from None


class Codec(Protocol):
    """What the store and the history write and read case bytes through: :data:`PLAIN`, or
    an unlocked :class:`Vault`."""

    encrypted: bool

    def seal(self, plain: bytes) -> bytes: ...

    def open(self, raw: bytes, name: str) -> bytes: ...


class Plain:
    """The codec of a folder that is not encrypted: bytes go to disk as they are, and an
    encrypted file is refused with a word on why (the folder's keys are not unlocked)."""

    encrypted = False

    def seal(self, plain: bytes) -> bytes:
        return plain

    def open(self, raw: bytes, name: str) -> bytes:
        if is_encrypted(raw):
            raise _unreadable(name, "is encrypted, and this folder is not unlocked")
        return raw


PLAIN = Plain()


def _unreadable(name: str, what: str) -> Exception:
    from sbcm_tui.core.problems import CaseFileError, Problem, ProblemKind

    return CaseFileError(name, ProblemKind.UNREADABLE, [Problem("file", what)])


def _parsed(recipients: list[str]) -> list:
    from pyrage import x25519

    try:
        parsed = [x25519.Recipient.from_str(r) for r in recipients]
    except Exception:  # pyrage's RecipientError: a damaged key list
        raise VaultError("a key of this folder is damaged") from None
    if not parsed:
        raise VaultError("this folder's key list is empty")
    return parsed


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


def keys_folder(meta: str | os.PathLike[str]) -> Path:
    return Path(meta) / KEYS_FOLDER


def key_list_path(meta: str | os.PathLike[str]) -> Path:
    """Where the folder's key list is: the team's, when the folder has one."""
    team = Path(meta).parent / TEAM_KEYS_FILE
    return team if team.is_file() else keys_folder(meta) / RECIPIENTS_FILE


def has_keys(meta: str | os.PathLike[str]) -> bool:
    """Whether the folder is set up for encryption (its key list exists)."""
    return key_list_path(meta).is_file()


def create_keys(meta: str | os.PathLike[str], passphrase: str) -> NewKeys:
    """Set up a folder's keys: a worker key kept under ``passphrase`` and a recovery key whose
    secret is returned, not stored. Refuses when the folder has keys already."""
    from pyrage import passphrase as scrypt
    from pyrage import x25519

    if len(passphrase) < 8:
        raise VaultError("the passphrase needs at least 8 characters")
    folder = keys_folder(meta)
    if has_keys(meta):
        raise VaultError("this folder has keys already")
    ensure_private_folder(folder)
    worker, recovery = x25519.Identity.generate(), x25519.Identity.generate()
    write_atomic(folder / WORKER_KEY_FILE, scrypt.encrypt(str(worker).encode(), passphrase))
    recipients = [str(worker.to_public()), str(recovery.to_public())]
    lines = [
        "# The keys every file of this case folder is encrypted to.",
        "# Line 1: the worker's; line 2: the agency's recovery key (its secret is not here).",
        *recipients,
    ]
    write_atomic(folder / RECIPIENTS_FILE, ("\n".join(lines) + "\n").encode("ascii"))
    return NewKeys(Vault(recipients, [str(worker)], source=meta), str(recovery))


def folder_sealer(path: str | os.PathLike[str]) -> Vault | None:
    """What seals a file written at ``path`` when it lands inside an encrypted case folder (a
    folder whose ``.sbcm`` has keys, at any depth above it): its public keys, no passphrase
    needed. None outside one: the file is written as it is."""
    start = Path(path).expanduser().resolve().parent
    for folder in (start, *start.parents):
        meta = folder / ".sbcm"
        if has_keys(meta):
            return Vault(recipients_of(meta), [])
    return None


def recipients_of(meta: str | os.PathLike[str]) -> list[str]:
    """The public keys of the folder's key list: the first word of each line that starts with
    one (a team's list names whose key each is after it; ``#`` lines are comments), and this
    laptop's own key where it keeps one apart (a team folder)."""
    try:
        text = key_list_path(meta).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise VaultError(f"this folder's key list cannot be read ({_why(exc)})") from None
    lines = (line.strip() for line in text.splitlines())
    listed = [line.split()[0] for line in lines if line.startswith("age1")]
    try:
        own = (keys_folder(meta) / WORKER_PUBLIC_FILE).read_text("ascii").strip()
    except (OSError, UnicodeDecodeError):
        own = ""
    return [*listed, own] if own.startswith("age1") and own not in listed else listed


def create_worker_key(meta: str | os.PathLike[str], passphrase: str) -> str:
    """A worker key for a laptop joining an encrypted team (kept under ``passphrase``; no
    recovery key: the team's is in its list). Returns the public key, for the team's list."""
    from pyrage import passphrase as scrypt
    from pyrage import x25519

    if len(passphrase) < 8:
        raise VaultError("the passphrase needs at least 8 characters")
    folder = keys_folder(meta)
    if (folder / WORKER_KEY_FILE).exists():
        raise VaultError("this laptop has a worker key for this folder already")
    ensure_private_folder(folder)
    worker = x25519.Identity.generate()
    write_atomic(folder / WORKER_KEY_FILE, scrypt.encrypt(str(worker).encode(), passphrase))
    write_atomic(folder / WORKER_PUBLIC_FILE, f"{worker.to_public()}\n".encode("ascii"))
    return str(worker.to_public())


def unlock(meta: str | os.PathLike[str], passphrase: str) -> Vault:
    """The folder's vault, with the worker's key opened by ``passphrase`` (VaultError when the
    passphrase is wrong: the same words whatever else could be wrong, so nothing leaks)."""
    from pyrage import passphrase as scrypt

    try:
        sealed = (keys_folder(meta) / WORKER_KEY_FILE).read_bytes()
    except OSError as exc:
        raise VaultError(f"the worker's key cannot be read ({_why(exc)})") from None
    try:
        secret = scrypt.decrypt(sealed, passphrase).decode("ascii").strip()
    except Exception:  # pyrage.DecryptError, or bytes that are not a key
        raise VaultError("that passphrase does not open this folder's key") from None
    return Vault(recipients_of(meta), [secret], source=meta)


def unlock_with_identity(meta: str | os.PathLike[str], identity_file: str | os.PathLike) -> Vault:
    """The folder's vault opened with an identity file (``age-keygen`` format, or the recovery
    key as printed): for scripts and for the agency's recovery."""
    try:
        text = Path(identity_file).read_text("ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise VaultError(f"{identity_file}: cannot be read ({_why(exc)})") from None
    secrets = [line.strip() for line in text.splitlines() if line.strip().startswith("AGE-SECRET")]
    if not secrets:
        raise VaultError(f"{identity_file}: holds no AGE-SECRET-KEY line")
    return Vault(recipients_of(meta), secrets, source=meta)


def _why(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or type(exc).__name__
