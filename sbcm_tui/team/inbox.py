"""The conflict inbox of a case: what a team merge settled provisionally, and the three ways a
worker settles it for good.

* **swap**: the other value goes in, the kept one into the entry (swapping again undoes it);
* **keep both**: for words, both texts one after the other (`` / `` between one-line texts, a
  blank line between notes); for an item (a referral kept
  whole), the other one is added beside it as an item of its own;
* **dismiss**: the case stays as it is and the entry goes (git keeps it in the history).

Each returns a new case, validated; ValueError (a plain sentence, no client text) when the
change cannot be made, e.g. swapping back an objective a barrier no longer points at.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from sbcm_tui.core.case import Case, InboxEntry, new_id

KINDS = {
    "both_changed": "changed on both sides",
    "deleted_and_edited": "deleted on one side, edited on the other: kept",
    "added_twice": "added on both sides",
}


def where(entry: InboxEntry) -> str:
    """``goals g1 › objectives o2 › text``: the place, by field names and ids only."""
    try:
        parts = json.loads(entry.path)
    except ValueError:
        return "?"
    said: list[str] = []
    for part in parts:
        if isinstance(part, dict):
            key = " ".join(str(v) for v in part.values())
            said[-1] = f"{said[-1]} {key}" if said else key
        else:
            said.append(str(part).replace("_", " "))
    return " › ".join(said) or "the case"


def describe(entry: InboxEntry) -> str:
    """One line about an entry: where, what happened, whose the other value is, and when."""
    who = entry.other_by or "the team"
    when = f", {entry.other_at:%d %b %H:%M} UTC" if entry.other_at else ""
    return f"{where(entry)}: {KINDS.get(entry.kind, entry.kind)} (other: {who}{when})"


def values(entry: InboxEntry) -> tuple[Any, Any]:
    """The kept and the other value, as plain data (None for "absent")."""
    return json.loads(entry.kept), json.loads(entry.other)


def swap(case: Case, entry_id: str) -> Case:
    entry = _entry(case, entry_id)
    _, other = values(entry)
    data = case.model_dump(mode="json")
    _put(data, json.loads(entry.path), other)
    for item in data["inbox"]:
        if item["id"] == entry_id:
            item["kept"], item["other"] = entry.other, entry.kept
            item["kept_by"], item["other_by"] = entry.other_by, entry.kept_by
    return _valid(data)


def keep_both(case: Case, entry_id: str) -> Case:
    entry = _entry(case, entry_id)
    kept, other = values(entry)
    path = json.loads(entry.path)
    data = case.model_dump(mode="json")
    if isinstance(kept, str) and isinstance(other, str):
        # One-line facts (a living situation) stay on one line; notes keep paragraphs.
        joint = "\n\n" if "\n" in kept + other else " / "
        _put(data, path, f"{kept}{joint}{other}")
    elif isinstance(other, dict) and path and isinstance(path[-1], dict) and "id" in other:
        if kept is None:
            _put(data, path, other)
        else:
            twin = {**other, "id": new_id()}
            _list_at(data, path[:-1]).append(twin)
    elif other is None or kept is None:
        pass  # one side is "absent": what is there is already both
    else:
        raise ValueError("only one value fits here: swap, or dismiss")
    data["inbox"] = [item for item in data["inbox"] if item["id"] != entry_id]
    return _valid(data)


def dismiss(case: Case, entry_id: str) -> Case:
    _entry(case, entry_id)
    data = case.model_dump(mode="json")
    data["inbox"] = [item for item in data["inbox"] if item["id"] != entry_id]
    return _valid(data)


def _entry(case: Case, entry_id: str) -> InboxEntry:
    for entry in case.inbox:
        if entry.id == entry_id:
            return entry
    raise ValueError("that inbox entry is no longer there")


def _valid(data: dict[str, Any]) -> Case:
    try:
        return Case.model_validate(data)
    except ValidationError:
        raise ValueError(
            "the case would not be valid that way (something else refers to it): dismiss, "
            "or change it by hand"
        ) from None


def _matches(item: Any, key: dict[str, Any]) -> bool:
    return isinstance(item, dict) and all(item.get(k) == v for k, v in key.items())


GONE = "the place this entry names is no longer in the case"


def _node_at(data: Any, path: list) -> Any:
    """What ``path`` names in the case data (ValueError when it is gone)."""
    node = data
    for part in path:
        if isinstance(part, dict):
            node = next((x for x in node if _matches(x, part)), None)
        else:
            node = node.get(part) if isinstance(node, dict) else None
        if node is None:
            raise ValueError(GONE)
    return node


def _list_at(data: Any, path: list) -> list:
    node = _node_at(data, path)
    if not isinstance(node, list):
        raise ValueError(GONE)
    return node


def _put(data: dict[str, Any], path: list, value: Any) -> None:
    """Set the value at ``path`` (None for an item: remove it; an item not there: add it)."""
    if not path:
        raise ValueError(GONE)
    *parent_path, last = path
    if isinstance(last, dict):
        items = _list_at(data, parent_path)
        at = next((i for i, x in enumerate(items) if _matches(x, last)), None)
        if value is None:
            if at is not None:
                del items[at]
        elif at is None:
            items.append(value)
        else:
            items[at] = value
        return
    node = _node_at(data, parent_path)
    if not isinstance(node, dict):
        raise ValueError(GONE)
    node[last] = value
