"""``sbcm seal FILE...``: accept a hand edit of a TOML case file by re-writing its checksum line.

Folders are refused on purpose: sealing is a statement that one file's contents are complete,
and sealing a whole folder would also bless a file that was cut short.
"""

from __future__ import annotations

import argparse
import codecs
import os

from sbcm_tui.cli.output import EXIT_OK, EXIT_PROBLEMS, report, say
from sbcm_tui.cli.targets import case_targets, write_problem
from sbcm_tui.core.problems import CaseFileError, ProblemKind
from sbcm_tui.files.atomic import write_atomic


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``sbcm seal`` to the command line."""
    sealer = commands.add_parser(
        "seal",
        help="re-seal hand-edited TOML case files",
        description="Rewrite the checksum line of TOML case files that are valid apart from it.",
    )
    sealer.add_argument("paths", nargs="+", metavar="PATH", help="a TOML case file")
    sealer.set_defaults(handler=cmd_seal)


def cmd_seal(args: argparse.Namespace) -> int:
    """Rewrite the checksum line of TOML files that are valid apart from it (after a hand edit)."""
    targets = case_targets(args.paths, folders=False)
    results = [seal_one(path) for path in targets.files]
    return EXIT_OK if all(results) else EXIT_PROBLEMS


def seal_one(path: str) -> bool:
    """Re-seal one hand-edited TOML file; False (problems printed) when it cannot be."""
    from sbcm_tui.files.casefile import CaseFormat, load_case, read_bytes, seal, unsealed

    fmt = CaseFormat.for_path(path)
    try:
        raw = read_bytes(path)
        load_case(raw, fmt, path)
    except CaseFileError as exc:
        if exc.kind is not ProblemKind.CHECKSUM:  # anything else needs a person, not a seal
            report(exc)
            return False
    else:
        if fmt is CaseFormat.JSON:
            say(f"{path}: a JSON case file has no checksum line; nothing to do")
        else:
            say(f"{path}: checksum already matches; nothing to do")
        return True
    sealed = seal(unsealed(raw.removeprefix(codecs.BOM_UTF8)))
    try:
        load_case(sealed, CaseFormat.TOML, path)  # only ever write what will load
    except CaseFileError as exc:
        report(exc)
        return False
    try:
        # Through a link, the file it points at is re-sealed and the link stays a link.
        write_atomic(os.path.realpath(path), sealed)
    except OSError as exc:
        report(write_problem(path, exc))
        return False
    say(f"{path}: sealed")
    return True
