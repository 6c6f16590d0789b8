"""What every ``sbcm`` command prints and returns: exit codes, one-line messages, raw output.

Exit codes (other tools and tests rely on them):

* 0: done, every file named is fine;
* 1: a case file has problems (one ``PATH: where: what`` line per problem), or a write failed;
* 2: a usage error (no paths, a path that does not exist, a name that is not ``.toml``/``.json``);
* 130: interrupted.

A message is always exactly one line: control characters in a file name or a key are escaped,
and a character the terminal's encoding cannot show becomes an escape, never a traceback.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from sbcm_tui.core.problems import CaseFileError

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

DEBUG_ENV = "SBCM_DEBUG"
"""Set to let an unexpected error raise instead of printing one line."""

_CONTROL_RE = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")


EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)
"""The days a ``--today`` or ``--since`` may name (a year 9999 overflowed date arithmetic)."""


def day_argument(text: str) -> date:
    """An argparse type: a day as YYYY-MM-DD, within EARLIEST..LATEST."""
    import argparse

    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None
    if not EARLIEST <= day <= LATEST:
        raise argparse.ArgumentTypeError(f"a day from {EARLIEST} to {LATEST}, not {text}")
    return day


class UsageError(Exception):
    """The command was asked something it cannot do; exit 2 with each reason on stderr."""

    def __init__(self, reasons: Sequence[str]) -> None:
        self.reasons = list(reasons)
        super().__init__("; ".join(self.reasons))


def one_line(text: str) -> str:
    """Text made safe for one output line: control characters (a newline in a file name or in a
    key) are escaped, so one problem is always exactly one line."""
    return _CONTROL_RE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def emit(stream: TextIO, text: str) -> None:
    """Write one line to ``stream``, whatever characters it holds."""
    line = one_line(text) + "\n"
    try:
        stream.write(line)
    except UnicodeEncodeError:  # a file name in bytes the terminal's encoding cannot show
        encoding = getattr(stream, "encoding", None) or "utf-8"
        stream.write(line.encode(encoding, "backslashreplace").decode(encoding, "replace"))


def say(text: str) -> None:
    """A message for the person at the terminal (stderr)."""
    emit(sys.stderr, text)


def report(error: CaseFileError, stream: TextIO | None = None) -> None:
    """One ``PATH: where: what`` line per problem (stdout unless told otherwise)."""
    for line in error.lines():
        emit(stream or sys.stdout, line)


def write_stdout(data: bytes) -> None:
    """Bytes to stdout as they are (an export, JSON lines), after anything already printed."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        sys.stdout.flush()
        buffer.write(data)
        buffer.flush()
