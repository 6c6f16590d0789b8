"""Note a strength the moment it is heard: type the client's words, press Enter.

The life area is remembered between captures and the kind (has it now, wants it, had it before)
is one key away, so the worker's eyes can stay on the client. Saving appends a
:class:`~sbcm_tui.core.case.Strength` to the case, tells the app to save, and posts
:class:`StrengthCapture.Captured` so the pane around it can refresh its lists.
"""

from __future__ import annotations

from pydantic import ValidationError
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Select, Static

from sbcm_tui.core import casework
from sbcm_tui.core.case import Case, Strength, StrengthKind
from sbcm_tui.core.protocol import Prompt as BankPrompt
from sbcm_tui.core.protocol import PromptBank
from sbcm_tui.tui.messages import report_change
from sbcm_tui.tui.panes.base import CaseContext
from sbcm_tui.tui.widgets.field import Field

KIND_LABELS: dict[StrengthKind, str] = {
    StrengthKind.CURRENT: "now",
    StrengthKind.DESIRED: "wants",
    StrengthKind.PAST: "in the past",
}
"""How each kind of strength reads next to the words: has it now, wants it, had it before."""

_KIND_ORDER = [StrengthKind.CURRENT, StrengthKind.DESIRED, StrengthKind.PAST]


def next_kind(kind: StrengthKind) -> StrengthKind:
    """The kind after this one: now → wants → in the past → now."""
    return _KIND_ORDER[(_KIND_ORDER.index(kind) + 1) % len(_KIND_ORDER)]


def starting_domain(case: Case, bank: PromptBank) -> str:
    """The life area to offer first: the one the last strength went to, else the bank's first."""
    known = {d.id for d in bank.domains}
    for strength in reversed(case.strengths):
        if strength.domain in known:
            return strength.domain
    return bank.domains[0].id


def short(text: str, width: int = 60) -> str:
    """Client text on one line, cut with an ellipsis when long."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def is_closed_menu(widget: Widget) -> bool:
    """True for the hidden list of a closed Select: it counts as focusable, yet nobody can see
    it, so a host that focuses "the first focusable widget" may land there by mistake."""
    parent = widget.parent
    return isinstance(parent, Select) and not parent.expanded


class StrengthCapture(Vertical):
    """An Input for the words, the kind beside it, the life area below; Enter saves."""

    DEFAULT_CSS = """
    StrengthCapture { height: auto; margin-top: 1; max-width: 110; }
    StrengthCapture #capture-prompt { color: $text-muted; height: auto; }
    StrengthCapture .capture-row { height: auto; }
    StrengthCapture #capture-words { width: 1fr; }
    StrengthCapture #capture-kind { width: 13; padding: 0 1; color: $accent; text-style: bold; }
    StrengthCapture #capture-domain { width: 28; }
    StrengthCapture #capture-hint {
        width: 1fr; height: 1; padding: 0 1; color: $text-muted;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    StrengthCapture #capture-said { color: $text-muted; height: auto; }
    StrengthCapture #capture-said.-problem { color: $warning; }
    """

    BINDINGS = [
        Binding(
            "ctrl+k",
            "cycle_kind",
            "Now/wants/past",
            id="capture.kind",
            priority=True,
            tooltip="Switch the kind: a strength they have now, want, or had in the past",
        ),
        Binding(
            "ctrl+o",
            "choose_domain",
            "Life area",
            id="capture.domain",
            priority=True,
            tooltip="Open the list of life areas; type a few letters to jump, enter to choose",
        ),
        Binding(
            "escape",
            "leave",
            "Leave",
            id="capture.leave",
            show=False,
            tooltip="Let go of the prompt, or leave the field (what you typed stays)",
        ),
    ]

    class Captured(Message):
        """A strength was added to the case."""

        def __init__(self, capture: StrengthCapture, strength: Strength) -> None:
            super().__init__()
            self.capture = capture
            self.strength = strength

        @property
        def control(self) -> StrengthCapture:
            return self.capture

    def __init__(self, ctx: CaseContext, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ctx = ctx
        self.kind = StrengthKind.CURRENT
        self.domain = starting_domain(ctx.case, ctx.bank)
        self.category: str | None = None
        self.prompt: BankPrompt | None = None

    def show_draft(self) -> None:
        """Put the case's unsaved strength words in the field (after the case was read again
        from disk: words left on screen from before would be saved over the file's)."""
        field = self.query_one("#capture-words", Input)
        words = self.ctx.case.strength_draft or ""
        if field.value != words:
            with field.prevent(Input.Changed):
                field.value = words
            field.cursor_position = len(words)

    def compose(self) -> ComposeResult:
        yield Static("", id="capture-prompt", markup=False)
        with Horizontal(classes="capture-row"):
            yield Field(
                self.ctx.case.strength_draft or "",  # words left unsaved last time
                placeholder="A strength in their words, then enter",
                id="capture-words",
                compact=True,
            )
            yield Static(KIND_LABELS[self.kind], id="capture-kind", markup=False)
        with Horizontal(classes="capture-row"):
            yield Select(
                [(Text(d.title), d.id) for d in self.ctx.bank.domains],
                value=self.domain,
                allow_blank=False,
                compact=True,
                id="capture-domain",
            )
            yield Static("ctrl+k kind · ctrl+o area", id="capture-hint", markup=False)
        yield Static("", id="capture-said", markup=False)

    def on_mount(self) -> None:
        self._show_prompt()
        self.query_one("#capture-kind", Static).tooltip = "ctrl+k (or a click) switches the kind"

    # --- what the pane around it asks ------------------------------------------------------

    @property
    def words(self) -> Input:
        return self.query_one("#capture-words", Input)

    def focus_words(self) -> None:
        """Put the cursor in the words field."""
        self.words.focus()

    def set_domain(self, domain_id: str) -> None:
        """Choose the life area for the next captures (ignored if the bank does not have it)."""
        if domain_id not in {d.id for d in self.ctx.bank.domains}:
            return
        self.domain = domain_id
        select = self.query_one("#capture-domain", Select)
        if select.value != domain_id:
            with select.prevent(Select.Changed):
                select.value = domain_id

    def use_prompt(self, prompt: BankPrompt | None, *, focus: bool = True) -> None:
        """Tie the next capture to a prompt from the bank (its area and category), or untie. One
        capture only: a worker who chose a prompt, noted the answer and talked on found every
        later strength filed under that prompt."""
        self.prompt = prompt
        self.category = prompt.category if prompt else None
        if prompt is not None and prompt.domain is not None:
            self.set_domain(prompt.domain)
        self._show_prompt()
        if focus:
            self.focus_words()

    # --- keys ------------------------------------------------------------------------------

    def action_cycle_kind(self) -> None:
        self._set_kind(next_kind(self.kind))

    def _set_kind(self, kind: StrengthKind) -> None:
        self.kind = kind
        self.query_one("#capture-kind", Static).update(KIND_LABELS[kind])

    def action_choose_domain(self) -> None:
        select = self.query_one("#capture-domain", Select)
        select.focus()
        select.action_show_overlay()

    def action_leave(self) -> None:
        if self.prompt is not None:
            self.use_prompt(None, focus=False)
            self._say("No prompt now: strengths go in without one.")
        else:
            self.screen.focus_previous()

    def on_click(self, event: events.Click) -> None:
        if event.widget is not None and event.widget.id == "capture-kind":
            self.action_cycle_kind()

    @on(Select.Changed, "#capture-domain")
    def _domain_chosen(self, event: Select.Changed) -> None:
        event.stop()
        if event.value is Select.NULL or event.value == self.domain:
            return
        self.domain = str(event.value)
        focused = self.screen.focused
        # Chosen by the worker (the list or the select has the focus: not ``has_focus``, which
        # is updated by a Focus event that may come after this message): back to the words.
        if focused is not None and event.select in focused.ancestors_with_self:
            self.call_after_refresh(self.focus_words)

    @on(Input.Changed, "#capture-words")
    def _keep_draft(self, event: Input.Changed) -> None:
        """Words typed but not yet saved go into the case file too, within the autosave's
        second: a strength heard is never lost to a crash before Enter."""
        event.stop()
        draft = event.value if event.value.strip() else None
        if casework.keep_strength_draft(self.ctx.case, draft):
            report_change(self, self.ctx.session)

    @on(Input.Submitted, "#capture-words")
    def _save(self, event: Input.Submitted) -> None:
        event.stop()
        words = event.value.strip()
        if not words:
            self._say("Type the strength first, in the client's words.", problem=True)
            return
        contact = self.ctx.contact
        try:
            strength = Strength(
                domain=self.domain,
                words=words,
                kind=self.kind,
                category=self.category,
                prompt_id=self.prompt.id if self.prompt else None,
                contact=contact.number if contact is not None else None,
                noted_on=self.ctx.today,
            )
        except ValidationError:
            self._say("That could not be noted as it is; the words are still in the field.", True)
            return
        casework.record_strength(self.ctx.case, strength)
        report_change(self, self.ctx.session)
        event.input.value = ""
        self._set_kind(StrengthKind.CURRENT)  # the kind is per strength; the area is remembered
        if self.prompt is not None:  # answered: the next strength is the talk's, not the prompt's
            self.use_prompt(None, focus=False)
        title = self.ctx.bank.domain_title(strength.domain)
        self._say(f"✓ Noted under {title}, {KIND_LABELS[strength.kind]}: {short(words, 40)}")
        self.post_message(self.Captured(self, strength))

    # --- showing ---------------------------------------------------------------------------

    def _show_prompt(self) -> None:
        line = self.query_one("#capture-prompt", Static)
        line.display = self.prompt is not None
        if self.prompt is not None:
            line.update(Text(f"Asking: {self.prompt.text}  (for the next strength; esc lets go)"))

    def _say(self, message: str, problem: bool = False) -> None:
        said = self.query_one("#capture-said", Static)
        said.update(Text(message))
        said.set_class(problem, "-problem")
