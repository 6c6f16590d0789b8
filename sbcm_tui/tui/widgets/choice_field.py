"""A choice among a few, on one line: ``◂ some difficulty reading ▸``.

Textual's Select composes an overlay and an option list for every instance, before anyone opens
it: the one on a case's Overview (reading level) was a third of the time to open a case (194 ms
with it, 125 ms without, in benchmarks/bench_speed.py's open). A fact with three answers needs
no drop-down: left and right (or space, or a click) step through them, and the first letter of
an answer goes straight to it. The first option is always "not known" (the empty value).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.events import Click, Key
from textual.message import Message
from textual.widget import Widget


class ChoiceField(Widget, can_focus=True):
    """One of a few values; posts :class:`ChoiceField.Changed` when the worker picks another."""

    DEFAULT_CSS = """
    ChoiceField { height: 1; width: 1fr; }
    ChoiceField:focus { background: $block-cursor-blurred-background; text-style: bold; }
    """
    BINDINGS = [
        Binding("left", "step(-1)", "Previous", show=False),
        Binding("right,space", "step(1)", "Next", show=False),
    ]

    class Changed(Message):
        """The value changed by the worker (never when set from the model)."""

        def __init__(self, field: ChoiceField, value: str) -> None:
            super().__init__()
            self.field = field
            self.value = value

        @property
        def control(self) -> ChoiceField:
            return self.field

    def __init__(
        self,
        choices: Sequence[tuple[str, str]],
        value: str = "",
        *,
        prompt: str = "not known",
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.options: list[tuple[str, str]] = [(prompt, ""), *choices]
        self._at = self._index_of(value)

    def _index_of(self, value: str) -> int:
        return next((i for i, (_, v) in enumerate(self.options) if v == value), 0)

    @property
    def value(self) -> str:
        return self.options[self._at][1]

    @value.setter
    def value(self, value: str) -> None:
        """Set from the model: shown, not announced."""
        self._at = self._index_of(value)
        self.refresh()

    def render(self) -> Text:
        label, value = self.options[self._at]
        return Text.assemble(("◂ ", "dim"), (label, "" if value else "dim"), (" ▸", "dim"))

    def _pick(self, at: int) -> None:
        if at != self._at:
            self._at = at
            self.refresh()
            self.post_message(self.Changed(self, self.value))

    def action_step(self, by: int) -> None:
        self._pick((self._at + by) % len(self.options))

    def on_click(self, event: Click) -> None:
        event.stop()
        self.focus()
        self.action_step(1)

    def on_key(self, event: Key) -> None:
        """The first letter of an answer picks it (the next one with that letter, pressed
        again)."""
        if event.character is None or not event.character.isalpha():
            return
        letter = event.character.casefold()
        order = [(self._at + n) % len(self.options) for n in range(1, len(self.options) + 1)]
        for at in order:
            if self.options[at][0].casefold().startswith(letter):
                event.stop()
                self._pick(at)
                return
