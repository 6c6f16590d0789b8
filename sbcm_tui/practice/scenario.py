"""Role-play scenarios: fictional clients a trainee practises on, kept as validated TOML.

A scenario says who the client is, what they want in their own words, the strengths hidden in
their life domains (for the trainee to draw out), their barriers and stage of change, and how
they answer on each topic. Sbcm ships some in ``data/scenarios``; a trainer adds their own to
:func:`sbcm_tui.files.paths.scenarios_dir`. A file that cannot be used is a :class:`CaseFileError`
with one ``PATH: where: what`` line per problem, like a case file, and never stops the rest of
the library from loading.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    model_validator,
)

from sbcm_tui.core.case import Case, Client, NonStrengthKind, Slug, new_id
from sbcm_tui.core.problems import CaseFileError, Problem, ProblemKind
from sbcm_tui.files import paths

# The parsing helpers of case files: one TOML reader, one way of naming where a problem is.
from sbcm_tui.files.casefile import decode_text, parse_toml, problems_of, read_bytes
from sbcm_tui.files.protocols import load_prompt_bank

FIXED_TOPICS = ("greeting", "goals", "feelings", "resistance", "affirmed", "softened", "other")
"""Topics every scenario may answer on besides the life domains of the prompt bank.
``affirmed`` is what the client says back when credited, ``softened`` what a resisting client
says when a reflection lands (both optional; sbcm_tui/practice/client.py says when each is
used)."""

PRACTICE_PREFIX = "p-"
"""Practice case ids start with this, so a stray practice file is recognisable by name."""

_Words = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
_Prose = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=6000)]
_Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
_Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
_Cue = Annotated[
    str, StringConstraints(strip_whitespace=True, to_lower=True, min_length=2, max_length=60)
]
_SCENARIO_MARK = re.compile(rb"^\s*(\[\[hidden_strengths\]\]|stage_of_change\s*=)", re.MULTILINE)
_CASE_MARK = re.compile(rb"^\s*\"?schema_version\"?\s*[=:]", re.MULTILINE)


class StageOfChange(StrEnum):
    """Where the client stands on changing (the stages of change motivational interviewing uses)."""

    PRECONTEMPLATION = "precontemplation"
    CONTEMPLATION = "contemplation"
    PREPARATION = "preparation"
    ACTION = "action"
    MAINTENANCE = "maintenance"

    @property
    def meaning(self) -> str:
        """What the stage means for the trainee, in a line."""
        return _STAGE_MEANINGS[self]


_STAGE_MEANINGS = {
    StageOfChange.PRECONTEMPLATION: "Not thinking about change yet; may not see a reason to.",
    StageOfChange.CONTEMPLATION: "Sees reasons both ways; not sure change is worth it.",
    StageOfChange.PREPARATION: "Means to change soon and is working out how.",
    StageOfChange.ACTION: "Already changing things, and the new habits are still fragile.",
    StageOfChange.MAINTENANCE: "Has changed and is working to keep it that way.",
}


class ScenarioPart(BaseModel):
    """Base for every part of a scenario: unknown keys refused, nothing echoed, frozen."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, hide_input_in_errors=True, allow_inf_nan=False
    )


class HiddenStrength(ScenarioPart):
    """A strength the client has but will not mention until the trainee draws it out."""

    id: Slug
    domain: Slug
    words: _Words
    """The strength in the client's own words: what they say once it comes out."""
    cues: tuple[_Cue, ...] = ()
    """Words in the trainee's line that lead straight to it (a sister's name, "garden")."""


class Answers(ScenarioPart):
    """How the client answers on one topic: briefly, or at more length."""

    short: Annotated[tuple[_Words, ...], Field(min_length=1)]
    """For closed, deficit-focused or leading lines."""
    full: Annotated[tuple[_Words, ...], Field(min_length=1)]
    """For open questions, reflections and affirmations."""
    words: tuple[_Cue, ...] = ()
    """Extra words that bring this topic up, beyond those the app knows."""


class NonStrengthCue(ScenarioPart):
    """Something that is not a strength but must be recorded, and when the client lets it slip."""

    kind: NonStrengthKind
    words: _Words
    """What the client says."""
    topics: Annotated[tuple[Slug, ...], Field(min_length=1)]
    """Topics that bring it out."""
    after_turns: Annotated[int, Field(ge=0, le=100)] = 0
    """How many things the trainee says first: some clients need a little trust."""
    note: _Words | None = None
    """What the trainee should record (shown in the feedback)."""


class Scenario(ScenarioPart):
    """A fictional client for role-play: facts the trainee is given, and what is to be found."""

    id: Slug
    title: _Title
    summary: _Line
    client: Client
    situation: _Prose
    wants: _Words
    """What the client wants, in their own words."""
    stage_of_change: StageOfChange
    hidden_strengths: Annotated[tuple[HiddenStrength, ...], Field(min_length=1)]
    barriers: tuple[_Words, ...] = ()
    non_strength_cue: NonStrengthCue | None = None
    resists: bool = False
    """Pushes back at nearly everything until the trainee reflects rather than asks."""
    softens_after: Annotated[int, Field(ge=1, le=20)] = 2
    """Reflections it takes before a resisting client starts to answer."""
    answers: dict[Slug, Answers]
    partner_notes: _Prose | None = None
    """For the person playing the client with a trainee."""

    @model_validator(mode="before")
    @classmethod
    def _name_hidden_strengths(cls, data: Any) -> Any:
        """A strength without an id is named after its domain (``health``, ``health-2``): the
        transcript records which one was revealed by that id."""
        if not isinstance(data, dict) or not isinstance(data.get("hidden_strengths"), list):
            return data
        taken = {s["id"] for s in data["hidden_strengths"] if isinstance(s, dict) and "id" in s}
        named = []
        for strength in data["hidden_strengths"]:
            if isinstance(strength, dict) and "id" not in strength:
                domain = strength.get("domain")
                base, n = (domain if isinstance(domain, str) else "strength"), 1
                candidate = base
                while candidate in taken:
                    n += 1
                    candidate = f"{base}-{n}"
                taken.add(candidate)
                strength = {"id": candidate, **strength}
            named.append(strength)
        return {**data, "hidden_strengths": named}

    @model_validator(mode="after")
    def _topics_known(self, info: ValidationInfo) -> Scenario:
        """Topics and domains must be ones the app knows, so a typo never silently goes unused."""
        domains = _domains(info)
        topics = {*domains, *FIXED_TOPICS}
        known = f"one of the life domains ({', '.join(domains)}) or {', '.join(FIXED_TOPICS)}"
        for topic in self.answers:
            if topic not in topics:
                raise ValueError(f"answers.{topic}: not a topic; a topic is {known}")
        if "other" not in self.answers:
            raise ValueError("answers.other: required (the answer when no topic fits)")
        if self.resists and "resistance" not in self.answers:
            raise ValueError("answers.resistance: required when the client resists")
        seen: set[str] = set()
        for index, strength in enumerate(self.hidden_strengths):
            if strength.domain not in domains:
                raise ValueError(
                    f"hidden_strengths[{index}].domain: not a life domain ({', '.join(domains)})"
                )
            if strength.id in seen:
                raise ValueError(f"hidden_strengths[{index}].id: used by another strength")
            seen.add(strength.id)
        if self.non_strength_cue is not None:
            for index, topic in enumerate(self.non_strength_cue.topics):
                if topic not in topics:
                    raise ValueError(
                        f"non_strength_cue.topics[{index}]: not a topic; a topic is {known}"
                    )
        return self

    def answers_for(self, topic: str) -> Answers:
        """The answers on a topic, or the catch-all ``other`` ones."""
        return self.answers.get(topic) or self.answers["other"]

    def strengths_in(self, domain: str) -> list[HiddenStrength]:
        """The hidden strengths of one life domain, in the file's order."""
        return [s for s in self.hidden_strengths if s.domain == domain]

    def strength(self, strength_id: str) -> HiddenStrength | None:
        """The hidden strength with this id, if the scenario (still) has it."""
        return next((s for s in self.hidden_strengths if s.id == strength_id), None)

    def briefing(self) -> list[tuple[str, str]]:
        """What the trainee is told before starting: never the hidden strengths."""
        client = self.client
        facts = [client.preferred_name]
        if client.age is not None:
            facts.append(f"{client.age}")
        if client.pronouns:
            facts.append(client.pronouns)
        rows = [
            ("Client", ", ".join(facts)),
            ("Living situation", client.living_situation or "not known yet"),
            ("Situation", self.situation),
            ("In their words", self.wants),
            ("Stage of change", f"{self.stage_of_change.value}: {self.stage_of_change.meaning}"),
        ]
        if client.medical_conditions:
            rows.append(("Health", "; ".join(client.medical_conditions)))
        if self.barriers:
            rows.append(("Barriers", "; ".join(self.barriers)))
        return rows

    def partner_sheet(self) -> list[tuple[str, str]]:
        """What the person playing the client needs: the briefing, and what to keep back."""
        rows = self.briefing()
        rows.extend((f"Hidden strength ({s.domain})", s.words) for s in self.hidden_strengths)
        if self.non_strength_cue is not None:
            cue = self.non_strength_cue
            rows.append((f"Let slip ({cue.kind.value}, on {', '.join(cue.topics)})", cue.words))
        if self.resists:
            rows.append(("Resists", f"until met with {self.softens_after} reflections"))
        if self.partner_notes:
            rows.append(("Notes", self.partner_notes))
        return rows


def _domains(info: ValidationInfo) -> tuple[str, ...]:
    """The life domains a scenario may use: given by the caller, else the shipped prompt bank's."""
    context = info.context if isinstance(info.context, dict) else {}
    given = context.get("domains")
    if given is not None:
        return tuple(given)
    return tuple(d.id for d in load_prompt_bank().domains)


# --- reading ---------------------------------------------------------------------------------


def looks_like_scenario(raw: bytes) -> bool:
    """True for the bytes of a scenario file rather than a case file (``sbcm validate`` asks)."""
    return bool(_SCENARIO_MARK.search(raw)) and not _CASE_MARK.search(raw)


def parse_scenario(raw: bytes, path: str, *, domains: Iterable[str] | None = None) -> Scenario:
    """The bytes of a scenario file to a checked scenario, or a CaseFileError saying where."""
    data = parse_toml(decode_text(raw, path), path)
    context = {"domains": tuple(domains)} if domains is not None else None
    try:
        return Scenario.model_validate(data, context=context)
    except ValidationError as exc:
        raise CaseFileError(path, ProblemKind.INVALID, problems_of(exc)) from None
    except RecursionError:
        raise _error(
            path, ProblemKind.INVALID, "file", "nested too deeply to be a scenario"
        ) from None


def _error(path: str | os.PathLike[str], kind: ProblemKind, where: str, what: str) -> CaseFileError:
    """A file (or folder) that cannot be used, with its one problem."""
    return CaseFileError(os.fspath(path), kind, [Problem(where, what)])


def load_scenario(
    path: str | os.PathLike[str], *, domains: Iterable[str] | None = None
) -> Scenario:
    """Read one scenario file; CaseFileError (``PATH: where: what``) when it cannot be used."""
    name = os.fspath(path)
    return parse_scenario(read_bytes(name), name, domains=domains)


def _scenario_files(folder: Path) -> list[Path]:
    """The visible ``.toml`` files of a folder, by name."""
    return sorted(
        entry
        for entry in folder.iterdir()
        if entry.suffix.lower() == ".toml" and not entry.name.startswith(".")
    )


def scenario_folders(extra_dirs: Iterable[str | os.PathLike[str]] = ()) -> list[Path]:
    """Where scenarios are read from, in order: shipped, the user's own, then any others."""
    folders: list[Path] = []
    for folder in (paths.scenario_source_dir(), paths.scenarios_dir(), *map(Path, extra_dirs)):
        if folder not in folders:
            folders.append(folder)
    return folders


def scenario_library(
    extra_dirs: Iterable[str | os.PathLike[str]] = (),
) -> tuple[list[Scenario], list[CaseFileError]]:
    """Every usable scenario (shipped first, then the user's), and a CaseFileError for each file
    that is not. A folder that does not exist is simply empty; two files with one id keep the
    first and report the second."""
    scenarios: list[Scenario] = []
    problems: list[CaseFileError] = []
    first_file: dict[str, str] = {}
    for folder in scenario_folders(extra_dirs):
        try:
            files = _scenario_files(folder)
        except FileNotFoundError:
            continue
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            problems.append(
                _error(folder, ProblemKind.UNREADABLE, "folder", f"cannot list ({reason})")
            )
            continue
        for file in files:
            try:
                scenario = load_scenario(file)
            except CaseFileError as exc:
                problems.append(exc)
                continue
            if scenario.id in first_file:
                used = f"already used by {first_file[scenario.id]}"
                problems.append(_error(file, ProblemKind.INVALID, "id", used))
                continue
            first_file[scenario.id] = str(file)
            scenarios.append(scenario)
    return scenarios, problems


def find_scenario(
    scenario_id: str | None, extra_dirs: Iterable[str | os.PathLike[str]] = ()
) -> Scenario | None:
    """The library's scenario with this id (a practice case's ``scenario``), if there is one."""
    if scenario_id is None:
        return None
    scenarios, _ = scenario_library(extra_dirs)
    return next((s for s in scenarios if s.id == scenario_id), None)


# --- starting a practice case ----------------------------------------------------------------


def practice_case(scenario: Scenario, today: date) -> Case:
    """A new practice case for a scenario: marked practice, its few facts filled in, due today.

    Only the facts a worker would be given at referral are copied; strengths, goals and the
    rest are the trainee's to find and write."""
    return Case(
        id=new_id(PRACTICE_PREFIX),
        practice=True,
        scenario=scenario.id,
        client=scenario.client.model_copy(deep=True),
        next_contact_on=today,
    )
