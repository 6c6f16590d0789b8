"""Where protocol scripts live, and how many contacts one has, without building its models.

The caseload shows "3 of 5" on every row. Loading a protocol through :mod:`sbcm_tui.core.protocol`
means importing pydantic and building the script models, which was a third of the time from
``sbcm`` to the caseload on screen; counting the ``[[contacts]]`` of a TOML file is enough for
that column. A script that does not validate still counts here: opening a case loads it properly
and says what is wrong.
"""

from __future__ import annotations

import os
import re
import tomllib
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable

MAX_SCRIPT_BYTES = 1024 * 1024
"""A script is a few kilobytes; anything far larger is refused before it is parsed."""

PROMPT_BANK_FILE = "prompts.toml"
NAME_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
"""A bare protocol name (``brief-five``): a shipped script, not a path."""


def shipped(file_name: str = "") -> Traversable:
    """The folder of scripts shipped in the package, or one file in it."""
    scripts = resources.files("sbcm_tui").joinpath("scripts")
    return scripts.joinpath(file_name) if file_name else scripts


@lru_cache(maxsize=1)
def shipped_names() -> tuple[str, ...]:
    """The names of the protocols shipped with sbcm, sorted."""
    return tuple(
        sorted(
            entry.name.removesuffix(".toml")
            for entry in shipped().iterdir()
            if entry.name.endswith(".toml") and entry.name != PROMPT_BANK_FILE
        )
    )


def script_source(name_or_path: str | os.PathLike[str]) -> Traversable | str:
    """A shipped script for a bare name, else the path itself."""
    if isinstance(name_or_path, str) and NAME_RE.fullmatch(name_or_path):
        return shipped(f"{name_or_path}.toml")
    return os.fspath(name_or_path)


def read_script(source: Traversable | str) -> bytes:
    """The bytes of a script (a path, or a file shipped in the package), at most one byte past
    MAX_SCRIPT_BYTES so that an oversized file is noticed without reading all of it."""
    if isinstance(source, str):
        with open(source, "rb") as handle:
            return handle.read(MAX_SCRIPT_BYTES + 1)
    return source.read_bytes()


@lru_cache(maxsize=32)
def contact_count(name_or_path: str) -> int | None:
    """How many contacts a protocol has, or None when its script cannot be read."""
    if NAME_RE.fullmatch(name_or_path) and name_or_path not in shipped_names():
        return None
    try:
        raw = read_script(script_source(name_or_path))
        if len(raw) > MAX_SCRIPT_BYTES:
            return None
        contacts = tomllib.loads(raw.decode("utf-8")).get("contacts")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError, ValueError):
        return None
    return len(contacts) if isinstance(contacts, list) and contacts else None
