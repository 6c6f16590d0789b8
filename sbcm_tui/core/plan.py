"""The plan (goal → objective → strategy, and its barriers) as a case manager reads and
changes it, without a screen.

The goals pane, the plan forms, the barriers pane and the review step all ask the same questions
of the plan: what an objective still lacks, what points at an item before it may go, which
goal an objective serves, what is left to go over at this contact. The answers, and every
change to the plan, live here, in plain Python, so the CLI and the tests can use them too.
"""

from __future__ import annotations

from datetime import date

from sbcm_tui.core import casework, untrusted
from sbcm_tui.core.case import Barrier, Case, Contact, Goal, Objective, Strategy

PlanItem = Objective | Strategy
"""What is reviewed at a contact: an objective or one of its baby steps (strategies)."""

GAS_LEVELS = {
    2: "much more than expected",
    1: "somewhat more than expected",
    0: "the expected outcome",
    -1: "somewhat less than expected",
    -2: "much less than expected",
}
"""Goal attainment scaling: 0 is the outcome the objective named."""


def gentle_checks(objective: Objective) -> list[str]:
    """What an objective still lacks to be checkable: shown as a reminder, never enforced."""
    checks = []
    if not (objective.measure or "").strip():
        checks.append("no measure yet")
    if objective.target_date is None:
        checks.append("no date yet")
    return checks


DEFICIT_WORDS = frozenset(
    {
        "lazy", "irresponsible", "noncompliant", "non-compliant", "unmotivated", "manipulative",
        "resistant", "stubborn", "careless", "useless", "hopeless", "failure", "lacking",
        "deficit", "deficits", "denial", "defiant",
    }
)  # fmt: skip
"""Words that name what is wrong with a person rather than what they will do: the strengths
model writes objectives as actions in the client's own words, never as deficits."""
STOP_OPENINGS = ("stop ", "quit ", "don't ", "do not ", "never ", "no more ", "not ")
"""An objective that opens by forbidding says what not to do, which nobody can be seen doing."""


def deficit_wording(words: str) -> list[str]:
    """The deficit words in an objective (as written), and a forbidding opening if it has one:
    shown as a reminder, never enforced, because the worker may be quoting the client."""
    lowered = words.casefold().strip()
    found = [w for w in _words(lowered) if w in DEFICIT_WORDS]
    opening = next((o.strip() for o in STOP_OPENINGS if lowered.startswith(o)), None)
    return ([f'opens with "{opening}"'] if opening else []) + [
        f'"{w}"' for w in dict.fromkeys(found)
    ]


def _words(text: str) -> list[str]:
    return ["".join(c for c in w if c.isalnum() or c == "-") for w in text.split()]


def objective_warnings(words: str, target: date | None, today: date) -> list[str]:
    """What the objective form says while an objective is written: deficit wording, and a
    target date already past (easily typed by mistake: "yesterday", last year's month)."""
    warnings = []
    deficit = deficit_wording(words)
    if deficit:
        warnings.append(
            f"Worded as a deficit ({', '.join(deficit)}): say what they will do, in words "
            "they would use."
        )
    passed = past_target(target, today)
    return warnings + ([passed] if passed else [])


def past_target(target: date | None, today: date) -> str | None:
    """What to say of a target date already past (objectives and baby steps alike), or None."""
    if target is not None and target < today:
        return "That target date has passed: is it the date you meant?"
    return None


def references_to(case: Case, item_ids: set[str]) -> str | None:
    """What points at these objectives or strategies, worded; None when nothing does.

    The case model refuses to save a barrier, referral or plan review that names a missing
    item, so these are the reasons a delete must be refused."""

    def count(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    found = [
        (sum(b.objective_id in item_ids for b in case.barriers), "barrier"),
        (sum(r.objective_id in item_ids for r in case.referrals), "referral"),
        (
            sum(r.item_id in item_ids for c in case.contacts for r in c.plan_reviews),
            "plan review",
        ),
    ]
    parts = [count(n, word) for n, word in found if n]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def find_goal(case: Case, goal_id: str) -> Goal | None:
    """A goal by id; None when it has gone (the case may have been reloaded under a form)."""
    return next((g for g in case.goals if g.id == goal_id), None)


def goal_of(case: Case, objective_id: str) -> Goal | None:
    """The goal an objective belongs to."""
    return next((g for g in case.goals if any(o.id == objective_id for o in g.objectives)), None)


def item_ids(goal_or_objective: Goal | Objective) -> set[str]:
    """The ids of an item and everything under it (what deleting it would take away)."""
    objectives = (
        goal_or_objective.objectives if isinstance(goal_or_objective, Goal) else [goal_or_objective]
    )
    ids = {o.id for o in objectives} | {s.id for o in objectives for s in o.strategies}
    return ids | {goal_or_objective.id}


def gas_text(level: int, *, words: bool = False) -> str:
    """A GAS level as shown: "+1", "0", "-2"; with words, "+1  somewhat more than expected"."""
    number = f"{level:+d}" if level else "0"
    return f"{number}  {GAS_LEVELS[level]}" if words else number


def one_line(words: str) -> str:
    """Client words on one line ("…" when there are none): a tree line, a list heading or a
    form title shows only one line, and a pasted newline must not hide the rest."""
    return untrusted.one_line(words, empty="…")


def plan_to_review(case: Case, contact: Contact | None) -> list[tuple[Goal, list[PlanItem]]]:
    """The plan to go over, goal by goal: what ``casework.items_to_review`` lists, and whatever
    was already reviewed at this contact, so a decision stays on screen to be changed."""
    due = {item.id for item in casework.items_to_review(case)}

    def keep(item: PlanItem) -> bool:
        reviewed = contact is not None and casework.review_of(contact, item.id) is not None
        return item.id in due or reviewed

    plan = []
    for goal in case.goals:
        items: list[PlanItem] = []
        for objective in goal.objectives:
            if keep(objective):
                items.append(objective)
                items.extend(s for s in objective.strategies if not s.done or keep(s))
        if items:
            plan.append((goal, items))
    return plan


def review_count(plan: list[tuple[Goal, list[PlanItem]]], contact: Contact) -> tuple[int, int]:
    """(reviewed, all) for the "N of M reviewed" line: the plan is reviewed at every meeting."""
    items = [item for _, items in plan for item in items]
    done = sum(casework.review_of(contact, item.id) is not None for item in items)
    return done, len(items)


def review_left(case: Case, contact: Contact) -> tuple[int, int] | None:
    """(reviewed, all) when the plan has items this contact has not yet reviewed, else None:
    ending a contact with the plan not gone over is asked about, not refused (the client may
    have had to leave)."""
    plan = plan_to_review(case, contact)
    done, total = review_count(plan, contact)
    return (done, total) if done < total else None


# --- changing the plan ---------------------------------------------------------------------
# Each change names the items it touches by id, since a form may have been open while the case
# was reloaded: None means the item (or the one it belongs to) has gone, and nothing changed.


def keep_goal(
    case: Case,
    *,
    words: str,
    domain: str | None,
    confirmed_safe: bool,
    today: date,
    goal_id: str | None = None,
) -> Goal | None:
    """A new goal in the client's words (set today), or the goal ``goal_id`` changed."""
    if goal_id is None:
        goal = Goal(words=words, set_on=today)
        case.goals.append(goal)
    elif (goal := find_goal(case, goal_id)) is None:
        return None
    goal.words, goal.domain, goal.confirmed_safe = words, domain, confirmed_safe
    return goal


def keep_objective(
    case: Case,
    goal_id: str,
    *,
    text: str,
    measure: str | None,
    target_date: date | None,
    objective_id: str | None = None,
) -> Objective | None:
    """A new objective for a goal, or the objective ``objective_id`` changed."""
    goal = find_goal(case, goal_id)
    objective = casework.find_objective(case, objective_id) if objective_id else None
    if goal is None or (objective_id and objective is None):
        return None
    if objective is None:
        objective = Objective(text=text)
        goal.objectives.append(objective)
    objective.text, objective.measure, objective.target_date = text, measure, target_date
    return objective


def keep_strategy(
    case: Case,
    objective_id: str,
    *,
    step: str,
    who: str | None,
    target_date: date | None,
    strategy_id: str | None = None,
) -> Strategy | None:
    """A new baby step for an objective, or the strategy ``strategy_id`` changed."""
    objective = casework.find_objective(case, objective_id)
    found = casework.find_strategy(case, strategy_id) if strategy_id else None
    if objective is None or (strategy_id and found is None):
        return None
    strategy = found[1] if found else Strategy(step=step)
    if found is None:
        objective.strategies.append(strategy)
    strategy.step, strategy.who, strategy.target_date = step, who, target_date
    return strategy


def remove_plan_item(case: Case, kind: str, item_id: str) -> bool:
    """Take a goal (with its objectives), an objective (with its strategies) or a strategy
    out of the plan; False when it is no longer there. Check :func:`references_to` first."""
    if kind == "goal" and (goal := find_goal(case, item_id)):
        case.goals.remove(goal)
        return True
    if kind == "objective" and (objective := casework.find_objective(case, item_id)):
        owner = goal_of(case, item_id)
        if owner is not None:
            owner.objectives.remove(objective)
            return True
    if kind == "strategy" and (found := casework.find_strategy(case, item_id)):
        parent, strategy = found
        parent.strategies.remove(strategy)
        return True
    return False


def rate_objective(case: Case, objective_id: str, level: int | None) -> Objective | None:
    """Rate how far the client got with an objective (goal attainment, -2 to +2)."""
    objective = casework.find_objective(case, objective_id)
    if objective is not None:
        objective.gas_level = level
    return objective


def keep_barrier(
    case: Case,
    *,
    text: str,
    objective_id: str | None,
    today: date,
    barrier_id: str | None = None,
    contact: int | None = None,
) -> Barrier | None:
    """A barrier noted today (in the way of an objective, or of the plan as a whole), or the
    barrier ``barrier_id`` changed; None when it, or its objective, has gone."""
    barrier = next((b for b in case.barriers if b.id == barrier_id), None) if barrier_id else None
    gone = objective_id not in {None, *(o.id for o in case.objectives())}
    if (barrier_id and barrier is None) or gone:
        return None
    if barrier is None:
        barrier = Barrier(text=text, noted_on=today, contact=contact)
        case.barriers.append(barrier)
    barrier.text, barrier.objective_id = text, objective_id
    return barrier


def toggle_barrier(barrier: Barrier, today: date) -> None:
    """Mark a barrier overcome today, or in the way again."""
    barrier.resolved = not barrier.resolved
    barrier.resolved_on = today if barrier.resolved else None


def remove_barrier(case: Case, barrier_id: str) -> bool:
    """Take a barrier off the case (noted by mistake); False when it is no longer there."""
    before = len(case.barriers)
    case.barriers[:] = [b for b in case.barriers if b.id != barrier_id]
    return len(case.barriers) < before


def revise_item(item: PlanItem, words: str, target_date: date | None) -> None:
    """New wording (and target date) for an objective or a strategy, agreed at a review."""
    if isinstance(item, Objective):
        item.text = words
    else:
        item.step = words
    item.target_date = target_date
