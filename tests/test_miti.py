"""The MITI coder (sbcm_tui/practice/miti.py): the turn rule, the finer codes, speech as spoken,
simple vs complex with and without the client's line, and MITI 4.2.1's summary scores. The
lines here are ours and state the rules; how the coder does on lines others wrote is measured
by benchmarks/eval_miti.py, not here."""

from __future__ import annotations

import json

import pytest

from sbcm_tui.cli import main
from sbcm_tui.practice.coder import Code
from sbcm_tui.practice.miti import Behaviour, code_turn, code_utterance, spoken, summarize

B = Behaviour


@pytest.mark.parametrize(
    ("text", "main_code", "codes"),
    [
        # a trailing check leaves a reflection or information what it is
        ("You're worried the rent will go up, right?", B.REFLECTION_COMPLEX, None),
        ("The clinic opens at nine, okay?", B.GIVING_INFORMATION, None),
        ("You want to stay close to your kids. Is that what you're saying?", None, Code.REFLECTION),
        # ... a fact checked with a tag is a closed question
        ("You're still at the same job, right?", B.QUESTION_CLOSED, None),
        # a real question carries the turn; a short one only over what is shorter
        ("You've talked about the bakery a lot. What draws you to it?", B.QUESTION_OPEN, None),
        ("You've been through so much with your sister this year. Why?", None, Code.REFLECTION),
        # MITI's trumping rule: an affirmation over the reflection it comes with
        ("You've been sober ninety days. That took real work.", B.AFFIRM, None),
        ("You've paid every court payment on time. That takes real discipline.", B.AFFIRM, None),
        # open despite a yes/no surface; a fact asked with "how far" is closed
        ("Is there anything you might use to get through the cravings?", B.QUESTION_OPEN, None),
        ("Anything else?", B.QUESTION_OPEN, None),
        ("How far?", B.QUESTION_CLOSED, None),
        # news and plans are information, with "so" and "your" or not
        ("So the good news is your blood test came back normal.", B.GIVING_INFORMATION, None),
        ("So, we'll need to work out the very first step.", B.GIVING_INFORMATION, None),
        # the finer codes
        ("Would it be okay if I shared what other people have tried?", B.SEEK_COLLABORATION, None),
        ("Let's figure this out together.", B.SEEK_COLLABORATION, None),
        ("It's really up to you.", B.EMPHASIZE_AUTONOMY, None),
        ("You should call the landlord today.", B.PERSUADE, None),
        (
            "If it's okay with you, you could try calling the landlord.",
            B.PERSUADE_WITH_PERMISSION,
            None,
        ),
        ("You're in denial about this.", B.CONFRONT, None),
        ("It feels unfair that you're the one who has to change.", None, Code.REFLECTION),
        ("Hi, good to see you.", B.OTHER, None),
    ],
)
def test_a_turn_gets_the_code_of_what_carries_it(
    text: str, main_code: Behaviour | None, codes: Code | None
) -> None:
    turn = code_turn(text)
    if main_code is not None:
        assert turn.behaviour is main_code, [(u.text, u.behaviour) for u in turn.utterances]
    if codes is not None:
        assert turn.code is codes
    assert code_utterance(text) is turn.code  # the five labels are the same turn, folded


def test_seeking_collaboration_asked_as_a_question_stays_a_question_in_the_five_labels() -> None:
    turn = code_turn("Would it be okay if I shared some information about that?")
    assert turn.behaviour is B.SEEK_COLLABORATION and turn.code is Code.CLOSED_QUESTION
    said = code_turn("It's your decision, of course.")
    assert said.behaviour is B.EMPHASIZE_AUTONOMY and said.code is Code.OTHER


def test_permission_asked_earlier_in_the_turn_makes_advice_persuade_with_permission() -> None:
    turn = code_turn("Can I share an idea? You could try the food bank on Fridays.")
    assert [u.behaviour for u in turn.utterances] == [
        B.SEEK_COLLABORATION,
        B.PERSUADE_WITH_PERMISSION,
    ]


def test_speech_as_spoken_fillers_stutters_and_false_starts() -> None:
    assert spoken("Um, so have you-- is there something that helps?") == (
        "is there something that helps?"
    )
    assert spoken("It's all-all of it, uh, the whole thing.") == "It's all of it, the whole thing."
    assert code_turn("Um, so have you-- is there something that helps?").code is Code.OPEN_QUESTION
    assert code_turn("Mm-hm.").code is Code.OTHER and code_turn("Right?").code is (
        Code.CLOSED_QUESTION
    )  # a check alone is coded; after something else it weighs nothing


def test_simple_or_complex_with_the_clients_line() -> None:
    client = "I keep missing the bus to work and my boss is getting annoyed."
    repeat = code_turn("You keep missing the bus to work.", client)
    deeper = code_turn("You're worried this could cost you the job you worked so hard for.", client)
    assert repeat.behaviour is B.REFLECTION_SIMPLE
    assert deeper.behaviour is B.REFLECTION_COMPLEX
    double = code_turn("Part of you wants to quit, and part of you is not sure you can.")
    assert double.behaviour is B.REFLECTION_COMPLEX  # double-sided, without any client line


def test_summary_scores_follow_miti_4_2_1() -> None:
    lines = [
        "What brings you in today?",  # Q
        "You're tired of fighting with your landlord.",  # CR
        "Money is tight.",  # SR or other: counted as coded
        "You kept every receipt. That's really organised of you.",  # AF
        "You need to stop spending on takeaway.",  # Persuade (non-adherent)
        "It's up to you what happens next.",  # EA (adherent)
    ]
    utterances = [u for text in lines for u in code_turn(text).utterances]
    summary = summarize(utterances)
    assert summary.questions == 1
    assert summary.adherent == 2 and summary.non_adherent == 1
    assert summary.reflections >= 1 and summary.reflection_to_question == summary.reflections
    said = "\n".join(summary.lines())
    assert "fair from 40%, good from 50%" in said and "aim for none" in said
    record = summary.to_json()
    assert record["thresholds"]["percent_complex_reflections"] == {"fair": 0.4, "good": 0.5}
    assert record["mi_non_adherent"] == 1


def test_practice_code_gives_miti_codes_on_request(
    tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = tmp_path / "lines.txt"
    lines.write_text("Hi. What brings you here?\nYou should see a doctor.\n", encoding="utf-8")
    assert main(["practice", "code", "--codes", "miti", str(lines)]) == 0
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert first["label"] == "question_open"
    assert [u["label"] for u in first["utterances"]] == ["other", "question_open"]
    assert second["label"] == "persuade"
    assert main(["practice", "code", str(lines)]) == 0  # the five labels stay the default
    assert [json.loads(x)["label"] for x in capsys.readouterr().out.splitlines()] == [
        "open_question",
        "other",
    ]
    assert main(["practice", "code", "--codes", "miti", "--summary", "--json", str(lines)]) == 0
    assert json.loads(capsys.readouterr().out)["mi_non_adherent"] == 1
