"""The ``sbcm`` command line: validate, seal, schema, export, and which folder the app opens."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import types
from datetime import date
from pathlib import Path

import pytest

from sbcm_tui import cli, exports
from sbcm_tui.cli import schema as cli_schema
from sbcm_tui.core.case import Case, Client, Strength
from sbcm_tui.files import paths
from sbcm_tui.files.casefile import (
    CaseFileError,
    CaseFormat,
    Problem,
    ProblemKind,
    dump_case,
    read_case,
    seal,
    unsealed,
)

MARKER = "ZZ-client-words-7f3a"
REPO = Path(__file__).resolve().parent.parent


def _case(name: str = MARKER) -> Case:
    return Case(
        client=Client(preferred_name=name, living_situation=f"{MARKER} lives with a sister"),
        strengths=[Strength(domain="daily-living", words=f"{MARKER} cooks for the building")],
    )


def _write(folder: Path, name: str, case: Case | None = None) -> Path:
    """A case file as sbcm names one: after the case's id (the id is set to the name)."""
    path = folder / name
    case = (case or _case()).model_copy(update={"id": path.stem})
    path.write_bytes(dump_case(case, CaseFormat.for_path(name)))
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str | os.PathLike[str]) -> tuple[int, str, str]:
    code = cli.main([os.fspath(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- validate --------------------------------------------------------------------------------


def test_validate_valid_toml_and_json_files(tmp_path, capsys):
    toml, jsn = _write(tmp_path, "c-one.toml"), _write(tmp_path, "c-two.json")
    code, out, err = run(capsys, "validate", toml, jsn)
    assert code == 0
    assert out == ""
    assert err.strip() == "2 case files valid"


def test_validate_folder_reads_only_visible_case_files(tmp_path, capsys):
    _write(tmp_path, "c-one.toml")
    _write(tmp_path, "c-two.JSON")
    (tmp_path / ".hidden.toml").write_text("not a case")
    (tmp_path / "notes.txt").write_text("not a case")
    (tmp_path / ".sbcm").mkdir()
    (tmp_path / ".sbcm" / "broken.toml").write_text("not a case")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "broken.toml").write_text("not a case")
    code, out, err = run(capsys, "validate", tmp_path)
    assert code == 0
    assert out == ""
    assert "2 case files valid" in err


def test_validate_mixed_folder_prints_one_line_per_problem(tmp_path, capsys):
    _write(tmp_path, "a-good.toml")
    (tmp_path / "b-syntax.toml").write_text("schema_version = 1\nclient = [\n}\n")
    bad = _case().model_dump(mode="json")
    bad["revision"] = "many"
    bad["practice"] = "perhaps"
    (tmp_path / "c-types.json").write_text(json.dumps(bad))
    (tmp_path / "d-empty.json").write_bytes(b"")
    _write(tmp_path, "e-good.json")
    folder = os.fspath(tmp_path)
    code, out, err = run(capsys, "validate", folder)
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 4
    assert lines[0].startswith(os.path.join(folder, "b-syntax.toml") + ": line ")
    assert lines[1].startswith(os.path.join(folder, "c-types.json") + ": practice: ")
    assert lines[2].startswith(os.path.join(folder, "c-types.json") + ": revision: ")
    assert lines[3].startswith(os.path.join(folder, "d-empty.json") + ": line 1, column 1: ")
    assert all(line.count(": ") >= 2 for line in lines)
    assert MARKER not in out + err


def test_validate_names_files_as_given(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("broken.toml").write_text("x = ")
    code, out, _ = run(capsys, "validate", "./broken.toml")
    assert code == 1
    assert out.startswith("./broken.toml: ")


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["validate"], id="no-paths"),
        pytest.param(["validate", "{tmp}/missing.toml"], id="missing-file"),
        pytest.param(["validate", "{tmp}/good.toml", "{tmp}/missing"], id="one-missing"),
        pytest.param(["validate", "{tmp}/notes.txt"], id="wrong-extension"),
        pytest.param(["validate", ""], id="empty-path"),
        pytest.param(["seal"], id="seal-no-paths"),
        pytest.param(["seal", "{tmp}"], id="seal-folder"),
        pytest.param(["export", "{tmp}/good.toml"], id="export-no-format"),
        pytest.param(["export", "{tmp}/good.toml", "--format", "yaml"], id="export-bad-format"),
        pytest.param(["export", "{tmp}/good.toml", "--format", "md", "--kind", "x"], id="bad-kind"),
        pytest.param(
            ["export", "{tmp}/good.toml", "--format", "md", "--kind", "note"], id="note-no-contacts"
        ),
        pytest.param(
            ["export", "{tmp}/good.toml", "--format", "md", "--contact", "1"], id="contact-not-note"
        ),
        pytest.param(["export", "{tmp}/missing.toml", "--format", "json"], id="export-missing"),
        pytest.param(["export", "{tmp}", "--format", "json"], id="export-folder"),
        pytest.param(["frobnicate"], id="unknown-command"),
        pytest.param(["--demo", "--cases", "{tmp}"], id="demo-and-cases"),
        pytest.param(["--cases", "{tmp}/good.toml"], id="cases-not-a-folder"),
    ],
)
def test_usage_errors_exit_2(tmp_path, capsys, argv):
    _write(tmp_path, "good.toml")
    (tmp_path / "notes.txt").write_text("hello")
    code, out, err = run(capsys, *[a.format(tmp=tmp_path) for a in argv])
    assert code == 2
    assert out == ""
    assert err.strip()


def test_usage_error_names_every_bad_argument(tmp_path, capsys):
    code, _, err = run(capsys, "validate", tmp_path / "one.toml", tmp_path / "two.txt")
    assert code == 2
    assert err.splitlines() == [
        f"sbcm: {tmp_path / 'one.toml'}: no such file or folder",
        f"sbcm: {tmp_path / 'two.txt'}: no such file or folder",
    ]


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--demo"],
        ["--cases", "somewhere"],
        ["--cases=somewhere", "--protocol", "sbcm"],
        ["--dem"],  # an abbreviation, as argparse allows
        ["--demo", "--cases", "x"],
        ["--cases"],
        ["--demo", "frobnicate"],
        ["--nonsense"],
        ["-h"],
        ["--version"],
        ["validate", "--demo"],
    ],
)
def test_the_apps_quick_parse_answers_as_the_full_parser(capsys, argv):
    """`sbcm` parses the app's options alone (no subcommand modules at start); for every
    command line it must come to what the full parser does: the same options, or the same exit
    and message."""

    def outcome(parse):
        try:
            args = vars(parse())
        except SystemExit as exc:
            return exc.code, capsys.readouterr()
        return args, capsys.readouterr()

    quick = outcome(lambda: cli.parse_arguments(argv))
    full = outcome(lambda: cli.build_parser().parse_args(argv))
    assert quick == full


def test_help_and_version_exit_0(capsys):
    assert run(capsys, "--help")[0] == 0
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.startswith("sbcm ")


# --- schema ----------------------------------------------------------------------------------


def test_schema_prints_the_case_json_schema(capsys):
    code, out, err = run(capsys, "schema")
    assert code == 0
    assert err == ""
    schema = json.loads(out)
    assert schema["$id"].startswith("urn:sbcm-tui:")
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert "sbcm-tui case file" in schema["title"]
    assert {"schema_version", "client", "strengths", "goals"} <= set(schema["properties"])
    assert "client" in schema["required"]
    assert schema["additionalProperties"] is False


# --- export ----------------------------------------------------------------------------------


def test_export_round_trips_toml_json_toml_to_identical_bytes(tmp_path, capsys):
    original = _write(tmp_path, "c-orig.toml")
    as_json, back = tmp_path / "out" / "c.json", tmp_path / "out" / "c.toml"
    as_json.parent.mkdir()
    assert run(capsys, "export", original, "--format", "json", "-o", as_json)[0] == 0
    assert run(capsys, "export", as_json, "--format", "toml", "-o", back)[0] == 0
    assert back.read_bytes() == original.read_bytes()
    assert read_case(as_json)[0] == read_case(original)[0]


def test_export_writes_owner_only_and_replaces_an_old_export(tmp_path, capsys):
    source = _write(tmp_path, "c-orig.toml")
    out = tmp_path / "export.json"
    out.write_text("old")
    out.chmod(0o644)
    code, stdout, err = run(capsys, "export", source, "--format", "json", "--output", out)
    assert code == 0
    assert stdout == ""
    assert f"{out}: written" in err
    assert _mode(out) == 0o600
    assert json.loads(out.read_text())["client"]["preferred_name"] == MARKER


@pytest.mark.parametrize("dash", [[], ["-o", "-"]], ids=["no-output", "dash"])
def test_export_to_stdout(tmp_path, capsys, dash):
    source = _write(tmp_path, "c-orig.json")
    code, out, err = run(capsys, "export", source, "--format", "toml", *dash)
    assert code == 0
    assert err == ""
    assert out.encode() == dump_case(read_case(source)[0], CaseFormat.TOML)


def test_export_refuses_to_overwrite_its_input(tmp_path, capsys):
    source = _write(tmp_path, "c-orig.toml")
    before = source.read_bytes()
    (tmp_path / "alias.toml").symlink_to(source)
    os.link(source, tmp_path / "hardlink.toml")
    for target in (source, tmp_path / "alias.toml", tmp_path / "hardlink.toml"):
        code, _, err = run(capsys, "export", source, "--format", "toml", "-o", target)
        assert code == 2
        assert "refusing to overwrite" in err
    assert source.read_bytes() == before


def test_export_refuses_a_name_that_contradicts_the_format(tmp_path, capsys):
    source = _write(tmp_path, "c-orig.toml")
    code, _, err = run(capsys, "export", source, "--format", "toml", "-o", tmp_path / "x.json")
    assert code == 2
    assert "--format" in err
    assert not (tmp_path / "x.json").exists()


def test_export_of_an_invalid_case_writes_nothing(tmp_path, capsys):
    source = tmp_path / "c-bad.json"
    source.write_text(json.dumps({"schema_version": 1, "client": {"preferred_name": ""}}))
    out = tmp_path / "out.toml"
    code, stdout, err = run(capsys, "export", source, "--format", "toml", "-o", out)
    assert code == 1
    assert stdout == ""
    assert err.splitlines() == [
        f"{source}: client.preferred_name: " + err.split(": ", 2)[2].strip()
    ]
    assert not out.exists()


def test_export_formats_come_from_the_exporter_table(tmp_path, capsys, monkeypatch):
    source = _write(tmp_path, "c-orig.toml")
    assert run(capsys, "export", source, "--format", "yaml")[0] == 2
    yaml = exports.ExportFormat("yaml", "YAML", ".yaml", "for the test", lambda doc: b"yaml!\n")
    monkeypatch.setitem(exports.FORMATS, "yaml", yaml)
    assert run(capsys, "export", source, "--format", "yaml") == (0, "yaml!\n", "")


# --- seal ------------------------------------------------------------------------------------


def _hand_edit(path: Path, old: bytes, new: bytes) -> None:
    raw = path.read_bytes()
    assert old in raw
    path.write_bytes(raw.replace(old, new))


def test_seal_fixes_a_hand_edited_file(tmp_path, capsys):
    path = _write(tmp_path, "c-edit.toml")
    _hand_edit(path, b"lives with a sister", b"lives with a brother")
    assert run(capsys, "validate", path)[0] == 1

    code, out, err = run(capsys, "seal", path)
    assert code == 0
    assert out == ""
    assert err.strip() == f"{path}: sealed"
    assert _mode(path) == 0o600
    assert run(capsys, "validate", path)[0] == 0
    assert read_case(path)[0].client.living_situation.endswith("lives with a brother")
    assert path.read_bytes().count(b"# sbcm-sha256: ") == 1


def test_seal_adds_a_missing_checksum_line(tmp_path, capsys):
    path = _write(tmp_path, "c-edit.toml")
    path.write_bytes(unsealed(path.read_bytes()))
    assert run(capsys, "seal", path)[0] == 0
    assert run(capsys, "validate", path)[0] == 0


def test_seal_through_a_link_keeps_the_link(tmp_path, capsys):
    target = _write(tmp_path, "c-real.toml")
    link = tmp_path / "c-link.toml"
    link.symlink_to(target)
    _hand_edit(target, b"sister", b"cousin")
    assert run(capsys, "seal", link)[0] == 0
    assert link.is_symlink()
    assert run(capsys, "validate", target)[0] == 0


def test_seal_refuses_a_file_with_other_problems(tmp_path, capsys):
    path = _write(tmp_path, "c-edit.toml")
    _hand_edit(path, b"revision = 0", b"revision = -3\nnickname = 1")
    before = path.read_bytes()
    code, out, _ = run(capsys, "seal", path)
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 2
    assert all(line.startswith(f"{path}: ") for line in lines)
    assert path.read_bytes() == before


def test_seal_leaves_valid_and_json_files_alone(tmp_path, capsys):
    toml, jsn = _write(tmp_path, "c-one.toml"), _write(tmp_path, "c-two.json")
    before = toml.read_bytes(), jsn.read_bytes()
    mtimes = toml.stat().st_mtime_ns, jsn.stat().st_mtime_ns
    code, out, err = run(capsys, "seal", toml, jsn)
    assert code == 0
    assert out == ""
    assert "nothing to do" in err
    assert "JSON" in err
    assert (toml.read_bytes(), jsn.read_bytes()) == before
    assert (toml.stat().st_mtime_ns, jsn.stat().st_mtime_ns) == mtimes


def test_seal_refuses_an_invalid_json_file(tmp_path, capsys):
    path = tmp_path / "c-bad.json"
    path.write_text("[]")
    code, out, _ = run(capsys, "seal", path)
    assert code == 1
    assert out.startswith(f"{path}: file: ")


def test_seal_output_is_what_dump_case_writes(tmp_path, capsys):
    case = _case()
    path = tmp_path / "c-x.toml"
    path.write_bytes(unsealed(dump_case(case, CaseFormat.TOML)))
    run(capsys, "seal", path)
    assert path.read_bytes() == seal(unsealed(dump_case(case, CaseFormat.TOML)))


# --- which folder the app opens ----------------------------------------------------------------


SEEN: dict[Path, Path] = {}
"""Each folder the fake app was opened on, copied as it was then."""


@pytest.fixture
def fake_app(monkeypatch):
    """Replace sbcm_tui.tui.app with a recorder, so no terminal UI starts."""
    calls: list[dict[str, object]] = []
    module = types.ModuleType("sbcm_tui.tui.app")

    def run_app(cases_dir: Path, protocol: str | None = None, demo: bool = False) -> int:
        if Path(cases_dir).is_dir():  # what it held while the app was open (a demo copy goes after)
            SEEN[Path(cases_dir)] = Path(tempfile.mkdtemp(prefix="seen-")) / "cases"
            shutil.copytree(cases_dir, SEEN[Path(cases_dir)])
        calls.append({"cases_dir": cases_dir, "protocol": protocol, "demo": demo})
        return 0

    module.run_app = run_app  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sbcm_tui.tui.app", module)
    return calls


def test_default_cases_dir_is_sbcm_home_itself(monkeypatch, tmp_path):
    monkeypatch.setenv("SBCM_HOME", os.fspath(tmp_path / "home"))
    assert paths.default_cases_dir() == tmp_path / "home"


def test_default_cases_dir_without_sbcm_home(monkeypatch):
    monkeypatch.delenv("SBCM_HOME", raising=False)
    assert paths.default_cases_dir() == paths.user_data_dir() / "cases"
    assert "sbcm-tui" in os.fspath(paths.default_cases_dir())


@pytest.mark.parametrize("home", [None, "home", "home/"], ids=["default", "home", "slash"])
def test_practice_cases_stay_out_of_the_caseload_folder(monkeypatch, tmp_path, home):
    monkeypatch.delenv("SBCM_PRACTICE_HOME", raising=False)
    if home is None:
        monkeypatch.delenv("SBCM_HOME", raising=False)
    else:
        monkeypatch.setenv("SBCM_HOME", os.fspath(tmp_path) + "/" + home)
    caseload, practice = paths.default_cases_dir(), paths.practice_dir()
    assert practice.parent == Path(os.path.abspath(caseload)).parent
    assert practice != caseload
    assert not practice.is_relative_to(caseload)
    if home is not None:
        assert practice == tmp_path / "home-practice"


def test_practice_home_variable_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("SBCM_HOME", os.fspath(tmp_path / "home"))
    monkeypatch.setenv("SBCM_PRACTICE_HOME", os.fspath(tmp_path / "p"))
    assert paths.practice_dir() == tmp_path / "p"


def test_demo_source_dir_is_the_repos_data_demo():
    assert paths.demo_source_dir() == REPO / "data" / "demo"
    assert paths.demo_source_dir().is_dir()


def test_cases_flag_wins_over_sbcm_home(monkeypatch, tmp_path, capsys, fake_app):
    monkeypatch.setenv("SBCM_HOME", os.fspath(tmp_path / "home"))
    assert run(capsys, "--cases", tmp_path / "flag", "--protocol", "long-term")[0] == 0
    assert fake_app == [{"cases_dir": tmp_path / "flag", "protocol": "long-term", "demo": False}]


def test_sbcm_home_chooses_the_folder(monkeypatch, tmp_path, capsys, fake_app):
    monkeypatch.setenv("SBCM_HOME", os.fspath(tmp_path / "home"))
    assert run(capsys)[0] == 0
    assert fake_app == [{"cases_dir": tmp_path / "home", "protocol": None, "demo": False}]


def test_platform_folder_when_nothing_is_set(monkeypatch, capsys, fake_app):
    monkeypatch.delenv("SBCM_HOME", raising=False)
    assert run(capsys)[0] == 0
    assert fake_app[0]["cases_dir"] == paths.user_data_dir() / "cases"


def test_demo_opens_a_fresh_copy(monkeypatch, tmp_path, capsys, fake_app):
    monkeypatch.setenv("SBCM_HOME", os.fspath(tmp_path / "home"))
    copies: list[Path] = []

    def fresh_demo_copy(dest: Path | None = None, today: date | None = None) -> Path:
        copy = tmp_path / f"demo-{len(copies)}"
        copies.append(copy)
        return copy

    demo = types.ModuleType("sbcm_tui.files.demo")
    demo.fresh_demo_copy = fresh_demo_copy  # type: ignore[attr-defined]
    demo.discard_demo_copy = lambda folder: None  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sbcm_tui.files.demo", demo)
    assert run(capsys, "--demo")[0] == 0
    assert run(capsys, "--demo")[0] == 0
    assert (
        [c["cases_dir"] for c in fake_app] == copies == [tmp_path / "demo-0", tmp_path / "demo-1"]
    )
    assert all(c["demo"] is True for c in fake_app)


def test_demo_uses_the_real_demo_module_on_a_copy(monkeypatch, tmp_path, capsys, fake_app):
    pytest.importorskip("sbcm_tui.files.demo")
    monkeypatch.setattr(tempfile, "tempdir", os.fspath(tmp_path))  # the copy lands in tmp_path
    assert run(capsys, "--demo")[0] == 0
    (call,) = fake_app
    assert Path(call["cases_dir"]).is_relative_to(tmp_path)
    assert not Path(call["cases_dir"]).exists()  # gone once the app has closed
    copy = SEEN[Path(call["cases_dir"])]  # what it held while the app was open
    assert Path(call["cases_dir"]).resolve() != paths.demo_source_dir().resolve()
    shipped = sorted(
        p.name
        for p in paths.demo_source_dir().iterdir()
        if p.suffix in (".toml", ".json") and not p.name.startswith(".")
    )
    assert sorted(p.name for p in copy.iterdir() if not p.name.startswith(".")) == shipped
    assert run(capsys, "validate", copy)[0] == 0


def test_shipped_demo_cases_validate(capsys):
    assert any(paths.demo_source_dir().glob("*.toml")), "the demo cases are missing"
    code, out, _ = run(capsys, "validate", paths.demo_source_dir())
    assert (code, out) == (0, "")


def test_a_damaged_demo_file_is_reported_not_raised(monkeypatch, capsys, fake_app):
    def fresh_demo_copy(dest: Path | None = None, today: date | None = None) -> Path:
        raise CaseFileError(
            "data/demo/c-demo-x.toml", ProblemKind.SYNTAX, [Problem("line 3", "bad")]
        )

    demo = types.ModuleType("sbcm_tui.files.demo")
    demo.fresh_demo_copy = fresh_demo_copy  # type: ignore[attr-defined]
    demo.discard_demo_copy = lambda folder: None  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "sbcm_tui.files.demo", demo)
    assert run(capsys, "--demo") == (1, "", "data/demo/c-demo-x.toml: line 3: bad\n")
    assert fake_app == []


def test_demo_without_the_demo_module_is_a_clear_error(monkeypatch, capsys, fake_app):
    monkeypatch.setitem(sys.modules, "sbcm_tui.files.demo", None)
    code, out, err = run(capsys, "--demo")
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1
    assert fake_app == []


def test_app_that_cannot_be_imported_is_one_line(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "sbcm_tui.tui.app", None)
    code, out, err = run(capsys, "--cases", "somewhere")
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("sbcm: ")


# --- never a traceback ---------------------------------------------------------------------------


def _explode(args):
    raise RuntimeError(MARKER)


def test_unexpected_errors_are_one_line(monkeypatch, capsys):
    monkeypatch.delenv(cli.DEBUG_ENV, raising=False)
    monkeypatch.setattr(cli_schema, "cmd_schema", _explode)
    code, out, err = run(capsys, "schema")
    assert code == 1
    assert out == ""
    assert err == "sbcm: internal error: RuntimeError\n"


def test_debug_variable_lets_unexpected_errors_raise(monkeypatch):
    monkeypatch.setenv(cli.DEBUG_ENV, "1")
    monkeypatch.setattr(cli_schema, "cmd_schema", _explode)
    with pytest.raises(RuntimeError):
        cli.main(["schema"])


def test_keyboard_interrupt_exits_quietly(monkeypatch, capsys):
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_schema, "cmd_schema", interrupted)
    assert run(capsys, "schema") == (130, "", "")


def _python_m(*argv: str | os.PathLike[str], **kwargs) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != cli.DEBUG_ENV}
    return subprocess.run(
        [sys.executable, "-m", "sbcm_tui", *map(os.fspath, argv)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=REPO,
        **kwargs,
    )


def test_real_process_usage_error_and_schema(tmp_path):
    result = _python_m("validate")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    result = _python_m("validate", tmp_path / "nope.toml")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    result = _python_m("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout)["properties"]


def test_real_process_export_round_trip(tmp_path):
    source = _write(tmp_path, "c-orig.toml")
    result = _python_m("export", source, "--format", "json")
    assert result.returncode == 0, result.stderr
    (tmp_path / "c.json").write_text(result.stdout)
    result = _python_m("export", tmp_path / "c.json", "--format", "toml", "-o", tmp_path / "c.toml")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "c.toml").read_bytes() == source.read_bytes()


def test_command_line_does_not_import_textual():
    code = "import sys, sbcm_tui.cli, sbcm_tui.files.paths; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
