"""``sbcm report``: the dashboard's figures as text or JSON, exit codes as DESIGN.md says."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from sbcm_tui import cli
from tests.support import DEMO

TODAY = "2026-11-20"  # DEMO_ANCHOR: the figures are the ones worked out in test_outcomes.py


def run(capsys: pytest.CaptureFixture[str], *argv: str | os.PathLike[str]) -> tuple[int, str, str]:
    code = cli.main([os.fspath(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    folder = tmp_path / "demo"
    shutil.copytree(DEMO, folder)
    return folder


def test_text_report_of_the_demo(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "report", demo, "--today", TODAY)
    assert code == 0 and err == ""
    assert out.startswith("Outcomes on Fri 20 Nov 2026 · 7 cases, 6 active\n")
    assert "Objectives due in the next 7 days: 2" in out
    assert "Objectives overdue: 1" in out
    assert "No contact in 14 days: 0 active cases" in out
    assert "14 referrals made · 8 linked (57%) · 7 of those retained (88%)" in out
    assert "    Sun 15 Nov 2026  Marcus Reid " in out
    assert "  ▁··▁·▃▁▃▁▅▇█  1 0 0 1 0 2 1 2 1 4 5 6" in out
    assert all(len(line) <= 80 for line in out.splitlines())


def test_json_report_with_days(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "report", demo, "--json", "--days", "3", "--today", TODAY)
    assert code == 0
    data = json.loads(out)
    assert data["no_contact"]["days"] == 3
    assert [c["days"] for c in data["no_contact"]["cases"]] == [5, 4]
    assert (data["referrals"]["made"], data["referrals"]["linked"]) == (14, 8)
    assert data["goal_attainment"]["cases"][0] == {
        "case": "Ruth Okafor",
        "file": "c-demo-ruth.toml",
        "t_score": 56.03,
        "rated": 5,
        "objectives": 5,
    }


def test_the_default_folder_is_sbcm_home(
    demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SBCM_HOME", str(demo))
    code, out, _ = run(capsys, "report", "--json", "--today", TODAY)
    assert code == 0 and json.loads(out)["cases"] == 7


def test_unreadable_files_are_counted_named_and_exit_1(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (demo / "broken.toml").write_text("this is = = not toml")
    (demo / "empty.json").write_bytes(b"")
    code, out, err = run(capsys, "report", demo, "--today", TODAY)
    assert code == 1
    assert "7 cases, 6 active · 2 unreadable files" in out
    assert "Unreadable files: 2 (not counted above)" in out
    assert "broken.toml" in out and "empty.json" in out
    assert f"{demo / 'broken.toml'}: " in err and f"{demo / 'empty.json'}: " in err
    code, out, err = run(capsys, "report", demo, "--json", "--today", TODAY)
    assert code == 1
    assert sorted(u["file"] for u in json.loads(out)["unreadable"]) == ["broken.toml", "empty.json"]


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "{missing}"],
        ["report", "{file}"],
        ["report", "{demo}", "--today", "20/11/2026"],
        ["report", "{demo}", "--days", "-1"],
        ["report", "{demo}", "--days", "two"],
    ],
)
def test_usage_errors_exit_2(
    demo: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    names = {"missing": demo / "nope", "file": demo / "c-demo-ana.toml", "demo": demo}
    code, out, err = run(capsys, *(a.format(**names) for a in argv))
    assert code == 2 and out == "" and err


def test_report_leaves_the_case_files_alone(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = {p.name: p.read_bytes() for p in demo.iterdir() if p.is_file()}
    run(capsys, "report", demo, "--today", TODAY)
    assert {p.name: p.read_bytes() for p in demo.iterdir() if p.is_file()} == before
