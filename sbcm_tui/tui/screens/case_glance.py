"""What the case screen says first about a case: a copy or an inbox to see to, the contact to
carry on with or the next one, reopenings, the next meeting, counts of what is planned and late,
and the last contact's summary."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sbcm_tui.core import casework
from sbcm_tui.core.dates import format_date
from sbcm_tui.core.untrusted import one_line
from sbcm_tui.core.wording import plural
from sbcm_tui.practice.cases import practice_contact_open

if TYPE_CHECKING:
    from sbcm_tui.core.case import Case
    from sbcm_tui.core.protocol import Protocol

REOPEN_KEY = "R"
"""The key that reopens a case no longer active (its binding is on the case screen)."""


def glance(case: Case, protocol: Protocol, today: date) -> str:
    """The Overview's first lines: what the case waits for, and where it stands."""
    lines = []
    if case.copy_of is not None:
        made = case.copy_of.made_at.astimezone()
        why = (
            "another editor saved the case first"
            if case.copy_of.reason == "conflict"
            else "it was kept when sbcm stopped"
        )
        lines.append(
            f"A copy of case {case.copy_of.case_id} (revision {case.copy_of.revision}), made "
            f"{format_date(made.date())} {made:%H:%M} because {why}. Press o to compare."
        )
    if case.inbox:
        lines.append(
            f"Team inbox: {plural(len(case.inbox), 'change')} two workers made to the same "
            "thing, to decide. Press i to see them."
        )
    nxt = case.next_contact_number()
    left = casework.contact_to_resume(case)
    paused = casework.paused_contact(case, today)
    if case.status.value == "active" and paused is not None:
        lines.append(
            f"Contact {paused.number} is paused ({paused.minutes or 0} minutes so far). "
            "Press c to carry on with it."
        )
    elif case.status.value == "active" and left is not None:
        lines.append(
            f"Contact {left.number} was started on {format_date(left.on)} but nothing is "
            "recorded in it yet. Press c to carry on with it."
        )
    elif case.status.value == "active" and (open_practice := practice_contact_open(case)):
        lines.append(
            f"Practice contact {open_practice.number} is not ended yet. Press c to carry on "
            "with it (f10 there ends it and shows the feedback)."
        )
    elif case.status.value == "active":
        script = protocol.script_for(nxt)
        lines.append(f"Next: contact {nxt}, {script.title}. Press c to start it.")
    else:
        lines.append(f"This case is {case.status.value}. Press {REOPEN_KEY} to reopen it.")
    for reopening in case.reopenings:
        lines.append(
            f"Reopened {format_date(reopening.on)} (was {reopening.was.value}): "
            + one_line(reopening.reason)
        )
    if case.next_contact_on:
        lines.append(f"Next meeting: {format_date(case.next_contact_on)}")
    overdue = [o for o in case.objectives() if o.is_overdue(today)]
    late_tasks = [t for t in case.tasks if t.is_overdue(today)]
    lines.append(
        f"{plural(len(case.strengths), 'strength')} · {plural(len(case.goals), 'goal')} · "
        f"{plural(len(case.objectives()), 'objective')} ({len(overdue)} overdue) · "
        f"{plural(sum(not t.done for t in case.tasks), 'open task')} "
        f"({len(late_tasks)} overdue)"
    )
    if case.unsaved_form:
        lines.append(f"Typed in a form and not saved when the app closed: {case.unsaved_form}")
    last = case.last_contact()
    if last is not None and last.summary:
        lines.append(f"Last time ({format_date(last.on)}): {last.summary}")
    return "\n".join(lines)
