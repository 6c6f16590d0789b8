"""Text from a case never reaches the terminal as a control (issue 11, "Found" 1-3).

Every text field of every demo case is given a tail of hostile characters: OSC 52 (writes the
clipboard), OSC 0 (the window title), CSI 2J (clears the screen), a one-byte C1 CSI and U+202E
(right-to-left override); one more file has ESC in its name. The app is driven over every screen
(caseload, each tab of a case, each step of a contact, review, dashboard, practice) and the bytes
it would write to the terminal are kept: none of the hostile sequences is in them. The stream is
what Textual renders for the terminal (``CompositorUpdate.render_segments``), captured from a
headless app, so the test needs no pty and reads exactly what a terminal would be sent.
"""

from __future__ import annotations

import asyncio
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from textual._compositor import CompositorUpdate
from textual.widgets import ContentSwitcher, TabbedContent

from sbcm_tui.core.case import Case, Client
from sbcm_tui.core.untrusted import one_line, shown, typed
from sbcm_tui.files.casefile import CaseFormat, dump_case, read_case
from sbcm_tui.files.store import CaseStore
from sbcm_tui.tui import app as app_module
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.screens.case import CaseScreen
from sbcm_tui.tui.screens.contact import ContactScreen
from sbcm_tui.tui.terminal_guard import PasteSafeParser
from tests.pty_app import PtyApp, focus_route
from tests.support import DEMO, TODAY, caseload_loaded, plant, wait_for

HOSTILE = "\x1b]52;c;cHduZWQ=\x07\x1b]0;pwned\x07\x1b[2J\x9b2J\u202eLIVE"
FORBIDDEN = {
    "OSC 52": "\x1b]52",
    "OSC 0": "\x1b]0;",
    "CSI 2J": "\x1b[2J",
    "C1 CSI": "\x9b",
    "RLO": "\u202e",
    "BEL": "\x07",
}


DEMO_FILES = sorted(p for p in DEMO.glob("c-*") if p.suffix in (".toml", ".json"))


EVERY_TAB = {"c-demo-ana.toml", "c-demo-destiny.json", "c-demo-marcus.toml"}
"""Cases whose every tab is drawn (between them, every kind of item); the others show their
Overview and review."""


def hostile_folder(root: Path) -> Path:
    folder = root / "cases"
    folder.mkdir()
    for path in DEMO_FILES:
        case, _ = read_case(path)
        data = case.model_dump(mode="json")
        plant(data, data, HOSTILE)
        hostile = Case.model_validate(data)
        (folder / path.name).write_bytes(dump_case(hostile, CaseFormat.for_path(path.name)))
    shutil.copy(DEMO / "c-demo-ana.toml", folder / "c-\x1b]0;title\x07\x1b[2Jx.toml")
    return folder


class CapturingApp(SbcmApp):
    """The app, keeping what it would write to a terminal."""

    CSS_PATH = str(Path(app_module.__file__).with_name(SbcmApp.CSS_PATH))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sent: list[str] = []

    def _display(self, screen, renderable) -> None:  # type: ignore[no-untyped-def]
        if isinstance(renderable, CompositorUpdate):
            self.sent.append(renderable.render_segments(self.console))
        super()._display(screen, renderable)


def test_the_hostile_cases_hold_the_tail_in_many_fields(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    raw = (folder / "c-demo-ana.toml").read_text("utf-8")
    case, _ = read_case(folder / "c-demo-ana.toml")
    assert case.client.preferred_name.endswith(HOSTILE)
    assert sum(s.words.endswith(HOSTILE) for s in case.strengths) == len(case.strengths)
    # and the file itself holds none of it raw: every one is a \u escape
    assert not any(seq in raw for seq in FORBIDDEN.values())


async def test_no_screen_sends_a_control_from_a_case(tmp_path: Path) -> None:
    folder = hostile_folder(tmp_path)
    app = CapturingApp(CaseStore(folder), today=TODAY, practice_store=CaseStore(tmp_path / "p"))
    async with app.run_test(size=(100, 30)) as pilot:
        await caseload_loaded(pilot, rows=len(DEMO_FILES) + 1)
        # every case, every tab
        for name in (p.name for p in DEMO_FILES):
            app.screen.open_case_file(name)
            await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
            await pilot.pause()
            if name in EVERY_TAB:
                tabs = app.screen.query_one(TabbedContent)
                for pane in tabs.query("TabPane"):
                    tabs.active = pane.id or ""
                    await pilot.pause()
                tabs.active = "tab-overview"
                await pilot.pause()
            await pilot.press("f4")  # the staffing review
            await pilot.pause()
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
            if name == "c-demo-ana.toml":  # a contact, every step
                await pilot.press("c")
                await wait_for(pilot, lambda: isinstance(app.screen, ContactScreen))
                steps = app.screen.query_one(ContentSwitcher)
                for _ in range(len(steps.children)):
                    await pilot.press("ctrl+n")
                    await pilot.pause()
                await pilot.press("f10")
                await pilot.pause()
            while not isinstance(app.screen, type(app.screen_stack[1])):
                await pilot.press("escape")
                await pilot.pause()
        await pilot.press("f6")  # the outcomes dashboard
        await pilot.pause(0.3)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f8")  # practice
        await pilot.pause(0.3)
        await pilot.press("ctrl+p")  # the palette lists the cases' names too
        await pilot.pause()
        await pilot.press(*"Ana")
        await pilot.pause(0.3)
    stream = "".join(app.sent)
    assert len(app.sent) > 50 and "LIVE" in stream  # the screens were drawn, tails and all
    found = {name: stream.count(seq) for name, seq in FORBIDDEN.items() if seq in stream}
    assert found == {}


@pytest.mark.parametrize(
    ("pasted", "lines", "kept"),
    [
        ("ab\x1b[31mcd", False, "abcd"),
        ("one\r\ntwo\tthree", True, "one\ntwo\tthree"),
        ("one\r\ntwo\tthree", False, "one two three"),
        ("x\x1b]52;c;cHduZWQ=\x07y", False, "xy"),
        ("\u202eevil\u202c name\x9b2J", False, "evil name"),
        ("nul\x00 and bell\x07", True, "nul and bell"),
    ],
)
def test_typed_keeps_only_what_a_field_takes(pasted: str, lines: bool, kept: str) -> None:
    assert typed(pasted, lines=lines) == kept


def test_shown_makes_every_control_visible() -> None:
    assert shown("a\x1b[2Jb\u202ec\x9bd\x07") == "a␛[2Jb⟨U+202E⟩c⟨U+009B⟩d␇"
    assert shown("two\nlines\tand a tab") == "two\nlines\tand a tab"
    assert one_line("a\n b\x1b", 4) == "a b␛"
    assert one_line("   ", empty="…") == "…"


# --- a paste holding an escape sequence ------------------------------------------------------


def _parsed(*chunks: str) -> list[tuple[str, str | None]]:
    parser = PasteSafeParser()
    parsed = [event for chunk in chunks for event in parser.feed(chunk)]
    return [(type(e).__name__, getattr(e, "text", getattr(e, "key", None))) for e in parsed]


@pytest.mark.parametrize(
    "chunks",
    [
        ("\x1b[200~ab\x1b[31mcd\x1b[201~",),
        ("\x1b[20", "0~ab\x1b[3", "1mcd\x1b[20", "1~"),  # split anywhere, by the terminal
        ("\x1b[200~ab", "\x1b]52;c;eA==\x07", "cd\x1b[201~"),
    ],
)
def test_a_paste_arrives_whole_and_in_order(chunks: tuple[str, ...]) -> None:
    """Textual's own parser ended the paste at the ESC and replayed the rest as keys: the
    field got ``^[31mcd`` typed, then ``ab``."""
    assert _parsed(*chunks) == [("Paste", "abcd")]


def test_keys_outside_a_paste_are_untouched() -> None:
    assert _parsed("a", "\x1b[A", "b") == [("Key", "a"), ("Key", "up"), ("Key", "b")]


def test_a_paste_into_the_real_app_is_saved_in_order(tmp_path: Path) -> None:
    """On a pty, as a terminal sends a bracketed paste; the saved file holds ``abcd``."""
    store = CaseStore(tmp_path)
    path = store.create(Case(client=Client(preferred_name="Ana"))).path
    tabs, _ = asyncio.run(focus_route(tmp_path, "fact-living_situation"))
    app = PtyApp(tmp_path)
    try:
        app.wait_for("Ana")
        app.type("\r")
        seen = app.wait_for("Few facts")
        app.type("\t" * tabs)
        time.sleep(0.5)
        app.type("\x1b[200~ab\x1b[31mcd\x1b[201~")
        app.wait_for("saved", seen)
        time.sleep(1.6)
        app.type("\x11")
        assert app.process.wait(timeout=30) == 0
    finally:
        app.kill()
    assert read_case(path)[0].client.living_situation == "abcd"
