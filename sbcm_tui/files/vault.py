"""The keys of an encrypted case folder, in the age format (https://age-encryption.org/v1).

A case folder that is encrypted holds, under ``.sbcm/keys/``:

* ``recipients.txt``: the public keys every file is encrypted to, one ``age1...`` a line: the
  worker's, and the agency's recovery key (more workers' in a team, issue 14);
* ``worker.age``: the worker's secret key, itself encrypted with the worker's passphrase
  (age's scrypt recipient, the work factor age chooses: about a second to unlock here).

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
WORKER_KEY_FILE = "worker.age"
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
    """An unlocked folder: encrypts to every recipient, decrypts with the identity held."""

    def __init__(self, recipients: list[str], identities: list[str]) -> None:
        from pyrage import x25519

        try:
            self._recipients = [x25519.Recipient.from_str(r) for r in recipients]
            self._identities = [x25519.Identity.from_str(i) for i in identities]
        except Exception:  # pyrage's RecipientError/IdentityError: a damaged key file
            raise VaultError("a key of this folder is damaged") from None
        if not self._recipients:
            raise VaultError("this folder's key list is empty")

    def encrypt(self, plain: bytes) -> bytes:
        import pyrage

        return pyrage.encrypt(plain, self._recipients)

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


def keys_folder(meta: str | os.PathLike[str]) -> Path:
    return Path(meta) / KEYS_FOLDER


def has_keys(meta: str | os.PathLike[str]) -> bool:
    """Whether the folder is set up for encryption (its key list exists)."""
    return (keys_folder(meta) / RECIPIENTS_FILE).is_file()


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
    return NewKeys(Vault(recipients, [str(worker)]), str(recovery))


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
    try:
        text = (keys_folder(meta) / RECIPIENTS_FILE).read_text("ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise VaultError(f"this folder's key list cannot be read ({_why(exc)})") from None
    return [line.strip() for line in text.splitlines() if line.strip().startswith("age1")]


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
    return Vault(recipients_of(meta), [secret])


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
    return Vault(recipients_of(meta), secrets)


def _why(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or type(exc).__name__
