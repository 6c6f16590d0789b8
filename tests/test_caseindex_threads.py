"""Listings at the same time never break the caseload index.

Two listings once ran at once (the caseload's own and a reload), and one of them, finding the
index busy, deleted it from under the other's memory map: the app died of a bus error. These
tests list one folder from many threads, through one store and through separate ones (as two
windows would), while a file changes, and check every listing is whole."""

from __future__ import annotations

import threading
from pathlib import Path

from sbcm_tui.core.case import Case, Client
from sbcm_tui.files.caseindex import CaseIndex
from sbcm_tui.files.store import CaseStore

NAMES = ("Ana", "Bea", "Cy", "Dee", "Eli")
ROUNDS = 15


def _listings_at_once(list_once, threads: int) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(threads)

    def run() -> None:
        try:
            start.wait()
            for _ in range(ROUNDS):
                names = sorted(s.preferred_name for s in list_once().cases)
                assert names == sorted(NAMES), names
        except BaseException as exc:
            errors.append(exc)

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return errors


def _folder(tmp_path: Path) -> CaseStore:
    store = CaseStore(tmp_path)
    for name in NAMES:
        store.create(Case(client=Client(preferred_name=name)))
    return store


def test_one_store_listed_from_several_threads(tmp_path: Path) -> None:
    store = _folder(tmp_path)
    assert _listings_at_once(store.caseload, threads=6) == []


def test_separate_indexes_on_one_folder(tmp_path: Path) -> None:
    store = _folder(tmp_path)
    meta = store.meta
    assert _listings_at_once(lambda: CaseIndex(tmp_path, meta).scan(), threads=6) == []
