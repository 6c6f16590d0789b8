"""How a command opens an encrypted case folder: an identity file, or the worker's passphrase.

For scripts, ``$SBCM_IDENTITY`` names a file holding an ``AGE-SECRET-KEY-...`` line (the
recovery key as printed, or a key made with ``age-keygen`` and added to the folder's recipients);
a passphrase is never taken from the environment or the command line, where other users and
shell histories see it. At a terminal, the passphrase is asked once per folder. A folder without
keys needs neither.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from sbcm_tui.cli.output import UsageError
from sbcm_tui.files.vault import IDENTITY_ENV, PLAIN, Codec, VaultError, has_keys

_OPENED: dict[Path, Codec] = {}


def codec_for(folder: str | os.PathLike[str]) -> Codec:
    """The codec for the case folder ``folder`` (PLAIN when it is not encrypted); asks for the
    passphrase at a terminal, once per folder; UsageError when it cannot be unlocked."""
    from sbcm_tui.files.store import META_FOLDER
    from sbcm_tui.files.vault import unlock, unlock_with_identity

    meta = Path(folder).resolve() / META_FOLDER
    if meta in _OPENED:
        return _OPENED[meta]
    if not has_keys(meta):
        return PLAIN
    identity = os.environ.get(IDENTITY_ENV)
    try:
        if identity:
            codec = unlock_with_identity(meta, identity)
        elif sys.stdin.isatty():
            codec = unlock(meta, getpass.getpass(f"Passphrase for {folder}: "))
        else:
            raise UsageError(
                [f"{folder}: is encrypted; run at a terminal, or set {IDENTITY_ENV} to a key file"]
            )
    except VaultError as exc:
        raise UsageError([f"{folder}: {exc}"]) from None
    _OPENED[meta] = codec
    return codec


def forget(folder: str | os.PathLike[str]) -> None:
    """Drop the folder's opened codec (its keys were just removed, or replaced)."""
    from sbcm_tui.files.store import META_FOLDER

    _OPENED.pop(Path(folder).resolve() / META_FOLDER, None)


def read_passphrase(prompt: str, *, twice: bool) -> str:
    """A new passphrase: asked (twice) at a terminal, else the first line of stdin (scripts)."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass(prompt)
    if twice and getpass.getpass("Again, to be sure: ") != first:
        raise UsageError(["the two passphrases differ; nothing was changed"])
    return first
