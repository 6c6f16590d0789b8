"""The ``sbcm`` command line: open the app, and validate, seal, export, report on and describe
case files. One module per command, each with a ``register(commands)``; what they print and
the exit codes they return are :mod:`sbcm_tui.cli.output`.

Whatever bytes a file holds, a command never ends in a traceback, and no message quotes the
client's words: problems name the file as it was given, and where in it (line and column, or
field path). Set ``SBCM_DEBUG=1`` to let an unexpected error raise instead of printing one line.

The app (and Textual) is imported only when the app is opened, by :mod:`sbcm_tui.cli.app`;
the subcommands' modules only when the command line is not just the app's options
(:func:`parse_arguments`).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from sbcm_tui import __version__
from sbcm_tui.cli import app
from sbcm_tui.cli.output import (
    DEBUG_ENV,
    EXIT_INTERRUPTED,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    UsageError,
    say,
)

COMMANDS = (
    "validate",
    "seal",
    "schema",
    "export",
    "report",
    "practice",
    "history",
    "audit",
    "encryption",
    "team",
)
"""The subcommands' modules (``sbcm_tui.cli.<name>``), in the order ``sbcm --help`` lists
them."""


class _NotJustTheApp(Exception):
    """The command line holds more than the app's own options (a command, help, a mistake)."""


class _AppOptionsParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _NotJustTheApp


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line, parsed as ``sbcm`` does.

    Opening the app (``sbcm``, ``sbcm --demo``, ``sbcm --cases DIR``) is by far the commonest
    command, and the one a person waits on: it is parsed with the app's options alone, without
    importing and registering the ten subcommands (about 12 ms of a 400 ms start). Anything
    else (a command, ``--help``, ``--version``, a mistake) goes to the full parser, so its
    answers and messages are the full parser's."""
    quick = _AppOptionsParser(prog="sbcm", add_help=False)
    app.add_arguments(quick)
    quick.set_defaults(handler=app.open_app, command=None)
    try:
        args, rest = quick.parse_known_args(argv)
    except _NotJustTheApp:
        rest = None
    return args if rest == [] else build_parser().parse_args(argv)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every subcommand (also used to print help)."""
    parser = argparse.ArgumentParser(
        prog="sbcm",
        description="A terminal companion for Strengths-Based Case Management.",
        epilog="Exit codes: 0 fine, 1 problems found (one line each), 2 usage error.",
    )
    parser.add_argument("--version", action="version", version=f"sbcm {__version__}")
    app.add_arguments(parser)
    parser.set_defaults(handler=app.open_app)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"{__name__}.{name}").register(commands)
    return parser


def _run(argv: list[str] | None) -> int:
    try:
        args = parse_arguments(argv)
    except SystemExit as exc:  # --help, --version, or argparse's own usage message
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        return args.handler(args)
    except UsageError as exc:
        for reason in exc.reasons:
            say(f"sbcm: {reason}")
        return EXIT_USAGE


def main(argv: list[str] | None = None) -> int:
    """The ``sbcm`` command. Never a traceback: an unexpected error is one line and exit 1."""
    try:
        return _run(argv)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # e.g. `sbcm schema | head`: the reader left, nothing to report
        _silence_stdout()
        return EXIT_PROBLEMS
    except Exception as exc:
        if os.environ.get(DEBUG_ENV):
            raise
        say(f"sbcm: internal error: {type(exc).__name__}")
        return EXIT_PROBLEMS


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the interpreter's final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
