"""The one-line field every form here uses: Textual's Input, minus selecting all on focus.

Textual's Input selects its whole text when it gets the focus, so the first key typed after Tab
replaces what was there: a worker tabbing into "Living situation" to add a word wipes the
sentence, and the caseload filter lost the letter that opened it. Here focus puts the cursor at
the end and selects nothing; ``ctrl+shift+a`` still selects all, and ``home`` then ``ctrl+k``
clears, for a worker who means to replace it.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Input


class Field(Input):
    """An Input that keeps its text when focused (see the module)."""

    def __init__(self, *args: Any, select_on_focus: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, select_on_focus=select_on_focus, **kwargs)
