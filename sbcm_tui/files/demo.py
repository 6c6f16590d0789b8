"""The demo caseload: a fresh, dated-to-today copy of the fictional cases shipped in data/demo.

The shipped cases are written as if today were :data:`DEMO_ANCHOR`. A copy moves every date and
moment in them by the same number of days, so that on any day the demo looks current: what was
overdue on the anchor day is overdue by as many days today, and what was coming up still is.
The shipped folder itself is only ever read.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sbcm_tui.files.atomic import ensure_private_folder, write_atomic, write_new_private
from sbcm_tui.files.paths import demo_source_dir

if TYPE_CHECKING:
    from sbcm_tui.core.case import Case

DEMO_ANCHOR = date(2026, 11, 20)
"""The day the shipped demo cases were written for ("today" inside the demo files)."""

SUMMARIES_FILE = ".summaries.json"
"""Beside the shipped cases: their caseload summaries, as dated on the anchor day. The copy
moves their dates with the files' and seeds its caseload index with them, so ``sbcm --demo``
lists the demo without building the case model (a third of its start-up). data/refresh_demo.py
writes the file; a test keeps it current."""

DEMO_PREFIX = "sbcm-demo-"
"""Name prefix of the temporary folders :func:`fresh_demo_copy` creates."""


def demo_source() -> Path:
    """The folder of shipped demo cases (never written to)."""
    return demo_source_dir()


def demo_files(folder: Path | None = None) -> list[Path]:
    """The case files (.toml and .json) in a folder, by name; the shipped demo by default."""
    root = demo_source() if folder is None else Path(folder)
    found = []
    for path in sorted(root.iterdir()):
        if path.suffix.lower() not in (".toml", ".json"):  # the case file formats
            continue
        if path.is_file() and not path.name.startswith("."):
            found.append(path)
    return found


def _shift(value: Any, delta: timedelta) -> Any:
    """Every date and datetime inside plain data moved by ``delta``; everything else as is."""
    if isinstance(value, date):  # datetime is a date too; both take a timedelta
        try:
            return value + delta
        except OverflowError:
            raise ValueError(
                f"moving dates by {delta.days} days takes one outside the years 1 to 9999"
            ) from None
    if isinstance(value, dict):
        return {key: _shift(item, delta) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_shift(item, delta) for item in value]
    return value


def shift_case_dates(case: Case, days: int) -> Case:
    """A copy of the case with every date and datetime in it moved by ``days`` days.

    Generic on purpose: it walks the dumped model rather than naming fields, so a date field
    added to the model later moves too. The original case is left as it was."""
    from sbcm_tui.core.case import Case

    data = case.model_dump(mode="python")
    assert isinstance(data, dict)
    moved = _shift(data, timedelta(days=days))
    return Case.model_validate(moved)


def _is_inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def fresh_demo_copy(dest: Path | None = None, today: date | None = None) -> Path:
    """Copy the shipped demo cases into a fresh folder, dated so that the anchor day is today.

    ``dest`` defaults to a new private temporary folder (``sbcm-demo-*``, mode 0700); a given
    folder is created owner-only if missing. Files keep their names and formats and are
    written atomically, owner-only (0600). Returns the folder. Raises ``ValueError`` if
    ``dest`` is the shipped folder itself, and ``CaseFileError`` if a shipped file is damaged.
    """
    source = demo_source()
    days = ((today or date.today()) - DEMO_ANCHOR).days
    if dest is None:
        remove_stale_demo_copies()
        folder = Path(tempfile.mkdtemp(prefix=DEMO_PREFIX))
    else:
        folder = Path(dest)
        if _is_inside(folder, source):
            raise ValueError(f"{folder}: the demo copy cannot go inside the shipped demo folder")
        ensure_private_folder(folder)
    # A temporary copy is removed when its app closes and made again by the next run: its files
    # need not survive a power cut, and their fsyncs were a fifth of the copy's time.
    write = write_new_private if dest is None else write_atomic
    files = demo_files(source)
    cached = _shipped_summaries(source)
    if (
        cached is None
        or any(path.name not in cached for path in files)
        or not _copy_as_text(files, folder, days, cached, write)
    ):
        _copy_through_the_model(files, folder, days, write)
    return folder


STALE_AFTER = 12 * 3600.0
"""Seconds after which a demo copy left in the temporary folder (by a run that was killed) is
removed by the next ``sbcm --demo``; a copy still in use by another window is younger."""


def is_demo_copy(folder: Path) -> bool:
    """Whether a folder is one of the demo copies :func:`fresh_demo_copy` makes by default."""
    return folder.name.startswith(DEMO_PREFIX) and folder.parent == Path(tempfile.gettempdir())


def discard_demo_copy(folder: Path) -> None:
    """Remove a demo copy once its app has closed: it holds (fictional) names in its index,
    and nothing in it is worth keeping. Anything that is not a demo copy is left alone."""
    if is_demo_copy(folder):
        shutil.rmtree(folder, ignore_errors=True)


def remove_stale_demo_copies(older_than: float = STALE_AFTER) -> list[Path]:
    """Remove demo copies older than ``older_than`` seconds (left by runs that did not end)."""
    removed = []
    cutoff = time.time() - older_than
    root = Path(tempfile.gettempdir())
    with contextlib.suppress(OSError), os.scandir(root) as entries:
        for entry in entries:
            if not entry.name.startswith(DEMO_PREFIX) or not entry.is_dir(follow_symlinks=False):
                continue
            with contextlib.suppress(OSError):
                if entry.stat(follow_symlinks=False).st_mtime < cutoff:
                    shutil.rmtree(entry.path)
                    removed.append(Path(entry.path))
    return removed


Writer = Callable[[Path, bytes], None]


def _copy_through_the_model(files: list[Path], folder: Path, days: int, write: Writer) -> None:
    """Read, validate, re-date and write each case: slower, and says what is wrong with a file."""
    from sbcm_tui.files.casefile import CaseFormat, dump_case, read_case

    for path in files:
        case, _raw = read_case(path)
        fmt = CaseFormat.for_path(path)
        write(folder / path.name, dump_case(shift_case_dates(case, days), fmt))


def _copy_as_text(
    files: list[Path], folder: Path, days: int, cached: dict[str, str], write: Writer
) -> bool:
    """Re-date each file as text and seed the caseload index with its re-dated summary. False,
    having written nothing, when a shipped TOML file's checksum does not hold (the model path
    then names the problem)."""
    from sbcm_tui.core.dates import shift_iso_days
    from sbcm_tui.files.caseindex import CaseIndex
    from sbcm_tui.files.checksum import seal, unsealed
    from sbcm_tui.files.store import META_FOLDER
    from sbcm_tui.files.summary import shift_summary_json

    moved: dict[str, bytes] = {}
    for path in files:
        raw = path.read_bytes()
        if path.suffix.lower() == ".toml":
            body = unsealed(raw)
            if body == raw or seal(body) != raw:
                return False
            moved[path.name] = seal(shift_iso_days(body.decode("utf-8"), days).encode("utf-8"))
        else:
            moved[path.name] = shift_iso_days(raw.decode("utf-8"), days).encode("utf-8")
    entries = []
    for name, data in moved.items():
        write(folder / name, data)
        info = (folder / name).stat()
        key = (info.st_mtime_ns, info.st_size, info.st_ino)
        entries.append((name, key, shift_summary_json(cached[name], days)))
    CaseIndex(folder, ensure_private_folder(folder / META_FOLDER)).remember(entries)
    return True


def _shipped_summaries(source: Path) -> dict[str, str] | None:
    """The shipped summaries, or None when missing or written for another summary version."""
    from sbcm_tui.files.summary import SUMMARY_VERSION

    try:
        data = json.loads((source / SUMMARIES_FILE).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("summary_version") != SUMMARY_VERSION:
        return None
    summaries = data.get("summaries")
    return summaries if isinstance(summaries, dict) else None


def shipped_summaries_document(files: Iterable[Path] | None = None) -> bytes:
    """What :data:`SUMMARIES_FILE` should hold for these demo case files (the shipped ones by
    default): built from the loaded cases, so through the model; run by data/refresh_demo.py."""
    from sbcm_tui.files.casefile import read_case
    from sbcm_tui.files.summary import SUMMARY_VERSION, summarize

    paths = demo_files() if files is None else sorted(files)
    summaries = {p.name: summarize(read_case(p)[0], p.name).to_json() for p in paths}
    document = {"summary_version": SUMMARY_VERSION, "summaries": summaries}
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


__all__ = [
    "DEMO_ANCHOR",
    "demo_files",
    "demo_source",
    "fresh_demo_copy",
    "shift_case_dates",
]
