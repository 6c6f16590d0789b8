"""Keys sent with no pause land where the key before them left the focus (tui/key_order.py).

Each test sends its keys as one burst, as a fast typist, a paste or a scanner does: nothing
settles between them, so a key is handed on while the one before it is still on its way."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.keys import _character_to_key
from textual.widgets import Input

from sbcm_tui.files.store import CaseStore
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.modals.new_case import NewCaseModal
from tests.support import wait_for


def burst(pilot, *parts: str) -> None:
    """Keys and text with no pause at all: a name in angle brackets is a key, else text."""
    driver = pilot.app._driver
    for part in parts:
        if part.startswith("<") and part.endswith(">"):
            driver.send_message(events.Key(part[1:-1], None))
            continue
        for character in part:
            driver.send_message(events.Key(_character_to_key(character), character))


def _value(app: SbcmApp, field: str) -> str:
    return app.screen.query_one(f"#fact-{field}", Input).value


async def test_keys_after_tab_and_enter_land_in_the_next_field(tmp_path: Path) -> None:
    app = SbcmApp(CaseStore(tmp_path / "cases"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, NewCaseModal))
        burst(pilot, "Ana", "<tab>", "she/her", "<enter>", "34", "<tab>", "Staying at her sister's")
        await pilot.pause()
        await wait_for(pilot, lambda: not app._key_order.held)
        assert _value(app, "preferred_name") == "Ana"
        assert _value(app, "pronouns") == "she/her"
        assert _value(app, "age") == "34"
        assert _value(app, "living_situation") == "Staying at her sister's"


async def test_a_message_waiting_on_the_app_holds_the_next_key(tmp_path: Path) -> None:
    """What a key set off may be queued on the app itself (a case changed, a screen asked
    for): the next key waits for it too, not only for what waits on the screen's widgets."""
    from textual.message import Message

    class Nudge(Message):
        """Stands for anything a key sends the app (a case changed, a screen asked for)."""

    app = SbcmApp(CaseStore(tmp_path / "cases"))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: not app._key_order.busy())  # the first frame drawn
        app.post_message(Nudge())  # queued, not yet handled
        assert app._key_order.busy()
        burst(pilot, "x")  # a key arriving behind it is fresh: it does not hold itself
        await wait_for(pilot, lambda: not app._key_order.busy())
