"""The review step: pick up where the last contact left off, follow up tasks, review the plan.

From contact 2 on, each contact opens with last session's issues and the tasks both sides
promised, then goes over the plan item by item: the plan is reviewed at every meeting.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from sbcm_tui.core import casework
from sbcm_tui.core.case import (
    Case,
    Contact,
    Goal,
    Objective,
    ObjectiveStatus,
    ReviewStatus,
)
from sbcm_tui.core.dates import format_date
from sbcm_tui.core.plan import PlanItem, plan_to_review, review_count, revise_item
from sbcm_tui.tui.panes.base import CaseContext, StepPane
from sbcm_tui.tui.panes.listing import highlighted_id, highlighted_item, refill
from sbcm_tui.tui.panes.summary import task_options
from sbcm_tui.tui.widgets.date_field import DateInput
from sbcm_tui.tui.widgets.field import Field

REVIEW_MARKS = {
    None: ("○", "to review"),
    ReviewStatus.DONE: ("✓", "done"),
    ReviewStatus.IN_PROGRESS: ("◐", "under way"),
    ReviewStatus.REVISED: ("✎", "revised"),
    ReviewStatus.DROPPED: ("✗", "dropped"),
}
OBJECTIVE_MARKS = {
    ObjectiveStatus.OPEN: ("○", "open"),
    ObjectiveStatus.IN_PROGRESS: ("◐", "under way"),
    ObjectiveStatus.ACHIEVED: ("✓", "achieved"),
    ObjectiveStatus.REVISED: ("✎", "revised"),
    ObjectiveStatus.DROPPED: ("✗", "dropped"),
}
PLAN_KEYS = "d done · p under way · v revised · x drop · n note"


# --- plain helpers (no screen needed) ---------------------------------------------------------


def previous_contact(case: Case, contact: Contact | None) -> Contact | None:
    """The contact before this one (the latest one when there is no contact in progress)."""
    if contact is None:
        return case.last_contact()
    earlier = [c for c in case.contacts if c is not contact and c.number < contact.number]
    return max(earlier, key=lambda c: (c.number, c.on), default=None)


def item_prompt(item: PlanItem, contact: Contact | None) -> Text:
    """One plan line: its mark, its words, its target date and where it stands."""
    if contact is not None:
        review = casework.review_of(contact, item.id)
        mark, label = REVIEW_MARKS[review.status if review else None]
        note = review.note if review else None
    elif isinstance(item, Objective):
        mark, label = OBJECTIVE_MARKS[item.status]
        note = None
    else:
        mark, label = ("✓", "done") if item.done else ("○", "open")
        note = None
    indent = "" if isinstance(item, Objective) else "    "
    words = item.text if isinstance(item, Objective) else item.step
    line = Text(f"{indent}{mark} ", style="dim" if label == "to review" else "bold")
    line.append(words)
    if item.target_date is not None:
        line.append(f" · by {format_date(item.target_date)}", style="dim")
    line.append(f"  {label}", style="dim italic" if label == "to review" else "bold")
    if note:
        line.append(f"\n{indent}   note: ", style="dim")
        line.append(note, style="italic")
    return line


def plan_options(plan: list[tuple[Goal, list[PlanItem]]], contact: Contact | None) -> list[Option]:
    """The plan as list options: a heading per goal, then its objectives and strategies."""
    options: list[Option] = []
    for goal, items in plan:
        options.append(
            Option(Text.assemble(("Goal: ", "dim"), (goal.words, "bold")), disabled=True)
        )
        options.extend(Option(item_prompt(item, contact), id=item.id) for item in items)
    return options


# --- the pane ---------------------------------------------------------------------------------


class ReviewPane(StepPane):
    """Since last time: the issues carried over, the tasks promised, and the plan item by item."""

    DEFAULT_CSS = """
    ReviewPane > * { max-width: 100; }
    ReviewPane .last-summary { padding: 0 0 0 2; }
    ReviewPane #carried { height: 5; }
    ReviewPane #tasks, ReviewPane #plan { height: auto; max-height: 16; border: none; padding: 0; }
    ReviewPane #review-count { color: $accent; }
    ReviewPane #plan-ahead { dock: bottom; color: $accent; text-style: bold; background: $panel; }
    ReviewPane .plan-form { height: auto; display: none; padding: 0 0 1 1; }
    ReviewPane .plan-form.-open { display: block; }
    """
    BINDINGS = [
        Binding("space", "toggle_task", "Done/undo", id="review.toggle_task",
                tooltip="Mark the highlighted task done, or undo that"),
        Binding("d", "review('done')", "Done", id="review.done",
                tooltip="This objective or step is done"),
        Binding("p", "review('in_progress')", "Under way", id="review.in_progress",
                tooltip="Still being worked on"),
        Binding("v", "review('revised')", "Revised", id="review.revised",
                tooltip="The plan changed: mark it revised and reword it if you like"),
        Binding("x", "review('dropped')", "Dropped", id="review.dropped",
                tooltip="The client no longer wants this"),
        Binding("n", "note", "Note", id="review.note", tooltip="Add a note to this review"),
        Binding("escape", "leave", "Leave field", id="review.leave", show=False),
    ]  # fmt: skip

    def __init__(self, ctx: CaseContext, *, id: str | None = None) -> None:
        super().__init__(ctx, id=id)
        self._editing: PlanItem | None = None  # the item the revise or note form is about
        self._plan_on_show = False  # bring the plan up once the pane is next shown

    def compose(self) -> ComposeResult:
        contact, today = self.ctx.contact, self.ctx.today
        if self.ctx.step is not None and contact is not None:
            yield Static(self.ctx.step.purpose, classes="step-purpose", markup=False)
        if contact is not None:  # the plan is at the foot of a long pane: said at the top
            yield Static("", id="plan-ahead", markup=False)
        last = previous_contact(self.case, contact)
        if last is None:
            yield Static("No earlier contact: nothing to pick up yet.", classes="hint")
        else:
            title = f"Last time · contact {last.number}, {format_date(last.on)}"
            yield Static(title, classes="section-title", markup=False)
            summary = last.summary or "No summary was written last time."
            yield Static(summary, classes="last-summary", markup=False)
            if last.carried_over:
                yield Static("Issues raised then:", classes="hint")
                yield Static(last.carried_over, classes="last-summary", markup=False)
        if contact is not None:
            yield Static("Issues from last time", classes="section-title")
            yield Static("What the client brings back today, in their words.", classes="hint")
            yield TextArea(contact.carried_over or "", id="carried")
        yield Static("Tasks promised", classes="section-title")
        yield Static("space marks a task done; again to undo", classes="hint")
        yield OptionList(*task_options(self.case, today), id="tasks")
        yield Static("The plan", classes="section-title", id="plan-title")
        if contact is not None:
            yield Static(PLAN_KEYS, classes="hint")
            yield Static("", id="review-count", markup=False)
        else:
            yield Static("Reviewed inside a contact; shown here as it stands.", classes="hint")
        yield OptionList(id="plan")
        with Vertical(id="revise-form", classes="plan-form"):
            yield Static("New wording (optional), then a new target date", classes="hint")
            yield Field(id="revise-text")
            yield DateInput(None, today=today, field_id="revise-date")
            yield Static("Enter keeps it · Escape leaves it as it was", id="revise-check",
                         classes="hint", markup=False)  # fmt: skip
        with Vertical(id="note-form", classes="plan-form"):
            yield Field(placeholder="A note on this review", id="note-text")
            yield Static("Enter keeps it · Escape closes", classes="hint")

    def on_mount(self) -> None:
        self.refresh_view()

    def bring_up_plan(self) -> None:
        """Focus the plan at the top of the pane (heading and keys in view): where ending a
        contact with the plan not gone over leads. Scrolled once laid out, not before."""
        plan = self.query_one("#plan", OptionList)
        plan.focus(scroll_visible=False)
        if self.display and self.region:
            self.call_after_refresh(self._plan_to_top)
        else:
            self._plan_on_show = True

    def _plan_to_top(self) -> None:
        self.scroll_to_widget(self.query_one("#plan-title"), top=True, animate=False)

    def on_show(self) -> None:
        super().on_show()
        if self._plan_on_show:
            self._plan_on_show = False
            self.call_after_refresh(self._plan_to_top)

    def refresh_view(self) -> None:
        contact = self.ctx.contact
        refill(self.query_one("#tasks", OptionList), task_options(self.case, self.ctx.today))
        plan = plan_to_review(self.case, contact)
        refill(self.query_one("#plan", OptionList), plan_options(plan, contact))
        if contact is None:
            return
        done, total = review_count(plan, contact)
        if total == 0:
            line = "Nothing open in the plan yet: goals and objectives come in the goals step."
        elif done == total:
            line = f"{done} of {total} reviewed: the plan review is complete."
        else:
            line = f"{done} of {total} reviewed"
        self.query_one("#review-count", Static).update(line)
        ahead = self.query_one("#plan-ahead", Static)
        ahead.display = total > 0
        if done < total:
            ahead.update(f"↓ The plan, below the tasks: {done} of {total} gone over")
        else:
            ahead.update(f"✓ The plan, below the tasks: all {total} gone over")

    # --- issues carried over -------------------------------------------------------------

    @on(TextArea.Changed, "#carried")
    def _carried_changed(self, event: TextArea.Changed) -> None:
        contact = self.ctx.contact
        text = event.text_area.text
        value = text if text.strip() else None
        if contact is not None and casework.note_on_contact(contact, "carried_over", value):
            self.changed()

    # --- actions -------------------------------------------------------------------------

    def _open_form(self) -> Vertical | None:
        forms = self.query_children(".plan-form").results(Vertical)  # (its own children)
        return next((f for f in forms if f.has_class("-open")), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        focused = self.screen.focused
        if action == "toggle_task":
            tasks = self.query_one("#tasks", OptionList)
            return focused is tasks and highlighted_id(tasks) is not None
        if action in ("review", "note"):
            plan = self.query_one("#plan", OptionList)
            usable = self.ctx.contact is not None and highlighted_id(plan) is not None
            return focused is plan and usable
        if action == "leave":
            return self.escape_leaves(self._open_form() is not None)
        return True

    def action_toggle_task(self) -> None:
        task = highlighted_item(self.query_one("#tasks", OptionList), self.case.tasks)
        if task is not None:
            casework.toggle_task(task, self.ctx.today)
            self.changed()
            self.refresh_view()

    def _selected_item(self) -> PlanItem | None:
        item_id = highlighted_id(self.query_one("#plan", OptionList))
        if item_id is None:
            return None
        found = casework.find_objective(self.case, item_id)
        if found is not None:
            return found
        pair = casework.find_strategy(self.case, item_id)
        return pair[1] if pair else None

    def action_review(self, status: str) -> None:
        contact, item = self.ctx.contact, self._selected_item()
        if contact is None or item is None:
            return
        earlier = casework.review_of(contact, item.id)
        note = earlier.note if earlier else None
        casework.review_item(
            self.case, contact, item.id, ReviewStatus(status), self.ctx.today, note
        )
        self.changed()
        self.refresh_view()
        if status == ReviewStatus.REVISED:
            self._show_form("revise-form", item)

    def action_note(self) -> None:
        contact, item = self.ctx.contact, self._selected_item()
        if contact is None or item is None:
            return
        review = casework.review_of(contact, item.id)
        if review is None:
            self.notify("Give it a status first (d, p, v or x), then a note.", markup=False)
            return
        self.query_one("#note-text", Input).value = review.note or ""
        self._show_form("note-form", item)

    def _show_form(self, form_id: str, item: PlanItem) -> None:
        self._editing = item
        if form_id == "revise-form":
            words = item.text if isinstance(item, Objective) else item.step
            self.query_one("#revise-text", Input).value = words
            self.query_one("#revise-form DateInput", DateInput).set_date(item.target_date)
        self.open_inline_form(self.query_one(f"#{form_id}", Vertical))

    @on(Input.Submitted, "#revise-text, #revise-date")
    def _submit_revision(self) -> None:
        item = self._editing
        words = self.query_one("#revise-text", Input).value.strip()
        target = self.query_one("#revise-form DateInput", DateInput)
        check = self.query_one("#revise-check", Static)
        if not words:
            check.update("The wording cannot be empty; Escape keeps the old one.")
            return
        if not target.is_valid:
            check.update("The date is not one I can read; fix it or clear it.")
            return
        if item is not None:
            revise_item(item, words, target.value_date)
            self.changed()
        self.action_leave()

    @on(Input.Submitted, "#note-text")
    def _submit_note(self, event: Input.Submitted) -> None:
        item, contact = self._editing, self.ctx.contact
        if item and contact and casework.note_review(contact, item.id, event.value.strip() or None):
            self.changed()
        self.action_leave()

    def action_leave(self) -> None:
        form = self._open_form()
        if form is None:
            self.query_one("#plan", OptionList).focus()
            return
        form.remove_class("-open")
        self.query_one("#revise-check", Static).update(
            "Enter keeps it · Escape leaves it as it was"
        )
        self.refresh_view()
        self.query_one("#plan", OptionList).focus()
