"""Goal setting: the client's goals in their own words, objectives anyone could check, baby steps.

The plan is a tree (goal → objective → strategy), one line per item (drawn by
:mod:`sbcm_tui.tui.panes.plan_lines`), with the selected item in full below it. Every change goes
through a small form (:mod:`sbcm_tui.tui.modals.plan_forms`); what the plan means (gentle checks,
what points at an item before it may go) is in :mod:`sbcm_tui.core.plan`. Objectives that lack a
measure or a date get a gentle, never blocking, reminder.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static, Tree

from sbcm_tui.core.case import Goal, Objective
from sbcm_tui.core.casework import find_objective, find_strategy
from sbcm_tui.core.dates import format_date
from sbcm_tui.core.plan import (
    find_goal,
    gas_text,
    goal_of,
    item_ids,
    keep_goal,
    keep_objective,
    keep_strategy,
    rate_objective,
    references_to,
    remove_plan_item,
)
from sbcm_tui.tui.modals.confirm import ConfirmModal
from sbcm_tui.tui.modals.plan_forms import (
    GasModal,
    GasRating,
    GoalDraft,
    GoalForm,
    ObjectiveDraft,
    ObjectiveForm,
    StrategyDraft,
    StrategyForm,
)
from sbcm_tui.tui.panes.base import StepPane
from sbcm_tui.tui.panes.plan_lines import (
    STATUS_WORDS,
    fit_label,
    goal_parts,
    objective_parts,
    strategy_parts,
    when,
)

EMPTY_PLAN = (
    "No goals yet. Ask what they would like to be different, then press g and write it "
    "the way they say it."
)


class PlanRef(NamedTuple):
    """What a tree line stands for: the kind of plan item and its id."""

    kind: str  # "goal" | "objective" | "strategy"
    id: str


# --- the pane -------------------------------------------------------------------------------


class GoalsPane(StepPane):
    """The plan as a tree; g/o/s add, e edits, x removes, r rates an objective's attainment."""

    DEFAULT_CSS = """
    GoalsPane #plan-tree {
        height: auto;
        overflow-x: hidden;
        max-height: 30;
        min-height: 3;
        padding: 0;
        background: transparent;
    }
    GoalsPane #plan-detail {
        margin-top: 1;
        padding: 0 1;
        border-left: outer $primary 50%;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("g", "add_goal", "Goal", id="goals.add_goal",
                tooltip="Add a goal in the client's own words"),
        Binding("o", "add_objective", "Objective", id="goals.add_objective",
                tooltip="Add a specific, checkable objective to the selected goal"),
        Binding("s", "add_strategy", "Step", id="goals.add_strategy",
                tooltip="Add a baby step (strategy) to the selected objective"),
        Binding("e", "edit", "Edit", id="goals.edit", tooltip="Edit the selected item"),
        Binding("x,delete", "remove", "Remove", id="goals.remove",
                tooltip="Remove the selected item (asks first)"),
        Binding("r", "rate", "Rate", id="goals.rate",
                tooltip="Rate the selected objective's goal attainment, -2 to +2"),
    ]  # fmt: skip

    def compose(self) -> ComposeResult:
        if self.ctx.step is not None:
            yield Static(self.ctx.step.purpose, classes="step-purpose", markup=False)
        yield Static("", id="plan-empty", classes="hint", markup=False)
        tree: Tree[PlanRef] = Tree(Text("plan"), id="plan-tree")
        tree.show_root = False
        tree.guide_depth = 2
        yield tree
        yield Static("", id="plan-detail", markup=False)

    def on_mount(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        self._rebuild()

    def reload(self) -> None:
        self._rebuild()

    # --- showing the plan -------------------------------------------------------------

    @property
    def _tree(self) -> Tree[PlanRef]:
        return self.query_one("#plan-tree", Tree)

    def _warn(self) -> str:
        colour = self.app.theme_variables.get("warning", "yellow")
        try:
            Style.parse(colour)
        except Exception:
            return "yellow"
        return colour

    def _rebuild(self, select: PlanRef | None = None) -> None:
        tree, warn, today = self._tree, self._warn(), self.ctx.today
        select = select or self.selected
        # Lines are cut to the tree's width so the dates and reminders at their ends show.
        width = tree.size.width or max(self.size.width - 4, 0) or 10_000
        tree.clear()
        target = None
        for goal in self.case.goals:
            lead = Text("◆ ", style="dim")
            label = fit_label(lead, goal.words, goal_parts(goal, self.ctx.bank, warn), width - 3)
            node = tree.root.add(label, data=PlanRef("goal", goal.id), expand=True)
            nodes = [node]
            for objective in goal.objectives:
                parts = objective_parts(objective, today, warn)
                label = fit_label(Text(), objective.text, parts, width - 5)
                add = node.add if objective.strategies else node.add_leaf
                onode = add(label, PlanRef("objective", objective.id))
                onode.expand()
                nodes.append(onode)
                for strategy in objective.strategies:
                    lead = Text("✓ " if strategy.done else "· ", style="dim")
                    parts = strategy_parts(strategy, today, warn)
                    label = fit_label(lead, strategy.step, parts, width - 7)
                    nodes.append(onode.add_leaf(label, PlanRef("strategy", strategy.id)))
            target = next((n for n in nodes if n.data == select), target)
        self.query_one("#plan-empty", Static).update(self._empty_hint())
        self.query_one("#plan-empty").display = not self.case.goals
        tree.display = bool(self.case.goals)
        if tree.last_line >= 0:  # reading last_line lays out the new lines
            tree.move_cursor(target or tree.get_node_at_line(0))
        self._show_detail()

    def on_resize(self) -> None:
        self._rebuild()

    def _empty_hint(self) -> str:
        prompts = self.ctx.step.prompts if self.ctx.step else ()
        return "\n".join([EMPTY_PLAN, *(f"· {p}" for p in prompts)])

    @on(Tree.NodeHighlighted, "#plan-tree")
    def _highlighted(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        detail = self.query_one("#plan-detail", Static)
        lines = self._detail_lines(self.selected)
        detail.update("\n".join(lines))
        detail.display = bool(lines)

    def _detail_lines(self, ref: PlanRef | None) -> list[str]:
        today = self.ctx.today
        if ref is None:
            return []
        if ref.kind == "goal" and (goal := find_goal(self.case, ref.id)):
            lines = [f"Goal, in their words: {goal.words}"]
            if goal.domain:
                lines.append(f"Life area: {self.ctx.bank.domain_title(goal.domain)}")
            if not goal.confirmed_safe:
                lines.append("Not yet confirmed safe (legal, not hurtful): press e to confirm.")
            lines.append("o adds an objective to this goal.")
            return lines
        if ref.kind == "objective" and (objective := find_objective(self.case, ref.id)):
            lines = [f"Objective: {objective.text}"]
            lines.append(f"Measure: {objective.measure or 'how will you both know it is done?'}")
            date_text = when(objective.target_date, today) if objective.target_date else "none yet"
            lines.append(f"Target: {date_text} · {STATUS_WORDS[objective.status]}")
            if objective.gas_level is not None:
                lines.append(f"Attainment: {gas_text(objective.gas_level, words=True)}")
            lines.append("s adds a baby step; r rates how far they got.")
            return lines
        if ref.kind == "strategy" and (found := find_strategy(self.case, ref.id)):
            strategy = found[1]
            lines = [f"Step: {strategy.step}", f"Who: {strategy.who or 'not said'}"]
            if strategy.target_date:
                lines.append(f"Target: {when(strategy.target_date, today)}")
            if strategy.done:
                lines.append(
                    "Done" + (f" on {format_date(strategy.done_on)}" if strategy.done_on else "")
                )
            return lines
        return []

    # --- what is selected -------------------------------------------------------------

    @property
    def selected(self) -> PlanRef | None:
        """The plan item under the tree cursor."""
        node = self._tree.cursor_node
        return node.data if node is not None else None

    def _selected_goal(self) -> Goal | None:
        ref = self.selected
        if ref is None:
            return self.case.goals[-1] if self.case.goals else None
        if ref.kind == "goal":
            return find_goal(self.case, ref.id)
        objective = self._selected_objective()
        return goal_of(self.case, objective.id) if objective else None

    def _selected_objective(self) -> Objective | None:
        ref = self.selected
        if ref is None:
            return None
        if ref.kind == "objective":
            return find_objective(self.case, ref.id)
        if ref.kind == "strategy":
            found = find_strategy(self.case, ref.id)
            return found[0] if found else None
        goal = find_goal(self.case, ref.id)
        return goal.objectives[0] if goal and len(goal.objectives) == 1 else None

    def _say(self, message: str) -> None:
        self.notify(message, markup=False, severity="warning")

    def _done(self, select: PlanRef | None = None) -> None:
        self.changed()
        self._rebuild(select)
        (self._tree if self.case.goals else self).focus()

    def _kept(self, words: str) -> None:
        """The item a form was for went away meanwhile (the case was reloaded): show the words."""
        self.notify(f"That part of the plan is gone now; your words were: {words}",
                    markup=False, severity="warning", timeout=30)  # fmt: skip

    # --- adding and editing -----------------------------------------------------------

    def action_add_goal(self) -> None:
        self.app.push_screen(GoalForm(None, self.ctx.bank), self._goal_saved)

    def _goal_saved(self, draft: GoalDraft | None, goal_id: str | None = None) -> None:
        if draft is None:
            return
        goal = keep_goal(
            self.case,
            words=draft.words,
            domain=draft.domain,
            confirmed_safe=draft.confirmed_safe,
            today=self.ctx.today,
            goal_id=goal_id,
        )
        if goal is None:
            self._kept(draft.words)
            return
        self._done(PlanRef("goal", goal.id))

    def action_add_objective(self) -> None:
        goal = self._selected_goal()
        if goal is None:
            self._say("Add a goal first (g): objectives serve a goal.")
            return
        form = ObjectiveForm(None, today=self.ctx.today, goal_words=goal.words)
        self.app.push_screen(form, lambda draft: self._objective_saved(draft, goal.id))

    def _objective_saved(
        self, draft: ObjectiveDraft | None, goal_id: str, objective_id: str | None = None
    ) -> None:
        if draft is None:
            return
        objective = keep_objective(
            self.case,
            goal_id,
            text=draft.text,
            measure=draft.measure,
            target_date=draft.target_date,
            objective_id=objective_id,
        )
        if objective is None:
            self._kept(draft.text)
            return
        self._done(PlanRef("objective", objective.id))

    def action_add_strategy(self) -> None:
        objective = self._selected_objective()
        if objective is None:
            self._say("Move to the objective this step is for, then press s.")
            return
        form = StrategyForm(None, today=self.ctx.today, objective_text=objective.text)
        self.app.push_screen(form, lambda draft: self._strategy_saved(draft, objective.id))

    def _strategy_saved(
        self, draft: StrategyDraft | None, objective_id: str, strategy_id: str | None = None
    ) -> None:
        if draft is None:
            return
        strategy = keep_strategy(
            self.case,
            objective_id,
            step=draft.step,
            who=draft.who,
            target_date=draft.target_date,
            strategy_id=strategy_id,
        )
        if strategy is None:
            self._kept(draft.step)
            return
        self._done(PlanRef("strategy", strategy.id))

    def action_edit(self) -> None:
        ref, today = self.selected, self.ctx.today
        if ref is None:
            self._say("Nothing to edit yet: press g to add a goal.")
        elif ref.kind == "goal" and (goal := find_goal(self.case, ref.id)):
            form = GoalForm(goal, self.ctx.bank)
            self.app.push_screen(form, lambda d: self._goal_saved(d, goal.id))
        elif ref.kind == "objective" and (objective := find_objective(self.case, ref.id)):
            owner = goal_of(self.case, objective.id)
            if owner is None:
                return
            form = ObjectiveForm(objective, today=today, goal_words=owner.words)
            self.app.push_screen(form, lambda d: self._objective_saved(d, owner.id, objective.id))
        elif ref.kind == "strategy" and (found := find_strategy(self.case, ref.id)):
            parent, strategy = found
            form = StrategyForm(strategy, today=today, objective_text=parent.text)
            self.app.push_screen(form, lambda d: self._strategy_saved(d, parent.id, strategy.id))

    # --- removing and rating ----------------------------------------------------------

    def action_remove(self) -> None:
        ref = self.selected
        what = self._removal_words(ref) if ref else None
        if ref is None or what is None:
            return
        blocked = references_to(self.case, self._ids(ref))
        if blocked:
            self._say(
                f"This {ref.kind} is still linked to {blocked}, so it stays. Unlink or remove "
                "those first, or mark it dropped when you review the plan."
            )
            return

        def confirmed(yes: bool | None) -> None:
            if yes and remove_plan_item(self.case, ref.kind, ref.id):  # still there?
                self._done()

        self.app.push_screen(ConfirmModal(f"Remove this {ref.kind}?", what), confirmed)

    def _ids(self, ref: PlanRef) -> set[str]:
        if ref.kind == "goal" and (goal := find_goal(self.case, ref.id)):
            return item_ids(goal)
        if ref.kind == "objective" and (objective := find_objective(self.case, ref.id)):
            return item_ids(objective)
        return {ref.id}

    def _removal_words(self, ref: PlanRef) -> str | None:
        """The words to confirm removing the item under the cursor (None if it has gone)."""
        if ref.kind == "goal" and (goal := find_goal(self.case, ref.id)):
            n = len(goal.objectives)
            extra = f"\nIts {n} objective{'s' if n != 1 else ''} go with it." if n else ""
            return goal.words + extra
        if ref.kind == "objective" and (objective := find_objective(self.case, ref.id)):
            return objective.text
        if ref.kind == "strategy" and (found := find_strategy(self.case, ref.id)):
            return found[1].step
        return None

    def action_rate(self) -> None:
        ref = self.selected
        objective = find_objective(self.case, ref.id) if ref and ref.kind == "objective" else None
        if objective is None:
            self._say("Move to an objective to rate how far they got.")
            return

        def rated(rating: GasRating | None) -> None:
            current = rate_objective(self.case, objective.id, rating.level) if rating else None
            if current is not None:
                self._done(PlanRef("objective", current.id))

        self.app.push_screen(GasModal(objective.text, objective.gas_level), rated)
