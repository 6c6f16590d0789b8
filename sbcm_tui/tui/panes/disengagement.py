"""The disengagement step: letting go, from the protocol's third contact to its last.

The worker and client look back at the strengths found and what was achieved with them, and
write down how the client will keep in touch with services on their own. The host closes the
case when the protocol's last contact ends; this pane only says so beforehand.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static, TextArea

from sbcm_tui.core import casework
from sbcm_tui.core.case import Case, Disengagement, ReferralStatus, StrengthKind
from sbcm_tui.core.dates import format_date
from sbcm_tui.core.protocol import PromptBank
from sbcm_tui.tui.panes.base import StepPane
from sbcm_tui.tui.panes.linkage import resource_name

CLOSING_LINE = "Finishing this contact will close the work: the case becomes disengaged."
KIND_NOTES = {StrengthKind.DESIRED: " (wanted)", StrengthKind.PAST: " (in the past)"}
LINKED = (ReferralStatus.LINKED, ReferralStatus.RETAINED)


# --- plain helpers (no screen needed) ---------------------------------------------------------


def strengths_by_domain(case: Case, bank: PromptBank) -> Text:
    """Every strength so far under its life domain, in the bank's order of domains."""
    order = [d.id for d in bank.domains]
    domains = sorted(
        {s.domain for s in case.strengths},
        key=lambda d: (d not in order, order.index(d) if d in order else 0, d),
    )
    if not domains:
        return Text("No strengths written down yet.", style="dim")
    out = Text()
    for domain in domains:
        if out:
            out.append("\n")
        out.append(bank.domain_title(domain), style="bold")
        for strength in (s for s in case.strengths if s.domain == domain):
            out.append("\n  • ")
            out.append(strength.words)
            out.append(KIND_NOTES.get(strength.kind, ""), style="dim")
    return out


def accomplishments(case: Case) -> Text:
    """Achieved objectives, done strategies and the links the client made and kept."""
    out = Text()

    def item(words: str, detail: str = "") -> None:
        out.append("\n" if out else "")
        out.append("✓ ", style="bold")
        out.append(words)
        if detail:
            out.append(f" · {detail}", style="dim")

    for objective in case.objectives():
        if objective.status.value == "achieved":
            when = format_date(objective.achieved_on) if objective.achieved_on else ""
            item(objective.text, f"achieved {when}".strip())
        for strategy in objective.strategies:
            if strategy.done:
                item(strategy.step, "step done")
    for referral in case.referrals:
        if referral.status in LINKED:
            days = referral.days_to_linkage()
            detail = referral.status.value + (
                f", linked in {days} days" if days is not None else ""
            )
            item(resource_name(case, referral.resource_id), detail)
    if not out:
        return Text(
            "Nothing marked achieved yet. Small steps count: look again together.", style="dim"
        )
    return out


# --- the pane ---------------------------------------------------------------------------------


class DisengagementPane(StepPane):
    """Letting go: strengths and accomplishments so far, and how the client carries on alone."""

    DEFAULT_CSS = """
    DisengagementPane > * { max-width: 100; }
    DisengagementPane #closing { color: $accent; text-style: bold; margin-bottom: 1; }
    DisengagementPane .looking-back { padding: 0 0 0 1; }
    DisengagementPane TextArea { height: 5; }
    """
    BINDINGS = [Binding("escape", "leave", "Leave field", id="disengagement.leave", show=False)]

    def compose(self) -> ComposeResult:
        contact, step = self.ctx.contact, self.ctx.step
        if step is not None and contact is not None:
            yield Static(step.purpose, classes="step-purpose", markup=False)
        if contact is not None and self.ctx.protocol.closes_with(contact.number):
            yield Static(CLOSING_LINE, id="closing")
        yield Static("", id="started", classes="hint", markup=False)
        ending = self.case.disengagement or Disengagement()
        yield Static("Accomplishments", classes="section-title")
        yield Static(
            "In the client's own words where you can; a reminder is below.", classes="hint"
        )
        yield TextArea(ending.accomplishments or "", id="accomplishments")
        yield Static("Keeping in touch on their own", classes="section-title")
        yield Static("How they will reach services and supports without you.", classes="hint")
        yield TextArea(ending.independent_contact or "", id="independent-contact")
        yield Static("What the client has done", classes="section-title")
        yield Static(id="done-so-far", classes="looking-back")
        yield Static("Strengths so far", classes="section-title")
        yield Static(id="strengths", classes="looking-back")

    def on_show(self) -> None:
        """Letting go starts the first time this step is shown inside a contact."""
        contact, ending = self.ctx.contact, self.case.disengagement
        if contact is not None and (ending is None or ending.started_at_contact is None):
            casework.begin_disengagement(self.case, contact.number)
            self.changed()
        # StepPane.on_show runs after this one (handlers run along the class hierarchy).

    def on_mount(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        ending = self.case.disengagement
        started = ending.started_at_contact if ending else None
        self.query_one("#started", Static).update(
            f"Letting go began at contact {started}." if started else "Letting go has not begun."
        )
        self.query_one("#strengths", Static).update(strengths_by_domain(self.case, self.ctx.bank))
        self.query_one("#done-so-far", Static).update(accomplishments(self.case))

    @on(TextArea.Changed, "#accomplishments, #independent-contact")
    def _text_changed(self, event: TextArea.Changed) -> None:
        text = event.text_area.text
        value = text if text.strip() else None
        field = (event.text_area.id or "").replace("-", "_")
        if casework.write_ending(self.case, field, value):
            self.changed()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave":
            return (
                isinstance(self.screen.focused, TextArea) and self in self.screen.focused.ancestors
            )
        return True

    def action_leave(self) -> None:
        self.focus()
