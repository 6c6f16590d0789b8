"""Solo practice: the trainee types what they would say, a scripted client answers.

Each line is coded as it is entered (open or closed question, reflection, affirmation, other) and
kept with the contact, with the client's answer, and saved like any other edit: a line is never
lost. A suggested code is corrected with one key: ``up`` goes from the typing line to the
transcript (on the last line said), then ``o``/``c``/``r``/``a``/``x``; from the typing line,
``alt`` with the same letter corrects the last line at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from sbcm_tui.core import casework
from sbcm_tui.core.case import Contact, PracticeLine
from sbcm_tui.core.protocol import Protocol
from sbcm_tui.files.session import CaseSession
from sbcm_tui.practice.cases import scenario_of
from sbcm_tui.practice.coder import CODE_KEYS, CODE_NAMES, Code
from sbcm_tui.practice.miti import code_utterance
from sbcm_tui.tui.messages import (
    NonStrengthRequested,
    PracticeViewRequested,
    report_change,
)
from sbcm_tui.tui.screens.base import SbcmScreen
from sbcm_tui.tui.screens.contact import SessionClock
from sbcm_tui.tui.screens.practice_contact import TALK_KEY, end_practice_contact
from sbcm_tui.tui.widgets.field import Field
from sbcm_tui.tui.widgets.keys_bar import KeysBar
from sbcm_tui.tui.widgets.safety_banner import SafetyBanner
from sbcm_tui.tui.widgets.save_indicator import SaveIndicator
from sbcm_tui.tui.widgets.scenario_card import (
    CARD_KEY,
    PRACTICE_SUBTITLE,
    PracticeMark,
    ScenarioCard,
)
from sbcm_tui.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from sbcm_tui.practice.client import ScriptedClient

CODE_TAGS: dict[Code, str] = {code: name.lower() for code, name in CODE_NAMES.items()}
KEYS_HINT = " · ".join(
    f"{key} {CODE_TAGS[code].removesuffix(' question')}" for key, code in CODE_KEYS.items()
)
KEY_LETTERS = "/".join(CODE_KEYS)


def code_tag(line: PracticeLine) -> Content:
    """``[open question]``, with a pencil when someone corrected the suggestion."""
    code = Code(line.code or line.suggested or Code.OTHER)
    corrected = line.suggested is not None and line.code != line.suggested
    tag = f"[{CODE_TAGS[code]}{' ✎' if corrected else ''}]"
    return Content.styled(tag, "bold $accent" if corrected else "$text-muted")


class Transcript(OptionList):
    """The lines said so far; only the trainee's lines can be highlighted (and recoded)."""

    DEFAULT_CSS = """
    Transcript { height: 1fr; border: none; padding: 0 1; }
    Transcript > .option-list--option-disabled { color: $text; }
    """

    BINDINGS = [
        *(
            Binding(key, f"screen.recode('{code.value}')", CODE_NAMES[code], show=False)
            for key, code in CODE_KEYS.items()
        ),
        Binding("escape", "screen.back_to_typing", "Back to typing", id="talk.typing"),
    ]


class PracticeTalkScreen(SbcmScreen):
    """A solo practice contact: the transcript, the typing line, and one-key code corrections."""

    DEFAULT_CSS = """
    PracticeTalkScreen #talk-bar { height: 1; padding: 0 1; background: $boost; }
    PracticeTalkScreen #talk-title { width: 1fr; }
    PracticeTalkScreen #talk-body { height: 1fr; }
    PracticeTalkScreen #talk-main { height: 1fr; }
    PracticeTalkScreen #talk-empty { height: 1fr; padding: 1 2; color: $text-muted; }
    PracticeTalkScreen #talk-hint { height: auto; padding: 0 1; }
    """

    BINDINGS = [
        Binding("up", "to_transcript", "Code a line", id="talk.code", key_display="↑"),
        Binding(
            CARD_KEY,
            "toggle_card",
            "Briefing",
            id="talk.card",
            priority=True,
            tooltip="Show or hide what you were told about the client",
        ),
        Binding(
            TALK_KEY,
            "steps",
            "Steps",
            id="talk.steps",
            priority=True,
            tooltip="The guided steps of this same contact: strengths, goals, ...",
        ),
        Binding(
            "f10",
            "end_contact",
            "End + feedback",
            id="talk.end",
            priority=True,
            tooltip="End this practice contact and see the feedback",
        ),
        Binding(
            "f2", "non_strength", "Safety/health note", id="talk.note", priority=True, show=False
        ),
        Binding("escape", "leave", "Leave", id="talk.leave", tooltip="Back to the case; kept"),
        *(
            Binding(f"alt+{key}", f"recode_last('{code.value}')", show=False, priority=True)
            for key, code in CODE_KEYS.items()
        ),
    ]

    def __init__(
        self, session: CaseSession, protocol: Protocol, contact: Contact | None = None
    ) -> None:
        super().__init__()
        self.session = session
        self.protocol = protocol
        self.contact = contact
        self.clock = SessionClock()
        self.scenario = scenario_of(session.case)
        self.sub_title = PRACTICE_SUBTITLE
        self._client: ScriptedClient | None = None

    @property
    def lines(self) -> list[PracticeLine]:
        assert self.contact is not None
        return self.contact.practice_lines

    # --- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        if self.contact is None:
            # Saved with the first line said, like a guided contact with its first record.
            self.contact = casework.begin_contact(self.session.case, self.app.today)
        yield TitleBar()
        yield SafetyBanner()
        yield PracticeMark()
        with Horizontal(id="talk-bar"):
            yield Static("", id="talk-title")
            yield SaveIndicator()
        with Horizontal(id="talk-body"):
            with Vertical(id="talk-main"):
                yield Static("", id="talk-empty", markup=False)
                yield Transcript(id="transcript")
                yield Static("", id="talk-hint")
                yield Field(placeholder="What do you say? Enter to say it", id="say")
            yield ScenarioCard(self.scenario, partner=False)
        yield KeysBar()

    def on_mount(self) -> None:
        assert self.contact is not None
        case = self.session.case
        title = Content.assemble(
            (case.client.preferred_name, "bold"),
            f" · practice contact {self.contact.number} · solo, the client is scripted",
        )
        self.query_one("#talk-title", Static).update(title)
        self.query_one(PracticeMark).update_from(case, "solo: a scripted client answers")
        self.query_one(SafetyBanner).update_from(case)
        self.query_one(SaveIndicator).show_state(self.session.state, self.session.message)
        self.query_one("#talk-empty", Static).update(
            f"Talk with {case.client.preferred_name} as you would at a first meeting: type what "
            f"you would say and press Enter. Each line is coded as you go; {CARD_KEY} shows the "
            f"briefing, {TALK_KEY} the guided steps (strengths, goals), f10 ends with feedback."
        )
        self._fill()
        self.query_one("#say", Input).focus()

    def _fill(self) -> None:
        """Draw the whole transcript from the contact (on opening, and after a reload)."""
        transcript = self.query_one(Transcript)
        transcript.clear_options()
        transcript.add_options(self._option(i, line) for i, line in enumerate(self.lines))
        self._after_change()

    def _option(self, index: int, line: PracticeLine) -> Option:
        if line.speaker == "worker":
            prompt = Content.assemble(("You  ", "bold"), line.text, " ", code_tag(line))
            return Option(prompt, id=f"line-{index}")
        name = self.session.case.client.preferred_name
        prompt = Content.assemble((f"{name}  ", "bold $accent"), line.text)
        return Option(prompt, id=f"line-{index}", disabled=True)

    def _after_change(self) -> None:
        """Keep the newest line in view, and say how the last line was coded."""
        transcript = self.query_one(Transcript)
        empty = not self.lines
        self.query_one("#talk-empty").display = empty
        transcript.display = not empty
        last = self._last_worker_index()
        if last is not None:
            transcript.highlighted = last
        transcript.scroll_end(animate=False)
        self._show_hint()

    def _last_worker_index(self) -> int | None:
        return next(
            (i for i in range(len(self.lines) - 1, -1, -1) if self.lines[i].speaker == "worker"),
            None,
        )

    def _show_hint(self) -> None:
        hint = self.query_one("#talk-hint", Static)
        if self.focused is self.query_one(Transcript):
            hint.update(Content.styled(f"{KEYS_HINT} · Esc: back to typing", "bold"))
            return
        last = self._last_worker_index()
        if last is None:
            hint.update(Content.styled("Each line you say is coded here.", "$text-muted"))
            return
        line = self.lines[last]
        hint.update(
            Content.assemble(
                "Last line: ",
                code_tag(line),
                (f"  wrong? ↑ then {KEY_LETTERS}", "$text-muted"),
            )
        )

    def on_descendant_focus(self) -> None:
        self._show_hint()

    # --- saying a line -------------------------------------------------------------------

    @on(Input.Submitted, "#say")
    def _say(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            return
        event.input.clear()
        self.say(text)

    def say(self, text: str) -> None:
        """Code the line, let the scripted client answer, keep both and save."""
        code = code_utterance(text)
        assert self.contact is not None
        said = PracticeLine(speaker="worker", text=text, suggested=code.value, code=code.value)
        casework.add_practice_lines(self.contact, said)
        transcript = self.query_one(Transcript)
        transcript.add_option(self._option(len(self.lines) - 1, self.lines[-1]))
        if self.scenario is None:
            self.notify(
                "This case's scenario is not in the library any more, so nobody answers. "
                "Your lines are kept and coded.",
                markup=False,
            )
        else:
            casework.add_practice_lines(
                self.contact, self._scripted_client().reply(text, code).to_line()
            )
            transcript.add_option(self._option(len(self.lines) - 1, self.lines[-1]))
        report_change(self, self.session)
        self._after_change()

    def _scripted_client(self) -> ScriptedClient:
        """The scripted client for this contact, caught up with what was said before."""
        if self._client is None:
            from sbcm_tui.practice.client import ScriptedClient, revealed_at_other_contacts

            assert self.contact is not None and self.scenario is not None
            said_before = self.lines[:-1]  # the line just said is answered by the caller
            self._client = ScriptedClient.resume(
                self.scenario,
                said_before,
                seed=self.contact.number,
                found_before=revealed_at_other_contacts(self.session.case, self.contact),
            )
        return self._client

    # --- correcting a code ---------------------------------------------------------------

    def recode(self, index: int, code: Code) -> None:
        """Set the code of the trainee's line at ``index`` (the suggestion is kept beside it)."""
        line = self.lines[index]
        if not casework.recode_line(line, code.value):
            return
        self.query_one(Transcript).replace_option_prompt_at_index(
            index, self._option(index, line).prompt
        )
        report_change(self, self.session)
        self._show_hint()

    def action_recode(self, code: str) -> None:
        """A code key on the transcript: recode the highlighted line."""
        index = self.query_one(Transcript).highlighted
        if index is not None:
            self.recode(index, Code(code))

    def action_recode_last(self, code: str) -> None:
        """alt+letter from anywhere: recode the last line said."""
        last = self._last_worker_index()
        if last is not None:
            self.recode(last, Code(code))

    def action_to_transcript(self) -> None:
        if self._last_worker_index() is None:
            return
        transcript = self.query_one(Transcript)
        transcript.highlighted = self._last_worker_index()
        transcript.focus()

    def action_back_to_typing(self) -> None:
        self.query_one("#say", Input).focus()
        self._after_change()

    # --- the rest ------------------------------------------------------------------------

    def action_toggle_card(self) -> None:
        self.query_one(ScenarioCard).toggle()

    def action_non_strength(self) -> None:
        self.post_message(NonStrengthRequested(self))

    def action_steps(self) -> None:
        """The guided steps of this same contact: back to them if below, else open them."""
        self.post_message(
            PracticeViewRequested(self, self.session, self.protocol, self.contact, view="steps")
        )

    def action_leave(self) -> None:
        """Back to the case; the contact stays open and carries on next time. With the
        briefing open, Escape closes the briefing first: the trainee who opened it with f12
        expects Escape to put it away, not to leave the session."""
        card = self.query_one(ScenarioCard)
        if card.shown:
            card.toggle()
            return
        self.leave()

    def action_end_contact(self) -> None:
        """End the practice contact and show how it went."""
        assert self.contact is not None
        if casework.contact_is_empty(self.session.case, self.contact):
            casework.drop_contact(self.session.case, self.contact)
            report_change(self, self.session)
            self.leave()
            self.notify("Nothing was said yet: this practice contact is dropped.")
            return
        end_practice_contact(self, self.contact, self.clock.minutes())

    def on_screen_resume(self) -> None:
        """Back from the guided steps: the save state and any new safety note."""
        self.query_one(SafetyBanner).update_from(self.session.case)
        self.query_one(SaveIndicator).show_state(self.session.state, self.session.message)

    def case_replaced(self) -> None:
        """The case was reloaded after a conflict: find this contact in it and redraw."""
        assert self.contact is not None
        mine = self.contact
        self.contact = casework.put_back_contact(self.session.case, mine)
        if self.contact is mine:
            report_change(self, self.session)
        self._client = None
        self._fill()

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "End practice contact", "End it and see the feedback", self.action_end_contact
        )
        yield SystemCommand(
            "Show or hide the briefing", "The client's facts", self.action_toggle_card
        )
        yield SystemCommand(
            "Guided steps", "Strengths, goals ... of this contact", self.action_steps
        )
        for key, code in CODE_KEYS.items():
            yield SystemCommand(
                f"Code the last line as {CODE_TAGS[code]}",
                f"alt+{key}; on the transcript, {key}",
                lambda c=code: self.action_recode_last(c.value),
            )
        yield SystemCommand(
            "Add safety or health note", "Risk, health, limitations", self.action_non_strength
        )
