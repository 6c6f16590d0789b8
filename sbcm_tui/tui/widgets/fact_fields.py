"""The fields of the client-facts table: one row (label and editor) per fact, for the new-case
form and the case's Overview alike.

A free-text fact is an Input; a fact chosen from a few answers (reading) is a ChoiceField.
Each editor's id is ``fact-<key>``, so :func:`typed_value` and the forms find them by the
table's keys.
"""

from __future__ import annotations

from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, Label

from sbcm_tui.core.client_facts import ClientFact
from sbcm_tui.tui.widgets.choice_field import ChoiceField
from sbcm_tui.tui.widgets.field import Field

FIELD_PREFIX = "fact-"


def fact_editor(fact: ClientFact, value: str) -> Input | ChoiceField:
    """The widget a fact is typed or chosen in, holding ``value`` (as :attr:`ClientFact.read`
    gives it). Born filled, and born "-valid": a mounted Input restyles itself when its value or
    that class first changes, and those restyles were a fifth of the time to open a case."""
    if fact.choices:
        return ChoiceField(
            fact.choices,
            value,
            prompt=fact.hint or "not known",
            id=FIELD_PREFIX + fact.key,
            classes="fact-input",
        )
    return Field(
        value,
        placeholder=fact.hint,
        id=FIELD_PREFIX + fact.key,
        classes="fact-input -valid",
        compact=True,
    )


class FactRow(Horizontal):
    """A fact's label and its editor on one line (the Overview spaces its rows out)."""

    DEFAULT_CSS = """
    FactRow { height: 1; }
    FactRow .fact-label { width: 20; padding: 0 1 0 0; color: $text-muted; }
    FactRow:focus-within .fact-label { color: $text; text-style: bold; }
    FactRow .fact-input { width: 1fr; background: $panel; }
    """


def fact_row(fact: ClientFact, value: str, *, mark_required: bool = False) -> FactRow:
    """A label and its editor on one line."""
    label = fact.label + (" *" if mark_required and fact.required else "")
    return FactRow(Label(label, classes="fact-label"), fact_editor(fact, value))


def fact_key(editor: Widget) -> str:
    """The table key of a fact's editor."""
    return (editor.id or "").removeprefix(FIELD_PREFIX)


def typed_value(editor: Widget) -> str:
    """What an editor holds, as text for :attr:`ClientFact.write` ("" for no choice)."""
    if isinstance(editor, ChoiceField):
        return editor.value
    assert isinstance(editor, Input)
    return editor.value


def show_value(editor: Widget, value: str) -> None:
    """Put a fact's stored value back in its editor without announcing a change."""
    if isinstance(editor, ChoiceField):
        editor.value = value  # (set from the model: not announced)
    elif isinstance(editor, Input) and editor.value != value:
        with editor.prevent(Input.Changed):
            editor.value = value
        editor.cursor_position = len(value)  # typing goes on after the words, not inside them
