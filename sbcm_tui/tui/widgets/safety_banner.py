"""The one-line banner that keeps an open safety concern in view on every screen of a case."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from sbcm_tui.core.case import Case, NonStrength, NonStrengthKind
from sbcm_tui.core.dates import MONTH_NAMES
from sbcm_tui.core.untrusted import one_line

NON_STRENGTH_TITLES: dict[NonStrengthKind, str] = {
    NonStrengthKind.SUICIDAL: "suicidal ideation or attempt",
    NonStrengthKind.HARM_TO_OTHERS: "risk of harm to others",
    NonStrengthKind.PHYSICAL_HEALTH: "physical health",
    NonStrengthKind.INTRINSIC_LIMITATION: "intrinsic limitation",
    NonStrengthKind.OTHER: "other",
}
"""How each kind of non-strengths note is named on screen."""


def describe_concern(note: NonStrength) -> str:
    """``Open safety concern: <kind> since <date> — follow-up: ...`` as plain text."""
    day = note.noted_on
    since = f"{day.day} {MONTH_NAMES[day.month - 1][:3]} {day.year}"  # short: the line is tight
    line = f"Open safety concern: {NON_STRENGTH_TITLES[note.kind]} since {since}"
    follow_up = one_line(note.follow_up or "")
    return f"{line} — follow-up: {follow_up}" if follow_up else f"{line} — no follow-up noted yet"


class SafetyBanner(Static):
    """Hidden unless the case has an open suicide or harm-to-others note; then one calm red line.

    The text is client text, so it is always passed as a ``Text`` (never parsed as markup)."""

    DEFAULT_CSS = """
    SafetyBanner {
        display: none;
        height: 1;
        padding: 0 1;
        background: $error-muted;
        color: $text;
        text-style: bold;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    SafetyBanner.-open { display: block; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("", id=id, classes=classes, markup=False)

    def update_from(self, case: Case) -> None:
        """Show the most recent open safety concern (and how many more), or hide."""
        concerns = sorted(case.open_safety_concerns(), key=lambda n: n.noted_on, reverse=True)
        self.set_class(bool(concerns), "-open")
        if not concerns:
            self.update("")
            self.tooltip = None
            return
        line = describe_concern(concerns[0])
        if len(concerns) > 1:  # the count goes first: the end of the line may be cut off
            line = f"{len(concerns)} open safety concerns. Latest: " + line.removeprefix(
                "Open safety concern: "
            )
        self.update(Text("⚠ " + line))
        self.tooltip = Text("\n".join(describe_concern(n) for n in concerns))
