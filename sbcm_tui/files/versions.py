"""How a case's kept versions are named, and which autosave versions are let go as they age.

Pure names and times (no file is read here): the history (files/history.py) lists a case's
folder, asks which names to prune, and names what it keeps.

**Retention** (:data:`RETENTION`): milestones (every reason but ``autosave``) are kept forever.
Of the autosave versions, by age (now minus when the version was written), the rule keeps

* every version from the last 2 minutes;
* the newest in each minute for the last hour;
* the newest in each hour for the last day;
* the newest in each day for the last 30 days;
* the newest in each week (ISO weeks, Monday to Sunday) beyond.

Minutes, hours, days and weeks are UTC. "The newest in each" is taken among the versions of
that age band that are still there. Pruning runs inside each save, on that case's folder only
(one listing, names compared as strings, no file read). Typing without a pause for a whole
day with the 1-second autosave (86,400 saves) leaves **201 versions** when the day starts at
midnight UTC: 120 from the last 2 minutes, 58 one a minute, 23 one an hour (201 to 203 for a
day starting at another moment, as the minute and hour buckets fall); an 8-hour day of it
leaves 185. Measured with a simulated clock in tests/test_history.py and
benchmarks/bench_history.py. A case saved every hour for a year keeps about 101: 1 + 23 + 29 +
48 (the last hour, the day, the month, the weeks before).
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

AUTOSAVE = "autosave"
CONTACT_ENDED = "contact-ended"
CONFLICT = "conflict"
RESTORE = "restore"
COPY = "copy"
REASONS = (AUTOSAVE, CONTACT_ENDED, CONFLICT, RESTORE, COPY)
MILESTONES = frozenset(REASONS) - {AUTOSAVE}
"""Kept forever; only autosave versions are pruned."""
KEPT_WHEN_REPLACED = frozenset({CONFLICT, RESTORE})
"""Saves whose replaced version is itself a milestone: the other editor's text an overwrite
replaced, the version a restore replaced. Other saves keep the replaced one as an autosave."""

MINUTE, HOUR, DAY = 60, 3600, 86400
RETENTION: tuple[tuple[float, str | None], ...] = (
    (2 * MINUTE, None),
    (HOUR, "minute"),
    (DAY, "hour"),
    (30 * DAY, "day"),
    (float("inf"), "week"),
)
"""(up to this age in seconds, keep the newest in each ...); None keeps every version."""

_NAME_RE = re.compile(
    r"^(?P<stamp>\d{8}T\d{6}\.\d{3})Z-r(?P<revision>\d+|x)-(?P<reason>[a-z]+(?:-[a-z]+)*)"
    r"\.(?P<suffix>toml|json)$"
)
_PREFIX = {"minute": 13, "hour": 11, "day": 8}  # the part of a stamp that names the bucket
_BAND_PREFIX = tuple(_PREFIX.get(unit or "", 0) for _, unit in RETENTION)
AUTOSAVE_ENDINGS = (f"-{AUTOSAVE}.toml", f"-{AUTOSAVE}.json")


def now() -> float:
    """The clock pruning measures ages against (seconds since the epoch; tests replace it)."""
    return time.time()


def stamp_of(seconds: float) -> str:
    """A moment as the sortable time in a version's name: ``20261202T101503.123`` (UTC)."""
    millis = round(seconds * 1000)
    whole, ms = divmod(millis, 1000)
    day, second = divmod(whole, DAY)
    hour, second = divmod(second, HOUR)
    minute, second = divmod(second, MINUTE)
    return f"{_day_stamp(day)}T{hour:02d}{minute:02d}{second:02d}.{ms:03d}"


@functools.lru_cache(maxsize=64)
def _day_stamp(day: int) -> str:
    """``20261202`` for a day counted from the epoch (pruning asks for the same few days at
    every save, so they are worked out once)."""
    return time.strftime("%Y%m%d", time.gmtime(day * DAY))


def seconds_of(stamp: str) -> float:
    """The moment a version's stamp names (seconds since the epoch)."""
    moment = datetime.strptime(stamp[:15], "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
    return moment.timestamp() + int(stamp[16:19]) / 1000


def version_name(stamp: str, revision: int | None, reason: str, suffix: str) -> str:
    """The file name of a version: time, revision and reason, never client text."""
    if reason not in REASONS:
        raise ValueError(f"not a reason a version is kept for: {reason}")
    number = "x" if revision is None else f"{revision:06d}"
    return f"{stamp}Z-r{number}-{reason}{suffix.lower()}"


@dataclass(frozen=True)
class Version:
    """One kept version of a case: its file, when it was written, its revision and reason."""

    path: Path
    stamp: str
    revision: int | None
    reason: str
    size: int

    @property
    def written_at(self) -> datetime:
        """When these bytes were written (UTC)."""
        return datetime.fromtimestamp(seconds_of(self.stamp), UTC)

    @property
    def milestone(self) -> bool:
        return self.reason in MILESTONES

    @property
    def sort_key(self) -> tuple[str, int]:
        return (self.stamp, -1 if self.revision is None else self.revision)


def parse_name(name: str) -> tuple[str, int | None, str, str] | None:
    """(stamp, revision, reason, suffix) of a version's file name; None for anything else."""
    match = _NAME_RE.match(name)
    if match is None or match["reason"] not in REASONS:
        return None
    revision = None if match["revision"] == "x" else int(match["revision"])
    return match["stamp"], revision, match["reason"], "." + match["suffix"]


# --- the retention rule, on names alone ------------------------------------------------------


def _week_of(stamp: str) -> tuple[int, int]:
    year, week, _ = date(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8])).isocalendar()
    return year, week


def autosaves_to_prune(names: Sequence[str], at: float) -> list[str]:
    """Which autosave versions the retention rule lets go at time ``at``.

    ``names`` are the autosave versions' file names (or bare stamps), newest first; milestones
    are never passed: they are kept and take no place in a bucket. A name starts with its
    stamp, and stamps compare as the times they name, so an age band is a run of names, and a
    bucket a run of names sharing a prefix: one comparison and one slice a name, nothing
    parsed but the names older than 30 days (for their week). It runs on every save."""
    bounds = [stamp_of(at - age) if age != float("inf") else "" for age, _ in RETENTION]
    drop: list[str] = []
    start = _first_below(names, bounds[0])  # the first band keeps every version: skipped
    for band in range(1, len(RETENTION)):
        end = _first_below(names, bounds[band], start)
        width = _BAND_PREFIX[band]
        previous: object = None
        for name in names[start:end]:  # newest first: the newest of a bucket comes first
            bucket = name[:width] if width else _week_of(name)
            if bucket == previous:
                drop.append(name)
            previous = bucket
        start = end
    return drop


def _first_below(names: Sequence[str], bound: str, low: int = 0) -> int:
    """Where, in names sorted newest first, the first one older than ``bound`` is."""
    high = len(names)
    while low < high:
        middle = (low + high) // 2
        if names[middle] >= bound:
            low = middle + 1
        else:
            high = middle
    return low


# --- the folder ------------------------------------------------------------------------------
