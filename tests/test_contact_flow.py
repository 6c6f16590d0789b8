"""The guided session end to end: a new case through the five contacts, keyboard only.

Everything here is done the way a case manager would do it: keys pressed in the running app at
100x30 on an empty case folder. No clicks, no edits to the model, no calls to screen methods.
The only thing the test moves by hand is the calendar (``app.fixed_today``), a week between
meetings, so that dates in the file mean something. What counts is what reached the disk: the
file is read back with ``read_case`` and checked with ``sbcm validate``.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import ContentSwitcher, TabbedContent

from sbcm_tui.cli import main as sbcm
from sbcm_tui.core.case import (
    CaseStatus,
    ContactMedium,
    NonStrengthKind,
    ObjectiveStatus,
    ReferralStatus,
    ResourceKind,
    ReviewStatus,
    StrengthKind,
    TaskOwner,
)
from sbcm_tui.files.casefile import read_case
from sbcm_tui.files.store import CaseStore
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.modals.confirm import ConfirmModal
from sbcm_tui.tui.modals.conflict import ConflictModal
from sbcm_tui.tui.modals.end_work import EndWorkModal
from sbcm_tui.tui.screens.case import CaseScreen
from sbcm_tui.tui.screens.contact import ContactScreen
from sbcm_tui.tui.widgets.safety_banner import SafetyBanner
from tests.support import DEMO, choice_armed, type_text, wait_for

SIZE = (100, 30)
NEXT_STEP = "ctrl+n"
STEP_DONE = "ctrl+g"  # marks the step done and moves on
END_CONTACT = "f10"  # ends the contact and saves at once
FIRST_MEETING = date(2026, 11, 2)  # a Monday; each meeting is a week after the one before


# --- small helpers: each one is what a worker does with a few keys ---------------------------


async def keys(pilot: Pilot, *pressed: str) -> None:
    """Press keys, then let the screens settle."""
    await pilot.press(*pressed)
    await pilot.pause()


async def clear_field(pilot: Pilot) -> None:
    """Empty the focused Input: to its start, then delete everything to the right."""
    await keys(pilot, "home", "ctrl+k")


async def choose(pilot: Pilot, downs: int) -> None:
    """On a focused Select: open it, move down ``downs`` options, take that one."""
    await keys(pilot, "enter")
    await keys(pilot, *(["down"] * downs), "enter")


async def tab_to(pilot: Pilot, widget_id: str, limit: int = 12) -> None:
    """Tab forward until the field with this id has the focus."""
    for _ in range(limit):
        if focused_id(pilot) == widget_id:
            return
        await keys(pilot, "tab")
    assert focused_id(pilot) == widget_id


def focused_id(pilot: Pilot) -> str | None:
    focused = pilot.app.screen.focused
    return focused.id if focused is not None else None


def current_step(pilot: Pilot) -> str:
    """The id of the step the contact screen shows."""
    screen = pilot.app.screen
    assert isinstance(screen, ContactScreen), type(screen).__name__
    return (screen.query_one(ContentSwitcher).current or "").removeprefix("step-")


async def at_step(pilot: Pilot, step: str) -> None:
    await pilot.pause()
    assert current_step(pilot) == step


async def step_done(pilot: Pilot, next_step: str | None = None) -> None:
    """This step is covered: mark it done; the screen moves to the next one."""
    await keys(pilot, STEP_DONE)
    if next_step is not None:
        await at_step(pilot, next_step)


async def skip_step(pilot: Pilot, next_step: str) -> None:
    """Move on without marking the step done."""
    await keys(pilot, NEXT_STEP)
    await at_step(pilot, next_step)


def a_week_later(app: SbcmApp) -> None:
    """The calendar moves on to the next meeting (the app reads today from here)."""
    assert app.fixed_today is not None
    app.fixed_today += timedelta(days=7)


# --- the case and the contact ----------------------------------------------------------------


async def create_case(pilot: Pilot, name: str, pronouns: str, age: str, living: str) -> None:
    """Caseload: ctrl+n opens the short form; Enter moves to the next field; ctrl+s creates."""
    await keys(pilot, "ctrl+n")
    assert focused_id(pilot) == "fact-preferred_name"
    for text in (name, pronouns, age, living):
        await type_text(pilot, text)
        await keys(pilot, "enter")
    await keys(pilot, "ctrl+s")
    assert isinstance(pilot.app.screen, CaseScreen)


async def start_contact(pilot: Pilot, number: int, first_step: str) -> None:
    """Case screen: c starts the next contact."""
    await keys(pilot, "c")
    screen = pilot.app.screen
    assert isinstance(screen, ContactScreen)
    assert screen.contact is not None and screen.contact.number == number
    await at_step(pilot, first_step)


async def end_contact(pilot: Pilot, path: Path, number: int) -> None:
    """End the contact: it is saved at once, so the file already holds it. The closing
    contact asks first (it ends the work with the client): Enter ends it."""
    await keys(pilot, END_CONTACT)
    if isinstance(pilot.app.screen, EndWorkModal):
        await keys(pilot, "enter")
    assert isinstance(pilot.app.screen, CaseScreen)
    saved, _ = read_case(path)
    assert [c.number for c in saved.contacts] == list(range(1, number + 1))


async def record_safety_note(pilot: Pilot, note: str, follow_up: str) -> None:
    """f2 from anywhere in the case: the first kind (suicidal thoughts), the note, follow-up."""
    await keys(pilot, "f2")
    assert focused_id(pilot) == "ns-kind"
    await keys(pilot, "enter", "tab")  # choose the first kind, then to the note
    await type_text(pilot, note)
    await keys(pilot, "tab")
    await type_text(pilot, follow_up)
    await keys(pilot, "ctrl+s")


# --- engagement and strengths ----------------------------------------------------------------


async def note_strength(pilot: Pilot, words: str, area: str | None = None, kind: int = 0) -> None:
    """In the capture field: ctrl+o picks a life area by its first letters, ctrl+k the kind
    (0 now, 1 wants, 2 in the past), Enter notes the strength."""
    assert focused_id(pilot) == "capture-words"
    if area is not None:
        await keys(pilot, "ctrl+o")
        await type_text(pilot, area)
        await keys(pilot, "enter")
    await keys(pilot, *(["ctrl+k"] * kind))
    await type_text(pilot, words)
    await keys(pilot, "enter")


# --- goal setting ----------------------------------------------------------------------------


async def add_goal(pilot: Pilot, words: str, area_downs: int) -> None:
    """g: the goal in their words, a life area, and the tick that it is legal and not hurtful."""
    await keys(pilot, "g")
    await type_text(pilot, words)
    await keys(pilot, "tab")
    await choose(pilot, area_downs)
    await keys(pilot, "tab", "space", "ctrl+s")


async def add_objective(pilot: Pilot, text: str, measure: str, target: str) -> None:
    """o: what exactly, how both will know, by when (any date form a worker types)."""
    await keys(pilot, "o")
    assert focused_id(pilot) == "objective-text"
    await type_text(pilot, text)
    await keys(pilot, "tab")
    await type_text(pilot, measure)
    await keys(pilot, "tab")
    await type_text(pilot, target)
    await keys(pilot, "enter")


async def add_strategy(
    pilot: Pilot, step: str, who_downs: int, target: str, name: str | None = None
) -> None:
    """s on an objective: the baby step, who does it (the client is offered first), by when."""
    await keys(pilot, "s")
    assert focused_id(pilot) == "strategy-step"
    await type_text(pilot, step)
    await keys(pilot, "tab")
    if who_downs:
        await choose(pilot, who_downs)
    await keys(pilot, "tab")
    if name is not None:  # "someone else": their name first
        await type_text(pilot, name)
        await keys(pilot, "tab")
    await type_text(pilot, target)
    await keys(pilot, "enter")


# --- barriers and linkage --------------------------------------------------------------------


async def add_barrier(pilot: Pilot, text: str, objective_number: int) -> None:
    """b: the barrier, and the objective it stands in the way of (1 = the first open one)."""
    await keys(pilot, "b")
    await type_text(pilot, text)
    await keys(pilot, "tab")
    await choose(pilot, objective_number)
    await keys(pilot, "ctrl+s")


async def add_resource(pilot: Pilot, name: str, kind_downs: int, reach: str) -> None:
    """a: a resource's name, its kind (formal first), how to reach it; Enter saves."""
    await keys(pilot, "a")
    await type_text(pilot, name)
    await keys(pilot, "tab")
    if kind_downs:
        await choose(pilot, kind_downs)
    await keys(pilot, "tab")
    await type_text(pilot, reach)
    await keys(pilot, "enter")
    assert focused_id(pilot) == "resources"


async def refer(pilot: Pilot, purpose: str, objective_number: int) -> None:
    """r on the highlighted resource: the objective it serves, what for; Enter: suggested."""
    await keys(pilot, "r")
    await keys(pilot, "tab")
    await choose(pilot, objective_number)
    await keys(pilot, "shift+tab")
    await type_text(pilot, purpose)
    await keys(pilot, "enter")
    assert focused_id(pilot) == "referrals"


async def climb_referral(pilot: Pilot) -> None:
    """From the resources list to the referrals list, then > moves it one rung up."""
    assert focused_id(pilot) == "resources"
    await keys(pilot, "tab")
    assert focused_id(pilot) == "referrals"
    await keys(pilot, ">")


# --- review ----------------------------------------------------------------------------------


async def carry_over(pilot: Pilot, issues: str | None) -> None:
    """The issues the client brings back today; Escape leaves the text for the plan."""
    assert focused_id(pilot) == "carried"
    if issues:
        await type_text(pilot, issues)
    await keys(pilot, "escape")
    assert focused_id(pilot) == "plan"


async def review_plan(pilot: Pilot, *decisions: str) -> None:
    """One key per open item, top to bottom: d done, p under way, x dropped (v: revised)."""
    for index, decision in enumerate(decisions):
        if index:
            await keys(pilot, "down")
        await keys(pilot, decision)


async def tick_tasks(pilot: Pilot, count: int) -> None:
    """From the plan back to the tasks promised; space marks each done."""
    await keys(pilot, "shift+tab")
    assert focused_id(pilot) == "tasks"
    for index in range(count):
        if index:
            await keys(pilot, "down")
        await keys(pilot, "space")


# --- summary ---------------------------------------------------------------------------------


async def write_summary(
    pilot: Pilot,
    summary: str,
    notes: str = "",
    *,
    phone: bool = False,
    minutes: str = "",
    next_meeting: str = "",
) -> None:
    """The summary, private notes, how you met and for how long, the next meeting; the focus
    ends on the task list."""
    assert focused_id(pilot) == "summary"
    await type_text(pilot, summary)
    await keys(pilot, "tab")
    await type_text(pilot, notes)
    await keys(pilot, "tab")
    if phone:
        await choose(pilot, 1)
    await keys(pilot, "tab")
    await type_text(pilot, minutes)
    await keys(pilot, "tab")
    await type_text(pilot, next_meeting)
    await keys(pilot, "tab")
    assert focused_id(pilot) == "tasks"


async def add_tasks(pilot: Pilot, *tasks: tuple[str, TaskOwner, str]) -> None:
    """t opens the task form; each task: words, who (you first), due; Escape closes it."""
    await keys(pilot, "t")
    for text, owner, due in tasks:
        assert focused_id(pilot) == "task-text"
        await type_text(pilot, text)
        await keys(pilot, "tab")
        if owner is TaskOwner.CLIENT:
            await choose(pilot, 1)
        await keys(pilot, "tab")
        await type_text(pilot, due)
        await keys(pilot, "enter")
    await keys(pilot, "escape")
    assert focused_id(pilot) == "tasks"


# --- the acceptance test ---------------------------------------------------------------------


async def test_five_contacts_keyboard_only(tmp_path: Path) -> None:
    app = SbcmApp(CaseStore(tmp_path), today=FIRST_MEETING)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await create_case(pilot, "Jo Bloggs", "she/her", "34", "Women's shelter on Elm St")
        [path] = tmp_path.glob("*.toml")

        # ---- contact 1, Mon 2 Nov: building the relationship -----------------------------
        await start_contact(pilot, 1, "engagement")
        # engagement: strengths as soon as they are heard, of different kinds and areas
        await note_strength(pilot, "I cook for everyone on my street")
        await note_strength(pilot, "I ran the city half marathon twice", area="hea", kind=2)
        await note_strength(pilot, "I want to see my brother again", area="soc", kind=1)
        await step_done(pilot, "strengths")
        # strengths: Enter on the highlighted prompt from the bank ties the next strength to it
        assert focused_id(pilot) == "prompts"
        await keys(pilot, "enter")
        await note_strength(pilot, "Kept the same job at the bakery for six years", area="wor")
        await step_done(pilot, "goals")
        # goals: the goal in her words, two objectives, a baby step under each
        await add_goal(pilot, "I want my own place, somewhere quiet", area_downs=1)
        await add_objective(
            pilot, "Hand in the Westside housing application", "Jo shows me the receipt", "+2w"
        )
        await add_strategy(pilot, "Pick up the form at the housing office", 1, "fri")
        await add_objective(pilot, "View two flats", "We have both seen two flats", "2026-12-04")
        await add_strategy(pilot, "Ask Aunt May to come to the viewings", 3, "+1w", "Aunt May")
        await step_done(pilot, "barriers")
        # barriers: one in the way of the first objective
        await add_barrier(pilot, "No bus from the shelter on Sundays", objective_number=1)
        await step_done(pilot, "linkage")
        # linkage: a formal and an informal resource; the formal one referred at once
        await add_resource(pilot, "Westside Housing Authority", 0, "555-0100, ask for Dana")
        await add_resource(pilot, "Aunt May", 1, "Sundays after church")
        await keys(pilot, "up")  # back to Westside
        await refer(pilot, "Housing application support", objective_number=1)
        await keys(pilot, ">")  # suggested › referred
        await step_done(pilot, "summary")
        # summary: in words she could read; two tasks, one each
        await write_summary(
            pilot,
            "Jo cooks for her whole street and kept a job six years.",
            "Quiet at first, opened up about running.",
            minutes="50",
            next_meeting="+1w",
        )
        await add_tasks(
            pilot,
            ("Call Westside to check the form arrived", TaskOwner.CASE_MANAGER, "thu"),
            ("Bring ID and last payslip", TaskOwner.CLIENT, "+1w"),
        )
        # a safety note, from the summary step: it raises the banner on every screen
        await record_safety_note(
            pilot, "Said she thought about ending it last month", "Crisis plan together today"
        )
        banner = app.screen.query_one(SafetyBanner)
        assert banner.has_class("-open")
        assert "suicidal" in str(banner.render())
        await step_done(pilot)
        await end_contact(pilot, path, 1)
        assert app.screen.query_one(SafetyBanner).has_class("-open")  # the case screen too

        # ---- contact 2, Mon 9 Nov: assessing personal strengths --------------------------
        a_week_later(app)
        await start_contact(pilot, 2, "review")
        await carry_over(pilot, "The form is in. Aunt May said yes.")
        # the plan: every open item under way; a note on the first
        await review_plan(pilot, "p")
        await keys(pilot, "n")
        await type_text(pilot, "Waiting to hear back")
        await keys(pilot, "enter")
        await keys(pilot, "down")
        await review_plan(pilot, "p", "p", "p")
        await tick_tasks(pilot, 2)
        await step_done(pilot, "strengths")
        await keys(pilot, "n")  # straight to the capture field
        await note_strength(pilot, "I fix bikes for the kids on my block", area="lei")
        await step_done(pilot, "goals")
        await step_done(pilot, "barriers")
        await step_done(pilot, "linkage")
        await climb_referral(pilot)  # referred › contacted
        await step_done(pilot, "summary")
        await write_summary(pilot, "Jo heard back from Westside.", phone=True, minutes="35")
        await add_tasks(pilot, ("Book a viewing with the agent", TaskOwner.CASE_MANAGER, "+5d"))
        await step_done(pilot)
        await end_contact(pilot, path, 2)

        # ---- contact 3, Mon 16 Nov: learning to make contact -----------------------------
        a_week_later(app)
        await start_contact(pilot, 3, "review")
        await carry_over(pilot, "Viewing booked for Friday.")
        # the plan: objective under way, its step done, the other under way, its step revised
        await review_plan(pilot, "p", "d", "p", "v")
        assert focused_id(pilot) == "revise-text"  # the wording may change; the date does
        await keys(pilot, "tab")
        await clear_field(pilot)
        await type_text(pilot, "+1w")
        await keys(pilot, "enter")
        assert focused_id(pilot) == "plan"
        await tick_tasks(pilot, 1)
        await step_done(pilot, "strengths")
        await step_done(pilot, "goals")
        await step_done(pilot, "barriers")
        await keys(pilot, "space")  # the Sunday bus barrier is resolved
        await step_done(pilot, "linkage")
        await climb_referral(pilot)  # contacted › linked
        await step_done(pilot, "disengagement")
        # disengagement starts: accomplishments, and how she keeps in touch on her own
        assert focused_id(pilot) == "accomplishments"
        await type_text(pilot, "Got her housing application in on time.")
        await keys(pilot, "tab")
        await type_text(pilot, "She calls Dana at Westside herself.")
        await step_done(pilot, "summary")
        await write_summary(pilot, "Jo is linked with Westside Housing.")
        await step_done(pilot)
        await end_contact(pilot, path, 3)

        # ---- contact 4, Mon 23 Nov: reviewing progress -----------------------------------
        a_week_later(app)
        await start_contact(pilot, 4, "review")
        await carry_over(pilot, None)
        await review_plan(pilot, "d", "p", "d")  # first objective achieved; the viewing step done
        await step_done(pilot, "strengths")
        await keys(pilot, "n")
        await note_strength(pilot, "I did the housing form on my own", area="dai")
        await step_done(pilot, "barriers")
        await skip_step(pilot, "linkage")  # barriers visited but not marked done
        await climb_referral(pilot)  # linked › retained
        await step_done(pilot, "disengagement")
        await keys(pilot, "tab", "end")
        await type_text(pilot, " And the Tuesday drop-in.")
        await step_done(pilot, "summary")
        await write_summary(pilot, "Jo is settling into the new routine.")
        await add_tasks(pilot, ("Phone Westside about the move-in date", TaskOwner.CLIENT, "+1w"))
        await step_done(pilot)
        await end_contact(pilot, path, 4)

        # ---- contact 5, Mon 30 Nov: completing the work ----------------------------------
        a_week_later(app)
        await start_contact(pilot, 5, "review")
        await carry_over(pilot, "Moving in on the 5th!")
        await review_plan(pilot, "d")  # the last open objective: done
        await tick_tasks(pilot, 1)
        await step_done(pilot, "linkage")
        await step_done(pilot, "disengagement")
        await keys(pilot, "end")
        await type_text(pilot, " Signed the lease.")
        await step_done(pilot, "summary")
        await write_summary(pilot, "Jo has her own place and her own contacts.")
        await step_done(pilot)
        await end_contact(pilot, path, 5)

        # the work is complete: no sixth contact; the safety note is closed on the Safety tab
        await keys(pilot, "c")
        assert isinstance(app.screen, CaseScreen)
        tabs = app.screen.query_one(TabbedContent)
        while tabs.active != "tab-safety":
            await keys(pilot, "right")
        await keys(pilot, "tab")
        assert focused_id(pilot) == "concerns"
        await keys(pilot, "space")  # asks what changed before it closes
        await type_text(pilot, "Safe at home; crisis plan kept; agreed with her")
        await keys(pilot, "enter")
        assert not app.screen.query_one(SafetyBanner).has_class("-open")
        await keys(pilot, "ctrl+q")  # saves first
    assert app.return_code == 0

    # ---- what reached the disk ----------------------------------------------------------------
    case, _ = read_case(path)
    day = [FIRST_MEETING + timedelta(days=7 * n) for n in range(5)]
    assert case.client.preferred_name == "Jo Bloggs"
    assert case.client.pronouns == "she/her"
    assert case.client.age == 34
    assert case.client.living_situation == "Women's shelter on Elm St"

    # five contacts, a week apart, with the steps covered
    assert [(c.number, c.on) for c in case.contacts] == list(zip(range(1, 6), day, strict=True))
    steps = [c.steps_done for c in case.contacts]
    assert steps[0] == ["engagement", "strengths", "goals", "barriers", "linkage", "summary"]
    assert steps[1] == ["review", "strengths", "goals", "barriers", "linkage", "summary"]
    assert steps[2] == [
        "review", "strengths", "goals", "barriers", "linkage", "disengagement", "summary",
    ]  # fmt: skip
    assert steps[3] == ["review", "strengths", "linkage", "disengagement", "summary"]
    assert steps[4] == ["review", "linkage", "disengagement", "summary"]
    first, second, third, fourth, fifth = case.contacts
    assert first.summary == "Jo cooks for her whole street and kept a job six years."
    assert first.notes == "Quiet at first, opened up about running."
    assert first.minutes == 50 and first.medium is ContactMedium.IN_PERSON
    assert second.medium is ContactMedium.PHONE and second.minutes == 35
    assert second.carried_over == "The form is in. Aunt May said yes."
    assert third.carried_over == "Viewing booked for Friday."
    assert fourth.carried_over is None
    assert fifth.carried_over == "Moving in on the 5th!"
    assert fifth.summary == "Jo has her own place and her own contacts."
    assert case.next_contact_on == day[0] + timedelta(days=7)

    # strengths: four life areas, all three kinds, one from a prompt of the bank
    strengths = {s.words: s for s in case.strengths}
    assert {(s.domain, s.kind, s.contact) for s in case.strengths} == {
        ("daily_living", StrengthKind.CURRENT, 1),
        ("health", StrengthKind.PAST, 1),
        ("social_supports", StrengthKind.DESIRED, 1),
        ("vocational_educational", StrengthKind.CURRENT, 1),
        ("leisure", StrengthKind.CURRENT, 2),
        ("daily_living", StrengthKind.CURRENT, 4),
    }
    bakery = strengths["Kept the same job at the bakery for six years"]
    assert bakery.prompt_id is not None and bakery.category == "general"
    assert all(s.noted_on is not None for s in case.strengths)

    # the plan: the goal in her words, confirmed safe; two objectives with measures and dates
    [goal] = case.goals
    assert goal.words == "I want my own place, somewhere quiet"
    assert goal.confirmed_safe and goal.domain == "daily_living" and goal.set_on == day[0]
    form, flats = goal.objectives
    assert (form.text, form.measure) == (
        "Hand in the Westside housing application",
        "Jo shows me the receipt",
    )
    assert form.target_date == day[0] + timedelta(weeks=2)
    assert (flats.measure, flats.target_date) == ("We have both seen two flats", date(2026, 12, 4))
    assert form.status is ObjectiveStatus.ACHIEVED and form.achieved_on == day[3]
    assert flats.status is ObjectiveStatus.ACHIEVED and flats.achieved_on == day[4]
    [pick_up] = form.strategies
    assert (pick_up.who, pick_up.target_date) == ("case manager", date(2026, 11, 6))
    assert pick_up.done and pick_up.done_on == day[2]
    [ask_may] = flats.strategies
    assert ask_may.who == "Aunt May"
    assert ask_may.target_date == day[2] + timedelta(weeks=1)  # revised at contact 3
    assert ask_may.done and ask_may.done_on == day[3]

    # the plan reviewed at contacts 2 to 5, every open item given a status each time
    def reviews(contact):
        return {(r.item_id, r.status) for r in contact.plan_reviews}

    assert first.plan_reviews == []
    assert reviews(second) == {
        (form.id, ReviewStatus.IN_PROGRESS),
        (pick_up.id, ReviewStatus.IN_PROGRESS),
        (flats.id, ReviewStatus.IN_PROGRESS),
        (ask_may.id, ReviewStatus.IN_PROGRESS),
    }
    assert [r.note for r in second.plan_reviews if r.item_id == form.id] == ["Waiting to hear back"]
    assert reviews(third) == {
        (form.id, ReviewStatus.IN_PROGRESS),
        (pick_up.id, ReviewStatus.DONE),
        (flats.id, ReviewStatus.IN_PROGRESS),
        (ask_may.id, ReviewStatus.REVISED),
    }
    assert reviews(fourth) == {
        (form.id, ReviewStatus.DONE),
        (flats.id, ReviewStatus.IN_PROGRESS),
        (ask_may.id, ReviewStatus.DONE),
    }
    assert reviews(fifth) == {(flats.id, ReviewStatus.DONE)}

    # the barrier, tied to the first objective, resolved at contact 3
    [barrier] = case.barriers
    assert barrier.objective_id == form.id and barrier.noted_on == day[0]
    assert barrier.resolved and barrier.resolved_on == day[2]

    # resources and the referral's climb, one rung per contact, each rung dated
    westside, may = case.resources
    assert (westside.kind, westside.how_to_reach) == (ResourceKind.FORMAL, "555-0100, ask for Dana")
    assert (may.name, may.kind) == ("Aunt May", ResourceKind.INFORMAL)
    [referral] = case.referrals
    assert referral.resource_id == westside.id and referral.objective_id == form.id
    assert referral.purpose == "Housing application support"
    assert [(s.status, s.on) for s in referral.history] == [
        (ReferralStatus.SUGGESTED, day[0]),
        (ReferralStatus.REFERRED, day[0]),
        (ReferralStatus.CONTACTED, day[1]),
        (ReferralStatus.LINKED, day[2]),
        (ReferralStatus.RETAINED, day[3]),
    ]
    assert referral.days_to_linkage() == 14

    # tasks: who promised, due dates as typed, done when followed up
    tasks = {t.text: t for t in case.tasks}
    assert len(tasks) == 4
    call = tasks["Call Westside to check the form arrived"]
    assert (call.owner, call.due, call.contact) == (TaskOwner.CASE_MANAGER, date(2026, 11, 5), 1)
    bring = tasks["Bring ID and last payslip"]
    assert (bring.owner, bring.due, bring.contact) == (TaskOwner.CLIENT, day[1], 1)
    assert call.done_on == bring.done_on == day[1]
    viewing = tasks["Book a viewing with the agent"]
    assert (viewing.due, viewing.contact, viewing.done_on) == (date(2026, 11, 14), 2, day[2])
    move_in = tasks["Phone Westside about the move-in date"]
    assert (move_in.owner, move_in.due, move_in.done_on) == (TaskOwner.CLIENT, day[4], day[4])

    # the safety note, recorded at contact 1 and closed after the last one
    [note] = case.non_strengths
    assert note.kind is NonStrengthKind.SUICIDAL and note.noted_on == day[0]
    assert note.note == "Said she thought about ending it last month"
    assert note.follow_up == "Crisis plan together today"
    assert not note.open and note.closed_on == day[4]
    assert note.closing_note == "Safe at home; crisis plan kept; agreed with her"

    # letting go: begun at contact 3, written at 3 to 5, completed at 5
    assert case.status is CaseStatus.DISENGAGED
    ending = case.disengagement
    assert ending is not None
    assert ending.started_at_contact == 3 and ending.completed_on == day[4]
    assert ending.accomplishments == "Got her housing application in on time. Signed the lease."
    assert ending.independent_contact == (
        "She calls Dana at Westside herself. And the Tuesday drop-in."
    )

    assert sbcm(["validate", str(path)]) == 0


# --- hostile text: brackets, backslashes and emoji on every screen -----------------------------


HOSTILE = "[b]bold?[/b] [/x] \\o/ C:\\new\\temp [link=x]y[/link] :smile: 🎉✨"
CASE_TABS = 8  # Overview, Strengths, Plan, Barriers, Resources, Tasks, Contacts, Safety


async def visit_case_tabs(pilot: Pilot) -> None:
    """With the tab bar focused, right-arrow through every tab of the case screen and back."""
    tabs = pilot.app.screen.query_one(TabbedContent)
    seen = [tabs.active]
    for _ in range(CASE_TABS - 1):
        await keys(pilot, "right")
        seen.append(tabs.active)
    assert len(set(seen)) == CASE_TABS
    await keys(pilot, "right")  # round to Overview again, where `c` is safe to press
    assert tabs.active == seen[0]


async def walk_contact(pilot: Pilot, number: int) -> list[str]:
    """Start the next contact and show every step in turn; mark the last one done (a contact
    with nothing in it is dropped) and end it. Returns the steps shown, in order."""
    await keys(pilot, "c")
    screen = pilot.app.screen
    assert isinstance(screen, ContactScreen) and screen.contact is not None
    assert screen.contact.number == number
    steps = screen.protocol.script_for(number).steps
    seen = [current_step(pilot)]
    for _ in steps[1:]:
        await keys(pilot, NEXT_STEP)
        seen.append(current_step(pilot))
    assert focused_id(pilot) == "summary"  # the last step: the summary, typed as markup
    await type_text(pilot, f"{number}: {HOSTILE}")
    await keys(pilot, STEP_DONE)
    await keys(pilot, END_CONTACT)
    if isinstance(pilot.app.screen, ConfirmModal):  # the plan was not gone over: end anyway
        await keys(pilot, "y")
    if number == screen.protocol.closes_at:  # the work ends: asked first
        assert isinstance(pilot.app.screen, EndWorkModal)
        await keys(pilot, "enter")
    assert isinstance(pilot.app.screen, CaseScreen)
    assert seen == [step.id for step in steps]
    return seen


@pytest.mark.parametrize("row", [1], ids=["from-contact-1"])
async def test_bracketed_names_and_emoji_on_every_step(tmp_path: Path, row: int) -> None:
    """A copy of Sam's demo case (brackets, backslashes, emoji everywhere) with no contacts yet,
    from contact 1: every step of contacts 1 to 5, every case tab. (The walk from Sam's own
    contact 3 covered the same steps again with the same words: row 0, when wanted.)"""
    shutil.copy(DEMO / "c-demo-sam.toml", tmp_path)
    store = CaseStore(tmp_path)
    sam = store.open(tmp_path / "c-demo-sam.toml").case
    store.create(sam.model_copy(deep=True, update={"id": "c-sam-new", "contacts": []}))

    app = SbcmApp(CaseStore(tmp_path), today=date(2026, 11, 20))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # both rows read "Sam [/x] [b]"
        await keys(pilot, "up", "up", *(["down"] * row), "enter")
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        assert screen.case.client.preferred_name == "Sam [/x] [b]"
        walked_file = tmp_path / f"{screen.case.id}.toml"
        from_contact = screen.case.next_contact_number()
        await visit_case_tabs(pilot)
        for number in range(from_contact, 6):
            await walk_contact(pilot, number)
        assert screen.case.status is CaseStatus.DISENGAGED
        await visit_case_tabs(pilot)
        await keys(pilot, "escape")
        await keys(pilot, "ctrl+q")

    case, _ = read_case(walked_file)
    assert [c.number for c in case.contacts] == [1, 2, 3, 4, 5]
    walked = case.contacts[from_contact - 1 :]
    assert [c.summary for c in walked] == [f"{c.number}: {HOSTILE}" for c in walked]
    assert case.status is CaseStatus.DISENGAGED
    assert sbcm(["validate", str(walked_file)]) == 0


# --- a save conflict: the other version and ours both kept ----------------------------------


async def test_conflict_keeps_both_versions(tmp_path: Path) -> None:
    shutil.copy(DEMO / "c-demo-marcus.toml", tmp_path)
    original = tmp_path / "c-demo-marcus.toml"
    app = SbcmApp(CaseStore(tmp_path), today=date(2026, 11, 20))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await keys(pilot, "enter")
        assert isinstance(app.screen, CaseScreen)

        # Meanwhile, another window saves a change to the same file.
        elsewhere = CaseStore(tmp_path)
        other = elsewhere.open(original)
        other.case.client.language = "Spanish, from the other window"
        elsewhere.save(other)

        # Here: the living situation field on the Overview tab (tab from the tab bar).
        await tab_to(pilot, "fact-living_situation")
        await clear_field(pilot)
        await type_text(pilot, "Own flat on Ash Road [from Monday] \\o/")
        # the autosave comes a second after typing stops (later on a loaded machine)
        await wait_for(pilot, lambda: choice_armed(app), seconds=20)
        await keys(pilot, "c")  # keep my version as a new case file
        assert isinstance(app.screen, CaseScreen)
        await keys(pilot, "ctrl+q")

    files = sorted(tmp_path.glob("*.toml"))
    assert len(files) == 2
    [copy] = [f for f in files if f != original]
    theirs, _ = read_case(original)
    mine, _ = read_case(copy)
    assert theirs.client.language == "Spanish, from the other window"
    assert theirs.client.living_situation != "Own flat on Ash Road [from Monday] \\o/"
    assert mine.client.living_situation == "Own flat on Ash Road [from Monday] \\o/"
    assert mine.id != theirs.id
    assert mine.client.preferred_name == theirs.client.preferred_name == "Marcus Reid"
    for file in files:
        assert sbcm(["validate", str(file)]) == 0


async def test_conflict_found_on_leaving_is_offered(tmp_path: Path) -> None:
    """Escape from the case screen saves at once; a conflict found then must still be shown."""
    shutil.copy(DEMO / "c-demo-marcus.toml", tmp_path)
    original = tmp_path / "c-demo-marcus.toml"
    app = SbcmApp(CaseStore(tmp_path), today=date(2026, 11, 20))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await keys(pilot, "enter")
        await tab_to(pilot, "fact-living_situation")
        await type_text(pilot, " (until Friday)")
        elsewhere = CaseStore(tmp_path)
        other = elsewhere.open(original)
        other.case.client.language = "Spanish, from the other window"
        elsewhere.save(other)
        await keys(pilot, "escape")  # before the autosave: leaving saves at once
        assert isinstance(app.screen, ConflictModal)
