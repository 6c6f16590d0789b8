"""The scripted client: answers a trainee's lines from a scenario, with no network or model.

The rules, which scenario authors can rely on (each answer is picked from the scenario's
``answers`` for the topic the line is about, in a seeded rotation):

* a closed or deficit-focused question gets a short answer; an open question a full one;
* a line that opens with a greeting gets the ``greeting`` answer first (then, when it also asks
  something, the answer to that);
* an affirmation gets the ``affirmed`` answer first ("Thanks. Not many people notice that."),
  when the scenario has one, then a full answer on the topic;
* a line draws the client out on its topic by its kind: an open question or a simple
  reflection by one step, a complex reflection or an affirmation by two; a hidden strength of
  the topic comes out at two steps (or at once when the line uses one of its cue words). So a
  complex reflection draws out more than a simple one, and a question's answer stays general;
* a client who resists (``resists = true``) pushes back at everything but reflections until
  reflected enough: a simple reflection counts one, a complex one two, towards
  ``softens_after``. A reflection that lands gets the ``softened`` answer (when the scenario has
  one: the pushback easing, "Yeah, well. Maybe.") before the topic's; from then on, the client
  answers as anyone would.

The same scenario, seed and lines always give the same replies, so a practice contact can be
replayed (and tested).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from sbcm_tui.core.case import Case, Contact, PracticeLine
from sbcm_tui.core.protocol import PromptBank
from sbcm_tui.files.protocols import load_prompt_bank
from sbcm_tui.practice.coder import Code, is_deficit_focused
from sbcm_tui.practice.miti import Behaviour, CodedTurn, code_turn, reflection_depth
from sbcm_tui.practice.scenario import HiddenStrength, NonStrengthCue, Scenario
from sbcm_tui.practice.topics import TopicFinder, mentions_any

ReplyKind = Literal["short", "full", "strength", "pushback"]

WARM = frozenset({Code.REFLECTION, Code.AFFIRMATION})
"""Lines that give the client back their own meaning or credit them: they draw out most."""

REVEAL_DEPTH = 2
"""How far a domain must be explored before its hidden strength comes out: one complex
reflection or affirmation on it, or two open questions or simple reflections."""

FILLERS = ("Mm.", "Yeah.", "I don't know what else to say about that.")
"""Said when every scripted answer would repeat the line just said."""


@dataclass(frozen=True)
class ClientReply:
    """What the client says back: the words, the topic they were on, what it revealed."""

    text: str
    topic: str
    kind: ReplyKind
    revealed: list[HiddenStrength] = field(default_factory=list)
    non_strength: NonStrengthCue | None = None
    """Set when the client let slip something the trainee must record (once per role-play)."""

    def to_line(self) -> PracticeLine:
        """The reply as a line of the saved transcript."""
        return PracticeLine(
            speaker="client",
            text=self.text,
            topic=self.topic,
            revealed=[s.id for s in self.revealed],
        )


class ScriptedClient:
    """Plays one scenario's client for one practice contact (or several, when replayed)."""

    def __init__(self, scenario: Scenario, *, seed: int = 0, bank: PromptBank | None = None):
        self.scenario = scenario
        self._rng = random.Random(seed)
        self._finder = TopicFinder(scenario, bank or load_prompt_bank())
        self._topic: str | None = None
        self._depth: dict[str, int] = {}
        self._revealed: list[HiddenStrength] = []
        self._next: dict[tuple[str, str], int] = {}
        self._last_text: str | None = None
        self._reflections = 0
        self._turns = 0
        self._cue_said = False

    @classmethod
    def resume(
        cls,
        scenario: Scenario,
        lines: Iterable[PracticeLine],
        *,
        seed: int = 0,
        found_before: Iterable[str] = (),
    ) -> ScriptedClient:
        """A client that has already heard these lines (a practice contact opened again): the
        trainee's lines are replayed, so it remembers what it said and revealed. Strengths
        found at earlier contacts (their ids, see :func:`revealed_ids`) stay found."""
        lines = list(lines)
        client = cls(scenario, seed=seed)
        client._mark_found(found_before)
        for line in lines:
            if line.speaker == "worker":
                code = line.code or line.suggested
                client.reply(line.text, Code(code) if code else None)
        client._mark_found(revealed_ids(lines))  # as saved, should the scenario have changed
        return client

    def _mark_found(self, strength_ids: Iterable[str]) -> None:
        for strength_id in strength_ids:
            strength = self.scenario.strength(strength_id)
            if strength is not None and strength not in self._revealed:
                self._revealed.append(strength)

    # --- what has come out ------------------------------------------------------------------

    @property
    def revealed(self) -> list[HiddenStrength]:
        """Hidden strengths the trainee has drawn out so far, in the order they came out."""
        return list(self._revealed)

    @property
    def missed(self) -> list[HiddenStrength]:
        """Hidden strengths still hidden."""
        return [s for s in self.scenario.hidden_strengths if s not in self._revealed]

    @property
    def softened(self) -> bool:
        """A resisting client answers normally once reflected enough; others always do."""
        return not self.scenario.resists or self._reflections >= self.scenario.softens_after

    # --- answering --------------------------------------------------------------------------

    def reply(self, line: str, code: Code | None = None) -> ClientReply:
        """Answer one line the trainee said; ``code`` is how it was coded (suggested if None)."""
        turn = code_turn(line, self._last_text)
        code = turn.code if code is None else Code(code)
        self._turns += 1
        steps = self._steps(line, code, turn)
        was_softened = self.softened
        if code is Code.REFLECTION:
            self._reflections += steps
        topic = self._finder.find(line, self._topic)
        if topic is None:
            # A reflection or affirmation with no topic word stays on what was being talked about.
            topic = self._topic if code in WARM and self._topic else "other"
        self._topic = topic

        if not self.softened and code is not Code.REFLECTION:
            answers = self.scenario.answers_for("resistance")
            pool = answers.full if code is Code.OPEN_QUESTION else answers.short
            return self._say("resistance", "pushback", pool, ())

        first = self._opening(turn, code, topic, was_softened)
        brief = code in (Code.CLOSED_QUESTION, Code.OTHER) or is_deficit_focused(line)
        if topic == "greeting":  # hello is "other", and still deserves a friendly answer
            brief = is_deficit_focused(line)
        answers = self.scenario.answers_for(topic)
        if brief:
            return self._say(topic, "short", answers.short, answers.full, first=first)
        self._depth[topic] = self._depth.get(topic, 0) + steps
        strength = self._strength_drawn_out(topic, line)
        if strength is not None:
            self._revealed.append(strength)
            return self._say(
                topic, "strength", (strength.words,), answers.full, [strength], first=first
            )
        return self._say(topic, "full", answers.full, answers.short, first=first)

    @staticmethod
    def _steps(line: str, code: Code, turn: CodedTurn) -> int:
        """How far a line draws the client out (see the module)."""
        if code is Code.AFFIRMATION:
            return 2
        if code is Code.REFLECTION:
            depth = turn.behaviour if turn.code is Code.REFLECTION else reflection_depth(line, None)
            return 2 if depth is Behaviour.REFLECTION_COMPLEX else 1
        return 1

    def _opening(self, turn: CodedTurn, code: Code, topic: str, was_softened: bool) -> str | None:
        """What the client says first, before the answer: a greeting back, thanks for an
        affirmation, the pushback easing when a reflection lands (see the module)."""
        answers = self.scenario.answers
        if turn.greets and topic != "greeting" and "greeting" in answers:
            return self._pick("greeting", "opening", answers["greeting"].short)
        if code is Code.AFFIRMATION and "affirmed" in answers:
            return self._pick("affirmed", "opening", answers["affirmed"].full)
        if code is Code.REFLECTION and not was_softened and "softened" in answers:
            return self._pick("softened", "opening", answers["softened"].full)
        return None

    def _strength_drawn_out(self, topic: str, line: str) -> HiddenStrength | None:
        """The hidden strength this line brings out: one whose cue words the trainee used, or
        the first still hidden in a domain explored deeply enough."""
        hidden = [s for s in self.scenario.hidden_strengths if s not in self._revealed]
        for strength in hidden:
            if strength.domain == topic and mentions_any(line, strength.cues):
                return strength
        if self._depth.get(topic, 0) >= REVEAL_DEPTH:
            return next((s for s in hidden if s.domain == topic), None)
        return None

    def _say(
        self,
        topic: str,
        kind: ReplyKind,
        pool: Iterable[str],
        spare: Iterable[str],
        revealed: list[HiddenStrength] | None = None,
        *,
        first: str | None = None,
    ) -> ClientReply:
        """Pick the next answer from the pool (never the line just said), after ``first``
        when given, and let the non-strength cue slip when its topic comes up."""
        text = self._pick(topic, kind, tuple(pool)) or self._pick(topic, "spare", tuple(spare))
        if text is None:
            other = self.scenario.answers_for("other")
            text = self._pick("other", "spare", (*other.short, *other.full))
        if text is None:
            text = next(f for f in FILLERS if f != self._last_text)
        cue = self._cue_for(topic) if kind != "pushback" else None
        if cue is not None:
            text = f"{text} {cue.words}"
        if first and first != text:
            text = f"{first} {text}"
        self._last_text = text
        return ClientReply(text, topic, kind, revealed or [], cue)

    def _pick(self, topic: str, kind: str, pool: tuple[str, ...]) -> str | None:
        """The next answer of a pool, in a seeded rotation, skipping the one just said."""
        if not pool:
            return None
        key = (topic, kind)
        if key not in self._next:
            self._next[key] = self._rng.randrange(len(pool))
        for _ in range(len(pool)):
            text = pool[self._next[key] % len(pool)]
            self._next[key] += 1
            if text != self._last_text:
                return text
        return None

    def _cue_for(self, topic: str) -> NonStrengthCue | None:
        cue = self.scenario.non_strength_cue
        if cue is None or self._cue_said or topic not in cue.topics:
            return None
        if self._turns <= cue.after_turns:
            return None
        self._cue_said = True
        return cue


def revealed_ids(lines: Iterable[PracticeLine]) -> list[str]:
    """Ids of the hidden strengths a transcript shows coming out, in order, once each."""
    found: list[str] = []
    for line in lines:
        if line.speaker == "client":
            found.extend(i for i in line.revealed if i not in found)
    return found


def revealed_at_other_contacts(case: Case, contact: Contact) -> list[str]:
    """Ids of the hidden strengths the client let out at the case's other practice contacts:
    told once, they stay told when the trainee carries on at a later contact."""
    return revealed_ids(
        line for other in case.contacts if other is not contact for line in other.practice_lines
    )


def found_strengths(scenario: Scenario, lines: Iterable[PracticeLine]) -> list[HiddenStrength]:
    """The scenario's hidden strengths that a transcript shows the trainee drawing out."""
    ids = set(revealed_ids(lines))
    return [s for s in scenario.hidden_strengths if s.id in ids]
