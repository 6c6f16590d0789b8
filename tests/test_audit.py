"""The audit log: what is recorded, that no client text is, and that the chain finds tampering."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

from sbcm_tui import cli
from sbcm_tui.core.case import Case, Client
from sbcm_tui.files.audit import AUDIT_FILE, GENESIS, AuditLog
from sbcm_tui.files.store import META_FOLDER, CaseStore
from sbcm_tui.files.versions import CONFLICT, RESTORE
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.screens.case import CaseScreen
from sbcm_tui.tui.screens.review import ReviewScreen
from tests.support import TODAY, caseload_loaded, wait_for

NAME = "Philippa Quarrender"


def _log(folder: Path) -> Path:
    return folder / META_FOLDER / AUDIT_FILE


def _actions(folder: Path) -> list[str]:
    return [e.action for e in AuditLog(folder / META_FOLDER).entries()]


def _a_log(tmp_path: Path, entries: int = 5) -> Path:
    audit = AuditLog(tmp_path / META_FOLDER, worker="dana")
    for number in range(entries):
        assert audit.record("save", f"c-{number}")
    return audit.path


def test_saves_overwrites_restores_copies_and_deletes_are_recorded(tmp_path: Path) -> None:
    store = CaseStore(tmp_path)
    opened = store.create(Case(client=Client(preferred_name=NAME)))
    store.save(opened)
    store.save(opened, overwrite=True, reason=CONFLICT)
    store.save(opened, reason=RESTORE)
    copy = store.save_as_copy(opened)
    store.delete(copy.path)
    assert _actions(tmp_path) == ["save", "save", "overwrite", "restore", "copy", "delete"]
    entries = list(AuditLog(tmp_path / META_FOLDER).entries())
    assert {e.case for e in entries} == {opened.case.id, copy.case.id}
    raw = _log(tmp_path).read_text()
    assert NAME.split()[0] not in raw  # ids, never names
    assert oct(_log(tmp_path).stat().st_mode & 0o777) == "0o600"


def test_the_chain_holds_on_an_untouched_log(tmp_path: Path, capsys) -> None:
    _a_log(tmp_path)
    assert AuditLog(tmp_path / META_FOLDER).verify() == []
    assert cli.main(["audit", "verify", str(tmp_path)]) == 0
    assert "5 entries, the chain holds" in capsys.readouterr().err


@pytest.mark.parametrize("tamper", ["removed", "changed", "reordered", "first removed"])
def test_verify_finds_an_entry_removed_changed_or_moved(tmp_path: Path, tamper, capsys) -> None:
    path = _a_log(tmp_path)
    lines = path.read_text().splitlines(keepends=True)
    if tamper == "removed":
        del lines[2]
    elif tamper == "first removed":
        del lines[0]
    elif tamper == "changed":
        entry = json.loads(lines[2])
        entry["worker"] = "someone else"
        lines[2] = json.dumps(entry, separators=(",", ":")) + "\n"
    else:
        lines[1], lines[2] = lines[2], lines[1]
    path.write_text("".join(lines))
    breaks = AuditLog(tmp_path / META_FOLDER).verify()
    assert breaks, tamper
    assert cli.main(["audit", "verify", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"line {breaks[0].line}:" in out
    expected_line = {"removed": 3, "first removed": 1, "changed": 3, "reordered": 2}[tamper]
    assert breaks[0].line == expected_line


def test_an_entry_rehashed_after_a_change_still_breaks_the_next(tmp_path: Path) -> None:
    from sbcm_tui.files.audit import entry_hash

    path = _a_log(tmp_path)
    lines = path.read_text().splitlines(keepends=True)
    entry = json.loads(lines[1])
    entry["action"] = "open"
    entry["hash"] = entry_hash(entry)
    lines[1] = json.dumps(entry, separators=(",", ":")) + "\n"
    path.write_text("".join(lines))
    assert [b.line for b in AuditLog(tmp_path / META_FOLDER).verify()] == [3]


def _append(folder: str, worker: str, count: int) -> None:
    audit = AuditLog(Path(folder) / META_FOLDER, worker=worker)
    for number in range(count):
        audit.record("save", f"c-{worker}-{number}")


def test_two_processes_appending_keep_one_chain(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_append, args=(str(tmp_path), w, 60)) for w in "ab"]
    for process in workers:
        process.start()
    for process in workers:
        process.join(60)
        assert process.exitcode == 0
    log = AuditLog(tmp_path / META_FOLDER)
    assert len(list(log.entries())) == 120
    assert log.verify() == []


def test_a_log_that_cannot_be_written_never_stops_a_save(tmp_path: Path) -> None:
    store = CaseStore(tmp_path)
    opened = store.create(Case(client=Client(preferred_name=NAME)))
    _log(tmp_path).unlink()
    _log(tmp_path).mkdir()  # the log's name taken by a folder: every append fails
    opened.case.client.pronouns = "she/her"
    store.save(opened)
    assert store.audit.problem and "audit log" in store.audit.problem


def test_the_listing_filters_by_case_and_day(tmp_path: Path, capsys) -> None:
    store = CaseStore(tmp_path)
    first = store.create(Case(client=Client(preferred_name=NAME)))
    store.create(Case(client=Client(preferred_name="Other")))
    assert cli.main(["audit", str(first.path), "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(e["action"], e["case"]) for e in lines] == [("save", first.case.id)]
    assert cli.main(["audit", str(tmp_path), "--since", "2999-01-01"]) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(_log(tmp_path).read_text().splitlines()[0])["prev"] == GENESIS


async def test_the_app_records_open_review_and_export(demo_folder: Path, tmp_path: Path) -> None:
    from sbcm_tui.tui.modals.export import ExportModal

    app = SbcmApp(CaseStore(demo_folder), demo=True, today=TODAY)
    app.export_folder = tmp_path / "out"
    async with app.run_test(size=(100, 30)) as pilot:
        await caseload_loaded(pilot)
        app.screen.open_case_file("c-demo-ana.toml")
        await wait_for(pilot, lambda: isinstance(app.screen, CaseScreen))
        await pilot.press("f4")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen))
        await pilot.press("escape")
        await pilot.press("f7")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportModal))
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "export" in _actions(demo_folder))
    entries = [e for e in AuditLog(demo_folder / META_FOLDER).entries() if e.case == "c-demo-ana"]
    actions = [e.action for e in entries]
    assert actions[:2] == ["open", "review"] and "export" in actions
    export = next(e for e in entries if e.action == "export")
    assert export.detail["kind"] == "staffing" and export.detail["to"].startswith(str(tmp_path))
    assert AuditLog(demo_folder / META_FOLDER).verify() == []


def test_the_cli_records_an_export_only_in_a_case_folder(tmp_path: Path, capsys) -> None:
    loose = tmp_path / "loose"
    loose.mkdir()
    case = Case(client=Client(preferred_name=NAME))
    source = loose / f"{case.id}.toml"
    from sbcm_tui.files.casefile import CaseFormat, dump_case

    source.write_bytes(dump_case(case, CaseFormat.TOML))
    assert cli.main(["export", str(source), "-o", str(tmp_path / "a.md"), "--format", "md"]) == 0
    assert not (loose / META_FOLDER).exists()  # no log made beside a file the app never kept
    store = CaseStore(tmp_path / "cases")
    kept = store.create(case)
    assert cli.main(["export", str(kept.path), "-o", str(tmp_path / "b.md"), "--format", "md"]) == 0
    assert _actions(tmp_path / "cases")[-1] == "export"


async def test_the_case_shows_its_audit_trail_and_a_broken_chain(demo_folder: Path) -> None:
    from textual.widgets import DataTable

    from sbcm_tui.tui.screens.audit_trail import AuditTrailScreen
    from tests.support import screen_text

    app = SbcmApp(CaseStore(demo_folder), demo=True, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await caseload_loaded(pilot)
        app.screen.open_case_file("c-demo-ana.toml")
        await wait_for(pilot, lambda: bool(app.screen.query("#fact-pronouns")))
        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, AuditTrailScreen))
        table = app.screen.query_one("#audit-entries", DataTable)
        assert table.row_count >= 1 and "open" in screen_text(app)
        assert "chain holds" in screen_text(app)
        await pilot.press("escape")
        lines = _log(demo_folder).read_text().splitlines(keepends=True)
        lines[0] = lines[0].replace('"action":"open"', '"action":"review"')  # changed
        _log(demo_folder).write_text("".join(lines))
        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, AuditTrailScreen))
        assert "chain is broken at line 1" in screen_text(app)
