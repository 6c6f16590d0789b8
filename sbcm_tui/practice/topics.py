"""What a trainee's line is about: a life domain, or greeting, goals, feelings, other.

The scripted client needs a topic to answer on. It is found by keywords, with no language model:
the words of each life domain in the prompt bank (its title, hint and prompts), some everyday
words for the domains sbcm ships, and the scenario's own cue words, which count double because
they are specific to this client. Words are compared by a rough stem, so "meals" finds "meal"
and "cooking" finds "cook".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from sbcm_tui.core.protocol import PromptBank
from sbcm_tui.practice.scenario import Scenario

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def _words(listed: str) -> tuple[str, ...]:
    """Comma-separated words and phrases as a tuple (keeps the lists below compact)."""
    return tuple(word.strip() for word in listed.split(",") if word.strip())


EVERYDAY_WORDS: dict[str, tuple[str, ...]] = {
    "daily_living": _words(
        "home, house, housing, apartment, flat, room, rent a place, live, living, "
        "shelter, cook, meal, food, groceries, shopping, laundry, bus, ride, car, "
        "transport, routine, chores, stairs, getting around"
    ),
    "financial": _words(
        "money, income, benefit, benefits, bill, bills, rent, pay, paid, budget, afford, "
        "cash, bank, debt, wage, save, saving, cost, expensive, pension, "
        "electric, mortgage"
    ),
    "vocational_educational": _words(
        "job, jobs, work, working, worked, career, school, class, training, skill, "
        "learn, ged, diploma, degree, employ, employer, boss, shift, volunteer, trade, "
        "college, study, certificate, apprentice, hire"
    ),
    "social_supports": _words(
        "family, friend, friends, sister, brother, mom, mother, dad, father, son, "
        "daughter, kids, child, children, partner, wife, husband, neighbor, neighbour, "
        "support, aunt, uncle, cousin, grandma, grandpa, grandson, granddaughter, trust, "
        "lean on, count on, close to, lonely, alone, visit, in your life, who do you have, "
        "there for you"
    ),
    "health": _words(
        "health, healthy, doctor, clinic, nurse, sleep, pain, medication, medicine, "
        "pill, pills, body, sick, hospital, exercise, drink, drinking, alcohol, drug, "
        "drugs, sober, relapse, recovery, therapy, counselor, counsellor, dentist, "
        "appointment, eat, eating, smoke"
    ),
    "leisure": _words(
        "fun, hobby, hobbies, enjoy, free time, weekend, music, sport, sports, game, "
        "games, tv, book, books, garden, fishing, relax, play, movie, art, draw, "
        "paint, spare time, for yourself, afternoon, free afternoon"
    ),
    "spirituality_culture": _words(
        "faith, god, church, mosque, temple, synagogue, pray, prayer, spiritual, belief, "
        "believe, culture, tradition, traditions, heritage, meaningful, purpose, roots, ceremony, "
        "holiday, religion, community"
    ),
}
"""Everyday words for the seven domains sbcm ships; a domain an agency adds has only its bank
words and the scenario's."""

FIXED_TOPIC_WORDS: dict[str, tuple[str, ...]] = {
    "greeting": _words(
        "hello, hi, hey, good morning, good afternoon, nice to meet, my name is, "
        "i'm your, thanks for coming, welcome, glad you came"
    ),
    "goals": _words(
        "goal, goals, want, wish, hope for, like to, different, change, future, plan, "
        "dream, accomplish, work on, look forward, next step, what would help, "
        "year from now, brings you, bring you, help you with, how can i help, hoping"
    ),
    "feelings": _words(
        "feel, feeling, feelings, felt, how are you, how you're doing, upset, worried, "
        "worry, scared, afraid, angry, sad, stress, stressed, mood, cope, coping, "
        "overwhelmed, down, hopeless"
    ),
}


def stem(word: str) -> str:
    """A rough stem: enough for plurals and -ing/-ed forms of everyday words to meet
    ("meals" and "meal", "saving" and "saved" and "save", "shopping" and "shop")."""
    word = word.removesuffix("'s")
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if word[-1] == word[-2] and word[-1] not in "aeiouls":
                word = word[:-1]
            break
    return word[:-1] if len(word) > 3 and word.endswith("e") else word


def stems(text: str) -> list[str]:
    """The stems of a text's words, in order."""
    return [stem(w) for w in _WORD.findall(text.lower().replace("\u2019", "'"))]


_STOP = frozenset(
    stem(word)
    for word in _WORD.findall(
        """a about after again all also an and any are as at be been before being but by can could
    did do does doing done each even ever for from get gets getting give go going good got had has
    have how i if in into is it its just keep keeping know like look make me more most much my
    need not now of on one or other our out over own people place really say see so some
    someone something still take tell than that the their them then there these they thing
    things think this those time to too up us very want was way we well were what when where
    which who why will with would yes you your yours anyone around back come day days life
        worth passing lend hand mind looking after yourself free spent gives help mean"""
    )
)


def _phrase(words: str) -> str:
    return " ".join(stems(words))


def mentions_any(line: str, phrases: Iterable[str]) -> bool:
    """Whether the line uses any of the words or phrases (by stem: "son" is not in "reason")."""
    text = f" {_phrase(line)} "
    return any(f" {_phrase(p)} " in text for p in phrases if _phrase(p))


def _bank_words(bank: PromptBank) -> dict[str, set[str]]:
    """The words of each domain's title and hint in the bank (its prompts' wording is too
    general to tell domains apart); a word two domains share tells nothing."""
    found = {
        d.id: {stem(w) for w in _WORD.findall(f"{d.title} {d.hint}".lower())} - _STOP
        for d in bank.domains
    }
    counts = Counter(word for words in found.values() for word in words)
    return {d: {w for w in words if counts[w] == 1 and len(w) > 2} for d, words in found.items()}


PROMPT_MATCH = 0.75
"""Share of a bank prompt's words a line must use to count as that prompt, read out."""
PROMPT_WEIGHT = 3
"""A prompt read out outweighs a stray word of another topic (scenario cue words weigh 2)."""


class TopicFinder:
    """Finds the topic of a trainee's line for one scenario (built once per role-play)."""

    def __init__(self, scenario: Scenario, bank: PromptBank) -> None:
        self.domains = tuple(d.id for d in bank.domains)
        self._weights: dict[str, dict[str, int]] = {}
        for domain, words in _bank_words(bank).items():
            self._add(domain, words, 1)
        for topic, words in (*EVERYDAY_WORDS.items(), *FIXED_TOPIC_WORDS.items()):
            if topic in self.domains or topic in FIXED_TOPIC_WORDS:
                self._add(topic, words, 1)
        for topic, answers in scenario.answers.items():
            self._add(topic, answers.words, 2)
        for strength in scenario.hidden_strengths:
            self._add(strength.domain, strength.cues, 2)
        self._prompts = [(p.domain, set(stems(p.text))) for p in bank.prompts if p.domain]
        self._order = {t: i for i, t in enumerate((*self.domains, *FIXED_TOPIC_WORDS))}

    def _add(self, topic: str, words: Iterable[str], weight: int) -> None:
        table = self._weights.setdefault(topic, {})
        for word in words:
            phrase = _phrase(word)
            if phrase:
                table[phrase] = max(weight, table.get(phrase, 0))

    def scores(self, line: str) -> dict[str, int]:
        """How strongly the line points at each topic (only topics it points at). A line that
        is (nearly) one of the bank's domain prompts points firmly at that prompt's domain."""
        words = stems(line)
        text = f" {' '.join(words)} "
        found: dict[str, int] = {}
        for topic, table in self._weights.items():
            score = sum(weight for phrase, weight in table.items() if f" {phrase} " in text)
            if score:
                found[topic] = score
        said = set(words)
        for domain, prompt in self._prompts:
            if len(prompt & said) >= PROMPT_MATCH * len(prompt):
                found[domain] = found.get(domain, 0) + PROMPT_WEIGHT
        return found

    def find(self, line: str, current: str | None = None) -> str | None:
        """The topic the line is most about; a tie keeps the current topic when it is among the
        best, else the first in the bank's order. None when no word points anywhere."""
        scores = self.scores(line)
        if not scores:
            return None
        best = max(scores.values())
        tied = [t for t, s in scores.items() if s == best]
        if current in tied:
            return current
        return min(tied, key=lambda t: self._order.get(t, len(self._order)))
