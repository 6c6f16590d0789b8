"""A new case from a few facts: enough to begin, the rest comes as the client tells it."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from sbcm_tui.core.case import Case, Client
from sbcm_tui.core.client_facts import FactError, Surface, facts_on, new_client
from sbcm_tui.files.protocols import available_protocols
from sbcm_tui.tui.modals.reason import ask_before_discarding
from sbcm_tui.tui.widgets.fact_fields import FIELD_PREFIX, fact_key, fact_row, typed_value


class NewCaseModal(ModalScreen[Case | None]):
    """The short form for a new case. Only the preferred name is required; Escape asks before
    discarding what was typed."""

    DEFAULT_CSS = """
    NewCaseModal { align: center middle; }
    NewCaseModal > VerticalScroll {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $surface; padding: 0 2;
    }
    NewCaseModal .title { text-style: bold; margin: 1 0; }
    NewCaseModal #protocol-row { height: 1; }
    NewCaseModal #protocol-row Label { width: 20; color: $text-muted; }
    NewCaseModal #protocol-row Select { width: 1fr; }
    NewCaseModal .error { color: $error; height: auto; }
    NewCaseModal .hint { color: $text-muted; }
    NewCaseModal .buttons { height: auto; margin: 1 0; }
    NewCaseModal Button { margin-right: 2; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="new_case.cancel"),
        Binding("ctrl+s", "create", "Create", id="new_case.create", priority=True),
    ]

    def __init__(self, protocol: str, *, today: date) -> None:
        super().__init__()
        self.protocol = protocol
        self.today = today

    def compose(self) -> ComposeResult:
        protocols = available_protocols()
        if self.protocol not in protocols:
            protocols = [self.protocol, *protocols]
        with VerticalScroll():
            yield Static("New case: a few facts to begin", classes="title")
            for fact in facts_on(Surface.NEW_CASE):
                yield fact_row(fact, "", mark_required=True)
            with Horizontal(id="protocol-row"):
                yield Label("Protocol")
                yield Select(
                    [(name, name) for name in protocols],
                    id="protocol",
                    value=self.protocol,
                    allow_blank=False,
                    compact=True,
                )
            yield Static("", id="error", classes="error", markup=False)
            yield Static(
                "Only the name is needed now; the rest can wait. ctrl+s creates, esc cancels.",
                classes="hint",
            )
            with Horizontal(classes="buttons"):
                yield Button("Create  ctrl+s", id="create", variant="primary", compact=True)
                yield Button("Cancel  esc", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one(f"#{FIELD_PREFIX}preferred_name", Input).focus()

    @on(Input.Submitted)
    def _next_field(self) -> None:
        self.focus_next()

    @on(Input.Changed)
    def _recheck(self) -> None:
        """A problem said stays said only while it is true: typing the missing name clears it
        (or says what is wrong now), without moving the focus."""
        shown = self.query_one("#error", Static)
        if str(shown.content):
            shown.update(self._problem() or "")

    def _problem(self) -> str | None:
        try:
            self._client()
        except FactError as exc:
            return _sentence(exc.args[0])
        return None

    def _client(self) -> Client:
        typed = {fact_key(w): typed_value(w) for w in self.query(".fact-input")}
        return new_client(typed, self.today)

    @on(Button.Pressed, "#create")
    def action_create(self) -> None:
        case = self._build()
        if case is not None:
            self.dismiss(case)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close; when something was typed or chosen, only after asking (a slip of Escape
        must not throw away a client's details)."""
        ask_before_discarding(self, self._typed_something(), "No case is created.")

    def _typed_something(self) -> bool:
        return any(typed_value(w).strip() for w in self.query(".fact-input"))

    def _build(self) -> Case | None:
        """The case the form describes, or None with what is wrong said and its field focused
        (every word typed stays where it is)."""
        try:
            client = self._client()
        except FactError as exc:
            message, key = exc.args
            self.query_one("#error", Static).update(_sentence(message))
            self.query_one(f"#{FIELD_PREFIX}{key}").focus()
            return None
        protocol = self.query_one("#protocol", Select).value
        return Case(client=client, protocol=str(protocol))


def _sentence(message: str) -> str:
    """A fact's problem as the form says it: capitalised, with a full stop."""
    return message[:1].upper() + message[1:] + "."
