"""The staffing review: one case on one screen, in the order a team talks it through.

Read-only by design. Opened from the caseload it reads the file without starting a session, so
looking at a case before a meeting can never save (or conflict with) anything. Opened from the
case screen it shows the open case as it stands. Everything shown comes from
:func:`sbcm_tui.insight.review.build_review`, the same data the exports use; the sections are
drawn by :mod:`sbcm_tui.tui.screens.review_sections`.

Narrow terminals get one scrolling column in staffing order; from :data:`WIDE` columns on, the
sections sit in two columns (who the client is and what they want on the left, what is in the
way and what is moving on the right).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import HorizontalGroup, VerticalGroup, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from sbcm_tui.core.dates import format_date
from sbcm_tui.core.wording import plural
from sbcm_tui.insight.review import SECTION_TITLES, StaffingReview, build_review
from sbcm_tui.tui.messages import ExportRequested
from sbcm_tui.tui.screens.base import SbcmScreen
from sbcm_tui.tui.screens.review_sections import LATE_MARK, Palette, SectionWriter
from sbcm_tui.tui.widgets.keys_bar import KeysBar
from sbcm_tui.tui.widgets.safety_banner import SafetyBanner
from sbcm_tui.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from textual.theme import Theme

    from sbcm_tui.core.case import Case
    from sbcm_tui.files.session import CaseSession

WIDE = 140
"""From this many columns the review is laid out in two columns."""

TITLES = dict(SECTION_TITLES)
LEFT = ("facts", "strengths", "goals")
RIGHT = (
    "barriers",
    "limitations",
    "safety",
    "referrals",
    "tasks",
    "completion",
    "last_contact",
)
MUTED = "$text-muted"
LATE = "bold $text-error"


class ReviewScreen(SbcmScreen):
    """One case for a staffing meeting: escape goes back, f7 exports."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]
    DEFAULT_CSS = """
    ReviewScreen #review-bar { height: 1; padding: 0 1; background: $boost; }
    ReviewScreen #review-body { height: 1fr; padding: 0 1; }
    ReviewScreen #review-columns { height: auto; layout: vertical; }
    ReviewScreen.-wide #review-columns { layout: horizontal; }
    ReviewScreen .review-column { height: auto; width: 1fr; }
    ReviewScreen.-wide #review-left { margin-right: 3; }
    ReviewScreen .review-section { height: auto; margin-top: 1; }
    ReviewScreen .review-heading { text-style: bold; color: $primary; background: $boost; }
    """

    BINDINGS = [
        Binding("escape", "back", "Back", id="review.back", tooltip="Close the review"),
        Binding("f7", "export", "Export", id="review.export", tooltip="Export this case"),
    ]

    def __init__(self, case: Case, *, session: CaseSession | None = None) -> None:
        super().__init__()
        self._case = case
        self.session = session

    @property
    def case(self) -> Case:
        """The case shown: the open session's (it may be reloaded), or the one read for viewing."""
        return self.session.case if self.session is not None else self._case

    def compose(self) -> ComposeResult:
        review = build_review(self.case, self.app.today, self.app.bank)
        self.review = review
        writer = SectionWriter(review, Palette.from_theme(self.app.get_css_variables()))
        yield TitleBar()
        yield SafetyBanner()
        yield Static(self._title(review), id="review-bar")
        with VerticalScroll(id="review-body"), HorizontalGroup(id="review-columns"):
            for column, keys in (("review-left", LEFT), ("review-right", RIGHT)):
                with VerticalGroup(id=column, classes="review-column"):
                    for key in keys:
                        with VerticalGroup(id=f"section-{key}", classes="review-section"):
                            yield Static(self._heading(key, review), classes="review-heading")
                            yield Static(writer.section(key), classes="review-text")
        yield KeysBar()

    def on_mount(self) -> None:
        store = self.session.store if self.session is not None else self.app.store
        store.record("review", self.case.id)  # the audit log: who looked at it, and when
        self.query_one(SafetyBanner).update_from(self.case)
        self.query_one("#review-body").focus()
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def on_unmount(self) -> None:
        self.app.theme_changed_signal.unsubscribe(self)

    def _theme_changed(self, _theme: Theme) -> None:
        """The sections are drawn in the theme's colours: draw them again in the new ones."""
        self.refresh(recompose=True)

    def case_updated(self) -> None:
        """The open case was reloaded, copied or added to: draw it again (nothing is typed
        here, so the whole screen is drawn anew)."""
        self.refresh(recompose=True)

    # --- the title and the headings ------------------------------------------------------

    def _title(self, review: StaffingReview) -> Content:
        parts: list[str | tuple[str, str] | Content] = [
            ("Staffing review · ", MUTED),
            (review.facts.name, "bold"),
            (f" · as of {format_date(review.today)}", MUTED),
        ]
        if review.practice:
            parts.append((" · PRACTICE", "bold"))
        if review.status != "active":
            parts.append((f" · {review.status}", MUTED))
        if review.overdue_count:
            parts.append((f"  {LATE_MARK} {review.overdue_count} overdue", LATE))
        return Content.assemble(*parts)

    def _heading(self, key: str, review: StaffingReview) -> Content:
        counts = {
            "strengths": review.strength_count,
            "barriers": len(review.barriers),
            "limitations": len(review.limitations),
            "safety": len(review.safety_concerns),
            "referrals": len(review.referrals),
        }
        parts: list[str | tuple[str, str]] = [TITLES[key]]
        if key in counts:
            parts.append((f"  {counts[key]}", MUTED))
        elif key == "goals":
            objectives = sum(len(g.objectives) for g in review.goals)
            parts.append(
                (
                    f"  {plural(len(review.goals), 'goal')}, {plural(objectives, 'objective')}",
                    MUTED,
                )
            )
            late = review.overdue_objectives + review.overdue_strategies
            if late:
                parts.append((f"  {LATE_MARK} {late} overdue", LATE))
        elif key == "tasks":
            parts.append((f"  {len(review.tasks)}", MUTED))
            if review.overdue_tasks:
                parts.append((f"  {LATE_MARK} {review.overdue_tasks} overdue", LATE))
        return Content.assemble(*parts)

    # --- actions -------------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_export(self) -> None:
        """The export dialog, for the case as shown."""
        self.post_message(ExportRequested(self, self.case))

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Export case", "Save this case as a file", self.action_export)
        yield SystemCommand("Close the review", "Back where you came from", self.action_back)
