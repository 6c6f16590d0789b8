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
