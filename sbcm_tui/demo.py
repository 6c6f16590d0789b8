"""The demo caseload: a fresh, dated-to-today copy of the fictional cases shipped in data/demo.

The shipped cases are written as if today were :data:`DEMO_ANCHOR`. A copy moves every date and
moment in them by the same number of days, so that on any day the demo looks current: what was
overdue on the anchor day is overdue by as many days today, and what was coming up still is.
The shipped folder itself is only ever read.
"""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sbcm_tui.atomic import ensure_private_folder, write_atomic
from sbcm_tui.case import Case
from sbcm_tui.casefile import CaseFormat, dump_case, read_case

DEMO_ANCHOR = date(2026, 11, 20)
"""The day the shipped demo cases were written for ("today" inside the demo files)."""

DEMO_PREFIX = "sbcm-demo-"
"""Name prefix of the temporary folders :func:`fresh_demo_copy` creates."""


def demo_source() -> Path:
    """The folder of shipped demo cases (never written to)."""
    try:
        from sbcm_tui import paths
    except ImportError:
        paths = None
    finder = getattr(paths, "demo_source_dir", None)
    if finder is not None:
        return Path(finder())
    return Path(__file__).resolve().parent.parent / "data" / "demo"


def demo_files(folder: Path | None = None) -> list[Path]:
    """The case files (.toml and .json) in a folder, by name; the shipped demo by default."""
    root = demo_source() if folder is None else Path(folder)
    found = []
    for path in sorted(root.iterdir()):
        try:
            CaseFormat.for_path(path)
        except ValueError:
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
        folder = Path(tempfile.mkdtemp(prefix=DEMO_PREFIX))
    else:
        folder = Path(dest)
        if _is_inside(folder, source):
            raise ValueError(f"{folder}: the demo copy cannot go inside the shipped demo folder")
        ensure_private_folder(folder)
    for path in demo_files(source):
        case, _raw = read_case(path)
        fmt = CaseFormat.for_path(path)
        write_atomic(folder / path.name, dump_case(shift_case_dates(case, days), fmt))
    return folder


__all__ = [
    "DEMO_ANCHOR",
    "demo_files",
    "demo_source",
    "fresh_demo_copy",
    "shift_case_dates",
]
