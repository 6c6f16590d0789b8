"""What differs between two versions of a case: a conflict copy and its original, or a version
from the history and the case as it is now.

Two cases are walked field by field. Items of a list that carry an id (strengths, goals,
objectives, tasks, notes, ...) are matched by it, so a strength added on one side shows as one
added strength, not as every later strength "changed". Bookkeeping (ids, revision, update time,
what a copy is a copy of) is left out: it always differs and says nothing to a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sbcm_tui.core.case import Case

IGNORED = frozenset({"id", "revision", "updated_at", "copy_of", "schema_version"})
"""Top-level fields that differ between any two versions and mean nothing to a reader."""


@dataclass(frozen=True, slots=True)
class Difference:
    """One field that differs: where it is, and what each side holds (None: not there)."""

    where: str
    left: str | None
    right: str | None


def _label(key: str) -> str:
    return key.replace("_", " ")


def _text(value: Any) -> str | None:
    """A value on one line, as a reader would say it."""
    if value is None or value == [] or value == {}:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return "; ".join(
            f"{_label(k)}: {_text(v)}" for k, v in value.items() if k != "id" and _text(v)
        )
    if isinstance(value, list):
        return "; ".join(t for t in (_text(v) for v in value) if t)
    return " ".join(str(value).split())


def _walk(where: str, left: Any, right: Any, out: list[Difference]) -> None:
    if left == right:
        return
    if isinstance(left, dict) and isinstance(right, dict):
        for key in [*left, *(k for k in right if k not in left)]:
            _walk(f"{where} › {_label(key)}" if where else _label(key),
                  left.get(key), right.get(key), out)  # fmt: skip
        return
    if isinstance(left, list) and isinstance(right, list) and _by_id(left) and _by_id(right):
        lefts = {item["id"]: item for item in left}
        rights = {item["id"]: item for item in right}
        order = [*lefts, *(i for i in rights if i not in lefts)]
        for number, item_id in enumerate(order, start=1):
            _walk(f"{where} {number}", lefts.get(item_id), rights.get(item_id), out)
        return
    out.append(Difference(where, _text(left), _text(right)))


def _by_id(items: list[Any]) -> bool:
    return all(isinstance(item, dict) and "id" in item for item in items)


def differences(left: Case, right: Case) -> list[Difference]:
    """Every field that differs between two cases, in the order of the case file."""
    mine = {k: v for k, v in left.model_dump(mode="json").items() if k not in IGNORED}
    theirs = {k: v for k, v in right.model_dump(mode="json").items() if k not in IGNORED}
    out: list[Difference] = []
    _walk("", mine, theirs, out)
    return [d for d in out if not d.where.endswith(" id")]
