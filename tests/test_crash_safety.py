"""Kill -9 in the middle of saving, many times: no case may be corrupt or lose a confirmed save."""

from __future__ import annotations

import os
import random
import signal
import sys
import time
from pathlib import Path

import pytest

from sbcm_tui.core.case import Case, Client, Strength
from sbcm_tui.files.store import CaseStore

KILLS = 150
CASES = 3

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL are POSIX")


def _saver(root: Path, write_end: int) -> None:
    """Child: keep adding a strength to each case and saving; report each confirmed save."""
    store = CaseStore(root)
    opened = [store.open(p) for p in sorted(root.glob("*.toml"))]
    os.write(write_end, b"ready\n")
    n = 0
    while True:
        for item in opened:
            n += 1
            item.case.strengths.append(
                Strength(domain="leisure", words=f"plays guitar, take {n} " + "la " * (n % 40))
            )
            store.save(item)
            os.write(write_end, f"{item.path.name} {item.case.revision}\n".encode())


def test_kill_during_saves_never_corrupts_or_loses_a_confirmed_save(tmp_path: Path) -> None:
    store = CaseStore(tmp_path)
    for i in range(CASES):
        store.create(Case(client=Client(preferred_name=f"Client {i}")))
    confirmed: dict[str, int] = {}
    rng = random.Random(7)
    corrupt = 0
    lost = 0
    saves = 0
    for _ in range(KILLS):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # child
            os.close(read_end)
            try:
                _saver(tmp_path, write_end)
            finally:
                os._exit(0)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as reader:
            reader.readline()  # "ready": the child is in its save loop from here on
            time.sleep(rng.uniform(0.002, 0.05))
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            for line in reader.read().decode().splitlines():
                parts = line.split()
                if len(parts) == 2:
                    saves += 1
                    confirmed[parts[0]] = max(confirmed.get(parts[0], 0), int(parts[1]))
        for path in sorted(tmp_path.glob("*.toml")):
            try:
                on_disk = store.open(path).case
            except Exception:
                corrupt += 1
                continue
            if on_disk.revision < confirmed.get(path.name, 0):
                lost += 1
    # Each kill lands at a random moment of a busy save loop; on a loaded machine a window may
    # hold no complete save, so ask for a third: enough that kills cut saves at every stage.
    assert saves > KILLS // 3, f"only {saves} saves completed: the kills proved little"
    assert corrupt == 0
    assert lost == 0
    assert len(list(tmp_path.glob("*.toml"))) == CASES
    # Killed saves leave temp files behind; a new store sweeps the old ones away.
    for temp in tmp_path.glob(".sbcm-*.tmp"):
        os.utime(temp, (0, 0))
    CaseStore(tmp_path)
    assert not list(tmp_path.glob(".sbcm-*.tmp"))
