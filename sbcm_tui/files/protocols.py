"""Where protocol scripts live, and how many contacts one has, without building its models.

The caseload shows "3 of 5" on every row. Loading a protocol through :mod:`sbcm_tui.core.protocol`
means importing pydantic and building the script models, which was a third of the time from
``sbcm`` to the caseload on screen; counting the ``[[contacts]]`` of a TOML file is enough for
that column. A script that does not validate still counts here: opening a case loads it properly
and says what is wrong. The count parses with rtoml (0.2 ms a script against tomllib's 2.5, measured
on brief-five.toml); loading for use parses with tomllib, whose errors name the line and column.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import rtoml

from sbcm_tui.files.paths import protocol_scripts_dir

if TYPE_CHECKING:
    from sbcm_tui.core.protocol import PromptBank, Protocol, ScriptPart

MAX_SCRIPT_BYTES = 1024 * 1024
"""A script is a few kilobytes; anything far larger is refused before it is parsed."""

PROMPT_BANK_FILE = "prompts.toml"
_TOML_POSITION_RE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_PATH_RE = re.compile(r"[A-Za-z0-9_.\[\]]+")
NAME_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
"""A bare protocol name (``brief-five``): a shipped script, not a path."""


def shipped(file_name: str = "") -> Path:
    """The folder of scripts shipped in the package, or one file in it."""
    scripts = protocol_scripts_dir()
    return scripts / file_name if file_name else scripts


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


def script_source(name_or_path: str | os.PathLike[str]) -> Path | str:
    """A shipped script for a bare name, else the path itself."""
    if isinstance(name_or_path, str) and NAME_RE.fullmatch(name_or_path):
        return shipped(f"{name_or_path}.toml")
    return os.fspath(name_or_path)


def read_script(source: Path | str) -> bytes:
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
        contacts = rtoml.loads(raw.decode("utf-8")).get("contacts")
    except (OSError, UnicodeDecodeError, RecursionError, ValueError):  # (rtoml's is a ValueError)
        return None
    return len(contacts) if isinstance(contacts, list) and contacts else None


# --- loading and checking ----------------------------------------------------------------


class ProtocolError(Exception):
    """A script or prompt bank that cannot be used: ``PATH: where: what``, one line per problem.

    ``where`` and ``what`` describe the first problem; ``problems`` holds them all."""

    def __init__(
        self, path: str, where: str, what: str, others: Sequence[tuple[str, str]] = ()
    ) -> None:
        self.path, self.where, self.what = path, where, what
        self.problems: tuple[tuple[str, str], ...] = ((where, what), *others)
        super().__init__(str(self))

    def lines(self) -> list[str]:
        """One ``PATH: where: what`` line per problem, as ``sbcm validate`` prints them."""
        return [f"{self.path}: {where}: {what}" for where, what in self.problems]

    def __str__(self) -> str:
        return "\n".join(self.lines())


_Part = TypeVar("_Part", bound="ScriptPart")


def _problem(error: Any) -> tuple[str, str]:
    """A pydantic error as (where, what); a cross-check's own "path: what" extends the location."""
    where = ""
    for part in error["loc"]:
        where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
    what = {"extra_forbidden": "unknown key", "missing": "required key is missing"}.get(
        error["type"], error["msg"]
    )
    if what.startswith("Value error, "):
        what = what.removeprefix("Value error, ")
        head, sep, tail = what.partition(": ")
        if sep and _PATH_RE.fullmatch(head):
            where, what = (f"{where}.{head}" if where else head), tail
    return where or "file", what


def _parse(raw: bytes, model: type[_Part], path: str) -> _Part:
    """Bytes of a script to a checked model, or a ProtocolError saying where and what."""
    import tomllib

    if len(raw) > MAX_SCRIPT_BYTES:
        raise ProtocolError(
            path, "file", f"larger than a script can be ({MAX_SCRIPT_BYTES:,} bytes)"
        )
    try:
        data = tomllib.loads(raw.removeprefix(codecs.BOM_UTF8).decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ProtocolError(path, f"byte {exc.start}", "not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        message, where = str(exc), "file"
        position = _TOML_POSITION_RE.search(message)
        if position:
            where = f"line {position.group(1)}, column {position.group(2)}"
            message = message[: position.start()]
        raise ProtocolError(path, where, f"not valid TOML ({message.strip()})") from None
    except (RecursionError, ValueError):  # deep nesting, huge integers
        raise ProtocolError(path, "file", "not a usable TOML script") from None
    from pydantic import ValidationError

    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_input=False, include_url=False, include_context=False)
        problems = [_problem(error) for error in errors]
        raise ProtocolError(path, *problems[0], others=problems[1:]) from None


def _load(source: Path | str, model: type[_Part]) -> _Part:
    """Read a file (a path, or a file shipped in the package) and parse it as ``model``."""
    path = str(source)
    try:
        raw = read_script(source)
    except IsADirectoryError:
        raise ProtocolError(path, "file", "is a folder") from None
    except OSError as exc:
        raise ProtocolError(path, "file", f"cannot read ({exc.strerror or 'error'})") from None
    return _parse(raw, model, path)


def available_protocols() -> list[str]:
    """The names of the protocols shipped with sbcm, for a chooser or ``load_protocol``."""
    return list(shipped_names())


@lru_cache(maxsize=16)
def _load_shipped_protocol(name: str) -> Protocol:
    if name not in shipped_names():
        raise ProtocolError(
            name,
            "file",
            f"no protocol of that name ships with sbcm ({', '.join(shipped_names())} do); "
            "give a path to load an agency's own script",
        )
    from sbcm_tui.core.protocol import Protocol

    return _load(shipped(f"{name}.toml"), Protocol)


def load_protocol(name_or_path: str | os.PathLike[str]) -> Protocol:
    """A shipped protocol by bare name (``"brief-five"``, cached), or any script file by path.

    A bare name is a slug with no folder or extension; write ``./name`` for a file so named."""
    if isinstance(name_or_path, str) and NAME_RE.fullmatch(name_or_path):
        return _load_shipped_protocol(name_or_path)
    from sbcm_tui.core.protocol import Protocol

    return _load(os.fspath(name_or_path), Protocol)


@lru_cache(maxsize=1)
def _load_shipped_prompt_bank() -> PromptBank:
    from sbcm_tui.core.protocol import PromptBank

    return _load(shipped(PROMPT_BANK_FILE), PromptBank)


def load_prompt_bank(path: str | os.PathLike[str] | None = None) -> PromptBank:
    """The shipped prompt bank (cached), or an agency's own from a path."""
    if path is None:
        return _load_shipped_prompt_bank()
    from sbcm_tui.core.protocol import PromptBank

    return _load(os.fspath(path), PromptBank)
