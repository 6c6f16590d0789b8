"""The case at a glance, and editable: facts, strengths, plan, linkage, tasks, contacts, safety."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import (
    DataTable,
    Input,
    Select,
    Static,
    TabbedContent,
    TabPane,
)

from sbcm_tui.core import casework
from sbcm_tui.core.client_facts import FACTS_BY_KEY, FactError, Surface, facts_on
from sbcm_tui.core.dates import format_date
from sbcm_tui.core.protocol import StepKind
from sbcm_tui.files.session import CaseSession
from sbcm_tui.practice.cases import contact_to_carry_on, practice_contact_open
from sbcm_tui.tui.messages import (
    ContactRequested,
    ExportRequested,
    NonStrengthRequested,
    PracticeViewRequested,
    report_change,
)
from sbcm_tui.tui.panes.base import CaseContext, StepPane
from sbcm_tui.tui.panes.consents import ConsentsSection
from sbcm_tui.tui.panes.registry import make_pane
from sbcm_tui.tui.screens.styled_once import StyledOnce
from sbcm_tui.tui.widgets.fact_fields import fact_key, fact_row, show_value, typed_value
from sbcm_tui.tui.widgets.keys_bar import KeysBar
from sbcm_tui.tui.widgets.safety_banner import NON_STRENGTH_TITLES, SafetyBanner
from sbcm_tui.tui.widgets.save_indicator import SaveIndicator
from sbcm_tui.tui.widgets.scenario_card import PracticeMark
from sbcm_tui.tui.widgets.title_bar import TitleBar

PANE_TABS = [
    ("tab-strengths", "Strengths", StepKind.STRENGTHS),
    ("tab-plan", "Plan", StepKind.GOALS),
    ("tab-barriers", "Barriers", StepKind.BARRIERS),
    ("tab-resources", "Resources", StepKind.LINKAGE),
    ("tab-tasks", "Tasks", StepKind.SUMMARY),
]
"""Tabs that host a step pane. Each pane is mounted the first time its tab is opened, so a
case opens at once however much it holds."""


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
        yield TitleBar()
        yield SafetyBanner()
        yield PracticeMark()
        with Horizontal(id="case-bar"):
            yield Static("", id="case-title")
            yield SaveIndicator()
        with TabbedContent(id="case-tabs"):
            with TabPane("Overview", id="tab-overview"), VerticalScroll(can_focus=False):
                yield Static("", id="glance", markup=False)
                yield Static("Few facts", classes="section-title")
                for fact in facts_on(Surface.OVERVIEW):
                    yield fact_row(fact, fact.read(self.case.client))
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
        self.case_updated()

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
        """Another case object (a reload or a copy): redraw, and rebuild the panes from it."""
        self.case_updated()
        for pane in self.query(StepPane):
            pane.reload()

    def case_updated(self) -> None:
        """Redraw everything from the model (a new note, a changed name, back from a contact)."""
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

    def _fill_facts(self) -> None:
        """Bring the fields up to the model (after a reload); the field being typed in is left
        alone."""
        client = self.case.client
        for editor in self.query(".fact-input"):
            if not editor.has_focus:
                show_value(editor, FACTS_BY_KEY[fact_key(editor)].read(client))

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
    @on(Select.Changed, ".fact-input")
    def _fact_changed(self, event: Input.Changed | Select.Changed) -> None:
        """Keep what is typed as it is typed; what the model refuses is said under the facts,
        and the words stay in the field."""
        fact = FACTS_BY_KEY[fact_key(event.control)]
        typed = typed_value(event.control)
        if typed == fact.read(self.case.client):
            return  # the field being filled (on mount or after a reload), not an edit
        error = self.query_one("#fact-error", Static)
        try:
            fact.write(self.case.client, typed, self.app.today)
        except FactError as exc:
            error.update(f"{fact.label}: {exc}. Not changed yet.")
            return
        error.update("")
        report_change(self, self.session)
        if fact.key == "preferred_name":
            self.case_updated()

    # --- actions -------------------------------------------------------------------------

    def action_back(self) -> None:
        self.leave(close_session=True)

    def action_start_contact(self) -> None:
        if self.case.status.value != "active":
            self.notify("This case is not active; reopen it before another contact.", markup=False)
            return
        self.post_message(ContactRequested(self, self.session, self.protocol))

    def action_non_strength(self) -> None:
        self.post_message(NonStrengthRequested(self))

    def action_export(self) -> None:
        """The export dialog: staffing summary, strengths handout, progress note or everything."""
        self.post_message(ExportRequested(self, self.case))

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
        casework.set_concern_open(note, not note.open, self.app.today)
        report_change(self, self.session)
        self.case_updated()

    def on_screen_resume(self) -> None:
        if self._resumed_before:  # back from a contact or a note: show what changed
            self.case_updated()
            for pane in self.query(StepPane):
                pane.refresh_view()

    def _note_first_resume(self) -> None:
        """The first resume is the screen opening, already drawn by on_mount: skip it."""
        self._resumed_before = True

    def _talk(self) -> None:
        """The typed transcript of the practice contact to carry on with (or a new one)."""
        contact = contact_to_carry_on(self.case)
        self.post_message(PracticeViewRequested(self, self.session, self.protocol, contact, "talk"))

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
            yield SystemCommand(
                "Practise solo", "Type what you say; a scripted client answers", self._talk
            )
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
