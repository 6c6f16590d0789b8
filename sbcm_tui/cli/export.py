"""``sbcm export CASE``: a staffing summary, a strengths handout, a progress note, the whole
case or (for a practice case) the feedback on a contact, in Markdown, HTML, JSON or TOML,
written atomically and owner-only (or to stdout).

Kinds and formats come from :mod:`sbcm_tui.exports`, the tables the app's export dialog offers
too, so the two never differ. Problems go to stderr, so that they never end up inside an export
piped to a file.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from sbcm_tui import exports
from sbcm_tui.cli.output import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
    report,
    say,
    write_stdout,
)
from sbcm_tui.cli.targets import case_targets, read_case_file, write_problem
from sbcm_tui.core.problems import CaseFileError
from sbcm_tui.files.atomic import write_atomic
from sbcm_tui.files.vault import VaultError, folder_sealer


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``sbcm export`` to the command line."""
    export = commands.add_parser(
        "export",
        help="write a staffing summary, a handout, a progress note, the case or practice feedback",
        description="Read and validate a case, then write what --kind names in --format.",
    )
    export.add_argument("path", metavar="PATH", help="the case file to export")
    export.add_argument(
        "--format", required=True, choices=list(exports.FORMATS), help="how to write it"
    )
    export.add_argument(
        "--kind",
        choices=list(exports.KINDS),
        default=exports.DEFAULT_KIND,
        help="what to write: "
        + "; ".join(f"{k.name}, {k.description}" for k in exports.KINDS.values())
        + f" (default: {exports.DEFAULT_KIND})",
    )
    export.add_argument(
        "--contact",
        type=int,
        metavar="N",
        help=f"with --kind {_contact_kinds()}: the contact to write up (default: the last one)",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="the file to write (atomically, owner-only); stdout when omitted or '-'",
    )
    export.set_defaults(handler=cmd_export)


def _contact_kinds() -> str:
    """The kinds about one contact, as ``--contact`` help and errors name them."""
    return " or ".join(k.name for k in exports.KINDS.values() if k.needs_contact)


def _check_output(source: str, out: str, suffix: str) -> None:
    if os.path.isdir(out):
        raise UsageError([f"{out}: is a folder; name the file to write"])
    if os.path.exists(out) and os.path.samefile(source, out):
        raise UsageError([f"{out}: is the file being exported; refusing to overwrite it"])
    given = os.path.splitext(out)[1].lower()
    if given in {f.suffix for f in exports.FORMATS.values()} and given != suffix:
        raise UsageError([f"{out}: the name does not match --format (use {suffix})"])


def cmd_export(args: argparse.Namespace) -> int:
    """Read and validate one case, render the export asked for, write it atomically (0600) or
    to stdout."""
    source = args.path
    case_targets([source], folders=False)
    kind, fmt = exports.KINDS[args.kind], exports.FORMATS[args.format]
    if args.contact is not None and not kind.needs_contact:
        raise UsageError(
            [f"--contact goes with --kind {_contact_kinds()} (it picks the contact to write up)"]
        )
    out = args.output
    to_stdout = out is None or out == "-"
    if not to_stdout:
        _check_output(source, out, fmt.suffix)
    try:
        case = read_case_file(source)
    except CaseFileError as exc:
        report(exc, sys.stderr)
        return EXIT_PROBLEMS
    try:
        data = exports.render_export(
            case, kind.name, fmt.name, today=date.today(), contact=args.contact
        )
    except exports.ExportError as exc:
        raise UsageError([f"{source}: {exc}"]) from None
    if to_stdout:
        write_stdout(data)
    else:
        try:
            out, sealed = _written(out, data)
        except OSError as exc:
            report(write_problem(out, exc), sys.stderr)
            return EXIT_PROBLEMS
        except VaultError as exc:
            say(f"{out}: not written: {exc}")
            return EXIT_PROBLEMS
        inside = " encrypted (it is inside an encrypted case folder)" if sealed else ""
        say(f"{out}: written{inside}")
    where = "stdout" if to_stdout else os.path.abspath(out)
    _audit_export(source, case.id, kind.name, fmt.name, where)
    return EXIT_OK


def _written(out: str, data: bytes) -> tuple[str, bool]:
    """Write an export atomically, owner-only: encrypted, as ``OUT.age``, when ``OUT`` is inside
    an encrypted case folder (an export that stays with the cases is sealed like them).
    (the path written, whether it was sealed)."""
    sealer = folder_sealer(out)
    if sealer is None:
        write_atomic(out, data)
        return out, False
    if not out.endswith(".age"):
        out += ".age"
    write_atomic(out, sealer.seal(data))
    return out, True


def _audit_export(source: str, case_id: str, kind: str, fmt: str, where: str) -> None:
    """The export in the audit log of the case folder the case is in (said, never fatal, when
    that log cannot be written: the export itself is done). A file outside a case folder (one
    the app has never kept: no ``.sbcm``) has no log, and none is made for it."""
    from sbcm_tui.files.audit import AuditLog
    from sbcm_tui.files.store import META_FOLDER

    meta = Path(source).resolve().parent / META_FOLDER
    if not meta.is_dir():
        return
    audit = AuditLog(meta)
    if not audit.record("export", case_id, kind=kind, format=fmt, to=where):
        say(f"{source}: exported, but {audit.problem}")
