"""Schema versions: every released version's golden file still loads and re-saves to the same
bytes, newer files are refused and left alone, and migrations run before validation.

tests/golden/v1.{toml,json} were written once by ``dump_case`` and are committed as bytes. If a
change to the model or the writer makes these tests fail, that change alters the file format:
bump SCHEMA_VERSION and add a migration, rather than re-generating the golden files.

A change of *layout* alone (the same TOML data written another way, as when rtoml replaced
tomli-w as the writer) is not a format change: the file of the old layout moves to
tests/golden/layouts/, where it must still load as the same case and re-save to the new bytes."""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w

import sbcm_tui.files.casefile as casefile
from sbcm_tui.core.case import SCHEMA_VERSION, Case
from sbcm_tui.files.casefile import (
    CaseFileError,
    CaseFormat,
    ProblemKind,
    dump_case,
    load_case,
    parse_data,
    read_case,
    seal,
    unsealed,
)

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_FILES = sorted(GOLDEN.glob("v*.*"))
FORMATS = pytest.mark.parametrize("fmt", list(CaseFormat), ids=lambda f: f.value)


def _version(path: Path) -> int:
    match = re.fullmatch(r"v(\d+)", path.stem)
    assert match, path
    return int(match.group(1))


def _dumps(data: dict[str, Any], fmt: CaseFormat) -> bytes:
    """Plain data as a file of that format (TOML sealed, as sbcm writes it)."""
    if fmt is CaseFormat.JSON:
        return json.dumps(data, indent=2).encode() + b"\n"
    return seal(tomli_w.dumps(data, multiline_strings=True).encode())


def _golden_data(fmt: CaseFormat) -> dict[str, Any]:
    raw = (GOLDEN / f"v1{fmt.suffix}").read_bytes()
    return json.loads(raw) if fmt is CaseFormat.JSON else tomllib.loads(raw.decode())


# --- golden files ---------------------------------------------------------------------------


def test_there_is_a_golden_file_of_every_version_in_both_formats() -> None:
    versions = {_version(p) for p in GOLDEN_FILES}
    assert versions == set(range(1, SCHEMA_VERSION + 1))
    for version in versions:
        for fmt in CaseFormat:
            assert (GOLDEN / f"v{version}{fmt.suffix}").is_file()


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=lambda p: p.name)
def test_each_golden_file_loads(path: Path) -> None:
    case, raw = read_case(path)
    assert raw == path.read_bytes()
    assert case.schema_version == SCHEMA_VERSION
    assert case.id == "c-golden-v1"
    assert case.client.preferred_name == 'María "Mari" Núñez-O\'Brien'
    assert len(case.contacts) == 5 and case.disengagement is not None


def test_there_are_golden_files_of_the_current_version() -> None:
    assert any(_version(p) == SCHEMA_VERSION for p in GOLDEN_FILES)


# Only files of the current version: an older one is migrated on load, so its bytes change.
@pytest.mark.parametrize(
    "path", [p for p in GOLDEN_FILES if _version(p) == SCHEMA_VERSION], ids=lambda p: p.name
)
def test_a_golden_file_of_the_current_version_re_saves_to_identical_bytes(path: Path) -> None:
    case, raw = read_case(path)
    assert dump_case(case, CaseFormat.for_path(path)) == raw


@pytest.mark.parametrize("path", sorted((GOLDEN / "layouts").glob("v*.*")), ids=lambda p: p.name)
def test_a_file_of_an_older_layout_loads_as_the_golden_case_and_re_saves_to_its_bytes(
    path: Path,
) -> None:
    golden = GOLDEN / f"{path.stem.split('-')[0]}{path.suffix}"
    case, raw = read_case(path)
    assert tomllib.loads(unsealed(raw).decode()) == tomllib.loads(
        unsealed(golden.read_bytes()).decode()
    )
    golden_case = read_case(golden)[0]
    assert case == golden_case
    fmt = CaseFormat.for_path(path)
    assert dump_case(case, fmt) == dump_case(golden_case, fmt)  # (at the current version)


def test_the_golden_files_hold_the_same_case() -> None:
    toml_case, _ = read_case(GOLDEN / "v1.toml")
    json_case, _ = read_case(GOLDEN / "v1.json")
    assert toml_case == json_case
    assert toml_case.model_dump_json() == json_case.model_dump_json()


# --- versions that cannot be read -----------------------------------------------------------


@FORMATS
def test_a_newer_file_is_refused_and_left_untouched(fmt: CaseFormat, tmp_path: Path) -> None:
    data = _golden_data(fmt)
    data["schema_version"] = SCHEMA_VERSION + 1
    data["a_field_from_the_future"] = {"notes": "written by sbcm 2"}
    path = tmp_path / f"newer{fmt.suffix}"
    path.write_bytes(_dumps(data, fmt))
    before = path.read_bytes()
    stat = os.stat(path)
    with pytest.raises(CaseFileError) as caught:
        read_case(path)
    error = caught.value
    assert error.kind is ProblemKind.NEWER_SCHEMA
    assert [p.where for p in error.problems] == ["schema_version"]
    assert "newer" in error.problems[0].what
    assert error.path == str(path)
    assert path.read_bytes() == before
    after = os.stat(path)
    assert (after.st_mtime_ns, after.st_size, after.st_ino) == (
        stat.st_mtime_ns,
        stat.st_size,
        stat.st_ino,
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # no temp or backup


@FORMATS
def test_a_newer_file_is_refused_even_when_it_would_not_validate(fmt: CaseFormat) -> None:
    # The version decides first: a newer file's unknown shape is not reported as errors.
    raw = _dumps({"schema_version": 99, "client": "whatever 99 means"}, fmt)
    with pytest.raises(CaseFileError) as caught:
        load_case(raw, fmt, "x")
    assert caught.value.kind is ProblemKind.NEWER_SCHEMA


@FORMATS
@pytest.mark.parametrize(
    ("version", "what"),
    [
        (None, "missing"),
        ("1", "must be a whole number"),
        (1.0, "must be a whole number"),
        (True, "must be a whole number"),
        ([1], "must be a whole number"),
        ({"major": 1}, "must be a whole number"),
        (0, "no known schema 0"),
        (-1, "no known schema -1"),
    ],
)
def test_a_missing_or_unusable_version_is_refused(fmt: CaseFormat, version: Any, what: str) -> None:
    data = _golden_data(fmt)
    if version is None:
        del data["schema_version"]
    else:
        data["schema_version"] = version
    with pytest.raises(CaseFileError) as caught:
        load_case(_dumps(data, fmt), fmt, "case.file")
    error = caught.value
    assert error.kind is ProblemKind.INVALID
    assert error.lines() == [f"case.file: schema_version: {what}"]


def test_a_file_that_is_not_a_table_is_refused() -> None:
    for raw in (b"[1, 2]", b'"a case"', b"1", b"null"):
        with pytest.raises(CaseFileError) as caught:
            load_case(raw, CaseFormat.JSON, "x")
        assert caught.value.kind is ProblemKind.INVALID


# --- the migration chain --------------------------------------------------------------------


def _v0_from_v1(data: dict[str, Any]) -> dict[str, Any]:
    """What a schema-0 file looked like, for the simulated migration: ``client.name``."""
    data = json.loads(json.dumps(data, default=str))
    data["schema_version"] = 0
    data["client"]["name"] = data["client"].pop("preferred_name")
    return data


@FORMATS
def test_an_older_file_is_migrated_before_it_is_validated(
    fmt: CaseFormat, monkeypatch: pytest.MonkeyPatch
) -> None:
    applied: list[int] = []

    def rename_name(data: dict[str, Any]) -> dict[str, Any]:
        applied.append(data["schema_version"])
        client = dict(data["client"])
        client["preferred_name"] = client.pop("name")
        return {**data, "client": client}

    raw = _dumps(_v0_from_v1(_golden_data(CaseFormat.JSON)), fmt)
    released = dict(casefile.MIGRATIONS)

    # Without the step, a schema-0 file is refused.
    monkeypatch.setattr(casefile, "MIGRATIONS", {})
    with pytest.raises(CaseFileError) as caught:
        load_case(raw, fmt, "x")
    assert caught.value.lines() == ["x: schema_version: no known schema 0"]

    monkeypatch.setattr(casefile, "MIGRATIONS", {**released, 0: rename_name})
    case = load_case(raw, fmt, "x")
    assert applied == [0]
    assert case.client.preferred_name == 'María "Mari" Núñez-O\'Brien'
    assert case.schema_version == SCHEMA_VERSION
    # The migrated case is the golden one, and saves as the current version.
    golden, _ = read_case(GOLDEN / f"v1{fmt.suffix}")
    assert case == golden
    assert dump_case(case, fmt) == dump_case(golden, fmt)


def test_a_migration_that_leaves_the_old_field_is_caught_by_validation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A step that forgets to remove the old key: extra="forbid" makes that loud, not lossy.
    def copy_name(data: dict[str, Any]) -> dict[str, Any]:
        return {**data, "client": {**data["client"], "preferred_name": data["client"]["name"]}}

    monkeypatch.setattr(casefile, "MIGRATIONS", {**casefile.MIGRATIONS, 0: copy_name})
    raw = _dumps(_v0_from_v1(_golden_data(CaseFormat.JSON)), CaseFormat.JSON)
    with pytest.raises(CaseFileError) as caught:
        load_case(raw, CaseFormat.JSON, "x")
    assert caught.value.lines() == ["x: client.name: Extra inputs are not permitted"]


def test_migrations_chain_in_order_and_set_each_version(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[int, list[str]]] = []

    def step(added: str) -> casefile.Migration:
        def migration(data: dict[str, Any]) -> dict[str, Any]:
            seen.append((data["schema_version"], list(data.get("trail", []))))
            return {**data, "trail": [*data.get("trail", []), added]}

        return migration

    monkeypatch.setattr(casefile, "SCHEMA_VERSION", 4)
    monkeypatch.setattr(casefile, "MIGRATIONS", {1: step("1->2"), 2: step("2->3"), 3: step("3->4")})
    data = parse_data(b'{"schema_version": 1, "trail": []}', CaseFormat.JSON, "x")
    assert data == {"schema_version": 4, "trail": ["1->2", "2->3", "3->4"]}
    assert seen == [(1, []), (2, ["1->2"]), (3, ["1->2", "2->3"])]

    seen.clear()
    data = parse_data(b'{"schema_version": 3}', CaseFormat.JSON, "x")
    assert data == {"schema_version": 4, "trail": ["3->4"]}
    assert seen == [(3, [])]

    # A gap in the chain is refused, naming the version it cannot read.
    monkeypatch.setattr(casefile, "MIGRATIONS", {1: step("1->2"), 3: step("3->4")})
    with pytest.raises(CaseFileError) as caught:
        parse_data(b'{"schema_version": 1}', CaseFormat.JSON, "x")
    assert caught.value.lines() == ["x: schema_version: no known schema 2"]

    # And a version above the (simulated) current one is still refused as newer.
    with pytest.raises(CaseFileError) as caught:
        parse_data(b'{"schema_version": 5}', CaseFormat.JSON, "x")
    assert caught.value.kind is ProblemKind.NEWER_SCHEMA


def test_reading_an_older_file_never_rewrites_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def rename_name(data: dict[str, Any]) -> dict[str, Any]:
        data["client"] = {**data["client"], "preferred_name": data["client"]["name"]}
        del data["client"]["name"]
        return data

    monkeypatch.setattr(casefile, "MIGRATIONS", {**casefile.MIGRATIONS, 0: rename_name})
    path = tmp_path / "old.toml"
    path.write_bytes(_dumps(_v0_from_v1(_golden_data(CaseFormat.JSON)), CaseFormat.TOML))
    before = path.read_bytes()
    case, raw = read_case(path)
    assert isinstance(case, Case)
    assert raw == before == path.read_bytes()
    assert b"schema_version = 0" in unsealed(path.read_bytes())
