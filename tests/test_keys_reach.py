"""Keys that act on one list work from anywhere in their step, not only once that list has the
focus (issue finding: `r` and `>` did nothing until the right list was Tabbed to)."""

from __future__ import annotations

from textual.widgets import OptionList

from sbcm_tui.core.case import ReferralStatus
from sbcm_tui.tui.screens.contact import ContactScreen
from tests.support import caseload_loaded, wait_for


async def marcus_contact(pilot) -> ContactScreen:
    """Marcus's case opened and his fourth contact started."""
    app = pilot.app
    await caseload_loaded(pilot)
    app.screen.open_case_file("c-demo-marcus.toml")
    await wait_for(pilot, lambda: bool(app.screen.query("#fact-living_situation")))
    await pilot.press("c")
    screen = app.screen
    assert isinstance(screen, ContactScreen)
    return screen


async def test_refer_and_the_ladder_work_from_either_list(demo_app) -> None:
    app = demo_app
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await marcus_contact(pilot)
        screen.jump_to("linkage")
        await pilot.pause()
        pane = screen.query_one("#step-linkage")
        resources = pane.query_one("#resources", OptionList)
        referrals = pane.query_one("#referrals", OptionList)
        case = screen.session.case

        referrals.focus()
        await pilot.pause()
        await pilot.press("r")  # the resource highlighted in the other list
        assert pane.query_one("#referral-form").has_class("-open")
        await pilot.press("escape")

        resources.focus()
        await pilot.pause()
        referrals.highlighted = 0
        [referral] = [r for r in case.referrals if r.id == referrals.get_option_at_index(0).id]
        before = referral.status
        await pilot.press(">")  # the referral highlighted in the other list, one rung up
        assert referral.status is not before or before is ReferralStatus.RETAINED


async def test_a_note_made_in_a_contact_is_tied_to_it(demo_app) -> None:
    """f2 in contact 4 keeps the note with contact 4's number (its progress note is found by
    number, so a second contact the same day does not take it)."""
    from tests.support import type_text

    app = demo_app
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await marcus_contact(pilot)
        await pilot.press("f2")
        await pilot.press("enter", "tab")  # the first kind, then the note
        await type_text(pilot, "Said the nights are better")
        await pilot.press("ctrl+s")
        note = screen.session.case.non_strengths[-1]
        assert note.note == "Said the nights are better" and note.contact == 4


async def test_f4_shows_the_whole_case_over_the_contact_and_escape_returns(demo_app) -> None:
    from sbcm_tui.tui.screens.review import ReviewScreen

    async with demo_app.run_test(size=(80, 24)) as pilot:
        screen = await marcus_contact(pilot)
        await pilot.press("f4")
        assert isinstance(demo_app.screen, ReviewScreen)
        assert demo_app.screen.session is screen.session  # the case as it is, unsaved words too
        await pilot.press("escape")
        assert demo_app.screen is screen and screen.contact.minutes is None  # still going


async def test_a_contact_paused_is_carried_on_with_the_same_day(demo_app) -> None:
    """shift+f10 steps out of the contact without ending it: the case says it is paused, and c
    carries on with the same contact (its steps covered kept, its clock going on from the
    minutes so far), not a new one."""
    from sbcm_tui.core import casework
    from sbcm_tui.tui.screens.case import CaseScreen
    from tests.support import screen_text

    async with demo_app.run_test(size=(80, 24)) as pilot:
        screen = await marcus_contact(pilot)
        contact = screen.contact
        await pilot.press("ctrl+g")  # the first step covered
        screen.clock = type(screen.clock)(already=12 * 60)  # twelve minutes in
        await pilot.press("shift+f10")
        assert isinstance(demo_app.screen, CaseScreen)
        assert contact.paused_on == demo_app.today and contact.minutes == 12
        assert "Contact 4 is paused (12 minutes so far)" in screen_text(demo_app)

        await pilot.press("c")
        again = demo_app.screen
        assert isinstance(again, ContactScreen) and again.contact is contact
        assert contact.paused_on is None and contact.steps_done
        assert again.clock.minutes() == 12
        case = again.session.case
        assert [c.number for c in case.contacts].count(4) == 1
        # paused on an earlier day: it stands as it was left, and the next c is a new contact
        contact.paused_on = demo_app.today.replace(day=1)
        assert casework.paused_contact(case, demo_app.today) is None


async def test_pausing_a_contact_with_nothing_in_it_drops_it(demo_app) -> None:
    """Paused, an empty contact would stand as a meeting that did not happen: it is dropped, as
    f10 drops it, and the next c starts it again."""
    from sbcm_tui.tui.screens.case import CaseScreen

    async with demo_app.run_test(size=(80, 24)) as pilot:
        screen = await marcus_contact(pilot)
        case = screen.session.case
        await pilot.press("shift+f10")
        assert isinstance(demo_app.screen, CaseScreen)
        assert [c.number for c in case.contacts] == [1, 2, 3]
        assert all(c.paused_on is None for c in case.contacts)


async def test_the_keys_bar_works_the_keys_out_once_for_changes_made_together(
    monkeypatch,
) -> None:
    """A step move says twice that the keys may have changed (the focus leaves, then lands):
    the bar works them out once, after the handler, and shows the keys as they are then."""
    from textual.app import App

    from sbcm_tui.tui.widgets.keys_bar import KeysBar

    class Keys(App[None]):
        BINDINGS = [("x", "ring", "Ring")]

        def compose(self):
            yield KeysBar()

        def action_ring(self) -> None:
            pass

    app = Keys()
    async with app.run_test(size=(60, 5)) as pilot:
        bar = app.query_one(KeysBar)
        worked_out = []
        real = KeysBar._show_keys
        monkeypatch.setattr(KeysBar, "_show_keys", lambda self: (worked_out.append(1), real(self)))
        app.screen.refresh_bindings()
        app.screen.refresh_bindings()
        await pilot.pause()
        assert worked_out == [1]
        assert "x Ring" in str(bar.render())
