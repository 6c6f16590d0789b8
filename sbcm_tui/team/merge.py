"""The three-way merge of one case: the version both sides started from, ours and theirs.

Git's text merge would splice TOML lines: two workers adding a strength each could give a file
that parses as one strength with fields of both, or not at all. So the merge is done here, on
the case as data (``model_dump(mode="json")``), field by field:

* A field changed on one side only takes that side's value; changed on both to the same value,
  that value. Changed on both to different values, ours is kept and theirs goes to the case's
  conflict inbox (:class:`~sbcm_tui.core.case.InboxEntry`), with who wrote it and when.
* Lists of items (strengths, goals, objectives, strategies, tasks, resources, consents,
  contacts, inbox entries...) are matched by their key (``id``; a contact by its number and
  day; a plan review by the item it reviews; a reopening by its day and what the case was), so
  items added on either side are all kept (a union) and edits to different items merge.
  An item deleted on one side and edited on the other is kept, as edited, and the inbox says so.
* Lists of plain values (medical conditions, steps done) merge as sets: what either side added
  is there, what one side removed and the other left alone is gone.
* Some things move as a unit, because their parts only mean something together: a referral and
  its ladder (the last rung is its status), a practice transcript. Changed on both sides, ours
  is kept whole and theirs goes whole to the inbox.
* Bookkeeping is not a conflict: the revision becomes one more than the larger, the last update
  the later of the two.

The result is validated as a case by the caller (:func:`merge_cases`): a merge that does not
validate (theirs added a barrier to an objective ours deleted) is refused as a whole, and the
sync keeps both sides as files rather than write a case that cannot be read.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from sbcm_tui.core.case import Case, InboxEntry, now_utc

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()
"""A key or item absent on one side (not the same as a field set to null)."""

PathPart = str | dict[str, Any]

ITEM_KEYS: dict[str, tuple[str, ...]] = {
    "contacts": ("number", "on"),
    "plan_reviews": ("item", "item_id"),
    "reopenings": ("on", "was"),
}
"""How items of lists without an ``id`` are matched (by the list's field name)."""
WHOLE_ITEMS = frozenset({"referrals"})
"""Lists whose items merge whole (a referral with its ladder: the last rung is its status):
an item changed on both sides keeps ours whole, and theirs goes whole to the inbox."""
WHOLE_LISTS = frozenset({"practice_lines", "history"})
"""Lists that merge whole (a transcript, a ladder), the same way."""
BOOKKEEPING = frozenset({"revision", "updated_at", "schema_version"})


@dataclass(frozen=True, slots=True)
class Disagreement:
    """One place where both sides wrote something different."""

    path: tuple[PathPart, ...]
    kind: str
    """``both_changed``, ``deleted_and_edited`` (the edit is kept) or ``added_twice``."""
    kept: Any
    other: Any


@dataclass
class Merged:
    """What a merge gives: the case data and the disagreements it settled provisionally."""

    data: dict[str, Any]
    disagreements: list[Disagreement] = field(default_factory=list)


class _Merger:
    def __init__(self) -> None:
        self.found: list[Disagreement] = []

    def value(self, base: Any, ours: Any, theirs: Any, path: tuple[PathPart, ...]) -> Any:
        if ours == theirs:
            return ours
        if base == ours:
            return theirs
        if base == theirs:
            return ours
        # Both sides changed it, differently.
        if ours is MISSING or theirs is MISSING:
            kept = theirs if ours is MISSING else ours
            self.found.append(
                Disagreement(
                    path, "deleted_and_edited", kept, MISSING if ours is MISSING else theirs
                )
            )
            return kept
        unit = bool(path) and isinstance(path[-1], dict) and _list_name(path) in WHOLE_ITEMS
        if isinstance(ours, dict) and isinstance(theirs, dict) and not unit:
            return self.fields(base if isinstance(base, dict) else {}, ours, theirs, path)
        if (
            isinstance(ours, list)
            and isinstance(theirs, list)
            and _field_name(path) not in WHOLE_LISTS
        ):
            merged = self.items(base if isinstance(base, list) else [], ours, theirs, path)
            if merged is not MISSING:
                return merged
        kind = "added_twice" if base is MISSING else "both_changed"
        self.found.append(Disagreement(path, kind, ours, theirs))
        return ours

    def fields(
        self, base: dict, ours: dict, theirs: dict, path: tuple[PathPart, ...]
    ) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in [*ours, *(k for k in theirs if k not in ours)]:
            b, o, t = base.get(key, MISSING), ours.get(key, MISSING), theirs.get(key, MISSING)
            if not path and key in BOOKKEEPING and o is not MISSING and t is not MISSING:
                out[key] = _bookkeeping(key, o, t)
                continue
            merged = self.value(b, o, t, (*path, key))
            if merged is not MISSING:
                out[key] = merged
        return out

    def items(self, base: list, ours: list, theirs: list, path: tuple[PathPart, ...]) -> Any:
        """Lists merged item by item; MISSING when the list's items have no usable key."""
        if all(not isinstance(x, dict | list) for x in (*base, *ours, *theirs)):
            return _merge_values(base, ours, theirs)
        key_of = _key_function(_field_name(path))
        if key_of is None:
            return MISSING
        keyed = [_keyed(side, key_of) for side in (base, ours, theirs)]
        if any(side is None for side in keyed):  # a key twice on one side: no safe matching
            return MISSING
        b, o, t = keyed
        out = []
        for key in [*o, *(k for k in t if k not in o)]:
            merged = self.value(
                b.get(key, MISSING), o.get(key, MISSING), t.get(key, MISSING), (*path, dict(key))
            )
            if merged is not MISSING:
                out.append(merged)
        return out


def _field_name(path: Sequence[PathPart]) -> str | None:
    return path[-1] if path and isinstance(path[-1], str) else None


def _list_name(path: Sequence[PathPart]) -> str | None:
    """The list an item path ends in (``referrals`` for ``[..., "referrals", {"id": ...}]``)."""
    return path[-2] if len(path) >= 2 and isinstance(path[-2], str) else None


def _key_function(name: str | None) -> Callable[[Any], tuple | None] | None:
    fields = ITEM_KEYS.get(name or "")

    def key_of(item: Any) -> tuple | None:
        if not isinstance(item, dict):
            return None
        if fields is None:
            return (("id", item["id"]),) if isinstance(item.get("id"), str) else None
        if any(f not in item for f in fields):
            return None
        return tuple((f, item[f]) for f in fields)

    return key_of


def _keyed(items: list, key_of: Callable[[Any], tuple | None]) -> dict[tuple, Any] | None:
    out: dict[tuple, Any] = {}
    for item in items:
        key = key_of(item)
        if key is None or key in out:
            return None
        out[key] = item
    return out


def _merge_values(base: list, ours: list, theirs: list) -> list:
    """Plain values as a set, in ours' order then theirs' additions: what one side removed and
    the other kept unchanged is removed."""
    removed = [x for x in base if x not in ours or x not in theirs]
    out = [x for x in ours if x not in removed or x not in base]
    out += [x for x in theirs if x not in base and x not in out]
    return out


def _bookkeeping(key: str, ours: Any, theirs: Any) -> Any:
    if key == "revision":
        return max(int(ours), int(theirs)) + 1
    return max(ours, theirs)


def merge_data(base: dict | None, ours: dict, theirs: dict) -> Merged:
    """The merge of three plain versions of a case (``base`` None when both sides added the
    case independently: every field either side wrote then counts as an addition)."""
    merger = _Merger()
    data = merger.fields(base or {}, ours, theirs, ())
    return Merged(data, merger.found)


class MergeRefused(Exception):
    """The merged case would not validate: nothing is written, both sides stay as they are."""

    def __init__(self, where: list[str]) -> None:
        super().__init__("; ".join(where))
        self.where = where
        """Field paths from validation (no values: pydantic hides input in this model)."""


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a merge: its case and who last changed it, when."""

    case: Case
    by: str | None = None
    at: datetime | None = None


def merge_cases(base: Case | None, ours: Side, theirs: Side) -> Case:
    """The merged case, its inbox holding what was settled provisionally; MergeRefused when the
    result does not validate."""
    merged = merge_data(
        None if base is None else _plain(base), _plain(ours.case), _plain(theirs.case)
    )
    found_at = now_utc()
    inbox = list(merged.data.get("inbox", []))
    for d in merged.disagreements:
        if d.path and d.path[0] == "inbox":
            continue  # two inbox entries with one id: both came from merges, and ours stays
        inbox.append(
            json.loads(
                InboxEntry(
                    kind=d.kind,
                    path=json.dumps(list(d.path), ensure_ascii=False),
                    kept=_json(d.kept),
                    other=_json(d.other),
                    kept_by=ours.by,
                    other_by=theirs.by,
                    other_at=theirs.at,
                    found_at=found_at,
                ).model_dump_json()
            )
        )
    merged.data["inbox"] = inbox
    try:
        return Case.model_validate(merged.data)
    except ValidationError as exc:
        raise MergeRefused(
            [".".join(str(p) for p in e["loc"]) or "case" for e in exc.errors()]
        ) from None


def _plain(case: Case) -> dict[str, Any]:
    return case.model_dump(mode="json")


def _json(value: Any) -> str:
    return "null" if value is MISSING else json.dumps(value, ensure_ascii=False)
