"""The plan forms: small modals with typed results, one per kind of plan item.

Enter in a text field (or ctrl+s) saves, Escape cancels, and an unreadable date keeps the form
open with the text as typed, so nothing the worker wrote is lost. Each form fills itself from a
model item and gives back a frozen draft; the pane that opened it decides what to change. The
barriers pane builds its own form on :class:`PlanForm`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from sbcm_tui.core.case import Goal, Objective, Strategy
from sbcm_tui.core.plan import GAS_LEVELS, gas_text, objective_warnings, one_line, past_target
from sbcm_tui.core.protocol import PromptBank
from sbcm_tui.tui.modals.keeps_typing import KeepsTyping
from sbcm_tui.tui.widgets.date_field import DateInput
from sbcm_tui.tui.widgets.field import Field
from sbcm_tui.tui.widgets.keys_bar import KeysBar
from sbcm_tui.tui.widgets.marks import TickBox

_Draft = TypeVar("_Draft")

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


class PlanForm(KeepsTyping, ModalScreen[_Draft | None]):
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

    @property
    def form_name(self) -> str:  # type: ignore[override]
        return self.heading

    def compose(self) -> ComposeResult:
        with VerticalScroll(can_focus=False):  # the first field takes the focus, not the box
            yield Static(self.heading, classes="title", markup=False)
            yield from self.fields()
            yield Static("", id="form-problem", classes="problem", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save", id="form-save", variant="primary", compact=True)
                yield Button("Cancel", id="form-cancel", compact=True)
        yield KeysBar()  # shows ctrl+s: Enter on a checkbox or a list ticks it instead of saving

    def fields(self) -> ComposeResult:
        """The form's own fields, between its title and its buttons."""
        yield from ()

    def problem(self) -> str | None:
        """Why the form cannot be saved yet, or None."""
        return None

    def result(self) -> _Draft:
        """The draft to hand back, once :meth:`problem` has nothing to say."""
        raise NotImplementedError

    def text(self, selector: str) -> str:
        """What is typed in an Input, without the spaces around it."""
        return self.query_one(selector, Input).value.strip()

    def date_problem(self) -> str | None:
        """Why the target date cannot be kept (and the focus goes to it), or None."""
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
        yield Field(
            goal.words if goal else "", id="goal-words", placeholder="their words, not yours"
        )
        options = [(Text(d.title), d.id) for d in self.bank.domains]
        if goal and goal.domain and goal.domain not in {d.id for d in self.bank.domains}:
            options.append((Text(self.bank.domain_title(goal.domain)), goal.domain))
        yield Label("Life area")
        yield Select(options, prompt="no particular area", id="goal-domain",
                     value=goal.domain if goal and goal.domain else Select.NULL)  # fmt: skip
        yield TickBox("Not illegal, and not hurtful to them or anyone else",
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
        yield Field(o.text if o else "", id="objective-text")
        yield Label("How will you both know it's done?")
        yield Field((o.measure or "") if o else "", id="objective-measure",
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
        day = self.query_one(DateInput)
        if not day.field.value.strip():
            lacks.append("No target date yet: a date helps them pace it.")
        target = day.value_date if day.is_valid else None
        lacks += objective_warnings(self.text("#objective-text"), target, self.today)
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
        yield Field(s.step if s else "", id="strategy-step")
        yield Label("Who does it?")
        yield Select([(Text(label), value) for label, value in WHO_CHOICES], allow_blank=False,
                     value=choice, id="strategy-who")  # fmt: skip
        name = Field(who if choice == OTHER else "", id="strategy-name", placeholder="their name")
        name.display = choice == OTHER
        yield name
        yield Label("Target date")
        yield DateInput(s.target_date if s else None, today=self.today, id="strategy-date")
        yield Static("", id="gentle-check", classes="gentle-check", markup=False)

    @on(Input.Changed)
    def _check(self) -> None:
        day = self.query_one(DateInput)
        target = day.value_date if day.is_valid else None
        self.query_one("#gentle-check", Static).update(past_target(target, self.today) or "")

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
