#!/usr/bin/env python3
"""Keep the demo caseload in data/demo canonical, and its caseload summaries current.

The demo case files are the source: edit them as files. Everyone in them is made up. They are
written as if today were DEMO_ANCHOR (2026-11-20); ``sbcm --demo`` opens a copy with every date
moved so that the anchor day is the real today (sbcm_tui/files/demo.py).

    .venv/bin/python data/refresh_demo.py            # rewrite data/demo where needed
    .venv/bin/python data/refresh_demo.py --check    # exit 1, naming the files, if any would change
    .venv/bin/python data/refresh_demo.py DIR        # another folder (tests use this)

Each case file is read with the normal loader (so an older schema is migrated) and written back
with the normal dumper; then the summaries file is rebuilt from the cases. Only what differs is
written, and nothing else in the folder is touched. After editing a TOML file by hand, seal it
first (``sbcm seal FILE``): a checksum that does not hold is reported, never blessed here.

The caseload:

* c-demo-ana     just after contact 1: first strengths, a first goal, promises for next week
* c-demo-marcus  at contact 3: an overdue objective, an open safety concern, a pending referral
* c-demo-ruth    contact 5 done and disengaged: objectives achieved and rated, linkage kept
* c-demo-destiny (JSON) a young parent at contact 2
* c-demo-hollis  long-term protocol, 26 contacts over fourteen months
* c-demo-reggie  at contact 4; does not read, and a diabetic foot to look after
* c-demo-sam     at contact 2; their name and notes are full of markup-like text on purpose
"""

from __future__ import annotations

import argparse
import stat
import sys
from pathlib import Path

from sbcm_tui.files.atomic import write_atomic
from sbcm_tui.files.casefile import (
    CaseFileError,
    CaseFormat,
    Problem,
    ProblemKind,
    dump_case,
    read_case,
)
from sbcm_tui.files.demo import SUMMARIES_FILE, demo_files, shipped_summaries_document

DEMO = Path(__file__).resolve().parent / "demo"


def wanted(folder: Path = DEMO) -> dict[Path, bytes]:
    """Every file the refresh owns in ``folder`` (its case files, then the summaries file) with
    the bytes it should hold. Raises CaseFileError for a file that does not load."""
    files = demo_files(folder)
    if not files:
        raise CaseFileError(
            str(folder), ProblemKind.UNREADABLE, [Problem("folder", "no case files")]
        )
    out = {}
    for path in files:
        case, _raw = read_case(path)
        out[path] = dump_case(case, CaseFormat.for_path(path))
    out[Path(folder) / SUMMARIES_FILE] = shipped_summaries_document(files)
    return out


def stale(folder: Path = DEMO) -> dict[Path, bytes]:
    """The files of :func:`wanted` whose bytes on disk differ (or that are missing)."""
    out = {}
    for path, data in wanted(folder).items():
        try:
            current = path.read_bytes()
        except FileNotFoundError:
            current = None
        if current != data:
            out[path] = data
    return out


def refresh(folder: Path = DEMO) -> list[Path]:
    """Rewrite what is stale, atomically, keeping each file's mode; the paths written."""
    changed = stale(folder)
    for path, data in changed.items():
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644
        write_atomic(path, data)
        path.chmod(mode)
    return list(changed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Canonicalise the demo caseload in place.")
    parser.add_argument("folder", nargs="?", type=Path, default=DEMO, help="the demo folder")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    args = parser.parse_args(argv)
    try:
        if args.check:
            changed = list(stale(args.folder))
            for path in changed:
                what = "not current" if path.name == SUMMARIES_FILE else "not canonical"
                print(f"{path}: {what}; run data/refresh_demo.py", file=sys.stderr)
            return 1 if changed else 0
        for path in refresh(args.folder):
            print(f"{path}: rewritten")
    except CaseFileError as exc:
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{exc.filename or args.folder}: {exc.strerror}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
