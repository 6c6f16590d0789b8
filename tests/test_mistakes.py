"""A slip of a key never silently undoes something that matters (issue 10, finding 8).

Closing a safety concern asks why, and confirms; ending the protocol's closing contact
confirms; a disengaged or closed case can be reopened, with a reason kept on the case; a contact
recorded by mistake can be removed; a contact holding only whitespace is not a contact; the
new-case form asks before Escape throws away what was typed. The rules are tested as plain
functions first, then each the way a worker meets it: keys pressed in the running app.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static, TabbedContent

from sbcm_tui.core import casework
from sbcm_tui.core.case import (
    Case,
    CaseStatus,
    Client,
    Contact,
    NonStrength,
    NonStrengthKind,
    Strength,
    Task,
)
from sbcm_tui.exports import render_export
from sbcm_tui.files.casefile import read_case
from sbcm_tui.files.store import CaseStore
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.modals.close_concern import CloseConcernModal
from sbcm_tui.tui.modals.confirm import ConfirmModal
from sbcm_tui.tui.modals.end_work import EndWorkModal
from sbcm_tui.tui.modals.new_case import NewCaseModal
from sbcm_tui.tui.modals.reopen_case import ReopenCaseModal
from sbcm_tui.tui.screens.case import REOPEN_KEY, CaseScreen
from sbcm_tui.tui.screens.caseload import CaseloadScreen
from sbcm_tui.tui.screens.contact import ContactScreen
from sbcm_tui.tui.widgets.safety_banner import SafetyBanner
from tests.support import TODAY, caseload_loaded, type_text, wait_for

SIZE = (100, 30)


# --- the rules, without a screen ----------------------------------------------------------------


def a_note(kind: NonStrengthKind) -> NonStrength:
    return NonStrength(kind=kind, note="Said it crossed his mind", noted_on=TODAY)


@pytest.mark.parametrize("kind", [NonStrengthKind.SUICIDAL, NonStrengthKind.HARM_TO_OTHERS])
@pytest.mark.parametrize("words", [None, "", "  \n "])
def test_a_safety_concern_is_never_closed_without_a_word(
    kind: NonStrengthKind, words: str | None
) -> None:
    note = a_note(kind)
    with pytest.raises(ValueError, match="closing note"):
        casework.close_concern(note, TODAY, words)
    assert note.open and note.closed_on is None and note.closing_note is None


def test_closing_a_concern_keeps_why_and_reopening_takes_it_up_again() -> None:
    case = Case(
        client=Client(preferred_name="Jo"), non_strengths=[a_note(NonStrengthKind.SUICIDAL)]
    )
    [note] = case.non_strengths
    casework.close_concern(note, TODAY, "  Safety plan held for six weeks; agreed with Dr Lee. ")
    assert (note.open, note.closed_on) == (False, TODAY)
    assert note.closing_note == "Safety plan held for six weeks; agreed with Dr Lee."
    assert case.open_safety_concerns() == []

    casework.reopen_concern(note)
    # The closing note goes with the closing: an open concern that says why it was closed
    # would mislead a colleague. The case's earlier versions keep it.
    assert (note.open, note.closed_on, note.closing_note) == (True, None, None)
    assert case.open_safety_concerns() == [note]


def test_a_health_note_may_close_without_a_word() -> None:
    note = a_note(NonStrengthKind.PHYSICAL_HEALTH)
    casework.close_concern(note, TODAY, "   ")
    assert (note.open, note.closed_on, note.closing_note) == (False, TODAY, None)


def test_the_closing_contact_is_the_one_that_ends_the_work() -> None:
    case = Case(client=Client(preferred_name="Jo"))
    fifth, sixth = Contact(number=5, on=TODAY), Contact(number=6, on=TODAY)
    assert casework.contact_closes_case(case, fifth, closes_at=5)
    assert not casework.contact_closes_case(case, sixth, closes_at=5)
    case.status = CaseStatus.DISENGAGED
    assert not casework.contact_closes_case(case, fifth, closes_at=5)


@pytest.mark.parametrize("was", [CaseStatus.DISENGAGED, CaseStatus.CLOSED])
def test_reopening_a_case_keeps_when_from_what_and_why(was: CaseStatus) -> None:
    case = Case(client=Client(preferred_name="Jo"), status=was)
    with pytest.raises(ValueError, match="reason"):
        casework.reopen_case(case, TODAY, "  ")
    assert case.status is was and case.reopenings == []
    casework.reopen_case(case, TODAY, " Lost the flat; asked to start again. ")
    assert case.status is CaseStatus.ACTIVE
    assert [(r.on, r.was, r.reason) for r in case.reopenings] == [
        (TODAY, was, "Lost the flat; asked to start again.")
    ]
    with pytest.raises(ValueError, match="already active"):
        casework.reopen_case(case, TODAY, "again")
    assert len(case.reopenings) == 1
    markdown = render_export(case, "full", "md", today=TODAY).decode()
    assert "Lost the flat; asked to start again." in markdown


def test_removing_a_contact_leaves_nothing_pointing_at_it() -> None:
    """Strengths and tasks noted at the removed contact stay (they are the client's words and
    promises), no longer tied to it: its number is free again, and the next contact takes it."""
    case = Case(
        client=Client(preferred_name="Jo"),
        contacts=[
            Contact(number=1, on=TODAY - timedelta(days=7), summary="Met"),
            Contact(number=2, on=TODAY, summary="Recorded on the wrong case"),
        ],
        strengths=[
            Strength(domain="daily_living", words="Cooks", contact=1),
            Strength(domain="daily_living", words="Runs", contact=2),
        ],
        tasks=[Task(text="Call", contact=2), Task(text="Write", contact=1)],
    )
    removed = casework.remove_contact(case, case.contacts[1])
    assert removed.summary == "Recorded on the wrong case"
    assert [c.number for c in case.contacts] == [1]
    assert [(s.words, s.contact) for s in case.strengths] == [("Cooks", 1), ("Runs", None)]
    assert [(t.text, t.contact) for t in case.tasks] == [("Call", None), ("Write", 1)]
    Case.model_validate(case.model_dump())
    assert casework.start_contact(case, TODAY).number == 2
    assert casework.contact_is_empty(case, case.contacts[-1])


@pytest.mark.parametrize("field", ["summary", "notes", "carried_over"])
@pytest.mark.parametrize("blank", [" ", "\n\n", " \t \n"])
def test_whitespace_is_not_a_record(field: str, blank: str) -> None:
    case = Case(client=Client(preferred_name="Jo"))
    contact = casework.start_contact(case, TODAY)
    setattr(contact, field, blank)
    assert casework.contact_is_empty(case, contact)
    setattr(contact, field, blank + "x")
    assert not casework.contact_is_empty(case, contact)


# --- in the app ---------------------------------------------------------------------------------


async def keys(pilot: Pilot, *pressed: str) -> None:
    await pilot.press(*pressed)
    await pilot.pause()


async def open_demo_case(pilot: Pilot, name: str) -> CaseScreen:
    """The caseload, then the demo case in this file, as Enter on its row would open it."""
    app = pilot.app
    await caseload_loaded(pilot)
    assert isinstance(app.screen, CaseloadScreen)
    app.screen.open_case_file(name)
    await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, CaseScreen)
    return screen


async def to_tab(pilot: Pilot, screen: CaseScreen, tab: str, table: str) -> DataTable:
    screen.query_one(TabbedContent).active = tab
    await pilot.pause()
    found = screen.query_one(f"#{table}", DataTable)
    found.focus()
    await pilot.pause()
    return found


def saved(app: SbcmApp, name: str) -> Case:
    app.save_now()
    return read_case(app.store.root / name)[0]


def banner_up(screen: CaseScreen) -> bool:
    return screen.query_one(SafetyBanner).has_class("-open")


def shown(widget: Static) -> str:
    return str(widget.render())


async def test_space_on_a_suicide_concern_asks_why_before_closing(demo_app: SbcmApp) -> None:
    app = demo_app
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_demo_case(pilot, "c-demo-marcus.toml")
        await to_tab(pilot, screen, "tab-safety", "concerns")
        note = screen.case.non_strengths[0]
        assert note.kind is NonStrengthKind.SUICIDAL and note.open and banner_up(screen)

        await keys(pilot, "space")
        assert isinstance(app.screen, CloseConcernModal)
        await keys(pilot, "enter")  # nothing written: refused, said why, still asking
        assert isinstance(app.screen, CloseConcernModal) and note.open
        assert "needed" in shown(app.screen.query_one("#reason-message", Static))
        await keys(pilot, "escape")  # nothing typed: cancels at once
        assert app.screen is screen and note.open and banner_up(screen)

        await keys(pilot, "space")
        await type_text(pilot, "Six weeks without thoughts; [b]agreed[/b] with Dr Lee")
        await keys(pilot, "escape")  # words typed: asks before letting them go
        assert isinstance(app.screen, ConfirmModal)
        await keys(pilot, "n")
        assert isinstance(app.screen, CloseConcernModal)
        await keys(pilot, "enter")
        assert app.screen is screen
        assert not note.open and note.closed_on == TODAY
        assert note.closing_note == "Six weeks without thoughts; [b]agreed[/b] with Dr Lee"
        assert not banner_up(screen)
        on_disk = saved(app, "c-demo-marcus.toml").non_strengths[0]
        assert (on_disk.open, on_disk.closing_note) == (False, note.closing_note)

        await keys(pilot, "space")  # reopening asks too
        assert isinstance(app.screen, ConfirmModal)
        await keys(pilot, "escape")
        assert not note.open and not banner_up(screen)
        await keys(pilot, "space", "y")
        assert note.open and note.closed_on is None and banner_up(screen)
        assert saved(app, "c-demo-marcus.toml").non_strengths[0].open


async def test_ending_the_closing_contact_asks_first(demo_app: SbcmApp) -> None:
    """Reggie is at contact 4 of 5: ending contact 5 ends the work, so it asks, by name."""
    app = demo_app
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_demo_case(pilot, "c-demo-reggie.toml")
        await keys(pilot, "c")
        contact_screen = app.screen
        assert isinstance(contact_screen, ContactScreen)
        assert contact_screen.contact is not None and contact_screen.contact.number == 5
        await keys(pilot, "ctrl+g")  # a step covered: the contact happened

        await keys(pilot, "f10")
        assert isinstance(app.screen, ConfirmModal)  # the plan first: it was not gone over
        await keys(pilot, "y")
        assert isinstance(app.screen, EndWorkModal)
        question = shown(app.screen.query_one("#end-question", Static))
        assert "This ends the work with Reggie Boone" in question and "disengaged" in question
        await keys(pilot, "escape")
        assert app.screen is contact_screen
        assert screen.case.status is CaseStatus.ACTIVE
        assert contact_screen.contact.minutes is None  # not ended

        await keys(pilot, "f10", "y", "enter")
        assert app.screen is screen
        assert screen.case.status is CaseStatus.DISENGAGED
        case = saved(app, "c-demo-reggie.toml")
        assert case.status is CaseStatus.DISENGAGED and case.contacts[-1].minutes is not None


async def test_a_disengaged_case_is_reopened_with_a_reason(demo_app: SbcmApp) -> None:
    app = demo_app
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_demo_case(pilot, "c-demo-ruth.toml")
        assert screen.case.status is CaseStatus.DISENGAGED
        await keys(pilot, "c")
        assert app.screen is screen
        [told] = [n.message for n in app._notifications]
        assert "reopen it before another contact" in told and f"press {REOPEN_KEY}" in told

        await keys(pilot, REOPEN_KEY)
        assert isinstance(app.screen, ReopenCaseModal)
        await keys(pilot, "enter")  # a reason is needed
        assert isinstance(app.screen, ReopenCaseModal)
        await type_text(pilot, "Her knee surgery: asked for help again")
        await keys(pilot, "enter")
        assert app.screen is screen
        assert screen.case.status is CaseStatus.ACTIVE
        [reopening] = screen.case.reopenings
        assert (reopening.on, reopening.was) == (TODAY, CaseStatus.DISENGAGED)
        assert reopening.reason == "Her knee surgery: asked for help again"
        glance = shown(screen.query_one("#glance", Static))
        assert "Reopened" in glance and "Her knee surgery: asked for help again" in glance
        assert "Typed in a form" not in glance  # the form closed: its words are not left over
        assert saved(app, "c-demo-ruth.toml").reopenings == [reopening]

        await keys(pilot, "c")  # and the next contact can begin
        assert isinstance(app.screen, ContactScreen)
        assert app.screen.contact is not None and app.screen.contact.number == 6


async def test_escape_on_the_reopen_form_changes_nothing(demo_app: SbcmApp) -> None:
    app = demo_app
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_demo_case(pilot, "c-demo-ruth.toml")
        await keys(pilot, REOPEN_KEY)
        assert isinstance(app.screen, ReopenCaseModal)
        await keys(pilot, "escape")
        assert app.screen is screen
        assert screen.case.status is CaseStatus.DISENGAGED and screen.case.reopenings == []


async def test_a_contact_recorded_by_mistake_can_be_removed(demo_app: SbcmApp) -> None:
    app = demo_app
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_demo_case(pilot, "c-demo-marcus.toml")
        table = await to_tab(pilot, screen, "tab-contacts", "contacts")
        assert [c.number for c in screen.case.contacts] == [1, 2, 3]
        assert table.cursor_row == 0  # the latest first: contact 3

        await keys(pilot, "x")
        assert isinstance(app.screen, ConfirmModal)
        assert "earlier versions" in app.screen.detail
        await keys(pilot, "escape")
        assert [c.number for c in screen.case.contacts] == [1, 2, 3]

        await keys(pilot, "x", "y")
        assert app.screen is screen
        assert [c.number for c in screen.case.contacts] == [1, 2]
        assert table.row_count == 2
        case = saved(app, "c-demo-marcus.toml")
        assert [c.number for c in case.contacts] == [1, 2]
        assert all(s.contact != 3 for s in case.strengths)
        assert all(t.contact != 3 for t in case.tasks)


async def test_a_character_typed_and_deleted_is_not_a_contact(tmp_path: Path) -> None:
    """The reported path: something typed, then deleted, then f10. The case must not gain a
    contact, nor move on to the next contact number."""
    opened = CaseStore(tmp_path).create(Case(client=Client(preferred_name="Jo")))
    app = SbcmApp(CaseStore(tmp_path), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await caseload_loaded(pilot, rows=1)
        await keys(pilot, "enter", "c")
        assert isinstance(app.screen, ContactScreen)
        await type_text(pilot, "x")  # into the strength being typed, at the first step
        await keys(pilot, "backspace")
        await keys(pilot, *["ctrl+n"] * 5)  # to the summary
        await type_text(pilot, " a")
        await keys(pilot, "backspace", "backspace")
        await keys(pilot, "f10")
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        assert screen.case.contacts == [] and screen.case.next_contact_number() == 1
    case = read_case(opened.path)[0]
    assert case.contacts == [] and case.strength_draft is None


async def test_escape_on_a_filled_new_case_form_asks_first(tmp_path: Path) -> None:
    app = SbcmApp(CaseStore(tmp_path), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await keys(pilot, "n")
        assert isinstance(app.screen, NewCaseModal)
        await keys(pilot, "escape")  # nothing typed: closes at once
        assert isinstance(app.screen, CaseloadScreen)

        await keys(pilot, "n")
        await type_text(pilot, "Jo Bloggs")
        await keys(pilot, "escape")
        assert isinstance(app.screen, ConfirmModal)
        assert app.screen.question == "Discard what you typed?"
        await keys(pilot, "escape")  # keeps
        form = app.screen
        assert isinstance(form, NewCaseModal)
        assert form.query_one("#fact-preferred_name", Input).value == "Jo Bloggs"
        await keys(pilot, "escape", "y")
        assert isinstance(app.screen, CaseloadScreen)
    assert list(CaseStore(tmp_path).root.glob("*.toml")) == []


async def test_the_new_case_form_lets_go_of_a_problem_once_it_is_fixed(tmp_path: Path) -> None:
    app = SbcmApp(CaseStore(tmp_path), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await keys(pilot, "n")
        form = app.screen
        assert isinstance(form, NewCaseModal)
        await keys(pilot, "ctrl+s")  # no name yet: said, and the form stays
        error = form.query_one("#error", Static)
        assert "name" in str(error.content)
        await type_text(pilot, "Jo")
        assert str(error.content) == ""  # the name is there now: nothing left to say
        assert form.query_one("#fact-preferred_name", Input).value == "Jo"
        assert app.screen is form


async def test_ending_a_contact_with_the_plan_not_gone_over_asks_and_leads_to_it(
    demo_app: SbcmApp,
) -> None:
    """The plan is reviewed at every meeting: f10 with items not gone over says how many and
    offers the review (n) before ending anyway (y); the review step's foot says how far it
    is even while the plan is scrolled out of sight; once every item is gone over, f10 ends."""
    app = demo_app
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_demo_case(pilot, "c-demo-marcus.toml")
        await keys(pilot, "c")
        contact_screen = app.screen
        assert isinstance(contact_screen, ContactScreen)
        ahead = contact_screen.query_one("#plan-ahead", Static)
        assert "0 of 6 gone over" in shown(ahead) and ahead.region.height == 1  # on screen
        await keys(pilot, "ctrl+g")  # a step covered: the contact happened

        await keys(pilot, "f10")
        assert isinstance(app.screen, ConfirmModal)
        assert "0 of 6 items gone over" in app.screen.question
        await keys(pilot, "n")
        assert app.screen is contact_screen and contact_screen.contact.minutes is None
        plan = contact_screen.query_one("#plan")
        assert app.focused is plan  # the plan itself, ready for d / p / v / x
        for index in range(6):
            await keys(pilot, *(["down"] if index else []), "d")
        assert "all 6 gone over" in shown(ahead)

        await keys(pilot, "f10")
        assert app.screen is screen  # ended, with no question
        assert screen.case.contacts[-1].minutes is not None
