"""The real app in a child process whose terminal is a pseudo-terminal: keys typed as bytes,
the screen read back as the bytes the app writes. For tests that need a whole process (kill -9
while typing, two apps on one case, a crash), not a Pilot in this one."""

from __future__ import annotations

import contextlib
import os
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

if os.name == "posix":
    import fcntl
    import termios

READY_TIMEOUT = 60.0
_STYLE_RE = re.compile(rb"\x1b\[[0-9;]*m")
COLUMNS, LINES = 100, 30


class PtyApp:
    """The app in a child process whose terminal is a pty we type into and read from."""

    def __init__(self, cases: Path, env: dict[str, str] | None = None) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        extra = env or {}
        env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
        env.update(TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(LINES), **extra)
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
