"""``sbcm history CASE`` lists the versions kept of a case; ``sbcm restore CASE VERSION`` brings
one back.

A restore is a new save, through the store like any other: the version it replaces is kept in
the history too (reason ``restore``), so a restore can be undone the same way. The version is
validated first, and refused with one line if it does not load. A case file that no longer
loads itself (damaged, cut short) can still be restored over: that is when a history is needed
most, and the damaged bytes are kept in the history before they are replaced.

Versions are numbered newest first (1 is the newest), as ``sbcm history`` lists them; a version
can also be named by its file name under ``.sbcm/history/<case-id>/``, which does not shift
when new versions are kept.

In an encrypted folder the listing needs no key (it is read from the versions' file names); a
restore opens the folder first, as every command that reads a case does (cli/unlocking.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sbcm_tui.cli.output import EXIT_OK, EXIT_PROBLEMS, UsageError, emit, report, say
from sbcm_tui.cli.targets import case_targets
from sbcm_tui.core.problems import CaseFileError, Problem, ProblemKind

if TYPE_CHECKING:
    from sbcm_tui.files.versions import Version


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``sbcm history`` and ``sbcm restore`` to the command line."""
    history = commands.add_parser(
        "history",
        help="list the versions kept of a case, newest first",
        description="List the versions kept of a case file: number (1 is the newest), when it "
        "was written (local time), revision, why it was kept, and its size in bytes.",
    )
    history.add_argument("path", metavar="CASE", help="the case file")
    history.set_defaults(handler=cmd_history)
    restore = commands.add_parser(
        "restore",
        help="bring a version of a case back, as a new save (itself reversible)",
        description="Bring back a version that `sbcm history CASE` lists, as a new save: the "
        "version it replaces is kept in the history, so the restore can be undone too.",
    )
    restore.add_argument("path", metavar="CASE", help="the case file")
    restore.add_argument(
        "version", metavar="VERSION", help="its number in `sbcm history CASE`, or its file name"
    )
    restore.set_defaults(handler=cmd_restore)


def case_history(path: str):
    """The history of the case folder a case file is in (nothing is created by reading it)."""
    from sbcm_tui.files.history import CaseHistory
    from sbcm_tui.files.store import META_FOLDER

    return CaseHistory(Path(path).parent / META_FOLDER)


def listed(path: str) -> list[Version]:
    """The versions of one case, newest first; a history folder that cannot be read is a
    problem with the case (exit 1), said as one line."""
    try:
        return case_history(path).versions(path)
    except OSError as exc:
        raise _HistoryUnreadable(path, exc) from None


class _HistoryUnreadable(Exception):
    def __init__(self, path: str, exc: OSError) -> None:
        reason = exc.strerror or type(exc).__name__
        self.error = CaseFileError(
            path, ProblemKind.UNREADABLE, [Problem("history", f"cannot list ({reason})")]
        )


def when(version: Version) -> str:
    """When a version was written, in local time, to the second."""
    return version.written_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def revision_of(version: Version) -> str:
    return "?" if version.revision is None else str(version.revision)


def versions_of(path: str) -> list[Version] | None:
    """The versions kept of the case at ``path``, newest first; None (said on stderr) when
    its history cannot be read."""
    case_targets([path], folders=False)
    try:
        return listed(path)
    except _HistoryUnreadable as exc:
        report(exc.error, sys.stderr)
        return None


def cmd_history(args: argparse.Namespace) -> int:
    """List the versions kept of one case, newest first."""
    path = args.path
    versions = versions_of(path)
    if versions is None:
        return EXIT_PROBLEMS
    if not versions:
        say(f"{path}: no versions kept yet (one is kept each time the case is saved over)")
        return EXIT_OK
    width = len(str(len(versions)))
    emit(sys.stdout, f"{'#':>{width}}  {'when':<19}  {'revision':>8}  {'reason':<13}  {'bytes':>9}")
    for number, version in enumerate(versions, start=1):
        emit(
            sys.stdout,
            f"{number:>{width}}  {when(version):<19}  {revision_of(version):>8}  "
            f"{version.reason:<13}  {version.size:>9,}",
        )
    return EXIT_OK


def chosen(path: str, versions: list[Version], wanted: str) -> tuple[int, Version]:
    """(number, version) for VERSION as given: a number from the listing, or a file name."""
    if wanted.isdigit():
        number = int(wanted)
        if 1 <= number <= len(versions):
            return number, versions[number - 1]
        have = f"versions 1 to {len(versions)}" if versions else "no versions"
        raise UsageError([f"{path}: no version {wanted}; it has {have} (`sbcm history {path}`)"])
    for number, version in enumerate(versions, start=1):
        if version.path.name == wanted:
            return number, version
    raise UsageError([f"{path}: no version named {wanted} (`sbcm history {path}` lists them)"])


def cmd_restore(args: argparse.Namespace) -> int:
    """Bring one version back as a new save; exit 1 (one line) when it cannot be."""
    path = args.path
    versions = versions_of(path)
    if versions is None:
        return EXIT_PROBLEMS
    number, version = chosen(path, versions, args.version)
    problem, revision, undo = restore_version(path, version)
    if problem is not None:
        say(f"{path}: {problem}")
        return EXIT_PROBLEMS
    done = (
        f"{path}: version {number} (revision {revision_of(version)}, written {when(version)}) "
        f"is back, saved as revision {revision}"
    )
    after = [v.path for v in listed(path)]
    if undo is not None and undo in after:
        done += f"; the version it replaced is kept: `sbcm restore {path} {after.index(undo) + 1}`"
        done += " undoes this"
    say(done)
    return EXIT_OK


def restore_version(path: str, version: Version) -> tuple[str | None, int, Path | None]:
    """Restore through a session on the case: over the file as it is or, when it no longer
    loads, over its damaged bytes (which the history keeps). (None, the new revision, the
    replaced version as kept) when done, else (why, 0, None), in one line."""
    from sbcm_tui.cli.unlocking import codec_for
    from sbcm_tui.files.casefile import digest, read_bytes
    from sbcm_tui.files.history import load_version
    from sbcm_tui.files.session import CaseSession, SaveState
    from sbcm_tui.files.store import CaseStore, OpenCase
    from sbcm_tui.files.vault import Vault

    codec = codec_for(Path(path).parent)  # an encrypted folder: the passphrase, or a key file
    try:
        store = CaseStore(Path(path).parent, vault=codec if isinstance(codec, Vault) else None)
    except OSError as exc:
        return f"Not restored: the case folder cannot be used ({exc.strerror or 'error'}).", 0, None
    damaged = False
    try:
        opened = store.open(path)
    except CaseFileError:
        try:
            case = load_version(version, Path(path).stem, store.codec)
            current = read_bytes(path)
        except CaseFileError as exc:
            first = exc.problems[0] if exc.problems else None
            why = f"{first.where}: {first.what}" if first else "it cannot be read"
            return f"Not restored: {why}.", 0, None
        # The revision carries on from the newest one the history knows.
        known = [v.revision for v in store.history.versions(path) if v.revision is not None]
        case.revision = max([case.revision, *known])
        opened = OpenCase(case, Path(path), digest(current))
        damaged = True
    session = CaseSession(store, opened)
    outcome = session.restore(version, over_damaged=damaged)
    if outcome.state is not SaveState.SAVED:
        return outcome.message, 0, None
    if outcome.warning:
        say(f"{path}: {outcome.warning}")
    return None, session.case.revision, store.history.last_kept
