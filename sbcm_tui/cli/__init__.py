"""The ``sbcm`` command line: open the app, and validate, seal, export and describe case files.

Exit codes (other tools and tests rely on them):

* 0: done, every file named is fine;
* 1: a case file has problems (one ``PATH: where: what`` line per problem), or a write failed;
* 2: a usage error (no paths, a path that does not exist, a name that is not ``.toml``/``.json``).

Whatever bytes a file holds, the command never ends in a traceback, and no message quotes the
client's words: problems name the file as it was given, and where in it (line and column, or field
path). Set ``SBCM_DEBUG=1`` to let an unexpected error raise instead of printing one line.

The app's own modules (and textual) are imported lazily, only when the app is opened.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from sbcm_tui import __version__, exports
from sbcm_tui.cli.practice import add_practice_commands
from sbcm_tui.cli.report import add_report_command
from sbcm_tui.core.problems import CaseFileError, Problem, ProblemKind
from sbcm_tui.core.wording import plural
from sbcm_tui.files.atomic import write_atomic
from sbcm_tui.files.paths import default_cases_dir

if TYPE_CHECKING:
    from sbcm_tui.core.case import Case

# The case model (pydantic) and the file formats are imported inside the commands that read or
# write cases: opening the app reaches its caseload without building a single model.

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

CASE_SUFFIXES = (".toml", ".json")
DEBUG_ENV = "SBCM_DEBUG"
_BOM = b"\xef\xbb\xbf"
_CONTROL_RE = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")


class UsageError(Exception):
    """The command was asked something it cannot do; exit 2 with each reason on stderr."""

    def __init__(self, reasons: Sequence[str]) -> None:
        self.reasons = list(reasons)
        super().__init__("; ".join(self.reasons))


# --- output ----------------------------------------------------------------------------------


def _one_line(text: str) -> str:
    """Text made safe for one output line: control characters (a newline in a file name or in a
    key) are escaped, so one problem is always exactly one line."""
    return _CONTROL_RE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _emit(stream: TextIO, text: str) -> None:
    line = _one_line(text) + "\n"
    try:
        stream.write(line)
    except UnicodeEncodeError:  # a file name in bytes the terminal's encoding cannot show
        encoding = getattr(stream, "encoding", None) or "utf-8"
        stream.write(line.encode(encoding, "backslashreplace").decode(encoding, "replace"))


def _say(text: str) -> None:
    """A message for the person at the terminal (stderr)."""
    _emit(sys.stderr, text)


def _report(error: CaseFileError, stream: TextIO | None = None) -> None:
    """One ``PATH: where: what`` line per problem (stdout unless told otherwise)."""
    for line in error.lines():
        _emit(stream or sys.stdout, line)


# --- finding and reading case files ---------------------------------------------------------


def _has_case_suffix(name: str) -> bool:
    return name.lower().endswith(CASE_SUFFIXES)


@dataclass
class _Targets:
    """What a list of PATH arguments names: case files to read, and folders that cannot be
    listed (reported as problems, like unreadable files)."""

    files: list[str]
    problems: list[CaseFileError]


def _folder_entries(folder: str) -> list[str]:
    """Case files directly inside a folder, sorted; dot-files and dot-folders are skipped.

    Anything named like a case file is included, even a folder or a FIFO, so that reading it
    reports what it is rather than hiding it."""
    with os.scandir(folder) as entries:
        names = sorted(
            e.name for e in entries if not e.name.startswith(".") and _has_case_suffix(e.name)
        )
    return [os.path.join(folder, name) for name in names]


def _targets(paths: Iterable[str], *, folders: bool) -> _Targets:
    """Expand PATH arguments to case files; UsageError names every argument that cannot be."""
    files: list[str] = []
    problems: list[CaseFileError] = []
    usage: list[str] = []
    for path in paths:
        if not path:
            usage.append("an empty path names no file")
        elif not os.path.lexists(path):  # lexists: a dangling or looping link is still "there"
            usage.append(f"{path}: no such file or folder")
        elif os.path.isdir(path):
            if not folders:
                usage.append(f"{path}: is a folder; name the case files themselves")
                continue
            try:
                files.extend(_folder_entries(path))
            except OSError as exc:
                reason = exc.strerror or type(exc).__name__
                problems.append(
                    CaseFileError(
                        path, ProblemKind.UNREADABLE, [Problem("folder", f"cannot list ({reason})")]
                    )
                )
        elif not _has_case_suffix(path):
            usage.append(f"{path}: not a case file name (a case file ends in .toml or .json)")
        else:
            files.append(path)
    if usage:
        raise UsageError(usage)
    return _Targets(files, problems)


def _read(path: str) -> Case:
    """Read and validate one case file as named; CaseFileError says what is wrong with it."""
    from sbcm_tui.files.casefile import CaseFormat, load_case, read_bytes

    return load_case(read_bytes(path), CaseFormat.for_path(path), path)


def _write_problem(path: str, exc: OSError) -> CaseFileError:
    reason = exc.strerror or type(exc).__name__
    return CaseFileError(
        path, ProblemKind.UNREADABLE, [Problem("file", f"cannot write ({reason})")]
    )


# --- validate --------------------------------------------------------------------------------


def cmd_validate(args: argparse.Namespace) -> int:
    """Exit 0 when every case file named (or in every folder named) is valid, else 1."""
    targets = _targets(args.paths, folders=True)
    failed = len(targets.problems)
    for problem in targets.problems:
        _report(problem)
    scenarios = 0
    for path in targets.files:
        try:
            scenarios += _check(path)
        except CaseFileError as exc:
            _report(exc)
            failed += 1
    if failed:
        return EXIT_PROBLEMS
    cases = len(targets.files) - scenarios
    valid = [plural(cases, "case file")] if cases or not scenarios else []
    valid += [plural(scenarios, "role-play scenario")] if scenarios else []
    _say(f"{' and '.join(valid)} valid")
    return EXIT_OK


def _check(path: str) -> bool:
    """Validate one file as a case file, or as a role-play scenario when it is one (True)."""
    from sbcm_tui.files.casefile import CaseFormat, load_case, read_bytes

    raw = read_bytes(path)
    if path.lower().endswith(".toml"):
        from sbcm_tui.practice.scenario import looks_like_scenario, parse_scenario

        if looks_like_scenario(raw):
            parse_scenario(raw, path)
            return True
    load_case(raw, CaseFormat.for_path(path), path)
    return False


# --- seal ------------------------------------------------------------------------------------


def _seal_one(path: str) -> bool:
    """Re-seal one hand-edited TOML file; False (problems printed) when it cannot be."""
    from sbcm_tui.files.casefile import CaseFormat, load_case, read_bytes, seal, unsealed

    fmt = CaseFormat.for_path(path)
    try:
        raw = read_bytes(path)
        load_case(raw, fmt, path)
    except CaseFileError as exc:
        if exc.kind is not ProblemKind.CHECKSUM:  # anything else needs a person, not a seal
            _report(exc)
            return False
    else:
        if fmt is CaseFormat.JSON:
            _say(f"{path}: a JSON case file has no checksum line; nothing to do")
        else:
            _say(f"{path}: checksum already matches; nothing to do")
        return True
    sealed = seal(unsealed(raw.removeprefix(_BOM)))
    try:
        load_case(sealed, CaseFormat.TOML, path)  # only ever write what will load
    except CaseFileError as exc:
        _report(exc)
        return False
    try:
        # Through a link, the file it points at is re-sealed and the link stays a link.
        write_atomic(os.path.realpath(path), sealed)
    except OSError as exc:
        _report(_write_problem(path, exc))
        return False
    _say(f"{path}: sealed")
    return True


def cmd_seal(args: argparse.Namespace) -> int:
    """Rewrite the checksum line of TOML files that are valid apart from it (after a hand edit).

    Folders are refused on purpose: sealing is a statement that one file's contents are complete,
    and sealing a whole folder would also bless a file that was cut short."""
    targets = _targets(args.paths, folders=False)
    results = [_seal_one(path) for path in targets.files]
    return EXIT_OK if all(results) else EXIT_PROBLEMS


# --- schema ----------------------------------------------------------------------------------


def case_json_schema() -> dict[str, object]:
    """The JSON Schema of a case file (either format: TOML and JSON hold the same model)."""
    from sbcm_tui.core.case import SCHEMA_VERSION, Case

    schema = Case.model_json_schema()
    schema.pop("title", None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:sbcm-tui:schema:case:{SCHEMA_VERSION}",
        "title": f"sbcm-tui case file (schema version {SCHEMA_VERSION})",
        **schema,
    }


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of a case file."""
    sys.stdout.write(json.dumps(case_json_schema(), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK


# --- export ----------------------------------------------------------------------------------


def _write_stdout(data: bytes) -> None:
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        sys.stdout.flush()
        buffer.write(data)
        buffer.flush()


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
    to stdout. Kinds and formats come from ``sbcm_tui.exports``, the table the app uses too.

    Problems go to stderr here, so that they never end up inside an export piped to a file."""
    source = args.path
    _targets([source], folders=False)
    kind, fmt = exports.KINDS[args.kind], exports.FORMATS[args.format]
    if args.contact is not None and not kind.needs_contact:
        raise UsageError(["--contact goes with --kind note (it picks the contact to write up)"])
    out = args.output
    to_stdout = out is None or out == "-"
    if not to_stdout:
        _check_output(source, out, fmt.suffix)
    try:
        case = _read(source)
    except CaseFileError as exc:
        _report(exc, sys.stderr)
        return EXIT_PROBLEMS
    try:
        data = exports.render_export(
            case, kind.name, fmt.name, today=date.today(), contact=args.contact
        )
    except exports.ExportError as exc:
        raise UsageError([f"{source}: {exc}"]) from None
    if to_stdout:
        _write_stdout(data)
        return EXIT_OK
    try:
        write_atomic(out, data)
    except OSError as exc:
        _report(_write_problem(out, exc), sys.stderr)
        return EXIT_PROBLEMS
    _say(f"{out}: written")
    return EXIT_OK


# --- the app ---------------------------------------------------------------------------------


def cases_dir_for(args: argparse.Namespace) -> Path:
    """The folder the app opens: ``--cases`` wins over ``$SBCM_HOME``, then the platform
    default. (``--demo`` is handled apart: it never opens a real folder.)"""
    if args.cases:
        return Path(args.cases).expanduser()
    return default_cases_dir()


def _open_app(args: argparse.Namespace) -> int:
    if args.cases and os.path.exists(args.cases) and not os.path.isdir(args.cases):
        raise UsageError([f"{args.cases}: is not a folder"])
    try:
        from sbcm_tui.tui.app import run_app
    except ImportError as exc:
        _say(f"sbcm: the app cannot start ({type(exc).__name__}: {exc})")
        return EXIT_USAGE
    if args.demo:
        try:
            from sbcm_tui.files.demo import fresh_demo_copy
        except ImportError:
            _say("sbcm: the demo cases are not available in this installation")
            return EXIT_USAGE
        try:
            cases_dir = fresh_demo_copy()
        except CaseFileError as exc:  # a damaged shipped file: say which, like validate
            _report(exc, sys.stderr)
            return EXIT_PROBLEMS
        except OSError as exc:
            _say(f"sbcm: cannot copy the demo cases ({exc.strerror or type(exc).__name__})")
            return EXIT_PROBLEMS
    else:
        cases_dir = cases_dir_for(args)
    result = run_app(cases_dir=cases_dir, protocol=args.protocol, demo=args.demo)
    return result if isinstance(result, int) else EXIT_OK


# --- parsing ---------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used to print help)."""
    parser = argparse.ArgumentParser(
        prog="sbcm",
        description="A terminal companion for Strengths-Based Case Management.",
        epilog="Exit codes: 0 fine, 1 problems found (one line each), 2 usage error.",
    )
    parser.add_argument("--version", action="version", version=f"sbcm {__version__}")
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
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check case files; one line per problem",
        description="Check case files, or every case file directly inside a folder.",
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="a case file or a folder")
    validate.set_defaults(handler=cmd_validate)

    sealer = commands.add_parser(
        "seal",
        help="re-seal hand-edited TOML case files",
        description="Rewrite the checksum line of TOML case files that are valid apart from it.",
    )
    sealer.add_argument("paths", nargs="+", metavar="PATH", help="a TOML case file")
    sealer.set_defaults(handler=cmd_seal)

    schema = commands.add_parser("schema", help="print the JSON Schema of a case file")
    schema.set_defaults(handler=cmd_schema)

    export = commands.add_parser(
        "export",
        help="write a staffing summary, a strengths handout, a progress note or the whole case",
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
        help="with --kind note: the contact to write up (default: the last one)",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="the file to write (atomically, owner-only); stdout when omitted or '-'",
    )
    export.set_defaults(handler=cmd_export)
    add_report_command(commands)
    add_practice_commands(commands)
    return parser


def _run(argv: list[str] | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or argparse's own usage message
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        handler = getattr(args, "handler", None)
        return handler(args) if handler is not None else _open_app(args)
    except UsageError as exc:
        for reason in exc.reasons:
            _say(f"sbcm: {reason}")
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
        _say(f"sbcm: internal error: {type(exc).__name__}")
        return EXIT_PROBLEMS


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the interpreter's final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
