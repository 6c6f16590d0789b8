"""The case's consents over whatever step is on screen (ctrl+r in a contact: r for release).

Consents live on the case's Overview and in contact 1's engagement step; a referral made at
contact 3 often needs one there and then. This puts the same section (the same keys, the same
form) in front of any step, and Escape puts it away again.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static

from sbcm_tui.tui.panes.base import CaseContext
from sbcm_tui.tui.panes.consents import ConsentsSection


class ConsentsModal(ModalScreen[None]):
    """The consents section on its own, over the contact."""

    DEFAULT_CSS = """
    ConsentsModal { align: center middle; }
    ConsentsModal > Vertical {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    ConsentsModal .hint { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,ctrl+r", "close", "Close", id="consents_modal.close"),
    ]

    def __init__(self, ctx: CaseContext) -> None:
        super().__init__()
        self.ctx = ctx

    def compose(self) -> ComposeResult:
        with Vertical():
            yield ConsentsSection(self.ctx, id="consents")
            yield Static("Escape or ctrl+r goes back to the contact", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#consent-list", OptionList).focus()

    def action_close(self) -> None:
        section = self.query_one(ConsentsSection)
        if section.form_open():  # Escape closes the open form first, as on the Overview
            section.action_close_form()
            return
        self.dismiss(None)
