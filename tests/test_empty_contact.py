"""A contact with nothing recorded in it never reaches the file as a contact that happened.

A kill (or a flat battery) leaves on disk whatever the last save wrote. Each app test copies the
case file while the app is still running, which is exactly what a kill would leave, then opens
that copy in a new app. The contact must appear only once something is recorded in it, and a
single word recorded must survive.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

from textual.pilot import Pilot

from sbcm_tui.core import casework
from sbcm_tui.core.case import Case, Client, Contact, ContactMedium, Goal, Strength, Task
from sbcm_tui.files.casefile import read_case
from sbcm_tui.files.store import CaseStore
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.saving import AUTOSAVE_DELAY
from sbcm_tui.tui.screens.case import CaseScreen
from sbcm_tui.tui.screens.contact import ContactScreen
from tests.test_contact_flow import focused_id, keys, tab_to, type_text

TODAY = date(2026, 11, 20)
SIZE = (100, 30)
STEPS_TO_SUMMARY = 5  # contact 1: engagement, strengths, goals, barriers, linkage, summary


# --- the rules, without a screen ----------------------------------------------------------------


def a_case(*contacts: Contact) -> Case:
    return Case(client=Client(preferred_name="Jo"), contacts=list(contacts))


def test_a_started_contact_is_empty_until_something_is_recorded() -> None:
    case = a_case()
    contact = casework.start_contact(case, TODAY)
    assert casework.contact_is_empty(case, contact)
    contact.medium = ContactMedium.PHONE  # how they met is not yet a record of the meeting
    assert casework.contact_is_empty(case, contact)
    for record in (
        {"minutes": 0},  # an ended contact always has its minutes
        {"summary": "Hopeful"},
        {"notes": "x"},
        {"carried_over": "y"},
        {"steps_done": ["engagement"]},
    ):
        assert not casework.contact_is_empty(case, contact.model_copy(update=record)), record
    case.strengths.append(Strength(domain="daily_living", words="Cooks", contact=1))
    assert not casework.contact_is_empty(case, contact)
    case.strengths.clear()
    case.tasks.append(Task(text="Call", contact=1))
    assert not casework.contact_is_empty(case, contact)


def test_an_empty_contact_left_behind_is_carried_on_not_skipped() -> None:
    first = Contact(number=1, on=TODAY - timedelta(days=7), summary="Met at the library")
    left = Contact(number=2, on=TODAY - timedelta(days=3))
    case = a_case(first, left)
    assert casework.contact_to_resume(case) is left
    resumed = casework.begin_contact(case, TODAY)
    assert resumed is left and resumed.on == TODAY
    assert [c.number for c in case.contacts] == [1, 2]
    resumed.summary = "Talked about work"
    assert casework.contact_to_resume(case) is None
    assert casework.begin_contact(case, TODAY).number == 3


def test_start_contact_itself_always_starts_the_next_one() -> None:
    case = a_case(Contact(number=1, on=TODAY))
    assert casework.start_contact(case, TODAY).number == 2


# --- in the app ---------------------------------------------------------------------------------


def new_case(folder: Path, *contacts: Contact) -> Path:
    """One case on disk (with these contacts), and its path."""
    return CaseStore(folder).create(a_case(*contacts)).path


def app_on(path: Path, today: date = TODAY) -> SbcmApp:
    """The app over the folder that holds this case file."""
    return SbcmApp(CaseStore(path.parent), today=today)


def killed_now(path: Path, elsewhere: Path) -> Path:
    """What a kill at this moment would leave: the file's bytes as they are, in another folder."""
    elsewhere.mkdir(exist_ok=True)
    return Path(shutil.copy(path, elsewhere / path.name))


async def past_autosave(pilot: Pilot) -> None:
    """Long enough for any pending autosave to have reached the disk."""
    await pilot.pause(AUTOSAVE_DELAY + 0.3)


async def open_and_start(pilot: Pilot) -> ContactScreen:
    await keys(pilot, "enter")
    assert isinstance(pilot.app.screen, CaseScreen)
    await keys(pilot, "c")
    screen = pilot.app.screen
    assert isinstance(screen, ContactScreen)
    return screen


async def test_a_kill_right_after_starting_leaves_no_contact(tmp_path: Path) -> None:
    path = new_case(tmp_path / "cases")
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_and_start(pilot)
        assert screen.contact is not None and screen.contact.number == 1
        await past_autosave(pilot)
        left = killed_now(path, tmp_path / "after-kill")
        assert read_case(left)[0].contacts == []

    reopened = app_on(left, TODAY + timedelta(days=1))
    async with reopened.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_and_start(pilot)
        assert screen.contact is not None and screen.contact.number == 1


async def test_pending_case_edits_are_saved_before_the_contact_starts(tmp_path: Path) -> None:
    """An edit on the case screen still waiting for its autosave must not carry the new,
    empty contact to the file with it."""
    path = new_case(tmp_path / "cases")
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await keys(pilot, "enter")
        await tab_to(pilot, "fact-pronouns")
        await type_text(pilot, "she/her")
        await keys(pilot, "shift+tab", "shift+tab")  # to the tab bar, where c is a key again
        await keys(pilot, "c")
        assert isinstance(app.screen, ContactScreen)
        await past_autosave(pilot)
        saved, _ = read_case(path)
        assert saved.client.pronouns == "she/her"
        assert saved.contacts == []


async def test_one_word_recorded_keeps_the_contact(tmp_path: Path) -> None:
    path = new_case(tmp_path / "cases")
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await open_and_start(pilot)
        await keys(pilot, *["ctrl+n"] * STEPS_TO_SUMMARY)
        assert focused_id(pilot) == "summary"
        await type_text(pilot, "Hopeful")  # one word, no Enter, no step done
        await past_autosave(pilot)
        left = killed_now(path, tmp_path / "after-kill")

    saved, _ = read_case(left)
    assert [(c.number, c.on, c.summary) for c in saved.contacts] == [(1, TODAY, "Hopeful")]


async def test_an_empty_contact_in_an_older_file_is_carried_on(tmp_path: Path) -> None:
    """A file written before this fix may end with an empty contact: the case says so, and
    starting a contact takes it up (dated today) instead of making it look like it happened."""
    met = Contact(number=1, on=TODAY - timedelta(days=14), summary="Met at the library", minutes=40)
    left = Contact(number=2, on=TODAY - timedelta(days=7))
    path = new_case(tmp_path / "cases", met, left)
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await keys(pilot, "enter")
        glance = str(app.screen.query_one("#glance").render())
        assert "Contact 2 was started" in glance and "carry on" in glance
        await keys(pilot, "c")
        screen = app.screen
        assert isinstance(screen, ContactScreen) and screen.contact is not None
        assert screen.contact.number == 2
        assert focused_id(pilot) == "carried"  # contact 2 opens with what was carried over
        await type_text(pilot, "The dog is better")
        await keys(pilot, "f10")
        assert isinstance(app.screen, CaseScreen)

    saved, _ = read_case(path)
    assert [(c.number, c.on) for c in saved.contacts] == [(1, met.on), (2, TODAY)]
    assert saved.contacts[1].carried_over == "The dog is better"
    assert saved.contacts[1].minutes is not None


async def test_ending_a_contact_keeps_it_when_something_else_was_recorded(tmp_path: Path) -> None:
    """A goal is kept in the plan, not in the contact: the contact still happened."""
    path = new_case(tmp_path / "cases")
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = await open_and_start(pilot)
        await keys(pilot, "ctrl+n", "ctrl+n")
        await keys(pilot, "g")
        await type_text(pilot, "My own place")
        await keys(pilot, "tab", "tab", "space", "ctrl+s")
        assert [g.words for g in screen.session.case.goals] == ["My own place"]
        await keys(pilot, "f10")
        assert isinstance(app.screen, CaseScreen)

    saved, _ = read_case(path)
    assert [c.number for c in saved.contacts] == [1]
    assert isinstance(saved.goals[0], Goal)
