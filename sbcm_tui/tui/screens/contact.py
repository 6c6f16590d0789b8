"""The contact in progress: the protocol's steps in a sidebar, one calm step at a time."""

from __future__ import annotations

import time
from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.widget import Widget
from textual.widgets import ContentSwitcher, OptionList, Static
from textual.widgets.option_list import Option

from sbcm_tui.core import casework
from sbcm_tui.core.case import Contact
from sbcm_tui.core.plan import review_left
from sbcm_tui.core.protocol import ContactScript, Protocol, Step, StepKind
from sbcm_tui.files.session import CaseSession
from sbcm_tui.tui.messages import NonStrengthRequested, report_change
from sbcm_tui.tui.modals.confirm import ConfirmModal
from sbcm_tui.tui.modals.consents import ConsentsModal
from sbcm_tui.tui.modals.end_work import EndWorkModal
from sbcm_tui.tui.panes.base import CaseContext, StepPane
from sbcm_tui.tui.panes.plan_review import ReviewPane
from sbcm_tui.tui.panes.registry import make_pane
from sbcm_tui.tui.screens.base import SbcmScreen
from sbcm_tui.tui.widgets.keys_bar import KeysBar
from sbcm_tui.tui.widgets.safety_banner import SafetyBanner
from sbcm_tui.tui.widgets.save_indicator import SaveIndicator
from sbcm_tui.tui.widgets.title_bar import TitleBar


def format_elapsed(seconds: float) -> str:
    """``12:05`` or ``1:02:05``: the session clock."""
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


class SessionClock:
    """Time spent in the contact, pausable (a phone call, a break). Plain Python: testable."""

    def __init__(self, clock=time.monotonic, *, already: float = 0.0) -> None:
        """``already``: seconds spent before a pause, for a contact carried on with."""
        self._clock = clock
        self._started = clock() - already
        self._paused_at: float | None = None
        self._paused_total = 0.0

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    def toggle(self) -> None:
        """Pause, or resume."""
        now = self._clock()
        if self._paused_at is None:
            self._paused_at = now
        else:
            self._paused_total += now - self._paused_at
            self._paused_at = None

    def elapsed(self) -> float:
        """Seconds of contact so far, pauses excluded."""
        now = self._paused_at if self._paused_at is not None else self._clock()
        return now - self._started - self._paused_total

    def minutes(self) -> int:
        """Whole minutes, rounded, for the contact record."""
        return round(self.elapsed() / 60)


class ContactScreen(SbcmScreen):
    """Runs one contact. Steps are panes, mounted once and switched, so moving is instant."""

    BINDINGS = [
        # Keys that work while typing must not be ones text fields use (ctrl+a/e/d/k/u/w/x/c/v/
        # z/y, f5-f7): a worker reaching for the end of a line must never end the contact.
        Binding("ctrl+n", "next_step", "Next step", id="contact.next", priority=True),
        Binding("ctrl+b", "previous_step", "Back", id="contact.previous", priority=True),
        Binding(
            "ctrl+g",
            "done_step",
            "Step done",
            id="contact.done",
            priority=True,
            tooltip="Mark this step done and go to the next",
        ),
        Binding("f10", "end_contact", "End contact", id="contact.end", priority=True),
        Binding("f2", "non_strength", "Safety note", id="contact.note", priority=True),
        Binding("ctrl+t", "toggle_clock", "Clock", id="contact.clock", priority=True),
        Binding("f3", "focus_steps", "Steps", id="contact.steps", priority=True),
        Binding(
            "shift+f10",
            "pause_contact",
            "Pause",
            id="contact.pause",
            priority=True,
            show=False,
            tooltip="Step out without ending it (f10 ends it); c carries on with it today",
        ),
        Binding(
            "f4",
            "whole_case",
            "Whole case",
            id="contact.whole_case",
            priority=True,
            show=False,
            tooltip="The whole case, read only, over the contact (Escape returns)",
        ),
        Binding(
            "ctrl+r",
            "consents",
            "Consents",
            id="contact.consents",
            priority=True,
            tooltip="The client's consents, from any step",
        ),
        Binding("escape", "focus_steps", "Steps", id="contact.escape", show=False),
    ]

    def __init__(self, session: CaseSession, protocol: Protocol, contact: Contact | None = None):
        super().__init__()
        self.session = session
        self.protocol = protocol
        self.contact = contact
        self.clock = SessionClock()
        self.script: ContactScript | None = None
        self._steps: list[Step] = []
        self._marked_step = 0  # the step on screen, marked ▸ in the list
        self._beside: dict[str, object] | None = None  # the rest of the case as it started
        self._focus_when_built: str | None = None  # a pane shown before it was whole

    def compose(self) -> ComposeResult:
        if self.contact is None:
            # Not saved yet: the contact reaches the file with the first thing recorded in it,
            # so a kill right after starting never leaves a contact that did not happen.
            self.contact = casework.begin_contact(self.session.case, self.app.today)
            if self.contact.minutes:  # carried on after a pause: the clock goes on from there
                self.clock = SessionClock(already=self.contact.minutes * 60)
        if self._beside is None:
            self._beside = casework.case_beside(self.session.case, self.contact)
        self.script = self.protocol.script_for(self.contact.number)
        self._steps = list(self.script.steps)
        yield TitleBar()
        yield SafetyBanner()
        with Horizontal(id="contact-bar"):
            yield Static("", id="contact-title")
            yield Static("", id="clock")
            yield SaveIndicator()
        with Horizontal(id="contact-body"):
            with Vertical(id="steps-sidebar"):
                yield OptionList(*self._step_options(), id="steps")
                yield Static("", id="contact-aim", markup=False)
            with ContentSwitcher(id="step-panes", initial=self._pane_id(self._steps[0])):
                yield self._make_pane(self._steps[0])
        yield KeysBar()

    def _case_context(self, step: Step | None) -> CaseContext:
        return CaseContext(
            session=self.session,
            protocol=self.protocol,
            bank=self.app.bank,
            today=self.app.today,
            contact=self.contact,
            step=step,
        )

    def _make_pane(self, step: Step) -> StepPane:
        return make_pane(step.kind, self._case_context(step), id=self._pane_id(step))

    def _mount_remaining_panes(self) -> None:
        """After the first step is on screen, mount the others one per idle moment, so the
        contact opens fast and every later move between steps is only a switch."""
        switcher = self.query_one(ContentSwitcher)
        for step in self._steps:
            pane_id = self._pane_id(step)
            if not switcher.query_children(f"#{pane_id}"):  # (the panes are its children)
                pane = self._make_pane(step)
                pane.display = False
                switcher.mount(pane)
                self.call_after_refresh(self._mount_remaining_panes)
                return

    @staticmethod
    def _pane_id(step: Step) -> str:
        return f"step-{step.id}"

    def _step_label(self, index: int) -> Text:
        """``▸`` marks the step on screen, ``✓`` a step covered, ``·`` one still to do: shapes,
        so a monochrome or colour-blind reading tells them apart (the highlight is only a
        colour, and moves with the arrow keys while the list has focus). One column, so the
        narrow sidebar at 80 columns wraps no more titles than before."""
        step = self._steps[index]
        if index == self._marked_step:
            return Text.assemble(("▸ ", "bold"), (step.title, "bold"))
        done = self.contact is not None and step.id in self.contact.steps_done
        return Text.assemble(("✓ ", "green") if done else ("· ", "dim"), step.title)

    def _step_options(self) -> list[Option]:
        return [Option(self._step_label(i), id=s.id) for i, s in enumerate(self._steps)]

    def _mark_step(self, index: int) -> None:
        """Move the ``▸`` to the step now shown (two prompts replaced, not the list)."""
        before, self._marked_step = self._marked_step, index
        if before == index:
            return
        steps = self.query_one("#steps", OptionList)
        for changed in (before, index):
            if 0 <= changed < steps.option_count:
                steps.replace_option_prompt_at_index(changed, self._step_label(changed))

    def on_mount(self) -> None:
        assert self.script is not None and self.contact is not None
        title = Text.assemble(
            (self.session.case.client.preferred_name, "bold"),
            f" · contact {self.contact.number} of {self.protocol.count}: {self.script.title}",
        )
        if self.session.case.practice:
            title.append(" · PRACTICE", style="bold reverse")
        self.query_one("#contact-title", Static).update(title)
        self.query_one("#contact-aim", Static).update(self.script.aim)
        self.query_one(SafetyBanner).update_from(self.session.case)
        self.query_one(SaveIndicator).show_state(self.session.state, self.session.message)
        self.query_one("#steps", OptionList).highlighted = 0
        self.set_interval(1.0, self._tick)
        self._tick()
        self.call_after_refresh(self._focus_pane)
        self.call_after_refresh(self._mount_remaining_panes)

    def on_resize(self) -> None:
        """At 80 columns the step list gives the pane more room; titles may wrap."""
        self.query_one("#steps-sidebar").set_class(self.size.width < 100, "narrow")

    def _tick(self) -> None:
        label = format_elapsed(self.clock.elapsed())
        if self.clock.paused:
            label += " (paused)"
        clock = self.query_one("#clock", Static)
        text = f"⏱ {label}"
        # Every second: lay the header out again only when the clock's width changes.
        clock.update(text, layout=len(text) != len(str(clock.content)))

    # --- moving between steps ------------------------------------------------------------

    @property
    def current_index(self) -> int:
        current = self.query_one(ContentSwitcher).current or ""
        ids = [self._pane_id(s) for s in self._steps]
        return ids.index(current) if current in ids else 0

    def show_step(self, index: int, *, focus: bool = True) -> None:
        """Switch to a step by position; instant, since every pane is already mounted. The
        focus goes to the step's first field unless the caller puts it somewhere itself."""
        index = max(0, min(index, len(self._steps) - 1))
        switcher = self.query_one(ContentSwitcher)
        pane_id = self._pane_id(self._steps[index])
        if not switcher.query_children(f"#{pane_id}"):  # (the panes are its children)
            switcher.mount(self._make_pane(self._steps[index]))
        switcher.current = pane_id
        steps = self.query_one("#steps", OptionList)
        if steps.highlighted != index:
            steps.highlighted = index
        self._mark_step(index)
        if not focus:
            return
        # Focus now, in the same frame as the switch: waiting a refresh for the focus chain
        # costs a second frame on every move. A pane still being built (moved to the moment
        # the contact opened, or on a slow machine) is focused when it says it is whole: its
        # first field may not exist yet, and the cursor must not rest on the pane meanwhile.
        pane = switcher.get_child_by_id(pane_id)
        if not pane.is_mounted:
            self._focus_when_built = pane_id
            return
        self._focus_when_built = None
        field = self._first_field(pane)
        (field or pane).focus()

    @on(StepPane.Built)
    def _pane_built(self, event: StepPane.Built) -> None:
        switcher = self.query_one(ContentSwitcher)
        if event.pane.id == self._focus_when_built == switcher.current:
            self._focus_when_built = None
            (self._first_field(event.pane) or event.pane).focus()

    @staticmethod
    def _first_field(pane: Widget) -> Widget | None:
        """The first focusable widget in a pane in document order, skipping hidden parts."""
        pending = list(reversed(pane.children))
        while pending:
            widget = pending.pop()
            if not widget.display or widget.disabled or widget.styles.visibility == "hidden":
                continue
            if widget.can_focus:
                return widget
            if widget.can_focus_children:
                pending.extend(reversed(widget.children))
        return None

    def _focus_pane(self) -> None:
        """Focus the first field of the step shown (in focus order, so hidden parts are skipped)."""
        switcher = self.query_one(ContentSwitcher)
        if switcher.current is None:
            return
        pane = switcher.get_child_by_id(switcher.current)
        inside = [w for w in self.focus_chain if w is not pane and pane in w.ancestors]
        (inside[0] if inside else pane).focus()

    @on(OptionList.OptionSelected, "#steps")
    def _step_chosen(self, event: OptionList.OptionSelected) -> None:
        self.show_step(event.option_index)

    def action_next_step(self) -> None:
        self.show_step(self.current_index + 1)

    def action_previous_step(self) -> None:
        self.show_step(self.current_index - 1)

    def action_pause_contact(self) -> None:
        """Step out of the contact without ending it (the client stepped out, the worker is
        called away): kept as it is, with its minutes so far; ``c`` on the case carries on
        with it for the rest of the day."""
        assert self.contact is not None
        if self._dropped_when_empty():
            return
        casework.pause_contact(self.contact, self.app.today, self.clock.minutes())
        report_change(self, self.session)
        self.leave()
        self.notify(
            f"Contact {self.contact.number} is paused; press c to carry on with it today.",
            markup=False,
        )

    def action_whole_case(self) -> None:
        """The whole case in staffing order (the review screen), over the contact: the goals,
        barriers and referrals of other steps without leaving this one. Escape returns; the
        clock keeps running, as the session does."""
        from sbcm_tui.tui.screens.review import ReviewScreen

        self.app.push_screen(ReviewScreen(self.session.case, session=self.session))

    def action_consents(self) -> None:
        """The consents, wherever the contact is: in the step when it shows them (contact
        1's engagement), else over it, with the same keys."""
        switcher = self.query_one(ContentSwitcher)
        shown = switcher.query(f"#{switcher.current} #consent-list") if switcher.current else ()
        if shown:
            shown.first().focus()
            return
        self.app.push_screen(ConsentsModal(self._case_context(None)))

    def action_focus_steps(self) -> None:
        self.query_one("#steps", OptionList).focus()

    def action_done_step(self) -> None:
        assert self.contact is not None
        index = self.current_index
        casework.mark_step_done(self.contact, self._steps[index].id)
        report_change(self, self.session)
        steps = self.query_one("#steps", OptionList)
        steps.clear_options()
        steps.add_options(self._step_options())
        if index + 1 < len(self._steps):
            self.show_step(index + 1)
        else:
            self.show_step(index)
            self.notify("Every step is covered. f10 ends the contact.", markup=False)

    def jump_to(self, step_id: str) -> None:
        """Go to a step by id (from the command palette)."""
        for index, step in enumerate(self._steps):
            if step.id == step_id:
                self.show_step(index)

    # --- the rest ------------------------------------------------------------------------

    def action_toggle_clock(self) -> None:
        self.clock.toggle()
        self._tick()

    def action_non_strength(self) -> None:
        self.post_message(NonStrengthRequested(self))

    def _recorded_beside(self) -> bool:
        """A goal, a consent, a resource...: not kept in the contact itself, yet recorded in
        this contact, so the contact happened and is kept when it ends. Told by comparing the
        rest of the case with how it was when the contact started, not by whether anything was
        reported: a word typed and deleted again reports twice and leaves nothing."""
        assert self.contact is not None
        return casework.case_beside(self.session.case, self.contact) != self._beside

    def case_replaced(self) -> None:
        """The case object was replaced (reload or copy after a conflict): re-point the panes.

        The contact in progress is matched by number; if the reloaded file does not have it
        (it was never saved), it is added back so the worker can carry on."""
        case = self.session.case
        assert self.contact is not None
        mine = self.contact
        self.contact = casework.put_back_contact(case, mine)
        if self.contact is mine and not casework.contact_is_empty(case, mine):
            report_change(self, self.session)
        for pane in self.query(StepPane):
            pane.ctx.contact = self.contact
            pane.reload()
        self.case_updated()

    def case_updated(self) -> None:
        """A note was added over this contact: the banner says so."""
        self.query_one(SafetyBanner).update_from(self.session.case)

    def action_end_contact(self) -> None:
        """End the contact and save. A contact nothing was recorded in is dropped instead; the
        protocol's closing contact, which also ends the work with the client, asks first."""
        assert self.contact is not None
        case = self.session.case
        if self._dropped_when_empty():
            return
        left = review_left(case, self.contact) if self._review_step() is not None else None
        if left is not None:
            done, total = left
            question = f"The plan is not reviewed yet: {done} of {total} items gone over."
            detail = (
                "The plan is gone over with the client at every meeting. n goes to the review "
                "step; y ends the contact as it is."
            )
            self.app.push_screen(
                ConfirmModal(question, detail, verb="End anyway", keep="Review it"),
                self._review_answered,
            )
            return
        self._end_checked()

    def _dropped_when_empty(self) -> bool:
        """A contact nothing was recorded in is dropped, not ended or paused: the next c
        starts it again, so a case never shows a meeting that did not happen."""
        assert self.contact is not None
        case = self.session.case
        if self._recorded_beside() or not casework.contact_is_empty(case, self.contact):
            return False
        casework.drop_contact(case, self.contact)
        report_change(self, self.session)
        self.leave()
        self.notify(f"Contact {self.contact.number} dropped: nothing was recorded in it.")
        return True

    def _review_step(self) -> Step | None:
        return next((s for s in self._steps if s.kind is StepKind.REVIEW), None)

    def _review_answered(self, end: bool | None) -> None:
        if end:
            self._end_checked()
            return
        review = self._review_step()
        if review is None:
            return
        index = self._steps.index(review)
        self.show_step(index, focus=False)
        for pane in self.query(f"#{self._pane_id(review)}").results(ReviewPane):
            pane.bring_up_plan()

    def _end_checked(self) -> None:
        """End once the plan review has been answered for: the closing contact asks first."""
        assert self.contact is not None
        case = self.session.case
        if casework.contact_closes_case(case, self.contact, self.protocol.closes_at):
            self.app.push_screen(EndWorkModal(case.client.preferred_name), self._end_answered)
            return
        self._finish()

    def _end_answered(self, end: bool | None) -> None:
        if end:
            self._finish()

    def _finish(self) -> None:
        assert self.contact is not None
        finished = casework.finish_contact(
            self.session.case,
            self.contact,
            self.clock.minutes(),
            self.app.today,
            self.protocol.closes_at,
        )
        report_change(self, self.session)
        self.session.milestone("contact-ended")  # the save on leaving keeps it in the history
        self.leave()
        if finished:
            self.notify(
                "The work is complete: this case is now disengaged.",
                title=f"Contact {self.contact.number} ended",
                markup=False,
            )
        else:
            self.notify(f"Contact {self.contact.number} ended.", markup=False)

    def palette_commands(self) -> Iterable[SystemCommand]:
        for index, step in enumerate(self._steps, start=1):
            yield SystemCommand(
                f"Jump to step {index}: {escape(step.title)}",  # the palette reads markup
                escape(step.purpose[:80]),
                lambda sid=step.id: self.jump_to(sid),
            )
        yield SystemCommand(
            "Add safety or health note", "Risk, health, limitations", self.action_non_strength
        )
        yield SystemCommand("End contact", "Save and finish this contact", self.action_end_contact)
        yield SystemCommand(
            "Pause contact", "Step out; c carries on with it today", self.action_pause_contact
        )
