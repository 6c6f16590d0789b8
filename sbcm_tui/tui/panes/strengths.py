"""The strengths assessment: prompts to nudge the talk, the capture field, and the list so far.

Used for every contact's strengths step (at contact 4 it is the summary of strengths and
achievements: the step's purpose says so) and, outside a contact, as the case screen's Strengths
tab. A prompt counts as asked once a strength was noted from it; the worker may also mark one
asked for this sitting only, since a question that found no strength leaves nothing to store.
"""

from __future__ import annotations

from typing import Self

from pydantic import ValidationError
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from sbcm_tui.core import casework
from sbcm_tui.core.case import Case, Strength
from sbcm_tui.core.protocol import PromptBank
from sbcm_tui.tui.modals.confirm import ConfirmModal
from sbcm_tui.tui.panes.base import CaseContext, StepPane
from sbcm_tui.tui.panes.listing import highlighted_item, refill
from sbcm_tui.tui.widgets.field import Field
from sbcm_tui.tui.widgets.strength_capture import (
    KIND_LABELS,
    StrengthCapture,
    is_closed_menu,
    next_kind,
    short,
)

OUTSIDE_CONTACT = (
    "Strengths in the client's own words, by area of life. Use the prompts when the talk "
    "stalls; enter on one ties the next strengths to it."
)


def asked_prompt_ids(case: Case) -> set[str]:
    """Prompts that led to a strength somewhere in the case."""
    return {s.prompt_id for s in case.strengths if s.prompt_id}


def strengths_by_domain(case: Case, bank: PromptBank) -> list[tuple[str, list[Strength]]]:
    """The case's strengths grouped by life area: the bank's order first, then any others."""
    order = [d.id for d in bank.domains]
    order += [s.domain for s in case.strengths if s.domain not in order]
    groups = [(d, [s for s in case.strengths if s.domain == d]) for d in dict.fromkeys(order)]
    return [(d, items) for d, items in groups if items]


class AreaFilter(Select[str], can_focus=False):
    """The prompts' life-area filter. Tab passes it by, so the prompt list is the first stop;
    ``f`` (or a click) opens it, and closing it hands the focus back to the prompt list."""

    def focus(self, scroll_visible: bool = True) -> Self:
        self.screen.query_one("#prompts", OptionList).focus(scroll_visible)
        return self


class StrengthsPane(StepPane):
    """Prompt bank by category (filterable by life area), capture, and strengths by area."""

    DEFAULT_CSS = """
    StrengthsPane #prompt-head { height: 1; margin-top: 1; max-width: 110; }
    StrengthsPane .list-title { width: 1fr; text-style: bold; }
    StrengthsPane #prompt-filter { width: 30; }
    StrengthsPane #strengths-title { margin-top: 1; text-style: bold; }
    StrengthsPane #reminders { margin-top: 1; }
    StrengthsPane OptionList {
        height: auto; padding: 0; border: none; border-left: blank;
        &:focus { border: none; border-left: outer $accent; }
    }
    StrengthsPane #prompts { max-height: 40vh; }
    StrengthsPane #strengths { max-height: 60vh; }
    StrengthsPane #strength-edit { margin-top: 1; display: none; }
    StrengthsPane #strength-edit.-editing { display: block; }
    StrengthsPane #strengths-note { color: $text-muted; height: auto; }
    """

    # fmt: off
    BINDINGS = [
        Binding("a", "mark_asked", "Mark asked", id="strengths.asked",
                tooltip="Mark this prompt asked (or not) for this sitting"),
        Binding("f", "filter_area", "Filter by area", id="strengths.filter",
                tooltip="Show only the prompts for one life area (or all)"),
        Binding("n", "new_strength", "New strength", id="strengths.new",
                tooltip="Go to the capture field, without a prompt"),
        Binding("e", "edit_strength", "Edit words", id="strengths.edit",
                tooltip="Change the words of this strength"),
        Binding("k", "strength_kind", "Now/wants/past", id="strengths.kind",
                tooltip="Switch this strength between now, wants and in the past"),
        Binding("delete,x", "delete_strength", "Delete", id="strengths.delete",
                tooltip="Delete this strength (asks first)"),
        Binding("escape", "cancel_edit", "Cancel edit", id="strengths.cancel", show=False),
    ]
    # fmt: on

    def __init__(self, ctx: CaseContext, *, id: str | None = None) -> None:
        super().__init__(ctx, id=id)
        self.marked: set[str] = set()  # marked asked by hand, this sitting only
        self.editing: str | None = None

    def compose(self) -> ComposeResult:
        step = self.ctx.step
        yield Static(
            step.purpose if step else OUTSIDE_CONTACT, classes="step-purpose", markup=False
        )
        with Horizontal(id="prompt-head"):
            yield Static("Prompts", classes="list-title", markup=False)
            yield AreaFilter(
                [(Text(d.title), d.id) for d in self.ctx.bank.domains],
                prompt="All life areas",
                compact=True,
                id="prompt-filter",
            )
        yield OptionList(id="prompts")
        yield StrengthCapture(self.ctx, id="capture")
        yield Static("", id="strengths-title", markup=False)
        yield OptionList(id="strengths")
        yield Field(id="strength-edit", compact=True, placeholder="The strength, in their words")
        yield Static("", id="strengths-note", markup=False)
        if step is not None and step.prompts:
            text = "Reminders\n" + "\n".join(f"· {p}" for p in step.prompts)
            yield Static(text, id="reminders", classes="hint", markup=False)

    def on_mount(self) -> None:
        self.refresh_view()

    def reload(self) -> None:
        """The case was replaced: drop any edit in progress and show the new case's lists."""
        self.editing = None
        self.query_one("#strength-edit", Input).remove_class("-editing")
        self.query_one(StrengthCapture).show_draft()
        self.refresh_view()

    # --- showing the model -------------------------------------------------------------------

    def refresh_view(self) -> None:
        if not self.is_mounted:
            return
        self._fill_prompts()
        self._fill_strengths()

    def _fill_prompts(self) -> None:
        bank = self.ctx.bank
        value = self.query_one("#prompt-filter", Select).value
        area = None if value is Select.NULL else str(value)
        asked = asked_prompt_ids(self.case) | self.marked
        options: list[Option] = []
        for category in bank.categories:
            prompts = bank.prompts_for(category=category.id, domain=area)
            if not prompts:
                continue
            options.append(Option(Text(category.title, style="bold"), disabled=True))
            for prompt in prompts:
                line = Text("✓ " if prompt.id in asked else "  ")
                line.append(prompt.text, style="dim" if prompt.id in asked else "")
                if prompt.domain and area is None:
                    line.append(f" · {bank.domain_title(prompt.domain)}", style="dim italic")
                options.append(Option(line, id=prompt.id))
        refill(self.query_one("#prompts", OptionList), options)

    def _fill_strengths(self, keep: str | None = None) -> None:
        groups = strengths_by_domain(self.case, self.ctx.bank)
        count = len(self.case.strengths)
        title = self.query_one("#strengths-title", Static)
        title.update(f"Strengths so far ({count})" if count else "Strengths so far")
        options: list[Option] = []
        for domain, items in groups:
            heading = f"{self.ctx.bank.domain_title(domain)} ({len(items)})"
            options.append(Option(Text(heading, style="bold"), disabled=True))
            for strength in items:
                line = Text(f"  {KIND_LABELS[strength.kind]:<11} ", style="dim")
                line.append(" ".join(strength.words.split()))
                options.append(Option(line, id=strength.id))
        strengths = self.query_one("#strengths", OptionList)
        strengths.display = bool(options)
        refill(strengths, options, keep)
        if not options:
            self._note("None yet. Everyone has some: listen for what they do well.")

    def _note(self, message: str) -> None:
        self.query_one("#strengths-note", Static).update(Text(message))

    # --- which keys apply where ---------------------------------------------------------------

    def _selected_strength(self) -> Strength | None:
        return highlighted_item(self.query_one("#strengths", OptionList), self.case.strengths)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:
            return True
        focused = self.screen.focused
        focused_id = focused.id if focused is not None else None
        if action == "mark_asked":
            return focused_id == "prompts"
        if action in ("edit_strength", "strength_kind", "delete_strength"):
            return focused_id == "strengths"
        if action == "cancel_edit":
            return focused_id == "strength-edit"
        if action in ("new_strength", "filter_area"):
            return not isinstance(focused, Input)
        return True

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if is_closed_menu(event.widget):  # a host's "first focusable" guess: go to the prompts
            self.query_one("#prompts", OptionList).focus()

    # --- prompts -----------------------------------------------------------------------------

    @on(Select.Changed, "#prompt-filter")
    def _filter_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.value is not Select.NULL:
            self.query_one(StrengthCapture).set_domain(str(event.value))
        self._fill_prompts()

    @on(OptionList.OptionSelected, "#prompts")
    def _prompt_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id is None:
            return
        self.query_one(StrengthCapture).use_prompt(self.ctx.bank.prompt(event.option_id))

    def action_mark_asked(self) -> None:
        prompts = self.query_one("#prompts", OptionList)
        option = prompts.highlighted_option
        if option is None or option.id is None:
            return
        if option.id in asked_prompt_ids(self.case):
            self.notify("A strength was noted from this prompt, so it stays asked.", markup=False)
            return
        self.marked ^= {option.id}
        self._fill_prompts()

    def action_filter_area(self) -> None:
        self.query_one(AreaFilter).action_show_overlay()

    def action_new_strength(self) -> None:
        capture = self.query_one(StrengthCapture)
        capture.use_prompt(None)

    # --- strengths ---------------------------------------------------------------------------

    @on(StrengthCapture.Captured)
    def _captured(self, event: StrengthCapture.Captured) -> None:
        event.stop()
        self._note("")
        self.refresh_view()

    def action_edit_strength(self) -> None:
        strength = self._selected_strength()
        if strength is None:
            return
        self.editing = strength.id
        edit = self.query_one("#strength-edit", Input)
        edit.value = strength.words
        edit.add_class("-editing")
        edit.focus()
        self._note("Enter keeps the new words; escape leaves them as they were.")

    @on(Input.Submitted, "#strength-edit")
    def _edit_done(self, event: Input.Submitted) -> None:
        event.stop()
        words = event.value.strip()
        index = next((i for i, s in enumerate(self.case.strengths) if s.id == self.editing), None)
        if index is None:
            self._stop_editing()
            return
        if not words:
            self._note("The words cannot be empty. Escape keeps the old ones.")
            return
        old = self.case.strengths[index]
        try:
            updated = Strength.model_validate({**old.model_dump(), "words": words})
        except ValidationError:
            self._note("Those words could not be kept as they are; they are still in the field.")
            return
        self.case.strengths[index] = updated
        self.changed()
        self._stop_editing()
        self._note("✓ Words updated.")

    def action_cancel_edit(self) -> None:
        self._stop_editing()
        self._note("Nothing changed.")

    def _stop_editing(self) -> None:
        edited, self.editing = self.editing, None
        self.query_one("#strength-edit", Input).remove_class("-editing")
        self._fill_strengths(keep=edited)
        self.query_one("#strengths", OptionList).focus()

    def action_strength_kind(self) -> None:
        strength = self._selected_strength()
        if strength is None:
            return
        strength.kind = next_kind(strength.kind)
        self.changed()
        self._fill_strengths()

    def action_delete_strength(self) -> None:
        strength = self._selected_strength()
        if strength is None:
            return

        def answered(yes: bool | None) -> None:
            if yes and casework.remove_strength(self.case, strength.id):
                self.changed()
                self.refresh_view()
                self._note(f"Deleted: {short(strength.words, 40)}")
            self.query_one("#strengths", OptionList).focus()

        words = f"“{short(strength.words, 120)}”"
        self.app.push_screen(ConfirmModal("Delete this strength?", words, verb="Delete"), answered)
