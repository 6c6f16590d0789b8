"""The lock after a while with no one at the keyboard (HIPAA 164.312(a)(2)(iii), automatic
logoff): every few seconds the app asks whether the last key, click or paste is older than the
idle time, and locks if so (``SbcmApp.lock``: saved first, then covered).

The clock goes on while the laptop sleeps, so a lid closed for an hour is an hour idle.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

CHECK_SECONDS = 5.0
"""How often the app asks."""
IDLE_ENV = "SBCM_IDLE_MINUTES"
DEFAULT_IDLE_MINUTES = 10.0


def idle_lock_seconds() -> float:
    """The idle time before the app locks: ``$SBCM_IDLE_MINUTES`` (0 turns it off), else 10
    minutes."""
    try:
        minutes = float(os.environ.get(IDLE_ENV, DEFAULT_IDLE_MINUTES))
    except ValueError:
        minutes = DEFAULT_IDLE_MINUTES
    return max(minutes, 0.0) * 60


def awake_clock() -> float:
    """Seconds on a clock that goes on while the laptop sleeps and is not moved by a change of
    the wall clock."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    return time.clock_gettime(boottime) if boottime is not None else time.monotonic()


class IdleLock:
    """When the last input came, and whether it is time to lock."""

    def __init__(self, lock: Callable[[], None], already_covered: Callable[[], bool]) -> None:
        self._lock = lock
        self._covered = already_covered
        self.seconds = idle_lock_seconds()
        """After this long with no key, click or paste, the app locks (0: never)."""
        self.last_input = awake_clock()

    def touched(self) -> None:
        """A key, click or paste came in."""
        self.last_input = awake_clock()

    def check(self) -> None:
        """Lock if no input came for the idle time (and the screen is not covered already)."""
        if not self.seconds or awake_clock() - self.last_input < self.seconds:
            return
        if not self._covered():
            self._lock()
