"""What marks a practice case, and the scenario card a role-play partner reads from.

Every screen of a practice case carries :class:`PracticeMark`, one calm line saying that this is
role-play with a fictional client, kept apart from the caseload. :class:`ScenarioCard` is the
client's sheet: in partner mode the whole of it (what to keep back until asked well, how to
answer), in solo mode only the briefing a worker would get at referral, never the hidden strengths.

Which scenario a case comes from is looked up in :mod:`sbcm_tui.practice.cases`: the library
loads only when a practice case is shown, so a real case never pays for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from sbcm_tui.practice.cases import scenario_of

if TYPE_CHECKING:
    from sbcm_tui.core.case import Case
    from sbcm_tui.practice.scenario import Scenario

PRACTICE_SUBTITLE = "PRACTICE: role-play with a fictional client, kept apart from your caseload"
"""The header's subtitle on every screen of a practice case (instead of the caseload folder)."""

CARD_KEY = "f12"
"""Shows or hides the scenario card. No text field uses it, so it works while typing."""


class PracticeMark(Static):
    """Hidden for real cases; for a practice case, one line naming the scenario."""

    DEFAULT_CSS = """
    PracticeMark {
        display: none;
        height: 1;
        padding: 0 1;
        background: $accent-muted;
        color: $text;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    PracticeMark.-practice { display: block; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def update_from(self, case: Case, hint: str = "") -> None:
        """Show the mark when the case is a practice one (the scenario title is plain text).
        ``hint`` names the practice keys of the screen, where its keys bar has no room left."""
        self.set_class(case.practice, "-practice")
        if not case.practice:
            self.update("")
            return
        scenario = scenario_of(case)
        title = scenario.title if scenario is not None else (case.scenario or "no scenario")
        self.update(
            Text.assemble(
                ("PRACTICE", "bold"),
                f" · {title} · {hint or 'a fictional client, kept apart from your caseload'}",
            )
        )


def unwrap(text: str) -> str:
    """Prose as written in a TOML file, hard-wrapped: lines joined, paragraphs kept."""
    return "\n\n".join(" ".join(part.split()) for part in text.strip().split("\n\n"))


def card_rows(scenario: Scenario, *, partner: bool) -> list[tuple[str, str]]:
    """The card's rows: the partner's full sheet with how to answer, or the trainee's briefing."""
    if not partner:
        return scenario.briefing()
    rows = scenario.partner_sheet()
    rows.append(
        (
            "How to answer",
            "Briefly to closed or problem-focused questions; more fully to open questions, "
            "reflections and affirmations. Keep a hidden strength back until the trainee asks "
            "about that part of life.",
        )
    )
    return rows


class ScenarioCard(VerticalScroll):
    """The scenario card beside the work, hidden until its key is pressed. With ``over``, it
    covers the right of the work instead of squeezing it, so a step keeps its layout at 80
    columns; its container then declares the ``card`` layer (``layers: default card``)."""

    DEFAULT_CSS = """
    ScenarioCard {
        display: none;
        width: 40%;
        max-width: 46;
        height: 1fr;
        border-left: solid $accent;
        padding: 0 1;
        background: $surface;
    }
    ScenarioCard.-shown { display: block; }
    ScenarioCard.-over { dock: right; layer: card; width: 46; max-width: 80%; }
    ScenarioCard .card-title { text-style: bold; color: $accent; }
    ScenarioCard .card-label { color: $text-muted; margin-top: 1; }
    """

    def __init__(
        self,
        scenario: Scenario | None,
        *,
        partner: bool,
        over: bool = False,
        id: str | None = "scenario-card",
    ) -> None:
        super().__init__(id=id, classes="-over" if over else "", can_focus=False)
        self.scenario = scenario
        self.partner = partner

    def compose(self):
        if self.scenario is None:
            yield Static(
                "The scenario of this practice case is not in the library any more.",
                markup=False,
            )
            return
        heading = "For the partner" if self.partner else "Your briefing"
        yield Static(f"{heading} · {self.scenario.title}", classes="card-title", markup=False)
        yield Static(self.scenario.summary, markup=False)
        for label, value in card_rows(self.scenario, partner=self.partner):
            yield Static(label, classes="card-label", markup=False)
            yield Static(unwrap(value), markup=False)

    @property
    def shown(self) -> bool:
        return self.has_class("-shown")

    def toggle(self) -> bool:
        """Show or hide the card; returns whether it is now shown."""
        self.toggle_class("-shown")
        return self.shown
