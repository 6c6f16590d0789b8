"""The sections of the staffing review, drawn as Rich grids: one widget per section, not per line.

A review of a full case holds a hundred lines; a widget for each (marker, words, date) took over
a second to lay out on a busy machine. A Rich grid wraps the words under themselves and keeps
dates in a right-hand column just as well, in a single widget. Client words only ever enter as
:class:`rich.text.Text` built from plain strings, so brackets in them are never read as markup.

Colours come from the theme (:class:`Palette`), and anything late also carries the ``!``
marker and the word "overdue", so nobody needs to see red to find it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from rich.console import RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.color import Color, ColorParseError

from sbcm_tui.core.case import ObjectiveStatus, ReferralStatus, TaskOwner
from sbcm_tui.core.dates import describe_due, format_date
from sbcm_tui.core.plan import gas_text
from sbcm_tui.core.wording import plural
from sbcm_tui.insight.review import (
    GRID_COLUMNS,
    NoteLine,
    ObjectiveLine,
    StaffingReview,
    StrategyLine,
    strength_grid,
)
from sbcm_tui.tui.widgets.safety_banner import NON_STRENGTH_TITLES

LATE_MARK = "!"
"""The marker of anything overdue: seen without colour, next to the word "overdue"."""
WHEN_WIDTH = 24
"""Room for "done Wed 30 Sep 2026" and a clear gap before it."""

STATUS_MARKS = {
    ObjectiveStatus.ACHIEVED: "✓",
    ObjectiveStatus.DROPPED: "×",
    ObjectiveStatus.REVISED: "○",
    ObjectiveStatus.IN_PROGRESS: "◐",
    ObjectiveStatus.OPEN: "○",
}
REFERRAL_MARKS = {
    ReferralStatus.SUGGESTED: "○",
    ReferralStatus.REFERRED: "◔",
    ReferralStatus.CONTACTED: "◑",
    ReferralStatus.LINKED: "●",
    ReferralStatus.RETAINED: "●",
    ReferralStatus.DECLINED: "×",
}
OWNERS = {TaskOwner.CASE_MANAGER: "case manager", TaskOwner.CLIENT: "client"}
MUTED = Style(dim=True)


@dataclass(frozen=True, slots=True)
class Palette:
    """The few styles the review uses, resolved from the theme's colours."""

    late: Style
    late_row: Style
    accent: Style

    @classmethod
    def from_theme(cls, variables: Mapping[str, str]) -> Palette:
        """Styles from the app's CSS variables (``app.get_css_variables()``)."""

        def colour(name: str, fallback: str) -> str:
            try:
                return Color.parse(variables.get(name, fallback)).hex6
            except ColorParseError:
                return fallback

        return cls(
            late=Style(bold=True, color=colour("text-error", "red")),
            late_row=Style(bgcolor=colour("error-muted", "default")),
            accent=Style(bold=True, color=colour("primary", "blue")),
        )


@dataclass(frozen=True, slots=True)
class Line:
    """One item of a section: a marker, the words, and a date on the right."""

    body: Text
    marker: Text | str = ""
    when: Text | None = None
    level: int = 0
    overdue: bool = False


def _words(value: str) -> str:
    """A status or reading level as words: ``in_progress`` → ``in progress``."""
    return value.replace("_", " ")


def _text(*parts: str | tuple[str, Style | str]) -> Text:
    """Plain strings and (string, style) pairs as one Text: never parsed as markup."""
    return Text.assemble(*parts)


def grid(lines: Iterable[Line], palette: Palette) -> Table:
    """Lines as a grid: words wrap under themselves; a level indents the marker and words."""
    lines = list(lines)
    table = Table.grid(expand=True)
    table.add_column(ratio=1)
    dated = any(line.when is not None for line in lines)
    if dated:
        table.add_column(width=WHEN_WIDTH, justify="right")
    for line in lines:
        item = Table.grid(expand=True)
        item.add_column(width=2 * line.level + 2)
        item.add_column(ratio=1)
        marker = line.marker if isinstance(line.marker, Text) else Text(line.marker)
        item.add_row(Text(" " * 2 * line.level) + marker, line.body)
        cells: list[RenderableType] = [item]
        if dated:
            cells.append(line.when or Text(""))
        table.add_row(*cells, style=palette.late_row if line.overdue else None)
    return table


def facts_grid(facts: Iterable[tuple[str, str | None]]) -> Table:
    """Label and value pairs; a dash where nothing is recorded."""
    table = Table.grid(expand=True)
    table.add_column(width=20, style=MUTED)
    table.add_column(ratio=1)
    for label, value in facts:
        table.add_row(label, Text(value) if value else Text("—", style=MUTED))
    return table


def nothing(text: str) -> Text:
    return Text("  " + text, style=MUTED)


class SectionWriter:
    """Draws each section of one review; the screen asks for them by key, in staffing order."""

    def __init__(self, review: StaffingReview, palette: Palette) -> None:
        self.review = review
        self.palette = palette
        self.today = review.today

    def section(self, key: str) -> RenderableType:
        """The body of section ``key`` (a key of ``review.SECTION_TITLES``)."""
        draw: Callable[[], RenderableType] = getattr(self, f"_{key}")
        return draw()

    def _late_marker(self) -> Text:
        return Text(LATE_MARK, style=self.palette.late)

    def _dated(self, day: date | None, *, overdue: bool, prefix: str = "") -> Text | None:
        """A right-hand date, with "N days overdue" under it when late."""
        if day is None:
            return None
        text = Text(prefix + format_date(day))
        if overdue:
            said = describe_due(day, self.today)
            late = "1 day overdue" if said == "yesterday" else said
            text.append(f"\n{LATE_MARK} {late}", style=self.palette.late)
        return text

    # --- the sections --------------------------------------------------------------------

    def _facts(self) -> RenderableType:
        review = self.review
        rows: list[tuple[str, str | None]] = [*review.facts.lines()]
        rows.append(("Worker", f"{review.worker or 'no worker named'} · {review.protocol}"))
        if review.next_contact_on is not None:
            rows.append(("Next contact", format_date(review.next_contact_on)))
        return facts_grid(rows)

    def _strengths(self) -> RenderableType:
        """The assessment's grid: a row per life area, the client's words under what they
        have now, what they want and what they drew on in the past."""
        if not self.review.strengths:
            return nothing("No strengths recorded yet.")
        table = Table(box=None, expand=True, pad_edge=False, header_style="bold", padding=(0, 1))
        area, *kinds = GRID_COLUMNS
        table.add_column(area, ratio=2, style="bold")
        for kind in kinds:
            table.add_column(kind, ratio=3)

        def cell(words: tuple[str, ...]) -> RenderableType:
            if not words:
                return Text("—", style=MUTED)
            listed = Table.grid(expand=True)  # the words wrap under themselves, not the bullet
            listed.add_column(width=2)
            listed.add_column(ratio=1)
            for said in words:
                listed.add_row("•", Text(said))
            return listed

        for index, row in enumerate(strength_grid(self.review.strengths)):
            cells = (cell(row.current), cell(row.desired), cell(row.past))
            table.add_row(Text(row.title), *cells, end_section=False)
            if index + 1 < len(self.review.strengths):
                table.add_row()  # a blank line between areas
        return table

    def _completion(self) -> RenderableType:
        ending = self.review.completion
        if ending is None:
            return nothing("Letting go has not begun.")
        return facts_grid(ending.lines())

    def _goals(self) -> RenderableType:
        if not self.review.goals:
            return nothing("No goals set yet.")
        lines = []
        for number, goal in enumerate(self.review.goals, start=1):
            domain = f"\n{goal.domain_title}" if goal.domain_title else ""
            body = _text((goal.words, "bold"), (domain, MUTED))
            lines.append(Line(body, Text(str(number), style=self.palette.accent)))
            if not goal.objectives:
                lines.append(Line(Text("no objectives yet", style=MUTED), level=1))
            for objective in goal.objectives:
                lines.append(self._objective(objective))
                lines.extend(self._strategy(s) for s in objective.strategies)
        return grid(lines, self.palette)

    def _objective(self, objective: ObjectiveLine) -> Line:
        details = [_words(objective.status.value)]
        if objective.gas_level is not None:
            details.append(f"GAS {gas_text(objective.gas_level)}")
        if objective.achieved_on is not None:
            details.append(f"achieved {format_date(objective.achieved_on)}")
        body = Text(objective.text)
        if objective.measure:
            body.append(f"\nmeasure: {objective.measure}", style=MUTED)
        body.append("\n" + " · ".join(details), style=MUTED)
        marker = self._late_marker() if objective.overdue else STATUS_MARKS[objective.status]
        when = self._dated(objective.target_date, overdue=objective.overdue, prefix="by ")
        return Line(body, marker, when, level=1, overdue=objective.overdue)

    def _strategy(self, strategy: StrategyLine) -> Line:
        if strategy.overdue:
            marker: Text | str = self._late_marker()
        else:
            marker = "✓" if strategy.done else "☐"
        body = _text(strategy.step, (f"  {strategy.who}" if strategy.who else "", MUTED))
        if strategy.done:
            done = f"done {format_date(strategy.done_on)}" if strategy.done_on else "done"
            when: Text | None = Text(done, style=MUTED)
        else:
            when = self._dated(strategy.target_date, overdue=strategy.overdue)
        return Line(body, marker, when, level=2, overdue=strategy.overdue)

    def _barriers(self) -> RenderableType:
        if not self.review.barriers:
            return nothing("No open barriers.")
        lines = []
        for barrier in self.review.barriers:
            blocks = (
                f"blocks: {barrier.objective}" if barrier.objective else "in the way in general"
            )
            noted = f"noted {format_date(barrier.noted_on)}" if barrier.noted_on else None
            body = _text(barrier.text, (f"\n{blocks}", MUTED))
            lines.append(Line(body, "▪", Text(noted) if noted else None))
        return grid(lines, self.palette)

    @staticmethod
    def _note(note: NoteLine, marker: Text | str, title: str | None = None) -> Line:
        body = Text(f"{title}\n", style="bold") if title else Text()
        body.append(note.note)
        if note.follow_up:
            body.append(f"\nfollow-up: {note.follow_up}", style=MUTED)
        return Line(body, marker, Text(f"noted {format_date(note.noted_on)}"))

    def _limitations(self) -> RenderableType:
        if not self.review.limitations:
            return nothing("None recorded.")
        return grid((self._note(n, "▪") for n in self.review.limitations), self.palette)

    def _safety(self) -> RenderableType:
        review = self.review
        if not review.safety_concerns and not review.other_notes:
            return nothing("None open.")
        warning = Text("⚠", style=self.palette.late)
        lines = [
            self._note(n, warning, NON_STRENGTH_TITLES[n.kind]) for n in review.safety_concerns
        ]
        if not review.safety_concerns:
            lines.append(Line(Text("None open.", style=MUTED)))
        if review.other_notes:
            lines.append(Line(Text("\nOther notes", style="bold")))
            lines.extend(self._note(n, "▪") for n in review.other_notes)
        return grid(lines, self.palette)

    def _referrals(self) -> RenderableType:
        if not self.review.referrals:
            return nothing("No referrals yet.")
        lines = []
        for referral in self.review.referrals:
            progress = f"{_words(referral.status.value)} · from {format_date(referral.referred_on)}"
            if referral.days_to_linkage is not None:
                progress += f" · linked in {plural(referral.days_to_linkage, 'day')}"
            elif referral.days_waiting is not None:
                progress += f" · waiting {plural(referral.days_waiting, 'day')}"
            body = _text(referral.resource, (f"  {referral.resource_kind.value}", MUTED))
            if referral.purpose:
                body.append(f"\n{referral.purpose}")
            body.append(f"\n{progress}", style=MUTED)
            if referral.objective:
                body.append(f"\nfor: {referral.objective}", style=MUTED)
            lines.append(Line(body, REFERRAL_MARKS[referral.status]))
        return grid(lines, self.palette)

    def _tasks(self) -> RenderableType:
        if not self.review.tasks:
            return nothing("Every task is done.")
        lines = []
        for task in self.review.tasks:
            marker = self._late_marker() if task.overdue else "☐"
            origin = f" · from contact {task.contact}" if task.contact else ""
            body = _text(task.text, (f"\n{OWNERS[task.owner]}{origin}", MUTED))
            when = self._dated(task.due, overdue=task.overdue, prefix="due ")
            lines.append(
                Line(body, marker, when or Text("no date", style=MUTED), overdue=task.overdue)
            )
        return grid(lines, self.palette)

    def _last_contact(self) -> RenderableType:
        last = self.review.last_contact
        if last is None:
            return nothing("No contact yet.")
        how = _words(last.medium.value)
        if last.minutes:
            how += f", {last.minutes} min"
        rows = [(f"Contact {last.number}", f"{format_date(last.on)} · {how}")]
        if last.carried_over:
            rows.append(("Carried over", last.carried_over))
        rows.append(("Summary", last.summary))
        return facts_grid(rows)
