"""``sbcm encrypt DIR`` turns encryption on for a case folder; ``sbcm decrypt DIR`` turns it off.

``encrypt`` makes the folder's keys when it has none (a passphrase for the worker's key; the
recovery key's secret printed once, or written to ``--recovery-out FILE``, for the agency to keep
on paper), then rewrites every case file and every version in its history encrypted, one file at
a time, each replaced atomically. A run that is stopped half-way leaves every file readable
(the store reads a plain file in an encrypted folder, and encrypts it at its next save), and the
same command run again carries on where it stopped. The summary cache is rebuilt encrypted, and
the audit log is rewritten sealed, its new chain starting from the old one's end
(files/audit.py).

``decrypt`` (the folder unlocked by passphrase or ``$SBCM_IDENTITY``) does the reverse, and
removes the keys last, once no file needs them.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sys
from pathlib import Path

from sbcm_tui.cli.output import EXIT_OK, EXIT_PROBLEMS, UsageError, emit, say
from sbcm_tui.cli.unlocking import codec_for, forget, read_passphrase


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``sbcm encrypt`` and ``sbcm decrypt`` to the command line."""
    encrypt = commands.add_parser(
        "encrypt",
        help="encrypt a case folder at rest (age format), resumably",
        description="Make the folder's keys if it has none, then encrypt every case file and "
        "every kept version. Safe to stop and run again.",
    )
    encrypt.add_argument("folder", metavar="CASES_DIR")
    encrypt.add_argument(
        "--recovery-out",
        metavar="FILE",
        help="write the recovery key there (0600) instead of printing it",
    )
    encrypt.set_defaults(handler=cmd_encrypt)
    decrypt = commands.add_parser(
        "decrypt",
        help="turn a case folder's encryption off, resumably",
        description="Decrypt every case file and kept version, then remove the folder's keys.",
    )
    decrypt.add_argument("folder", metavar="CASES_DIR")
    decrypt.set_defaults(handler=cmd_decrypt)


def _folder(text: str) -> Path:
    from sbcm_tui.team.git import is_team_folder

    folder = Path(text).expanduser()
    if not folder.is_dir():
        raise UsageError([f"{text}: not a folder"])
    if is_team_folder(folder):
        raise UsageError(
            [
                f"{text}: a team folder: every version of its files is in every member's git "
                "history, so encryption cannot be turned on or off here. Encrypt a folder "
                "before `sbcm team init`; a team that needs it later starts a new repository."
            ]
        )
    return folder


def _case_files(folder: Path) -> list[Path]:
    """The case files and the kept versions of a folder (what holds client words)."""
    from sbcm_tui.files.store import META_FOLDER, is_case_file_name

    files = [p for p in sorted(folder.iterdir()) if p.is_file() and is_case_file_name(p.name)]
    history = folder / META_FOLDER / "history"
    if history.is_dir():
        files += [p for p in sorted(history.rglob("*")) if p.is_file() and not p.is_symlink()]
    return [p for p in files if not p.is_symlink()]


def _rewrite(files: list[Path], change) -> tuple[int, list[str]]:  # type: ignore[no-untyped-def]
    """Each file through ``change`` (bytes -> bytes, or None: leave it), replaced atomically;
    (how many changed, the problems, one line each)."""
    from sbcm_tui.files.atomic import write_atomic

    changed, problems = 0, []
    for path in files:
        try:
            new = change(path.read_bytes(), str(path))
            if new is None:
                continue
            write_atomic(path, new)
            changed += 1
        except Exception as exc:  # one file that cannot be changed stops nothing else
            why = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            problems.append(f"{path}: {why}")
    return changed, problems


def _reset_cache(meta: Path) -> None:
    from sbcm_tui.files.caseindex import INDEX_NAME, SEALED_INDEX_NAME

    for name in (INDEX_NAME, f"{INDEX_NAME}-wal", f"{INDEX_NAME}-shm", SEALED_INDEX_NAME):
        with contextlib.suppress(OSError):
            (meta / name).unlink()


def _convert_log(meta: Path, codec, *, seal: bool, files: int) -> list[str]:  # type: ignore[no-untyped-def]
    """The audit log rewritten sealed or plain, and the conversion recorded in it; its
    problem, if any, as one line."""
    from sbcm_tui.files.audit import AUDIT_FILE, convert, current_worker

    try:
        problem = convert(meta, codec, seal=seal, worker=current_worker(), files=files)
    except Exception as exc:  # the lock or the write: the files are done all the same
        problem = getattr(exc, "strerror", None) or type(exc).__name__
    return [] if problem is None else [f"{meta / AUDIT_FILE}: {problem}"]


def cmd_encrypt(args: argparse.Namespace) -> int:
    from sbcm_tui.files.atomic import write_atomic
    from sbcm_tui.files.store import META_FOLDER
    from sbcm_tui.files.vault import VaultError, create_keys, has_keys, is_encrypted

    folder = _folder(args.folder)
    meta = folder / META_FOLDER
    if not has_keys(meta):
        passphrase = read_passphrase("A passphrase for your key (8 or more): ", twice=True)
        try:
            keys = create_keys(meta, passphrase)
        except (VaultError, OSError) as exc:
            raise UsageError([f"{folder}: {exc}"]) from None
        codec = keys.vault
        recovery = keys.recovery_file(folder)
        if args.recovery_out:
            write_atomic(args.recovery_out, recovery.encode("ascii"))
            say(f"{args.recovery_out}: the recovery key, written (print it, then delete it)")
        else:
            emit(sys.stdout, "The recovery key (shown once: print it and keep it safe):")
            for line in recovery.splitlines():
                emit(sys.stdout, line)
    else:
        codec = codec_for(folder)

    def seal(raw: bytes, _name: str) -> bytes | None:
        return None if is_encrypted(raw) else codec.seal(raw)

    changed, problems = _rewrite(_case_files(folder), seal)
    _reset_cache(meta)
    problems += _convert_log(meta, codec, seal=True, files=changed)
    for line in problems:
        emit(sys.stderr, line)
    say(f"{folder}: {changed} files encrypted" + (f", {len(problems)} not" if problems else ""))
    return EXIT_PROBLEMS if problems else EXIT_OK


def cmd_decrypt(args: argparse.Namespace) -> int:
    from sbcm_tui.files.store import META_FOLDER
    from sbcm_tui.files.vault import TEAM_KEYS_FILE, has_keys, is_encrypted, keys_folder

    folder = _folder(args.folder)
    meta = folder / META_FOLDER
    if not has_keys(meta):
        say(f"{folder}: is not encrypted")
        return EXIT_OK
    codec = codec_for(folder)

    def opened(raw: bytes, name: str) -> bytes | None:
        return codec.open(raw, name) if is_encrypted(raw) else None

    changed, problems = _rewrite(_case_files(folder), opened)
    problems += _convert_log(meta, codec, seal=False, files=changed)
    for line in problems:
        emit(sys.stderr, line)
    if problems:
        say(f"{folder}: {len(problems)} files could not be decrypted; the keys are kept")
        return EXIT_PROBLEMS
    _reset_cache(meta)
    shutil.rmtree(keys_folder(meta))
    (folder / TEAM_KEYS_FILE).unlink(missing_ok=True)  # a copy taken out of a team folder
    forget(folder)
    say(f"{folder}: {changed} files decrypted; encryption is off")
    return EXIT_OK
