"""What many tests need: where the demo lives, typing and waiting in a Pilot, and a host app
for panes that does what the real app does with their messages.

Fixtures built on these are in ``conftest.py``; import the helpers themselves from here.
"""

from __future__ import annotations

import asyncio
import html
import re
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events, on
from textual.app import App
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TextArea
from textual.worker import WorkerState

from sbcm_tui.files.demo import DEMO_ANCHOR
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.messages import CaseChanged

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"
"""The shipped demo cases (tests copy them; never write here)."""
DEMO_CASES = 7
TODAY = DEMO_ANCHOR
"""The day the demo files are written for."""


# --- driving a Pilot without idling --------------------------------------------------------
#
# Textual's Pilot waits for "CPU idle" after each key (``wait_for_idle``: at least two 20 ms
# sleeps a key, more while the machine is busy), which made typing the bulk of the suite's
# time, and made it depend on the load. ``settle`` waits instead until every message queued on
# the app and the screen shown has been handled, and nothing new was queued meanwhile: the same
# state, reached as soon as it is true. conftest.py puts these in place of Pilot.press and
# Pilot.pause() for every test.


def _busy(app: App) -> bool:
    order = getattr(app, "_key_order", None)  # keys held until the focus has moved
    if order is not None and order.held:
        return True
    session = getattr(app, "session", None)  # a save on the saver thread, not yet collected
    if session is not None and session.saving:
        return True
    nodes = [app, *app.screen.walk_children(with_self=True)]
    # A message counts until its handler has returned (see ``dispatching``): one being
    # handled, or awaiting something, is still work in hand.
    return any(
        node._message_queue.qsize() or node._next_callbacks or node.__dict__.get(_IN_HAND)
        for node in nodes
    )


_IN_HAND = "_sbcm_tests_in_hand"


def dispatching(original: Callable[..., Any]) -> Callable[..., Any]:
    """``MessagePump._dispatch_message`` counting, on each node, the messages whose handlers
    have not yet returned (conftest.py puts it in place for every test): Textual's queue
    forgets a message once taken, so without it a handler awaiting something looks idle."""

    async def counted(self: Any, message: Any) -> Any:
        state = self.__dict__
        state[_IN_HAND] = state.get(_IN_HAND, 0) + 1
        try:
            return await original(self, message)
        finally:
            state[_IN_HAND] -= 1

    return counted


async def _wait_for_workers(app: App, seconds: float) -> bool:
    """Wait (up to ``seconds``) for the app's running workers (a listing in a thread); True if
    there were any: what they send back when done is then still to be handled. A worker not
    yet started is not waited for (Worker.wait refuses it at once)."""
    running = [w for w in app.workers if w.state is WorkerState.RUNNING]
    if not running or seconds <= 0:
        return False
    waits = [asyncio.ensure_future(w.wait()) for w in running]
    done, pending = await asyncio.wait(waits, timeout=seconds)
    for waited in pending:
        waited.cancel()
    for waited in done:  # a worker that failed or was cancelled: the test looks at that itself
        if not waited.cancelled():
            waited.exception()
    return True


_SPINS = 20
_NAP = 0.001

SETTLE_LIMIT = 10.0
"""Seconds a settle may take at most: something that keeps sending itself messages (an
animation that never ends) must slow a test down, never hang it."""


async def settle(pilot: Pilot, *, draw: bool = True) -> None:
    """Return once the app and the screen on top have handled everything sent to them (and,
    with ``draw``, the screen is drawn as it now is)."""
    app = pilot.app
    deadline = time.monotonic() + SETTLE_LIMIT
    # No Pilot._wait_for_screen: it posts a callback to every widget on the screen at each
    # pause (a third of the messages in a long flow); the count of unfinished messages says the
    # same thing without adding any.
    for _ in range(2):  # what was sent through the driver (a task per message) is queued
        await asyncio.sleep(0)
    waited_for_workers = False
    spins = 0
    while time.monotonic() < deadline:  # then whatever that set off, as it is queued
        if app._exception is not None or app._exit:
            return  # an app ending (or crashed) drains nothing more: waiting is for nothing
        await app._animator.wait_until_complete()
        if app.screen._callbacks:  # call_after_refresh: they run once the screen is drawn
            app.screen._on_timer_update()
        # Still busy after a few turns of the loop means waiting on something outside it (a
        # save on the saver thread, a timer, the key hold): sleep a moment instead of spinning,
        # which held the GIL from that thread and made one flow a million loop turns.
        spins += 1
        await asyncio.sleep(0 if spins < _SPINS else _NAP)
        if _busy(app):
            continue
        await asyncio.sleep(0)
        if _busy(app):
            continue
        if waited_for_workers:
            break
        waited_for_workers = True
        if not await _wait_for_workers(app, deadline - time.monotonic()):
            break
    if draw:
        app.screen._on_timer_update()


def key_event(key: str) -> events.Key:
    """The key event for a key as ``pilot.press`` names it (``"a"``, ``"ctrl+s"``, ``"?"``)."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    try:
        character: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        character = key if len(key) == 1 else None
    return events.Key(key, character)


async def press(pilot: Pilot, *keys: str) -> None:
    """Press keys one after another, each handled before the next is sent."""
    driver = pilot.app._driver
    assert driver is not None
    for key in keys:
        if key.startswith("wait:"):
            await asyncio.sleep(float(key.split(":")[1]) / 1000)
            continue
        event = key_event(key)
        event.set_sender(pilot.app)
        driver.send_message(event)
        await settle(pilot, draw=False)


async def pause(pilot: Pilot, delay: float | None = None) -> None:
    """``pilot.pause()``: settle; with a delay, sleep that long first (timers may fire)."""
    if delay is not None:
        await asyncio.sleep(delay)
    await settle(pilot)


async def type_text(pilot: Pilot, text: str) -> None:
    """Type text: the key events ``pilot.press`` sends, one per character, without idling after
    each (that costs ~70 ms a key, minutes over the suite); then let it settle. Any character
    works, emoji included."""
    driver = pilot.app._driver
    assert driver is not None
    for character in text:
        driver.send_message(events.Key(_character_to_key(character), character))
    await pilot.pause()


async def until(condition: Callable[[], bool], seconds: float) -> bool:
    """Poll with the event loop running, without settling (a settle waits for running
    workers: one a test holds would hold the test); True once the condition holds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        await asyncio.sleep(0.01)
    return condition()


async def wait_for(pilot: Pilot, condition: Callable[[], bool], seconds: float = 5.0) -> None:
    """Pause until a condition on the app holds (a worker's listing, the autosave)."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition()


def choice_armed(app: App) -> bool:
    """The save-conflict choice is up and takes keys: it waits a moment after it comes up
    (ConflictModal.ARM_SECONDS), so that keys typed for the field below choose nothing."""
    from sbcm_tui.tui.modals.conflict import ConflictModal

    return isinstance(app.screen, ConflictModal) and app.screen.armed


_SVG_TEXT = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" '
    r'clip-path="url\(#[^)]*line-(\d+)\)">([^<]*)</text>'
)


def screen_text(app: App) -> str:
    """What the screen shows, as lines of text (from the app's own screenshot): words can be
    looked for as a person reads them, whatever widget draws them."""
    rows: dict[int, list[tuple[float, str]]] = {}
    for x, line, text in _SVG_TEXT.findall(app.export_screenshot()):
        rows.setdefault(int(line), []).append((float(x), html.unescape(text)))
    out = []
    for line in sorted(rows):
        row = ""
        for x, text in sorted(rows[line]):
            row = row.ljust(round(x / 12.2)) + text
        out.append(row.replace("\xa0", " ").rstrip())
    return "\n".join(out)


async def caseload_loaded(pilot: Pilot, rows: int = DEMO_CASES) -> None:
    """The caseload reads the folder in a thread: wait until it lists ``rows`` cases."""
    await wait_for(pilot, lambda: pilot.app.screen.query_one(DataTable).row_count == rows)


async def steady(pilot: Pilot) -> None:
    """What must not change between snapshot runs: the autosave done, no cursor mid-blink."""
    app = pilot.app
    assert isinstance(app, SbcmApp)
    await wait_for(pilot, lambda: app.session is None or not app.session.dirty)
    for field in app.screen.query("Input, TextArea"):
        if isinstance(field, Input | TextArea):
            field.cursor_blink = False
    await pilot.pause()


class PaneHost(App[None]):
    """A bare app for panes: it does with their :class:`CaseChanged` what the real app does
    (marks the session changed, so a save writes it) and counts them in ``changes``."""

    def __init__(self) -> None:
        super().__init__()
        self.changes = 0

    @on(CaseChanged)
    def _case_changed(self, event: CaseChanged) -> None:
        event.session.changed()
        self.changes += 1


# --- a word in every text field --------------------------------------------------------------


def plant(data: Any, case: dict[str, Any], tail: str) -> None:
    """Add ``tail`` to every string of a case's JSON form ``data`` where the case still
    validates (ids, dates and choices refuse it, and keep their value): the hostile text of
    the terminal tests, the marker of the encryption tests."""
    from pydantic import ValidationError

    from sbcm_tui.core.case import Case

    items = data.items() if isinstance(data, dict) else enumerate(data)
    for key, value in list(items):
        if isinstance(value, str):
            data[key] = value + tail
            try:
                Case.model_validate(case)
            except ValidationError:
                data[key] = value
        elif isinstance(value, dict | list):
            plant(value, case, tail)
