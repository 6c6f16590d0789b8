"""The git command line, run the one way this app needs it.

Every call goes through :func:`run`: no terminal prompts (a sync must never hang waiting for a
password nobody sees), no pager, no hooks, signing or file-system monitor whatever the user's
configuration says (their credential helpers and SSH settings still apply: a team's server may
need them), a locale that keeps messages parseable, a umask that keeps checked-out case files
owner-only, and a time limit. The app never runs ``git merge``: merge drivers play no part.
Errors carry git's own message, which names refs and files, never file contents; messages we
write never hold client text.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

TIMEOUT = 120.0
"""Seconds any one git command may take (a fetch over a slow link included)."""


class GitError(Exception):
    """A git command failed (or git is missing); ``offline`` when the remote could not be
    reached, which a sync reports as "not shared yet", not as a failure."""

    def __init__(self, message: str, *, offline: bool = False) -> None:
        super().__init__(message)
        self.offline = offline


_OFFLINE_SIGNS = (
    "could not resolve host",
    "connection refused",
    "connection timed out",
    "network is unreachable",
    "could not read from remote repository",
    "unable to connect",
    "does not appear to be a git repository",
    "no route to host",
)


def available() -> bool:
    return shutil.which("git") is not None


def _env(extra: Mapping[str, str] | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_TERMINAL_PROMPT="0",
        GIT_PAGER="cat",
        GIT_ASKPASS="",
        SSH_ASKPASS="",
        GIT_SSH_COMMAND=os.environ.get("GIT_SSH_COMMAND", "ssh -o BatchMode=yes"),
        LC_ALL="C",
        LANG="C",
    )
    if extra:
        env.update(extra)
    return env


def run(
    args: Sequence[str],
    cwd: Path,
    *,
    env: Mapping[str, str] | None = None,
    data: bytes | None = None,
    check: bool = True,
    timeout: float = TIMEOUT,
) -> subprocess.CompletedProcess[bytes]:
    """``git ARGS`` in ``cwd``; GitError on failure when ``check``."""
    command = [
        "git",
        "-c", "core.hooksPath=" + os.devnull,
        "-c", "commit.gpgSign=false",
        "-c", "core.autocrlf=false",
        "-c", "core.quotePath=false",
        "-c", "core.fsmonitor=false",
        "-c", "core.symlinks=false",  # a link pushed by anyone is checked out as a plain file
        *args,
    ]  # fmt: skip
    try:
        done = subprocess.run(
            command,
            cwd=cwd,
            env=_env(env),
            input=data,
            capture_output=True,
            timeout=timeout,
            stdin=None if data is not None else subprocess.DEVNULL,
            umask=0o077,
        )
    except FileNotFoundError:
        raise GitError("git is not installed (the team layer runs the git command)") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took longer than {timeout:.0f} s", offline=True) from None
    if check and done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        text = message[-1] if message else f"exit status {done.returncode}"
        offline = any(
            sign in done.stderr.decode("utf-8", "replace").lower() for sign in _OFFLINE_SIGNS
        )
        raise GitError(f"git {args[0]}: {text}", offline=offline)
    return done


def out(args: Sequence[str], cwd: Path, **kwargs) -> str:
    """Standard output of a git command, as text without the final newline."""
    return run(args, cwd, **kwargs).stdout.decode("utf-8", "replace").rstrip("\n")


def is_team_folder(folder: Path) -> bool:
    """Whether a case folder is a team folder: a git work tree that ``sbcm team init`` or
    ``join`` set up (its config names the worker), not any repository a folder happens to be."""
    try:
        return "workerid" in (folder / ".git" / "config").read_text("utf-8", "replace").lower()
    except OSError:
        return False
