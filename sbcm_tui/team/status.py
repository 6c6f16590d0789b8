"""What a team folder says without syncing: which case files are not shared yet, when the team
repository was last reached, and who changed a case when. Light on purpose (git and the
standard library only): the caseload asks at every listing, and start-up imports it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sbcm_tui.files.vault import TEAM_KEYS_FILE
from sbcm_tui.team import git
from sbcm_tui.team.git import is_team_folder
from sbcm_tui.team.paths import is_case_path, is_shared_path

REMOTE = "origin"
BRANCH = "main"


def changed_here(folder: Path, *, keys_too: bool = False, spec: tuple[str, ...] = ()) -> list[str]:
    """Case files (and with ``keys_too`` the team's key list) changed, added or removed since
    the last commit (``git status``; ``spec``: ``["--", name]`` for one file)."""
    out = git.out(
        ["status", "--porcelain", "-z", "--untracked-files=all", "--no-renames", *spec], folder
    )
    wanted = is_shared_path if keys_too else is_case_path
    return sorted({entry[3:] for entry in out.split("\0") if wanted(entry[3:])})


@dataclass(frozen=True)
class TeamStatus:
    """What the caseload says about a team folder."""

    last_reached: float | None
    """When the team repository was last reached (a fetch that worked), as a time stamp."""
    unshared: frozenset[str] = field(default_factory=frozenset)
    """Case files changed here and not pushed yet."""
    waiting: str | None = None
    """This laptop's worker, when it waits to be let into an encrypted team."""
    since: Mapping[str, float] = field(default_factory=dict, hash=False)
    """For each unshared case file, a moment by which a change the team has not got was made
    here (the oldest commit not pushed, else the file's last write): it has waited at least
    since then."""


def team_status(folder: Path, only: str | None = None) -> TeamStatus | None:
    """(Any thread; runs git.) None for a folder that is not a team folder. ``only``: ask
    about that one case file."""
    if not is_team_folder(folder):
        return None
    try:
        reached = os.stat(folder / ".git" / "FETCH_HEAD").st_mtime
    except OSError:
        reached = None
    spec = ("--", only) if only else ()
    names: set[str] = set()
    since: dict[str, float] = {}
    try:
        edited = changed_here(folder, spec=spec)
        names |= set(edited)
        ahead = git.run(
            ["diff", "-z", "--name-only", f"refs/remotes/{REMOTE}/{BRANCH}", "HEAD", *spec],
            folder,
            check=False,
        )
        if ahead.returncode == 0:
            names |= set(ahead.stdout.decode("utf-8", "replace").split("\0"))
            since = first_commits(folder, f"refs/remotes/{REMOTE}/{BRANCH}..HEAD", spec)
        else:  # never pushed: everything committed is unshared
            names |= set(git.out(["ls-files", "-z", *spec], folder, check=False).split("\0"))
            since = first_commits(folder, "HEAD", spec)
    except git.GitError:
        edited = []
    for name in edited:  # changed and not committed: known since its last write
        if name not in since:
            with contextlib.suppress(OSError):  # (removed here: no row to mark)
                since[name] = os.stat(folder / name).st_mtime
    unshared = frozenset(n for n in names if is_case_path(n))
    since = {n: t for n, t in since.items() if n in unshared}
    return TeamStatus(reached, unshared, waiting_worker(folder), since)


def first_commits(folder: Path, commits: str, spec: tuple[str, ...]) -> dict[str, float]:
    """When each file was first changed in ``commits`` (the commits here the team has not
    got, a merge's changes to this side included): one ``git log``, names NUL-separated (a
    quoted name would match nothing)."""
    out = git.out(
        [
            "log", "-z", "--diff-merges=first-parent", "--format=%x01%ct", "--name-only",
            commits, *spec,
        ],
        folder,
        check=False,
    )  # fmt: skip
    first: dict[str, float] = {}
    when = None
    for token in out.split("\0"):
        if token.startswith("\x01"):
            when = float(token[1:])
        elif token and when is not None:
            name = token.removeprefix("\n")
            first[name] = min(first.get(name, when), when)
    return first


@dataclass(frozen=True)
class CaseShared:
    """Where one case stands with the team: whether every change here has reached it, and
    when this folder last reached the team."""

    unshared: bool
    last_reached: float | None
    waiting: str | None = None
    """This laptop's worker, when it waits to be let into an encrypted team."""
    since: float | None = None
    """A moment by which a change the team has not got was made here (TeamStatus.since)."""


def case_shared(folder: Path, name: str) -> CaseShared:
    """(Any thread; four git reads.)"""
    status = team_status(folder, only=name)
    assert status is not None
    unshared = name in status.unshared
    return CaseShared(unshared, status.last_reached, status.waiting, status.since.get(name))


def waiting_worker(folder: Path) -> str | None:
    """This laptop's worker name when its key is still asking to join an encrypted team.

    Most listings end at the first test: a plain team has no key list, and a list with no
    one asking needs no look at this laptop's identity (a ``git config`` process)."""
    try:
        raw = (folder / TEAM_KEYS_FILE).read_bytes()
    except OSError:
        return None
    from sbcm_tui.team import keys as team_keys  # an encrypted team only: start-up stays light

    asking = team_keys.parse(raw).asking if team_keys.ASKS.encode() in raw else []
    if not asking:
        return None
    wid = git.out(["config", "--get", "sbcm.workerId"], folder, check=False)
    return next((k.name or k.worker_id for k in asking if k.worker_id == wid), None)


def history(folder: Path, name: str, limit: int = 50) -> Iterator[tuple[str, str, str]]:
    """(when, who, what) for the commits that changed one case file, newest first: commit
    messages hold case ids and field names only, so this is safe to show in a list."""
    out = git.out(
        ["log", f"-{limit}", "--format=%aI%x00%an%x00%s", "--", name], folder, check=False
    )
    for line in out.splitlines():
        when, who, what = [*line.split("\0"), "", ""][:3]
        yield when, who, what
