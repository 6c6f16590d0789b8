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
    unlock,
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


def test_a_file_round_trips_and_a_wrong_passphrase_is_refused(folder) -> None:
    meta, _ = folder
    vault = unlock(meta, PASSPHRASE)
    sealed = vault.encrypt(CASE)
    assert sealed.startswith(AGE_MAGIC) and b"MARKER" not in sealed
    assert vault.decrypt(sealed) == CASE
    with pytest.raises(VaultError, match="does not open"):
        unlock(meta, "not the passphrase")
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
