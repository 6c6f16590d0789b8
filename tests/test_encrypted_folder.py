"""An encrypted case folder end to end: converted by the command line and back, worked in by the
app through a whole session, and never a client word in the clear on disk.

The keys are made once for the module (each passphrase costs a second or two of scrypt); every
other unlock here is by the recovery key, as a script would (``$SBCM_IDENTITY``).
"""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest
from textual.widgets import Input

from sbcm_tui import cli
from sbcm_tui.cli import unlocking
from sbcm_tui.core.case import Case
from sbcm_tui.files import recovery
from sbcm_tui.files.audit import AuditLog
from sbcm_tui.files.casefile import CaseFormat, dump_case, read_case
from sbcm_tui.files.store import META_FOLDER, CaseStore
from sbcm_tui.files.vault import (
    create_keys,
    has_keys,
    is_encrypted,
    keys_folder,
    unlock_with_identity,
)
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.screens.case import CaseScreen
from sbcm_tui.tui.screens.contact import ContactScreen
from tests.support import DEMO, TODAY, caseload_loaded, choice_armed, plant, type_text, wait_for

MARKER = "QZXLEAKMARK"
"""Stands for client words: planted in every text field, typed in the app."""
DEMO_FILES = sorted(p for p in DEMO.glob("c-*") if p.suffix in (".toml", ".json"))


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    meta = tmp_path_factory.mktemp("keys") / META_FOLDER
    return meta, create_keys(meta, "a long walk home").recovery_secret


@pytest.fixture(autouse=True)
def _fresh_unlocks() -> None:
    unlocking._OPENED.clear()  # each test unlocks its own folder


def _identity(tmp_path: Path, secret: str) -> Path:
    path = tmp_path / "recovery.txt"
    path.write_text(secret + "\n")
    return path


def _every_byte(*folders: Path) -> bytes:
    return b"".join(
        p.read_bytes()
        for folder in folders
        if folder.exists()
        for p in folder.rglob("*")
        if p.is_file()
    )


def _leaks(*folders: Path) -> list[str]:
    """The files under ``folders`` that hold the marker, in any of the encodings a file could."""
    found = []
    for folder in folders:
        for path in folder.rglob("*") if folder.exists() else ():
            if path.is_file():
                data = path.read_bytes()
                if any(m in data for m in (MARKER.encode(), MARKER.encode("utf-16-le"))):
                    found.append(str(path))
    return found


# --- the command line: encrypt, work, decrypt ---------------------------------------------------


def test_a_folder_encrypted_by_the_command_line_works_in_every_command_and_comes_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    cases = Path(shutil.copytree(DEMO, tmp_path / "cases"))
    first = cases / "c-demo-ana.toml"
    store = CaseStore(cases)  # a plain folder with a history and an audit log
    opened = store.open(first)
    opened.case.client.living_situation = f"{MARKER} flat"
    store.save(opened)
    store.save(opened)
    assert store.history.versions(first)
    plain_entries = AuditLog(cases / META_FOLDER).length()

    recovery_out = tmp_path / "agency-recovery.txt"
    monkeypatch.setattr(sys, "stdin", io.StringIO("a long walk home\n"))
    assert cli.main(["encrypt", str(cases), "--recovery-out", str(recovery_out)]) == 0
    assert recovery_out.stat().st_mode & 0o777 == 0o600
    assert _leaks(cases) == []
    assert all(is_encrypted(p.read_bytes()) for p in cases.glob("c-*"))
    audit = AuditLog(cases / META_FOLDER)
    assert audit.verify() == [] and audit.length() == plain_entries + 1
    capsys.readouterr()

    monkeypatch.setenv("SBCM_IDENTITY", str(recovery_out))
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert cli.main(["validate", str(cases)]) == 0
    assert cli.main(["report", str(cases), "--json"]) == 0
    reported = json.loads(capsys.readouterr().out)
    assert reported["cases"] == len(DEMO_FILES) and reported["unreadable"] == []
    assert cli.main(["history", str(first)]) == 0
    assert "restore" not in capsys.readouterr().out.splitlines()[1]  # the newest: a save
    assert cli.main(["restore", str(first), "1"]) == 0
    inside = cases / "exports" / "staffing.md"
    inside.parent.mkdir()
    assert (
        cli.main(["export", str(first), "--kind", "staffing", "--format", "md", "-o", str(inside)])
        == 0
    )
    sealed_export = inside.with_name("staffing.md.age")
    assert not inside.exists() and is_encrypted(sealed_export.read_bytes())
    outside = tmp_path / "staffing.md"
    assert (
        cli.main(["export", str(first), "--kind", "staffing", "--format", "md", "-o", str(outside)])
        == 0
    )
    assert MARKER.encode() in outside.read_bytes()  # outside the folder: the worker's to print
    capsys.readouterr()
    assert cli.main(["audit", str(first), "--json"]) == 0
    actions = [json.loads(line)["action"] for line in capsys.readouterr().out.splitlines()]
    assert actions[-3:] == ["restore", "export", "export"]
    assert _leaks(cases) == []

    # stopped half-way: one file plain again; the folder still reads, and a rerun finishes
    vault = unlock_with_identity(cases / META_FOLDER, recovery_out)
    second = cases / "c-demo-marcus.toml"
    second.write_bytes(vault.decrypt(second.read_bytes()))
    assert cli.main(["validate", str(cases)]) == 0
    assert cli.main(["encrypt", str(cases)]) == 0
    assert "1 files encrypted" in capsys.readouterr().err
    assert is_encrypted(second.read_bytes())

    assert cli.main(["decrypt", str(cases)]) == 0
    assert not has_keys(cases / META_FOLDER)
    assert not any(is_encrypted(p.read_bytes()) for p in cases.glob("c-*"))
    assert read_case(first)[0].client.living_situation == f"{MARKER} flat"
    back = AuditLog(cases / META_FOLDER)
    assert back.verify() == []
    assert [e.action for e in back.entries()][-2:] == ["encrypt", "decrypt"]
    monkeypatch.delenv("SBCM_IDENTITY")
    assert cli.main(["validate", str(cases)]) == 0


# --- the app: a whole session on an encrypted folder ---------------------------------------------


def _planted_folder(tmp_path: Path, keys: tuple[Path, str]) -> tuple[Path, Path]:
    """The demo cases with the marker in every text field, written encrypted."""
    meta, secret = keys
    cases = tmp_path / "cases"
    shutil.copytree(keys_folder(meta), cases / META_FOLDER / "keys")
    identity = _identity(tmp_path, secret)
    vault = unlock_with_identity(cases / META_FOLDER, identity)
    for path in DEMO_FILES:
        case, _ = read_case(path)
        data = case.model_dump(mode="json")
        plant(data, data, f" {MARKER}")
        planted = dump_case(Case.model_validate(data), CaseFormat.for_path(path.name))
        assert planted.count(MARKER.encode()) >= 10, path.name
        (cases / path.name).write_bytes(vault.seal(planted))
    return cases, identity


async def test_with_encryption_on_no_client_word_is_anywhere_on_disk(
    tmp_path: Path, keys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Open, type, a contact, an export into the folder, a conflict, a restore, a recovery file
    and a crash log: then every byte under the case folder (cases, index, history, audit log,
    temp files), the recovery folder and the temp folder is searched."""
    state = tmp_path / "state"
    monkeypatch.setenv(recovery.RECOVERY_ENV, str(state / "recovery"))
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr("tempfile.tempdir", str(temp))
    cases, identity = _planted_folder(tmp_path, keys)
    vault = unlock_with_identity(cases / META_FOLDER, identity)
    ana = cases / "c-demo-ana.toml"

    app = SbcmApp(CaseStore(cases, vault=vault), today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await caseload_loaded(pilot)
        app.screen.open_case_file(ana.name)
        await wait_for(pilot, lambda: bool(app.screen.query("#fact-living_situation")))
        # another window saves the same case meanwhile: the next save here is a conflict
        elsewhere = CaseStore(cases, vault=vault)
        other = elsewhere.open(ana)
        other.case.client.language = f"Spanish {MARKER} elsewhere"
        elsewhere.save(other)
        app.screen.query_one("#fact-living_situation", Input).focus()
        await type_text(pilot, f" typed {MARKER}")
        await wait_for(pilot, lambda: choice_armed(app), seconds=10)
        await pilot.press("c")  # keep mine as a copy
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
        app.screen.action_start_contact()
        await wait_for(pilot, lambda: isinstance(app.screen, ContactScreen))
        await type_text(pilot, f"in the contact {MARKER}")
        assert app.session is not None
        kept = app._keep_for_recovery("a test: the recovery file of an encrypted folder")
        assert kept is not None and is_encrypted(kept.read_bytes())
        await pilot.press("f10")  # end the contact: saved at once
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.press("ctrl+q")
    assert recovery.crash_log(RuntimeError(f"about {MARKER}"), state / "logs") is not None

    # the command line on the same folder: an export into it, a restore
    monkeypatch.setenv("SBCM_IDENTITY", str(identity))
    into = cases / f"staffing-{ana.stem}.html"
    assert (
        cli.main(["export", str(ana), "--kind", "staffing", "--format", "html", "-o", str(into)])
        == 0
    )
    assert cli.main(["restore", str(ana), "1"]) == 0

    # the words are all there, for the key...
    copies = [p for p in cases.glob("c-*") if p.name not in {f.name for f in DEMO_FILES}]
    assert len(copies) == 1
    mine = vault.decrypt(copies[0].read_bytes())
    assert f"typed {MARKER}".encode() in mine
    assert f"in the contact {MARKER}".encode() in mine
    assert len(CaseStore(cases, vault=vault).history.versions(ana)) >= 2
    assert is_encrypted(into.with_name(into.name + ".age").read_bytes())
    # ...and nowhere on disk in the clear
    assert _leaks(cases, state, temp) == []
    assert MARKER.encode() not in _every_byte(cases, state, temp)
