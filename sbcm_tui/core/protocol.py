"""Protocol scripts and prompt banks: which contacts a case runs through, and what each one asks.

Agencies adapt strengths-based case management (brief or long-term, their own objectives for each
contact), so the protocol is data: TOML scripts shipped in ``sbcm_tui/scripts`` or kept by the
agency. These are their models and the checks a script must pass; reading them from files is
:mod:`sbcm_tui.files.protocols`. Step *kinds* are code (each has a pane); steps are data. Loaded
scripts are frozen, because shipped ones are cached and shared by every screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from sbcm_tui.core.case import Slug

DEFAULT_PROTOCOL = "brief-five"
"""The protocol a new case follows unless the agency chooses another."""


SidebarTitle = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=28)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400)]
Prose = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Number = Annotated[int, Field(ge=1, le=999)]


class StepKind(StrEnum):
    """What a step does; each kind has its own screen, so the set is fixed in code."""

    ENGAGEMENT = "engagement"
    REVIEW = "review"
    STRENGTHS = "strengths"
    GOALS = "goals"
    BARRIERS = "barriers"
    LINKAGE = "linkage"
    SUMMARY = "summary"
    DISENGAGEMENT = "disengagement"


class ScriptPart(BaseModel):
    """Base for every part of a script: unknown keys refused, nothing echoed, nothing changed."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, hide_input_in_errors=True, allow_inf_nan=False
    )


def _first_repeat(ids: Iterable[str]) -> tuple[int, int] | None:
    """Positions of the first id seen twice, so the error can point at both."""
    seen: dict[str, int] = {}
    for index, item in enumerate(ids):
        if item in seen:
            return seen[item], index
        seen[item] = index
    return None


def _readable(slug: str) -> str:
    """A slug as words, for ids the data does not describe (an agency's own domain, say)."""
    words = slug.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:] if words else "Other"


_Item = TypeVar("_Item", bound="LifeDomain | PromptCategory | Prompt")


def _find(items: Iterable[_Item], item_id: str, missing: str) -> _Item:
    found = next((item for item in items if item.id == item_id), None)
    if found is None:
        raise LookupError(f"{missing} {item_id!r}")
    return found


# --- the protocol ----------------------------------------------------------------------------


class Step(ScriptPart):
    """One part of a contact: the screen it uses (kind) and the guidance shown on it."""

    id: Slug
    kind: StepKind
    title: SidebarTitle
    purpose: Prose
    prompts: tuple[Line, ...] = ()


class ContactScript(ScriptPart):
    """What one contact is for (the agency's objectives) and the steps the worker goes through."""

    number: Number
    title: Title
    aim: Line
    objectives: Annotated[tuple[Line, ...], Field(min_length=1)]
    steps: Annotated[tuple[Step, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _step_ids_unique(self) -> ContactScript:
        """A case records the steps done by id, so two steps of a contact cannot share one."""
        repeat = _first_repeat(step.id for step in self.steps)
        if repeat:
            raise ValueError(f"steps[{repeat[1]}].id: repeats the id of steps[{repeat[0]}]")
        return self

    @property
    def step_ids(self) -> tuple[str, ...]:
        """The step ids in order, as a case's ``steps_done`` records them."""
        return tuple(step.id for step in self.steps)

    def index_of(self, step_id: str) -> int:
        """The 0-based position of a step; LookupError if this contact has no such step."""
        for index, step in enumerate(self.steps):
            if step.id == step_id:
                return index
        raise LookupError(f"contact {self.number} has no step {step_id!r}")

    def step(self, step_id: str) -> Step:
        """The step with this id; LookupError if this contact has none."""
        return self.steps[self.index_of(step_id)]

    def next_step(self, step_id: str) -> Step | None:
        """The step after this one, or None at the end of the contact."""
        index = self.index_of(step_id) + 1
        return self.steps[index] if index < len(self.steps) else None

    def previous_step(self, step_id: str) -> Step | None:
        """The step before this one, or None at the start of the contact."""
        index = self.index_of(step_id)
        return self.steps[index - 1] if index > 0 else None


class Protocol(ScriptPart):
    """An agency's way of running the work: its contacts in order and when the ending starts."""

    name: Slug
    title: Title
    description: Prose
    disengagement_from: Number
    closes_at: Number
    contacts: Annotated[tuple[ContactScript, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _contacts_fit_together(self) -> Protocol:
        """Contacts run 1..n and the ending falls inside them, so "what comes next" is defined."""
        for index, contact in enumerate(self.contacts):
            if contact.number != index + 1:
                raise ValueError(
                    f"contacts[{index}].number: expected {index + 1}; "
                    "contacts are numbered 1, 2, 3, ... in the order they are listed"
                )
        if self.closes_at > self.count:
            raise ValueError(f"closes_at: must be one of the contacts (1 to {self.count})")
        if self.disengagement_from > self.closes_at:
            raise ValueError(
                f"disengagement_from: must be between 1 and closes_at ({self.closes_at})"
            )
        for index, contact in enumerate(self.contacts[: self.disengagement_from - 1]):
            for step_index, step in enumerate(contact.steps):
                if step.kind is StepKind.DISENGAGEMENT:
                    raise ValueError(
                        f"contacts[{index}].steps[{step_index}].kind: a disengagement step comes "
                        f"before disengagement_from ({self.disengagement_from})"
                    )
        return self

    @property
    def count(self) -> int:
        """How many contacts the protocol has."""
        return len(self.contacts)

    def contact(self, number: int) -> ContactScript:
        """The script of contact ``number``; LookupError outside 1..count."""
        if not 1 <= number <= self.count:
            raise LookupError(
                f"the {self.name} protocol has contacts 1 to {self.count}; "
                f"there is no contact {number}"
            )
        return self.contacts[number - 1]

    def script_for(self, number: int) -> ContactScript:
        """The script to use for contact ``number``: a case that runs past the protocol's last
        contact (it happens) keeps following the last one's script."""
        return self.contact(min(number, self.count))

    def disengagement_begins(self, number: int) -> bool:
        """True for the contact at which the ending is first raised."""
        return number == self.disengagement_from

    def in_disengagement(self, number: int) -> bool:
        """True for every contact from the one where the ending is first raised."""
        return number >= self.disengagement_from

    def closes_with(self, number: int) -> bool:
        """True when finishing contact ``number`` completes the protocol (the case disengages)."""
        return number >= self.closes_at


# --- the prompt bank -------------------------------------------------------------------------


class LifeDomain(ScriptPart):
    """An area of life a strength (or goal) belongs to; the set is the agency's to change."""

    id: Slug
    title: Title
    hint: Line


class PromptCategory(ScriptPart):
    """A kind of strengths question: general, relationships, internal resources, recovery."""

    id: Slug
    title: Title


class Prompt(ScriptPart):
    """A strengths question to nudge the talk, filed by category and optionally by life domain."""

    id: Slug
    category: Slug
    domain: Slug | None = None
    text: Line


class PromptBank(ScriptPart):
    """The life domains and strengths prompts the strengths-assessment screen offers."""

    domains: Annotated[tuple[LifeDomain, ...], Field(min_length=1)]
    categories: Annotated[tuple[PromptCategory, ...], Field(min_length=1)]
    prompts: tuple[Prompt, ...] = ()

    @model_validator(mode="after")
    def _references_resolve(self) -> PromptBank:
        """Case files keep these ids, so each must be unique and every reference must resolve."""
        for key, items in (
            ("domains", self.domains),
            ("categories", self.categories),
            ("prompts", self.prompts),
        ):
            repeat = _first_repeat(item.id for item in items)
            if repeat:
                raise ValueError(f"{key}[{repeat[1]}].id: repeats the id of {key}[{repeat[0]}]")
        domains = {d.id for d in self.domains}
        categories = {c.id for c in self.categories}
        for index, prompt in enumerate(self.prompts):
            if prompt.category not in categories:
                raise ValueError(f"prompts[{index}].category: names no category of this bank")
            if prompt.domain is not None and prompt.domain not in domains:
                raise ValueError(f"prompts[{index}].domain: names no domain of this bank")
        return self

    def domain(self, domain_id: str) -> LifeDomain:
        """The life domain with this id; LookupError if the bank has none."""
        return _find(self.domains, domain_id, "the prompt bank has no life domain")

    def category(self, category_id: str) -> PromptCategory:
        """The prompt category with this id; LookupError if the bank has none."""
        return _find(self.categories, category_id, "the prompt bank has no category")

    def prompt(self, prompt_id: str) -> Prompt:
        """The prompt with this id; LookupError if the bank has none (it may have been retired)."""
        return _find(self.prompts, prompt_id, "the prompt bank has no prompt")

    def prompts_for(self, category: str | None = None, domain: str | None = None) -> list[Prompt]:
        """Prompts in bank order, narrowed to a category and/or a domain when given."""
        return [
            p for p in self.prompts if category in (None, p.category) and domain in (None, p.domain)
        ]

    def domain_title(self, domain_id: str) -> str:
        """A domain's title; case files may carry domains this bank lacks, so this never fails."""
        return next((d.title for d in self.domains if d.id == domain_id), _readable(domain_id))

    def category_title(self, category_id: str) -> str:
        """A category's title, or a readable form of an id this bank lacks."""
        return next(
            (c.title for c in self.categories if c.id == category_id), _readable(category_id)
        )
