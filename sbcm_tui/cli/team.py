"""``sbcm team init REMOTE``, ``sbcm team join REMOTE [DIR]``, ``sbcm sync``, ``sbcm team log
CASE``: a case folder shared with a team through git (sbcm_tui/team/sync.py says how).

The folder is chosen as everywhere (``--cases DIR``, ``$SBCM_HOME``, the platform default);
``join`` takes it as its second argument too. What is printed are counts, case ids and git's
own messages about refs and remotes: never client text.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sbcm_tui.cli.output import EXIT_OK, EXIT_PROBLEMS, UsageError, emit, report, say
from sbcm_tui.cli.unlocking import codec_for, read_passphrase


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``sbcm team ...`` and ``sbcm sync``."""
    team = commands.add_parser(
        "team",
        help="share this case folder with a team through a git repository",
        description="Team case folders: every laptop keeps the full history and works offline; "
        "`sbcm sync` commits, merges on the case model (never line by line) and shares. "
        "Anyone who can read the team repository can read every case in it: keep one "
        "repository per team or programme, and substance-use records (42 CFR Part 2) in "
        "their own.",
    )
    actions = team.add_subparsers(dest="team_command", metavar="ACTION", required=True)
    init = actions.add_parser(
        "init",
        help="make the case folder a team repository and push it to REMOTE",
        description="Make the case folder a team repository and push it. REMOTE is any git "
        "remote; a local path that does not exist yet becomes a new bare repository.",
    )
    init.add_argument("remote", metavar="REMOTE")
    _folder_and_name(init)
    init.set_defaults(handler=cmd_init)
    join = actions.add_parser("join", help="clone a team repository into a new case folder")
    join.add_argument("remote", metavar="REMOTE")
    join.add_argument("dir", metavar="DIR", nargs="?", help="the new case folder")
    _folder_and_name(join)
    join.set_defaults(handler=cmd_join)
    transfer = actions.add_parser(
        "transfer",
        help="hand a case to another worker of the team (recorded in the case, then shared)",
    )
    transfer.add_argument("case", metavar="CASE", help="a case file, or a case id")
    transfer.add_argument("--to", required=True, metavar="WORKER", help="a name or worker id")
    transfer.add_argument("--why", metavar="TEXT", help="why, for the record (kept in the case)")
    transfer.add_argument("--cases", metavar="DIR", help="the case folder")
    transfer.set_defaults(handler=cmd_transfer)
    workers = actions.add_parser("workers", help="the team's workers: names and ids")
    workers.add_argument("--cases", metavar="DIR", help="the case folder")
    workers.set_defaults(handler=cmd_workers)
    log = actions.add_parser(
        "log", help="who changed a case and when (case ids and parts, no client text)"
    )
    log.add_argument("case", metavar="CASE", help="a case file, or a case id")
    log.add_argument("--cases", metavar="DIR", help="the case folder")
    log.set_defaults(handler=cmd_log)
    keys = actions.add_parser(
        "keys",
        help="an encrypted team's key list: members, the recovery key, laptops asking to join",
    )
    keys.add_argument("--cases", metavar="DIR", help="the case folder")
    keys.set_defaults(handler=cmd_keys)
    for action, handler, said, described in (
        (
            "admit",
            cmd_admit,
            "let a laptop that asked to join an encrypted team read the cases",
            "Move WORKER's key from asking to member, encrypt every current case file again "
            "so that it opens for them too, and share the change.",
        ),
        (
            "remove",
            cmd_remove,
            "take a member out of an encrypted team's key list",
            "Remove WORKER's key, encrypt every current case file again without it, and "
            "share the change. Versions already in git's history stay readable with the "
            "removed key (see the README).",
        ),
    ):
        act = actions.add_parser(action, help=said, description=described)
        act.add_argument("who", metavar="WORKER", help="a name or worker id (sbcm team keys)")
        act.add_argument("--cases", metavar="DIR", help="the case folder")
        act.set_defaults(handler=handler)
    sync = commands.add_parser(
        "sync",
        help="commit what changed, bring in the team's changes, merge, and share",
        description="Commit each changed case, fetch, merge cases changed on both sides on the "
        "case model (what it cannot decide goes to the case's inbox), and push. With no "
        "network, the work is committed locally and shared at the next sync.",
    )
    sync.add_argument("--cases", metavar="DIR", help="the case folder")
    sync.set_defaults(handler=cmd_sync)


def _folder_and_name(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cases", metavar="DIR", help="the case folder")
    parser.add_argument(
        "--name", metavar="NAME", required=True, help="your name as the team knows it"
    )


def _folder(args: argparse.Namespace) -> Path:
    from sbcm_tui.files.paths import default_cases_dir

    given = getattr(args, "dir", None) or args.cases
    return Path(given).expanduser() if given else default_cases_dir()


def _run(action, *args) -> int:
    """Run a team action and print what its result says (its ``lines()``, or the lines it
    returns), or one line why not."""
    from sbcm_tui.core.problems import CaseFileError
    from sbcm_tui.files.store import SaveConflict, SaveFailed
    from sbcm_tui.team.git import GitError
    from sbcm_tui.team.keys import KeysError
    from sbcm_tui.team.sync import TeamError

    try:
        done = action(*args)
    except CaseFileError as exc:
        report(exc)
        return EXIT_PROBLEMS
    except (TeamError, GitError, SaveConflict, SaveFailed, KeysError) as exc:
        say(f"sbcm: {exc}")
        return EXIT_PROBLEMS
    except OSError as exc:
        say(f"sbcm: {exc.filename or 'the case folder'}: {exc.strerror or type(exc).__name__}")
        return EXIT_PROBLEMS
    for line in done if isinstance(done, list) else done.lines():
        emit(sys.stdout, line)
    return EXIT_OK


def _name(args: argparse.Namespace) -> str:
    name = args.name.strip()
    if not name or len(name) > 200 or any(not c.isprintable() for c in name):
        raise UsageError(["--name: give a plain name of 1 to 200 printable characters"])
    return name


def cmd_init(args: argparse.Namespace) -> int:
    from sbcm_tui.team.sync import init

    folder = _folder(args)
    return _run(init, folder, args.remote, _name(args), codec_for(folder))


def cmd_join(args: argparse.Namespace) -> int:
    from sbcm_tui.team.sync import join

    def passphrase() -> str:
        say("This team is encrypted: this laptop needs a key of its own.")
        return read_passphrase("A passphrase for your key (8 characters or more): ", twice=True)

    return _run(join, args.remote, _folder(args), _name(args), passphrase)


def cmd_sync(args: argparse.Namespace) -> int:
    from sbcm_tui.team.sync import sync

    folder = _folder(args)
    return _run(sync, folder, codec_for(folder))


def cmd_keys(args: argparse.Namespace) -> int:
    from sbcm_tui.team.keys import load

    folder = _folder(args)
    keys = load(folder)
    if keys is None:
        raise UsageError([f"{folder}: this team's cases are not encrypted"])
    for key in keys.keys:
        kind = "asking" if key.asking else ("recovery" if not key.name else "member")
        emit(sys.stdout, f"{kind:9} {key.worker_id:12} {key.name}  {key.key}".rstrip())
    return EXIT_OK


def _change_keys(args: argparse.Namespace, act, done: str) -> int:
    from sbcm_tui.files.vault import Vault
    from sbcm_tui.team.sync import sync

    folder = _folder(args)
    vault = codec_for(folder)
    if not isinstance(vault, Vault):
        raise UsageError([f"{folder}: this team's cases are not encrypted"])

    def change() -> list[str]:
        key, count = act(folder, vault, args.who)
        return [f"{key.name} ({key.worker_id}) {done}; {count} case file(s) encrypted again",
                *sync(folder, vault).lines()]  # fmt: skip

    return _run(change)


def cmd_admit(args: argparse.Namespace) -> int:
    from sbcm_tui.team.keys import admit

    return _change_keys(args, admit, "let in")


def cmd_remove(args: argparse.Namespace) -> int:
    from sbcm_tui.team.keys import remove

    return _change_keys(args, remove, "removed from the key list")


def _case_file(args: argparse.Namespace) -> tuple[Path, Path]:
    """(folder, case file) from a CASE argument that is a file or an id in the folder."""
    given = Path(args.case)
    folder = given.parent if given.suffix else _folder(args)
    if not given.suffix:
        matches = sorted(folder.glob(f"{args.case}.*"))
        given = matches[0] if matches else folder / f"{args.case}.toml"
    return folder, given


def cmd_transfer(args: argparse.Namespace) -> int:
    from sbcm_tui.team.roster import transfer

    folder, case_file = _case_file(args)
    return _run(transfer, folder, case_file, args.to, args.why, codec_for(folder))


def cmd_workers(args: argparse.Namespace) -> int:
    from sbcm_tui.team.roster import roster

    return _run(lambda: [f"{w.id}  {w.name}" for w in roster(_folder(args))])


def cmd_log(args: argparse.Namespace) -> int:
    from sbcm_tui.team.git import GitError, is_team_folder
    from sbcm_tui.team.status import history

    folder, given = _case_file(args)
    if not is_team_folder(folder):
        raise UsageError([f"{folder}: not a team folder"])
    try:
        for when, who, what in history(folder, given.name):
            emit(sys.stdout, f"{when}  {who}  {what}")
    except GitError as exc:
        say(f"sbcm: {exc}")
        return EXIT_PROBLEMS
    return EXIT_OK
