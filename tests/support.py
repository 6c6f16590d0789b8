"""What many tests need: where the demo lives, typing and waiting in a Pilot, and a host app
for panes that does what the real app does with their messages.

Fixtures built on these are in ``conftest.py``; import the helpers themselves from here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

from textual import events, on
from textual.app import App
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TextArea

from sbcm_tui.files.demo import DEMO_ANCHOR
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.messages import CaseChanged

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"
"""The shipped demo cases (tests copy them; never write here)."""
DEMO_CASES = 7
TODAY = DEMO_ANCHOR
"""The day the demo files are written for."""


async def type_text(pilot: Pilot, text: str) -> None:
    """Type text: the key events ``pilot.press`` sends, one per character, without idling after
    each (that costs ~70 ms a key, minutes over the suite); then let it settle. Any character
    works, emoji included."""
    driver = pilot.app._driver
    assert driver is not None
    for character in text:
        driver.send_message(events.Key(_character_to_key(character), character))
    await pilot.pause()


async def wait_for(pilot: Pilot, condition: Callable[[], bool], seconds: float = 5.0) -> None:
    """Pause until a condition on the app holds (a worker's listing, the autosave)."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition()


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
