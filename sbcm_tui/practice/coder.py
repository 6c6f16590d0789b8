"""The interviewing coder: each line a worker says becomes an open question, a closed question, a
reflection, an affirmation, or other; a practice contact is summed up against MI fidelity guides.

The labels follow motivational-interviewing coding conventions: the behaviour counts of MITI 4.2.1
(Moyers, Manuel & Ernst, 2014) with the open/closed split of MITI 3.1.1, which MITI 4 dropped.
The edge cases this coder settles (also written out in tests/data/utterances_heldout.tsv):

* open question: invites a story, a view or a reason, with or without a question mark, including
  requests that work as questions ("Tell me about...", "Walk me through...", "I wonder what...",
  "Could you describe...").
* closed question: answerable with yes/no, one of the options offered, a number, a date, a name
  or one fact ("How many...", "How long...", "When does...", "Which..."); tag questions
  ("..., right?"), checks ("Is that right?") and asking permission ("Would it be OK if I
  shared...?", which MITI 4 would code as Seeking Collaboration).
* reflection: a statement giving back the client's meaning, feeling, wish or value, with a stem
  ("So you...", "It sounds like...") or with none. Said with a rising "?" but no question form,
  a guess at a feeling or view ("You're not sure?") stays a reflection, while a check of a fact
  or plan ("You've got the keys already?") is a closed question.
* affirmation: credits a specific strength, effort, skill, intention or worth of the client.
  Non-specific praise ("Great job!", "I'm proud of you") is other, as in MITI 4.
* other: information, advice, structuring, greetings and thanks, self-disclosure, support.

A line with several sentences is coded sentence by sentence, and the turn gets the code of the
sentence that carries it (sbcm_tui/practice/miti.py states the rule: a real question, else the
longest; a trailing "right?" or "okay?" does not make a reflection or advice a question).
Fillers ("Okay.", "Mm-hm.") only count when nothing else is said.

The cues are regular expressions in sbcm_tui.practice.cues, compiled once; coding a line takes
tens of microseconds (benchmarks/eval_coder.py measures it, with agreement on a held-out set).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sbcm_tui.practice import cues as cue


class Code(StrEnum):
    """What kind of thing a worker's line is, in MI terms."""

    OPEN_QUESTION = "open_question"
    CLOSED_QUESTION = "closed_question"
    REFLECTION = "reflection"
    AFFIRMATION = "affirmation"
    OTHER = "other"


CODE_NAMES: dict[Code, str] = {
    Code.OPEN_QUESTION: "Open question",
    Code.CLOSED_QUESTION: "Closed question",
    Code.REFLECTION: "Reflection",
    Code.AFFIRMATION: "Affirmation",
    Code.OTHER: "Other",
}

#: One key each, for correcting a suggested code with a single keystroke.
CODE_KEYS: dict[str, Code] = {
    "o": Code.OPEN_QUESTION,
    "c": Code.CLOSED_QUESTION,
    "r": Code.REFLECTION,
    "a": Code.AFFIRMATION,
    "x": Code.OTHER,
}
KEY_FOR_CODE: dict[Code, str] = {code: key for key, code in CODE_KEYS.items()}

QUESTIONS = frozenset({Code.OPEN_QUESTION, Code.CLOSED_QUESTION})


# --- splitting a line into sentences --------------------------------------------------------


def sentences(text: str) -> list[str]:
    """The line cut at sentence ends, keeping each end mark; "Dr. Patel" is not cut."""
    parts: list[str] = []
    for piece in cue.SENTENCE_END.split(text):
        if parts and cue.ABBREVIATION.search(parts[-1]):
            parts[-1] = f"{parts[-1]} {piece}"
        elif piece:
            parts.append(piece)
    return parts


def _core(sentence: str) -> tuple[str, bool]:
    """The sentence without leading discourse words ("And so, okay, ..."), lower-cased, and
    whether it began with "so" (a summary or reflection cue when it is a statement)."""
    text = sentence.lower().strip().rstrip(".!;")
    had_so = False
    while match := cue.OPENER.match(text):
        had_so = had_so or match.group().startswith("so")
        text = text[match.end() :]
    return text.strip(" ,"), had_so


# --- questions ------------------------------------------------------------------------------


def _question(sentence: str, core: str) -> Code | None:
    """The question code of one sentence, or None when it is not a question."""
    asked = sentence.rstrip().endswith("?")
    if cue.CLOSED_REQUEST.match(core):
        return Code.CLOSED_QUESTION
    if cue.OPEN_REQUEST.match(core):
        return Code.OPEN_QUESTION
    if asked and cue.TAG.search(sentence.lower().rstrip()):
        return Code.CLOSED_QUESTION
    main = cue.LEADING_CLAUSE.sub("", core) if "," in core else core
    if cue.WH_START.match(main) and (asked or not cue.WH_CLAUSE.match(main)):
        return _wh_code(main)
    if cue.AUX_QUESTION.match(main) or (asked and cue.AUX_START.match(main)):
        return Code.CLOSED_QUESTION
    if not asked:
        return None
    later = cue.LATER_WH.search(main)
    if later and not cue.WH_CLAUSE.match(later.group(1)):
        return _wh_code(later.group(1))
    if cue.RISING_REFLECTION.match(main):
        return None
    return Code.CLOSED_QUESTION  # "Any luck with the landlord?", "Ready to start?"


def _wh_code(clause: str) -> Code:
    """Wh-questions are open unless they ask for a number, a time, a place, a name or a choice."""
    if cue.OPEN_DESPITE_WH.match(clause) or not cue.CLOSED_WH.match(clause):
        return Code.OPEN_QUESTION
    return Code.CLOSED_QUESTION


# --- statements -----------------------------------------------------------------------------


def _statement(core: str, had_so: bool) -> Code:
    """The code of a sentence that asks nothing. The order matters: praise that names nothing and
    advice first (they often start with "you"), then affirmation (it trumps reflection), stems of
    reflection, openings of structuring, information and self-disclosure, and last what is left:
    a statement about "you" or about a feeling is taken as a reflection."""
    core = cue.LEADING_CLAUSE.sub("", core) if "," in core else core
    if cue.VAGUE_PRAISE.match(core) or cue.ADVICE.match(core):
        return Code.OTHER
    if cue.AFFIRM.search(core):
        return Code.AFFIRMATION
    if cue.REFLECT.match(core):
        return Code.REFLECTION
    if cue.OTHER_START.match(core):
        return Code.OTHER
    if cue.SECOND_PERSON_START.match(core) or had_so:
        return Code.REFLECTION
    if cue.INFO.search(core):
        return Code.OTHER
    if cue.SECOND_PERSON.search(core) or cue.FEELING.search(core):
        return Code.REFLECTION
    return Code.OTHER


def classify_sentence(sentence: str) -> Code:
    """The code of one sentence on its own (a question, else a statement's code)."""
    core, had_so = _core(sentence)
    return _question(sentence, core) or _statement(core, had_so)


# --- deficit talk ---------------------------------------------------------------------------


def is_deficit_focused(text: str) -> bool:
    """Whether a line dwells on problems or failings ("What went wrong?", "Why can't you...?");
    the scripted client answers such lines briefly, as people do when put on the spot."""
    return cue.DEFICIT.search(text.translate(cue.QUOTES)) is not None


# --- the summary of a practice contact --------------------------------------------------------


class Rating(StrEnum):
    """How a ratio compares with the MI fidelity guides; NONE when there is nothing to rate."""

    BELOW = "below"
    FAIR = "fair"
    GOOD = "good"
    NONE = "none"


#: Reflections per question: 1:1 is fair and 2:1 good (MITI 4.2.1 and 3.1.1 thresholds).
RQ_FAIR, RQ_GOOD = 1.0, 2.0
#: Share of questions that are open: 50% fair, 70% good (MITI 3.1.1 "beginning proficiency" and
#: "competency"; MITI 4 no longer counts open questions apart).
OPEN_FAIR, OPEN_GOOD = 0.5, 0.7


def rate(value: float | None, fair: float, good: float) -> Rating:
    """Where a score stands against a guide's fair and good marks."""
    if value is None:
        return Rating.NONE
    if value >= good:
        return Rating.GOOD
    return Rating.FAIR if value >= fair else Rating.BELOW


def rate_reflections(ratio: float | None, reflections: int) -> Rating:
    """Reflections to questions against the guide; with reflections and no question at all
    the ratio is undefined and rated good (every response was a reflection)."""
    if ratio is None:
        return Rating.GOOD if reflections else Rating.NONE
    return rate(ratio, RQ_FAIR, RQ_GOOD)


@dataclass(frozen=True)
class CodeSummary:
    """Counts and ratios of one practice contact, rated against MI fidelity guides.

    The thresholds come from the MITI coding manuals (4.2.1 for reflections to questions, 3.1.1
    for the share of open questions). They are guidance for practice, not a verdict: the manuals
    set them for whole recorded sessions coded by trained people, and a short rehearsal coded by
    rules is a rougher thing. MITI sets no threshold for affirmations, so they are counted only.
    """

    counts: dict[Code, int]
    questions: int
    reflection_to_question: float | None  # None when no question was asked
    open_question_share: float | None  # None when no question was asked
    rq_rating: Rating
    open_rating: Rating

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def to_json(self) -> dict[str, object]:
        """Plain JSON types: counts by label, ratios rounded to three places."""
        return {
            "counts": {code.value: self.counts[code] for code in Code},
            "total": self.total,
            "questions": self.questions,
            "reflection_to_question": _round(self.reflection_to_question),
            "open_question_share": _round(self.open_question_share),
            "rq_rating": self.rq_rating.value,
            "open_rating": self.open_rating.value,
        }

    def lines(self) -> list[str]:
        """The summary as short plain-text lines, for a screen or a terminal."""
        counts = ", ".join(f"{_PLURALS[code]}: {self.counts[code]}" for code in Code)
        reflections = self.counts[Code.REFLECTION]
        if self.reflection_to_question is not None:
            rq = f"{self.reflection_to_question:.1f} to 1"
        elif reflections:
            rq = f"{reflections} reflections, no questions"
        else:
            rq = "no reflections or questions yet"
        if self.open_question_share is not None:
            share = f"{self.open_question_share:.0%} of {self.questions} questions"
        else:
            share = "no questions yet"
        return [
            f"Lines coded: {self.total}",
            counts[0].upper() + counts[1:],
            f"Reflections to questions: {rq}, {DESCRIBE[self.rq_rating]} "
            f"(fair from 1 to 1, good from 2 to 1)",
            f"Open questions: {share}, {DESCRIBE[self.open_rating]} "
            f"(fair from {OPEN_FAIR:.0%}, good from {OPEN_GOOD:.0%})",
            f"Affirmations: {self.counts[Code.AFFIRMATION]}",
        ]


_PLURALS = {
    Code.OPEN_QUESTION: "open questions",
    Code.CLOSED_QUESTION: "closed questions",
    Code.REFLECTION: "reflections",
    Code.AFFIRMATION: "affirmations",
    Code.OTHER: "other",
}
DESCRIBE = {
    Rating.BELOW: "below the guide",
    Rating.FAIR: "fair",
    Rating.GOOD: "good",
    Rating.NONE: "nothing to rate yet",
}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def summarize_codes(codes: Iterable[Code]) -> CodeSummary:
    """Count the codes of a practice contact and rate its ratios.

    With reflections but no questions, the ratio is undefined (None) and rated good: every
    response was a reflection."""
    tally = Counter(Code(code) for code in codes)
    counts = {code: tally[code] for code in Code}
    questions = counts[Code.OPEN_QUESTION] + counts[Code.CLOSED_QUESTION]
    reflections = counts[Code.REFLECTION]
    rq = reflections / questions if questions else None
    share = counts[Code.OPEN_QUESTION] / questions if questions else None
    return CodeSummary(
        counts=counts,
        questions=questions,
        reflection_to_question=rq,
        open_question_share=share,
        rq_rating=rate_reflections(rq, reflections),
        open_rating=rate(share, OPEN_FAIR, OPEN_GOOD),
    )
