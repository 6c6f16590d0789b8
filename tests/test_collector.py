"""The garbage collector paused for allocation-heavy work comes back on, however that work
ends: nested, from two threads at once, or with a save refused half-way."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest

from sbcm_tui.core.case import Case, Client, Strength
from sbcm_tui.files.casefile import CaseFileError
from sbcm_tui.files.collector import collector_paused
from sbcm_tui.files.store import CaseStore


def test_nested_pauses_end_with_the_collector_on() -> None:
    assert gc.isenabled()
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still holds
    assert gc.isenabled()


def test_pauses_from_two_threads_end_with_the_collector_on() -> None:
    inside, release = threading.Barrier(2), threading.Event()

    def work() -> None:
        with collector_paused():
            inside.wait()
            release.wait(5)

    other = threading.Thread(target=work)
    other.start()
    with collector_paused():
        inside.wait()
    assert not gc.isenabled()  # this thread's pause ended; the other's goes on
    release.set()
    other.join()
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_save_refused_half_way_leaves_the_collector_on(tmp_path: Path) -> None:
    store = CaseStore(tmp_path)
    opened = store.create(Case(client=Client(preferred_name="Ana")))
    opened.case.strengths.append(Strength(domain="leisure", words="sings"))
    opened.case.strengths[0].words = ""  # invalid: refused while the collector rests
    with pytest.raises(CaseFileError):
        store.save(opened)
    assert gc.isenabled()
