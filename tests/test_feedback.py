"""Feedback at the end of a practice contact, checked against hand-worked examples; and the
feedback as an export kind (every format, a real case refused, practice never importing
exports)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sbcm_tui.core.case import (
    Case,
    Client,
    Contact,
    Goal,
    NonStrength,
    NonStrengthKind,
    Objective,
    PracticeLine,
    Strength,
)
from sbcm_tui.exports import FORMATS, ExportError, default_file_name, render_export
from sbcm_tui.exports.document import Document, ItemList, plain
from sbcm_tui.exports.feedback import feedback_document
from sbcm_tui.exports.markdown import render_markdown
from sbcm_tui.exports.structured import render_json
from sbcm_tui.files.casefile import CaseFormat, dump_case, load_case
from sbcm_tui.practice.cases import forget_scenarios
from sbcm_tui.practice.coder import Code, Rating
from sbcm_tui.practice.feedback import PracticeFeedback, line_code, practice_feedback
from sbcm_tui.practice.own_words import in_client_words
from sbcm_tui.practice.scenario import practice_case
from tests.practice_sample import SAMPLE_TOML, sample_scenario

DAY = date(2026, 3, 2)


def _worker(text: str, suggested: str | None, code: str | None = None) -> PracticeLine:
    return PracticeLine(speaker="worker", text=text, suggested=suggested, code=code)


def _client(text: str, *revealed: str) -> PracticeLine:
    return PracticeLine(speaker="client", text=text, revealed=list(revealed))


# Eight lines by the trainee, coded by hand. Where the trainee corrected the suggestion, the
# correction counts; the one line with neither is coded now ("Do you drive?": closed).
TRANSCRIPT = [
    _worker("Hi Sol, I'm Kim.", "other"),
    _client("greeting full 1"),
    _worker("What brings you in?", "open_question"),
    _client("goals full 1"),
    _worker("Do you have hobbies?", "closed_question", "open_question"),  # corrected: open
    _client("leisure full 1"),
    _worker("Music matters to you.", "reflection"),
    _client("STRENGTH leisure: I play guitar at the open mic every Friday.", "leisure"),
    _worker("You have kept at it for years.", "affirmation"),
    _client("leisure full 2"),
    _worker("Do you drive?", None),  # no code saved: the coder says closed
    _client("work short 1"),
    _worker("Your cousin is there for you.", "reflection"),
    _client("STRENGTH social 1: my cousin Rafa checks on me every day.", "social_supports"),
    _worker("It sounds like you want somewhere quiet.", "other", "reflection"),  # corrected
    _client("I want a quiet place of my own near the river, away from the noise."),
]


def _case(*lines: PracticeLine, contact: int = 1) -> Case:
    case = practice_case(sample_scenario(), DAY)
    case.contacts.append(Contact(number=contact, on=DAY, practice_lines=list(lines)))
    return case


def _document(feedback: PracticeFeedback) -> Document:
    return feedback_document(feedback, DAY)


def _lines(feedback: PracticeFeedback) -> list[str]:
    """The feedback document as plain lines: its title, then each section's title and its
    lines, indented (the layout the screen shows, and the order every file keeps)."""
    document = _document(feedback)
    out = [document.title]
    for part in document.sections:
        out += ["", part.title]
        for block in part.blocks:
            assert isinstance(block, ItemList)
            out += [f"  {plain(item.parts)}" for item in block.items]
    return out


# --- interviewing ---------------------------------------------------------------------------


def test_counts_and_ratios_worked_by_hand() -> None:
    feedback = practice_feedback(_case(*TRANSCRIPT), sample_scenario())
    codes = feedback.codes
    assert codes.counts == {
        Code.OPEN_QUESTION: 2,
        Code.CLOSED_QUESTION: 1,
        Code.REFLECTION: 3,
        Code.AFFIRMATION: 1,
        Code.OTHER: 1,
    }
    assert codes.total == 8
    assert codes.reflection_to_question == pytest.approx(3 / 3)  # fair: 1 to 1
    assert codes.rq_rating is Rating.FAIR
    assert codes.open_question_share == pytest.approx(2 / 3)  # fair: 50% <= 67% < 70%
    assert codes.open_rating is Rating.FAIR
    assert feedback.contact_number == 1


def test_the_final_code_counts_then_the_suggestion_then_the_coder() -> None:
    assert line_code(_worker("Do you have hobbies?", "closed_question", "open_question")) is (
        Code.OPEN_QUESTION
    )
    assert line_code(_worker("Do you have hobbies?", "closed_question")) is Code.CLOSED_QUESTION
    assert line_code(_worker("Do you have hobbies?", None)) is Code.CLOSED_QUESTION


def test_only_the_chosen_contact_is_counted() -> None:
    case = _case(*TRANSCRIPT)
    case.contacts.append(
        Contact(number=2, on=DAY, practice_lines=[_worker("So you feel stuck.", "reflection")])
    )
    assert practice_feedback(case, sample_scenario()).codes.total == 1  # the last one
    assert practice_feedback(case, sample_scenario(), 1).codes.total == 8
    assert practice_feedback(case, sample_scenario(), 2).contact_number == 2


def test_a_case_with_no_contact_yet_gives_empty_feedback() -> None:
    feedback = practice_feedback(practice_case(sample_scenario(), DAY), sample_scenario())
    assert feedback.codes.total == 0
    assert feedback.contact_number is None
    assert len(feedback.missed) == 4
    assert _lines(feedback)[0] == "Practice feedback: Sol: a test client"


# --- strengths ------------------------------------------------------------------------------


def test_found_and_missed_strengths_by_domain() -> None:
    case = _case(*TRANSCRIPT)
    # Recorded by the trainee: one social strength (the second hidden one in that domain is
    # still missed, as one recorded strength stands for one hidden one), and one in a domain
    # the scenario did not hide anything in.
    case.strengths.append(Strength(domain="social_supports", words="Rafa checks in"))
    case.strengths.append(Strength(domain="financial", words="Keeps a budget"))
    feedback = practice_feedback(case, sample_scenario())
    found = [(s.domain, s.how) for s in feedback.found]
    assert found == [
        ("leisure", "drawn out in the conversation"),
        ("social_supports", "drawn out in the conversation"),
        ("social_supports", "recorded as a strength"),
    ]
    assert [s.domain for s in feedback.missed] == ["health"]
    assert feedback.missed[0].words.startswith("STRENGTH health")
    assert feedback.missed[0].domain_title == "Health"
    assert feedback.other_strengths == ("Financial",)


def test_strengths_found_at_an_earlier_contact_stay_found() -> None:
    case = _case(*TRANSCRIPT)
    case.contacts.append(Contact(number=2, on=DAY, practice_lines=[_worker("Hello.", "other")]))
    feedback = practice_feedback(case, sample_scenario())
    assert {s.domain for s in feedback.found} == {"leisure", "social_supports"}


def test_without_its_scenario_the_transcript_is_still_judged() -> None:
    feedback = practice_feedback(_case(*TRANSCRIPT), None)
    assert feedback.codes.total == 8
    assert feedback.strengths == () and feedback.non_strength is None
    assert feedback.scenario_id == "sample-sol"


# --- goals and objectives -----------------------------------------------------------------


SAID = ["I want a quiet place of my own near the river, away from the noise."]


@pytest.mark.parametrize(
    ("goal", "theirs"),
    [
        ("A quiet place of my own near the river", True),  # a run of their words
        ('Find "a quiet place of my own"', True),  # a quote
        ("Quiet place near the river", True),  # mostly their words
        ("Obtain stable, affordable housing", False),  # the worker's words
        ("Reduce housing instability", False),
        ("", False),
    ],
)
def test_goals_in_the_clients_words(goal: str, theirs: bool) -> None:
    assert in_client_words(goal, SAID) is theirs


def test_a_quote_the_client_never_said_does_not_count() -> None:
    assert not in_client_words('Secure "permanent supportive housing"', SAID)


def test_goals_and_objectives_are_checked() -> None:
    case = _case(*TRANSCRIPT)
    case.goals = [
        Goal(
            words="A quiet place of my own near the river",
            objectives=[
                Objective(text="Visit two flats", measure="two visits", target_date=DAY),
                Objective(text="Look for flats", measure="  "),
                Objective(text="Apply for the list", target_date=DAY),
            ],
        ),
        Goal(words="Achieve residential stability"),
    ]
    feedback = practice_feedback(case, sample_scenario())
    assert [g.in_client_words for g in feedback.goals] == [True, False]
    assert [o.measurable for o in feedback.objectives] == [True, False, False]
    assert [(o.has_measure, o.has_target_date) for o in feedback.objectives] == [
        (True, True),
        (False, False),
        (False, True),
    ]
    text = "\n".join(_lines(feedback))
    assert "Goals in the client's own words: 1 of 2." in text
    assert "Objectives measurable (a measure and a target date): 1 of 3." in text
    assert "Objective (needs a measure and a target date): Look for flats" in text
    assert "Objective (needs a measure): Apply for the list" in text


def test_a_goal_from_the_briefing_counts_as_the_clients_words() -> None:
    # With a partner playing the client, nothing the client said is typed in; what the
    # scenario has them say still counts.
    case = _case()
    case.goals = [Goal(words="A quiet place of my own near the river")]
    assert practice_feedback(case, sample_scenario()).goals[0].in_client_words


# --- non-strengths information ------------------------------------------------------------


def _cue_case(recorded: bool) -> Case:
    case = _case(
        _worker("How are you feeling?", "open_question"),
        _client("feelings full 1 CUE: my chest hurts when I climb stairs."),
    )
    if recorded:
        case.non_strengths.append(
            NonStrength(kind=NonStrengthKind.PHYSICAL_HEALTH, note="chest pain", noted_on=DAY)
        )
    return case


def test_a_cue_that_came_up_and_was_not_recorded_is_pointed_out() -> None:
    check = practice_feedback(_cue_case(False), sample_scenario()).non_strength
    assert check is not None and check.came_up and not check.recorded
    text = "\n".join(_lines(practice_feedback(_cue_case(False), sample_scenario())))
    assert "it was not recorded" in text
    assert "Chest pain on exertion: record it." in text


def test_a_recorded_cue_is_acknowledged() -> None:
    feedback = practice_feedback(_cue_case(True), sample_scenario())
    assert feedback.non_strength is not None and feedback.non_strength.recorded
    assert "Recorded as physical health" in "\n".join(_lines(feedback))


def test_a_cue_that_never_came_up_is_mentioned() -> None:
    check = practice_feedback(_case(*TRANSCRIPT), sample_scenario()).non_strength
    assert check is not None and not check.came_up and not check.recorded


# --- the forms it takes ---------------------------------------------------------------------


def test_the_feedback_survives_saving_the_practice_case() -> None:
    case = _case(*TRANSCRIPT)
    case.goals = [Goal(words="A quiet place", objectives=[Objective(text="x", measure="y")])]
    before = practice_feedback(case, sample_scenario())
    for fmt in CaseFormat:
        loaded = load_case(dump_case(case, fmt), fmt, "p")
        assert practice_feedback(loaded, sample_scenario()) == before


def _section_lines(data: dict[str, Any], key: str) -> list[str]:
    (part,) = [s for s in data["sections"] if s["key"] == key]
    return [item["text"] for block in part["blocks"] for item in block["items"]]


def test_json_export_holds_every_part() -> None:
    feedback = practice_feedback(_cue_case(False), sample_scenario())
    data = json.loads(render_json(_document(feedback)))
    assert {"label": "Scenario", "value": "sample-sol"} in data["meta"]
    assert any(
        line.startswith("Open questions: 1, ") for line in _section_lines(data, "interviewing")
    )
    found_line, *rows = _section_lines(data, "strengths")
    assert found_line == "Found 0 of 4 hidden strengths."
    domains = [row.split(":")[0].split(", ", 1)[1] for row in rows]
    assert domains == ["Leisure", "Social supports", "Social supports", "Health"]
    assert _section_lines(data, "non_strengths")[:2] == [
        "The client said something to record as physical health, and it was not recorded.",
        "What they said: CUE: my chest hurts when I climb stairs.",
    ]


def test_markdown_export_keeps_client_words_literal() -> None:
    case = _case(*TRANSCRIPT)
    case.goals = [Goal(words="Get *my* [place](http://x) # now <b>")]
    markdown = render_markdown(_document(practice_feedback(case, sample_scenario()))).decode()
    assert markdown.startswith("# Practice feedback: Sol: a test client, contact 1\n")
    assert "## Strengths" in markdown and "## Goals and objectives" in markdown
    assert r"Get \*my\* \[place\](http://x) \# now \<b\>" in markdown
    assert "<b>" not in markdown


def test_plain_lines_are_grouped_under_headings() -> None:
    lines = _lines(practice_feedback(_case(*TRANSCRIPT), sample_scenario()))
    headings = [line for line in lines if line and not line.startswith(" ")]
    assert headings == [
        "Practice feedback: Sol: a test client, contact 1",
        "Interviewing",
        "Strengths",
        "Goals and objectives",
        "Non-strengths information",
    ]
    assert "  Found 2 of 4 hidden strengths." in lines


# --- the feedback export kind -----------------------------------------------------------------


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The sample scenario in the user's scenario folder, so the export finds it by id."""
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "sample-sol.toml").write_text(SAMPLE_TOML, encoding="utf-8")
    monkeypatch.setenv("SBCM_SCENARIOS", str(folder))
    forget_scenarios()
    yield
    forget_scenarios()


def _plan_case() -> Case:
    case = _cue_case(False)
    case.contacts[0].practice_lines += TRANSCRIPT
    case.goals = [Goal(words="Get *my* [place](http://x) # now <b>")]
    return case


@pytest.mark.usefixtures("library")
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_the_feedback_kind_in_every_format(fmt: str) -> None:
    case = _plan_case()
    got = render_export(case, "feedback", fmt, today=DAY, contact=1)
    document = _document(practice_feedback(case, sample_scenario(), 1))
    assert got == FORMATS[fmt].render(document)  # the same document, judged on its scenario
    assert [s.key for s in document.sections] == [
        "interviewing",
        "strengths",
        "plan",
        "non_strengths",
    ]
    text = got.decode("utf-8")
    assert "Practice feedback: Sol: a test client, contact 1" in text
    assert "Practice case: a role-play, not a real person." in text
    if fmt in ("json", "toml"):
        data = json.loads(text) if fmt == "json" else tomllib.loads(text)
        assert data["export"] == "practice-feedback"
        assert data == json.loads(render_export(case, "feedback", "json", today=DAY, contact=1))
        assert "Lines coded: 9" in _section_lines(data, "interviewing")
    if fmt == "html":
        assert "<h2><bdi>Strengths</bdi></h2>" in text and "&lt;b&gt;" in text and "<b>" not in text


@pytest.mark.usefixtures("library")
def test_the_feedback_kind_takes_the_last_contact_said_by_default() -> None:
    case = _case(*TRANSCRIPT)
    case.contacts.append(Contact(number=2, on=DAY))  # started, nothing said yet
    markdown = render_export(case, "feedback", "md", today=DAY).decode()
    assert markdown.startswith("# Practice feedback: Sol: a test client, contact 1\n")


def test_feedback_is_named_by_the_case_id_and_contact() -> None:
    case = _case(*TRANSCRIPT)
    assert default_file_name(case, "feedback", "md", 1) == f"{case.id}-feedback-contact-1.md"
    assert "Sol" not in default_file_name(case, "feedback", "html", 1)


def test_feedback_on_a_real_case_is_refused() -> None:
    real = Case(client=Client(preferred_name="A"), contacts=[Contact(number=1, on=DAY)])
    for fmt in FORMATS:
        with pytest.raises(ExportError, match="only for a practice case"):
            render_export(real, "feedback", fmt, today=DAY, contact=1)


@pytest.mark.parametrize(
    ("contacts", "number", "message"),
    [
        ([], None, "has no contacts yet"),
        ([Contact(number=1, on=DAY)], 4, "has no contact 4 (it has 1)"),
    ],
)
def test_feedback_on_a_contact_the_case_lacks_is_refused(contacts, number, message) -> None:
    case = practice_case(sample_scenario(), DAY)
    case.contacts = contacts
    with pytest.raises(ExportError, match=re.escape(message)):
        render_export(case, "feedback", "md", today=DAY, contact=number)


PRACTICE_ALONE = """
import importlib, json, pkgutil, sys
import sbcm_tui.practice as practice
for module in pkgutil.iter_modules(practice.__path__):
    importlib.import_module(f"sbcm_tui.practice.{module.name}")
print(json.dumps(sorted(sys.modules)))
"""


def test_the_practice_package_never_imports_exports() -> None:
    # exports build on practice (the feedback kind); the other way round would be a cycle
    result = subprocess.run(
        [sys.executable, "-c", PRACTICE_ALONE],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(result.stdout))
    assert "sbcm_tui.practice.feedback" in loaded and "sbcm_tui.practice.cases" in loaded
    assert sorted(m for m in loaded if m.startswith("sbcm_tui.exports")) == []
    assert "textual" not in loaded
