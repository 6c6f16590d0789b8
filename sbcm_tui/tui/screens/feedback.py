"""Feedback at the end of a practice contact: how the trainee's lines were coded, against the MI
fidelity guides, which hidden strengths came out, and how the goals and objectives were written.

The transcript and its codes are saved with the practice case as they are typed, so the feedback
is always drawn from the file; f7 writes it out (Markdown, or JSON for a ``.json`` name).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Header, Input, Static

from sbcm_tui.core import casework
from sbcm_tui.core.case import Contact
from sbcm_tui.core.protocol import Protocol
from sbcm_tui.files.atomic import ensure_private_folder, write_atomic
from sbcm_tui.files.session import CaseSession
from sbcm_tui.tui.modals.export import shown_path
from sbcm_tui.tui.widgets.keys_bar import KeysBar
from sbcm_tui.tui.widgets.save_indicator import SaveIndicator
from sbcm_tui.tui.widgets.scenario_card import PRACTICE_SUBTITLE, PracticeMark, scenario_of

if TYPE_CHECKING:
    from sbcm_tui.practice.feedback import PracticeFeedback
    from sbcm_tui.tui.app import SbcmApp


def end_practice_contact(app: SbcmApp, protocol: Protocol, contact: Contact, minutes: int) -> None:
    """End a practice contact: close it like any contact, leave its screens (the transcript and
    the guided steps) for the case's own screen, and show the feedback there."""
    from sbcm_tui.tui.screens.case import CaseScreen

    session = app.session
    assert session is not None
    finished = casework.finish_contact(
        session.case, contact, minutes, app.today, protocol.closes_at
    )
    app.note_change()
    while len(app.screen_stack) > 1 and not isinstance(app.screen, CaseScreen):
        app.pop_screen()
    app.push_screen(FeedbackScreen(session, contact.number))
    app.save_now()
    if finished:
        app.notify("That was the last contact of this practice case.", markup=False)


def feedback_file_name(case_id: str, contact_number: int, suffix: str = ".md") -> str:
    """``<case-id>-practice-feedback-contact-N.md``: the id, never the (fictional) name."""
    return f"{case_id}-practice-feedback-contact-{contact_number}{suffix}"


class FeedbackScreen(Screen[None]):
    """How a practice contact went. Escape goes back to the practice case; f7 exports."""

    BINDINGS = [
        Binding(
            "f7",
            "export",
            "Export",
            id="feedback.export",
            tooltip="Write this feedback to a file (Markdown, or JSON)",
        ),
        Binding("escape", "back", "Back", id="feedback.back"),
    ]

    DEFAULT_CSS = """
    FeedbackScreen #feedback-body { height: 1fr; padding: 0 1; }
    FeedbackScreen .feedback-head { text-style: bold; color: $accent; margin-top: 1; }
    FeedbackScreen .feedback-line { color: $text; padding-left: 2; }
    FeedbackScreen #feedback-bar { height: 1; padding: 0 1; background: $boost; }
    FeedbackScreen #feedback-title { width: 1fr; }
    """

    app: SbcmApp

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
        yield Header()
        yield PracticeMark()
        with Horizontal(id="feedback-bar"):
            yield Static("", id="feedback-title")
            yield SaveIndicator()
        yield VerticalScroll(id="feedback-body", can_focus=True)
        yield KeysBar()

    def on_mount(self) -> None:
        case = self.session.case
        self.query_one(PracticeMark).update_from(case)
        self.query_one("#feedback-title", Static).update(
            Content.assemble(
                ("Feedback", "bold"),
                f" · {case.client.preferred_name} · practice contact {self.contact_number}",
            )
        )
        self.query_one(SaveIndicator).show_state(self.session.state, self.session.message)
        body = self.query_one("#feedback-body", VerticalScroll)
        body.mount_all(self._sections())
        body.focus()

    def _sections(self) -> list[Static]:
        """The feedback, headings in bold; client words are plain text, never markup."""
        from sbcm_tui.practice.feedback import practice_feedback

        case = self.session.case
        self.feedback = practice_feedback(case, scenario_of(case), self.contact_number)
        widgets = []
        for index, line in enumerate(self.feedback.lines()):
            if index == 0:
                continue  # the title is in the bar above
            if not line:
                continue
            heading = not line.startswith(" ")
            widgets.append(
                Static(
                    Content(line.strip()),
                    classes="feedback-head" if heading else "feedback-line",
                )
            )
        return widgets

    def action_back(self) -> None:
        self.app.leave_screen(close_session=self.closes_session)

    def action_export(self) -> None:
        if self.feedback is None:
            self.notify("There is no feedback to export.", markup=False)
            return
        from sbcm_tui.exports import default_export_folder

        folder = getattr(self.app, "export_folder", None) or default_export_folder()
        case = self.session.case
        suggested = folder / feedback_file_name(case.id, self.contact_number)

        def written(path: Path | None) -> None:
            if path is not None:
                self.app.export_folder = path.parent
                self.notify(
                    f"Written to {shown_path(path)}", title="Feedback exported", markup=False
                )

        forbidden = [self.app.store.root, self.session.store.root]
        modal = FeedbackExportModal(self.feedback, suggested, forbidden=forbidden)
        self.app.push_screen(modal, written)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Export feedback", "Markdown, or JSON", self.action_export)
        yield SystemCommand("Back to the practice case", "Leave the feedback", self.action_back)


class FeedbackExportModal(ModalScreen[Path | None]):
    """Where to write the feedback: Enter writes (owner-only, atomically), Escape cancels."""

    DEFAULT_CSS = """
    FeedbackExportModal { align: center middle; }
    FeedbackExportModal > Vertical {
        width: 76; max-width: 100%; height: auto;
        border: round $primary; background: $surface; padding: 0 1;
    }
    FeedbackExportModal .title { text-style: bold; }
    FeedbackExportModal .hint { color: $text-muted; }
    FeedbackExportModal #feedback-export-message { color: $warning; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="feedback_export.cancel")]

    def __init__(
        self, feedback: PracticeFeedback, suggested: Path, *, forbidden: Iterable[Path] = ()
    ) -> None:
        super().__init__()
        self.feedback = feedback
        self.suggested = suggested
        self.forbidden = [Path(p).resolve() for p in forbidden]
        self._replace_armed: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Export the feedback", classes="title", markup=False)
            yield Static(
                "Markdown, or JSON when the name ends in .json. Enter writes, Escape cancels.",
                classes="hint",
                markup=False,
            )
            yield Input(shown_path(self.suggested), id="feedback-export-path")
            yield Static("", id="feedback-export-message", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def _say(self, text: str) -> None:
        self.query_one("#feedback-export-message", Static).update(text)

    def _target(self, typed: str) -> Path | None:
        """The file to write, or None with the reason said: never a folder, never a case folder
        (a JSON file there would be read as a broken case)."""
        if not typed:
            self._say("Type where the file should go.")
            return None
        path = Path(typed).expanduser()
        if not path.is_absolute():
            path = self.suggested.parent / path
        if path.is_dir():
            self._say(f"{shown_path(path)} is a folder: add a file name at the end.")
            return None
        if any(path.resolve().is_relative_to(root) for root in self.forbidden):
            self._say("That is a case folder, where files are read as cases. Choose another.")
            return None
        if path.exists() and self._replace_armed != path:
            self._replace_armed = path
            self._say(f"{shown_path(path)} already exists. Press Enter again to replace it.")
            return None
        return path

    @on(Input.Submitted)
    def _write(self, event: Input.Submitted) -> None:
        path = self._target(event.value.strip())
        if path is None:
            return
        json_wanted = path.suffix.lower() == ".json"
        text = self.feedback.to_json() if json_wanted else self.feedback.to_markdown()
        try:
            ensure_private_folder(path.parent)
            write_atomic(path, text.encode("utf-8"))
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            self._say(f"Could not write {shown_path(path)}: {reason}. Nothing was written.")
            return
        self.dismiss(path)

    @on(Input.Changed)
    def _path_changed(self) -> None:
        self._replace_armed = None

    def action_cancel(self) -> None:
        self.dismiss(None)
