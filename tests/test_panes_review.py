"""The review, summary, linkage and disengagement panes, driven by keyboard alone.

Each flow presses keys in a small host app and then asserts on the case file saved to disk, so
a test passes only when the words reached the file, not just the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Input, OptionList, Static

from sbcm_tui.core import casework
from sbcm_tui.core.case import (
    Case,
    CaseStatus,
    Client,
    Goal,
    Objective,
    ObjectiveStatus,
    ReferralStatus,
    ReviewStatus,
    Strategy,
    Strength,
    Task,
    TaskOwner,
)
from sbcm_tui.core.protocol import StepKind
from sbcm_tui.files.casefile import read_case
from sbcm_tui.files.protocols import load_prompt_bank, load_protocol
from sbcm_tui.files.session import CaseSession
from sbcm_tui.files.store import CaseStore, OpenCase
from sbcm_tui.tui.panes.base import CaseContext, StepPane
from sbcm_tui.tui.panes.plan_review import ReviewPane
from sbcm_tui.tui.panes.registry import pane_class
from sbcm_tui.tui.panes.summary import SummaryPane, read_minutes
from tests.support import PaneHost, type_text

TODAY = date(2026, 12, 2)  # a Wednesday: "fri" is 4 December
LAST_WEEK = TODAY - timedelta(days=7)
NAME = "Sam [/x] [b]"
AWKWARD = "Said [b]no[/b] to the [/x] shelter \\ but 🐕 stays [link=x]"


@dataclass
class World:
    store: CaseStore
    opened: OpenCase
    session: CaseSession

    @property
    def case(self) -> Case:
        return self.session.case

    def saved(self) -> Case:
        """Save what the panes changed and read it back from the file."""
        outcome = self.session.save()
        assert outcome.state.value == "saved", outcome.message
        return read_case(self.opened.path)[0]


def make_world(tmp_path: Path) -> World:
    """A case one contact in: strengths, a goal with two objectives and steps, two tasks."""
    store = CaseStore(tmp_path)
    case = Case(client=Client(preferred_name=NAME))
    first = casework.start_contact(case, LAST_WEEK)
    first.summary = AWKWARD
    first.carried_over = "Rent [arrears] 😟"
    case.strengths = [
        Strength(domain="daily_living", words="Cooks for her [b]sister[/b]", contact=1),
        Strength(domain="social_supports", words="Trusts her neighbour \\o/", contact=1),
    ]
    case.goals = [
        Goal(
            words="Get my own [place]",
            objectives=[
                Objective(
                    text="Apply for housing benefit",
                    target_date=TODAY + timedelta(days=14),
                    strategies=[Strategy(step="Find the form"), Strategy(step="Ask about ID")],
                ),
                Objective(text="View two flats", strategies=[Strategy(step="Call the agent")]),
            ],
        )
    ]
    case.tasks = [
        Task(text="Phone the housing office", owner=TaskOwner.CASE_MANAGER, contact=1),
        Task(text="Find her [birth] certificate", owner=TaskOwner.CLIENT, contact=1),
    ]
    opened = store.create(case)
    return World(store, opened, CaseSession(store, opened))


def context(world: World, kind: StepKind, *, in_contact: bool = True, number: int = 2):
    """A context for a pane; inside a contact it starts contact ``number`` if not yet there."""
    protocol = load_protocol("brief-five")
    contact, step = None, None
    if in_contact:
        while world.case.next_contact_number() <= number:
            contact = casework.start_contact(world.case, TODAY)
        contact = next(c for c in world.case.contacts if c.number == number)
        script = protocol.script_for(number)
        step = next((s for s in script.steps if s.kind is kind), script.steps[0])
    return CaseContext(
        session=world.session,
        protocol=protocol,
        bank=load_prompt_bank(),
        today=TODAY,
        contact=contact,
        step=step,
    )


class Host(PaneHost):
    """Mounts one pane the way the contact screen does, with a footer for its keys.

    Escape means "back" here, as on the case screen, so a test can see whether a pane kept
    the key (to leave a field) or let it through."""

    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, pane: StepPane) -> None:
        super().__init__()
        self.pane = pane
        self.went_back = False

    def action_back(self) -> None:
        self.went_back = True

    def compose(self) -> ComposeResult:
        yield self.pane
        yield Footer()

    def on_mount(self) -> None:
        # As the contact screen does: focus the pane's first field, not the pane itself.
        focusable = [w for w in self.pane.query("*") if w.focusable]
        (focusable[0] if focusable else self.pane).focus()


def visible_text(app: App) -> str:
    """The words of every label and list on screen."""
    labels = [str(s.render()) for s in app.screen.query(Static)]
    lists = [str(o.prompt) for ol in app.screen.query(OptionList) for o in ol.options]
    return "\n".join(labels + lists)


# --- review ------------------------------------------------------------------------------------


async def test_review_follows_up_tasks_and_reviews_every_item(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    ctx = context(world, StepKind.REVIEW)
    app = Host(ReviewPane(ctx))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Rent [arrears]" in visible_text(app)
        assert AWKWARD in visible_text(app)
        await type_text(pilot, "Worried about the [rent]")
        await pilot.press("tab")  # the tasks
        assert app.focused is app.screen.query_one("#tasks")
        await pilot.press("space", "down", "space", "space", "space")  # done, done, undo, done
        await pilot.press("tab")  # the plan
        assert app.focused is app.screen.query_one("#plan")
        count = app.screen.query_one("#review-count", Static)
        assert str(count.render()) == "0 of 5 reviewed"
        await pilot.press("d", "down", "d", "down", "x")  # objective 1 and its two steps
        await pilot.press("down", "v")  # objective 2: revised, reworded inline
        assert app.focused is app.screen.query_one("#revise-text")
        await pilot.press("ctrl+u")
        await type_text(pilot, "View one flat")
        await pilot.press("tab")  # the new target date
        await type_text(pilot, "+2w")
        await pilot.press("enter")
        assert app.focused is app.screen.query_one("#plan")
        await pilot.press("down", "p", "n")
        await type_text(pilot, "Agent is [slow]")
        await pilot.press("enter")
        await pilot.pause()
        assert str(count.render()) == "5 of 5 reviewed: the plan review is complete."

    saved = world.saved()
    contact = next(c for c in saved.contacts if c.number == 2)
    assert contact.carried_over == "Worried about the [rent]"
    assert all(t.done and t.done_on == TODAY for t in saved.tasks)
    first, second = saved.objectives()
    statuses = {r.item_id: r.status for r in contact.plan_reviews}
    assert statuses == {
        first.id: ReviewStatus.DONE,
        first.strategies[0].id: ReviewStatus.DONE,
        first.strategies[1].id: ReviewStatus.DROPPED,
        second.id: ReviewStatus.REVISED,
        second.strategies[0].id: ReviewStatus.IN_PROGRESS,
    }
    assert first.status is ObjectiveStatus.ACHIEVED and first.achieved_on == TODAY
    assert first.strategies[0].done and not first.strategies[1].done
    assert second.status is ObjectiveStatus.REVISED
    assert second.text == "View one flat"
    assert second.target_date == TODAY + timedelta(days=14)
    note = next(r.note for r in contact.plan_reviews if r.item_id == second.strategies[0].id)
    assert note == "Agent is [slow]"


async def test_review_outside_a_contact_is_read_only(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    app = Host(ReviewPane(context(world, StepKind.REVIEW, in_contact=False)))
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#plan", OptionList).focus()
        await pilot.press("d", "x", "v")
        await pilot.pause()
    assert not world.session.dirty
    assert all(o.status is ObjectiveStatus.OPEN for o in world.saved().objectives())


# --- summary -----------------------------------------------------------------------------------


async def test_summary_notes_minutes_and_a_task_due_friday(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    app = Host(SummaryPane(context(world, StepKind.SUMMARY)))
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.focused is app.screen.query_one("#summary")
        await type_text(pilot, "Sam [b]found[/b] the form :)")
        await pilot.press("tab")
        await type_text(pilot, "Seemed tired \\ check sleep")
        await pilot.press("tab", "tab")  # past the medium, to the minutes
        minutes = app.screen.query_one("#minutes", Input)
        assert app.focused is minutes
        await type_text(pilot, "4x")
        await pilot.pause()
        assert minutes.value == "4x"
        check = str(app.screen.query_one("#minutes-check", Static).render())
        assert check == "Whole minutes only, like 45. Keeping 4 until then."
        assert world.case.contacts[-1].minutes == 4  # the last whole number typed
        await pilot.press("backspace")
        await type_text(pilot, "5")
        await pilot.press("tab")
        await type_text(pilot, "next wed")
        await pilot.press("tab")  # the task list
        await pilot.press("t")
        await pilot.press("enter")  # nothing typed yet: says so, adds nothing
        assert "Say what the task is" in str(app.screen.query_one("#task-check", Static).render())
        await type_text(pilot, "Call [the] landlord")
        await pilot.press("tab", "enter", "down", "enter")  # owner: the client
        await pilot.press("tab")
        await type_text(pilot, "someday")
        await pilot.press("enter")  # not a date: kept, said, nothing added
        due = app.screen.query_one("#task-due", Input)
        assert due.value == "someday"
        assert "not one I can read" in visible_text(app)
        assert len(world.case.tasks) == 2
        await pilot.press("ctrl+u")
        await type_text(pilot, "fri")
        await pilot.press("enter")
        assert app.screen.query_one("#task-text", Input).value == ""
        await pilot.press("escape")
        assert app.focused is app.screen.query_one("#tasks")
        assert not app.went_back
        await pilot.press("escape")  # from a list, Escape goes back as usual
        assert app.went_back

    saved = world.saved()
    contact = next(c for c in saved.contacts if c.number == 2)
    assert contact.summary == "Sam [b]found[/b] the form :)"
    assert contact.notes == "Seemed tired \\ check sleep"
    assert contact.minutes == 45
    assert saved.next_contact_on == date(2026, 12, 9)
    task = saved.tasks[-1]
    assert task.text == "Call [the] landlord"
    assert task.owner is TaskOwner.CLIENT
    assert task.due == date(2026, 12, 4)
    assert task.contact == 2
    assert len(saved.tasks) == 3


async def test_tasks_tab_outside_a_contact_toggles_and_deletes(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    app = Host(SummaryPane(context(world, StepKind.SUMMARY, in_contact=False)))
    async with app.run_test(size=(80, 24)) as pilot:
        assert not app.screen.query("#summary")
        assert app.focused is app.screen.query_one("#tasks")
        await pilot.press("space")  # the first one done
        await pilot.press("down", "x")  # delete the client's: asks first
        await pilot.press("n")
        assert len(world.case.tasks) == 2
        await pilot.press("x", "y")
        await pilot.pause()
    saved = world.saved()
    assert [t.text for t in saved.tasks] == ["Phone the housing office"]
    assert saved.tasks[0].done and saved.tasks[0].done_on == TODAY


def test_minutes_are_whole_numbers() -> None:
    assert read_minutes(" 45 ") == (45, None)
    assert read_minutes("") == (None, None)
    assert read_minutes("4x")[1] is not None
    assert read_minutes("²")[1] is not None
    assert read_minutes("2000")[1] is not None


# --- linkage -----------------------------------------------------------------------------------


async def test_resource_added_and_referral_climbs_to_linked(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    world.case.contacts[0].on = LAST_WEEK
    app = Host(pane_class(StepKind.LINKAGE)(context(world, StepKind.LINKAGE)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await pilot.press("enter")  # no name yet
        assert "needs a name" in visible_text(app)
        await type_text(pilot, "Hope [Housing] Trust")
        await pilot.press("tab", "enter", "down", "enter")  # informal
        await pilot.press("tab")
        await type_text(pilot, "Ask for Jo, 555 0100")
        await pilot.press("enter")
        assert app.focused is app.screen.query_one("#resources")
        await pilot.press("r")
        await type_text(pilot, "A [flat] viewing")
        await pilot.press("tab", "enter", "down", "enter")  # the first open objective
        await pilot.press("shift+tab")
        await pilot.press("enter")
        assert app.focused is app.screen.query_one("#referrals")
        await pilot.press(">", "+", ">")
        await pilot.pause()
        assert "linked in 0 days" in visible_text(app)
        await pilot.press("e")  # only on resources: nothing happens here
        assert app.focused is app.screen.query_one("#referrals")

    saved = world.saved()
    (resource,) = saved.resources
    assert resource.name == "Hope [Housing] Trust"
    assert resource.kind.value == "informal"
    assert resource.how_to_reach == "Ask for Jo, 555 0100"
    (referral,) = saved.referrals
    assert referral.resource_id == resource.id
    assert referral.purpose == "A [flat] viewing"
    assert referral.objective_id == saved.objectives()[0].id
    assert [(s.status, s.on) for s in referral.history] == [
        (ReferralStatus.SUGGESTED, TODAY),
        (ReferralStatus.REFERRED, TODAY),
        (ReferralStatus.CONTACTED, TODAY),
        (ReferralStatus.LINKED, TODAY),
    ]
    assert referral.days_to_linkage() == 0


async def test_linkage_at_the_last_contact_shows_its_purpose(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    ctx = context(world, StepKind.LINKAGE, number=5)
    app = Host(pane_class(StepKind.LINKAGE)(ctx))
    async with app.run_test(size=(80, 24)):
        shown = visible_text(app)
        assert ctx.step is not None and ctx.step.purpose in shown
        assert "without you" in shown


# --- disengagement -----------------------------------------------------------------------------


async def test_disengagement_begins_and_keeps_both_texts(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    objective = world.case.objectives()[0]
    objective.status, objective.achieved_on = ObjectiveStatus.ACHIEVED, LAST_WEEK
    ctx = context(world, StepKind.DISENGAGEMENT, number=3)
    app = Host(pane_class(StepKind.DISENGAGEMENT)(ctx))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = visible_text(app)
        assert "Cooks for her [b]sister[/b]" in shown
        assert "Apply for housing benefit" in shown
        assert "close the work" not in shown
        await type_text(pilot, "I [did] it myself")
        await pilot.press("tab")
        await type_text(pilot, "Calls Jo \\ every Monday")
        await pilot.press("escape")
    saved = world.saved()
    assert saved.disengagement is not None
    assert saved.disengagement.started_at_contact == 3
    assert saved.disengagement.accomplishments == "I [did] it myself"
    assert saved.disengagement.independent_contact == "Calls Jo \\ every Monday"
    assert saved.status is CaseStatus.ACTIVE


async def test_disengagement_at_the_last_contact_says_the_case_will_close(tmp_path: Path) -> None:
    world = make_world(tmp_path)
    app = Host(pane_class(StepKind.DISENGAGEMENT)(context(world, StepKind.DISENGAGEMENT, number=5)))
    async with app.run_test(size=(80, 24)):
        assert "the case becomes disengaged" in visible_text(app)


# --- every pane, awkward text, two sizes ---------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
@pytest.mark.parametrize(
    "kind", [StepKind.REVIEW, StepKind.SUMMARY, StepKind.LINKAGE, StepKind.DISENGAGEMENT]
)
@pytest.mark.parametrize("in_contact", [True, False])
async def test_every_pane_renders_awkward_text(
    tmp_path: Path, kind: StepKind, size: tuple[int, int], in_contact: bool
) -> None:
    world = make_world(tmp_path)
    casework.start_contact(world.case, TODAY).summary = AWKWARD
    world.case.contacts[-1].notes = "[/] \\[b] 🙂"
    resource = world.case.resources
    from sbcm_tui.core.case import Referral, ReferralStep, Resource

    resource.append(Resource(name="[red]Clinic[/red] \\", how_to_reach="[/x]"))
    world.case.referrals.append(
        Referral(
            resource_id=resource[0].id,
            purpose="[b]detox[/b]",
            history=[ReferralStep(status=ReferralStatus.LINKED, on=TODAY)],
        )
    )
    ctx = context(world, kind, in_contact=in_contact, number=3)
    app = Host(pane_class(kind)(ctx))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        app.screen.query_one(StepPane).scroll_end(animate=False)
        await pilot.pause()
        assert app.screen.query_one(StepPane).region.width > 0
        app.save_screenshot(str(tmp_path / "shot.svg"))
