"""Barriers: what might get in the way of each objective, or of linkage to care in general.

Barriers are listed under the objective they stand in the way of, with a last group for
general ones (no objective named: usually getting to treatment at all). Resolving one is a
single key, and it keeps the day it was resolved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from sbcm_tui.core.case import Barrier, Case, Objective
from sbcm_tui.core.dates import format_date
from sbcm_tui.core.plan import keep_barrier, one_line, remove_barrier, toggle_barrier
from sbcm_tui.tui.modals.confirm import ConfirmModal
from sbcm_tui.tui.modals.plan_forms import PlanForm
from sbcm_tui.tui.panes.base import StepPane
from sbcm_tui.tui.panes.listing import highlighted_item, refill
from sbcm_tui.tui.widgets.field import Field

NO_OBJECTIVES = "Set an objective first, or note a general barrier to linkage."
NO_BARRIERS = "Nothing noted yet. Press b for anything that might get in the way."
GENERAL = "General / linkage to care"


def barrier_groups(case: Case) -> list[tuple[Objective | None, list[Barrier]]]:
    """Barriers grouped by the objective they block, in plan order; general ones last."""
    groups: list[tuple[Objective | None, list[Barrier]]] = []
    for objective in case.objectives():
        found = [b for b in case.barriers if b.objective_id == objective.id]
        if found:
            groups.append((objective, found))
    general = [b for b in case.barriers if b.objective_id is None]
    if general:
        groups.append((None, general))
    return groups


@dataclass(frozen=True)
class BarrierDraft:
    """What the barrier form produced."""

    text: str
    objective_id: str | None


class BarrierForm(PlanForm[BarrierDraft]):
    """A barrier in plain words, and the objective it stands in the way of (or none)."""

    def __init__(self, barrier: Barrier | None, objectives: list[Objective]) -> None:
        super().__init__()
        self.barrier, self.objectives = barrier, objectives
        self.heading = "What might get in the way?" if barrier is None else "Edit the barrier"

    def fields(self) -> ComposeResult:
        barrier = self.barrier
        yield Label("The barrier, in plain words")
        yield Field(
            barrier.text if barrier else "",
            id="barrier-text",
            placeholder="e.g. no bus on Sundays, no one to mind the kids",
        )
        yield Label("It stands in the way of")
        options = [(Text(one_line(o.text)[:70]), o.id) for o in self.objectives]
        current = barrier.objective_id if barrier else None
        yield Select(
            options,
            prompt="linkage in general, or no one objective",
            value=current if current in {o.id for o in self.objectives} else Select.NULL,
            id="barrier-objective",
        )

    def problem(self) -> str | None:
        return None if self.text("#barrier-text") else "Write what gets in the way first."

    def result(self) -> BarrierDraft:
        chosen = self.query_one("#barrier-objective", Select).value
        return BarrierDraft(
            self.text("#barrier-text"), None if chosen is Select.NULL else str(chosen)
        )


class BarriersPane(StepPane):
    """Barriers grouped by objective; b adds, space resolves, e edits, x removes."""

    DEFAULT_CSS = """
    BarriersPane #barrier-list {
        height: auto;
        max-height: 30;
        border: none;
        padding: 0;
        background: transparent;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("b", "add", "Barrier", id="barriers.add",
                tooltip="Note something that might get in the way"),
        Binding("space", "toggle", "Resolved", id="barriers.toggle",
                tooltip="Mark the selected barrier resolved today, or open again"),
        Binding("e", "edit", "Edit", id="barriers.edit", tooltip="Edit the selected barrier"),
        Binding("x,delete", "remove", "Remove", id="barriers.remove",
                tooltip="Remove the selected barrier (asks first)"),
    ]  # fmt: skip

    def compose(self) -> ComposeResult:
        if self.ctx.step is not None:
            yield Static(self.ctx.step.purpose, classes="step-purpose", markup=False)
        yield Static("", id="barriers-hint", classes="hint", markup=False)
        yield OptionList(id="barrier-list", markup=False)

    def on_mount(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        self._rebuild()

    def reload(self) -> None:
        self._rebuild()

    # --- showing -----------------------------------------------------------------------

    @property
    def _list(self) -> OptionList:
        return self.query_one("#barrier-list", OptionList)

    @property
    def selected(self) -> Barrier | None:
        """The barrier under the cursor."""
        return highlighted_item(self._list, self.case.barriers)

    def _barrier(self, barrier_id: str) -> Barrier | None:
        return next((b for b in self.case.barriers if b.id == barrier_id), None)

    def _rebuild(self, select: str | None = None) -> None:
        listing = self._list
        width = listing.size.width or max(self.size.width - 4, 0) or 10_000
        options = []
        for objective, barriers in barrier_groups(self.case):
            header = Text(f"For: {one_line(objective.text)}" if objective else GENERAL, "bold")
            header.truncate(max(width - 1, 16), overflow="ellipsis")  # one line per group
            options.append(Option(header, disabled=True))
            options.extend(Option(self._line(b), id=b.id) for b in barriers)
        refill(listing, options, select)
        hints = []
        if not self.case.objectives():
            hints.append(NO_OBJECTIVES)
        if not self.case.barriers:
            hints.append(NO_BARRIERS)
            hints += [f"· {p}" for p in (self.ctx.step.prompts if self.ctx.step else ())]
        hint = self.query_one("#barriers-hint", Static)
        hint.update("\n".join(hints))
        hint.display = bool(hints)
        listing.display = bool(self.case.barriers)

    def on_resize(self) -> None:
        self._rebuild()

    def _line(self, barrier: Barrier) -> Text:
        if not barrier.resolved:
            return Text("☐ ").append(barrier.text)
        line = Text("✓ ", style="dim").append(barrier.text, style="dim")
        if barrier.resolved_on:
            line.append(f" · resolved {format_date(barrier.resolved_on)}", style="dim italic")
        return line

    def _done(self, select: str | None = None) -> None:
        self.changed()
        self._rebuild(select)
        (self._list if self.case.barriers else self).focus()

    def _say(self, message: str) -> None:
        self.notify(message, markup=False, severity="warning")

    # --- actions -----------------------------------------------------------------------

    def _choices(self, barrier: Barrier | None) -> list[Objective]:
        """Open objectives, plus the one this barrier already names even if it is closed."""
        linked = barrier.objective_id if barrier else None
        return [o for o in self.case.objectives() if o.is_open or o.id == linked]

    def action_add(self) -> None:
        self.app.push_screen(BarrierForm(None, self._choices(None)), self._saved)

    def action_edit(self) -> None:
        barrier = self.selected
        if barrier is None:
            self._say("Nothing to edit yet: press b to note a barrier.")
            return
        form = BarrierForm(barrier, self._choices(barrier))
        self.app.push_screen(form, lambda draft: self._saved(draft, barrier.id))

    def _saved(self, draft: BarrierDraft | None, barrier_id: str | None = None) -> None:
        if draft is None:
            return
        barrier = keep_barrier(
            self.case,
            text=draft.text,
            objective_id=draft.objective_id,
            today=self.ctx.today,
            barrier_id=barrier_id,
            contact=self.ctx.contact_number,
        )
        if barrier is None:
            # The case was reloaded while the form was open: keep the words in sight.
            self.notify(f"The plan changed meanwhile; your words were: {draft.text}",
                        markup=False, severity="warning", timeout=30)  # fmt: skip
            return
        self._done(barrier.id)

    @on(OptionList.OptionSelected, "#barrier-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_toggle()

    def action_toggle(self) -> None:
        barrier = self.selected
        if barrier is None:
            return
        toggle_barrier(barrier, self.ctx.today)
        self._done(barrier.id)

    def action_remove(self) -> None:
        barrier = self.selected
        if barrier is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes and remove_barrier(self.case, barrier.id):
                self._done()

        self.app.push_screen(ConfirmModal("Remove this barrier?", barrier.text), confirmed)
