"""What a team folder says without syncing: which case files are not shared yet, when the team
repository was last reached, and who changed a case when. Light on purpose (git and the
standard library only): the caseload asks at every listing, and start-up imports it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sbcm_tui.team import git
from sbcm_tui.team.git import is_team_folder

REMOTE = "origin"
BRANCH = "main"


def is_case_path(name: str) -> bool:
    """A case file at the top of the folder (the only files a sync commits and merges)."""
    return (
        bool(name)
        and "/" not in name
        and not name.startswith(".")
        and name.lower().endswith((".toml", ".json"))
    )


def changed_here(folder: Path) -> list[str]:
    """Case files changed, added or removed since the last commit (``git status``)."""
    out = git.out(["status", "--porcelain", "-z", "--untracked-files=all", "--no-renames"], folder)
    return sorted({entry[3:] for entry in out.split("\0") if is_case_path(entry[3:])})


@dataclass(frozen=True)
class TeamStatus:
    """What the caseload says about a team folder."""

    last_reached: float | None
    """When the team repository was last reached (a fetch that worked), as a time stamp."""
    unshared: frozenset[str] = field(default_factory=frozenset)
    """Case files changed here and not pushed yet."""


def team_status(folder: Path) -> TeamStatus | None:
    """(Any thread; runs git.) None for a folder that is not a team folder."""
    if not is_team_folder(folder):
        return None
    try:
        reached = os.stat(folder / ".git" / "FETCH_HEAD").st_mtime
    except OSError:
        reached = None
    names: set[str] = set()
    try:
        names |= set(changed_here(folder))
        ahead = git.run(
            ["diff", "-z", "--name-only", f"refs/remotes/{REMOTE}/{BRANCH}", "HEAD"],
            folder,
            check=False,
        )
        if ahead.returncode == 0:
            names |= set(ahead.stdout.decode("utf-8", "replace").split("\0"))
        else:  # never pushed: everything committed is unshared
            names |= set(git.out(["ls-files", "-z"], folder, check=False).split("\0"))
    except git.GitError:
        pass
    return TeamStatus(reached, frozenset(n for n in names if is_case_path(n)))


def history(folder: Path, name: str, limit: int = 50) -> Iterator[tuple[str, str, str]]:
    """(when, who, what) for the commits that changed one case file, newest first: commit
    messages hold case ids and field names only, so this is safe to show in a list."""
    out = git.out(
        ["log", f"-{limit}", "--format=%aI%x00%an%x00%s", "--", name], folder, check=False
    )
    for line in out.splitlines():
        when, who, what = [*line.split("\0"), "", ""][:3]
        yield when, who, what
