"""Practice feedback as an export: how one practice contact went, on paper and on screen.

The judging (codes and ratios, hidden strengths found and missed, goals in the client's words,
measurable objectives, a non-strength that slipped out) is practice's, in
:mod:`sbcm_tui.practice.feedback`; this module only says it, as a
:class:`~sbcm_tui.exports.document.Document`. The feedback screen draws the same document, so
what a trainee reads after ``f10`` and what they hand their trainer never differ, and every
format (Markdown, HTML, JSON, TOML) comes from the renderers every other kind uses.

Exports import practice, never the other way round.
"""

from __future__ import annotations

from datetime import date

from sbcm_tui.core.case import Case
from sbcm_tui.exports.document import Document, ItemList, Section, bullet
from sbcm_tui.exports.progress_note import ContactNotFound, find_contact
from sbcm_tui.exports.words import PRACTICE_NOTICE, day, term_text
from sbcm_tui.practice.cases import scenario_of
from sbcm_tui.practice.feedback import PracticeFeedback, practice_feedback

TITLE = "Practice feedback"
KIND = "practice-feedback"
FOR = "the trainee and their trainer: a practice aid, not a fidelity rating"


def build_feedback(case: Case, today: date, contact_number: int | None = None) -> Document:
    """The feedback on contact ``contact_number`` of a practice case (when None: the last
    contact with a transcript, else the last contact), judged against its scenario.

    Raises :class:`ContactNotFound` when the case has no such contact: feedback on a contact
    that never happened would be a page of zeros that looks like a verdict."""
    if not case.contacts:
        raise ContactNotFound("this practice case has no contacts yet; feedback needs one")
    if contact_number is not None:
        find_contact(case, contact_number)
    return feedback_document(practice_feedback(case, scenario_of(case), contact_number), today)


def feedback_document(feedback: PracticeFeedback, today: date) -> Document:
    """The feedback as a document: its title, then one section per part, each a list of lines
    (the order a trainer goes through it: interviewing, strengths, plan, non-strengths)."""
    interviewing = [*feedback.codes.lines(), *feedback.miti.lines(with_ratio=False)]
    sections = [_section("interviewing", "Interviewing", interviewing)]
    if feedback.strengths:
        sections.append(_section("strengths", "Strengths", _strength_lines(feedback)))
    sections.append(_section("plan", "Goals and objectives", _plan_lines(feedback)))
    if feedback.non_strength is not None:
        sections.append(
            _section("non_strengths", "Non-strengths information", _non_strength_lines(feedback))
        )
    meta = [("Written", day(today)), ("For", FOR), ("Case", feedback.case_id)]
    if feedback.scenario_id:
        meta.append(("Scenario", feedback.scenario_id))
    return Document(
        kind=KIND,
        title=feedback_title(feedback),
        meta=tuple(meta),
        sections=tuple(sections),
        notice=PRACTICE_NOTICE,
    )


def feedback_title(feedback: PracticeFeedback) -> str:
    """The title: "Practice feedback: <scenario>, contact N" (its title, else its id)."""
    title = f"{TITLE}: {feedback.scenario_title or feedback.scenario_id or feedback.case_id}"
    return title + (f", contact {feedback.contact_number}" if feedback.contact_number else "")


def _section(key: str, title: str, lines: list[str]) -> Section:
    return Section(key, title, (ItemList(tuple(bullet(line) for line in lines)),))


def _strength_lines(feedback: PracticeFeedback) -> list[str]:
    found, missed = feedback.found, feedback.missed
    rows = [f"Found {len(found)} of {len(feedback.strengths)} hidden strengths."]
    rows += [f"Found, {s.domain_title} ({s.how}): {s.words}" for s in found]
    rows += [f"Missed, {s.domain_title}: {s.words}" for s in missed]
    if feedback.other_strengths:
        rows.append("You also recorded strengths in: " + ", ".join(feedback.other_strengths))
    return rows


def _plan_lines(feedback: PracticeFeedback) -> list[str]:
    goals, objectives = feedback.goals, feedback.objectives
    if not goals:
        return ["No goals written yet. Write the goal in the client's own words."]
    in_words = sum(g.in_client_words for g in goals)
    rows = [f"Goals in the client's own words: {in_words} of {len(goals)}."]
    for goal in goals:
        verdict = "in their words" if goal.in_client_words else "not in their words"
        rows.append(f"Goal ({verdict}): {goal.words}")
    if not objectives:
        rows.append("No objectives yet: each goal needs specific, measurable steps.")
        return rows
    measurable = sum(o.measurable for o in objectives)
    rows.append(
        f"Objectives measurable (a measure and a target date): {measurable} of {len(objectives)}."
    )
    for objective in objectives:
        lacks = [
            what
            for what, has in (
                ("a measure", objective.has_measure),
                ("a target date", objective.has_target_date),
            )
            if not has
        ]
        verdict = "measurable" if not lacks else "needs " + " and ".join(lacks)
        rows.append(f"Objective ({verdict}): {objective.text}")
    return rows


def _non_strength_lines(feedback: PracticeFeedback) -> list[str]:
    check = feedback.non_strength
    assert check is not None
    kind = term_text(check.kind)
    if check.recorded:
        rows = [f"Recorded as {kind}. Well caught."]
    elif check.came_up:
        rows = [f"The client said something to record as {kind}, and it was not recorded."]
    else:
        rows = [f"It did not come up this time: this client has something to record ({kind})."]
    if check.came_up or check.recorded:
        rows.append(f"What they said: {check.words}")
    if check.note and not check.recorded:
        rows.append(check.note)
    return rows
