"""`sbcm practice code`: JSON lines per utterance, the summary, and clear one-line errors."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sbcm_tui import cli

LINES = [
    "What brought you in today?",
    "So you want to keep the apartment.",
    "You kept every appointment this month.",
    "Do you have a ride",
    "Let's look at the plan.",
]


def run(capsys: pytest.CaptureFixture[str], *argv: str | os.PathLike[str]) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def utterances(tmp_path: Path) -> Path:
    path = tmp_path / "lines.txt"
    path.write_text("\n".join(LINES[:2]) + "\n\n   \n" + "\n".join(LINES[2:]) + "\n", "utf-8")
    return path


def test_prints_one_json_object_per_non_blank_line(utterances, capsys) -> None:
    code, out, err = run(capsys, "practice", "code", utterances)
    assert (code, err) == (0, "")
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows == [
        {"text": LINES[0], "label": "open_question"},
        {"text": LINES[1], "label": "reflection"},
        {"text": LINES[2], "label": "affirmation"},
        {"text": LINES[3], "label": "closed_question"},
        {"text": LINES[4], "label": "other"},
    ]


def test_reads_stdin_for_a_dash(capsys, monkeypatch) -> None:
    data = "\ufeffTell me about your week\r\nCaf\u00e9 talk is fine.\r\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code, out, _ = run(capsys, "practice", "code", "-")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows[0] == {"text": "Tell me about your week", "label": "open_question"}
    assert rows[1]["text"] == "Caf\u00e9 talk is fine."  # the BOM and CRLF are gone
    assert "\u00e9" in out  # not escaped to \u00e9


def test_summary_as_text(utterances, capsys) -> None:
    code, out, _ = run(capsys, "practice", "code", "--summary", utterances)
    assert code == 0
    assert out.splitlines() == [
        "Lines coded: 5",
        "Open questions: 1, closed questions: 1, reflections: 1, affirmations: 1, other: 1",
        "Reflections to questions: 0.5 to 1, below the guide (fair from 1 to 1, good from 2 to 1)",
        "Open questions: 50% of 2 questions, fair (fair from 50%, good from 70%)",
        "Affirmations: 1",
    ]


def test_summary_as_json(utterances, capsys) -> None:
    code, out, _ = run(capsys, "practice", "code", utterances, "--summary", "--json")
    assert code == 0
    summary = json.loads(out)
    assert summary["counts"]["reflection"] == 1
    assert summary["questions"] == 2
    assert summary["reflection_to_question"] == 0.5
    assert summary["open_question_share"] == 0.5
    assert (summary["rq_rating"], summary["open_rating"]) == ("below", "fair")


def test_an_empty_file_prints_nothing_and_an_empty_summary(tmp_path, capsys) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", "utf-8")
    assert run(capsys, "practice", "code", empty) == (0, "", "")
    code, out, _ = run(capsys, "practice", "code", "--summary", "--json", empty)
    assert code == 0
    assert json.loads(out)["total"] == 0


def test_a_missing_file_is_one_line_and_exit_1(tmp_path, capsys) -> None:
    missing = tmp_path / "nope.txt"
    code, out, err = run(capsys, "practice", "code", missing)
    assert (code, out) == (1, "")
    assert err == f"sbcm: {missing}: no such file\n"


def test_a_file_that_is_not_utf8_is_a_clear_error(tmp_path, capsys) -> None:
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Tell me more.\nCaf\u00e9?\n".encode("latin-1"))
    code, out, err = run(capsys, "practice", "code", latin)
    assert (code, out) == (1, "")
    assert err == f"sbcm: {latin}: line 2: not UTF-8 text\n"


def test_json_lines_are_refused_and_plain_text_said_plainly(tmp_path, capsys) -> None:
    """Its own output fed back (or any JSON lines) is not coded as if the braces were speech."""
    fed = tmp_path / "coded.jsonl"
    fed.write_text('What brings you here?\n{"text": "Tell me more.", "label": "other"}\n')
    code, out, err = run(capsys, "practice", "code", fed)
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "line 2 is JSON" in err and "plain text" in err
    quoted = tmp_path / "quoted.txt"  # a line in quotation marks is speech: coded
    quoted.write_text('"So you want to go back to work."\n')
    code, out, _ = run(capsys, "practice", "code", quoted)
    assert code == 0 and out.count("\n") == 1


def test_a_folder_is_refused(tmp_path, capsys) -> None:
    code, out, err = run(capsys, "practice", "code", tmp_path)
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "is a folder" in err


def test_practice_without_a_tool_is_a_usage_error(capsys) -> None:
    code, _, err = run(capsys, "practice")
    assert code == 2
    assert "required" in err
    assert "code" in run(capsys, "practice", "--help")[1]


def test_the_installed_command_reads_a_pipe() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sbcm_tui", "practice", "code", "-"],
        input=b"How many kids do you have?\n",
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "text": "How many kids do you have?",
        "label": "closed_question",
    }
