"""``sbcm practice code FILE|-``: code worker lines as MI behaviours, from the command line.

One utterance per line; blank lines are skipped. Each line is printed as one JSON object,
``{"text": ..., "label": ...}``; with ``--summary`` the counts and ratios are printed instead
(plain text, or one JSON object with ``--json``). A file that is missing, unreadable or not
UTF-8 is one line on stderr and exit 1; nothing is printed on stdout then.
"""

from __future__ import annotations

import argparse
import codecs
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sbcm_tui.cli.output import EXIT_OK, EXIT_PROBLEMS, say, write_stdout
from sbcm_tui.core.untrusted import escaped_unseen

if TYPE_CHECKING:  # the coder compiles its cues on import: only ``sbcm practice code`` needs it
    from sbcm_tui.practice.coder import Code

STDIN = "-"


class UnreadableLines(Exception):
    """The input cannot be read as UTF-8 text; the message names the file and what is wrong."""


@dataclass(frozen=True)
class CodedLine:
    """One worker line and the code the coder suggests for it."""

    text: str
    code: Code

    def to_json(self) -> dict[str, str]:
        return {"text": self.text, "label": self.code.value}


def read_utterances(path: str) -> list[str]:
    """The non-blank lines of a file (or of stdin for ``-``), stripped of surrounding spaces."""
    name = "stdin" if path == STDIN else path
    try:
        if path == STDIN:
            stream = getattr(sys.stdin, "buffer", None)
            data = stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
        elif os.path.isdir(path):
            raise UnreadableLines(f"{name}: is a folder; name a file of utterances")
        else:
            with open(path, "rb") as handle:
                data = handle.read()
    except FileNotFoundError:
        raise UnreadableLines(f"{name}: no such file") from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise UnreadableLines(f"{name}: cannot read ({reason})") from None
    try:
        text = data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnreadableLines(f"{name}: line {line}: not UTF-8 text") from None
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for number, line in enumerate(lines, start=1):
        if _is_json_record(line):
            raise UnreadableLines(
                f"{name}: line {number} is JSON, not an utterance; this reads plain text, one "
                "utterance per line (for JSON lines, take out the text first, e.g. jq -r .text)"
            )
    return lines


def _is_json_record(line: str) -> bool:
    """A JSON object or array: coding its text would code the braces and the keys too. (A line
    in quotation marks is plain speech that happens to be valid JSON: it is coded.)"""
    if line[0] not in "{[" or line[-1] not in "}]":
        return False
    try:
        return isinstance(json.loads(line), dict | list)
    except ValueError:
        return False


def code_lines(utterances: Sequence[str]) -> list[CodedLine]:
    """Each utterance with its suggested code, in order."""
    from sbcm_tui.practice.miti import code_utterance

    return [CodedLine(text, code_utterance(text)) for text in utterances]


def render(coded: Sequence[CodedLine], *, summary: bool, as_json: bool) -> str:
    """What the command prints: JSON lines, or the summary as text or JSON."""
    if not summary:
        return "".join(
            escaped_unseen(json.dumps(line.to_json(), ensure_ascii=False)) + "\n" for line in coded
        )
    from sbcm_tui.practice.coder import summarize_codes

    result = summarize_codes(line.code for line in coded)
    if as_json:
        return escaped_unseen(json.dumps(result.to_json(), ensure_ascii=False)) + "\n"
    return "".join(line + "\n" for line in result.lines())


def render_miti(utterances: Sequence[str], *, summary: bool, as_json: bool) -> str:
    """``--codes miti``: each turn with its MITI code and its utterances' codes, or MITI's
    summary scores over every utterance."""
    from sbcm_tui.practice.miti import code_turn, summarize

    turns = [(text, code_turn(text)) for text in utterances]
    if summary:
        result = summarize(u for _, turn in turns for u in turn.utterances)
        if as_json:
            return escaped_unseen(json.dumps(result.to_json(), ensure_ascii=False)) + "\n"
        return "".join(line + "\n" for line in result.lines())
    out = []
    for text, turn in turns:
        record = {
            "text": text,
            "label": turn.behaviour.value,
            "utterances": [{"text": u.text, "label": u.behaviour.value} for u in turn.utterances],
        }
        out.append(escaped_unseen(json.dumps(record, ensure_ascii=False)) + "\n")
    return "".join(out)


def cmd_practice_code(args: argparse.Namespace) -> int:
    """Code each line of a file (or stdin) and print JSON lines, or the summary."""
    try:
        utterances = read_utterances(args.path)
    except UnreadableLines as exc:
        say(f"sbcm: {exc}")
        return EXIT_PROBLEMS
    if args.codes == "miti":
        output = render_miti(utterances, summary=args.summary, as_json=args.json)
    else:
        output = render(code_lines(utterances), summary=args.summary, as_json=args.json)
    write_stdout(output.encode("utf-8"))
    return EXIT_OK


def register(commands: argparse._SubParsersAction) -> argparse._SubParsersAction:  # type: ignore[type-arg]
    """Add ``sbcm practice`` and its ``code`` subcommand; returns the practice subcommands, so
    other practice tools can join them."""
    practice = commands.add_parser(
        "practice",
        help="practise interviewing: code worker lines as MI behaviours",
        description="Tools for practice mode.",
    )
    tools = practice.add_subparsers(dest="practice_command", metavar="TOOL", required=True)
    code = tools.add_parser(
        "code",
        help="code each line as a question, reflection, affirmation or other",
        description=(
            "Code each line of FILE (plain text, one utterance per line; '-' reads stdin; JSON "
            "input is refused) as open_question, "
            "closed_question, reflection, affirmation or other, and print one JSON object per "
            'line: {"text": ..., "label": ...}. Blank lines are skipped.'
        ),
    )
    code.add_argument("path", metavar="FILE", help="a UTF-8 text file, or '-' for stdin")
    code.add_argument(
        "--summary",
        action="store_true",
        help="print the counts, the reflection-to-question ratio and the share of open questions",
    )
    code.add_argument("--json", action="store_true", help="with --summary: print it as JSON")
    code.add_argument(
        "--codes",
        choices=("five", "miti"),
        default="five",
        help="five: the five labels (the default); miti: MITI 4.2.1's behaviour codes, a code "
        "per utterance of each turn and its summary scores (complex reflections, MI-adherent "
        "and non-adherent counts)",
    )
    code.set_defaults(handler=cmd_practice_code)
    return tools
