"""Killing the app mid-typing loses at most the last second of text.

The real app (``python -m sbcm_tui --cases DIR``) runs under a pseudo-terminal; the test opens the
one case, moves focus to the Overview's living-situation field, types a sentence one key at a
time, and at a random moment kills the whole process group with SIGKILL: no handler runs, no
save on exit. The file on disk must then load, and hold a prefix of what was typed that contains
every character typed more than ``SAVED_WITHIN`` seconds before the kill.

``SAVED_WITHIN`` is the 1 s autosave delay plus 0.5 s for the key to travel through the pty into
the app's event loop and for the save (lock, backup, fsync, rename) to reach the disk on a busy
machine. Anything typed in the last 1.5 s may or may not be there; nothing older may be missing.
"""

from __future__ import annotations

import asyncio
import os
import random
import time
from pathlib import Path

import pytest

from tests.pty_app import PtyApp, focus_route

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs a POSIX pseudo-terminal")

SAVED_WITHIN = 1.5
"""Seconds: the autosave delay (1 s) plus an honest margin for a loaded machine."""
KILLS = 2
NAME = "Zephyrine"
SENTENCE = (
    "Stays with her sister on Elm Street since March, sleeps on the couch, "
    "and hopes to rent a room near the bus line before winter comes. "
)


def make_case_folder(folder: Path) -> Path:
    """A case folder holding one active case whose living situation is still empty."""
    from sbcm_tui.core.case import Case, Client
    from sbcm_tui.files.store import CaseStore

    case = Case(client=Client(preferred_name=NAME))
    return CaseStore(folder).create(case).path


def test_kill_while_typing_loses_at_most_the_last_second(tmp_path: Path) -> None:
    from sbcm_tui.files.casefile import read_case

    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    probe = tmp_path / "probe"
    make_case_folder(probe)  # every run's case looks the same, so one route serves them all
    tabs, cursor_in_field = asyncio.run(focus_route(probe, "fact-living_situation"))
    for attempt in range(KILLS):
        folder = tmp_path / f"cases-{attempt}"
        path = make_case_folder(folder)
        app = PtyApp(folder)
        try:
            seen = app.wait_for(NAME)  # the caseload has its row; the cursor is on it
            app.type("\r")
            seen = app.wait_for("Few facts", seen)  # the case screen is painted
            app.type("\t" * tabs)
            # Keys go to whatever has focus when the app reads them, and a Tab moves focus only
            # once handled: so wait for a frame that puts the cursor in the field, then type.
            app.wait_for(cursor_in_field, seen)
            kill_after = rng.uniform(2.0, 4.5)
            typed_at: list[float] = []
            first = time.monotonic()
            for char in SENTENCE:
                if time.monotonic() - first >= kill_after:
                    break
                typed_at.append(app.type(char))
                time.sleep(rng.uniform(0.03, 0.12))
            killed_at = time.monotonic()
        finally:
            app.kill()

        case, _ = read_case(path)  # raises if the file is cut short or not a case
        saved = case.client.living_situation or ""
        typed = SENTENCE[: len(typed_at)]
        must_have = SENTENCE[: sum(t < killed_at - SAVED_WITHIN for t in typed_at)].rstrip()
        context = (
            f"(seed {seed}, kill {attempt + 1}: typed {len(typed)} keys in {kill_after:.1f} s)"
        )
        assert typed.startswith(saved), f"saved text is not what was typed {context}: {saved!r}"
        assert len(saved) >= len(must_have), (
            f"lost more than the last {SAVED_WITHIN} s {context}: saved {saved!r}, "
            f"but {must_have!r} was typed before that"
        )
