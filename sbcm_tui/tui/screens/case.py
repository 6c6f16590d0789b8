"""The case at a glance, and editable: facts, strengths, plan, linkage, tasks, contacts, safety."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import (
    DataTable,
    Input,
    OptionList,
    Static,
    TabbedContent,
    TabPane,
)

from sbcm_tui.core import casework
from sbcm_tui.core.case import SAFETY_KINDS, CaseStatus, Contact, NonStrength
from sbcm_tui.core.client_facts import FACTS_BY_KEY, FactError, Surface, facts_on
from sbcm_tui.core.dates import format_date
from sbcm_tui.core.protocol import StepKind
from sbcm_tui.core.untrusted import one_line
from sbcm_tui.files.session import CaseSession
from sbcm_tui.practice.cases import contact_to_carry_on
from sbcm_tui.tui.messages import (
    ContactRequested,
    ExportRequested,
    NonStrengthRequested,
    PracticeViewRequested,
    report_change,
)
from sbcm_tui.tui.modals.close_concern import CloseConcernModal, Closing
from sbcm_tui.tui.modals.confirm import ConfirmModal
from sbcm_tui.tui.modals.reopen_case import ReopenCaseModal
from sbcm_tui.tui.panes.base import CaseContext, StepPane
from sbcm_tui.tui.panes.consents import ConsentsSection
from sbcm_tui.tui.panes.registry import make_pane
from sbcm_tui.tui.screens.case_glance import REOPEN_KEY, glance
from sbcm_tui.tui.screens.styled_once import StyledOnce
from sbcm_tui.tui.widgets.case_lists import ConcernsList, ContactsList
from sbcm_tui.tui.widgets.choice_field import ChoiceField
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

"""Reopens a disengaged or closed case. A capital: reopening is rare and deliberate, and no
step pane on the case's tabs uses it (``r`` rates a goal and refers to a resource there)."""


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
        Binding(
            "ctrl+r",
            "consents",
            "Consents",
            id="case.consents",
            priority=True,
            tooltip="The client's consents, on the Overview",
        ),
        Binding("h", "history", "History", id="case.history", show=False),  # also in the palette
        Binding(
            "i",
            "inbox",
            "Team inbox",
            id="case.inbox",
            tooltip="What a merge of two workers' edits left to decide",
        ),
        Binding("u", "audit_trail", "Audit trail", id="case.audit", show=False),
        Binding("L", "team_log", "Team log", id="case.team_log", show=False),
        Binding("space", "toggle_concern", "Open/close note", id="case.toggle", show=False),
        Binding(
            "o",
            "compare_original",
            "Compare",
            id="case.compare",
            show=False,
            tooltip="A copy: what it holds beside the case it is a copy of",
        ),
        Binding(
            REOPEN_KEY,
            "reopen_case",
            "Reopen case",
            id="case.reopen",
            tooltip="Take a disengaged or closed case up again (asks why)",
        ),
        Binding("x,delete", "remove_contact", "Remove contact", id="case.remove", show=False),
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
            yield TabPane("Contacts", id="tab-contacts")  # (its list is built on first visit,
            yield TabPane("Safety", id="tab-safety")  # as the panes are: tui/widgets/case_lists)
        yield KeysBar()

    def on_mount(self) -> None:
        self.call_after_refresh(self._note_first_resume)
        self.case_updated()

    @on(TabbedContent.TabActivated)
    def _mount_pane_on_first_visit(self, event: TabbedContent.TabActivated) -> None:
        tab_id = event.pane.id
        if tab_id == "tab-contacts":
            if event.pane.children:
                self.query_one(ContactsList).show(self.case)
            else:
                event.pane.mount(ContactsList(self.case))  # (it fills itself once mounted)
        if tab_id == "tab-safety" and not event.pane.children:
            event.pane.mount(ConcernsList(self.case))
        for pane_tab, _, kind in PANE_TABS:
            if pane_tab == tab_id and not event.pane.children:
                event.pane.mount(make_pane(kind, self._case_context()))

    # --- refreshing ----------------------------------------------------------------------

    def case_replaced(self) -> None:
        """Another case object (a reload or a copy): redraw, and rebuild the panes from it.
        Every fact field shows what is on disk now, the one being typed in too: words left on
        screen after "reload" would be saved over the other editor's by the next key."""
        self.case_updated()
        self._fill_facts(typing_too=True)
        self.query_one("#fact-error", Static).update("")
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
        self.query_one("#glance", Static).update(glance(self.case, self.protocol, self.app.today))
        self._fill_facts()
        for concerns in self.query(ConcernsList):
            concerns.show(case)
        self.query_one(ConsentsSection).refresh_view()
        if self.query_one(TabbedContent).active == "tab-contacts":
            for contacts in self.query(ContactsList):
                contacts.show(case)
        self.refresh_bindings()  # "Reopen case" is offered only while the case is not active

    def _fill_facts(self, *, typing_too: bool = False) -> None:
        """Bring the fields up to the model; the field being typed in is left alone unless
        ``typing_too`` (the case was replaced, and what it shows is no longer the case's)."""
        client = self.case.client
        focused = self.focused  # not ``has_focus``: that follows a Focus event still queued
        for editor in self.query(".fact-input"):
            if typing_too or focused is None or editor not in focused.ancestors_with_self:
                show_value(editor, FACTS_BY_KEY[fact_key(editor)].read(client))

    # --- editing the few facts -----------------------------------------------------------

    @on(Input.Changed, ".fact-input")
    @on(ChoiceField.Changed, ".fact-input")
    def _fact_changed(self, event: Input.Changed | ChoiceField.Changed) -> None:
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
        if self.case.status is not CaseStatus.ACTIVE:
            self.notify(
                f"This case is {self.case.status.value}; reopen it before another contact: "
                f'press {REOPEN_KEY} (or "Reopen case" in the palette).',
                markup=False,
            )
            return
        self.post_message(ContactRequested(self, self.session, self.protocol))

    def action_non_strength(self) -> None:
        self.post_message(NonStrengthRequested(self))

    def action_export(self) -> None:
        """The export dialog: staffing summary, strengths handout, progress note or everything."""
        self.post_message(ExportRequested(self, self.case))

    def action_compare_original(self) -> None:
        """A copy beside the case it is a copy of: what each holds that the other does not."""
        from sbcm_tui.core.problems import CaseFileError
        from sbcm_tui.tui.screens.compare import CompareScreen

        source = self.case.copy_of
        if source is None:
            self.notify("This case is not a copy of another.", markup=False)
            return
        store = self.session.store
        path = store.root / f"{source.case_id}{self.session.opened.path.suffix}"
        try:
            original = store.open(path)
        except CaseFileError:
            self.notify(
                f"The case it is a copy of ({source.case_id}) is not in this folder any more.",
                markup=False,
            )
            return
        self.app.push_screen(CompareScreen(original.case, self.case, ("The case now", "This copy")))

    def action_review(self) -> None:
        """The staffing review of this case as it stands (changes keep saving meanwhile)."""
        from sbcm_tui.tui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(self.case, session=self.session))

    def action_history(self) -> None:
        """The versions kept of this case: compare one with now, bring one back."""
        from sbcm_tui.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.session))

    def action_inbox(self) -> None:
        """What team merges left to decide: swap, keep both, or dismiss each."""
        from sbcm_tui.tui.modals.inbox import InboxModal

        self.app.push_screen(InboxModal(self.session), lambda _: self.case_updated())

    def action_team_log(self) -> None:
        """Who changed this case and when, from the team repository (team folders only)."""
        from sbcm_tui.team.git import is_team_folder
        from sbcm_tui.tui.modals.team_log import TeamLogModal

        if not is_team_folder(self.session.opened.path.parent):
            self.notify("This case folder is not shared with a team.", markup=False)
            return
        self.app.push_screen(TeamLogModal(self.session.opened.path))

    def action_transfer(self) -> None:
        """Hand this case to another worker of the team (team folders only)."""
        from sbcm_tui.team.git import is_team_folder
        from sbcm_tui.tui.modals.transfer import TransferModal

        folder = self.session.opened.path.parent
        if not is_team_folder(folder):
            self.notify("This case folder is not shared with a team.", markup=False)
            return
        self.app.push_screen(TransferModal(folder, self.case.worker), self._hand_over)

    def _hand_over(self, choice) -> None:
        from sbcm_tui.team.roster import hand_over
        from sbcm_tui.team.sync import TeamError, worker_of

        if choice is None:
            return
        recipient, reason = choice
        try:
            me = worker_of(self.session.opened.path.parent)
        except TeamError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        hand_over(self.case, me, recipient, reason)
        report_change(self, self.session)
        self.case_updated()
        self.notify(
            f"Now {recipient.name}'s case; shared with the team when you leave it.",
            title="Handed over",
            markup=False,
        )

    def action_audit_trail(self) -> None:
        """Who opened, reviewed, exported or changed this case, and when."""
        from sbcm_tui.tui.screens.audit_trail import AuditTrailScreen

        self.app.push_screen(AuditTrailScreen(self.session))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "inbox" and not self.case.inbox:
            return False  # off the keys bar until a merge leaves something to decide
        if action == "reopen_case" and self.case.status is CaseStatus.ACTIVE:
            return False  # nothing to reopen: the key is not offered
        return super().check_action(action, parameters)

    def _highlighted(self, table_id: str) -> int | None:
        """The index (into the case's list) of the row highlighted in a table that has the
        focus; None when the table is not focused or is empty."""
        table = self.focused  # (a list not built yet has no table to focus)
        if not isinstance(table, DataTable) or table.id != table_id or not table.row_count:
            return None
        row = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(row or 0)

    def _note_with_id(self, note_id: str) -> NonStrength | None:
        """The note in the case as it is now (it may have been read again while a dialog was
        open): the one with this id, or None when it has gone."""
        return next((n for n in self.case.non_strengths if n.id == note_id), None)

    def action_toggle_concern(self) -> None:
        """Space on a note: close it (asking what changed) or open it again (asking first)."""
        index = self._highlighted("concerns")
        if index is None:
            return
        note = self.case.non_strengths[index]
        if note.open:
            self.app.push_screen(
                CloseConcernModal(note), lambda closing: self._close_concern(note.id, closing)
            )
            return
        kind = NON_STRENGTH_TITLES[note.kind]
        detail = [f"Closed {format_date(note.closed_on)}." if note.closed_on else "Closed."]
        if note.closing_note:
            detail.append(f"Closed because: {one_line(note.closing_note)[:120]}")
            detail.append("That closing note is cleared; the case's earlier versions keep it.")
        if note.kind in SAFETY_KINDS:
            detail.append("The safety banner comes back on every screen of the case.")
        self.app.push_screen(
            ConfirmModal(f"Open this {kind} note again?", "\n".join(detail), verb="Reopen"),
            lambda yes: self._reopen_concern(note.id, yes),
        )

    def _form_closed(self) -> None:
        """A form opened here closed (saved or let go): what it held is no longer typed and
        unsaved. The app clears it too, by a message that can arrive after this screen redraws,
        and the Overview would go on showing the words as if a crash had left them."""
        if casework.keep_unsaved_form(self.case, None):
            report_change(self, self.session)
            self.case_updated()

    def _close_concern(self, note_id: str, closing: Closing | None) -> None:
        self._form_closed()
        note = self._note_with_id(note_id)
        if closing is None or note is None or not note.open:
            return
        try:
            casework.close_concern(note, self.app.today, closing.closing_note)
        except ValueError:
            self.notify("A safety concern closes only with a closing note.", markup=False)
            return
        report_change(self, self.session)
        self.case_updated()

    def _reopen_concern(self, note_id: str, yes: bool | None) -> None:
        note = self._note_with_id(note_id)
        if not yes or note is None or note.open:
            return
        casework.reopen_concern(note)
        report_change(self, self.session)
        self.case_updated()

    def action_reopen_case(self) -> None:
        """A disengaged or closed case taken up again, with the reason kept on the case."""
        case = self.case
        if case.status is CaseStatus.ACTIVE:
            return
        self.app.push_screen(
            ReopenCaseModal(case.client.preferred_name, case.status), self._reopen_case
        )

    def _reopen_case(self, reason: str | None) -> None:
        self._form_closed()
        if reason is None or self.case.status is CaseStatus.ACTIVE:
            return
        casework.reopen_case(self.case, self.app.today, reason)
        report_change(self, self.session)
        self.case_updated()
        self.notify("The case is active again. Press c to start the next contact.", markup=False)

    def action_remove_contact(self) -> None:
        """x on a contact recorded by mistake: removed, after asking (its versions are kept)."""
        index = self._highlighted("contacts")
        if index is None:
            return
        contact = self.case.contacts[index]
        detail = (
            "Only for a contact recorded by mistake. Its notes and plan reviews go with it; "
            "strengths and tasks noted at it stay on the case. The case's earlier versions "
            "keep it."
        )
        self.app.push_screen(
            ConfirmModal(f"Remove contact {contact.number} of {format_date(contact.on)}?", detail),
            lambda yes: self._remove_contact(contact, yes),
        )

    def _remove_contact(self, contact: Contact, yes: bool | None) -> None:
        if not yes or all(c is not contact for c in self.case.contacts):
            return  # kept, or the case was read again meanwhile: nothing to remove
        casework.remove_contact(self.case, contact)
        report_change(self, self.session)
        self.case_updated()
        self.notify(f"Contact {contact.number} removed.", markup=False)

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

    def action_consents(self) -> None:
        """The consents list on the Overview, focused and in view: one key from any tab."""
        self.query_one(TabbedContent).active = "tab-overview"
        listing = self.query_one("#consent-list", OptionList)
        listing.focus(scroll_visible=False)
        self.call_after_refresh(listing.scroll_visible, top=True, animate=False)

    async def action_add_consent(self) -> None:
        """Open the consent form on the Overview (from the command palette)."""
        self.query_one(TabbedContent).active = "tab-overview"
        await self.query_one(ConsentsSection).action_add_consent()

    def palette_commands(self) -> Iterable[SystemCommand]:
        left = casework.contact_to_resume(self.case)
        nxt = left.number if left is not None else self.case.next_contact_number()
        if self.case.status is CaseStatus.ACTIVE:
            yield SystemCommand(
                f"Start contact {nxt}", "Begin the next contact", self.action_start_contact
            )
        else:
            yield SystemCommand(
                "Reopen case", "Take this case up again (asks why)", self.action_reopen_case
            )
        if self.case.practice:
            yield SystemCommand(
                "Practise solo", "Type what you say; a scripted client answers", self._talk
            )
        yield SystemCommand(
            "Add safety or health note", "Risk, health, limitations", self.action_non_strength
        )
        yield SystemCommand(
            "Audit trail", "Who opened, reviewed, exported or changed it", self.action_audit_trail
        )
        yield SystemCommand(
            "Add a consent", "Who may be told what; phone, text, recording", self.action_add_consent
        )
        yield SystemCommand("Review case", "Staffing review of this case", self.action_review)
        yield SystemCommand(
            "History", "Versions kept of this case; bring one back", self.action_history
        )
        yield SystemCommand(
            "Team log", "Who changed this case and when (team folders)", self.action_team_log
        )
        yield SystemCommand(
            "Transfer case…", "Hand this case to another worker (team folders)",
            self.action_transfer,
        )  # fmt: skip
        if self.case.inbox:
            yield SystemCommand(
                "Team inbox", "Changes two workers made to the same thing", self.action_inbox
            )
        yield SystemCommand(
            "Export…", "Staffing summary, handout, progress note or everything", self.action_export
        )
        yield SystemCommand("Back to the caseload", "Save and close this case", self.action_back)
