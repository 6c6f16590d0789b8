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
import contextlib
import os
import random
import re
import signal
import struct
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs a POSIX pseudo-terminal")

if os.name == "posix":
    import fcntl
    import termios

SAVED_WITHIN = 1.5
"""Seconds: the autosave delay (1 s) plus an honest margin for a loaded machine."""
KILLS = 3
READY_TIMEOUT = 60.0
_STYLE_RE = re.compile(rb"\x1b\[[0-9;]*m")
NAME = "Zephyrine"
SENTENCE = (
    "Stays with her sister on Elm Street since March, sleeps on the couch, "
    "and hopes to rent a room near the bus line before winter comes. "
)
COLUMNS, LINES = 100, 30


class PtyApp:
    """The app in a child process whose terminal is a pty we type into and read from."""

    def __init__(self, cases: Path) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
        env.update(TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(LINES))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sbcm_tui", "--cases", str(cases)],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,  # its own process group, killed as one
        )
        os.close(slave)
        self.master = master
        self.output = bytearray()
        self._changed = threading.Condition()
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        """Read everything the app writes, so it never blocks on a full pty buffer."""
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: the child is gone and the slave side closed
                chunk = b""
            with self._changed:
                self.output += chunk
                self._changed.notify_all()
            if not chunk:
                return

    def _text(self) -> bytes:
        """The output without colour and style codes: a name drawn in two styles (the cursor
        row, say) is still found. Offsets are offsets in this text."""
        return _STYLE_RE.sub(b"", self.output)

    def wait_for(self, text: str, start: int = 0) -> int:
        """Wait until ``text`` appears in the output after ``start``; return where it ends."""
        needle = text.encode()
        deadline = time.monotonic() + READY_TIMEOUT
        with self._changed:
            while (found := self._text().find(needle, start)) < 0:
                left = deadline - time.monotonic()
                if left <= 0 or self.process.poll() is not None:
                    tail = bytes(self.output[-1500:]).decode(errors="replace")
                    pytest.fail(f"the app never showed {text!r}; its last output:\n{tail}")
                self._changed.wait(min(left, 0.5))
            return found + len(needle)

    def type(self, keys: str) -> float:
        """Send keys as a terminal would; return when they were written."""
        os.write(self.master, keys.encode())
        return time.monotonic()

    def kill(self) -> None:
        """SIGKILL the app and everything it started; no exit handler runs."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self._reader.join(timeout=10)
        os.close(self.master)


def make_case_folder(folder: Path) -> Path:
    """A case folder holding one active case whose living situation is still empty."""
    from sbcm_tui.core.case import Case, Client
    from sbcm_tui.files.store import CaseStore

    case = Case(client=Client(preferred_name=NAME))
    return CaseStore(folder).create(case).path


async def focus_route(folder: Path, field_id: str) -> tuple[int, str]:
    """How many Tab presses take focus from the opened case to ``field_id``, and the escape
    sequence with which each frame then parks the terminal cursor in that field. Found with Pilot
    at the same terminal size, so the test follows the screen's real focus order and layout."""
    from sbcm_tui.files.store import CaseStore
    from sbcm_tui.tui.app import SbcmApp

    app = SbcmApp(CaseStore(folder), today=date.today())
    async with app.run_test(size=(COLUMNS, LINES)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        for presses in range(1, 40):
            await pilot.press("tab")
            focused = app.screen.focused
            if focused is not None and focused.id == field_id:
                await pilot.pause()
                x, y = app.cursor_position
                return presses, f"\x1b[{y + 1};{x + 1}H"
    pytest.fail(f"Tab never reaches #{field_id} on the case screen")


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
