"""Engagement: talk, don't interview; say what you can and can't do; note strengths as heard.

The protocol's prompts become a quiet checklist the worker can tick as the talk covers them
(ticks are a reminder for this sitting, not part of the case). Strengths go straight into the
case through the capture field, and the ones noted in this contact are listed below it.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from sbcm_tui.core.case import Case, Contact, Strength
from sbcm_tui.core.protocol import PromptBank
from sbcm_tui.tui.panes.base import CaseContext, StepPane
from sbcm_tui.tui.panes.consents import ConsentsSection
from sbcm_tui.tui.widgets.strength_capture import KIND_LABELS, StrengthCapture, is_closed_menu

NO_STEP_PURPOSE = (
    "Get to know the client: let them tell it their way, say plainly what you can and can't "
    "do, and name strengths as soon as you hear them."
)


def strengths_this_contact(case: Case, contact: Contact | None) -> list[Strength]:
    """Strengths noted at this contact (outside a contact: none to single out)."""
    if contact is None:
        return []
    return [s for s in case.strengths if s.contact == contact.number]


def noted_lines(strengths: list[Strength], bank: PromptBank) -> Text:
    """The strengths heard so far, one per line: words, then area and kind, quietly."""
    text = Text()
    for strength in strengths:
        if text:
            text.append("\n")
        text.append("• " + " ".join(strength.words.split()))
        text.append(
            f"  {bank.domain_title(strength.domain)}, {KIND_LABELS[strength.kind]}", style="dim"
        )
    return text


def checklist_line(prompt: str, ticked: bool) -> Text:
    """One checklist row: a tick once covered, the text quieter then."""
    line = Text("✓ " if ticked else "· ", style="bold" if ticked else "dim")
    line.append(prompt, style="dim" if ticked else "")
    return line


class Checklist(OptionList):
    """The step's prompts; space or enter ticks one (long lines wrap, unlike a SelectionList)."""

    BINDINGS = [Binding("space", "select", "Tick", id="engagement.tick", show=False)]


class EngagementPane(StepPane):
    """The engagement step: purpose, a tickable checklist, capture, and strengths heard today."""

    DEFAULT_CSS = """
    EngagementPane StrengthCapture { margin-top: 0; }
    EngagementPane #checklist {
        height: auto; padding: 0; border: none; border-left: blank;
        &:focus { border: none; border-left: outer $accent; }
    }
    EngagementPane #noted { height: auto; }
    """

    BINDINGS = [
        Binding(
            "n",
            "new_strength",
            "New strength",
            id="engagement.new",
            tooltip="Go to the capture field",
        ),
    ]

    def compose(self) -> ComposeResult:
        step = self.ctx.step
        yield Static(
            step.purpose if step else NO_STEP_PURPOSE, classes="step-purpose", markup=False
        )
        # The capture comes first: a strength heard must be one keystroke away, never scrolled off.
        yield Static("Strengths you hear", classes="section-title", markup=False)
        yield StrengthCapture(self.ctx, id="capture")
        yield Static("", id="noted", markup=False)
        prompts = step.prompts if step else ()
        if prompts:
            yield Static(
                "As you talk  (space ticks one, just for you)",
                classes="section-title",
                markup=False,
            )
            yield Checklist(
                *(Option(checklist_line(p, False), id=str(i)) for i, p in enumerate(prompts)),
                id="checklist",
            )
        yield ConsentsSection(self.ctx)  # usually first talked through here

    def __init__(self, ctx: CaseContext, *, id: str | None = None) -> None:
        super().__init__(ctx, id=id)
        self.ticked: set[int] = set()  # a reminder for this sitting; not part of the case

    def on_mount(self) -> None:
        self.refresh_view()

    @on(OptionList.OptionSelected, "#checklist")
    def _tick(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        self.ticked ^= {index}
        prompts = self.ctx.step.prompts if self.ctx.step else ()
        event.option_list.replace_option_prompt_at_index(
            index, checklist_line(prompts[index], index in self.ticked)
        )

    def reload(self) -> None:
        """The case was replaced: the capture reads the case through the context, so a
        refresh is enough (and keeps the ticks); the words in the capture are the file's."""
        self.query_one(StrengthCapture).show_draft()
        self.refresh_view()

    def refresh_view(self) -> None:
        if not self.is_mounted:
            return
        self.query_one(ConsentsSection).refresh_view()
        noted = self.query_one("#noted", Static)
        noted.display = self.ctx.contact is not None
        heard = strengths_this_contact(self.case, self.ctx.contact)
        if heard:
            text = Text(f"Noted in this contact ({len(heard)}):\n", style="dim")
            text.append_text(noted_lines(heard, self.ctx.bank))
            noted.update(text)
        else:
            noted.update(
                Text("Nothing noted yet. Say each strength out loud as you note it.", style="dim")
            )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "new_strength" and self.is_mounted:
            return not isinstance(self.screen.focused, Input)
        return True

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if is_closed_menu(event.widget):  # a host's "first focusable" guess: go to the words
            self.query_one(StrengthCapture).focus_words()

    def action_new_strength(self) -> None:
        self.query_one(StrengthCapture).focus_words()

    @on(StrengthCapture.Captured)
    def _captured(self, event: StrengthCapture.Captured) -> None:
        event.stop()
        self.refresh_view()
