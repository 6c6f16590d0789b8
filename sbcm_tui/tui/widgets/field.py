"""The one-line field every form here uses: Textual's Input, minus selecting all on focus.

Textual's Input selects its whole text when it gets the focus, so the first key typed after Tab
replaces what was there: a worker tabbing into "Living situation" to add a word wipes the
sentence, and the caseload filter lost the letter that opened it. Here focus puts the cursor at
the end and selects nothing; ``ctrl+shift+a`` still selects all, and ``home`` then ``ctrl+k``
clears, for a worker who means to replace it.

It also spares the screen a relayout per key. Input sets its virtual width to the text's width
on every change while the layout sets it back to the field's width, so each key typed into any
field laid out the whole screen again (a third of a keystroke's time on the contact screen). A
text that fits the field needs no scrolling, so there is nothing to lay out; a longer one keeps
Textual's behaviour, which scrolls to the cursor.

A compact field is born with its class: Input sets ``compact`` after creating the widget, and
that restyles through the app (about 45 ms a field measured here, 0.55 s of opening a case with
seven fact fields).
"""

from __future__ import annotations

from typing import Any

from textual.geometry import Size
from textual.widgets import Input


class Field(Input):
    """An Input that keeps its text when focused (see the module)."""

    def __init__(self, *args: Any, select_on_focus: bool = False, **kwargs: Any) -> None:
        compact = kwargs.pop("compact", False)
        super().__init__(*args, select_on_focus=select_on_focus, **kwargs)
        if compact:  # the class without the restyle a toggle asks for: not yet styled anyway
            self.add_class("-textual-compact", update=False)
            self.set_reactive(Input.compact, True)

    def _watch_value(self, value: str) -> None:
        fits = self.scrollable_content_region.width
        if self.content_width <= fits and self.virtual_size.width <= fits:
            # Set quietly what Input is about to set, so that setting it changes nothing.
            self.set_reactive(Input.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)
