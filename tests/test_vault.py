"""The keys of an encrypted folder: set up, unlocked, refused, and readable by the `age` tool."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from sbcm_tui.files.vault import (
    AGE_MAGIC,
    VaultError,
    create_keys,
    has_keys,
    is_encrypted,
    keys_folder,
    recipients_of,
    unlock_with_identity,
)

PASSPHRASE = "correct horse battery"
CASE = b'schema_version = 2\nid = "c-1"\n[client]\npreferred_name = "MARKER-Ana"\n'


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One folder with keys (setting up and unlocking each cost a second of scrypt)."""
    meta = tmp_path_factory.mktemp("cases") / ".sbcm"
    keys = create_keys(meta, PASSPHRASE)
    return meta, keys.recovery_secret


def test_setup_keeps_the_worker_key_locked_and_no_recovery_secret(folder) -> None:
    meta, recovery = folder
    assert has_keys(meta)
    files = {p.name: p.read_bytes() for p in keys_folder(meta).iterdir()}
    assert set(files) == {"recipients.txt", "worker.age"}
    assert is_encrypted(files["worker.age"])  # the worker's secret, under the passphrase
    assert all(recovery.encode() not in data for data in files.values())
    assert b"AGE-SECRET-KEY" not in b"".join(files.values())
    assert len(recipients_of(meta)) == 2
    for path in keys_folder(meta).iterdir():
        assert path.stat().st_mode & 0o777 == 0o600
    with pytest.raises(VaultError, match="has keys already"):
        create_keys(meta, PASSPHRASE)


def test_a_file_round_trips_and_a_damaged_one_is_refused(folder, tmp_path: Path) -> None:
    """(The passphrase itself, right and wrong, is tried in the app's test below: each try is
    a second of scrypt.)"""
    meta, recovery = folder
    vault = unlock_with_identity(meta, _identity(tmp_path, recovery))
    sealed = vault.encrypt(CASE)
    assert sealed.startswith(AGE_MAGIC) and b"MARKER" not in sealed
    assert vault.decrypt(sealed) == CASE
    damaged = bytearray(sealed)
    damaged[-5] ^= 1
    with pytest.raises(VaultError, match="does not decrypt"):
        vault.decrypt(bytes(damaged))


def test_the_recovery_key_opens_a_file_without_the_passphrase(folder, tmp_path: Path) -> None:
    meta, recovery = folder
    identity = tmp_path / "recovery.txt"
    identity.write_text(recovery + "\n")
    sealed = unlock_with_identity(meta, identity).encrypt(CASE)
    assert unlock_with_identity(meta, identity).decrypt(sealed) == CASE


def test_a_short_passphrase_is_refused(tmp_path: Path) -> None:
    with pytest.raises(VaultError, match="at least 8"):
        create_keys(tmp_path / ".sbcm", "short")
    assert not has_keys(tmp_path / ".sbcm")


@pytest.mark.skipif(
    shutil.which("age") is None, reason="needs the `age` tool (apt-get install age)"
)
def test_the_age_tool_decrypts_with_the_recovery_key(folder, tmp_path: Path) -> None:
    """The files stay readable with the standard tool if this app is ever gone."""
    meta, recovery = folder
    identity = tmp_path / "recovery.txt"
    identity.write_text(recovery + "\n")
    sealed = tmp_path / "c-1.toml"
    sealed.write_bytes(unlock_with_identity(meta, identity).encrypt(CASE))
    out = subprocess.run(
        ["age", "--decrypt", "-i", str(identity), str(sealed)],
        capture_output=True,
        check=True,
        timeout=30,
    )
    assert out.stdout == CASE


# --- the store on an encrypted folder --------------------------------------------------------

MARKER = "ZQXMARKER"


def _everything_under(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


def test_an_encrypted_store_leaves_no_client_word_in_any_file(folder, tmp_path: Path) -> None:
    """Saves, versions kept by the history, a conflict copy, a restore, the words a reload
    drops: every byte under the folder is searched for the marker."""
    from sbcm_tui.core.case import Case, Client, Strength
    from sbcm_tui.files.casefile import read_case
    from sbcm_tui.files.history import load_version
    from sbcm_tui.files.store import CaseStore, SaveFailed
    from sbcm_tui.files.versions import CONFLICT, RESTORE

    meta, recovery = folder
    cases = tmp_path / "cases"
    shutil.copytree(keys_folder(meta), cases / ".sbcm" / "keys")
    store = CaseStore(cases, vault=unlock_with_identity(meta, _identity(tmp_path, recovery)))
    case = Case(client=Client(preferred_name=f"{MARKER} Ana", living_situation=MARKER))
    opened = store.create(case)
    for n in range(3):
        opened.case.strengths.append(Strength(domain="leisure", words=f"{MARKER} {n}"))
        store.save(opened)
    store.save_as_copy(opened)
    store.history.keep_case(opened.path, opened.case, reason=CONFLICT)
    oldest = store.history.versions(opened.path)[-1]
    restored = load_version(oldest, opened.case.id, store.codec)
    restored.revision = opened.case.revision
    opened.case = restored
    store.save(opened, reason=RESTORE)
    assert store.open(opened.path).case.client.living_situation == MARKER
    listed = store.caseload()  # the summary cache holds names: sealed too
    assert sorted(c.preferred_name for c in listed.cases) == [f"{MARKER} Ana"] * 2
    assert (cases / ".sbcm" / "index.age").is_file()
    assert not (cases / ".sbcm" / "index.sqlite3").exists()
    assert CaseStore(cases, vault=store.codec).caseload().parsed == 0  # warm: from the cache
    assert len(store.history.versions(opened.path)) >= 4
    everything = _everything_under(cases)
    assert MARKER.encode() not in everything
    assert MARKER.encode("utf-16-le") not in everything
    # without the key, the folder is locked: nothing reads, nothing is saved over
    locked = CaseStore(cases)
    assert locked.locked
    with pytest.raises(Exception, match="not unlocked"):
        locked.open(opened.path)
    with pytest.raises(SaveFailed, match="not unlocked"):
        locked.save(opened)
    with pytest.raises(Exception, match="is encrypted, and this folder is not unlocked"):
        read_case(opened.path)  # the plain reader refuses rather than misreads


def _identity(tmp_path: Path, secret: str) -> Path:
    identity = tmp_path / "identity.txt"
    identity.write_text(secret + "\n")
    return identity


# --- the app on an encrypted folder ----------------------------------------------------------


async def test_the_app_asks_for_the_passphrase_before_showing_anything(folder, tmp_path) -> None:
    from textual.widgets import Input

    from sbcm_tui.core.case import Case, Client
    from sbcm_tui.files.audit import AuditLog
    from sbcm_tui.files.store import CaseStore
    from sbcm_tui.tui.app import SbcmApp
    from sbcm_tui.tui.screens.caseload import CaseloadScreen
    from sbcm_tui.tui.screens.unlock import UnlockScreen
    from tests.support import screen_text, type_text, wait_for

    meta, recovery = folder
    cases = tmp_path / "cases"
    shutil.copytree(keys_folder(meta), cases / ".sbcm" / "keys")
    vault = unlock_with_identity(meta, _identity(tmp_path, recovery))
    CaseStore(cases, vault=vault).create(Case(client=Client(preferred_name=f"{MARKER} Ana")))
    app = SbcmApp(CaseStore(cases))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        assert MARKER not in screen_text(app)
        app.screen.query_one("#passphrase", Input).focus()
        await type_text(pilot, "not it at all")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "does not open" in screen_text(app), seconds=15)
        assert isinstance(app.screen, UnlockScreen)
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseloadScreen), seconds=15)
        await wait_for(pilot, lambda: MARKER in screen_text(app))
    actions = [e.action for e in AuditLog(cases / ".sbcm", codec=vault).entries()]
    assert actions[-2:] == ["unlock-failed", "unlock"]
    assert MARKER.encode() not in _everything_under(cases)


def test_later_tries_wait_longer() -> None:
    from sbcm_tui.tui.screens.unlock import wait_after

    assert [wait_after(n) for n in range(1, 9)] == [0, 0, 0, 0, 2, 4, 8, 16]
    assert wait_after(50) == 60


async def test_the_idle_lock_hides_the_case_and_opens_only_to_the_passphrase(
    folder, tmp_path: Path
) -> None:
    import asyncio

    from textual.widgets import Input

    from sbcm_tui.core.case import Case, Client
    from sbcm_tui.files.store import CaseStore
    from sbcm_tui.tui.app import SbcmApp
    from sbcm_tui.tui.screens.case import CaseScreen
    from sbcm_tui.tui.screens.unlock import UnlockScreen
    from tests.support import caseload_loaded, screen_text, type_text, wait_for

    meta, recovery = folder
    cases = tmp_path / "cases"
    shutil.copytree(keys_folder(meta), cases / ".sbcm" / "keys")
    vault = unlock_with_identity(meta, _identity(tmp_path, recovery))
    opened = CaseStore(cases, vault=vault).create(Case(client=Client(preferred_name=MARKER)))
    app = SbcmApp(CaseStore(cases, vault=vault))
    async with app.run_test(size=(80, 24)) as pilot:
        await caseload_loaded(pilot, rows=1)
        app.screen.open_case_file(opened.path.name)
        await wait_for(pilot, lambda: bool(app.screen.query("#fact-living_situation")))
        case_screen = app.screen
        assert isinstance(case_screen, CaseScreen)
        field = case_screen.query_one("#fact-living_situation", Input)
        field.focus()
        await type_text(pilot, "Typed before the lock")
        app.idle.seconds = 0.2
        await asyncio.sleep(0.3)
        app.idle.check()  # what the app's 5-second check does
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        assert MARKER not in screen_text(app) and "Typed before" not in screen_text(app)
        saved = CaseStore(cases, vault=vault).open(opened.path).case
        assert saved.client.living_situation == "Typed before the lock"  # saved as it locked
        await pilot.press("escape")  # does not leave, nor uncover
        await pilot.resize_terminal(100, 30)  # nor does a resize
        assert isinstance(app.screen, UnlockScreen) and app.is_running
        await type_text(pilot, "wrong guess")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "does not open" in screen_text(app), seconds=15)
        await type_text(pilot, PASSPHRASE)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is case_screen, seconds=15)
        assert field.value == "Typed before the lock"


async def test_the_idle_lock_of_a_plain_folder_is_the_blank_screen(demo_app) -> None:
    import asyncio

    from sbcm_tui.tui.screens.privacy import PrivacyScreen
    from tests.support import caseload_loaded

    async with demo_app.run_test(size=(80, 24)) as pilot:
        await caseload_loaded(pilot)
        demo_app.idle.seconds = 0.2
        await asyncio.sleep(0.3)
        demo_app.idle.check()
        await pilot.pause()
        assert isinstance(demo_app.screen, PrivacyScreen)
        await pilot.press("ctrl+p")  # nothing draws over it
        assert isinstance(demo_app.screen, PrivacyScreen)


# --- the audit log of an encrypted folder ----------------------------------------------------


def _keyed_folder(folder, tmp_path: Path) -> tuple[Path, Path]:
    """A case folder holding the module's keys, and an identity file that opens them."""
    meta, recovery = folder
    cases = tmp_path / "cases"
    shutil.copytree(keys_folder(meta), cases / ".sbcm" / "keys")
    return cases, _identity(tmp_path, recovery)


def test_the_audit_log_is_sealed_checks_without_a_key_and_reads_with_one(
    folder, tmp_path: Path, capsys, monkeypatch
) -> None:
    import json

    from sbcm_tui import cli
    from sbcm_tui.files.audit import AuditLog

    cases, identity = _keyed_folder(folder, tmp_path)
    locked = AuditLog(cases / ".sbcm", worker="dana")  # no key unlocked: writes all the same
    assert locked.sealed
    assert locked.record("unlock-failed", None, tries=1)
    assert locked.record("export", "c-1", kind="staffing", to=f"/tmp/{MARKER}.html")
    raw = locked.path.read_bytes()
    assert MARKER.encode() not in raw and b"staffing" not in raw and b"dana" not in raw
    assert all(set(json.loads(line)) == {"prev", "sealed", "hash"} for line in raw.splitlines())
    assert locked.verify() == []
    with pytest.raises(VaultError, match="unlock the folder"):
        list(locked.entries())
    opened = AuditLog(cases / ".sbcm", codec=unlock_with_identity(cases / ".sbcm", identity))
    assert [(e.action, e.worker) for e in opened.entries()] == [
        ("unlock-failed", "dana"),
        ("export", "dana"),
    ]
    assert next(iter(opened.entries())).detail == {"tries": 1}
    # the command line: verify needs no key; the listing opens with $SBCM_IDENTITY
    monkeypatch.delenv("SBCM_IDENTITY", raising=False)
    assert cli.main(["audit", "verify", str(cases)]) == 0
    monkeypatch.setenv("SBCM_IDENTITY", str(identity))
    assert cli.main(["audit", str(cases), "--json"]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [e["action"] for e in listed] == ["unlock-failed", "export"]
    # a sealed line changed, removed or swapped breaks the chain like a plain one
    lines = raw.splitlines(keepends=True)
    locked.path.write_bytes(lines[1] + lines[0])
    assert [b.line for b in locked.verify()] == [1, 2]


def test_encrypting_a_folder_seals_its_log_and_keeps_the_old_chain_end(
    folder, tmp_path: Path
) -> None:
    import json

    from sbcm_tui.files.audit import GENESIS, AuditLog, convert

    cases, identity = _keyed_folder(folder, tmp_path)
    keys = cases / ".sbcm" / "keys"
    shutil.move(keys, tmp_path / "keys-aside")  # a plain folder first
    plain = AuditLog(cases / ".sbcm", worker="dana")
    for number in range(3):
        assert plain.record("save", f"c-{number}")
    ended = plain._last_hash()
    shutil.move(tmp_path / "keys-aside", keys)
    vault = unlock_with_identity(cases / ".sbcm", identity)
    assert convert(cases / ".sbcm", vault, seal=True, worker="dana") is None
    sealed = AuditLog(cases / ".sbcm", codec=vault)
    assert b"c-0" not in sealed.path.read_bytes()
    assert sealed.verify() == []
    entries = list(sealed.entries())
    assert [e.action for e in entries] == ["save"] * 3 + ["encrypt"]
    assert entries[-1].detail == {"entries": 3, "old_chain_ended": ended}
    assert json.loads(sealed.path.read_text().splitlines()[0])["prev"] == GENESIS
    # and back: plain again, the sealed chain's end recorded
    assert convert(cases / ".sbcm", vault, seal=False, worker="dana") is None
    back = AuditLog(cases / ".sbcm")
    assert [e.action for e in back.entries()] == ["save"] * 3 + ["encrypt", "decrypt"]
    assert b"c-0" in back.path.read_bytes() and back.verify() == []
    # a broken chain is never re-chained (that would hide the break)
    lines = back.path.read_text().splitlines(keepends=True)
    back.path.write_text("".join(lines[1:]))
    assert "broken at line 1" in convert(cases / ".sbcm", vault, seal=True, worker="dana")
