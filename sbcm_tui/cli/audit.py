"""``sbcm audit`` reads a case folder's audit log; ``sbcm audit verify`` checks its chain.

    sbcm audit [CASES_DIR | CASE] [--since YYYY-MM-DD] [--json]
    sbcm audit verify [CASES_DIR]

Given a case file, only that case's entries are listed (by its id, never its name). Each line
is: when (UTC), worker, action, case id, and for an export its kind, format and where it went.
``verify`` exits 0 when every entry follows the one before it, and 1, with one line per place
the chain breaks (an entry removed, changed or moved), when it does not (files/audit.py). In an
encrypted folder the listing needs the folder unlocked (cli/unlocking.py); ``verify`` does not,
as the chain is over the sealed lines.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sbcm_tui.cli.output import EXIT_OK, EXIT_PROBLEMS, UsageError, day_argument, emit, say
from sbcm_tui.cli.unlocking import codec_for


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``sbcm audit`` to the command line."""
    audit = commands.add_parser(
        "audit",
        help="who opened, reviewed, exported or changed cases, and when; `verify` checks it",
        description="List a case folder's audit log (oldest first), or, with `verify`, check "
        "that no entry was removed, changed or moved.",
    )
    audit.add_argument(
        "target",
        nargs="*",
        metavar="[verify] CASES_DIR|CASE",
        help="a case folder (default: $SBCM_HOME, else the user data folder) or one case file",
    )
    audit.add_argument("--since", type=day_argument, metavar="YYYY-MM-DD", help="from this day")
    audit.add_argument("--json", action="store_true", help="print JSON lines for scripts")
    audit.set_defaults(handler=cmd_audit)


def _where(target: str | None) -> tuple[Path, str | None]:
    """(the case folder, the case id to keep or None) for what was named."""
    from sbcm_tui.files.paths import default_cases_dir

    if target is None:
        return default_cases_dir(), None
    path = Path(target).expanduser()
    if path.is_dir():
        return path, None
    if path.is_file() and path.suffix in (".toml", ".json"):
        return path.resolve().parent, path.stem
    raise UsageError([f"{target}: not a case folder or a case file"])


def cmd_audit(args: argparse.Namespace) -> int:
    from sbcm_tui.files.audit import AuditLog, since
    from sbcm_tui.files.store import META_FOLDER

    words = list(args.target)
    verifying = bool(words) and words[0] == "verify"
    if verifying:
        words.pop(0)
    if len(words) > 1:
        raise UsageError(["name one case folder or one case file"])
    folder, case_id = _where(words[0] if words else None)
    audit = AuditLog(folder / META_FOLDER, worker="-")
    if audit.sealed and not verifying:  # the chain checks without a key; reading needs one
        audit.codec = codec_for(folder)
    if verifying:
        if case_id is not None or args.since or args.json:
            raise UsageError(["`sbcm audit verify` takes a case folder, and no options"])
        try:
            breaks = audit.verify()
        except OSError as exc:
            say(f"{audit.path}: cannot read ({exc.strerror or type(exc).__name__})")
            return EXIT_PROBLEMS
        for found in breaks:
            emit(sys.stdout, f"{audit.path}: line {found.line}: {found.what}")
        if breaks:
            return EXIT_PROBLEMS
        count = audit.length()
        say(f"{audit.path}: {count} entries, the chain holds")
        return EXIT_OK
    try:
        entries = since(audit.entries(), args.since, case_id)
    except OSError as exc:
        say(f"{audit.path}: cannot read ({exc.strerror or type(exc).__name__})")
        return EXIT_PROBLEMS
    for entry in entries:
        if args.json:
            emit(sys.stdout, json.dumps(entry.to_json(), ensure_ascii=True))
            continue
        detail = " ".join(f"{k}={v}" for k, v in entry.detail.items())
        when = entry.at.strftime("%Y-%m-%d %H:%M:%S")
        emit(sys.stdout, f"{when}  {entry.worker}  {entry.action}  {entry.case or '-'}  {detail}")
    return EXIT_OK
