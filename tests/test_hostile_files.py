"""Hostile case files: whatever the bytes (or the thing named like a case file), ``sbcm validate``
exits 1 with exactly one ``PATH: where: what`` line per problem, quickly, with no traceback and
without quoting the client's words."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from sbcm_tui import cli
from sbcm_tui.cli.output import one_line
from sbcm_tui.core.case import (
    SCHEMA_VERSION,
    Case,
    Client,
    Referral,
    ReferralStep,
    Resource,
    Strength,
)
from sbcm_tui.files.casefile import MAX_CASE_BYTES, CaseFormat, dump_case, seal, unsealed

MARKER = "ZZ-client-words-7f3a"
REPO = Path(__file__).resolve().parent.parent
MB = 1024 * 1024


def _case() -> Case:
    return Case(
        client=Client(preferred_name=MARKER, living_situation=f"{MARKER}: shelter on 5th"),
        strengths=[Strength(domain="daily-living", words=f"{MARKER} fixes bicycles")],
    )


def _toml() -> bytes:
    return dump_case(_case(), CaseFormat.TOML)


def _toml_body() -> str:
    return unsealed(_toml()).decode()


def _json_data() -> dict:
    return json.loads(dump_case(_case(), CaseFormat.JSON))


def _json_text() -> str:
    text = dump_case(_case(), CaseFormat.JSON).decode()
    assert '"revision": 0' in text
    return text


def _sealed(body: str) -> bytes:
    """A hand-made TOML case that passes the checksum, so only its contents are wrong."""
    return seal(body.encode())


@dataclass(frozen=True)
class Hostile:
    """One hostile thing in a folder: how to make it, what to name on the command line, and how
    many problem lines ``sbcm validate`` must print for it."""

    name: str
    make: Callable[[Path], None]
    lines: int = 1
    validate_folder: bool = False  # name the folder that holds it, not the thing itself


def _bytes(data: bytes | str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_bytes(data.encode() if isinstance(data, str) else data)

    return make


def _lazy(build: Callable[[], bytes | str]) -> Callable[[Path], None]:
    return lambda path: _bytes(build())(path)


def _json(build: Callable[[dict], object]) -> Callable[[Path], None]:
    return lambda path: path.write_text(json.dumps(build(_json_data())))


def _with(data: dict, **changes: object) -> dict:
    return {**data, **changes}


def _sparse(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with open(path, "wb") as handle:
            handle.truncate(size)

    return make


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _folder(path: Path) -> None:
    path.mkdir()
    (path / "inner.toml").write_bytes(_toml())


def _symlink_loop(path: Path) -> None:
    path.symlink_to(path.name)


def _dangling(path: Path) -> None:
    path.symlink_to("nowhere.toml")


def _unknown_keys() -> bytes:
    body = _toml_body().replace(
        "[client]\n", f'nickname = "{MARKER}"\n"evil\\nkey" = 1\n[client]\n', 1
    )
    return _sealed(body)


def _referral_to_nothing() -> bytes:
    case = _case()
    case.resources.append(Resource(name=f"{MARKER} food bank"))
    case.referrals.append(
        Referral(
            resource_id=case.resources[0].id,
            purpose=MARKER,
            history=[ReferralStep(status="suggested", on="2025-01-02")],
        )
    )
    return dump_case(case, CaseFormat.TOML).replace(
        case.resources[0].id.encode(), b"r-elsewhere", 1
    )


def _referral_sealed() -> bytes:
    return _sealed(unsealed(_referral_to_nothing()).decode())


HOSTILE = [
    # bytes that are not a case file at all
    Hostile("empty.toml", _bytes(b"")),
    Hostile("empty.json", _bytes(b"")),
    Hostile("binary.toml", _bytes(bytes(range(256)) * 40 + MARKER.encode())),
    Hostile("binary.json", _lazy(lambda: os.urandom(4096))),
    Hostile("latin1.toml", _lazy(lambda: _toml().replace(b"bicycles", b"bicyl\xe9s"))),
    Hostile("nul-bytes.json", _bytes(b"\x00" * 1000)),
    Hostile("ten-mb-of-a.toml", _bytes(b"a" * (10 * MB))),
    Hostile("hundred-mb.toml", _sparse(100 * MB)),
    Hostile("just-over-limit.json", _sparse(MAX_CASE_BYTES + 1)),
    # cut short
    Hostile("truncated.toml", _lazy(lambda: _toml()[: len(_toml()) // 2])),
    Hostile("truncated-at-line.toml", _lazy(lambda: unsealed(_toml()))),
    Hostile("truncated.json", _lazy(lambda: dump_case(_case(), CaseFormat.JSON)[:-40])),
    # nesting and numbers the parsers choke on
    Hostile("deep-array.toml", _bytes("a = " + "[" * 100_000)),
    Hostile("deep-headers.toml", _bytes("[" * 100_000)),
    Hostile("deep-inline.toml", _bytes("a = " + "{a = " * 100_000)),
    Hostile("deep-dotted.toml", _bytes("schema_version = 1\nx." + "a." * 500_000 + "b = 1\n")),
    Hostile("deep-object.json", _bytes('{"a":' * 100_000)),
    Hostile("deep-closed.json", _bytes('{"a":' * 100_000 + "1" + "}" * 100_000)),
    Hostile("deep-list.json", _bytes("[" * 100_000 + "]" * 100_000)),
    Hostile("huge-int.toml", _bytes("schema_version = " + "9" * 5000 + "\n")),
    Hostile(
        "huge-int.json",
        _lazy(lambda: _json_text().replace('"revision": 0', '"revision": ' + "9" * 5000)),
    ),
    Hostile("huge-version.json", _json(lambda d: _with(d, schema_version=10**100))),
    # syntax a case file must not use
    Hostile(
        "duplicate-keys.json",
        _bytes(
            '{"schema_version": 1, "client": {"preferred_name": "' + MARKER + '"},'
            ' "client": {"preferred_name": "' + MARKER + '"}}'
        ),
    ),
    Hostile(
        "duplicate-keys.toml",
        _lazy(
            lambda: _sealed(_toml_body().replace("revision = 0\n", "revision = 0\nrevision = 2\n"))
        ),
    ),
    Hostile("bom-then-garbage.toml", _bytes(b"\xef\xbb\xbf" + b"= = =\n")),
    Hostile(
        "double-bom.json", _lazy(lambda: b"\xef\xbb\xbf" * 2 + dump_case(_case(), CaseFormat.JSON))
    ),
    Hostile("crlf-line-endings.toml", _lazy(lambda: _toml().replace(b"\n", b"\r\n"))),
    # parses, but is not a valid case
    Hostile("not-a-case.toml", _bytes(f'title = "{MARKER}"\n[owner]\nname = "{MARKER}"\n')),
    Hostile("array-top-level.json", _bytes(f'["{MARKER}", 1, 2]')),
    Hostile("string-top-level.json", _bytes(f'"{MARKER}"')),
    Hostile("null-top-level.json", _bytes("null")),
    Hostile("unknown-keys.toml", _lazy(_unknown_keys), lines=2),
    Hostile("unknown-key.json", _json(lambda d: _with(d, nickname=MARKER))),
    Hostile(
        "nan.toml",
        _lazy(lambda: _sealed(_toml_body().replace("[client]\n", "[client]\nage = nan\n"))),
    ),
    Hostile("nan.json", _json(lambda d: _with(d, client=_with(d["client"], age=float("nan"))))),
    Hostile("infinity.json", _json(lambda d: _with(d, revision=float("inf")))),
    Hostile(
        "newer-schema.toml",
        _lazy(
            lambda: _sealed(
                _toml_body().replace(f"schema_version = {SCHEMA_VERSION}", "schema_version = 99")
            )
        ),
    ),
    Hostile("newer-schema.json", _json(lambda d: _with(d, schema_version=SCHEMA_VERSION + 1))),
    Hostile("version-as-text.json", _json(lambda d: _with(d, schema_version="1"))),
    Hostile(
        "no-version.json", _json(lambda d: {k: v for k, v in d.items() if k != "schema_version"})
    ),
    Hostile(
        "wrong-types.json",
        _json(lambda d: _with(d, revision=MARKER, practice=MARKER, created_at=MARKER)),
        lines=3,
    ),
    Hostile("object-for-list.json", _json(lambda d: _with(d, strengths={"words": MARKER}))),
    Hostile("list-for-object.json", _json(lambda d: _with(d, client=[MARKER]))),
    Hostile("empty-name.json", _json(lambda d: _with(d, client={"preferred_name": ""}))),
    Hostile(
        "name-too-long.json", _json(lambda d: _with(d, client={"preferred_name": MARKER * 50}))
    ),
    Hostile("referral-to-nothing.toml", _lazy(_referral_sealed)),
    Hostile("wrong-checksum.toml", _lazy(lambda: _toml().replace(b"bicycles", b"bicycle"))),
    Hostile(
        "checksum-of-another-file.toml", _lazy(lambda: _toml().replace(b"shelter", b"shelteR"))
    ),
    # things named like case files that are not files
    Hostile("fifo.toml", _fifo),
    Hostile("folder.toml", _folder, validate_folder=True),
    Hostile("symlink-loop.toml", _symlink_loop),
    Hostile("dangling-link.json", _dangling),
    Hostile("new\nline.toml", _lazy(lambda: "= broken"), validate_folder=True),
]


def _validate(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(["validate", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("hostile", HOSTILE, ids=[h.name.replace("\n", "\\n") for h in HOSTILE])
def test_hostile_file_is_reported_never_raised(tmp_path, capsys, hostile: Hostile):
    path = tmp_path / hostile.name
    hostile.make(path)
    reported = one_line(os.fspath(path))
    argument = os.fspath(tmp_path) if hostile.validate_folder else os.fspath(path)

    start = time.perf_counter()
    code, out, err = _validate(capsys, argument)
    elapsed = time.perf_counter() - start

    assert code == 1, (out, err)
    lines = out.splitlines()
    assert len(lines) == hostile.lines, lines
    for line in lines:
        assert line.startswith(reported + ": ")
        where, sep, what = line.removeprefix(reported + ": ").partition(": ")
        assert sep and where and what
    assert err == ""
    assert "Traceback" not in out + err
    assert MARKER not in out + err
    assert elapsed < 5, f"{hostile.name} took {elapsed:.1f} s"


def test_a_100_mb_file_is_refused_by_its_size_in_under_2_seconds(tmp_path, capsys):
    path = tmp_path / "huge.toml"
    with open(path, "wb") as handle:
        handle.truncate(100 * MB)
    start = time.perf_counter()
    code, out, _ = _validate(capsys, os.fspath(path))
    elapsed = time.perf_counter() - start
    assert code == 1
    assert out.startswith(f"{path}: file: ")
    assert "larger than a case file can be" in out
    assert elapsed < 2.0


def test_a_fifo_does_not_hang_a_folder_scan(tmp_path, capsys):
    os.mkfifo(tmp_path / "a.toml")
    case = _case()
    (tmp_path / f"{case.id}.toml").write_bytes(dump_case(case, CaseFormat.TOML))
    code, out, _ = _validate(capsys, os.fspath(tmp_path))
    assert code == 1
    assert out.splitlines() == [f"{tmp_path / 'a.toml'}: file: is not a regular file"]


@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_a_bom_before_a_valid_case_is_fine(tmp_path, capsys, fmt):
    path = tmp_path / f"c-bom.{fmt}"
    path.write_bytes(b"\xef\xbb\xbf" + dump_case(_case(), CaseFormat(fmt)))
    code, out, _ = _validate(capsys, os.fspath(path))
    assert (code, out) == (0, "")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_a_file_without_read_permission(tmp_path, capsys):
    path = tmp_path / "locked.toml"
    path.write_bytes(_toml())
    path.chmod(0)
    code, out, _ = _validate(capsys, os.fspath(path))
    assert code == 1
    assert out == f"{path}: file: cannot read (Permission denied)\n"


def test_a_file_the_system_refuses_to_open(tmp_path, capsys, monkeypatch):
    """The same refusal as a file without read permission, for test runs as root."""
    path = tmp_path / "locked.toml"
    path.write_bytes(_toml())
    real_open = os.open

    def refuse(name, *args, **kwargs):
        if os.fspath(name) == os.fspath(path):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(name))
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    code, out, _ = _validate(capsys, os.fspath(path))
    assert code == 1
    assert out == f"{path}: file: cannot read (Permission denied)\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists folders whatever their mode")
def test_a_folder_without_permission(tmp_path, capsys):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0)
    try:
        code, out, _ = _validate(capsys, os.fspath(folder))
    finally:
        folder.chmod(0o700)
    assert code == 1
    assert out.startswith(f"{folder}: folder: cannot list")


def test_hostile_names_are_one_line_each(tmp_path, capsys):
    """A file name with a newline (or bytes that are not UTF-8) still gives one line."""
    (tmp_path / "a\nb.toml").write_bytes(b"= broken")
    (tmp_path / os.fsdecode(b"\xff\xfe.toml")).write_bytes(b"= broken")
    code, out, _ = _validate(capsys, os.fspath(tmp_path))
    assert code == 1
    assert len(out.splitlines()) == 2


def test_every_hostile_file_in_one_real_process(tmp_path):
    """The whole table in one folder, through ``python -m sbcm_tui``: nothing reaches stderr."""
    expected = 0
    for hostile in HOSTILE:
        if hostile.name == "hundred-mb.toml":
            continue  # covered above; keeps this folder small
        hostile.make(tmp_path / hostile.name)
        expected += hostile.lines
    env = {k: v for k, v in os.environ.items() if k != cli.DEBUG_ENV}
    result = subprocess.run(
        [sys.executable, "-m", "sbcm_tui", "validate", os.fspath(tmp_path)],
        capture_output=True,
        timeout=120,
        env=env,
        cwd=REPO,
    )
    out, err = result.stdout.decode(errors="replace"), result.stderr.decode(errors="replace")
    assert result.returncode == 1, err
    assert err == ""
    assert "Traceback" not in out
    assert MARKER not in out
    assert len(out.splitlines()) == expected
