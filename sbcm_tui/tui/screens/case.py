"""The case at a glance, and editable: facts, strengths, plan, linkage, tasks, contacts, safety."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import (
    DataTable,
    Header,
    Input,
    Label,
    Static,
    TabbedContent,
    TabPane,
)

from sbcm_tui.core import casework
from sbcm_tui.core.dates import format_date
from sbcm_tui.core.protocol import StepKind
from sbcm_tui.files.session import CaseSession
from sbcm_tui.tui.modals.new_case import parse_age_or_birth_date
from sbcm_tui.tui.panes.base import CaseContext
from sbcm_tui.tui.panes.consents import ConsentsSection
from sbcm_tui.tui.panes.registry import make_pane
from sbcm_tui.tui.screens.styled_once import StyledOnce
from sbcm_tui.tui.widgets.keys_bar import KeysBar
from sbcm_tui.tui.widgets.safety_banner import NON_STRENGTH_TITLES, SafetyBanner
from sbcm_tui.tui.widgets.save_indicator import SaveIndicator
from sbcm_tui.tui.widgets.scenario_card import PracticeMark, practice_contact_open

if TYPE_CHECKING:
    from sbcm_tui.tui.app import SbcmApp


PANE_TABS = [
    ("tab-strengths", "Strengths", StepKind.STRENGTHS),
    ("tab-plan", "Plan", StepKind.GOALS),
    ("tab-barriers", "Barriers", StepKind.BARRIERS),
    ("tab-resources", "Resources", StepKind.LINKAGE),
    ("tab-tasks", "Tasks", StepKind.SUMMARY),
]
"""Tabs that host a step pane. Each pane is mounted the first time its tab is opened, so a
case opens at once however much it holds."""

FACTS = [
    ("preferred_name", "Preferred name"),
    ("pronouns", "Pronouns"),
    ("age", "Age or birth date"),
    ("living_situation", "Living situation"),
    ("medical_conditions", "Medical conditions (;)"),
    ("language", "Language"),
    ("how_to_reach", "How to reach them"),
]


class CaseScreen(StyledOnce):
    """One client's case. ``c`` starts the next contact; Escape goes back to the caseload."""

    BINDINGS = [
        Binding(
            "c", "start_contact", "Start contact", id="case.start", tooltip="Begin the next contact"
        ),
        Binding("escape", "back", "Caseload", id="case.back"),
        Binding("f2", "non_strength", "Safety/health note", id="case.note", priority=True),
        Binding("f4", "review", "Review", id="case.review", tooltip="Staffing review of this case"),
        Binding(
            "f7",
            "export",
            "Export",
            id="case.export",
            tooltip="Write a staffing summary, handout, progress note or the whole case to a file",
        ),
        Binding("space", "toggle_concern", "Open/close note", id="case.toggle", show=False),
    ]

    app: SbcmApp

    def __init__(self, session: CaseSession) -> None:
        super().__init__()
        self.session = session
        self._resumed_before = False

    @property
    def case(self):
        return self.session.case

    def _case_context(self) -> CaseContext:
        return CaseContext(
            session=self.session,
            protocol=self.protocol,
            bank=self.app.bank,
            today=self.app.today,
        )

    def compose(self) -> ComposeResult:
        self.protocol = self.app.protocol_for(self.case)
        yield Header()
        yield SafetyBanner()
        yield PracticeMark()
        with Horizontal(id="case-bar"):
            yield Static("", id="case-title")
            yield SaveIndicator()
        with TabbedContent(id="case-tabs"):
            with TabPane("Overview", id="tab-overview"), VerticalScroll(can_focus=False):
                yield Static("", id="glance", markup=False)
                yield Static("Few facts", classes="section-title")
                values = self._fact_values()
                for field, label in FACTS:
                    with Horizontal(classes="fact"):
                        yield Label(label, classes="fact-label")
                        # Filled here rather than after mounting, and born "-valid": a mounted
                        # Input restyles itself when its value or that class first changes,
                        # and those restyles were a fifth of the time to open a case.
                        yield Input(
                            values[field],
                            id=f"fact-{field}",
                            classes="fact-input -valid",
                            compact=True,
                        )
                yield Static("", id="fact-error", classes="error", markup=False)
                yield ConsentsSection(self._case_context(), id="consents")
            for tab_id, title, _ in PANE_TABS:
                yield TabPane(title, id=tab_id)
            with TabPane("Contacts", id="tab-contacts"), Vertical():
                yield DataTable(id="contacts", cursor_type="row", zebra_stripes=True)
                yield Static("", id="contact-detail", markup=False)
            with TabPane("Safety", id="tab-safety"), Vertical():
                yield Static(
                    "Risk, health and limitations: f2 adds a note, space opens or closes one.",
                    classes="hint",
                )
                yield DataTable(id="concerns", cursor_type="row")
        yield KeysBar()

    def on_mount(self) -> None:
        self.call_after_refresh(self._note_first_resume)
        contacts = self.query_one("#contacts", DataTable)
        for key, label in (("n", "#"), ("on", "Date"), ("min", "Min"), ("how", "How")):
            contacts.add_column(label, key=key)
        contacts.add_column("Summary", key="summary")
        concerns = self.query_one("#concerns", DataTable)
        for key, label in (("kind", "Kind"), ("on", "Noted"), ("state", "State")):
            concerns.add_column(label, key=key)
        concerns.add_column("Note", key="note")
        concerns.add_column("Follow-up", key="follow")
        self.case_replaced()

    @on(TabbedContent.TabActivated)
    def _mount_pane_on_first_visit(self, event: TabbedContent.TabActivated) -> None:
        tab_id = event.pane.id
        if tab_id == "tab-contacts":
            self._fill_contacts()
        for pane_tab, _, kind in PANE_TABS:
            if pane_tab == tab_id and not event.pane.children:
                event.pane.mount(make_pane(kind, self._case_context()))

    # --- refreshing ----------------------------------------------------------------------

    def case_replaced(self) -> None:
        """Redraw everything from the model (after a reload, a copy or a new note)."""
        case = self.case
        self.query_one(SafetyBanner).update_from(case)
        self.query_one(PracticeMark).update_from(case)
        last = case.last_contact()
        total = self.protocol.count
        status = "" if case.status.value == "active" else f" · {case.status.value}"
        practice = " · PRACTICE" if case.practice else ""
        title = Text.assemble(
            (case.client.preferred_name, "bold"),
            f" · contact {last.number if last else 0} of {total}{status}{practice}",
        )
        self.query_one("#case-title", Static).update(title)
        self.query_one(SaveIndicator).show_state(self.session.state, self.session.message)
        self.query_one("#glance", Static).update(self._glance())
        self._fill_facts()
        self._fill_concerns()
        self.query_one(ConsentsSection).refresh_view()
        if self.query_one(TabbedContent).active == "tab-contacts":
            self._fill_contacts()

    def _glance(self) -> str:
        case, today = self.case, self.app.today
        lines = []
        nxt = case.next_contact_number()
        left = casework.contact_to_resume(case)
        if case.status.value == "active" and left is not None:
            lines.append(
                f"Contact {left.number} was started on {format_date(left.on)} but nothing is "
                "recorded in it yet. Press c to carry on with it."
            )
        elif case.status.value == "active" and (open_practice := practice_contact_open(case)):
            lines.append(
                f"Practice contact {open_practice.number} is not ended yet. Press c to carry on "
                "with it (f10 there ends it and shows the feedback)."
            )
        elif case.status.value == "active":
            script = self.protocol.script_for(nxt)
            lines.append(f"Next: contact {nxt}, {script.title}. Press c to start it.")
        else:
            lines.append(f"This case is {case.status.value}.")
        if case.next_contact_on:
            lines.append(f"Next meeting: {format_date(case.next_contact_on)}")
        overdue = [o for o in case.objectives() if o.is_overdue(today)]
        late_tasks = [t for t in case.tasks if t.is_overdue(today)]
        lines.append(
            f"{len(case.strengths)} strengths · {len(case.goals)} goals · "
            f"{len(case.objectives())} objectives ({len(overdue)} overdue) · "
            f"{sum(not t.done for t in case.tasks)} open tasks ({len(late_tasks)} overdue)"
        )
        if case.unsaved_form:
            lines.append(f"Typed in a form and not saved when the app closed: {case.unsaved_form}")
        last = case.last_contact()
        if last is not None and last.summary:
            lines.append(f"Last time ({format_date(last.on)}): {last.summary}")
        return "\n".join(lines)

    def _fact_values(self) -> dict[str, str]:
        client = self.case.client
        return {
            "preferred_name": client.preferred_name,
            "pronouns": client.pronouns or "",
            "age": (client.birth_date.isoformat() if client.birth_date else str(client.age or "")),
            "living_situation": client.living_situation or "",
            "medical_conditions": "; ".join(client.medical_conditions),
            "language": client.language or "",
            "how_to_reach": client.how_to_reach or "",
        }

    def _fill_facts(self) -> None:
        """Bring the fields up to the model (after a reload); untouched fields are left alone."""
        for field, value in self._fact_values().items():
            widget = self.query_one(f"#fact-{field}", Input)
            if widget.value != value and not widget.has_focus:
                with widget.prevent(Input.Changed):
                    widget.value = value

    def _fill_contacts(self) -> None:
        table = self.query_one("#contacts", DataTable)
        table.clear()
        latest_first = sorted(
            enumerate(self.case.contacts), key=lambda ic: (ic[1].number, ic[1].on), reverse=True
        )
        for index, contact in latest_first:
            summary = (contact.summary or "").replace("\n", " ")
            table.add_row(
                str(contact.number),
                contact.on.isoformat(),
                str(contact.minutes or ""),
                contact.medium.value.replace("_", " "),
                Text(summary[:80]),
                key=str(index),
            )

    def _fill_concerns(self) -> None:
        table = self.query_one("#concerns", DataTable)
        table.clear()
        for index, note in enumerate(self.case.non_strengths):
            table.add_row(
                Text(
                    NON_STRENGTH_TITLES[note.kind],
                    style="bold red" if note.is_safety_concern else "",
                ),
                note.noted_on.isoformat(),
                "open" if note.open else f"closed {note.closed_on or ''}",
                Text(note.note.replace("\n", " ")[:60]),
                Text((note.follow_up or "").replace("\n", " ")[:40]),
                key=str(index),
            )

    @on(DataTable.RowHighlighted, "#contacts")
    def _show_contact(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is None:
            return
        contact = self.case.contacts[int(event.row_key.value)]
        parts = [f"Contact {contact.number} · {format_date(contact.on)}"]
        if contact.steps_done:
            parts.append("Steps: " + ", ".join(contact.steps_done))
        if contact.summary:
            parts.append("Summary: " + contact.summary)
        if contact.notes:
            parts.append("Notes: " + contact.notes)
        self.query_one("#contact-detail", Static).update("\n".join(parts))

    # --- editing the few facts -----------------------------------------------------------

    @on(Input.Changed, ".fact-input")
    def _fact_changed(self, event: Input.Changed) -> None:
        field = (event.input.id or "").removeprefix("fact-")
        if event.value == self._fact_values().get(field):
            return  # the field being filled (on mount or after a reload), not an edit
        error = self.query_one("#fact-error", Static)
        client = self.case.client
        value = event.value.strip()
        if field == "preferred_name":
            if not value:
                error.update("A preferred name is needed; the last one is kept until you type one.")
                return
            client.preferred_name = value[:200]
        elif field == "age":
            try:
                client.age, client.birth_date = parse_age_or_birth_date(value, self.app.today)
            except ValueError as exc:
                error.update(f"Age or birth date: {exc}. Not changed yet.")
                return
        elif field == "medical_conditions":
            client.medical_conditions = [c.strip() for c in value.split(";") if c.strip()]
        else:
            setattr(client, field, value or None)
        error.update("")
        self.app.note_change()
        if field == "preferred_name":
            self.case_replaced()

    # --- actions -------------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.leave_screen(close_session=True)

    def action_start_contact(self) -> None:
        from sbcm_tui.tui.screens.practice_contact import contact_screen_for

        if self.case.status.value != "active":
            self.notify("This case is not active; reopen it before another contact.", markup=False)
            return
        # Edits made here go to disk now, so the contact, saved only once something is
        # recorded in it, is never carried to the file by them.
        self.app.save_now()
        if self.app.screen is not self:  # a conflict came up: it is answered first
            return
        self.app.push_screen(contact_screen_for(self.session, self.protocol))

    def action_non_strength(self) -> None:
        self.app.record_non_strength()

    def action_export(self) -> None:
        """The export dialog: staffing summary, strengths handout, progress note or everything."""
        self.app.export_case(self.case)

    def action_review(self) -> None:
        """The staffing review of this case as it stands (changes keep saving meanwhile)."""
        from sbcm_tui.tui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(self.case, session=self.session))

    def action_toggle_concern(self) -> None:
        table = self.query_one("#concerns", DataTable)
        if self.focused is not table or not table.row_count:
            return
        row = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        note = self.case.non_strengths[int(row or 0)]
        note.open = not note.open
        note.closed_on = None if note.open else self.app.today
        self.app.note_change()
        self.case_replaced()

    def on_screen_resume(self) -> None:
        if self._resumed_before:  # back from a contact or a note: show what changed
            self.case_replaced()
            for pane in self.query("StepPane"):
                pane.refresh_view()

    def _note_first_resume(self) -> None:
        """The first resume is the screen opening, already drawn by on_mount: skip it."""
        self._resumed_before = True

    async def action_add_consent(self) -> None:
        """Open the consent form on the Overview (from the command palette)."""
        self.query_one(TabbedContent).active = "tab-overview"
        await self.query_one(ConsentsSection).action_add_consent()

    def palette_commands(self) -> Iterable[SystemCommand]:
        left = casework.contact_to_resume(self.case)
        nxt = left.number if left is not None else self.case.next_contact_number()
        yield SystemCommand(
            f"Start contact {nxt}", "Begin the next contact", self.action_start_contact
        )
        if self.case.practice:
            from sbcm_tui.tui.screens.practice_contact import practice_commands

            yield from practice_commands(self.app, self.session, self.protocol)
        yield SystemCommand(
            "Add safety or health note", "Risk, health, limitations", self.action_non_strength
        )
        yield SystemCommand(
            "Add a consent", "Who may be told what; phone, text, recording", self.action_add_consent
        )
        yield SystemCommand("Review case", "Staffing review of this case", self.action_review)
        yield SystemCommand(
            "Export…", "Staffing summary, handout, progress note or everything", self.action_export
        )
        yield SystemCommand("Back to the caseload", "Save and close this case", self.action_back)
