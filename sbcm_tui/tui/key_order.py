"""Each key lands where the key before it left the focus: keys and pastes wait their turn.

Textual hands a key to the focused widget's own message queue and returns at once; whatever the
key sets off (Tab bubbling back up to the screen's ``focus_next``, Enter's ``Submitted`` moving
to the next field, a letter on the caseload moving to the filter) happens a few messages later.
A key that arrives meanwhile (a fast typist, a paste, a barcode scanner, a test) is handed to
the widget that was focused *before* it: "34" then Tab then "Staying at her sister's" put the
living situation into the Age field, and the caseload filter lost letters.

:class:`KeyOrder` keeps the order a person means: while anything set off by the last input is
still queued (on the app, the screen or any widget on it), the next key or paste is held, and
released, in order, once all of it has been handled. Typing at a person's pace is never held
(each key is handled long before the next); a burst is held for as long as each key takes, a
fraction of a millisecond. A screen that never settles (something sending itself messages)
cannot hold a key for long: after :data:`LONGEST_HOLD` it goes on regardless.
"""

from __future__ import annotations

import time
from collections import deque
from typing import TYPE_CHECKING

from textual import events

if TYPE_CHECKING:
    from textual.app import App

LONGEST_HOLD = 0.25
"""Seconds an input may wait for the screen to settle before it is let through anyway."""
RECHECK = 0.002
"""Seconds between looks at whether the screen has settled, while something is held."""

Input = events.Key | events.Paste


def fresh(event: events.Event) -> bool:
    """A key or paste just come from the terminal (not one on its way back up the widgets)."""
    return isinstance(event, events.Key | events.Paste) and not event.is_forwarded


class KeyOrder:
    """Holds inputs that arrive before the last one's effects are done; see the module."""

    def __init__(self, app: App, deliver) -> None:  # type: ignore[no-untyped-def]
        self.app = app
        self._deliver = deliver
        """Coroutine function that hands one input on (the app's own event handling)."""
        self.held: deque[Input] = deque()
        self._waiting_since = 0.0
        self._scheduled = False
        self.held_total = 0
        """How many inputs were held at all since start (for tests and benchmarks)."""

    def admit(self, event: Input) -> bool:
        """True: hand ``event`` on now. False: it is held, and will be handed on in turn."""
        if not self.held and not self.busy():
            return True
        if not self.held:
            self._waiting_since = time.monotonic()
        self.held.append(event)
        self.held_total += 1
        self._schedule()
        return False

    def busy(self) -> bool:
        """Whether something set off by an earlier input is still waiting to be handled."""
        app = self.app
        for message in _queued(app):
            if not fresh(message):
                return True
        try:
            nodes = app.screen.walk_children(with_self=True)
        except Exception:  # no screen yet, or one being torn down
            return False
        return any(node._message_queue.qsize() or node._next_callbacks for node in nodes)

    def _schedule(self) -> None:
        if not self._scheduled:
            self._scheduled = True
            self.app.set_timer(RECHECK, self._recheck)

    def _recheck(self) -> None:
        # The timer fires in its own task; the release runs in the app's, after what it queued.
        self.app.call_later(self._release)

    async def _release(self) -> None:
        self._scheduled = False
        if not self.held:
            return
        waited = time.monotonic() - self._waiting_since
        if self.busy() and waited < LONGEST_HOLD:
            self._schedule()
            return
        event = self.held.popleft()
        self._waiting_since = time.monotonic()
        await self._deliver(event)
        if self.held:
            self._schedule()


def _queued(app: App) -> tuple[object, ...]:
    """What waits in the app's own queue (the deque inside Textual's queue; read, never
    changed). Textual's queue keeps it as ``values``; asyncio's as ``_queue``."""
    queue = app._message_queue
    return tuple(getattr(queue, "values", None) or getattr(queue, "_queue", ()))
