"""What every step pane shares: the case it edits, the contact in progress, and how it says so.

A step pane is one step of a contact (engagement, strengths, goals, ...). The same panes also
serve the case screen's tabs, outside any contact, with ``contact`` set to None. Panes change the
case through :mod:`sbcm_tui.core.casework`, then call :meth:`StepPane.changed`, which posts
:class:`~sbcm_tui.tui.messages.CaseChanged`; the app saves about a second later. "Attributes
down, messages up": the host gives the pane its context; the pane never reaches into its host.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.containers import VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Select, TextArea

from sbcm_tui.core.case import Case, Contact
from sbcm_tui.core.protocol import PromptBank, Protocol, Step
from sbcm_tui.files.session import CaseSession
from sbcm_tui.tui.messages import report_change


@dataclass
class CaseContext:
    """Everything a pane needs, handed down by the screen that hosts it."""

    session: CaseSession
    protocol: Protocol
    bank: PromptBank
    today: date
    contact: Contact | None = None
    step: Step | None = None

    @property
    def case(self) -> Case:
        return self.session.case

    @property
    def contact_number(self) -> int | None:
        """The contact in progress, that what is recorded now is tied to (None outside one)."""
        return self.contact.number if self.contact is not None else None


class StepPane(VerticalScroll):
    """Base class of the step panes. Subclasses compose their widgets and call ``changed()``."""

    DEFAULT_CSS = """
    StepPane {
        height: 1fr;
        padding: 0 1;
    }
    StepPane .step-purpose {
        color: $text-muted;
        margin-bottom: 1;
    }
    StepPane .section-title {
        text-style: bold;
        margin-top: 1;
    }
    StepPane .hint {
        color: $text-muted;
    }
    StepPane .gentle-check {
        color: $warning;
    }
    """

    class Built(Message):
        """The pane and every widget it composes are mounted: its fields can take the focus.
        A host that switched to the pane before then gives it the focus on this."""

        def __init__(self, pane: StepPane) -> None:
            super().__init__()
            self.pane = pane

    def __init__(self, ctx: CaseContext, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ctx = ctx

    def on_mount(self) -> None:
        # Mount handlers run from the subclass up, and composed children are mounted before
        # any of them: by now the pane is whole.
        self.post_message(self.Built(self))

    @property
    def case(self) -> Case:
        return self.ctx.case

    def changed(self) -> None:
        """Call after every change to the case, however small: the app saves it."""
        report_change(self, self.ctx.session)

    def reload(self) -> None:
        """The case was replaced (reloaded after a conflict): show it again from the model.

        The default recomposes the pane; panes with cheaper ways may override."""
        self.refresh(recompose=True)

    def on_show(self) -> None:
        """Panes are reused as the worker moves between steps: show the latest model state."""
        self.refresh_view()

    def refresh_view(self) -> None:
        """Update lists and tables from the model; override where a pane shows derived data."""

    # --- small forms inside a pane (a task, a resource, a note) ---------------------------

    def open_inline_form(self, form: Widget) -> None:
        """Show a form kept hidden in the pane (class ``-open``), cursor in its first field."""
        form.add_class("-open")
        form.query(Input).first().focus()
        self.call_after_refresh(form.scroll_visible)

    def escape_leaves(self, form_open: bool) -> bool:
        """Whether Escape is the pane's to handle: to close its open form or leave a field.

        Only with the focus inside this pane, so Escape elsewhere keeps its usual meaning."""
        focused = self.screen.focused
        inside = focused is not None and self in focused.ancestors
        return inside and (form_open or isinstance(focused, Input | TextArea | Select))
