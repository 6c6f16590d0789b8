"""The plan's rules without a screen: gentle checks, what blocks a delete, what a review covers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

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
from sbcm_tui.core.plan import (
    GAS_LEVELS,
    find_goal,
    gas_text,
    gentle_checks,
    goal_of,
    item_ids,
    keep_barrier,
    keep_goal,
    keep_objective,
    keep_strategy,
    objective_warnings,
    one_line,
    plan_to_review,
    rate_objective,
    references_to,
    remove_barrier,
    remove_plan_item,
    review_count,
    toggle_barrier,
)

TODAY = date(2026, 11, 25)


def plan_case() -> Case:
    """Two goals: one with a checkable objective and a loose one, one with nothing under it."""
    checkable = Objective(
        text="Hand in the housing form",
        measure="A receipt from the desk",
        target_date=date(2026, 12, 9),
        strategies=[Strategy(step="Pick up the form"), Strategy(step="Fill it in", done=True)],
    )
    loose = Objective(text="Look at flats", measure="   ")
    return Case(
        client=Client(preferred_name="Sam [/x]"),
        goals=[
            Goal(words="My own place", objectives=[checkable, loose]),
            Goal(words="Work [again]"),
        ],
    )


# --- gentle checks: reminders, never rules -------------------------------------------------


def test_a_checkable_objective_needs_no_reminder() -> None:
    checkable = plan_case().goals[0].objectives[0]
    assert gentle_checks(checkable) == []


def test_a_blank_measure_counts_as_none_and_both_lacks_are_named_in_order() -> None:
    loose = plan_case().goals[0].objectives[1]
    assert gentle_checks(loose) == ["no measure yet", "no date yet"]
    loose.target_date = TODAY
    assert gentle_checks(loose) == ["no measure yet"]


# --- what points at an item before it may go -----------------------------------------------


def test_nothing_points_at_a_fresh_plan() -> None:
    case = plan_case()
    assert references_to(case, item_ids(case.goals[0])) is None


def test_each_kind_of_reference_is_counted_and_worded() -> None:
    case = plan_case()
    checkable, loose = case.goals[0].objectives
    step = checkable.strategies[0]
    resource = Resource(name="Council desk")
    case.resources.append(resource)
    case.barriers += [
        Barrier(text="Office shuts at four", objective_id=checkable.id),
        Barrier(text="No bus fare", objective_id=checkable.id),
        Barrier(text="Unsure about it all"),  # general: points at nothing
    ]
    case.referrals.append(
        Referral(
            resource_id=resource.id,
            objective_id=loose.id,
            history=[ReferralStep(status=ReferralStatus.SUGGESTED, on=TODAY)],
        )
    )
    contact = casework.start_contact(case, TODAY)
    casework.review_item(case, contact, step.id, ReviewStatus.IN_PROGRESS, TODAY)

    assert references_to(case, {checkable.id}) == "2 barriers"
    assert references_to(case, {loose.id}) == "1 referral"
    assert references_to(case, {step.id}) == "1 plan review"
    assert references_to(case, item_ids(case.goals[0])) == (
        "2 barriers, 1 referral and 1 plan review"
    )
    assert references_to(case, item_ids(case.goals[1])) is None


# --- finding things in the plan ------------------------------------------------------------


def test_item_ids_take_in_everything_under_the_item() -> None:
    case = plan_case()
    goal = case.goals[0]
    checkable, loose = goal.objectives
    steps = {s.id for s in checkable.strategies}
    assert item_ids(checkable) == {checkable.id} | steps
    assert item_ids(loose) == {loose.id}
    assert item_ids(goal) == {goal.id, checkable.id, loose.id} | steps
    assert item_ids(case.goals[1]) == {case.goals[1].id}


def test_goals_are_found_by_id_and_by_their_objectives() -> None:
    case = plan_case()
    first, second = case.goals
    assert find_goal(case, second.id) is second
    assert find_goal(case, "gone") is None
    assert goal_of(case, first.objectives[1].id) is first
    assert goal_of(case, "gone") is None


# --- wording ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "shown"),
    [(2, "+2"), (1, "+1"), (0, "0"), (-1, "-1"), (-2, "-2")],
)
def test_gas_levels_read_with_a_sign_except_zero(level: int, shown: str) -> None:
    assert gas_text(level) == shown
    assert gas_text(level, words=True) == f"{shown}  {GAS_LEVELS[level]}"


def test_client_words_fold_onto_one_line() -> None:
    assert one_line("Feel well [b] 🌱\nagain  ") == "Feel well [b] 🌱 again"
    assert one_line(" \n ") == "…"


# --- what a contact's plan review covers ----------------------------------------------------


def test_the_review_lists_open_items_and_keeps_what_was_decided_here() -> None:
    case = plan_case()
    checkable, loose = case.goals[0].objectives
    pick_up = checkable.strategies[0]  # the other one is done already
    contact = casework.start_contact(case, TODAY)

    plan = plan_to_review(case, contact)
    assert [(goal.words, [i.id for i in items]) for goal, items in plan] == [
        ("My own place", [checkable.id, pick_up.id, loose.id])  # done steps and empty goals go
    ]
    assert review_count(plan, contact) == (0, 3)

    # Marked done here, the objective is no longer open, yet it stays to be changed back.
    casework.review_item(case, contact, checkable.id, ReviewStatus.DONE, TODAY)
    casework.review_item(case, contact, pick_up.id, ReviewStatus.DONE, TODAY)
    assert checkable.status is ObjectiveStatus.ACHIEVED
    plan = plan_to_review(case, contact)
    assert [i.id for i in plan[0][1]] == [checkable.id, pick_up.id, loose.id]
    assert review_count(plan, contact) == (2, 3)

    # Outside a contact only what is still open shows.
    assert [i.id for _, items in plan_to_review(case, None) for i in items] == [loose.id]


# --- changing the plan (what the goals and barriers panes call) ----------------------------


def test_a_plan_is_built_and_changed_through_its_functions() -> None:
    case = Case(client=Client(preferred_name="Lee"))
    goal = keep_goal(case, words="My own place", domain=None, confirmed_safe=True, today=TODAY)
    assert goal is not None and goal.set_on == TODAY and case.goals == [goal]
    objective = keep_objective(case, goal.id, text="Form in", measure=None, target_date=None)
    assert objective is not None and goal.objectives == [objective]
    strategy = keep_strategy(case, objective.id, step="Ring", who="Lee", target_date=TODAY)
    assert strategy is not None and objective.strategies == [strategy]
    again = keep_objective(
        case, goal.id, text="Form handed in", measure="receipt", target_date=TODAY,
        objective_id=objective.id,
    )  # fmt: skip
    assert again is objective and objective.text == "Form handed in" and len(goal.objectives) == 1
    assert rate_objective(case, objective.id, 1) is objective and objective.gas_level == 1
    assert remove_plan_item(case, "strategy", strategy.id) and objective.strategies == []
    assert not remove_plan_item(case, "strategy", strategy.id)  # already gone
    assert remove_plan_item(case, "goal", goal.id) and case.goals == []


def test_a_change_to_an_item_that_has_gone_changes_nothing() -> None:
    """A form left open while the case was reloaded names items that may no longer exist."""
    case = plan_case()
    before = case.model_dump()
    assert keep_goal(case, words="x", domain=None, confirmed_safe=False, today=TODAY,
                     goal_id="gone") is None  # fmt: skip
    assert keep_objective(case, "gone", text="x", measure=None, target_date=None) is None
    assert keep_strategy(case, "gone", step="x", who=None, target_date=None) is None
    assert keep_barrier(case, text="x", objective_id="gone", today=TODAY) is None
    assert rate_objective(case, "gone", 2) is None
    assert case.model_dump() == before


def test_barriers_are_noted_overcome_and_removed() -> None:
    case = plan_case()
    objective = case.objectives()[0]
    barrier = keep_barrier(case, text="No bus fare", objective_id=objective.id, today=TODAY)
    assert barrier is not None and barrier.noted_on == TODAY and barrier in case.barriers
    toggle_barrier(barrier, TODAY)
    assert barrier.resolved and barrier.resolved_on == TODAY
    toggle_barrier(barrier, TODAY)
    assert not barrier.resolved and barrier.resolved_on is None
    assert remove_barrier(case, barrier.id) and barrier not in case.barriers


def test_tasks_strengths_referrals_and_codes_change_through_casework() -> None:
    from sbcm_tui.core.case import PracticeLine, ResourceKind, Strength, Task

    case = plan_case()
    case.strength_draft = "half typed"
    strength = casework.record_strength(case, Strength(domain="social", words="Kind"))
    assert strength in case.strengths and case.strength_draft is None
    assert casework.remove_strength(case, strength.id) and strength not in case.strengths
    task = casework.add_task(case, Task(text="Ring the office"))
    casework.toggle_task(task, TODAY)
    assert task.done and task.done_on == TODAY
    assert casework.remove_task(case, task.id) and not casework.remove_task(case, task.id)
    resource = casework.keep_resource(
        case, name="Food bank", kind=ResourceKind.INFORMAL, how_to_reach=None
    )
    referral = casework.refer(case, resource.id, "Food", None, TODAY)
    assert referral.status is ReferralStatus.SUGGESTED and referral in case.referrals
    line = PracticeLine(speaker="worker", text="How so?", suggested="open_question")
    assert casework.recode_line(line, "closed_question") and line.code == "closed_question"
    assert not casework.recode_line(line, "closed_question")
    said = PracticeLine(speaker="client", text="Fine.")
    assert not casework.recode_line(said, "reflection")


def test_a_deficit_worded_objective_is_named_as_one() -> None:
    said = objective_warnings(
        "Stop being so lazy and irresponsible about the housing forms", None, date(2026, 11, 2)
    )
    assert len(said) == 1 and "deficit" in said[0]
    assert all(w in said[0] for w in ('"stop"', '"lazy"', '"irresponsible"'))
    # what they will do, in their words: nothing to say
    assert objective_warnings("Hand in the housing form at Westside", None, date(2026, 11, 2)) == []


def test_a_target_date_already_past_is_questioned() -> None:
    today = date(2026, 11, 2)
    assert objective_warnings("View two flats", today - timedelta(days=1), today) == [
        "That target date has passed: is it the date you meant?"
    ]
    assert objective_warnings("View two flats", today, today) == []
