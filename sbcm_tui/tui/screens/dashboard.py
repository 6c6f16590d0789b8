"""The outcomes dashboard: the whole caseload on one screen, for a supervisor or a team meeting.

Every figure comes from :func:`sbcm_tui.insight.outcomes.caseload_outcomes`, the same one
``sbcm report`` prints, worked out from the cached case summaries (opened from the caseload,
the summaries already listed there are used; nothing is read again). ``+``/``-`` change how
many days without contact make a case 'quiet'; only that part is counted again.

Narrow terminals get one scrolling column: the figures and the progress chart first, then the
lists (who needs attention, goal attainment by case). From :data:`WIDE` columns on, the lists
sit beside the figures and the chart grows. Client names and objectives are free text: they
reach the screen as plain :class:`Content`, never as markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult, RenderResult, SystemCommand
from textual.binding import Binding
from textual.containers import HorizontalGroup, VerticalGroup, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from sbcm_tui.core.wording import plural
from sbcm_tui.insight.charts import column_chart, gauge, sparkline
from sbcm_tui.insight.outcome_wording import (
    charted_progress,
    day_column,
    headline,
    one_line,
    percent,
    reach_line,
)
from sbcm_tui.insight.outcomes import DEFAULT_NO_CONTACT_DAYS, DUE_SOON_DAYS, CaseloadOutcomes
from sbcm_tui.tui.screens.base import SbcmScreen
from sbcm_tui.tui.widgets.keys_bar import KeysBar
from sbcm_tui.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from sbcm_tui.files.caseindex import Caseload

WIDE = 140
"""From this many columns the lists sit beside the figures."""
LIST_ROWS = 30
"""Rows per list on screen; ``sbcm report --json`` has them all. Measured on 10,000 cases,
200 rows a list took the dashboard from 0.4 s to over a second: every row is drawn again on
each layout pass."""
MAX_DAYS = 365
MUTED = "$text-muted"
LATE = "bold $text-error"
LABEL = 20


def _label(text: str) -> tuple[str, str]:
    return (text.ljust(LABEL), MUTED)


class ProgressChart(Widget):
    """Objectives achieved so far by contact number, drawn to the width it is given."""

    DEFAULT_CSS = """
    ProgressChart { height: 7; color: $primary; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.outcomes: CaseloadOutcomes | None = None

    def show(self, outcomes: CaseloadOutcomes) -> None:
        self.outcomes = outcomes
        self.refresh()

    def render(self) -> RenderResult:
        points = charted_progress(self.outcomes) if self.outcomes is not None else []
        if not points:
            return Content("No contacts recorded yet.")
        lines = column_chart(
            [p.mean_achieved for p in points],
            [str(p.contact) for p in points],
            width=self.size.width,
            height=max(self.size.height - 2, 1),
        )
        return Content("\n".join(lines))


class DashboardScreen(SbcmScreen):
    """Outcomes across the caseload: escape goes back, + and - change the quiet threshold."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]
    DEFAULT_CSS = """
    DashboardScreen #dashboard { height: 1fr; padding: 0 1; }
    DashboardScreen #dash-columns { height: auto; layout: vertical; }
    DashboardScreen.-wide #dash-columns { layout: horizontal; }
    DashboardScreen .dash-column { height: auto; width: 1fr; }
    DashboardScreen.-wide #dash-main { margin-right: 3; }
    DashboardScreen .dash-heading { text-style: bold; color: $primary; margin-top: 1; }
    DashboardScreen .dash-text { height: auto; }
    DashboardScreen #dash-headline { margin-top: 1; text-style: bold; }
    DashboardScreen #dash-lists > Static { margin-top: 1; }
    DashboardScreen.-wide ProgressChart { height: 16; }
    """

    BINDINGS = [
        Binding("escape", "back", "Back", id="dashboard.back", tooltip="Back to the caseload"),
        Binding(
            "plus,equals_sign",
            "more_days",
            "More days",
            id="dashboard.more_days",
            tooltip="A case counts as quiet after one more day without contact",
        ),
        Binding(
            "minus",
            "fewer_days",
            "Fewer days",
            id="dashboard.fewer_days",
            tooltip="A case counts as quiet after one day fewer without contact",
        ),
        Binding(
            "right_square_bracket",
            "more_days(7)",
            "+1 week",
            id="dashboard.more_week",
            show=False,
            tooltip="One week more before a case counts as quiet",
        ),
        Binding(
            "left_square_bracket",
            "fewer_days(7)",
            "-1 week",
            id="dashboard.fewer_week",
            show=False,
            tooltip="One week less before a case counts as quiet",
        ),
        Binding(
            "f5",
            "reload",
            "Reload",
            id="dashboard.reload",
            show=False,
            tooltip="Read the folder again",
        ),
    ]

    def __init__(
        self,
        caseload: Caseload | None = None,
        *,
        no_contact_days: int = DEFAULT_NO_CONTACT_DAYS,
        worker: str | None = None,
    ) -> None:
        super().__init__()
        self.worker = worker
        """Only the cases of the workers whose name holds this (a supervisor's view of one
        worker); None for the whole caseload."""
        self._caseload = caseload
        self.no_contact_days = no_contact_days
        self.outcomes: CaseloadOutcomes | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="dashboard"):
            yield Static("Counting…", id="dash-headline", markup=False)
            with HorizontalGroup(id="dash-columns"):
                with VerticalGroup(id="dash-main", classes="dash-column"):
                    yield Static("", id="dash-figures", classes="dash-text")
                    yield Static(
                        "Objectives achieved so far, mean per case, by contact number",
                        classes="dash-heading",
                        markup=False,
                    )
                    yield ProgressChart(id="dash-chart")
                    yield Static("", id="dash-reach", classes="dash-text")
                with VerticalGroup(id="dash-lists", classes="dash-column"):
                    yield Static("", id="dash-attention", classes="dash-text")
                    yield Static("", id="dash-attainment", classes="dash-text")
                    yield Static("", id="dash-unreadable", classes="dash-text")
        yield KeysBar()

    def on_mount(self) -> None:
        self.query_one("#dashboard").focus()
        self.count(self._caseload)

    # --- counting ------------------------------------------------------------------------

    @work(
        thread=True,
        exclusive=True,
        group="dashboard",
        exit_on_error=False,
        description="counting the outcomes",  # not the default: a repr of 10,000 summaries
    )
    def count(self, caseload: Caseload | None = None) -> None:
        """Work the figures out in a thread (listing the folder first when not given one)."""
        from sbcm_tui.insight.outcomes import caseload_outcomes

        if caseload is None:
            caseload = self.app.store.caseload()
        if self.worker is not None:
            caseload = caseload.of_worker(self.worker)
        outcomes = caseload_outcomes(caseload, self.app.today, self.no_contact_days)
        self.app.call_from_thread(self._show, caseload, outcomes)

    def _show(self, caseload: Caseload, outcomes: CaseloadOutcomes) -> None:
        if outcomes.no_contact_days != self.no_contact_days:  # changed while counting
            outcomes = outcomes.with_no_contact_days(self.no_contact_days, caseload.cases)
        self._caseload = caseload
        self.outcomes = outcomes
        with self.app.batch_update():
            self._draw(outcomes)

    def _draw(self, outcomes: CaseloadOutcomes) -> None:
        scope = f"Cases of workers matching “{self.worker}” · " if self.worker else ""
        self.query_one("#dash-headline", Static).update(Content(scope + headline(outcomes)))
        self.query_one("#dash-figures", Static).update(self._figures(outcomes))
        self.query_one(ProgressChart).show(outcomes)
        self._draw_reach(outcomes)
        self.query_one("#dash-attention", Static).update(self._attention(outcomes))
        self.query_one("#dash-attainment", Static).update(self._attainment(outcomes))
        unreadable = self.query_one("#dash-unreadable", Static)
        unreadable.update(self._unreadable(outcomes))
        unreadable.display = bool(outcomes.unreadable)

    def _draw_reach(self, outcomes: CaseloadOutcomes) -> None:
        width = self.query_one(ProgressChart).size.width or self._column_width()
        line = reach_line(outcomes, width)
        self.query_one("#dash-reach", Static).update(Content.styled(line, MUTED))

    def on_resize(self) -> None:
        if self.outcomes is not None:  # long objectives and the chart fit the width there is
            self.query_one("#dash-attention", Static).update(self._attention(self.outcomes))
            self.call_after_refresh(self._draw_reach, self.outcomes)

    # --- what is drawn -------------------------------------------------------------------

    def _figures(self, o: CaseloadOutcomes) -> Content:
        """The headline figures, each on one line of at most 78 columns."""
        by_contact = " · ".join(f"{label}: {count:,}" for label, count in o.grouped_by_contact())
        link, quiet, weekly = o.linkage, o.quiet, o.weekly_contacts
        median = "—" if link.median_days is None else f"{link.median_days:g}"
        mean = "—" if o.mean_t_score is None else f"{o.mean_t_score:.1f}"
        unrated = len(o.attainment) - o.rated_cases
        lines = [
            Content.assemble(_label("Active by contact"), by_contact),
            Content.assemble(
                _label("Objectives"),
                f"{len(o.due_soon):,} due in the next {DUE_SOON_DAYS} days · ",
                (f"{len(o.overdue):,} overdue", LATE if o.overdue else ""),
            ),
            Content.assemble(
                _label("No contact"),
                (
                    f"{len(quiet):,} of {o.active:,} active in {o.no_contact_days} days",
                    LATE if quiet else "",
                ),
                ("  (+/- to change)", MUTED),
            ),
            Content.assemble(
                _label("Referrals"),
                f"{link.made:,} made · {link.linked:,} linked ({percent(link.share_linked)})"
                f" · {link.retained:,} retained ({percent(link.share_retained)} of linked)",
            ),
            Content.assemble(_label(""), f"median {median} days from referral to linkage"),
            Content.assemble(
                _label("Goal attainment"),
                f"mean T {mean} · {o.rated_cases:,} rated, {unrated:,} not yet",
                ("  (50 = as expected)", MUTED),
            ),
            Content.assemble(
                _label("Contacts per week"),
                (sparkline(weekly), "$primary"),
                (f"  last {len(weekly)} weeks · {weekly[-1]:,} this week" if weekly else "", MUTED),
            ),
        ]
        return Content("\n").join(lines)

    def _attention(self, o: CaseloadOutcomes) -> Content:
        lines: list[Content] = [Content.styled("Needs attention", "bold $primary")]
        text_width = max(self._column_width() - 38, 12)
        for title, items, style in (
            ("Objectives overdue", o.overdue, LATE),
            (f"Objectives due in the next {DUE_SOON_DAYS} days", o.due_soon, ""),
        ):
            lines.append(Content.styled(f"{title}: {len(items):,}", "bold"))
            for item in items[:LIST_ROWS]:
                lines.append(
                    Content.assemble(
                        (f"  {day_column(item.due)}  ", style),
                        one_line(item.case_name, 16).ljust(16),
                        "  ",
                        (one_line(item.text, text_width), MUTED),
                    )
                )
            lines += self._more(len(items))
        lines.append(
            Content.styled(
                f"No contact in {o.no_contact_days} days: {plural(len(o.quiet), 'active case')}",
                "bold",
            )
        )
        for quiet in o.quiet[:LIST_ROWS]:
            last = day_column(quiet.last_contact_on) if quiet.last_contact_on else "never met"
            lines.append(
                Content.assemble(
                    f"  {one_line(quiet.case_name, 24).ljust(24)}",
                    (f"{quiet.days:>5} days  ", LATE),
                    (last, MUTED),
                )
            )
        lines += self._more(len(o.quiet))
        return Content("\n").join(lines)

    def _attainment(self, o: CaseloadOutcomes) -> Content:
        lines = [
            Content.assemble(
                ("Goal attainment by case", "bold $primary"),
                ("  lowest first · │ marks 50, as expected", MUTED),
            )
        ]
        rated = [a for a in o.attainment if a.t_score is not None]
        if not rated:
            lines.append(Content.styled("  No objective rated yet.", MUTED))
        for case in rated[:LIST_ROWS]:
            score = case.t_score or 0.0
            lines.append(
                Content.assemble(
                    f"  {one_line(case.case_name, 24).ljust(24)}",
                    (f"T {score:5.1f}  ", "bold" if score < 50 else ""),
                    (gauge(score, 20, 80, 13, middle=50) + "  ", "$primary"),
                    (f"{case.rated} of {plural(case.objectives, 'objective')} rated", MUTED),
                )
            )
        lines += self._more(len(rated))
        return Content("\n").join(lines)

    def _unreadable(self, o: CaseloadOutcomes) -> Content:
        lines = [
            Content.styled(
                f"{plural(len(o.unreadable), 'file')} could not be read (not counted)", LATE
            )
        ]
        for name, why in o.unreadable[:LIST_ROWS]:
            lines.append(Content.assemble(f"  {one_line(name, 40)}: ", (one_line(why, 60), MUTED)))
        lines += self._more(len(o.unreadable))
        return Content("\n").join(lines)

    def _column_width(self) -> int:
        """Columns of text a list has: the screen less padding and scroll bar, halved when
        the lists sit beside the figures."""
        inner = self.size.width - 4
        return (inner - 3) // 2 if self.has_class("-wide") else inner

    @staticmethod
    def _more(count: int) -> list[Content]:
        if count <= LIST_ROWS:
            return []
        hidden = count - LIST_ROWS
        return [Content.styled(f"  … and {hidden:,} more: sbcm report --json lists them", MUTED)]

    # --- actions -------------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_more_days(self, step: int = 1) -> None:
        self._set_days(self.no_contact_days + step)

    def action_fewer_days(self, step: int = 1) -> None:
        self._set_days(self.no_contact_days - step)

    def _set_days(self, days: int) -> None:
        days = min(max(days, 0), MAX_DAYS)
        if days == self.no_contact_days:
            return
        self.no_contact_days = days
        if self.outcomes is None or self._caseload is None:
            return  # still counting: the figures take the new threshold when they come
        outcomes = self.outcomes.with_no_contact_days(days, self._caseload.cases)
        self._show(self._caseload, outcomes)

    def action_reload(self) -> None:
        self.query_one("#dash-headline", Static).update("Counting…")
        self.count(None)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Reload the dashboard", "Read the folder again", self.action_reload)
        yield SystemCommand("Close the dashboard", "Back to the caseload", self.action_back)
