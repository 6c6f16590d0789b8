"""The summary step: the session in plain words, private notes, the next meeting, and tasks.

Outside a contact (the case screen's Tasks tab) only the tasks part shows. The task list here
is shared with the review step, which follows up the same promises.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from sbcm_tui.core import casework
from sbcm_tui.core.case import Case, ContactMedium, Task, TaskOwner
from sbcm_tui.core.dates import describe_due
from sbcm_tui.tui.modals.confirm import ConfirmModal
from sbcm_tui.tui.panes.base import StepPane
from sbcm_tui.tui.panes.listing import highlighted_id, highlighted_item, refill
from sbcm_tui.tui.widgets.date_field import DateField, DateInput
from sbcm_tui.tui.widgets.field import Field

MAX_MINUTES = 24 * 60
MEDIUM_LABELS = {
    ContactMedium.IN_PERSON: "In person",
    ContactMedium.PHONE: "Phone",
    ContactMedium.VIDEO: "Video",
    ContactMedium.OUTREACH: "Outreach",
}
OWNER_HEADINGS = {TaskOwner.CASE_MANAGER: "You promised", TaskOwner.CLIENT: "They promised"}
OWNER_CHOICES = [
    (Text("You will do it"), TaskOwner.CASE_MANAGER),
    (Text("The client will"), TaskOwner.CLIENT),
]


# --- plain helpers (no screen needed) ---------------------------------------------------------


def read_minutes(text: str) -> tuple[int | None, str | None]:
    """``(minutes, None)`` for a whole number (None when blank), else ``(None, why)``."""
    text = text.strip()
    if not text:
        return None, None
    if not (text.isascii() and text.isdigit()):
        return None, "Whole minutes only, like 45."
    if int(text) > MAX_MINUTES:
        return None, "More than a whole day? Check the number."
    return int(text), None


def tasks_to_show(case: Case, today: date) -> list[Task]:
    """Open tasks, plus those ticked off today so a slip of the key can be undone."""
    return [t for t in case.tasks if not t.done or t.done_on == today]


def task_prompt(task: Task, today: date) -> Text:
    """One task as a list line: a tick box, the words, and how far off the due date is."""
    line = Text("✓ " if task.done else "○ ", style="bold" if task.done else "dim")
    line.append(task.text, style="dim strike" if task.done else "")
    if task.due is not None and not task.done:
        overdue = task.is_overdue(today)
        line.append(f"  · {describe_due(task.due, today)}", style="bold" if overdue else "dim")
    return line


def task_options(case: Case, today: date) -> list[Option]:
    """The tasks by who promised them, each group under a heading the cursor skips."""
    shown = tasks_to_show(case, today)
    options: list[Option] = []
    for owner, heading in OWNER_HEADINGS.items():
        options.append(Option(Text(heading, style="bold"), disabled=True))
        mine = [t for t in shown if t.owner is owner]
        if not mine:
            options.append(Option(Text("  nothing open", style="dim italic"), disabled=True))
        options.extend(Option(task_prompt(t, today), id=t.id) for t in mine)
    return options


# --- the pane ---------------------------------------------------------------------------------


class SummaryPane(StepPane):
    """Sum up the session, keep private notes, set the next meeting, and agree the tasks."""

    DEFAULT_CSS = """
    SummaryPane > * { max-width: 100; }
    SummaryPane #summary { height: 8; }
    SummaryPane #notes { height: 5; }
    SummaryPane #how-long { height: auto; }
    SummaryPane #medium { width: 1fr; max-width: 30; }
    SummaryPane #minutes { width: 16; }
    SummaryPane #tasks { height: auto; max-height: 16; border: none; padding: 0; }
    SummaryPane #task-form { height: auto; display: none; padding: 0 0 1 1; }
    SummaryPane #task-form.-open { display: block; }
    """
    BINDINGS = [
        Binding("t", "add_task", "Add task", id="summary.add_task",
                tooltip="Add a task: what will be done, who does it, by when"),
        Binding("space", "toggle_task", "Done/undo", id="summary.toggle_task",
                tooltip="Mark the highlighted task done, or undo that"),
        Binding("x", "delete_task", "Delete task", id="summary.delete_task",
                tooltip="Delete the highlighted task (asks first)"),
        Binding("escape", "leave", "Leave field", id="summary.leave", show=False),
    ]  # fmt: skip

    def compose(self) -> ComposeResult:
        contact, today = self.ctx.contact, self.ctx.today
        if self.ctx.step is not None and contact is not None:
            yield Static(self.ctx.step.purpose, classes="step-purpose", markup=False)
        if contact is not None:
            yield Static("Session summary", classes="section-title")
            yield Static(
                "What you heard, strengths first, in words they could read.", classes="hint"
            )
            yield TextArea(contact.summary or "", id="summary")
            yield Static("Private notes", classes="section-title")
            yield Static("Your own working notes, kept with this contact.", classes="hint")
            yield TextArea(contact.notes or "", id="notes")
            yield Static("How you met, and for how many minutes", classes="section-title")
            with Horizontal(id="how-long"):
                options = [(Text(label), medium) for medium, label in MEDIUM_LABELS.items()]
                yield Select(options, value=contact.medium, allow_blank=False, id="medium")
                value = "" if contact.minutes is None else str(contact.minutes)
                yield Field(value, placeholder="minutes", id="minutes")
            yield Static("", id="minutes-check", classes="gentle-check", markup=False)
            yield Static("Next meeting", classes="section-title")
            yield DateInput(self.case.next_contact_on, today=today, field_id="next-contact")
        closing = contact is not None and self.ctx.protocol.closes_with(contact.number)
        tasks_title = "Tasks still open" if contact is None or closing else "Tasks before next time"
        yield Static(tasks_title, classes="section-title")
        yield Static("t adds · space marks done or undoes · x deletes", classes="hint")
        yield OptionList(*task_options(self.case, today), id="tasks")
        with Vertical(id="task-form"):
            yield Field(placeholder="What will be done?", id="task-text")
            yield Select(OWNER_CHOICES, value=TaskOwner.CASE_MANAGER, allow_blank=False,
                         id="task-owner")  # fmt: skip
            yield DateInput(None, today=today, field_id="task-due")
            yield Static("Enter adds it · Escape closes", id="task-check", classes="hint",
                         markup=False)  # fmt: skip

    def on_mount(self) -> None:
        self.query_one("#task-due", Input).placeholder = "due (optional): fri, +1w, 12/01"
        self.refresh_view()

    def refresh_view(self) -> None:
        refill(self.query_one("#tasks", OptionList), task_options(self.case, self.ctx.today))

    # --- the session record --------------------------------------------------------------

    @on(TextArea.Changed, "#summary, #notes")
    def _text_changed(self, event: TextArea.Changed) -> None:
        contact = self.ctx.contact
        if contact is None:
            return
        text = event.text_area.text
        value = text if text.strip() else None
        field = "summary" if event.text_area.id == "summary" else "notes"
        if casework.note_on_contact(contact, field, value):
            self.changed()

    @on(Select.Changed, "#medium")
    def _medium_changed(self, event: Select.Changed) -> None:
        contact = self.ctx.contact
        medium = event.value
        if contact is None or not isinstance(medium, ContactMedium):
            return
        if casework.note_on_contact(contact, "medium", medium):
            self.changed()

    @on(Input.Changed, "#minutes")
    def _minutes_changed(self, event: Input.Changed) -> None:
        contact = self.ctx.contact
        minutes, why = read_minutes(event.value)
        if why and contact is not None and contact.minutes is not None:
            why += f" Keeping {contact.minutes} until then."
        self.query_one("#minutes-check", Static).update(why or "")
        if (
            contact is not None
            and why is None
            and casework.note_on_contact(contact, "minutes", minutes)
        ):
            self.changed()

    @on(Input.Changed, "#next-contact")
    def _next_contact_changed(self, event: Input.Changed) -> None:
        day = self.query_one("#next-contact", DateField)
        if day.error is not None:
            return  # keep the last good date until the text reads as one
        if casework.set_next_contact(self.case, day.value_date, self.ctx.contact):
            self.changed()

    # --- tasks ---------------------------------------------------------------------------

    def _form_open(self) -> bool:
        return self.query_one("#task-form").has_class("-open")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        focused = self.screen.focused
        if action in ("toggle_task", "delete_task"):
            tasks = self.query_one("#tasks", OptionList)
            return focused is tasks and highlighted_id(tasks) is not None
        if action == "leave":
            return self.escape_leaves(self._form_open())
        return True

    def action_add_task(self) -> None:
        self.open_inline_form(self.query_one("#task-form"))  # the cursor goes to #task-text

    @on(Input.Submitted, "#task-text, #task-due")
    def _submit_task(self) -> None:
        text_input = self.query_one("#task-text", Input)
        due = self.query_one("#task-form DateInput", DateInput)
        check = self.query_one("#task-check", Static)
        text = text_input.value.strip()
        if not text:
            check.update("Say what the task is first.")
            text_input.focus()
            return
        if not due.is_valid:
            check.update("The due date is not one I can read; fix it or clear it.")
            due.field.focus()
            return
        owner = self.query_one("#task-owner", Select).value
        task = Task(
            text=text,
            owner=owner if isinstance(owner, TaskOwner) else TaskOwner.CASE_MANAGER,
            due=due.value_date,
            contact=self.ctx.contact.number if self.ctx.contact else None,
        )
        casework.add_task(self.case, task)
        self.changed()
        refill(
            self.query_one("#tasks", OptionList), task_options(self.case, self.ctx.today), task.id
        )
        text_input.value = ""
        due.set_date(None)
        check.update("Added. Type the next one, or Escape to finish.")
        text_input.focus()

    def _selected_task(self) -> Task | None:
        return highlighted_item(self.query_one("#tasks", OptionList), self.case.tasks)

    def action_toggle_task(self) -> None:
        task = self._selected_task()
        if task is not None:
            casework.toggle_task(task, self.ctx.today)
            self.changed()
            self.refresh_view()

    def action_delete_task(self) -> None:
        task = self._selected_task()
        if task is None:
            return

        def answered(delete: bool | None) -> None:
            if delete and casework.remove_task(self.case, task.id):
                self.changed()
                self.refresh_view()
            self.query_one("#tasks", OptionList).focus()

        self.app.push_screen(ConfirmModal("Delete this task?", task.text, verb="Delete"), answered)

    def action_leave(self) -> None:
        if self._form_open():
            self.query_one("#task-form").remove_class("-open")
            self.query_one("#task-check", Static).update("Enter adds it · Escape closes")
        self.query_one("#tasks", OptionList).focus()
