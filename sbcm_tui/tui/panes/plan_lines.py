"""How a plan item reads on screen: one tree line each, and the words for statuses and dates.

A tree shows only a label's first line and cuts what does not fit, so the client's words are
folded onto one line and cut first, keeping the dates and gentle reminders at the end of the
line in sight. The goals pane draws its tree with these; they need no screen, so tests call them
directly.
"""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len
from rich.text import Text

from sbcm_tui.core.case import Goal, Objective, ObjectiveStatus, Strategy
from sbcm_tui.core.dates import describe_due, format_date
from sbcm_tui.core.plan import gas_text, gentle_checks, one_line
from sbcm_tui.core.protocol import PromptBank

STATUS_WORDS = {
    ObjectiveStatus.OPEN: "open",
    ObjectiveStatus.IN_PROGRESS: "in progress",
    ObjectiveStatus.ACHIEVED: "achieved",
    ObjectiveStatus.REVISED: "revised",
    ObjectiveStatus.DROPPED: "dropped",
}
"""How the goals pane names an objective's status."""


def when(day: date, today: date) -> str:
    """ "Fri 4 Dec 2026, in 9 days": a target date for the detail lines."""
    return f"{format_date(day)}, {describe_due(day, today)}"


Part = tuple[str, str, bool]
"""A piece of a tree line after the client's words: (words, rich style, droppable when tight)."""

MIN_WORDS = 16
"""Cells of client words a tree line keeps before it drops the less important parts."""


def fit_label(lead: Text, words: str, parts: list[Part], room: int) -> Text:
    """One tree line: a lead mark, the client's words cut to fit, then the parts that matter.

    Droppable parts go first (last ones first) when the words would get fewer than
    MIN_WORDS cells; the words are cut with "…" (the detail box shows them in full)."""
    parts = list(parts)

    def words_room() -> int:
        return room - lead.cell_len - sum(cell_len(f" · {p[0]}") for p in parts)

    while words_room() < MIN_WORDS and any(p[2] for p in parts):
        del parts[max(i for i, p in enumerate(parts) if p[2])]
    text = Text(one_line(words))
    text.truncate(max(MIN_WORDS, words_room()), overflow="ellipsis")
    label = lead.copy().append_text(text)
    for part, style, _ in parts:
        label.append(f" · {part}", style=style)
    return label


def due_part(day: date | None, late: bool, today: date, warn: str) -> list[Part]:
    """ "by 9 Dec", or "9 Dec, 3 days overdue" in the warning colour."""
    if day is None:
        return []
    short = " ".join(format_date(day).split()[1:3])
    if day.year != today.year:
        short += f" {day.year}"
    if late:
        return [(f"{short}, {describe_due(day, today)}", f"bold {warn}", False)]
    return [(f"by {short}", "dim", False)]


def goal_parts(goal: Goal, bank: PromptBank, warn: str) -> list[Part]:
    """A goal's life area (droppable), and a warning while it is not confirmed safe."""
    parts: list[Part] = []
    if goal.domain:
        parts.append((bank.domain_title(goal.domain), "dim", True))
    if not goal.confirmed_safe:
        parts.append(("not yet confirmed safe", warn, False))
    return parts


def objective_parts(objective: Objective, today: date, warn: str) -> list[Part]:
    """Status, due date, GAS rating, then the gentle checks (never dropped: they are the point)."""
    status = STATUS_WORDS[objective.status]
    parts: list[Part] = [(status, "dim", True)]
    parts += due_part(objective.target_date, objective.is_overdue(today), today, warn)
    if objective.gas_level is not None:
        parts.append((f"GAS {gas_text(objective.gas_level)}", "dim", True))
    parts += [(check, f"italic {warn}", False) for check in gentle_checks(objective)]
    return parts


def strategy_parts(strategy: Strategy, today: date, warn: str) -> list[Part]:
    """Who does the step (droppable) and its due date, late only while it is not done."""
    parts: list[Part] = [(one_line(strategy.who), "dim", True)] if strategy.who else []
    late = not strategy.done and strategy.target_date is not None and strategy.target_date < today
    return parts + due_part(strategy.target_date, late, today, warn)
