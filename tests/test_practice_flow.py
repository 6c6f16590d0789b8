"""Practice mode end to end, keyboard only: a solo practice contact and a partner contact.

The app runs over a copy of the demo caseload (the real folder) and an empty practice folder,
both under ``tmp_path``. What counts is what reached the disk: the practice file holds the lines
said, the client's answers and the corrected codes; the caseload folder never holds a practice
case, and its screen never lists one.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, Static

from sbcm_tui.exports import KINDS, render_export
from sbcm_tui.files.casefile import read_case
from sbcm_tui.files.demo import DEMO_ANCHOR
from sbcm_tui.files.store import CaseStore
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.modals.confirm import ConfirmModal
from sbcm_tui.tui.modals.export import ExportModal
from sbcm_tui.tui.screens.case import CaseScreen
from sbcm_tui.tui.screens.caseload import CaseloadScreen
from sbcm_tui.tui.screens.feedback import FeedbackScreen
from sbcm_tui.tui.screens.practice import PracticeScreen, practice_folder_problem
from sbcm_tui.tui.screens.practice_contact import PracticeContactScreen
from sbcm_tui.tui.screens.practice_talk import PracticeTalkScreen, Transcript
from sbcm_tui.tui.widgets.scenario_card import PracticeMark, ScenarioCard
from tests.support import DEMO, wait_for
from tests.test_contact_flow import keys, type_text

SCENARIO = "housing-marisol"
TODAY = DEMO_ANCHOR
SIZE = (80, 24)

# What the trainee says, and the code the coder suggests for each line.
LINES = [
    ("Hi Marisol, thanks for coming. What brings you here today?", "open_question"),
    ("It sounds like part of you wants to stay, and part of you is ready to go.", "reflection"),
    ("Do you have any savings?", "closed_question"),
    ("Tell me about your work.", "open_question"),
]


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """The real caseload (a demo copy) and the practice folder; no user scenarios."""
    monkeypatch.setenv("SBCM_SCENARIOS", str(tmp_path / "no-scenarios"))
    cases = tmp_path / "cases"
    shutil.copytree(DEMO, cases)
    return cases, tmp_path / "practice"


@pytest.fixture
def app(folders: tuple[Path, Path]) -> SbcmApp:
    cases, practice = folders
    return SbcmApp(CaseStore(cases), practice_store=CaseStore(practice), today=TODAY)


# --- small helpers: each one is what a trainee does with a few keys --------------------------


async def open_practice(pilot: Pilot) -> PracticeScreen:
    """From the caseload: f8, and wait for the scenario library."""
    await wait_for(pilot, lambda: pilot.app.screen.query_one(DataTable).row_count > 0)
    await keys(pilot, "f8")
    screen = pilot.app.screen
    assert isinstance(screen, PracticeScreen)
    await wait_for(pilot, lambda: bool(screen.scenarios))
    return screen


async def choose_scenario(pilot: Pilot, scenario_id: str) -> None:
    """Move down the scenario list to one scenario."""
    screen = pilot.app.screen
    assert isinstance(screen, PracticeScreen)
    ids = [s.id for s in screen.scenarios]
    await keys(pilot, *(["down"] * ids.index(scenario_id)))
    assert screen._chosen_scenario().id == scenario_id


async def start(pilot: Pilot, mode: str) -> None:
    """From the caseload to Marisol's scenario: ``s`` alone, ``p`` with a partner."""
    await open_practice(pilot)
    await choose_scenario(pilot, SCENARIO)
    await keys(pilot, mode)


async def say(pilot: Pilot, line: str) -> None:
    await type_text(pilot, line)
    await keys(pilot, "enter")


def shown_text(pilot: Pilot, selector: str) -> str:
    """Everything the widgets matching ``selector`` show, as plain text."""
    return "\n".join(str(w.render()) for w in pilot.app.screen.query(selector))


def transcript_text(pilot: Pilot) -> str:
    transcript = pilot.app.screen.query_one(Transcript)
    return "\n".join(
        str(transcript.get_option_at_index(i).prompt) for i in range(transcript.option_count)
    )


def practice_files(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.iterdir() if p.suffix in (".toml", ".json") and p.name[0] != "."
    )


# --- the tests -------------------------------------------------------------------------------


async def test_solo_practice_contact(app: SbcmApp, folders: tuple[Path, Path]) -> None:
    """Scenario chosen, lines typed, answers shown, codes corrected with one key, feedback shown
    and saved; the practice case never touches the caseload, and it is removed in one action."""
    cases, practice = folders
    real_before = {p.name: p.read_bytes() for p in practice_files(cases)}
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, "s")
        talk = app.screen
        assert isinstance(talk, PracticeTalkScreen)
        assert "PRACTICE" in shown_text(pilot, "PracticeMark")

        for line, suggested in LINES:
            await say(pilot, line)
            said = talk.lines[-2]
            assert (said.speaker, said.text, said.suggested) == ("worker", line, suggested)
            assert talk.lines[-1].speaker == "client" and talk.lines[-1].text
        # every client answer is on screen, after the line it answers
        shown = transcript_text(pilot)
        for line in talk.lines:
            assert line.text in shown
        assert len(talk.lines) == 2 * len(LINES)

        # one key on the transcript: up goes to the last line said, r recodes it
        await keys(pilot, "up")
        assert isinstance(app.screen.focused, Transcript)
        await keys(pilot, "r")
        assert talk.lines[-2].code == "reflection"
        assert "[reflection ✎]" in transcript_text(pilot)
        # back to typing; alt+c recodes the last line said from the typing line itself
        await keys(pilot, "escape")
        assert app.screen.focused.id == "say"
        await keys(pilot, "up", "up", "a", "escape")  # the line before: the savings question
        await keys(pilot, "alt+c")
        assert talk.lines[-2].code == "closed_question"

        await keys(pilot, "f10")
        feedback = app.screen
        assert isinstance(feedback, FeedbackScreen)
        text = shown_text(pilot, "#feedback-body Static")
        assert "Interviewing" in text and "Strengths" in text and "Goals and objectives" in text
        assert "Lines coded: 4" in text
        assert feedback.feedback is not None
        counts = feedback.feedback.codes.counts
        assert {code.value: n for code, n in counts.items() if n} == {
            "open_question": 1,
            "reflection": 1,
            "affirmation": 1,
            "closed_question": 1,
        }
        # MITI 4.2.1's summary scores: the reflection adds a meaning (complex); the line the
        # trainee corrected to an affirmation counts as one, MI-adherent
        miti = feedback.feedback.miti
        assert (miti.percent_complex, miti.adherent, miti.non_adherent) == (1.0, 1, 0)
        assert "Complex reflections: 100% of reflections, good (fair from 40%, good" in text
        assert "MI-adherent (affirm, seeking collaboration, emphasizing autonomy): 1" in text
        assert "MI-non-adherent (persuading without permission, confronting): 0" in text
        await wait_for(pilot, lambda: app.session is not None and not app.session.dirty)

        # saved: the practice folder holds one case with every line, answer and code
        (path,) = practice_files(practice)
        saved, _ = read_case(path)
        assert saved.practice and saved.scenario == SCENARIO
        (contact,) = saved.contacts
        assert contact.minutes is not None  # ended
        assert [(x.speaker, x.text) for x in contact.practice_lines] == [
            (x.speaker, x.text) for x in talk.lines
        ]
        worker = [x for x in contact.practice_lines if x.speaker == "worker"]
        assert [x.suggested for x in worker] == [s for _, s in LINES]
        assert [x.code for x in worker] == [
            "open_question",
            "reflection",
            "affirmation",
            "closed_question",
        ]

        # the caseload folder is as it was, and its screen lists no practice case
        assert {p.name: p.read_bytes() for p in practice_files(cases)} == real_before
        assert not (cases / path.name).exists()
        await keys(pilot, "escape")  # feedback -> the practice case
        assert isinstance(app.screen, CaseScreen)
        await keys(pilot, "escape")  # -> practice home
        home = app.screen
        assert isinstance(home, PracticeScreen)
        await wait_for(pilot, lambda: len(home.rows) == 1)
        await keys(pilot, "escape")  # -> the caseload
        assert isinstance(app.screen, CaseloadScreen)
        table = app.screen.query_one(DataTable)
        await wait_for(pilot, lambda: table.row_count == len(real_before))
        assert path.name not in [str(key.value) for key in table.rows]

        # removed in one action (asked first)
        await keys(pilot, "f8")
        home = app.screen
        assert isinstance(home, PracticeScreen)
        await wait_for(pilot, lambda: len(home.rows) == 1)
        await keys(pilot, "tab", "delete")
        assert isinstance(app.screen, ConfirmModal)
        await keys(pilot, "y")
        await wait_for(pilot, lambda: not home.rows)
        assert practice_files(practice) == []


async def test_escape_puts_the_briefing_away_before_it_leaves(app: SbcmApp, folders) -> None:
    """f12 then Escape: the briefing closes and the session stays; the next Escape leaves."""
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, "s")
        talk = app.screen
        assert isinstance(talk, PracticeTalkScreen)
        card = talk.query_one(ScenarioCard)
        await keys(pilot, "f12")
        assert card.shown
        await keys(pilot, "escape")
        assert app.screen is talk and not card.shown
        await keys(pilot, "escape")
        assert app.screen is not talk


async def test_partner_mode_shows_the_card_on_a_key(app: SbcmApp, folders) -> None:
    """With a partner: the guided contact, marked PRACTICE, and the scenario card on f12."""
    _, practice = folders
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, "p")
        screen = app.screen
        assert isinstance(screen, PracticeContactScreen)
        assert screen.query_one(PracticeMark).display
        card = screen.query_one(ScenarioCard)
        assert not card.display  # hidden until the partner asks for it
        await keys(pilot, "f12")
        assert card.display
        card_text = shown_text(pilot, "ScenarioCard Static")
        assert "Marisol" in card_text and "preparation" in card_text
        assert "envelope in the glovebox" in card_text  # the hidden strengths: for the partner
        await keys(pilot, "f12")
        assert not card.display
        # f8: the transcript of the same contact, and back to the steps
        await keys(pilot, "f8")
        assert isinstance(app.screen, PracticeTalkScreen)
        assert app.screen.contact is screen.contact
        assert "envelope" not in shown_text(pilot, "ScenarioCard Static")  # a briefing only
        await keys(pilot, "f8")
        assert app.screen is screen
        # an empty contact ends without feedback and is dropped, as any empty contact
        await keys(pilot, "f10")
        assert isinstance(app.screen, CaseScreen)
        assert "PRACTICE" in shown_text(pilot, "PracticeMark")
    (path,) = practice_files(practice)
    assert read_case(path)[0].contacts == []


async def test_feedback_is_exported(app: SbcmApp, folders, tmp_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, "s")
        await say(pilot, LINES[0][0])
        await keys(pilot, "f10")
        assert isinstance(app.screen, FeedbackScreen)
        await keys(pilot, "f7")
        modal = app.screen
        assert isinstance(modal, ExportModal)
        await wait_for(pilot, lambda: bool(modal.query("#export-path")))
        fmt = modal.query_one("#export-format", Select)
        field = modal.query_one("#export-path", Input)
        fmt.value = "json"
        await pilot.pause()
        field.value = str(folders[0] / "feedback.json")  # the caseload folder: refused
        field.focus()
        await keys(pilot, "enter")
        assert app.screen is modal and "case folder" in shown_text(pilot, "#export-message")
        fmt.value = "md"
        await pilot.pause()
        target = tmp_path / "out" / "feedback.md"
        field.value = str(target)
        await keys(pilot, "enter")
        assert isinstance(app.screen, FeedbackScreen)
    assert not (folders[0] / "feedback.json").exists()
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Practice feedback: Marisol") and "## Interviewing" in text
    assert target.stat().st_mode & 0o077 == 0


async def test_f7_opens_the_one_export_dialog_on_this_contact(app: SbcmApp, tmp_path) -> None:
    """The feedback screen's f7 is the case's export dialog, the feedback and its contact
    chosen; the other kinds are still offered for the practice case."""
    app.export_folder = tmp_path / "exports"
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, "s")
        await say(pilot, LINES[0][0])
        await keys(pilot, "f10")
        assert isinstance(app.screen, FeedbackScreen)
        await keys(pilot, "f7")
        modal = app.screen
        assert isinstance(modal, ExportModal)
        await wait_for(pilot, lambda: bool(modal.query_one("#export-path", Input).value))
        assert (modal.kind, modal.contact) == ("feedback", 1)
        assert [k.name for k in modal.kinds] == list(KINDS)
        assert modal.query_one("#export-contact-row").display
        path = modal.query_one("#export-path", Input).value
        case = app.session.case  # type: ignore[union-attr]
        assert path.endswith(f"exports/{case.id}-feedback-contact-1.html")
        await keys(pilot, "ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, FeedbackScreen))
    written = tmp_path / "exports" / f"{case.id}-feedback-contact-1.html"
    assert written.read_bytes() == render_export(case, "feedback", "html", today=TODAY, contact=1)
    assert written.stat().st_mode & 0o077 == 0


def _markdown_lines(markdown: str) -> list[str]:
    """The section titles and list lines of a Markdown export, unescaped, in order."""
    kept = [
        line.split(" ", 1)[1] for line in markdown.splitlines() if line.startswith(("## ", "- "))
    ]
    return [re.sub(r"\\(.)", r"\1", line) for line in kept]


async def test_the_screen_and_the_export_hold_the_same_lines(app: SbcmApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot, "s")
        for line, _ in LINES:
            await say(pilot, line)
        await keys(pilot, "f10")
        assert isinstance(app.screen, FeedbackScreen)
        await pilot.pause()
        shown = shown_text(pilot, "#feedback-body Static").splitlines()
        case = app.session.case  # type: ignore[union-attr]
        markdown = render_export(case, "feedback", "md", today=TODAY, contact=1).decode()
    assert shown == _markdown_lines(markdown)
    assert shown[0] == "Interviewing" and "Lines coded: 4" in shown
    assert any(line.startswith("Missed, ") for line in shown)


async def test_caseload_never_lists_a_practice_case(app: SbcmApp, folders) -> None:
    """A practice file copied into the caseload folder by hand is still not listed there."""
    from sbcm_tui.practice.scenario import find_scenario, practice_case

    cases, _ = folders
    stray = practice_case(find_scenario(SCENARIO), date(2026, 11, 1))
    CaseStore(cases).create(stray)
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one(DataTable)
        await wait_for(pilot, lambda: table.row_count > 0)
        assert f"{stray.id}.toml" not in [str(key.value) for key in table.rows]
        assert "practice case file(s) here not listed" in str(
            app.screen.query_one("#caseload-title", Static).render()
        )


def test_practice_folder_must_not_be_in_the_caseload(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    assert practice_folder_problem(cases, cases)
    assert practice_folder_problem(cases / "practice", cases)
    assert practice_folder_problem(tmp_path / "cases-practice", cases) is None
