"""Goal setting: the client's goals in their own words, objectives anyone could check, baby steps.

The plan is a tree (goal → objective → strategy). Every form is a small modal with a typed
result: Enter saves, Escape cancels, and an unreadable date keeps the form open with the text
as typed. Objectives that lack a measure or a date get a gentle, never blocking, reminder.
The forms section is self-contained (the barriers pane reuses PlanForm and ConfirmModal) and
could move to its own module as it grows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import ClassVar, NamedTuple, TypeVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Input, Label, OptionList, Select, Static, Tree
from textual.widgets.option_list import Option

from sbcm_tui.case import Case, Goal, Objective, ObjectiveStatus, Strategy
from sbcm_tui.casework import find_objective, find_strategy
from sbcm_tui.dates import describe_due, format_date
from sbcm_tui.protocol import PromptBank
from sbcm_tui.screens.step_base import StepPane
from sbcm_tui.widgets.date_field import DateInput

_Draft = TypeVar("_Draft")

STATUS_WORDS = {
    ObjectiveStatus.OPEN: "open",
    ObjectiveStatus.IN_PROGRESS: "in progress",
    ObjectiveStatus.ACHIEVED: "achieved",
    ObjectiveStatus.REVISED: "revised",
    ObjectiveStatus.DROPPED: "dropped",
}

GAS_LEVELS = {
    2: "much more than expected",
    1: "somewhat more than expected",
    0: "the expected outcome",
    -1: "somewhat less than expected",
    -2: "much less than expected",
}
"""Goal attainment scaling: 0 is the outcome the objective named."""

OTHER = "other"
WHO_CHOICES = [
    ("the client", "client"),
    ("you, the case manager", "case manager"),
    ("the two of you together", "client and case manager"),
    ("someone else (a name)", OTHER),
]
"""Who does a baby step; the value is what the case file keeps (a name for someone else)."""

SAFE_HINT = (
    "You work on any goal they choose unless it breaks the law or would hurt them or someone "
    "else. Not sure yet? Save it unconfirmed and come back to it."
)

EMPTY_PLAN = (
    "No goals yet. Ask what they would like to be different, then press g and write it "
    "the way they say it."
)


class PlanRef(NamedTuple):
    """What a tree line stands for: the kind of plan item and its id."""

    kind: str  # "goal" | "objective" | "strategy"
    id: str


# --- plain helpers (no screen needed) -------------------------------------------------------


def gentle_checks(objective: Objective) -> list[str]:
    """What an objective still lacks to be checkable: shown as a reminder, never enforced."""
    checks = []
    if not (objective.measure or "").strip():
        checks.append("no measure yet")
    if objective.target_date is None:
        checks.append("no date yet")
    return checks


def references_to(case: Case, item_ids: set[str]) -> str | None:
    """What points at these objectives or strategies, worded; None when nothing does.

    The case model refuses to save a barrier, referral or plan review that names a missing
    item, so these are the reasons a delete must be refused."""

    def count(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    found = [
        (sum(b.objective_id in item_ids for b in case.barriers), "barrier"),
        (sum(r.objective_id in item_ids for r in case.referrals), "referral"),
        (
            sum(r.item_id in item_ids for c in case.contacts for r in c.plan_reviews),
            "plan review",
        ),
    ]
    parts = [count(n, word) for n, word in found if n]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def goal_of(case: Case, objective_id: str) -> Goal | None:
    """The goal an objective belongs to."""
    return next((g for g in case.goals if any(o.id == objective_id for o in g.objectives)), None)


def item_ids(goal_or_objective: Goal | Objective) -> set[str]:
    """The ids of an item and everything under it (what deleting it would take away)."""
    objectives = (
        goal_or_objective.objectives if isinstance(goal_or_objective, Goal) else [goal_or_objective]
    )
    ids = {o.id for o in objectives} | {s.id for o in objectives for s in o.strategies}
    return ids | {goal_or_objective.id}


def gas_text(level: int, *, words: bool = False) -> str:
    """A GAS level as shown: "+1", "0", "-2"; with words, "+1  somewhat more than expected"."""
    number = f"{level:+d}" if level else "0"
    return f"{number}  {GAS_LEVELS[level]}" if words else number


def one_line(words: str) -> str:
    """Client text on one tree line (a tree shows only a label's first line)."""
    return " ".join(words.split()) or "…"


def when(day: date, today: date) -> str:
    """ "Fri 4 Dec 2026, in 9 days": a target date for the detail lines."""
    return f"{format_date(day)}, {describe_due(day, today)}"


Part = tuple[str, str, bool]
"""A piece of a tree line after the client's words: (words, rich style, droppable when tight)."""

MIN_WORDS = 16
"""Cells of client words a tree line keeps before it drops the less important parts."""


def fit_label(lead: Text, words: str, parts: list[Part], room: int) -> Text:
    """One tree line: a lead mark, the client's words cut to fit, then the parts that matter.

    Droppable parts go first (last ones first) when the words would get fewer than
    MIN_WORDS cells; the words are cut with "…" (the detail box shows them in full)."""
    parts = list(parts)

    def words_room() -> int:
        return room - lead.cell_len - sum(cell_len(f" · {p[0]}") for p in parts)

    while words_room() < MIN_WORDS and any(p[2] for p in parts):
        del parts[max(i for i, p in enumerate(parts) if p[2])]
    text = Text(one_line(words))
    text.truncate(max(MIN_WORDS, words_room()), overflow="ellipsis")
    label = lead.copy().append_text(text)
    for part, style, _ in parts:
        label.append(f" · {part}", style=style)
    return label


def due_part(day: date | None, late: bool, today: date, warn: str) -> list[Part]:
    """ "by 9 Dec", or "9 Dec, 3 days overdue" in the warning colour."""
    if day is None:
        return []
    short = " ".join(format_date(day).split()[1:3])
    if day.year != today.year:
        short += f" {day.year}"
    if late:
        return [(f"{short}, {describe_due(day, today)}", f"bold {warn}", False)]
    return [(f"by {short}", "dim", False)]


def goal_parts(goal: Goal, bank: PromptBank, warn: str) -> list[Part]:
    parts: list[Part] = []
    if goal.domain:
        parts.append((bank.domain_title(goal.domain), "dim", True))
    if not goal.confirmed_safe:
        parts.append(("not yet confirmed safe", warn, False))
    return parts


def objective_parts(objective: Objective, today: date, warn: str) -> list[Part]:
    status = STATUS_WORDS[objective.status]
    parts: list[Part] = [(status, "dim", True)]
    parts += due_part(objective.target_date, objective.is_overdue(today), today, warn)
    if objective.gas_level is not None:
        parts.append((f"GAS {gas_text(objective.gas_level)}", "dim", True))
    parts += [(check, f"italic {warn}", False) for check in gentle_checks(objective)]
    return parts


def strategy_parts(strategy: Strategy, today: date, warn: str) -> list[Part]:
    parts: list[Part] = [(one_line(strategy.who), "dim", True)] if strategy.who else []
    late = not strategy.done and strategy.target_date is not None and strategy.target_date < today
    return parts + due_part(strategy.target_date, late, today, warn)


# --- the forms: small modals with typed results ---------------------------------------------


@dataclass(frozen=True)
class GoalDraft:
    """What the goal form produced."""

    words: str
    domain: str | None
    confirmed_safe: bool


@dataclass(frozen=True)
class ObjectiveDraft:
    """What the objective form produced."""

    text: str
    measure: str | None
    target_date: date | None


@dataclass(frozen=True)
class StrategyDraft:
    """What the strategy form produced."""

    step: str
    who: str | None
    target_date: date | None


@dataclass(frozen=True)
class GasRating:
    """A goal attainment level, -2..+2, or None to clear it."""

    level: int | None


class PlanForm(ModalScreen[_Draft | None]):
    """Base of the plan forms: Enter in a text field or ctrl+s saves, Escape cancels."""

    DEFAULT_CSS = """
    PlanForm { align: center middle; }
    PlanForm > VerticalScroll {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    PlanForm .title { text-style: bold; margin-bottom: 1; }
    PlanForm Label, PlanForm .hint { color: $text-muted; }
    PlanForm .gentle-check { color: $warning; }
    PlanForm .problem { color: $error; display: none; }
    PlanForm .buttons { height: auto; margin-top: 1; }
    PlanForm Button { margin-right: 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="plan_form.cancel", tooltip="Close, keep nothing"),
        Binding("ctrl+s", "save", "Save", id="plan_form.save", priority=True,
                tooltip="Save (Enter in a text field saves too)"),
    ]  # fmt: skip
    heading = ""

    def compose(self) -> ComposeResult:
        with VerticalScroll(can_focus=False):  # the first field takes the focus, not the box
            yield Static(self.heading, classes="title", markup=False)
            yield from self.fields()
            yield Static("", id="form-problem", classes="problem", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save", id="form-save", variant="primary", compact=True)
                yield Button("Cancel", id="form-cancel", compact=True)
        yield Footer()  # shows ctrl+s: Enter on a checkbox or a list ticks it instead of saving

    def fields(self) -> ComposeResult:
        yield from ()

    def problem(self) -> str | None:
        """Why the form cannot be saved yet, or None."""
        return None

    def result(self) -> _Draft:
        raise NotImplementedError

    def text(self, selector: str) -> str:
        return self.query_one(selector, Input).value.strip()

    def date_problem(self) -> str | None:
        field = self.query_one(DateInput)
        if field.is_valid:
            return None
        field.field.focus()
        return "That target date is not one I can read: fix it or clear it."

    @on(Input.Submitted)
    def _enter_saves(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        self.action_save() if event.button.id == "form-save" else self.action_cancel()

    def action_save(self) -> None:
        problem = self.problem()
        shown = self.query_one("#form-problem", Static)
        shown.update(problem or "")
        shown.display = problem is not None
        if problem is None:
            self.dismiss(self.result())

    def action_cancel(self) -> None:
        self.dismiss(None)


class GoalForm(PlanForm[GoalDraft]):
    """A goal in the client's own words, its life area, and the safety confirmation."""

    def __init__(self, goal: Goal | None, bank: PromptBank) -> None:
        super().__init__()
        self.goal, self.bank = goal, bank
        self.heading = "A goal, in their words" if goal is None else "Edit the goal"

    def fields(self) -> ComposeResult:
        goal = self.goal
        yield Label("What do you want to accomplish? Write it as they say it.")
        yield Input(
            goal.words if goal else "", id="goal-words", placeholder="their words, not yours"
        )
        options = [(Text(d.title), d.id) for d in self.bank.domains]
        if goal and goal.domain and goal.domain not in {d.id for d in self.bank.domains}:
            options.append((Text(self.bank.domain_title(goal.domain)), goal.domain))
        yield Label("Life area")
        yield Select(options, prompt="no particular area", id="goal-domain",
                     value=goal.domain if goal and goal.domain else Select.NULL)  # fmt: skip
        yield Checkbox("Not illegal, and not hurtful to them or anyone else",
                       value=bool(goal and goal.confirmed_safe), id="goal-safe")  # fmt: skip
        yield Static(SAFE_HINT, classes="hint", markup=False)

    def problem(self) -> str | None:
        return None if self.text("#goal-words") else "Write the goal in their words first."

    def result(self) -> GoalDraft:
        domain = self.query_one("#goal-domain", Select).value
        return GoalDraft(
            words=self.text("#goal-words"),
            domain=None if domain is Select.NULL else str(domain),
            confirmed_safe=self.query_one("#goal-safe", Checkbox).value,
        )


class ObjectiveForm(PlanForm[ObjectiveDraft]):
    """An objective: what exactly, how you will both know, by when (gently checked)."""

    def __init__(self, objective: Objective | None, *, today: date, goal_words: str) -> None:
        super().__init__()
        self.objective, self.today = objective, today
        self.heading = f"Objective for: {one_line(goal_words)}"

    def fields(self) -> ComposeResult:
        o = self.objective
        yield Label("What exactly will they do? Specific enough that nobody doubts it.")
        yield Input(o.text if o else "", id="objective-text")
        yield Label("How will you both know it's done?")
        yield Input((o.measure or "") if o else "", id="objective-measure",
                    placeholder="e.g. they hold a letter with the start date")  # fmt: skip
        yield Label("Target date")
        yield DateInput(o.target_date if o else None, today=self.today, id="objective-date")
        yield Static("", id="gentle-check", classes="gentle-check", markup=False)

    def on_mount(self) -> None:
        self._check()

    @on(Input.Changed)
    def _check(self) -> None:
        lacks = []
        if not self.text("#objective-measure"):
            lacks.append("No measure yet: ask how you will both know it is done.")
        if not self.query_one(DateInput).field.value.strip():
            lacks.append("No target date yet: a date helps them pace it.")
        self.query_one("#gentle-check", Static).update("\n".join(lacks))

    def problem(self) -> str | None:
        if not self.text("#objective-text"):
            return "Say what they will do first."
        return self.date_problem()

    def result(self) -> ObjectiveDraft:
        return ObjectiveDraft(
            self.text("#objective-text"),
            self.text("#objective-measure") or None,
            self.query_one(DateInput).value_date,
        )


class StrategyForm(PlanForm[StrategyDraft]):
    """A baby step: what, who does it, by when."""

    def __init__(self, strategy: Strategy | None, *, today: date, objective_text: str) -> None:
        super().__init__()
        self.strategy, self.today = strategy, today
        self.heading = f"Baby step towards: {one_line(objective_text)}"

    def fields(self) -> ComposeResult:
        s = self.strategy
        who = (s.who or "").strip() if s else ""
        known = {value for _, value in WHO_CHOICES}
        choice = who if who in known else (OTHER if who else "client")
        yield Label("The next small step, exactly")
        yield Input(s.step if s else "", id="strategy-step")
        yield Label("Who does it?")
        yield Select([(Text(label), value) for label, value in WHO_CHOICES], allow_blank=False,
                     value=choice, id="strategy-who")  # fmt: skip
        name = Input(who if choice == OTHER else "", id="strategy-name", placeholder="their name")
        name.display = choice == OTHER
        yield name
        yield Label("Target date")
        yield DateInput(s.target_date if s else None, today=self.today, id="strategy-date")

    @on(Select.Changed, "#strategy-who")
    def _who_changed(self, event: Select.Changed) -> None:
        self.query_one("#strategy-name").display = event.value == OTHER

    def _who(self) -> str:
        choice = self.query_one("#strategy-who", Select).value
        return self.text("#strategy-name") if choice == OTHER else str(choice)

    def problem(self) -> str | None:
        if not self.text("#strategy-step"):
            return "Say what the step is first."
        if not self._who():
            self.query_one("#strategy-name").focus()
            return "Whose step is it? Type their name."
        return self.date_problem()

    def result(self) -> StrategyDraft:
        return StrategyDraft(
            self.text("#strategy-step"), self._who(), self.query_one(DateInput).value_date
        )


class GasModal(ModalScreen[GasRating | None]):
    """Goal attainment scaling: how far the objective got, from -2 to +2 (or cleared)."""

    DEFAULT_CSS = """
    GasModal { align: center middle; }
    GasModal > Vertical {
        width: 64; max-width: 100%; height: auto;
        border: round $primary; background: $surface; padding: 0 1;
    }
    GasModal .title { text-style: bold; }
    GasModal OptionList { height: auto; margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="gas.cancel", tooltip="Keep the rating")
    ]

    def __init__(self, objective_text: str, level: int | None) -> None:
        super().__init__()
        self.objective_text, self.level = objective_text, level

    def compose(self) -> ComposeResult:
        options = [Option(Text(gas_text(lv, words=True)), id=f"gas{lv}") for lv in GAS_LEVELS]
        options.append(Option(Text("clear the rating"), id="gas-clear"))
        with Vertical():
            yield Static("How far did they get?", classes="title")
            yield Static(self.objective_text, markup=False)
            yield OptionList(*options, id="gas-levels")

    def on_mount(self) -> None:
        levels = list(GAS_LEVELS)
        self.query_one(OptionList).highlighted = levels.index(self.level or 0)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or "gas-clear"
        self.dismiss(GasRating(None if option_id == "gas-clear" else int(option_id[3:])))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmModal(ModalScreen[bool]):
    """Asks before removing something: y removes; n, Escape or Enter keeps it."""

    DEFAULT_CSS = """
    ConfirmModal { align: center middle; }
    ConfirmModal > Vertical {
        width: 64; max-width: 100%; height: auto;
        border: round $warning; background: $surface; padding: 0 1;
    }
    ConfirmModal .title { text-style: bold; }
    ConfirmModal .buttons { height: auto; margin-top: 1; }
    ConfirmModal Button { margin-right: 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Remove", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "Keep", id="confirm.no"),
    ]
    AUTO_FOCUS = "#confirm-no"  # Enter keeps; removing takes a deliberate y

    def __init__(self, question: str, detail: str) -> None:
        super().__init__()
        self.question, self.detail = question, detail

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, classes="title", markup=False)
            yield Static(self.detail, markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Remove (y)", id="confirm-yes", variant="error", compact=True)
                yield Button("Keep (n)", id="confirm-no", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


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
        if ref.kind == "goal" and (goal := self._goal(ref.id)):
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

    def _goal(self, goal_id: str) -> Goal | None:
        return next((g for g in self.case.goals if g.id == goal_id), None)

    def _selected_goal(self) -> Goal | None:
        ref = self.selected
        if ref is None:
            return self.case.goals[-1] if self.case.goals else None
        if ref.kind == "goal":
            return self._goal(ref.id)
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
        goal = self._goal(ref.id)
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
        goal = self._goal(goal_id) if goal_id else Goal(words=draft.words, set_on=self.ctx.today)
        if goal is None:
            self._kept(draft.words)
            return
        if goal_id is None:
            self.case.goals.append(goal)
        goal.words, goal.domain, goal.confirmed_safe = (
            draft.words,
            draft.domain,
            draft.confirmed_safe,
        )
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
        goal = self._goal(goal_id)
        objective = find_objective(self.case, objective_id) if objective_id else None
        if goal is None or (objective_id and objective is None):
            self._kept(draft.text)
            return
        if objective is None:
            objective = Objective(text=draft.text)
            goal.objectives.append(objective)
        objective.text, objective.measure = draft.text, draft.measure
        objective.target_date = draft.target_date
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
        objective = find_objective(self.case, objective_id)
        found = find_strategy(self.case, strategy_id) if strategy_id else None
        if objective is None or (strategy_id and found is None):
            self._kept(draft.step)
            return
        strategy = found[1] if found else Strategy(step=draft.step)
        if found is None:
            objective.strategies.append(strategy)
        strategy.step, strategy.who, strategy.target_date = draft.step, draft.who, draft.target_date
        self._done(PlanRef("strategy", strategy.id))

    def action_edit(self) -> None:
        ref, today = self.selected, self.ctx.today
        if ref is None:
            self._say("Nothing to edit yet: press g to add a goal.")
        elif ref.kind == "goal" and (goal := self._goal(ref.id)):
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
        what = self._removal(ref)[0] if ref else None
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
            remove = self._removal(ref)[1] if yes else None  # looked up again: still there?
            if remove is not None:
                remove()
                self._done()

        self.app.push_screen(ConfirmModal(f"Remove this {ref.kind}?", what), confirmed)

    def _ids(self, ref: PlanRef) -> set[str]:
        if ref.kind == "goal" and (goal := self._goal(ref.id)):
            return item_ids(goal)
        if ref.kind == "objective" and (objective := find_objective(self.case, ref.id)):
            return item_ids(objective)
        return {ref.id}

    def _removal(self, ref: PlanRef) -> tuple[str | None, Callable[[], None] | None]:
        """The words to confirm and the change to make, for the item under the cursor."""
        if ref.kind == "goal" and (goal := self._goal(ref.id)):
            n = len(goal.objectives)
            extra = f"\nIts {n} objective{'s' if n != 1 else ''} go with it." if n else ""
            return goal.words + extra, lambda: self.case.goals.remove(goal)
        if ref.kind == "objective" and (objective := find_objective(self.case, ref.id)):
            owner = goal_of(self.case, objective.id)
            if owner is not None:
                return objective.text, lambda: owner.objectives.remove(objective)
        if ref.kind == "strategy" and (found := find_strategy(self.case, ref.id)):
            parent, strategy = found
            return strategy.step, lambda: parent.strategies.remove(strategy)
        return None, None

    def action_rate(self) -> None:
        ref = self.selected
        objective = find_objective(self.case, ref.id) if ref and ref.kind == "objective" else None
        if objective is None:
            self._say("Move to an objective to rate how far they got.")
            return

        def rated(rating: GasRating | None) -> None:
            current = find_objective(self.case, objective.id)
            if rating is not None and current is not None:
                current.gas_level = rating.level
                self._done(PlanRef("objective", current.id))

        self.app.push_screen(GasModal(objective.text, objective.gas_level), rated)
