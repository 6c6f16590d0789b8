"""Which pane shows which kind of step: the one place the protocol's step kinds meet screens."""

from __future__ import annotations

from sbcm_tui.protocol import StepKind
from sbcm_tui.screens.step_base import CaseContext, StepPane


def pane_class(kind: StepKind) -> type[StepPane]:
    """The pane class for a step kind (imported on first use to keep start-up light)."""
    if kind is StepKind.ENGAGEMENT:
        from sbcm_tui.screens.step_engagement import EngagementPane

        return EngagementPane
    if kind is StepKind.REVIEW:
        from sbcm_tui.screens.step_review import ReviewPane

        return ReviewPane
    if kind is StepKind.STRENGTHS:
        from sbcm_tui.screens.step_strengths import StrengthsPane

        return StrengthsPane
    if kind is StepKind.GOALS:
        from sbcm_tui.screens.step_goals import GoalsPane

        return GoalsPane
    if kind is StepKind.BARRIERS:
        from sbcm_tui.screens.step_barriers import BarriersPane

        return BarriersPane
    if kind is StepKind.LINKAGE:
        from sbcm_tui.screens.step_linkage import LinkagePane

        return LinkagePane
    if kind is StepKind.SUMMARY:
        from sbcm_tui.screens.step_summary import SummaryPane

        return SummaryPane
    from sbcm_tui.screens.step_disengagement import DisengagementPane

    return DisengagementPane


def make_pane(kind: StepKind, ctx: CaseContext, *, id: str | None = None) -> StepPane:
    """A pane for a step kind over a case context."""
    return pane_class(kind)(ctx, id=id)
