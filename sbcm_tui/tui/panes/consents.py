"""Consents: what the client agreed may be shared or done, with whom, until when, or refused.

A case manager asks before telling an agency anything, before phoning or texting, before
recording a session, and the client can take any of it back. The list puts what is in force
first, so a glance answers "may I call them about this?". :class:`ConsentsSection` sits on the
case screen's Overview and at the foot of the engagement step, where consent is usually talked
through. It changes the case through :mod:`sbcm_tui.core.casework` and posts
:class:`~sbcm_tui.tui.messages.CaseChanged`, like the step panes, so the app saves.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from sbcm_tui.core import casework
from sbcm_tui.core.case import Case, Consent, ConsentDecision, ConsentKind
from sbcm_tui.core.dates import format_date
from sbcm_tui.tui.messages import report_change
from sbcm_tui.tui.modals.confirm import ConfirmModal
from sbcm_tui.tui.panes.base import CaseContext
from sbcm_tui.tui.panes.listing import highlighted_id, highlighted_item, refill
from sbcm_tui.tui.widgets.date_field import DateInput
from sbcm_tui.tui.widgets.field import Field

KIND_WORDS: dict[ConsentKind, str] = {
    ConsentKind.SHARE_INFORMATION: "sharing information",
    ConsentKind.CONTACT_BY_PHONE: "phone calls",
    ConsentKind.CONTACT_BY_TEXT: "text messages",
    ConsentKind.RECORDING: "recording",
    ConsentKind.OTHER: "other",
}
"""How each kind reads in the list, under the consent."""

KIND_CHOICES = [
    (Text("Sharing information with someone"), ConsentKind.SHARE_INFORMATION),
    (Text("Phoning the client"), ConsentKind.CONTACT_BY_PHONE),
    (Text("Texting the client"), ConsentKind.CONTACT_BY_TEXT),
    (Text("Recording a session"), ConsentKind.RECORDING),
    (Text("Something else"), ConsentKind.OTHER),
]
ANSWER_CHOICES = [
    (Text("They agreed"), ConsentDecision.GRANTED),
    (Text("They said no"), ConsentDecision.REFUSED),
    (Text("They withdrew it"), ConsentDecision.REVOKED),
]
KEYS_HINT = "a adds · Enter or e edits · w withdraws · x deletes"
FORM_HINT = "Enter or ctrl+s saves · Escape closes"


# --- plain helpers (no screen needed) ---------------------------------------------------------


def consent_state(consent: Consent, today: date) -> tuple[str, str, int]:
    """``(mark, words, rank)`` for a consent on a day: in force (rank 0), not yet (1), or over,
    refused or withdrawn (2). The rank orders the list: what may be done today comes first."""
    if consent.decision is ConsentDecision.REFUSED:
        return "✗", "refused", 2
    if consent.decision is ConsentDecision.REVOKED or consent.withdrawn_on is not None:
        when = f" {format_date(consent.withdrawn_on)}" if consent.withdrawn_on else ""
        return "✗", f"withdrawn{when}", 2
    if consent.ends is not None and consent.ends < today:
        return "–", f"ended {format_date(consent.ends)}", 2
    if consent.starts is not None and consent.starts > today:
        return "○", f"from {format_date(consent.starts)}", 1
    words = f"given {format_date(consent.starts)}" if consent.starts else "in force"
    if consent.ends is not None:
        words += f", until {format_date(consent.ends)}"
    return "✓", words, 0


def consent_prompt(consent: Consent, today: date) -> Text:
    """A consent as a list line: who or what, its limits, then its kind and state, quietly."""
    mark, words, rank = consent_state(consent, today)
    line = Text()  # styles go on the parts: a Text's own style would cover every line
    line.append(f"{mark} ", style="bold" if rank == 0 else "dim")
    line.append(" ".join(consent.party.split()), style="bold" if rank == 0 else "dim")
    if consent.scope:
        line.append(" · " + " ".join(consent.scope.split()), style="" if rank == 0 else "dim")
    kind = KIND_WORDS[consent.kind or ConsentKind.SHARE_INFORMATION]
    line.append(f"\n  {kind} · {words}", style="dim")
    if consent.note:
        line.append(f"\n  {' '.join(consent.note.split())}", style="dim italic")
    return line


def consent_options(case: Case, today: date) -> list[Option]:
    """Every consent, in force first (the order they were recorded within each group)."""
    ranked = sorted(case.consents, key=lambda c: consent_state(c, today)[2])
    if not ranked:
        return [Option(Text("None recorded yet.", style="dim italic"), disabled=True)]
    return [Option(consent_prompt(c, today), id=c.id) for c in ranked]


def read_consent_form(
    *,
    party: str,
    kind: object,
    scope: str,
    answer: object,
    starts: date | None,
    ends: date | None,
    note: str,
    today: date,
    editing: Consent | None,
) -> Consent | str:
    """The consent the form describes, or what to fix first (in words for the worker)."""
    party = party.strip()
    if not party:
        return "Say who may be told, or what exactly it covers."
    if starts is not None and ends is not None and ends < starts:
        return "It cannot end before it was given: check the two dates."
    decision = answer if isinstance(answer, ConsentDecision) else ConsentDecision.GRANTED
    withdrawn_on = None
    if decision is ConsentDecision.REVOKED:
        withdrawn_on = (editing.withdrawn_on if editing else None) or today
    fields = {"id": editing.id} if editing is not None else {}
    return Consent(
        **fields,
        party=party,
        kind=kind if isinstance(kind, ConsentKind) else ConsentKind.SHARE_INFORMATION,
        scope=scope.strip() or None,
        decision=decision,
        starts=starts,
        ends=ends,
        note=note.strip() or None,
        withdrawn_on=withdrawn_on,
    )


# --- the form and the section -----------------------------------------------------------------


class ConsentForm(Vertical):
    """The fields of one consent, a label beside each; mounted the first time it is needed."""

    DEFAULT_CSS = """
    ConsentForm { height: auto; padding: 0 0 1 1; }
    ConsentForm .consent-row { height: auto; margin-bottom: 1; }
    ConsentForm .consent-label { width: 13; color: $text-muted; }
    ConsentForm Input, ConsentForm Select { width: 1fr; }
    ConsentForm Input { background: $boost; }
    ConsentForm DateInput { width: 1fr; }
    ConsentForm #consent-check { color: $text-muted; }
    ConsentForm #consent-check.-problem { color: $warning; }
    """

    def __init__(self, ctx: CaseContext) -> None:
        super().__init__(id="consent-form")
        self.ctx = ctx
        self.editing: Consent | None = None

    def compose(self) -> ComposeResult:
        today = self.ctx.today
        names = [r.name for r in self.ctx.case.resources]
        rows = [
            ("Who or what", Field(placeholder="an agency, a person, her mobile…",
                                  suggester=SuggestFromList(names, case_sensitive=False),
                                  id="consent-party", compact=True)),
            ("About", Select(KIND_CHOICES, value=ConsentKind.SHARE_INFORMATION,
                             allow_blank=False, id="consent-kind", compact=True)),
            ("What, limits", Field(placeholder="what may be shared or done (optional)",
                                   id="consent-scope", compact=True)),
            ("Their answer", Select(ANSWER_CHOICES, value=ConsentDecision.GRANTED,
                                    allow_blank=False, id="consent-answer", compact=True)),
            ("Given on", DateInput(today, today=today, field_id="consent-starts")),
            ("Ends", DateInput(None, today=today, field_id="consent-ends")),
            ("Note", Field(placeholder="anything to remember (optional)",
                           id="consent-note", compact=True)),
        ]  # fmt: skip
        for label, field in rows:
            if isinstance(field, DateInput):
                field.field.compact = True
            with Horizontal(classes="consent-row"):
                yield Label(label, classes="consent-label")
                yield field
        yield Static(FORM_HINT, id="consent-check", markup=False)

    def on_mount(self) -> None:
        self.query_one("#consent-ends", Input).placeholder = "optional: +6m, 2027-06-30"

    def load(self, consent: Consent | None) -> None:
        """Show a consent to change, or a blank one (given today) to add."""
        self.editing = consent
        self.query_one("#consent-party", Input).value = consent.party if consent else ""
        kind = (consent.kind if consent else None) or ConsentKind.SHARE_INFORMATION
        self.query_one("#consent-kind", Select).value = kind
        self.query_one("#consent-scope", Input).value = (consent.scope if consent else "") or ""
        answer = consent.decision if consent else ConsentDecision.GRANTED
        if consent is not None and consent.withdrawn_on is not None:
            answer = ConsentDecision.REVOKED
        self.query_one("#consent-answer", Select).value = answer
        starts_field, ends_field = self.query(DateInput)
        starts_field.set_date(consent.starts if consent else self.ctx.today)
        ends_field.set_date(consent.ends if consent else None)
        self.query_one("#consent-note", Input).value = (consent.note if consent else "") or ""
        self.say(FORM_HINT)

    def read(self) -> Consent | str:
        """The consent in the fields, or what to fix first."""
        starts_field, ends_field = self.query(DateInput)
        if not (starts_field.is_valid and ends_field.is_valid):
            return "A date is not one I can read; fix it or clear it."
        return read_consent_form(
            party=self.query_one("#consent-party", Input).value,
            kind=self.query_one("#consent-kind", Select).value,
            scope=self.query_one("#consent-scope", Input).value,
            answer=self.query_one("#consent-answer", Select).value,
            starts=starts_field.value_date,
            ends=ends_field.value_date,
            note=self.query_one("#consent-note", Input).value,
            today=self.ctx.today,
            editing=self.editing,
        )

    def say(self, message: str, problem: bool = False) -> None:
        check = self.query_one("#consent-check", Static)
        check.update(message)
        check.set_class(problem, "-problem")


class ConsentsSection(Vertical):
    """The case's consents as a list, with keys to add, change, withdraw and delete them."""

    DEFAULT_CSS = """
    ConsentsSection { height: auto; max-width: 100; }
    ConsentsSection #consent-list { height: auto; max-height: 14; border: none; padding: 0; }
    """
    BINDINGS = [
        Binding("a", "add_consent", "Add consent", id="consents.add",
                tooltip="Record a consent: who may be told what, or how they may be contacted"),
        Binding("e", "edit_consent", "Edit", id="consents.edit",
                tooltip="Change the highlighted consent"),
        Binding("w", "withdraw_consent", "Withdraw", id="consents.withdraw",
                tooltip="The client takes the highlighted consent back, from today"),
        Binding("x", "delete_consent", "Delete", id="consents.delete",
                tooltip="Delete the highlighted consent, recorded by mistake (asks first)"),
        Binding("ctrl+s", "save_consent", "Save consent", id="consents.save", show=False),
        Binding("escape", "close_form", "Close", id="consents.close", show=False),
    ]  # fmt: skip

    def __init__(self, ctx: CaseContext, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ctx = ctx
        self._shown: list[Text] | None = None

    @property
    def case(self) -> Case:
        return self.ctx.case

    def compose(self) -> ComposeResult:
        yield Static("Consents", classes="section-title")
        yield Static(
            "Ask before you share, phone, text or record. " + KEYS_HINT,
            classes="hint",
            markup=False,
        )
        # Born with its options: filling a mounted list lays the case screen out again.
        options = consent_options(self.case, self.ctx.today)
        self._shown = [o.prompt for o in options]
        yield OptionList(*options, id="consent-list")

    def refresh_view(self, keep: str | None = None) -> None:
        """Show the consents as the model has them (cheap when nothing changed)."""
        if not self.is_mounted:
            return
        options = consent_options(self.case, self.ctx.today)
        prompts = [o.prompt for o in options]
        if prompts == self._shown and keep is None:
            return
        self._shown = prompts
        refill(self.query_one("#consent-list", OptionList), options, keep)

    def _changed(self, keep: str | None = None) -> None:
        report_change(self, self.ctx.session)
        self.refresh_view(keep)

    # --- the form ------------------------------------------------------------------------

    def _form(self) -> ConsentForm | None:
        found = self.query(ConsentForm)
        return found.first() if found else None

    def form_open(self) -> bool:
        form = self._form()
        return form is not None and form.display

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit_consent", "withdraw_consent", "delete_consent"):
            listing = self.query_one("#consent-list", OptionList)
            return self.screen.focused is listing and highlighted_id(listing) is not None
        if action in ("save_consent", "close_form"):
            return self.form_open()
        return True

    async def _open_form(self, consent: Consent | None) -> None:
        form = self._form()
        if form is None:
            form = ConsentForm(self.ctx)
            await self.mount(form)
        form.display = True
        form.load(consent)
        form.query_one("#consent-party", Input).focus()
        self.call_after_refresh(form.scroll_visible)

    async def action_add_consent(self) -> None:
        await self._open_form(None)

    async def action_edit_consent(self) -> None:
        consent = self._selected()
        if consent is not None:
            await self._open_form(consent)

    @on(OptionList.OptionSelected, "#consent-list")
    async def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        await self.action_edit_consent()

    @on(Input.Submitted, "#consent-form Input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save_consent()

    def action_save_consent(self) -> None:
        form = self._form()
        if form is None:
            return
        result = form.read()
        if isinstance(result, str):
            form.say(result, problem=True)
            return
        casework.record_consent(self.case, result)
        self.action_close_form()
        self._changed(keep=result.id)
        self.app.notify("Consent saved.", markup=False)

    def action_close_form(self) -> None:
        form = self._form()
        if form is not None:
            form.display = False
        self.query_one("#consent-list", OptionList).focus()

    # --- withdraw and delete -------------------------------------------------------------

    def _selected(self) -> Consent | None:
        return highlighted_item(self.query_one("#consent-list", OptionList), self.case.consents)

    def action_withdraw_consent(self) -> None:
        consent = self._selected()
        if consent is None:
            return
        if consent.decision is not ConsentDecision.GRANTED or consent.withdrawn_on is not None:
            self.app.notify("Only a consent they gave can be withdrawn.", markup=False)
            return

        def answered(withdraw: bool | None) -> None:
            if withdraw and consent in self.case.consents:
                casework.withdraw_consent(consent, self.ctx.today)
                self._changed(keep=consent.id)
            self.query_one("#consent-list", OptionList).focus()

        question = "Withdraw this consent from today?"
        self.app.push_screen(ConfirmModal(question, consent.party, verb="Withdraw"), answered)

    def action_delete_consent(self) -> None:
        consent = self._selected()
        if consent is None:
            return

        def answered(delete: bool | None) -> None:
            if delete and casework.remove_consent(self.case, consent.id):
                self._changed()
            self.query_one("#consent-list", OptionList).focus()

        question = "Delete this consent? (To record that they took it back, withdraw it: w.)"
        self.app.push_screen(ConfirmModal(question, consent.party, verb="Delete"), answered)
