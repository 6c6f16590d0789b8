"""What a worker says, coded as MITI 4.2.1 codes it: a behaviour code for each utterance of a
turn, one for the turn as a whole, and the summary scores a practice contact is read against.

**The codes** (Moyers, Manuel & Ernst, MITI 4.2.1): question (kept split into open and closed,
as MITI 3.1.1 did and this app always has), simple and complex reflection, affirm, seeking
collaboration, emphasizing autonomy, giving information, persuade, persuade with permission,
confront; and ``other`` for what MITI leaves uncoded (greetings, structuring, fillers). The five
labels of the practice coder (sbcm_tui.practice.coder) are these codes folded: both reflections
are a reflection, affirm an affirmation; seeking collaboration asked as a question keeps its
question label (MITI lets Seek go with a Question, and R:Q counts it), said as a statement it is
other, like the remaining codes.

**A turn of several sentences.** MITI codes each utterance, a complete thought, so each
sentence is coded (a trailing check such as "..., okay?" or "right?" is split off when what it
follows is a reflection, information or advice, and a false start cut off by a dash, "have
you-- is there", gives way to what follows it). The turn's main code, for a trainee's feedback
line and for comparing with one label per turn, is that of the utterance that carries it: the
last question of four words or more (the client is left to answer it), else the longest
utterance, the later on a tie, except that an affirmation carries it over reflections and
information (MITI's trumping rule). Checks ("right?", "is that what you're saying?") and fillers
weigh nothing: a reflection then "right?" is a reflection, information then "okay?" is
information; a check is coded only when nothing else was said. A statement about the client's
facts with a tag ("You're still at the same job, right?") stays a closed question. The summary
scores count every utterance, as MITI does.

**Simple or complex.** A reflection is complex when it adds to what was said: a feeling, a
meaning, a value or a wish the client did not put in words, a double-sided reflection, a
metaphor, or an amplification. Without the client's line (``sbcm practice code`` on a file)
these are read from the reflection's own words; with it (a practice contact), a reflection that
mostly repeats the client's content words and adds none of its own is simple.

Speech as it is spoken: fillers ("um", "uh") are dropped, a stutter ("all-all") is one word.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sbcm_tui.practice import cues as cue
from sbcm_tui.practice.coder import (
    DESCRIBE,
    QUESTIONS,
    RQ_FAIR,
    RQ_GOOD,
    Code,
    classify_sentence,
    rate,
    rate_reflections,
    sentences,
)


class Behaviour(StrEnum):
    """MITI 4.2.1 behaviour codes (open/closed kept apart), and other."""

    QUESTION_OPEN = "question_open"
    QUESTION_CLOSED = "question_closed"
    REFLECTION_SIMPLE = "reflection_simple"
    REFLECTION_COMPLEX = "reflection_complex"
    AFFIRM = "affirm"
    SEEK_COLLABORATION = "seek_collaboration"
    EMPHASIZE_AUTONOMY = "emphasize_autonomy"
    GIVING_INFORMATION = "giving_information"
    PERSUADE = "persuade"
    PERSUADE_WITH_PERMISSION = "persuade_with_permission"
    CONFRONT = "confront"
    OTHER = "other"


BEHAVIOUR_NAMES: dict[Behaviour, str] = {
    Behaviour.QUESTION_OPEN: "Open question",
    Behaviour.QUESTION_CLOSED: "Closed question",
    Behaviour.REFLECTION_SIMPLE: "Simple reflection",
    Behaviour.REFLECTION_COMPLEX: "Complex reflection",
    Behaviour.AFFIRM: "Affirm",
    Behaviour.SEEK_COLLABORATION: "Seeking collaboration",
    Behaviour.EMPHASIZE_AUTONOMY: "Emphasizing autonomy",
    Behaviour.GIVING_INFORMATION: "Giving information",
    Behaviour.PERSUADE: "Persuade",
    Behaviour.PERSUADE_WITH_PERMISSION: "Persuade with permission",
    Behaviour.CONFRONT: "Confront",
    Behaviour.OTHER: "Other",
}
REFLECTIONS = frozenset({Behaviour.REFLECTION_SIMPLE, Behaviour.REFLECTION_COMPLEX})
ADHERENT = frozenset({Behaviour.AFFIRM, Behaviour.SEEK_COLLABORATION, Behaviour.EMPHASIZE_AUTONOMY})
NON_ADHERENT = frozenset({Behaviour.PERSUADE, Behaviour.CONFRONT})
_FOLDED = {
    Behaviour.QUESTION_OPEN: Code.OPEN_QUESTION,
    Behaviour.QUESTION_CLOSED: Code.CLOSED_QUESTION,
    Behaviour.REFLECTION_SIMPLE: Code.REFLECTION,
    Behaviour.REFLECTION_COMPLEX: Code.REFLECTION,
    Behaviour.AFFIRM: Code.AFFIRMATION,
}


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# --- cues of the finer codes --------------------------------------------------------------------

_SEEK_QUESTION = _rx(
    r"^(?:(?:would|will|is|would it be|is it) (?:it be )?(?:ok(?:ay)?|all right|alright|fine)"
    r"(?: with you)? (?:if|for me to|to)\b"
    r"|(?:may|can|could|might) i (?:share|tell|give|offer|suggest|ask|mention|make)\b"
    r"|do you mind if\b|would you (?:like|want) (?:me to|to hear|some (?:information|ideas))\b"
    r"|how (?:would|do|shall) (?:you|we) (?:like to|want to)? ?(?:proceed|go about|start|tackle)\b"
    r"|what (?:ideas|thoughts|suggestions) do you have\b"
    r"|what do you (?:think|make) (?:of|about) (?:that|this|these|those|it|the idea)\b"
    r"|what would you like to (?:do|focus|work|talk|start)\b"
    r"|where would you like to (?:start|begin|go)\b"
    r"|how can i (?:help|be (?:of )?help|support)\b)"
)
_SEEK_STATEMENT = _rx(
    r"\b(?:together|as a team|between us|work(?:ing)? (?:on|through) (?:it|this|that) with you"
    r"|you(?:'re| are) the expert|you know yourself best|your ideas|let's (?:figure|work|think|"
    r"look|see)|we (?:can|could) (?:figure|work|think|look|decide))\b"
)
_AUTONOMY = _rx(
    r"\b(?:(?:it's|it is|that's|that is|this is) (?:really |totally |completely |entirely )?"
    r"(?:up to you|your (?:call|choice|decision|life))"
    r"|(?:you|only you) (?:get to|can|will|are the (?:one|person) (?:who|to)) (?:decide|choose)"
    r"|you(?:'re| are) (?:the one (?:who|to) (?:decides?|chooses?|gets? to)|in charge of"
    r"|in control of|free to)"
    r"|(?:whatever|what(?:ever)? you) (?:decide|choose)|no one can (?:make|force) you"
    r"|you (?:don't|do not) have to\b.*\b(?:if you don't want|unless you want)"
    r"|your (?:own )?(?:choice|decision|call)\b)"
)
_CONFRONT = _rx(
    r"\b(?:you(?:'re| are) (?:in denial|kidding yourself|fooling yourself|just making excuses|"
    r"lying|not being honest|being (?:defensive|irresponsible|ridiculous))"
    r"|that's (?:not true|ridiculous|an excuse|just an excuse|nonsense)"
    r"|you (?:have|need) to (?:face|admit|accept) (?:it|that|the fact)"
    r"|(?:why|how) (?:can't|couldn't|won't|don't) you (?:just )?(?:see|stop|understand|admit)"
    r"|you (?:always|never) (?:do|say|make)|what(?:'s| is) wrong with you"
    r"|you should be ashamed|you(?:'re| are) (?:an|a) (?:alcoholic|addict))\b"
)
_PERMISSION_GIVEN = _rx(
    r"(?:\b(?:if (?:it's|that's) (?:ok(?:ay)?|all right) (?:with you)?|with your permission"
    r"|since you asked|you asked (?:me )?(?:about|what|for)|if you(?:'re| are) interested"
    r"|this may or may not (?:fit|work|apply)|see (?:what|if) (?:you think|it fits)"
    r"|you (?:may|might) (?:or may not )?(?:find|decide)|take it or leave it))"
)
_PERSUADE = _rx(
    r"^(?:you (?:should|shouldn't|must|need to|have to|ought to|'d better|had better|'ve got to)"
    r"|(?:i (?:think|believe|feel|'d say) )?(?:you|it) (?:would|will|'ll|'d) be (?:better|best|"
    r"wise|good)|i (?:really )?(?:want|need) you to|(?:i'd|i would|i) (?:strongly )?(?:recommend|"
    r"suggest|advise|urge)|(?:please |just )?(?:try|stop|start|quit|cut|go|call|make sure|"
    r"don't|avoid|remember to|think about)\b|if you (?:keep|don't|do not|continue)\b.*\b(?:will|"
    r"'ll|going to|could|might)\b|the best (?:thing|way|option) (?:is|would be)"
    r"|(?:why|have you) (?:don't you|not) (?:just )?(?:try|think|consider))"
)
_PERSUADE_QUESTION = _rx(r"^(?:don't you think you (?:should|could|ought)|why don't you\b)")
_INFO_STATEMENT = _rx(
    r"\b(?:the (?:good|bad) news|(?:your|the) (?:test|tests|results?|levels?|scores?|blood|"
    r"liver|doctor|program|programme|clinic|group|research|studies|study|guidelines?)"
    r"|research (?:shows|says|suggests)|studies (?:show|say|suggest)|people who|most people"
    r"|(?:it|this|that) (?:can|may|might|tends to|usually) (?:cause|lead|help|make|affect|"
    r"increase|reduce|raise|lower)|we(?:'ll| will) (?:need to|have to|be|start|meet|talk|go)"
    r"|the (?:first|next|last) (?:step|thing|session|meeting)|(?:i'll|i will) (?:send|give|"
    r"call|check|bring|put|write|find|email)|here(?:'s| is) (?:what|how|the)|what happens is"
    r"|the way it works)\b"
)
_GREETING = _rx(
    r"^(?:hi|hello|hey|good (?:morning|afternoon|evening)|welcome|nice to (?:meet|see))\b"
)
_STRUCTURE = _rx(
    r"^(?:(?:hi|hello|hey|good (?:morning|afternoon|evening)|welcome|nice to (?:meet|see)|"
    r"thanks|thank you|bye|goodbye|see you|take care)\b|(?:today|this session|this time|in "
    r"(?:our|this) (?:time|session)) we(?:'ll| will| can| are going to)\b|let me (?:tell you "
    r"(?:about|what)|explain (?:how|what)|just)|i(?:'m| am) going to (?:ask|go through|read)\b"
    r"|before we (?:start|begin|finish|end)|we have (?:about )?\d+ minutes)"
)
_CHECK_QUESTION = _rx(
    r"^(?:ok(?:ay)?|right|yeah|yes|no|huh|true|correct|you know|does that (?:make sense|sound "
    r"(?:ok(?:ay)?|right|fair|good))|is that (?:right|correct|fair|ok(?:ay)?|true|it)|am i "
    r"(?:right|close|getting (?:it|that|this) right)|(?:did|have) i (?:get|got) (?:that|it) right"
    r"|is that what you(?:'re| are)? (?:saying|mean|meant)|sound (?:good|"
    r"ok(?:ay)?|fair)|make sense|fair enough|got it|see what i mean)\??$"
)
_OPEN_SURFACE = _rx(
    r"^(?:(?:is|are) there (?:anything|something|any (?:other )?(?:ways?|ideas|thoughts|reasons|"
    r"things|one|people|parts?|times?))\b"
    r"|anything (?:else|more|other)\b|(?:any|some) (?:other )?(?:ideas|thoughts|other things)\b"
    r"|how about\b|what about\b|what else\b"
    r"|(?:have|did) you (?:noticed|notice|thought|think|considered|consider|found|find|tried|try)"
    r" (?:any|anything|about (?:what|how|any)|of (?:any|anything|ways)|ways|what|how)\b"
    r"|do you (?:have|see|notice|know of) (?:any )?(?:ideas|thoughts|ways|reasons|things|"
    r"anything)\b|can you (?:think of|see|imagine) (?:any|anything|a way|ways|what|how)\b"
    r"|could you (?:see|imagine|picture) (?:yourself|any|what|how)\b)"
)
_COMPLEX = _rx(
    r"\b(?:on the one hand|on the other hand|part of you|at the same time|and yet|but also|"
    r"as if|like a|like an|like you're|sounds like you(?:'re| are)? (?:really |kind of |a bit |"
    r"pretty |quite )?(?:worried|scared|afraid|frustrated|angry|hurt|sad|lonely|torn|stuck|"
    r"tired|fed up|overwhelmed|proud|hopeful|relieved|anxious|nervous|ashamed|guilty|confused|"
    r"wondering|not sure|unsure)|important to you|matters (?:a lot )?to you|you (?:really )?"
    r"(?:care|value|wish|long|miss)|what you(?:'re| are)? (?:really )?(?:want|need|"
    r"hope|after|saying is)|you(?:'re| are) (?:wondering|worried|afraid|scared|not sure|unsure|"
    r"torn|ready|tired of|sick of|fed up|feeling)|for you|deep down|even though|despite|"
    r"no matter|(?:never|always|completely|totally|at all|nothing|everything|anything)\b)"
)
_CREDIT = _rx(
    r"^(?:that|it|this|which) (?:takes|took|shows|showed|says|said) (?:a lot|so much|real|"
    r"some|such|great|a great deal)?(?: of)? ?(?:courage|discipline|strength|guts|"
    r"determination|commitment|work|effort|patience|care|honesty|character|grit|heart|"
    r"persistence|resourcefulness|dedication)\b"
)
"""Credit given to what the client did ("That takes real discipline."): an affirmation."""
_CONTENT = re.compile(r"[a-z']{3,}")
_FUNCTION_WORDS = frozenset(
    re.findall(
        r"\S+",
        "the and but you your you're you've that this with have has had for was were are not "
        "just like about what when they them then there their it's its i'm i've don't can't "
        "really some from into out all any too very well so get got going sounds seems",
    )
)
_FILLER_WORD = _rx(r"(?:^|(?<=[\s,]))(?:um+|uh+|erm+|er|uh-huh|mm+)(?:[,.]|\s|$)\s*")
_STUTTER = _rx(r"\b([a-z']+)(?:-\1\b)+")
_FALSE_START = re.compile(r"(?:--+|—|–)\s*")


def spoken(text: str) -> str:
    """A line as said, made ready to code: quotes straightened, fillers dropped, a stutter one
    word; a false start cut off by a dash gives way to what follows it."""
    text = " ".join(text.translate(cue.QUOTES).split())
    text = _STUTTER.sub(r"\1", text)
    text = _FILLER_WORD.sub("", text).strip()
    parts = [p.strip() for p in _FALSE_START.split(text) if p.strip()]
    if len(parts) > 1:
        kept = [parts[-1]]
        for part in reversed(parts[:-1]):
            ended = part[-1] in ".!?;"
            if ended or len(part.split()) > 6:
                kept.insert(0, part if ended else part + ",")
        text = " ".join(kept)
    return text


# --- one utterance ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Utterance:
    """One sentence (or a trailing check) of a turn, and its codes."""

    text: str
    behaviour: Behaviour
    code: Code
    """The five-label code (see the module on folding)."""
    weight: int
    """How much of the turn it carries (words; a check, tag or filler weighs nothing)."""


def _content_words(text: str) -> set[str]:
    return {w for w in _CONTENT.findall(text.lower()) if w not in _FUNCTION_WORDS}


def reflection_depth(text: str, client: str | None) -> Behaviour:
    """Simple or complex (see the module)."""
    mine = _content_words(text)
    if client:
        theirs = _content_words(client)
        new = mine - theirs
        if mine and len(new) <= max(1, len(mine) // 4) and not _COMPLEX.search(text):
            return Behaviour.REFLECTION_SIMPLE
        if new and len(mine & theirs) < len(mine) and _COMPLEX.search(text):
            return Behaviour.REFLECTION_COMPLEX
    if _COMPLEX.search(text) or len(mine) >= 7:
        return Behaviour.REFLECTION_COMPLEX
    return Behaviour.REFLECTION_SIMPLE


def _fine(sentence: str, code: Code, permission: bool, client: str | None) -> Behaviour:
    core = cue.OPENER.sub("", sentence.lower().strip()).strip(" ,")
    if code in QUESTIONS:
        if _SEEK_QUESTION.match(core):
            return Behaviour.SEEK_COLLABORATION
        if _CONFRONT.search(core):
            return Behaviour.CONFRONT
        if _PERSUADE_QUESTION.match(core):
            return Behaviour.PERSUADE_WITH_PERMISSION if permission else Behaviour.PERSUADE
        return Behaviour.QUESTION_OPEN if code is Code.OPEN_QUESTION else Behaviour.QUESTION_CLOSED
    if code is Code.AFFIRMATION:
        return Behaviour.AFFIRM
    if _CONFRONT.search(core):
        return Behaviour.CONFRONT
    if _AUTONOMY.search(core):
        return Behaviour.EMPHASIZE_AUTONOMY
    if code is Code.REFLECTION:
        return reflection_depth(sentence, client)
    if _STRUCTURE.match(core):
        return Behaviour.OTHER
    main = cue.LEADING_CLAUSE.sub("", core)
    if _PERSUADE.match(main) or cue.ADVICE.match(main):
        hedged = permission or _PERMISSION_GIVEN.search(core)
        return Behaviour.PERSUADE_WITH_PERMISSION if hedged else Behaviour.PERSUADE
    if _SEEK_STATEMENT.search(core):
        return Behaviour.SEEK_COLLABORATION
    if cue.FILLER.match(core) or len(core.split()) < 4:
        return Behaviour.OTHER
    return Behaviour.GIVING_INFORMATION


def _five(sentence: str) -> Code:
    """The five-label code of one sentence, with the turn-level fixes of MITI practice: a
    statement of news, a result or a plan is information even when it opens with "so" or
    holds a "you"; a question that opens a field ("Is there anything...", "Anything else?")
    is open."""
    code = classify_sentence(sentence)
    core = cue.OPENER.sub("", sentence.lower().strip()).strip(" ,")
    if code not in QUESTIONS and _CREDIT.match(core):
        return Code.AFFIRMATION
    if code is Code.CLOSED_QUESTION and _OPEN_SURFACE.match(core):
        return Code.OPEN_QUESTION
    if (
        code is Code.REFLECTION
        and _INFO_STATEMENT.search(core)
        and not (cue.SECOND_PERSON_START.match(core) or cue.REFLECT.match(core))
        and not _COMPLEX.search(core)
    ):
        return Code.OTHER
    return code


_TRAILING_CHECK = _rx(
    r"^(?P<body>.*\w.*?)[,\s]+(?P<check>(?:ok(?:ay)?|right|yeah|huh|you know|is that right|"
    r"does that make sense|make sense|sound (?:good|ok(?:ay)?|fair)|am i right)\?)$"
)


def _pieces(text: str) -> list[str]:
    """The utterances of a turn: its sentences, a trailing check split off its sentence."""
    out: list[str] = []
    for sentence in sentences(spoken(text)):
        match = _TRAILING_CHECK.match(sentence.strip())
        if match and len(match["body"].split()) > 2 and not _checks_a_fact(match["body"]):
            out += [match["body"].rstrip(",") + ".", match["check"]]
        else:
            out.append(sentence)
    return out


def _checks_a_fact(body: str) -> bool:
    """ "You're still at the same job, right?": a statement about the client's facts with a
    tag is a closed question; a guess at a feeling or view with one ("You're worried, right?")
    is a reflection, and information or advice with one ("..., okay?") stays what it is."""
    core = cue.OPENER.sub("", body.lower()).strip(" ,")
    if cue.RISING_REFLECTION.match(core):
        return False
    return classify_sentence(body + ".") is Code.REFLECTION


# --- a turn -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CodedTurn:
    """A worker's turn: each utterance coded, and the code of the turn (see the module)."""

    utterances: tuple[Utterance, ...]
    main: Utterance | None

    @property
    def behaviour(self) -> Behaviour:
        return self.main.behaviour if self.main else Behaviour.OTHER

    @property
    def code(self) -> Code:
        return self.main.code if self.main else Code.OTHER

    @property
    def greets(self) -> bool:
        """Whether the turn opens with a greeting ("Hi Marisol, ...")."""
        return bool(self.utterances) and bool(
            _GREETING.match(cue.OPENER.sub("", self.utterances[0].text.lower()))
        )


def code_turn(text: str, client: str | None = None) -> CodedTurn:
    """Code one turn a worker says; ``client``: the client's line before it, when known."""
    utterances: list[Utterance] = []
    checks: list[str] = []
    """Fillers and checks ("right?", "okay?"): coded only when nothing else was said (then a
    check is a closed question), as MITI coders leave a tag to the utterance it follows."""
    permission = False
    for piece in _pieces(text):
        stripped = piece.strip()
        core = cue.OPENER.sub("", stripped.lower()).strip(" ,.!?")
        if not any(char.isalnum() for char in core):
            continue
        if cue.FILLER.match(stripped) or _CHECK_QUESTION.match(core + "?"):
            checks.append(stripped)
            continue
        code = _five(stripped)
        behaviour = _fine(stripped, code, permission, client)
        permission = permission or behaviour is Behaviour.SEEK_COLLABORATION
        utterances.append(Utterance(stripped, behaviour, _fold(behaviour, code), _words(core)))
    if not utterances and checks:
        asked = checks[-1].endswith("?")
        utterances = [
            Utterance(
                checks[-1],
                Behaviour.QUESTION_CLOSED if asked else Behaviour.OTHER,
                Code.CLOSED_QUESTION if asked else Code.OTHER,
                0,
            )
        ]
    return CodedTurn(tuple(utterances), _carrier(utterances))


def code_utterance(text: str) -> Code:
    """The suggested five-label code for one turn a worker says: the turn's code, folded."""
    return code_turn(text).code


def _fold(behaviour: Behaviour, code: Code) -> Code:
    """The five-label code of a behaviour (see the module): a behaviour asked as a question
    keeps its question label; said as a statement, one outside the five is other."""
    if behaviour in _FOLDED:
        return _FOLDED[behaviour]
    return code if code in QUESTIONS else Code.OTHER


def _words(core: str) -> int:
    return max(1, len(core.split()))


QUESTION_CARRIES = 4
"""A question of this many words or more carries the turn (the client is left to answer it);
a shorter one ("Why?", "Anything else?") carries it only over what is shorter still."""


def _carrier(utterances: list[Utterance]) -> Utterance | None:
    """The utterance that carries the turn (see the module): the last real question, else the
    heaviest utterance, the later on a tie."""
    if not utterances:
        return None
    asked = [u for u in utterances if u.code in QUESTIONS and u.weight >= QUESTION_CARRIES]
    if asked:
        return asked[-1]
    affirms = [u for u in utterances if u.behaviour is Behaviour.AFFIRM]
    if affirms:  # MITI: an affirmation trumps the reflection it comes with
        return affirms[-1]
    best = max(range(len(utterances)), key=lambda n: (utterances[n].weight, n))
    return utterances[best]


# --- summary scores -----------------------------------------------------------------------------

#: MITI 4.2.1 thresholds: complex reflections fair 40%, good 50% of reflections (reflections to
#: questions, fair 1:1 and good 2:1, are the coder's).
CR_FAIR, CR_GOOD = 0.4, 0.5


@dataclass(frozen=True)
class MitiSummary:
    """MITI 4.2.1's summary scores over every utterance of a practice contact."""

    counts: dict[Behaviour, int]
    questions: int
    reflections: int
    reflection_to_question: float | None
    percent_complex: float | None
    adherent: int
    non_adherent: int

    def lines(self, *, with_ratio: bool = True) -> list[str]:
        """The scores as short lines (``with_ratio=False`` leaves out R:Q, for a page that
        shows the five-label summary's already)."""
        rq = (
            f"{self.reflection_to_question:.1f} to 1"
            if self.reflection_to_question is not None
            else (f"{self.reflections} reflections, no questions" if self.reflections else "none")
        )
        rq_rating = DESCRIBE[rate_reflections(self.reflection_to_question, self.reflections)]
        cr = f"{self.percent_complex:.0%}" if self.percent_complex is not None else "no reflections"
        ratio = f"Reflections to questions: {rq}, {rq_rating} (fair from 1 to 1, good from 2 to 1)"
        return [
            *([ratio] if with_ratio else []),
            f"Complex reflections: {cr} of reflections, "
            f"{DESCRIBE[rate(self.percent_complex, CR_FAIR, CR_GOOD)]} "
            f"(fair from {CR_FAIR:.0%}, good from {CR_GOOD:.0%})",
            f"MI-adherent (affirm, seeking collaboration, emphasizing autonomy): {self.adherent}",
            f"MI-non-adherent (persuading without permission, confronting): {self.non_adherent}"
            + (" — aim for none" if self.non_adherent else ""),
        ]

    def to_json(self) -> dict[str, object]:
        return {
            "counts": {b.value: self.counts[b] for b in Behaviour},
            "questions": self.questions,
            "reflections": self.reflections,
            "reflection_to_question": _round(self.reflection_to_question),
            "percent_complex_reflections": _round(self.percent_complex),
            "mi_adherent": self.adherent,
            "mi_non_adherent": self.non_adherent,
            "thresholds": {
                "reflection_to_question": {"fair": RQ_FAIR, "good": RQ_GOOD},
                "percent_complex_reflections": {"fair": CR_FAIR, "good": CR_GOOD},
            },
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def summarize(utterances: Iterable[Utterance]) -> MitiSummary:
    """MITI's counts over utterances: a question is any utterance with a question label (Seek
    asked as a question too); R:Q, %CR, adherent and non-adherent as the manual sums them."""
    listed = list(utterances)
    counts = Counter(u.behaviour for u in listed)
    questions = sum(u.code in QUESTIONS for u in listed)
    reflections = counts[Behaviour.REFLECTION_SIMPLE] + counts[Behaviour.REFLECTION_COMPLEX]
    return MitiSummary(
        counts={b: counts[b] for b in Behaviour},
        questions=questions,
        reflections=reflections,
        reflection_to_question=reflections / questions if questions else None,
        percent_complex=counts[Behaviour.REFLECTION_COMPLEX] / reflections if reflections else None,
        adherent=sum(counts[b] for b in ADHERENT),
        non_adherent=sum(counts[b] for b in NON_ADHERENT),
    )
