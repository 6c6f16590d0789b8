"""The case's team inbox: what a merge of two workers' edits left to decide, one entry at a time.

Each entry shows where (field names and ids), whose the other value is and when, and both
values side by side (the client's words, shown without markup). ``s`` swaps them (press again
to swap back), ``b`` keeps both, ``d`` dismisses the entry, leaving the case as it is. The
change is made on the open case, which saves it like any edit (and the next sync shares it).
"""

from __future__ import annotations

import json
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sbcm_tui.core.untrusted import one_line
from sbcm_tui.files.session import CaseSession
from sbcm_tui.team import inbox
from sbcm_tui.tui.messages import report_change

SHOWN_CHARS = 600
"""Of each value, this much is shown (a whole goal as JSON can be long)."""


def _shown(value: object) -> str:
    if value is None:
        return "(not there: deleted)"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, indent=1)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"


class InboxModal(ModalScreen[None]):
    """The open case's inbox; every action goes straight into the case (see the module)."""

    DEFAULT_CSS = """
    InboxModal { align: center middle; }
    InboxModal > Vertical {
        width: 96; max-width: 100%; height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    InboxModal .title { text-style: bold; }
    InboxModal OptionList { height: 1fr; min-height: 4; }
    InboxModal #inbox-values { height: 2fr; }
    InboxModal .hint { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "settle('swap')", "Swap", id="inbox.swap"),
        Binding("b", "settle('keep_both')", "Keep both", id="inbox.both"),
        Binding("d", "settle('dismiss')", "Dismiss", id="inbox.dismiss"),
        Binding("escape", "close", "Close", id="inbox.close"),
    ]

    def __init__(self, session: CaseSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Team inbox", classes="title")
            yield Static(
                "Two workers changed the same thing. The case holds the kept value; the other "
                "is here. s swaps them · b keeps both · d dismisses · Escape closes",
                classes="hint",
            )
            yield OptionList(id="inbox-entries")
            with VerticalScroll(id="inbox-values"):
                yield Static("", id="inbox-kept", markup=False)
                yield Static("", id="inbox-other", markup=False)

    def on_mount(self) -> None:
        self._fill()

    def _fill(self, highlight: int = 0) -> None:
        entries = self.session.case.inbox
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(Option(Text(one_line(inbox.describe(e))), id=e.id) for e in entries)
        if entries:
            options.highlighted = min(highlight, len(entries) - 1)
            self._show(entries[options.highlighted])
        else:
            self.query_one("#inbox-kept", Static).update("Nothing left to decide.")
            self.query_one("#inbox-other", Static).update("")
        options.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        entry = self._entry(event.option.id)
        if entry is not None:
            self._show(entry)

    def _show(self, entry) -> None:
        kept, other = inbox.values(entry)
        by = entry.kept_by or "this case"
        self.query_one("#inbox-kept", Static).update(f"Kept ({by}):\n{_shown(kept)}\n")
        self.query_one("#inbox-other", Static).update(
            f"Other ({entry.other_by or 'the team'}):\n{_shown(other)}"
        )

    def _entry(self, entry_id: str | None):
        return next((e for e in self.session.case.inbox if e.id == entry_id), None)

    def action_settle(self, how: str) -> None:
        options = self.query_one(OptionList)
        at = options.highlighted
        if at is None:
            return
        entry_id = options.get_option_at_index(at).id
        try:
            settled = getattr(inbox, how)(self.session.case, entry_id)
        except ValueError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        case = self.session.case
        for name in type(settled).model_fields:  # in place: every pane holds this case
            setattr(case, name, getattr(settled, name))
        report_change(self, self.session)
        self._fill(at)

    def action_close(self) -> None:
        self.dismiss(None)
