"""Which pane shows which kind of step: the one place the protocol's step kinds meet screens."""

from __future__ import annotations

from importlib import import_module

from sbcm_tui.core.protocol import StepKind
from sbcm_tui.tui.panes.base import CaseContext, StepPane

PANES: dict[StepKind, tuple[str, str]] = {
    StepKind.ENGAGEMENT: ("engagement", "EngagementPane"),
    StepKind.REVIEW: ("plan_review", "ReviewPane"),
    StepKind.STRENGTHS: ("strengths", "StrengthsPane"),
    StepKind.GOALS: ("goals", "GoalsPane"),
    StepKind.BARRIERS: ("barriers", "BarriersPane"),
    StepKind.LINKAGE: ("linkage", "LinkagePane"),
    StepKind.SUMMARY: ("summary", "SummaryPane"),
    StepKind.DISENGAGEMENT: ("disengagement", "DisengagementPane"),
}
"""Module and class of each step kind's pane, imported on first use to keep start-up light."""


def pane_class(kind: StepKind) -> type[StepPane]:
    """The pane class for a step kind."""
    module, name = PANES[kind]
    return getattr(import_module(f"sbcm_tui.tui.panes.{module}"), name)


def make_pane(kind: StepKind, ctx: CaseContext, *, id: str | None = None) -> StepPane:
    """A pane for a step kind over a case context."""
    return pane_class(kind)(ctx, id=id)
