"""Feedback at the end of a practice contact: how the trainee's lines were coded, against the MI
fidelity guides, which hidden strengths came out, and how the goals and objectives were written.

The transcript and its codes are saved with the practice case as they are typed, so the feedback
is always drawn from the file. What the screen shows is the feedback export's document
(:mod:`sbcm_tui.exports.feedback`), drawn line for line, so the screen and a file of it never
differ; f7 opens the one export dialog with the feedback and this contact chosen.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from sbcm_tui.files.session import CaseSession
from sbcm_tui.practice.cases import scenario_of
from sbcm_tui.tui.messages import ExportRequested
from sbcm_tui.tui.screens.base import SbcmScreen
from sbcm_tui.tui.widgets.document_view import DocumentView
from sbcm_tui.tui.widgets.keys_bar import KeysBar
from sbcm_tui.tui.widgets.save_indicator import SaveIndicator
from sbcm_tui.tui.widgets.scenario_card import PRACTICE_SUBTITLE, PracticeMark
from sbcm_tui.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from sbcm_tui.exports.document import Document
    from sbcm_tui.practice.feedback import PracticeFeedback


class FeedbackScreen(SbcmScreen):
    """How a practice contact went. Escape goes back to the practice case; f7 exports."""

    BINDINGS = [
        Binding(
            "f7",
            "export",
            "Export",
            id="feedback.export",
            tooltip="Write this feedback to a file (Markdown, HTML, JSON or TOML)",
        ),
        Binding("escape", "back", "Back", id="feedback.back"),
    ]

    DEFAULT_CSS = """
    FeedbackScreen #feedback-body { height: 1fr; padding: 0 1; }
    FeedbackScreen #feedback-bar { height: 1; padding: 0 1; background: $boost; }
    FeedbackScreen #feedback-title { width: 1fr; }
    """

    def __init__(
        self, session: CaseSession, contact_number: int, *, closes_session: bool = False
    ) -> None:
        super().__init__()
        self.session = session
        self.contact_number = contact_number
        self.closes_session = closes_session
        self.sub_title = PRACTICE_SUBTITLE
        self.feedback: PracticeFeedback | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield PracticeMark()
        with Horizontal(id="feedback-bar"):
            yield Static("", id="feedback-title")
            yield SaveIndicator()
        yield DocumentView(id="feedback-body", can_focus=True)
        yield KeysBar()

    async def on_mount(self) -> None:
        case = self.session.case
        self.query_one(PracticeMark).update_from(case)
        self.query_one("#feedback-title", Static).update(
            Content.assemble(
                ("Feedback", "bold"),
                f" · {case.client.preferred_name} · practice contact {self.contact_number}",
            )
        )
        self.query_one(SaveIndicator).show_state(self.session.state, self.session.message)
        body = self.query_one("#feedback-body", DocumentView)
        body.focus()
        await body.show(self._document())

    def _document(self) -> Document:
        """The feedback export's document of this contact (its title is in the bar above)."""
        from sbcm_tui.exports.feedback import feedback_document
        from sbcm_tui.practice.feedback import practice_feedback

        case = self.session.case
        self.feedback = practice_feedback(case, scenario_of(case), self.contact_number)
        return feedback_document(self.feedback, self.app.today)

    def action_back(self) -> None:
        self.leave(close_session=self.closes_session)

    def action_export(self) -> None:
        """The one export dialog, with the feedback on this contact chosen."""
        self.post_message(
            ExportRequested(self, self.session.case, kind="feedback", contact=self.contact_number)
        )

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Export feedback", "Markdown, HTML, JSON or TOML", self.action_export)
        yield SystemCommand("Back to the practice case", "Leave the feedback", self.action_back)
