"""``sbcm report``: the outcomes dashboard's figures as plain text or JSON, for people and scripts.

    sbcm report [CASES_DIR] [--json] [--days N] [--today YYYY-MM-DD]

The figures are :class:`~sbcm_tui.insight.outcomes.CaseloadOutcomes`, the same object the
dashboard screen draws, listed from the folder's summary cache like the caseload is, and worded
by :mod:`sbcm_tui.insight.outcome_wording`. Files that cannot be read are counted and named (in
the report, and as ``PATH: where: what`` lines on stderr) and the exit code is 1, as
``sbcm validate`` does; the rest of the caseload is still reported.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from sbcm_tui.cli.output import EXIT_OK, EXIT_PROBLEMS, UsageError, day_argument, emit
from sbcm_tui.insight.thresholds import DEFAULT_NO_CONTACT_DAYS

"""The days ``--today`` may be: the report counts weeks back and days ahead from it."""


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of days: {text!r}") from None
    if not 0 <= value <= 3650:
        raise argparse.ArgumentTypeError("days must be from 0 to 3650")
    return value


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``sbcm report`` to the command line."""
    report = commands.add_parser(
        "report",
        help="the outcomes across a caseload, as text or JSON",
        description="Print the outcomes dashboard's figures for a folder of case files.",
    )
    report.add_argument(
        "cases_dir",
        nargs="?",
        metavar="CASES_DIR",
        help="the case folder (default: $SBCM_HOME, else the user data folder)",
    )
    report.add_argument("--json", action="store_true", help="print JSON for scripts")
    report.add_argument(
        "--days",
        type=_days,
        default=DEFAULT_NO_CONTACT_DAYS,
        metavar="N",
        help=f"a case is quiet after N days without contact (default {DEFAULT_NO_CONTACT_DAYS})",
    )
    report.add_argument(
        "--today", type=day_argument, metavar="YYYY-MM-DD", help="count as if today were this day"
    )
    report.set_defaults(handler=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    """Print the report; exit 1 (after printing it) when some case files could not be read."""
    from sbcm_tui.cli.unlocking import codec_for
    from sbcm_tui.core.problems import Problem
    from sbcm_tui.files.caseindex import CaseIndex
    from sbcm_tui.files.paths import default_cases_dir
    from sbcm_tui.files.store import META_FOLDER
    from sbcm_tui.insight.outcome_wording import render_text
    from sbcm_tui.insight.outcomes import caseload_outcomes

    folder = Path(args.cases_dir).expanduser() if args.cases_dir else default_cases_dir()
    if not folder.is_dir():
        what = "no such folder" if not folder.exists() else "is not a folder"
        raise UsageError([f"{folder}: {what}"])
    try:
        caseload = CaseIndex(folder, folder / META_FOLDER, codec_for(folder)).scan()
    except OSError as exc:
        emit(sys.stderr, f"{folder}: folder: cannot list ({exc.strerror or type(exc).__name__})")
        return EXIT_PROBLEMS
    outcomes = caseload_outcomes(caseload, args.today or date.today(), args.days)
    text = outcomes.to_json() if args.json else render_text(outcomes, _width())
    for line in text.splitlines():  # one line at a time: a terminal that cannot show a
        emit(sys.stdout, line)  # character gets an escape, not a traceback
    sys.stdout.flush()
    for broken in caseload.broken:
        for problem in broken.problems or (Problem("file", "unreadable"),):
            emit(sys.stderr, f"{folder / broken.name}: {problem.where}: {problem.what}")
    return EXIT_PROBLEMS if caseload.broken else EXIT_OK


def _width() -> int:
    """The terminal's width when printing to one (60 to 160), else 80 for files and pipes."""
    try:
        if not sys.stdout.isatty():
            return 80
        columns = os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return 80
    return max(60, min(columns, 160))
