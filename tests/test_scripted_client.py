"""The scripted client: which answer a trainee's line draws, when hidden strengths come out, and
that the same seed and lines always give the same replies."""

from __future__ import annotations

import itertools

import pytest

from sbcm_tui.core.case import PracticeLine
from sbcm_tui.files.protocols import load_prompt_bank
from sbcm_tui.practice.client import ScriptedClient, found_strengths, revealed_ids
from sbcm_tui.practice.coder import Code
from sbcm_tui.practice.scenario import scenario_library
from sbcm_tui.practice.topics import TopicFinder, mentions_any, stem
from tests.practice_sample import sample_scenario

SHIPPED, _ = scenario_library(extra_dirs=())
BANK = load_prompt_bank()


def _client(seed: int = 0, **changes: object) -> ScriptedClient:
    return ScriptedClient(sample_scenario(**changes), seed=seed)


# --- topics ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "topic"),
    [
        ("What do you do for fun?", "leisure"),
        ("Tell me about your family.", "social_supports"),
        ("How do you look after your health?", "health"),
        ("What kind of work have you done?", "vocational_educational"),
        ("How do you manage the bills?", "financial"),
        ("Where are you living at the moment?", "daily_living"),
        ("Is faith part of your life?", "spirituality_culture"),
        ("What would you like to be different a year from now?", "goals"),
        ("How are you feeling today?", "feelings"),
        ("Hello, thanks for coming in.", "greeting"),
        ("Tell me about the open mic.", "leisure"),  # the scenario's own cue words
    ],
)
def test_a_line_finds_its_topic(line: str, topic: str) -> None:
    assert TopicFinder(sample_scenario(), BANK).find(line) == topic


@pytest.mark.parametrize("prompt", [p for p in BANK.prompts if p.domain], ids=lambda p: p.id)
def test_every_domain_prompt_of_the_bank_finds_its_domain(prompt) -> None:
    # A trainee reading the prompt bank's questions out must reach the right domain.
    assert TopicFinder(sample_scenario(), BANK).find(prompt.text) == prompt.domain


def test_stems_meet_across_word_forms() -> None:
    assert stem("meals") == stem("meal")
    assert stem("saving") == stem("saved") == stem("save")
    assert stem("shopping") == stem("shop")
    assert stem("families") == stem("family")
    assert stem("classes") == stem("class")


def test_a_word_inside_another_word_is_not_a_cue() -> None:
    # The sample's health cue is "swim": a swimsuit is not swimming, and "son" is not "reason".
    assert mentions_any("I swim on Mondays", ["swim"])
    assert not mentions_any("Tell me about that swimsuit.", ["swim"])
    assert not mentions_any("What is the reason you came?", ["son"])
    reply = _client().reply("Tell me about that swimsuit.")
    assert reply.topic != "health" and reply.revealed == []


# --- what kind of answer ------------------------------------------------------------------


def test_an_open_question_about_a_domain_draws_its_fuller_answer() -> None:
    reply = _client().reply("What do you do for fun?")
    assert reply.topic == "leisure"
    assert reply.kind == "full"
    assert reply.text.startswith("leisure full")
    assert reply.revealed == []


def test_a_closed_question_gets_a_short_answer() -> None:
    reply = _client().reply("Do you have any hobbies?")
    assert (reply.topic, reply.kind) == ("leisure", "short")
    assert reply.text.startswith("leisure short")


def test_a_deficit_question_gets_a_short_answer_even_when_open() -> None:
    reply = _client().reply("What went wrong with your family?", Code.OPEN_QUESTION)
    assert (reply.topic, reply.kind) == ("social_supports", "short")


def test_a_reflection_draws_out_a_hidden_strength() -> None:
    client = _client()
    client.reply("What do you do for fun?")
    reply = client.reply("It sounds like having something of your own to enjoy matters to you.")
    assert reply.kind == "strength"
    assert reply.topic == "leisure"
    assert [s.id for s in reply.revealed] == ["leisure"]
    assert reply.text.startswith("STRENGTH leisure")
    assert [s.id for s in client.revealed] == ["leisure"]


def test_an_affirmation_draws_out_a_hidden_strength_too() -> None:
    reply = _client().reply("You have really kept your health going.", Code.AFFIRMATION)
    assert [s.id for s in reply.revealed] == ["health"]


def test_a_reflection_with_no_topic_word_stays_on_the_topic() -> None:
    client = _client()
    client.reply("Tell me about your family.")
    reply = client.reply("That means a lot to you.", Code.REFLECTION)
    assert reply.topic == "social_supports"
    assert [s.id for s in reply.revealed] == ["social_supports"]


def test_two_open_questions_on_one_domain_bring_its_strength_out() -> None:
    client = _client()
    assert client.reply("What do you do for fun?").kind == "full"
    assert client.reply("How would you spend a free afternoon?").kind == "strength"


def test_using_a_cue_word_in_an_open_question_brings_the_strength_straight_out() -> None:
    reply = _client().reply("How did you get into the guitar?")
    assert [s.id for s in reply.revealed] == ["leisure"]


def test_closed_and_deficit_questions_never_reveal_anything() -> None:
    client = _client()
    for line in [
        "Do you play guitar?",
        "Do you swim?",
        "Is your cousin Rafa around?",
        "What's the problem with your health?",
        "Why can't you keep a job?",
    ] * 3:
        assert client.reply(line).revealed == []
    assert client.revealed == []
    assert len(client.missed) == 4


def test_a_domain_with_two_strengths_gives_them_one_at_a_time() -> None:
    client = _client()
    first = client.reply("The people in your life are important to you.", Code.REFLECTION)
    second = client.reply("They really show up for you.", Code.REFLECTION)
    assert [s.id for s in first.revealed] == ["social_supports"]
    assert [s.id for s in second.revealed] == ["social_supports-2"]
    third = client.reply("Your family matters to you.", Code.REFLECTION)
    assert third.revealed == [] and third.kind == "full"


def test_a_line_with_no_topic_gets_the_catch_all_answer() -> None:
    reply = _client().reply("Okay, let me get my pen.")
    assert reply.topic == "other"
    assert reply.text.startswith("other")


def test_a_greeting_gets_a_friendly_answer() -> None:
    reply = _client().reply("Hi Sol, I'm Kim. Thanks for coming in.")
    assert (reply.topic, reply.kind) == ("greeting", "full")


def test_the_code_given_overrides_the_coder() -> None:
    line = "Do you play anything?"
    assert _client().reply(line).kind == "short"
    assert _client().reply(line, Code.OPEN_QUESTION).kind == "full"


# --- repetition and determinism -------------------------------------------------------------


def test_the_same_line_is_never_said_twice_in_a_row() -> None:
    client = _client()
    replies = [client.reply("Do you have any hobbies?").text for _ in range(12)]
    assert all(a != b for a, b in itertools.pairwise(replies))
    # health has one short answer: asked twice, the second reply is not the same line
    replies = [client.reply("Are you healthy?").text for _ in range(6)]
    assert all(a != b for a, b in itertools.pairwise(replies))


LINES = [
    "Hi Sol, thanks for coming.",
    "What brings you here?",
    "Do you have any hobbies?",
    "What do you do for fun?",
    "It sounds like music matters to you.",
    "Who do you lean on?",
    "How are you feeling?",
    "Do you work?",
    "Do you work?",
]


def _conversation(seed: int) -> list[tuple[str, str, tuple[str, ...]]]:
    client = _client(seed)
    replies = [client.reply(line) for line in LINES]
    return [(r.text, r.topic, tuple(s.id for s in r.revealed)) for r in replies]


def test_the_same_seed_and_lines_give_the_same_replies() -> None:
    assert _conversation(7) == _conversation(7)


def test_another_seed_varies_the_wording_not_the_substance() -> None:
    runs = [_conversation(seed) for seed in range(6)]
    assert len({tuple(t for t, _, _ in run) for run in runs}) > 1
    assert len({tuple((topic, ids) for _, topic, ids in run) for run in runs}) == 1


def test_resume_replays_a_transcript_to_the_same_state() -> None:
    client = _client(3)
    transcript: list[PracticeLine] = []
    for line in LINES[:5]:
        transcript.append(PracticeLine(speaker="worker", text=line))
        transcript.append(client.reply(line).to_line())
    again = ScriptedClient.resume(sample_scenario(), transcript, seed=3)
    assert again.revealed == client.revealed
    assert again.reply(LINES[5]).text == client.reply(LINES[5]).text


def test_resume_keeps_strengths_found_at_earlier_contacts() -> None:
    again = ScriptedClient.resume(sample_scenario(), [], found_before=["health", "gone"])
    assert [s.id for s in again.revealed] == ["health"]
    reply = again.reply("You have really kept your health going.", Code.AFFIRMATION)
    assert reply.revealed == []


def test_a_reply_becomes_a_transcript_line_naming_what_it_revealed() -> None:
    client = _client()
    line = client.reply("How did you get into the guitar?").to_line()
    assert line.speaker == "client" and line.topic == "leisure"
    assert line.revealed == ["leisure"]
    lines = [PracticeLine(speaker="worker", text="x"), line, line]
    assert revealed_ids(lines) == ["leisure"]
    assert [s.id for s in found_strengths(sample_scenario(), lines)] == ["leisure"]


# --- resistance and non-strengths information -------------------------------------------------


def test_a_resisting_client_pushes_back_until_reflected() -> None:
    client = _client(resists=True, softens_after=2)
    assert client.reply("What do you do for fun?").kind == "pushback"
    assert client.reply("You're good at keeping going.", Code.AFFIRMATION).kind == "pushback"
    first = client.reply("You'd rather not be here.", Code.REFLECTION)
    assert first.kind != "pushback"
    assert client.reply("Do you have hobbies?").kind == "pushback"  # not softened yet
    client.reply("Coming here was not your idea.", Code.REFLECTION)
    assert client.softened
    assert client.reply("What do you do for fun?").kind in ("full", "strength")


def test_a_complex_reflection_softens_a_resisting_client_twice_as_fast() -> None:
    simple = _client(resists=True, softens_after=2)
    simple.reply("You don't want to be here.", Code.REFLECTION)
    assert not simple.softened
    deep = _client(resists=True, softens_after=2)
    landed = deep.reply("Part of you resents being sent, and part of you wants this over with.")
    assert deep.softened
    assert landed.text.startswith("softened full")  # the pushback easing, then the answer
    assert not deep.reply("You'd rather be at work.", Code.REFLECTION).text.startswith("softened")


def test_an_affirmation_gets_a_response_to_it_first() -> None:
    reply = _client().reply("You kept the open mic going for two years. That took commitment.")
    assert reply.text.startswith("affirmed full") and reply.topic == "leisure"


def test_a_greeting_is_greeted_back_before_the_answer() -> None:
    reply = _client().reply("Hi Sol. What do you do for fun?")
    assert reply.text.startswith("greeting short") and "leisure" in reply.text


def test_a_complex_reflection_draws_out_more_than_a_simple_one() -> None:
    simple = _client()
    assert simple.reply("You enjoy your hobbies.", Code.REFLECTION).revealed == []
    deep = _client()
    drawn = deep.reply("Your hobbies are where part of you comes alive.", Code.REFLECTION)
    assert [s.domain for s in drawn.revealed] == ["leisure"]


def test_the_non_strength_cue_slips_out_once_on_its_topic() -> None:
    client = _client()
    early = client.reply("How are you feeling?")  # turn 1: after_turns = 1 holds it back
    assert early.non_strength is None
    assert client.reply("What do you do for fun?").non_strength is None  # not its topic
    slip = client.reply("How has your health been?")
    assert slip.non_strength is not None
    assert slip.text.endswith("CUE: my chest hurts when I climb stairs.")
    assert client.reply("How are you feeling now?").non_strength is None


# --- the shipped scenarios -----------------------------------------------------------------


def _open_question_on(domain: str) -> str:
    return BANK.prompts_for(domain=domain)[0].text


@pytest.mark.parametrize("scenario", SHIPPED, ids=lambda s: s.id)
def test_a_skilled_interview_finds_every_hidden_strength(scenario) -> None:
    client = ScriptedClient(scenario, seed=1)
    for domain in dict.fromkeys(s.domain for s in scenario.hidden_strengths):
        for _ in scenario.strengths_in(domain):
            client.reply(_open_question_on(domain), Code.OPEN_QUESTION)
            client.reply("That sounds like it matters a lot to you.", Code.REFLECTION)
    for _ in range(scenario.softens_after):  # a resisting client needs reflecting first
        client.reply("That sounds like it matters a lot to you.", Code.REFLECTION)
    for domain in dict.fromkeys(s.domain for s in scenario.hidden_strengths):
        client.reply(_open_question_on(domain), Code.OPEN_QUESTION)
        client.reply("That sounds like it matters a lot to you.", Code.REFLECTION)
    assert client.missed == []


@pytest.mark.parametrize("scenario", SHIPPED, ids=lambda s: s.id)
def test_a_deficit_interview_finds_nothing(scenario) -> None:
    client = ScriptedClient(scenario, seed=1)
    for domain in dict.fromkeys(s.domain for s in scenario.hidden_strengths):
        client.reply(f"What's the problem with your {domain.replace('_', ' ')}?")
        client.reply(f"Do you have any {domain.replace('_', ' ')}?", Code.CLOSED_QUESTION)
    assert client.revealed == []


def test_strengths_told_at_other_contacts_are_counted_for_this_one() -> None:
    from datetime import date

    from sbcm_tui.core.case import Case, Client, Contact
    from sbcm_tui.practice.client import revealed_at_other_contacts

    def told(*ids: str) -> PracticeLine:
        return PracticeLine(speaker="client", text="…", revealed=list(ids))

    first = Contact(number=1, on=date(2026, 1, 5), practice_lines=[told("a"), told("a", "b")])
    second = Contact(number=2, on=date(2026, 1, 12), practice_lines=[told("c")])
    case = Case(client=Client(preferred_name="Ana"), practice=True, contacts=[first, second])
    assert revealed_at_other_contacts(case, second) == ["a", "b"]
    assert revealed_at_other_contacts(case, first) == ["c"]
