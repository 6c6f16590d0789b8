"""Goal setting and barriers, driven from the keyboard and checked in the file on disk."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import ContentSwitcher, Footer, Input, Static, Tree

from sbcm_tui.core import casework
from sbcm_tui.core.case import (
    Barrier,
    Case,
    Client,
    Goal,
    Objective,
    ObjectiveStatus,
    Referral,
    ReferralStatus,
    ReferralStep,
    Resource,
    ReviewStatus,
    Strategy,
)
from sbcm_tui.core.plan import gentle_checks, references_to
from sbcm_tui.core.protocol import StepKind
from sbcm_tui.files.casefile import read_case
from sbcm_tui.files.protocols import load_prompt_bank, load_protocol
from sbcm_tui.files.session import CaseSession
from sbcm_tui.files.store import CaseStore
from sbcm_tui.tui.modals.confirm import ConfirmModal
from sbcm_tui.tui.modals.plan_forms import GoalForm, ObjectiveForm, StrategyForm
from sbcm_tui.tui.panes.barriers import BarrierForm, BarriersPane, barrier_groups
from sbcm_tui.tui.panes.base import CaseContext
from sbcm_tui.tui.panes.goals import GoalsPane
from sbcm_tui.tui.panes.plan_lines import fit_label
from tests.support import PaneHost, type_text

TODAY = date(2026, 11, 25)  # a Wednesday
NAME = "Sam [/x] [b]"


def make_context(tmp_path: Path, case: Case | None = None, *, contact: bool = True):
    store = CaseStore(tmp_path)
    opened = store.create(case or Case(client=Client(preferred_name=NAME)))
    session = CaseSession(store, opened)
    protocol = load_protocol("brief-five")
    steps = protocol.contact(1).steps

    def ctx(kind: StepKind) -> CaseContext:
        return CaseContext(
            session=session,
            protocol=protocol,
            bank=load_prompt_bank(),
            today=TODAY,
            contact=started,
            step=next(s for s in steps if s.kind is kind) if contact else None,
        )

    started = casework.start_contact(session.case, TODAY) if contact else None
    return session, ctx(StepKind.GOALS), ctx(StepKind.BARRIERS)


class PlanHost(PaneHost):
    """The goals and barriers panes, switched like the contact screen's steps (ctrl+n)."""

    CSS = "#sidebar { width: 24; }"
    BINDINGS = [Binding("ctrl+n", "next_pane", "Next", priority=True)]

    def __init__(self, goals: CaseContext, barriers: CaseContext) -> None:
        super().__init__()
        self.contexts = (goals, barriers)

    def compose(self) -> ComposeResult:
        from textual.containers import Horizontal

        with Horizontal():
            yield Static("steps", id="sidebar")
            with ContentSwitcher(initial="goals"):
                yield GoalsPane(self.contexts[0], id="goals")
                yield BarriersPane(self.contexts[1], id="barriers")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#plan-tree").focus()

    def action_next_pane(self) -> None:
        switcher = self.query_one(ContentSwitcher)
        switcher.current = "barriers" if switcher.current == "goals" else "goals"
        pane = switcher.get_child_by_id(switcher.current)
        next(w for w in pane.query("*") if w.focusable).focus()


async def paste(pilot, text: str) -> None:
    """What a terminal sends for a paste (bracketed paste), to the focused field."""
    pilot.app.focused.post_message(events.Paste(text))
    await pilot.pause()


def cursor_label(app: App) -> str:
    node = app.screen.query_one("#plan-tree", Tree).cursor_node
    assert node is not None
    return node.label.plain


async def test_keyboard_plan_reaches_the_file(tmp_path: Path) -> None:
    session, goals_ctx, barriers_ctx = make_context(tmp_path)
    app = PlanHost(goals_ctx, barriers_ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        # A goal in the client's words, a life area, and the safety confirmation.
        await pilot.press("g")
        assert isinstance(app.screen, GoalForm)
        await type_text(pilot, "Get my own place [b] ")
        await paste(pilot, "🏠")  # Pilot cannot "type" an emoji; a terminal pastes it
        await type_text(pilot, " \\o/")
        await pilot.press("tab", "enter", "down", "enter")  # life area: the first one
        await pilot.press("tab", "space")  # confirmed: not illegal, not hurtful
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, GoalForm)
        assert "not yet confirmed safe" not in cursor_label(app)

        # Objective 1: no measure, no date. The form says so gently and still saves.
        await pilot.press("o")
        await type_text(pilot, "See the housing officer")
        check = str(app.screen.query_one("#gentle-check", Static).content)
        assert "No measure yet" in check and "No target date yet" in check
        await pilot.press("enter")
        await pilot.pause()
        assert "no measure yet" in cursor_label(app) and "no date yet" in cursor_label(app)

        # Objective 2: a measure, and a date typed as +2w.
        await pilot.press("o")
        await type_text(pilot, "Hand in the housing form")
        await pilot.press("tab")
        await type_text(pilot, "Receipt from the council desk")
        await pilot.press("tab")
        await type_text(pilot, "+2w")
        assert app.screen.query_one("#gentle-check", Static).content == ""
        await pilot.press("enter")
        await pilot.pause()
        assert "by 9 Dec" in cursor_label(app)
        assert "no measure" not in cursor_label(app)

        # Strategies (baby steps) with who and when.
        await pilot.press("s")
        assert isinstance(app.screen, StrategyForm)
        await type_text(pilot, "Pick up the form")
        await pilot.press("tab", "tab")  # who stays "the client"; on to the date
        await type_text(pilot, "fri")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("s")  # the cursor sits on the new step: same objective
        await type_text(pilot, "Ring about opening hours")
        await pilot.press("tab", "enter", "down", "enter")  # you, the case manager
        await pilot.press("tab")
        await type_text(pilot, "tomorrow")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("s")
        await type_text(pilot, "Drive Sam to the office")
        await pilot.press("tab", "enter", "down", "down", "down", "enter")  # someone else
        await pilot.press("tab")
        await type_text(pilot, "Aunt May")
        await pilot.press("tab")
        await type_text(pilot, "12/02")
        await pilot.press("enter")
        await pilot.pause()
        assert "Aunt May" in cursor_label(app)

        # A GAS rating on objective 2: up one from "expected" is +1.
        await pilot.press("shift+left")  # the tree's "to parent"
        assert "Hand in the housing form" in cursor_label(app)
        await pilot.press("r", "up", "enter")
        await pilot.pause()
        assert "GAS +1" in cursor_label(app)

        # An edit: objective 1 gets its measure.
        await pilot.press("up")
        assert cursor_label(app).startswith("See the housing")
        await pilot.press("e")
        assert isinstance(app.screen, ObjectiveForm)
        assert app.screen.query_one("#objective-text", Input).value == "See the housing officer"
        await pilot.press("tab")
        await type_text(pilot, "A viewing date in the diary")
        await pilot.press("enter")
        await pilot.pause()
        assert "no measure yet" not in cursor_label(app)
        assert "no date yet" in cursor_label(app)

        # Barriers, linked to each objective, and a general one that gets resolved.
        await pilot.press("ctrl+n")
        await pilot.press("b")
        assert isinstance(app.screen, BarrierForm)
        await type_text(pilot, "No bus fare [/x]")
        await pilot.press("tab", "enter", "down", "enter", "ctrl+s")  # objective 1
        await pilot.pause()
        await pilot.press("b")
        await type_text(pilot, "Office shuts at four")
        await pilot.press("tab", "enter", "down", "down", "enter", "ctrl+s")  # objective 2
        await pilot.pause()
        await pilot.press("b")
        await type_text(pilot, "Unsure treatment is for me")
        await pilot.press("enter")  # no objective: general / linkage
        await pilot.pause()
        await pilot.press("space")  # resolved today
        await pilot.pause()

        # Back on the plan: objective 1 cannot go while a barrier points to it.
        await pilot.press("ctrl+n")
        assert cursor_label(app).startswith("See the housing")
        await pilot.press("x")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmModal)
        assert len(session.case.goals[0].objectives) == 2

        # A strategy can go, after a confirmation; "n" keeps, "y" removes.
        await pilot.press("down", "down", "down", "down")
        assert "Aunt May" in cursor_label(app)
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("n")
        assert len(session.case.goals[0].objectives[1].strategies) == 3
        await pilot.press("x", "y")
        await pilot.pause()
        assert len(session.case.goals[0].objectives[1].strategies) == 2
        assert app.changes > 0

    assert session.dirty
    assert session.save().state.value == "saved"
    saved, _ = read_case(session.opened.path)
    goal = saved.goals[0]
    assert goal.words == "Get my own place [b] 🏠 \\o/"
    assert goal.confirmed_safe is True
    assert goal.domain == load_prompt_bank().domains[0].id
    assert goal.set_on == TODAY
    first, second = goal.objectives
    assert first.text == "See the housing officer"
    assert first.measure == "A viewing date in the diary"
    assert first.target_date is None
    assert gentle_checks(first) == ["no date yet"]
    assert second.measure == "Receipt from the council desk"
    assert second.target_date == TODAY + timedelta(weeks=2)
    assert second.gas_level == 1
    assert second.status is ObjectiveStatus.OPEN
    steps = [(s.step, s.who, s.target_date) for s in second.strategies]
    assert steps == [
        ("Pick up the form", "client", date(2026, 11, 27)),
        ("Ring about opening hours", "case manager", date(2026, 11, 26)),
    ]
    by_text = {b.text: b for b in saved.barriers}
    assert by_text["No bus fare [/x]"].objective_id == first.id
    assert by_text["Office shuts at four"].objective_id == second.id
    general = by_text["Unsure treatment is for me"]
    assert general.objective_id is None
    assert general.resolved and general.resolved_on == TODAY
    assert not by_text["No bus fare [/x]"].resolved
    assert all(b.noted_on == TODAY for b in saved.barriers)


async def test_invalid_date_keeps_the_text_and_writes_nothing(tmp_path: Path) -> None:
    case = Case(client=Client(preferred_name=NAME), goals=[Goal(words="Work again")])
    session, goals_ctx, barriers_ctx = make_context(tmp_path, case)
    session.save()
    app = PlanHost(goals_ctx, barriers_ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down")  # the cursor onto the goal
        await pilot.press("o")
        await type_text(pilot, "Ask at the café [about] shifts")
        await pilot.press("tab", "tab")
        await type_text(pilot, "31/31")
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ObjectiveForm)  # still open: nothing saved
        assert form.query_one("#objective-date Input", Input).value == "31/31"
        assert form.query_one("#objective-text", Input).value == "Ask at the café [about] shifts"
        assert "not one I can read" in str(form.query_one("#form-problem", Static).content)
        assert session.case.goals[0].objectives == []
        assert not session.dirty
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ObjectiveForm)
    assert not session.dirty
    saved, _ = read_case(session.opened.path)
    assert saved.goals[0].objectives == []


async def test_unconfirmed_goal_is_saved_and_marked(tmp_path: Path) -> None:
    session, goals_ctx, barriers_ctx = make_context(tmp_path, contact=False)
    app = PlanHost(goals_ctx, barriers_ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g", "enter")  # empty: refused with a reason, form stays
        assert isinstance(app.screen, GoalForm)
        assert "in their words" in str(app.screen.query_one("#form-problem", Static).content)
        await type_text(pilot, "Stop using")
        await pilot.press("enter")
        await pilot.pause()
        assert "not yet confirmed safe" in cursor_label(app)
        await pilot.press("s")  # no objective yet: a gentle word, no form
        assert not isinstance(app.screen, StrategyForm)
    session.save()
    saved, _ = read_case(session.opened.path)
    assert saved.goals[0].words == "Stop using" and not saved.goals[0].confirmed_safe


def busy_case() -> Case:
    """A plan with everything a tree line can show, in awkward words."""
    overdue = Objective(
        text="Go to the [bold]clinic[/bold] \\ 💊 " * 3,
        target_date=TODAY - timedelta(days=3),
        measure="A stamped card",
        gas_level=-1,
        strategies=[
            Strategy(step="Find the bus [/x]", who="client", target_date=TODAY - timedelta(1)),
            Strategy(step="Book ✓", who="Aunt [May]", done=True, done_on=TODAY),
        ],
    )
    plain = Objective(text="Save £20 a week", status=ObjectiveStatus.IN_PROGRESS)
    resource = Resource(name="Clinic")
    return Case(
        client=Client(preferred_name=NAME),
        goals=[
            Goal(words="Feel well [b] 🌱\nagain", domain="health", objectives=[overdue, plain]),
            Goal(words="Keep my [/] flat", domain="not_in_bank", confirmed_safe=True),
        ],
        barriers=[
            Barrier(text="Fear of [red]needles[/red]", objective_id=overdue.id),
            Barrier(text="No phone", resolved=True, resolved_on=TODAY),
        ],
        resources=[resource],
        referrals=[
            Referral(
                resource_id=resource.id,
                objective_id=plain.id,
                history=[ReferralStep(status=ReferralStatus.REFERRED, on=TODAY)],
            )
        ],
    )


async def test_bracket_and_emoji_words_render_at_both_sizes(tmp_path: Path) -> None:
    for size in ((80, 24), (160, 48)):
        session, goals_ctx, barriers_ctx = make_context(tmp_path / f"{size[0]}", busy_case())
        app = PlanHost(goals_ctx, barriers_ctx)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            tree = app.screen.query_one("#plan-tree", Tree)
            lines = [tree.get_node_at_line(i).label.plain for i in range(tree.last_line + 1)]
            assert any("[b] 🌱 again" in line for line in lines)
            assert any("overdue" in line for line in lines)
            assert any("Not in bank" in line or "[/] flat" in line for line in lines)
            app.save_screenshot(str(tmp_path / f"goals-{size[0]}.svg"))
            for key in ("e", "escape", "r", "escape", "s", "escape"):
                await pilot.press(key)
            await pilot.press("ctrl+n")
            await pilot.pause()
            hint = app.screen.query_one("#barriers-hint", Static)
            assert not hint.display  # objectives and barriers exist: no hint
            await pilot.press("e", "escape", "x", "n")
            app.save_screenshot(str(tmp_path / f"barriers-{size[0]}.svg"))
        assert not session.dirty


async def test_barriers_hint_without_objectives(tmp_path: Path) -> None:
    session, goals_ctx, barriers_ctx = make_context(tmp_path)
    app = PlanHost(goals_ctx, barriers_ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+n")
        await pilot.pause()
        hint = str(app.screen.query_one("#barriers-hint", Static).content)
        assert "Set an objective first, or note a general barrier to linkage." in hint
        await pilot.press("b")
        await type_text(pilot, "Nobody to mind the kids")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # Enter toggles too
        await pilot.pause()
        assert session.case.barriers[0].resolved_on == TODAY
        await pilot.press("space")
        assert not session.case.barriers[0].resolved
        assert session.case.barriers[0].resolved_on is None
        await pilot.press("e")
        await pilot.press("end")
        await type_text(pilot, " after school")
        await pilot.press("enter")
        await pilot.press("x", "y")
        await pilot.pause()
    assert session.case.barriers == []


def test_references_block_deletes_of_what_others_point_to() -> None:
    case = busy_case()
    overdue, plain = case.goals[0].objectives
    assert references_to(case, {overdue.id}) == "1 barrier"
    assert references_to(case, {plain.id}) == "1 referral"
    contact = casework.start_contact(case, TODAY)
    step = overdue.strategies[0]
    casework.review_item(case, contact, step.id, ReviewStatus.IN_PROGRESS, TODAY)
    casework.review_item(case, contact, overdue.id, ReviewStatus.IN_PROGRESS, TODAY)
    assert references_to(case, {overdue.id, step.id}) == "1 barrier and 2 plan reviews"
    assert references_to(case, {"nothing"}) is None
    groups = barrier_groups(case)
    assert [o.id if o else None for o, _ in groups] == [overdue.id, None]


def test_fit_label_keeps_the_reminders_visible() -> None:
    from rich.text import Text

    parts = [("open", "dim", True), ("by 9 Dec", "dim", False), ("no measure yet", "", False)]
    label = fit_label(Text(), "A very long objective in the client's own words " * 3, parts, 50)
    assert label.cell_len <= 50
    assert label.plain.endswith("· by 9 Dec · no measure yet")
    assert "open" not in label.plain and "…" in label.plain
    wide = fit_label(Text(), "Short", parts, 200)
    assert wide.plain == "Short · open · by 9 Dec · no measure yet"


async def test_words_survive_a_reload_under_an_open_form(tmp_path: Path) -> None:
    case = Case(client=Client(preferred_name=NAME), goals=[Goal(words="Work again")])
    session, goals_ctx, barriers_ctx = make_context(tmp_path, case, contact=False)
    app = PlanHost(goals_ctx, barriers_ctx)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await type_text(pilot, "Ask about [shifts]")
        session.case.goals.clear()  # the case was reloaded from disk meanwhile
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ObjectiveForm)
        shown = [n.message for n in app._notifications]
        assert any("Ask about [shifts]" in message for message in shown)
        assert session.case.goals == []
