"""Ticks and choices that say their state by shape, not only by colour.

Textual's Checkbox draws the same ``X`` ticked or not, and every RadioButton the same dot; only
the colour differs, which a monochrome terminal, a screen reader's braille line or a colour-blind
worker cannot tell apart (the goal's "not illegal, not hurtful" box looked ticked when it was
not). These draw ``X`` only when ticked and a filled dot only for the chosen option.
"""

from __future__ import annotations

from textual.widgets import Checkbox, RadioButton


class TickBox(Checkbox):
    """A checkbox: ``▐X▌`` ticked, ``▐ ▌`` not."""

    @property
    def BUTTON_INNER(self) -> str:
        return "X" if self.value else " "


class ChoiceButton(RadioButton):
    """One option of a set: ``▐●▌`` chosen, ``▐○▌`` not."""

    @property
    def BUTTON_INNER(self) -> str:
        return "●" if self.value else "○"
