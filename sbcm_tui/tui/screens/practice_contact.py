"""The guided contact on a practice case: the same steps, marked PRACTICE, with the scenario card.

With a partner playing the client, the trainee works through the protocol's steps exactly as with
a real client; the partner reads the scenario card (hidden until asked for, f12). f8 switches to
the typed transcript of the same contact, and ending the contact shows the interviewing feedback.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.binding import Binding

from sbcm_tui.core import casework
from sbcm_tui.core.case import Contact
from sbcm_tui.core.protocol import Protocol
from sbcm_tui.files.session import CaseSession
from sbcm_tui.practice.cases import contact_to_carry_on, scenario_of
from sbcm_tui.tui.messages import PracticeContactEnded, PracticeViewRequested, report_change
from sbcm_tui.tui.screens.contact import ContactScreen
from sbcm_tui.tui.widgets.scenario_card import (
    CARD_KEY,
    PRACTICE_SUBTITLE,
    PracticeMark,
    ScenarioCard,
)

if TYPE_CHECKING:
    from sbcm_tui.tui.screens.practice_talk import PracticeTalkScreen

TALK_KEY = "f8"
"""Switches between the typed transcript and the guided steps of the same practice contact."""


class PracticeContactScreen(ContactScreen):
    """The guided contact of a practice case (partner mode), with the card and the PRACTICE mark."""

    DEFAULT_CSS = """
    PracticeContactScreen #contact-body { layers: default card; }
    """

    BINDINGS = [
        Binding(
            CARD_KEY,
            "toggle_card",
            "Scenario card",
            id="practice.card",
            priority=True,
            tooltip="Show or hide the scenario card (for the partner playing the client)",
        ),
        Binding(
            TALK_KEY,
            "talk",
            "Transcript",
            id="practice.talk",
            priority=True,
            tooltip="Type what is said and see each line coded (the same contact)",
        ),
    ]

    def __init__(
        self, session: CaseSession, protocol: Protocol, contact: Contact | None = None
    ) -> None:
        super().__init__(session, protocol, contact)
        self.sub_title = PRACTICE_SUBTITLE

    def on_mount(self) -> None:
        super().on_mount()
        mark = PracticeMark(id="practice-mark")
        self.mount(mark, before="#contact-bar")
        mark.update_from(self.session.case, f"{CARD_KEY} scenario card · {TALK_KEY} transcript")
        scenario = scenario_of(self.session.case)
        self.query_one("#contact-body").mount(ScenarioCard(scenario, partner=True, over=True))

    def action_toggle_card(self) -> None:
        self.query_one(ScenarioCard).toggle()

    def action_focus_steps(self) -> None:
        """Escape puts the scenario card away first, when it is shown."""
        card = self.query_one(ScenarioCard)
        if card.shown:
            card.toggle()
            return
        super().action_focus_steps()

    def action_talk(self) -> None:
        """To the transcript of this contact: back to it if it is the screen below, else open it."""
        self.post_message(
            PracticeViewRequested(self, self.session, self.protocol, self.contact, view="talk")
        )

    def action_end_contact(self) -> None:
        """End the practice contact and show its feedback (an empty one is dropped as usual)."""
        assert self.contact is not None
        if casework.contact_is_empty(self.session.case, self.contact):
            super().action_end_contact()
            return
        end_practice_contact(self, self.contact, self.clock.minutes())

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield from super().palette_commands()
        yield SystemCommand(
            "Show or hide the scenario card",
            "For the partner playing the client",
            self.action_toggle_card,
        )
        yield SystemCommand(
            "Practice transcript", "Type what is said; each line is coded", self.action_talk
        )


def contact_screen_for(
    session: CaseSession, protocol: Protocol, contact: Contact | None = None
) -> ContactScreen:
    """The contact screen a case needs: the practice one (carrying on where it was left) for a
    practice case, the usual one for a real case."""
    if session.case.practice:
        contact = contact or contact_to_carry_on(session.case)
        return PracticeContactScreen(session, protocol, contact)
    return ContactScreen(session, protocol, contact)


def end_practice_contact(
    screen: ContactScreen | PracticeTalkScreen, contact: Contact, minutes: int
) -> None:
    """End a practice contact like any contact, then ask the app to show its feedback over the
    case's own screen (the transcript and the guided steps are left)."""
    session, protocol = screen.session, screen.protocol
    last = casework.finish_contact(
        session.case, contact, minutes, screen.app.today, protocol.closes_at
    )
    report_change(screen, session)
    screen.post_message(PracticeContactEnded(screen, session, contact.number, last_contact=last))
