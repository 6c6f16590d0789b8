"""``sbcm validate PATH...``: exit 0 when every case file (or scenario) named is valid, else 1."""

from __future__ import annotations

import argparse
import os

from sbcm_tui.cli.output import EXIT_OK, EXIT_PROBLEMS, report, say
from sbcm_tui.cli.targets import case_targets
from sbcm_tui.core.problems import CaseFileError
from sbcm_tui.core.wording import plural


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``sbcm validate`` to the command line."""
    validate = commands.add_parser(
        "validate",
        help="check case files; one line per problem",
        description="Check case files, or every case file directly inside a folder.",
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="a case file or a folder")
    validate.set_defaults(handler=cmd_validate)


def cmd_validate(args: argparse.Namespace) -> int:
    """Exit 0 when every case file named (or in every folder named) is valid, else 1."""
    targets = case_targets(args.paths, folders=True)
    failed = len(targets.problems)
    for problem in targets.problems:
        report(problem)
    scenarios = 0
    in_folders = set(targets.from_folders)
    for path in targets.files:
        try:
            scenarios += check_file(path, case_folder=path in in_folders)
        except CaseFileError as exc:
            report(exc)
            failed += 1
    if failed:
        return EXIT_PROBLEMS
    cases = len(targets.files) - scenarios
    valid = [plural(cases, "case file")] if cases or not scenarios else []
    valid += [plural(scenarios, "role-play scenario")] if scenarios else []
    say(f"{' and '.join(valid)} valid")
    return EXIT_OK


def check_file(path: str, *, case_folder: bool = False) -> bool:
    """Validate one file as a case file, or as a role-play scenario when it is one (True).

    In a case folder a case must also be named after its id (``<id>.toml``), as the app reads
    it: a copy under another name would be the same case listed twice. A file named on its own
    (an export, a file sent for checking) is checked as a file only."""
    from sbcm_tui.cli.unlocking import codec_for
    from sbcm_tui.files.casefile import CaseFormat, check_file_name, load_case, read_bytes

    raw = read_bytes(path)
    raw = codec_for(os.path.dirname(os.path.abspath(path))).open(raw, path)
    if path.lower().endswith(".toml"):
        from sbcm_tui.practice.scenario import looks_like_scenario, parse_scenario

        if looks_like_scenario(raw):
            parse_scenario(raw, path)
            return True
    case = load_case(raw, CaseFormat.for_path(path), path)
    if case_folder:
        check_file_name(case, path)
    return False
