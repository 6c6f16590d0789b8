"""``sbcm``, ``sbcm --cases DIR``, ``sbcm --demo``: open the app on a case folder.

The only module of the command line that reaches into the UI, and only to launch it: the app and
Textual are imported here, when the app is opened, never by a subcommand.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from sbcm_tui.cli.output import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError, report, say
from sbcm_tui.core.problems import CaseFileError
from sbcm_tui.files.paths import default_cases_dir


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The top-level options that choose the folder the app opens and its protocol."""
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--cases",
        metavar="DIR",
        help="open the case files in DIR (default: $SBCM_HOME, else the user data folder)",
    )
    where.add_argument(
        "--demo",
        action="store_true",
        help="open a fresh copy of the fictional demo cases (the shipped files stay untouched)",
    )
    parser.add_argument(
        "--protocol", metavar="NAME|FILE", help="the protocol script to follow for new cases"
    )


def cases_dir_for(args: argparse.Namespace) -> Path:
    """The folder the app opens: ``--cases`` wins over ``$SBCM_HOME``, then the platform
    default. (``--demo`` is handled apart: it never opens a real folder.)"""
    if args.cases:
        return Path(args.cases).expanduser()
    return default_cases_dir()


def open_app(args: argparse.Namespace) -> int:
    """Open the app on the folder the arguments choose (a fresh demo copy for ``--demo``)."""
    if args.cases and os.path.exists(args.cases) and not os.path.isdir(args.cases):
        raise UsageError([f"{args.cases}: is not a folder"])
    try:
        from sbcm_tui.tui.app import run_app
    except ImportError as exc:
        say(f"sbcm: the app cannot start ({type(exc).__name__}: {exc})")
        return EXIT_USAGE
    if args.demo:
        try:
            from sbcm_tui.files.demo import fresh_demo_copy
        except ImportError:
            say("sbcm: the demo cases are not available in this installation")
            return EXIT_USAGE
        try:
            cases_dir = fresh_demo_copy()
        except CaseFileError as exc:  # a damaged shipped file: say which, like validate
            report(exc, sys.stderr)
            return EXIT_PROBLEMS
        except OSError as exc:
            say(f"sbcm: cannot copy the demo cases ({exc.strerror or type(exc).__name__})")
            return EXIT_PROBLEMS
    else:
        cases_dir = cases_dir_for(args)
    try:
        result = run_app(cases_dir=cases_dir, protocol=args.protocol, demo=args.demo)
    finally:
        if args.demo:
            from sbcm_tui.files.demo import discard_demo_copy

            discard_demo_copy(cases_dir)
    return result if isinstance(result, int) else EXIT_OK
