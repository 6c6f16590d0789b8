"""``sbcm report``: the outcomes dashboard's figures as plain text or JSON, for people and scripts.

    sbcm report [CASES_DIR] [--json] [--days N] [--today YYYY-MM-DD]

The figures are :class:`~sbcm_tui.insight.outcomes.CaseloadOutcomes`, the same object the dashboard
screen draws, listed from the folder's summary cache like the caseload is. Files that cannot be
read are counted and named (in the report, and as ``PATH: where: what`` lines on stderr) and the
exit code is 1, as ``sbcm validate`` does; the rest of the caseload is still reported.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from datetime import date
from pathlib import Path

from sbcm_tui.core.dates import format_date
from sbcm_tui.core.wording import plural
from sbcm_tui.insight.charts import bars_that_fit, column_chart, hbar, sparkline
from sbcm_tui.insight.goal_attainment import GAS_RHO
from sbcm_tui.insight.outcomes import (
    DEFAULT_NO_CONTACT_DAYS,
    DUE_SOON_DAYS,
    CaseloadOutcomes,
    ObjectiveDue,
    caseload_outcomes,
)

TEXT_LIMIT = 20
"""Rows per list in the text report; ``--json`` lists everything."""
CHART_HEIGHT = 5
_SPACES = re.compile(r"\s+")


def one_line(text: str, width: int) -> str:
    """Client text on one line (newlines and tabs become spaces), cut to ``width`` with '…'."""
    flat = _SPACES.sub(" ", "".join(ch if ch.isprintable() else " " for ch in text)).strip()
    return flat if len(flat) <= width else flat[: max(width - 1, 0)] + "…"


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


def progress_chart(o: CaseloadOutcomes, width: int, height: int = CHART_HEIGHT) -> list[str]:
    """Objectives achieved so far by contact number, as a column chart."""
    points = o.progress
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
    if not o.progress:
        return ""
    drawn = bars_that_fit([p.mean_achieved for p in o.progress], width)
    first, last = o.progress[0], o.progress[max(drawn, 1) - 1]
    line = (
        f"{plural(first.cases, 'case')} at contact {first.contact},"
        f" {last.cases:,} at contact {last.contact}"
    )
    if drawn < len(o.progress):
        line += f"; contacts past {last.contact} not drawn"
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


# --- the command --------------------------------------------------------------------------------


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of days: {text!r}") from None
    if not 0 <= value <= 3650:
        raise argparse.ArgumentTypeError("days must be from 0 to 3650")
    return value


def add_report_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``sbcm report`` on the command line's subcommands."""
    report = commands.add_parser(
        "report",
        help="the outcomes across a caseload, as text or JSON",
        description="Print the outcomes dashboard's figures for a folder of case files.",
    )
    report.add_argument(
        "cases_dir",
        nargs="?",
        metavar="CASES_DIR",
        help="the case folder (default: $SBCM_HOME, else the user data folder)",
    )
    report.add_argument("--json", action="store_true", help="print JSON for scripts")
    report.add_argument(
        "--days",
        type=_days,
        default=DEFAULT_NO_CONTACT_DAYS,
        metavar="N",
        help=f"a case is quiet after N days without contact (default {DEFAULT_NO_CONTACT_DAYS})",
    )
    report.add_argument(
        "--today", type=_day, metavar="YYYY-MM-DD", help="count as if today were this day"
    )
    report.set_defaults(handler=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    """Print the report; exit 1 (after printing it) when some case files could not be read."""
    from sbcm_tui.cli import EXIT_OK, EXIT_PROBLEMS, UsageError, _emit
    from sbcm_tui.core.problems import Problem
    from sbcm_tui.files.caseindex import CaseIndex
    from sbcm_tui.files.paths import default_cases_dir
    from sbcm_tui.files.store import META_FOLDER

    folder = Path(args.cases_dir).expanduser() if args.cases_dir else default_cases_dir()
    if not folder.is_dir():
        what = "no such folder" if not folder.exists() else "is not a folder"
        raise UsageError([f"{folder}: {what}"])
    try:
        caseload = CaseIndex(folder, folder / META_FOLDER).scan()
    except OSError as exc:
        _emit(sys.stderr, f"{folder}: folder: cannot list ({exc.strerror or type(exc).__name__})")
        return EXIT_PROBLEMS
    outcomes = caseload_outcomes(caseload, args.today or date.today(), args.days)
    text = outcomes.to_json() if args.json else render_text(outcomes, _width())
    for line in text.splitlines():  # one line at a time: a terminal that cannot show a
        _emit(sys.stdout, line)  # character gets an escape, not a traceback
    sys.stdout.flush()
    for broken in caseload.broken:
        for problem in broken.problems or (Problem("file", "unreadable"),):
            _emit(sys.stderr, f"{folder / broken.name}: {problem.where}: {problem.what}")
    return EXIT_PROBLEMS if caseload.broken else EXIT_OK


def _width() -> int:
    """The terminal's width when printing to one (60 to 160), else 80 for files and pipes."""
    try:
        if not sys.stdout.isatty():
            return 80
        columns = os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return 80
    return max(60, min(columns, 160))
