"""Feedback at the end of a practice contact: how the trainee interviewed, what they found.

Four things, each one a skill of the strengths-based model: the interviewing itself (counts,
reflections to questions and the share of open questions against MI guides, affirmations);
which hidden strengths were found, by life domain, and which were missed; whether goals are in
the client's own words and objectives measurable; and whether non-strengths information the
client let slip (a risk, a health problem, a limitation) was recorded. Everything is derived
from the practice case as saved, so the feedback can be shown again or exported at any time.

This module judges; it does not write. The words and their order are the feedback export's
(:mod:`sbcm_tui.exports.feedback`), which the feedback screen draws too. Practice never imports
exports: exports build on practice.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sbcm_tui.core.case import Case, Contact, PracticeLine
from sbcm_tui.core.protocol import PromptBank
from sbcm_tui.files.protocols import load_prompt_bank
from sbcm_tui.practice.client import revealed_ids
from sbcm_tui.practice.coder import Code, CodeSummary, summarize_codes
from sbcm_tui.practice.miti import (
    Behaviour,
    MitiSummary,
    Utterance,
    code_turn,
    code_utterance,
    reflection_depth,
    summarize,
)
from sbcm_tui.practice.own_words import in_client_words
from sbcm_tui.practice.scenario import Scenario


@dataclass(frozen=True)
class StrengthFinding:
    """One hidden strength of the scenario: found or missed, and how it was found."""

    domain: str
    domain_title: str
    words: str
    found: bool
    how: str
    """"drawn out in the conversation", "recorded as a strength", or "" when missed."""


@dataclass(frozen=True)
class GoalCheck:
    """Whether a goal is written in the client's own words."""

    words: str
    in_client_words: bool


@dataclass(frozen=True)
class ObjectiveCheck:
    """Whether an objective is measurable: it says how success is measured, and by when."""

    goal: str
    text: str
    has_measure: bool
    has_target_date: bool

    @property
    def measurable(self) -> bool:
        return self.has_measure and self.has_target_date


@dataclass(frozen=True)
class NonStrengthCheck:
    """What the client let slip that must be recorded, and whether the trainee recorded it."""

    kind: str
    words: str
    note: str | None
    came_up: bool
    recorded: bool


@dataclass(frozen=True)
class PracticeFeedback:
    """The feedback on one practice contact, as findings and numbers. Putting it into words
    is the feedback export's (``sbcm_tui.exports.feedback``), for the screen and for files."""

    case_id: str
    scenario_id: str | None
    scenario_title: str | None
    contact_number: int | None
    codes: CodeSummary
    miti: MitiSummary
    """MITI 4.2.1's summary scores over every utterance of the trainee's turns."""
    strengths: tuple[StrengthFinding, ...]
    other_strengths: tuple[str, ...]
    """Domains where the trainee recorded strengths the scenario did not hide (titles)."""
    goals: tuple[GoalCheck, ...]
    objectives: tuple[ObjectiveCheck, ...]
    non_strength: NonStrengthCheck | None

    @property
    def found(self) -> list[StrengthFinding]:
        return [s for s in self.strengths if s.found]

    @property
    def missed(self) -> list[StrengthFinding]:
        return [s for s in self.strengths if not s.found]


# --- working it out --------------------------------------------------------------------------


def practice_feedback(
    case: Case,
    scenario: Scenario | None,
    contact_number: int | None = None,
    *,
    bank: PromptBank | None = None,
) -> PracticeFeedback:
    """The feedback on one contact of a practice case (the last one with a transcript when no
    number is given). Without its scenario, only what the case itself shows is judged."""
    bank = bank or load_prompt_bank()
    contact = _contact(case, contact_number)
    worker = [
        line for line in (contact.practice_lines if contact else []) if line.speaker == "worker"
    ]
    so_far = [
        line
        for c in case.contacts
        if contact is None or c.number <= contact.number
        for line in c.practice_lines
    ]
    return PracticeFeedback(
        case_id=case.id,
        scenario_id=scenario.id if scenario else case.scenario,
        scenario_title=scenario.title if scenario else None,
        contact_number=contact.number if contact else contact_number,
        codes=summarize_codes(line_code(line) for line in worker),
        miti=summarize(
            u
            for line, client in _turns(contact.practice_lines if contact else [])
            for u in line_utterances(line, client)
        ),
        strengths=_strength_findings(case, scenario, so_far, bank),
        other_strengths=_other_strengths(case, scenario, bank),
        goals=tuple(
            GoalCheck(g.words, in_client_words(g.words, _client_said(so_far, scenario)))
            for g in case.goals
        ),
        objectives=tuple(
            ObjectiveCheck(
                g.words, o.text, bool((o.measure or "").strip()), o.target_date is not None
            )
            for g in case.goals
            for o in g.objectives
        ),
        non_strength=_non_strength_check(case, scenario, so_far),
    )


def line_code(line: PracticeLine) -> Code:
    """The code a trainee's line counts as: the trainee's correction, else the suggestion, else
    what the coder says now."""
    value = line.code or line.suggested
    return Code(value) if value else code_utterance(line.text)


def _turns(lines: list[PracticeLine]) -> list[tuple[PracticeLine, str | None]]:
    """Each worker line with the client's line before it (None at the start)."""
    out, client = [], None
    for line in lines:
        if line.speaker == "worker":
            out.append((line, client))
        else:
            client = line.text
    return out


def line_utterances(line: PracticeLine, client: str | None) -> tuple[Utterance, ...]:
    """A trainee's turn as MITI counts it: the coder's utterances; when the trainee corrected
    the turn's code to another label, the turn counts as one utterance of that label (a
    corrected reflection keeps the coder's depth: the words decide it)."""
    turn = code_turn(line.text, client)
    corrected = line_code(line)
    if corrected is turn.code:
        return turn.utterances
    behaviour = {
        Code.OPEN_QUESTION: Behaviour.QUESTION_OPEN,
        Code.CLOSED_QUESTION: Behaviour.QUESTION_CLOSED,
        Code.AFFIRMATION: Behaviour.AFFIRM,
        Code.OTHER: Behaviour.OTHER,
    }.get(corrected) or reflection_depth(line.text, client)
    return (Utterance(line.text, behaviour, corrected, 1),)


def _contact(case: Case, number: int | None) -> Contact | None:
    if number is not None:
        return next((c for c in case.contacts if c.number == number), None)
    with_lines = [c for c in case.contacts if c.practice_lines]
    return max(with_lines or case.contacts, key=lambda c: (c.number, c.on), default=None)


def _strength_findings(
    case: Case, scenario: Scenario | None, lines: list[PracticeLine], bank: PromptBank
) -> tuple[StrengthFinding, ...]:
    """Each hidden strength, found when the conversation drew it out or when the trainee
    recorded a strength in its domain (each recorded strength accounts for one hidden one)."""
    if scenario is None:
        return ()
    drawn = set(revealed_ids(lines))
    recorded = Counter(s.domain for s in case.strengths)
    findings = []
    for hidden in scenario.hidden_strengths:
        if hidden.id in drawn:
            how = "drawn out in the conversation"
        elif recorded[hidden.domain] > 0:
            recorded[hidden.domain] -= 1
            how = "recorded as a strength"
        else:
            how = ""
        findings.append(
            StrengthFinding(
                hidden.domain, bank.domain_title(hidden.domain), hidden.words, bool(how), how
            )
        )
    return tuple(findings)


def _other_strengths(case: Case, scenario: Scenario | None, bank: PromptBank) -> tuple[str, ...]:
    hidden = {s.domain for s in scenario.hidden_strengths} if scenario else set()
    domains = dict.fromkeys(s.domain for s in case.strengths if s.domain not in hidden)
    return tuple(bank.domain_title(d) for d in domains)


def _client_said(lines: list[PracticeLine], scenario: Scenario | None) -> list[str]:
    """What the client said: the transcript, and what the scenario has them say about goals
    (a partner-played client's words are not typed in, and the briefing quotes them)."""
    said = [line.text for line in lines if line.speaker == "client"]
    if scenario is not None:
        said.append(scenario.wants)
        goals = scenario.answers.get("goals")
        if goals is not None:
            said.extend((*goals.short, *goals.full))
    return said


def _non_strength_check(
    case: Case, scenario: Scenario | None, lines: list[PracticeLine]
) -> NonStrengthCheck | None:
    cue = scenario.non_strength_cue if scenario else None
    if cue is None:
        return None
    came_up = any(line.speaker == "client" and cue.words in line.text for line in lines)
    recorded = any(n.kind == cue.kind for n in case.non_strengths)
    return NonStrengthCheck(cue.kind.value, cue.words, cue.note, came_up, recorded)
