"""Bytes <-> case: the TOML and JSON case-file formats, migrations and clear load errors.

A case file never leaves here half-understood: either it becomes a valid :class:`Case`, or a
:class:`CaseFileError` lists each problem as ``where: what`` without quoting the client's words.

TOML files end with a checksum comment. A TOML file cut short can still parse as a valid, shorter
case (about 1 in 150 truncations did in our measurements), silently missing notes; the checksum
catches that. Someone who edits a file by hand re-seals it with ``sbcm seal PATH`` once
``sbcm validate`` is happy with it. JSON needs no such line: a cut-short JSON file never parses.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import json
import os
import re
import stat
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any

# Readers, fastest first: rtoml (Rust, 9x faster than tomli: the first listing of a big caseload
# reads every file), then tomli (the compiled build of the parser the stdlib's tomllib was copied
# from, 3x faster than tomllib) for anything rtoml refuses. Both are hard dependencies.
import rtoml
import tomli as toml_reader
import tomli_w
from pydantic import ValidationError

from sbcm_tui.core.case import SCHEMA_VERSION, Case
from sbcm_tui.core.problems import CaseFileError, Problem, ProblemKind
from sbcm_tui.core.untrusted import UNSEEN, escaped_unseen
from sbcm_tui.files.checksum import SEAL_RE, seal, unsealed
from sbcm_tui.files.vault import is_encrypted

__all__ = ["CaseFileError", "CaseFormat", "Problem", "ProblemKind", "seal", "unsealed"]

MAX_CASE_BYTES = 8 * 1024 * 1024
"""A real case is a few kilobytes; a long-term one with hundreds of contacts, a few hundred.
Anything larger is refused before it is read, so a stray 100 MB file cannot hang the app."""

_TOML_POSITION_RE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_END_RE = re.compile(r"\s*\(at end of document\)\s*$")


class CaseFormat(StrEnum):
    """The two on-disk formats; the file's extension chooses."""

    TOML = "toml"
    JSON = "json"

    @property
    def suffix(self) -> str:
        return "." + self.value

    @classmethod
    def for_path(cls, path: str | os.PathLike[str]) -> CaseFormat:
        """The format a file name implies; ValueError for anything but .toml or .json."""
        # (os.path: Path(path).suffix costs ten times as much, on every file of a listing)
        suffix = os.path.splitext(os.fspath(path).rstrip(os.sep))[1].lower()
        for fmt in cls:
            if suffix == fmt.suffix:
                return fmt
        raise ValueError(f"{os.fspath(path)}: a case file name ends in .toml or .json")


# --- migrations ------------------------------------------------------------------------------

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 2 adds what version 1 could not say: a closing note on a safety or health note,
    reopenings of a case, and what a conflict copy is a copy of. All optional, so a version 1
    file means the same in version 2 as it is."""
    return data


def _v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 3 adds what team folders record: the conflict inbox a merge fills (``inbox``)
    and hand-overs between workers (``transfers``), both empty by default: a version 2 file
    means the same in version 3. An older sbcm refuses a version 3 file with
    "written by a newer sbcm" rather than dropping an inbox it does not know."""
    return data


MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2, 2: _v2_to_v3}
"""Pure dict -> dict steps keyed by the version they upgrade *from* (n -> n + 1); tests/golden
holds a file of every version, and each must load and migrate."""


def migrate(data: dict[str, Any], path: str) -> dict[str, Any]:
    """Bring an older file's data up to :data:`SCHEMA_VERSION`; refuse a newer one."""
    version = data.get("schema_version")
    if version is None:
        raise CaseFileError(path, ProblemKind.INVALID, [Problem("schema_version", "missing")])
    if type(version) is not int:
        raise CaseFileError(
            path, ProblemKind.INVALID, [Problem("schema_version", "must be a whole number")]
        )
    if version > SCHEMA_VERSION:
        raise CaseFileError(
            path,
            ProblemKind.NEWER_SCHEMA,
            [
                Problem(
                    "schema_version",
                    f"written by a newer sbcm (schema {version}; this one reads up to "
                    f"{SCHEMA_VERSION}); upgrade sbcm to open it. The file is left untouched",
                )
            ],
        )
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise CaseFileError(
                path,
                ProblemKind.INVALID,
                [Problem("schema_version", f"no known schema {version}")],
            )
        data = step(dict(data))
        version += 1
        data["schema_version"] = version
    return data


# --- reading ---------------------------------------------------------------------------------


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """JSON allows a key twice (last wins); for a case file that hides data, so refuse it."""
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"key {json.dumps(key)[:60]} appears twice in one object")
        result[key] = value
    return result


def decode_text(raw: bytes, path: str) -> str:
    """File bytes as text (a UTF-8 BOM dropped); CaseFileError names the first bad byte."""
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CaseFileError(
            path, ProblemKind.SYNTAX, [Problem(f"byte {exc.start}", "not UTF-8 text")]
        ) from None


def parse_toml(text: str, path: str) -> dict[str, Any]:
    """Parse with the fast parser; anything it refuses goes to the reference parser, which
    either accepts it after all or words the error the same way on every platform."""
    with contextlib.suppress(Exception):  # the reference parser below decides
        return rtoml.loads(text)
    try:
        return toml_reader.loads(text)
    except toml_reader.TOMLDecodeError as exc:
        message = str(exc)
        where = "file"
        position = _TOML_POSITION_RE.search(message)
        if position:
            where = f"line {position.group(1)}, column {position.group(2)}"
            message = message[: position.start()]
        elif _TOML_END_RE.search(message):
            where = "end of file"
            message = _TOML_END_RE.sub("", message)
        raise CaseFileError(
            path, ProblemKind.SYNTAX, [Problem(where, f"not valid TOML ({message.strip()})")]
        ) from None


def _parse_json(text: str, path: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_reject_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise CaseFileError(
            path,
            ProblemKind.SYNTAX,
            [Problem(f"line {exc.lineno}, column {exc.colno}", f"not valid JSON ({exc.msg})")],
        ) from None


def _location(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def problems_of(error: ValidationError) -> list[Problem]:
    """A validation error as ``where: what`` problems, without the input (client text)."""
    problems = []
    for item in error.errors(include_input=False, include_url=False, include_context=False):
        where, what = _location(item["loc"]), item["msg"]
        if what.startswith("Value error, "):
            what = what.removeprefix("Value error, ")
            head, sep, tail = what.partition(": ")
            if sep and not where and re.fullmatch(r"[A-Za-z0-9_.\[\]]+", head):
                where, what = head, tail
        problems.append(Problem(where or "file", what))
    return problems


def _seal_problem(raw: bytes, path: str) -> None:
    match = SEAL_RE.search(raw)
    if match is None:
        raise CaseFileError(
            path,
            ProblemKind.CHECKSUM,
            [
                Problem(
                    "end of file",
                    "no checksum line: the file may be cut short, or was written by hand; "
                    "if its contents are complete, run `sbcm seal` on it",
                )
            ],
        )
    body = raw[: match.start() + 1]
    if hashlib.sha256(body).hexdigest().encode() != match.group(1):
        raise CaseFileError(
            path,
            ProblemKind.CHECKSUM,
            [
                Problem(
                    "end of file",
                    "checksum does not match: the file was changed outside sbcm or damaged; "
                    "if the change was on purpose, run `sbcm seal` on it",
                )
            ],
        )


def parse_data(raw: bytes, fmt: CaseFormat, path: str) -> dict[str, Any]:
    """Bytes to a plain dict at the current schema version (syntax checked, migrated)."""
    if len(raw) > MAX_CASE_BYTES:
        raise CaseFileError(path, ProblemKind.TOO_LARGE, [Problem("file", _too_large(len(raw)))])
    text = decode_text(raw, path)
    try:
        data = parse_toml(text, path) if fmt is CaseFormat.TOML else _parse_json(text, path)
    except RecursionError:
        raise CaseFileError(
            path, ProblemKind.SYNTAX, [Problem("file", "nested too deeply to be a case file")]
        ) from None
    except ValueError as exc:  # huge integers, duplicate JSON keys
        raise CaseFileError(path, ProblemKind.SYNTAX, [Problem("file", _syntax(exc))]) from None
    if not isinstance(data, dict):
        raise CaseFileError(
            path, ProblemKind.INVALID, [Problem("file", "the top level must be a table of fields")]
        )
    return migrate(data, path)


def _syntax(exc: ValueError) -> str:
    """A parser's refusal in the words of a case file (never Python's own advice)."""
    message = str(exc)
    if "integer string conversion" in message:
        return "holds a number too long to read (thousands of digits)"
    return message[:200]


def load_case(raw: bytes, fmt: CaseFormat, path: str, *, check_seal: bool = True) -> Case:
    """Bytes of a case file to a valid case, or a CaseFileError naming every problem."""
    if is_encrypted(raw):  # the store opens these first; anything else reached it locked
        raise CaseFileError(
            path,
            ProblemKind.UNREADABLE,
            [Problem("file", "is encrypted, and this folder is not unlocked")],
        )
    data = parse_data(raw, fmt, path)
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        raise CaseFileError(path, ProblemKind.INVALID, problems_of(exc)) from None
    except RecursionError:
        raise CaseFileError(
            path, ProblemKind.INVALID, [Problem("file", "nested too deeply to be a case file")]
        ) from None
    if check_seal and fmt is CaseFormat.TOML:
        _seal_problem(raw.removeprefix(codecs.BOM_UTF8), path)
    return case


def check_file_name(case: Case, path: str | os.PathLike[str]) -> None:
    """A case lives in ``<id>.toml`` or ``<id>.json``: a file copied under another name would be
    the same case twice, saved and counted twice. CaseFileError when the name does not fit."""
    stem = os.path.splitext(os.path.basename(os.fspath(path).rstrip(os.sep)))[0]
    if stem != case.id:
        raise CaseFileError(
            os.fspath(path),
            ProblemKind.INVALID,
            [Problem("id", f"is {case.id}, not the file's name: rename the file {case.id}"
                     f"{Path(path).suffix.lower()}, or keep it outside the case folder")],
        )  # fmt: skip


def _too_large(size: int) -> str:
    return f"{size:,} bytes is larger than a case file can be ({MAX_CASE_BYTES:,} bytes)"


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """Read a case file's bytes, refusing oversized or unreadable files with a CaseFileError."""
    name = os.fspath(path)
    try:
        # O_NONBLOCK: opening a FIFO (or a device) named like a case file must not wait forever
        # for a writer; it has no effect on regular files. What is not a regular file is refused.
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with open(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError
            if not stat.S_ISREG(info.st_mode):
                raise CaseFileError(
                    name, ProblemKind.UNREADABLE, [Problem("file", "is not a regular file")]
                )
            size = info.st_size
            if size > MAX_CASE_BYTES:
                raise CaseFileError(
                    name, ProblemKind.TOO_LARGE, [Problem("file", _too_large(size))]
                )
            raw = handle.read(MAX_CASE_BYTES + 1)
    except IsADirectoryError:
        raise CaseFileError(
            name, ProblemKind.UNREADABLE, [Problem("file", "is a folder")]
        ) from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise CaseFileError(
            name, ProblemKind.UNREADABLE, [Problem("file", f"cannot read ({reason})")]
        ) from None
    if len(raw) > MAX_CASE_BYTES:  # grew while we read it
        raise CaseFileError(name, ProblemKind.TOO_LARGE, [Problem("file", _too_large(len(raw)))])
    return raw


def read_case(path: str | os.PathLike[str]) -> tuple[Case, bytes]:
    """Read and validate one case file; returns the case and the exact bytes it came from."""
    name = os.fspath(path)
    fmt = CaseFormat.for_path(name)
    raw = read_bytes(name)
    return load_case(raw, fmt, name), raw


# --- writing ---------------------------------------------------------------------------------


def dump_case(case: Case, fmt: CaseFormat) -> bytes:
    """A case to file bytes. Deterministic: the same case always gives the same bytes."""
    if fmt is CaseFormat.JSON:
        text = case.model_dump_json(indent=2, exclude_none=True)
        return escaped_unseen(text).encode("utf-8") + b"\n"
    data = _enum_values(case.model_dump(mode="python", exclude_none=True))
    text = _toml_text(data)
    if text is None or UNSEEN.search(text):
        # rtoml writes multi-line text as a literal string, in which an escape would read back
        # as a backslash and letters: text holding unseen characters (rare) goes through
        # tomli-w, whose strings take escapes.
        text = escaped_unseen(tomli_w.dumps(data, multiline_strings=True))
    return seal(text.encode("utf-8"))


def _toml_text(data: dict[str, Any]) -> str | None:
    """The case as TOML written by rtoml, laid out for a reader: the top-level values and the
    client's table first, then the lists (strengths, goals, contacts...). rtoml alone puts
    every table after every list, the client's name at the end of the file. None if rtoml's
    output is not the shape this relies on (then tomli-w writes the case)."""
    lists = {key: value for key, value in data.items() if _is_list_of_tables(value)}
    head = rtoml.dumps({key: value for key, value in data.items() if key not in lists}, pretty=True)
    if not lists:
        return head
    rest = rtoml.dumps(lists, pretty=True)
    if not rest.startswith("[["):  # a top-level key here would land in head's last table
        return None
    return f"{head.rstrip()}\n\n{rest}"


def _is_list_of_tables(value: Any) -> bool:
    return type(value) is list and bool(value) and all(type(item) is dict for item in value)


def _enum_values(value: Any) -> Any:
    """Plain data with each enum member as its value: rtoml refuses enum members, and
    ``mode="json"`` would also turn dates into strings, which TOML has a type for. rtoml
    writes a save ten times faster than tomli-w (51 ms against 4 ms for a 730 KB case)."""
    kind = type(value)
    if kind is dict:  # leaves (most of a case) are kept without a call each: 13 -> 6 ms at 1 MB
        return {k: v if type(v) in _LEAVES else _enum_values(v) for k, v in value.items()}
    if kind is list:
        return [v if type(v) in _LEAVES else _enum_values(v) for v in value]
    if isinstance(value, Enum):
        return value._value_  # (the ``value`` property costs 3 us a call)
    return value


_LEAVES = frozenset({str, int, float, bool, date, datetime, type(None)})
"""Types that are never an enum member (a member's type is its enum class)."""


def digest(raw: bytes) -> str:
    """The fingerprint of a file's bytes, remembered on load to detect edits made elsewhere."""
    return hashlib.sha256(raw).hexdigest()


def case_json_schema() -> dict[str, object]:
    """The JSON Schema of a case file (either format: TOML and JSON hold the same model)."""
    schema = Case.model_json_schema()
    schema.pop("title", None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:sbcm-tui:schema:case:{SCHEMA_VERSION}",
        "title": f"sbcm-tui case file (schema version {SCHEMA_VERSION})",
        **schema,
    }
