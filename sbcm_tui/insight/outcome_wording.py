"""The outcomes in words: what the dashboard and ``sbcm report`` both say about a caseload.

The dashboard draws these lines on screen and ``sbcm report`` prints :func:`render_text`, so a
supervisor reads the same sentence in both places. Plain text only: the screen styles it.
"""

from __future__ import annotations

from datetime import date

from sbcm_tui.core import untrusted
from sbcm_tui.core.dates import format_date
from sbcm_tui.core.wording import plural
from sbcm_tui.insight.charts import bars_that_fit, column_chart, hbar, sparkline
from sbcm_tui.insight.goal_attainment import GAS_RHO
from sbcm_tui.insight.outcomes import DUE_SOON_DAYS, CaseloadOutcomes, ObjectiveDue

TEXT_LIMIT = 20
"""Rows per list in the text report; ``--json`` lists everything."""
CHART_HEIGHT = 5


def one_line(text: str, width: int) -> str:
    """Client text on one line (newlines and tabs become spaces, controls visible
    placeholders), cut to ``width`` with '…'."""
    return untrusted.one_line(text, width)


def percent(share: float | None) -> str:
    """A share as a whole percentage, or a dash when there is nothing to divide."""
    return "—" if share is None else f"{share:.0%}"


def headline(o: CaseloadOutcomes) -> str:
    """The first line: the day, and how many cases the figures are about."""
    parts = [f"{plural(o.cases, 'case')}, {o.active:,} active"]
    if o.practice:
        parts.append(f"{plural(o.practice, 'practice case')} left out")
    if o.unreadable:
        parts.append(f"{plural(len(o.unreadable), 'unreadable file')}")
    return f"Outcomes on {format_date(o.today)} · " + " · ".join(parts)


def linkage_lines(o: CaseloadOutcomes) -> list[str]:
    """Referrals made, linked, retained, and the median wait, in words."""
    link = o.linkage
    if not link.made:
        return ["No referral made yet (suggestions only count once referred)."]
    median = "—" if link.median_days is None else f"{link.median_days:g}"
    return [
        f"{plural(link.made, 'referral')} made · {link.linked:,} linked "
        f"({percent(link.share_linked)}) · {link.retained:,} of those retained "
        f"({percent(link.share_retained)})",
        f"Median {median} days from referral to linkage",
        f"Not counted: {link.suggested:,} suggested, not referred yet · {link.declined:,} declined",
    ]


def attainment_line(o: CaseloadOutcomes) -> str:
    """The caseload's goal attainment in one sentence."""
    mean = o.mean_t_score
    unrated = len(o.attainment) - o.rated_cases
    if mean is None:
        return f"No objective rated yet ({plural(unrated, 'case')} with objectives)."
    return (
        f"Mean T {mean:.1f} over {plural(o.rated_cases, 'rated case')} (50 = as expected)"
        f" · {unrated:,} not rated yet"
    )


CHART_CONTACTS = 5
"""The chart draws the protocol's five contacts. Later contacts are reached by a long-term case
or two, and a mean over one case (26 contacts, most objectives done) drew the tallest column and
read as the caseload's progress."""


def charted_progress(o: CaseloadOutcomes) -> list:
    """The progress points the charts draw: the protocol's contacts (see CHART_CONTACTS)."""
    return [p for p in o.progress if p.contact <= CHART_CONTACTS]


def progress_chart(o: CaseloadOutcomes, width: int, height: int = CHART_HEIGHT) -> list[str]:
    """Objectives achieved so far by contact number (the protocol's five), as a column chart."""
    points = charted_progress(o)
    if not points:
        return ["No contacts yet."]
    return column_chart(
        [p.mean_achieved for p in points],
        [str(p.contact) for p in points],
        width=width,
        height=height,
    )


def reach_line(o: CaseloadOutcomes, width: int) -> str:
    """How many cases each end of the progress chart (drawn ``width`` wide) stands for: later
    contacts are reached by fewer cases. Says so when the chart could not draw every contact."""
    points = charted_progress(o)
    if not points:
        return ""
    drawn = bars_that_fit([p.mean_achieved for p in points], width)
    first, last = points[0], points[max(drawn, 1) - 1]
    line = (
        f"{plural(first.cases, 'case')} reached contact {first.contact},"
        f" {last.cases:,} reached {last.contact}"
    )
    if drawn < len(points):
        line += f"; contacts past {last.contact} not drawn"
    beyond = max((p.cases for p in o.progress if p.contact > CHART_CONTACTS), default=0)
    if beyond:
        line += f"; {beyond:,} went on past {CHART_CONTACTS} (not drawn)"
    return line


def weekly_line(o: CaseloadOutcomes, width: int) -> str:
    """Contacts per week as a sparkline, with the numbers beside it when they fit."""
    counts = o.weekly_contacts
    line = f"{sparkline(counts)}  {' '.join(f'{c:,}' for c in counts)}  (oldest first)"
    if len(line) <= width:
        return line
    return f"{sparkline(counts)}  {counts[-1]:,} this week, {max(counts):,} in the busiest"


def day_column(day: date) -> str:
    """A date padded to one width, so that the rows of a list line up."""
    return format_date(day).ljust(15)


def _due_rows(items: tuple[ObjectiveDue, ...], width: int, limit: int) -> list[str]:
    rows = []
    for item in items[:limit]:
        name = one_line(item.case_name, 18).ljust(18)
        rows.append(f"    {day_column(item.due)}  {name}  " + one_line(item.text, width - 45))
    if len(items) > limit:
        rows.append(f"    … and {len(items) - limit:,} more (--json lists them all)")
    return rows


def render_text(o: CaseloadOutcomes, width: int = 80, limit: int = TEXT_LIMIT) -> str:
    """The whole report as plain text, ``width`` columns wide."""
    out = [headline(o), ""]
    out.append("Active cases by contact")
    rows = o.grouped_by_contact()
    top = max((count for _, count in rows), default=0)
    for label, count in rows:
        out.append(f"  {label:<12}{count:>7,}  {hbar(count, top, width - 24)}".rstrip())
    out += ["", f"Objectives due in the next {DUE_SOON_DAYS} days: {len(o.due_soon):,}"]
    out += _due_rows(o.due_soon, width, limit)
    out.append(f"Objectives overdue: {len(o.overdue):,}")
    out += _due_rows(o.overdue, width, limit)
    out += ["", f"No contact in {o.no_contact_days} days: {plural(len(o.quiet), 'active case')}"]
    for quiet in o.quiet[:limit]:
        last = day_column(quiet.last_contact_on) if quiet.last_contact_on else "never met"
        out.append(
            f"    {one_line(quiet.case_name, 24):<24}  {quiet.days:>4} days  {last}".rstrip()
        )
    if len(o.quiet) > limit:
        out.append(f"    … and {len(o.quiet) - limit:,} more (--json lists them all)")
    out += ["", "Referrals"] + [f"  {line}" for line in linkage_lines(o)]
    out += ["", f"Goal attainment (GAS T-score, ρ = {GAS_RHO}, equal weights)"]
    out.append(f"  {attainment_line(o)}")
    rated = [a for a in o.attainment if a.t_score is not None]
    for case in rated[:limit]:
        name = one_line(case.case_name, 24)
        out.append(
            f"    {name:<24}  T {case.t_score:5.1f}  {case.rated} of {case.objectives} rated"
        )
    if len(rated) > limit:
        out.append(f"    … and {len(rated) - limit:,} more, lowest first (--json lists them all)")
    out += ["", "Objectives achieved so far, mean per case, by contact number"]
    out += [f"  {line}" for line in progress_chart(o, width - 2)]
    if o.progress:
        out.append(f"  {reach_line(o, width - 2)}")
    out += ["", f"Contacts per week, last {len(o.weekly_contacts)} weeks"]
    out.append(f"  {weekly_line(o, width - 2)}")
    if o.unreadable:
        out += ["", f"Unreadable files: {len(o.unreadable):,} (not counted above)"]
        out += [
            f"  {one_line(name, 40)}: {one_line(why, width - 46)}" for name, why in o.unreadable
        ]
    return "\n".join(out) + "\n"
