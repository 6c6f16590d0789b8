"""The first start on a new, empty case folder offers encryption, once; the demo never does."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from sbcm_tui.core.case import Case, Client
from sbcm_tui.files.audit import AuditLog
from sbcm_tui.files.store import META_FOLDER, CaseStore
from sbcm_tui.files.vault import has_keys, is_encrypted, unlock_with_identity
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.screens.caseload import CaseloadScreen
from sbcm_tui.tui.screens.encryption_setup import (
    DECLINED_FILE,
    EncryptionSetupScreen,
    should_offer,
)
from tests.support import screen_text, type_text, wait_for

PASSPHRASE = "a long walk home"


async def _type_into(pilot, app, field: str, text: str) -> None:
    app.screen.query_one(field, Input).focus()
    await pilot.pause()
    await type_text(pilot, text)


async def test_turning_it_on_makes_keys_shows_the_recovery_key_once_and_encrypts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    cases = tmp_path / "cases"
    app = SbcmApp(CaseStore(cases), offer_encryption=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EncryptionSetupScreen)
        assert "recommended" in screen_text(app)
        await _type_into(pilot, app, "#setup-passphrase", "short")
        await pilot.press("enter")
        await pilot.press("enter")
        assert "8 characters or more" in screen_text(app)
        await _type_into(pilot, app, "#setup-passphrase", " and then some")
        await _type_into(pilot, app, "#setup-again", "not the same")
        await pilot.press("enter")
        assert "The two differ" in screen_text(app)
        assert not has_keys(cases / META_FOLDER)
        app.screen.query_one("#setup-passphrase", Input).value = PASSPHRASE
        await _type_into(pilot, app, "#setup-again", PASSPHRASE)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "AGE-SECRET-KEY-" in screen_text(app), seconds=20)
        secret = next(w for w in screen_text(app).split() if w.startswith("AGE-SECRET-KEY-"))
        assert has_keys(cases / META_FOLDER)
        await pilot.press("escape")  # the key must be seen to: Escape does not skip it
        assert isinstance(app.screen, EncryptionSetupScreen)
        await pilot.press("s")
        saved = list((tmp_path / "home").glob("sbcm-recovery-key-*.txt"))
        assert len(saved) == 1 and saved[0].stat().st_mode & 0o777 == 0o600
        assert secret in saved[0].read_text()
        app.screen.query_one("#recovery-done").press()
        await wait_for(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        assert secret not in screen_text(app)
        assert app.store.codec.encrypted
        opened = app.store.create(Case(client=Client(preferred_name="ZQXMARKER")))
    assert is_encrypted(opened.path.read_bytes())
    vault = unlock_with_identity(cases / META_FOLDER, saved[0])  # the saved key opens it
    first = next(AuditLog(cases / META_FOLDER, codec=vault).entries())
    assert first.action == "encrypt"
    assert not should_offer(cases, cases / META_FOLDER)


async def test_not_now_is_remembered_and_the_offer_is_not_made_again(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    app = SbcmApp(CaseStore(cases), offer_encryption=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, EncryptionSetupScreen)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        assert any("sbcm encrypt" in n.message for n in app._notifications)  # how, later
    assert (cases / META_FOLDER / DECLINED_FILE).is_file()
    assert not has_keys(cases / META_FOLDER)
    again = SbcmApp(CaseStore(cases), offer_encryption=True)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, CaseloadScreen)


def test_only_a_new_empty_folder_is_offered(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    store = CaseStore(empty)
    assert should_offer(store.root, store.meta)
    used = CaseStore(tmp_path / "used")
    used.create(Case(client=Client(preferred_name="Ana")))
    assert not should_offer(used.root, used.meta)


async def test_the_demo_and_tests_are_never_offered(demo_app: SbcmApp, tmp_path: Path) -> None:
    async with demo_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not isinstance(demo_app.screen, EncryptionSetupScreen)
    plain = SbcmApp(CaseStore(tmp_path / "empty"))  # offer_encryption is off unless asked
    async with plain.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(plain.screen, CaseloadScreen)
