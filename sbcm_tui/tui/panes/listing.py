"""List rows the step panes share: an OptionList whose options carry the model items' ids.

Every pane lists case items (tasks, strengths, barriers, resources, referrals, plan items) the
same way: one option per item with the item's id, disabled headings without one. Refilling the
list after a change must not throw the worker's place away, and the item under the highlight
is looked up again in the case rather than trusted from the screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

from rich.text import Text
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class HasId(Protocol):
    """A case item: anything with the id its list option carries."""

    @property
    def id(self) -> str: ...


_Item = TypeVar("_Item", bound=HasId)


def refill(option_list: OptionList, options: list[Option], keep: str | None = None) -> None:
    """Replace a list's options, keeping the highlight on the same item (or ``keep``).

    When that item has gone, the highlight lands on the nearest item at or after where it was,
    so the keys keep working at once."""
    current = option_list.highlighted_option
    wanted = keep or (current.id if current else None)
    old_index = option_list.highlighted or 0
    ids = [o.id for o in options]
    if not _same(option_list.options, options):
        # The same rows (a pane shown again on an unchanged case) are left as they are: setting
        # them anyway costs a relayout and a redraw of the list on every step move.
        option_list.set_options(options)
    if wanted is not None and wanted in ids:
        option_list.highlighted = ids.index(wanted)
        return
    usable = [i for i, o in enumerate(options) if o.id is not None and not o.disabled]
    if usable:
        option_list.highlighted = min(usable, key=lambda i: (i < old_index, abs(i - old_index)))


def _same(shown: Sequence[Option], options: list[Option]) -> bool:
    return len(shown) == len(options) and all(
        (a.id, a.disabled, _looks(a.prompt)) == (b.id, b.disabled, _looks(b.prompt))
        for a, b in zip(shown, options, strict=True)
    )


def _looks(prompt: object) -> object:
    """What a prompt shows, styles included: Rich's ``Text ==`` leaves out the base style (a
    task struck through when done differs from one not done only there) and Textual's
    ``Content ==`` compares the plain text alone."""
    if isinstance(prompt, Text):
        return (prompt.plain, str(prompt.style), tuple(prompt.spans), prompt.end)
    if isinstance(prompt, Content):
        return ("content", prompt.markup)
    return prompt


def highlighted_id(option_list: OptionList) -> str | None:
    """The id of the highlighted item, or None on a heading or an empty list."""
    option = option_list.highlighted_option
    return option.id if option is not None and not option.disabled else None


def highlighted_item(option_list: OptionList, items: Iterable[_Item]) -> _Item | None:
    """The case item under the highlight, looked up in ``items`` (None when it has gone)."""
    item_id = highlighted_id(option_list)
    if item_id is None:
        return None
    return next((item for item in items if item.id == item_id), None)
