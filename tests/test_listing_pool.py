"""A first listing of a large folder reads its files in worker processes, inside the app too.

Inside the app, ``sys.stderr`` is Textual's stand-in, whose file number is -1. Starting the
pool's resource tracker with it failed ("bad value(s) in fds_to_keep"), the listing fell back
to reading every file on the app's own core, and a cold 10,000-case folder took 6.5 s in the
app against 2.2 s outside it. The test runs in a fresh interpreter, where no tracker runs yet
(in this one an earlier test may have started it, and then nothing would be tried)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sbcm_tui.core.case import Case, Client
from sbcm_tui.files.store import CaseStore

PROBE = r"""
import sys
from pathlib import Path
from sbcm_tui.files import caseindex
from sbcm_tui.files.store import CaseStore

class StandIn:  # what Textual puts in sys.stderr while the app runs
    def write(self, text): return len(text)
    def flush(self): pass
    def fileno(self): return -1

here = []
real = caseindex._summarize_file
def counted(*args):
    here.append(1)
    return real(*args)

caseindex._summarize_file = counted
caseindex.PARALLEL_FROM = 2
stand_in = sys.stderr = StandIn()
listed = CaseStore(sys.argv[1]).caseload()
assert sys.stderr is stand_in, "the stand-in was not put back"
sys.__stdout__.write(f"{len(listed.cases)} {len(here)}\n")
"""


def test_a_large_first_listing_uses_worker_processes_under_a_stand_in_stderr(
    tmp_path: Path,
) -> None:
    store = CaseStore(tmp_path)
    for name in ("Ana", "Bea", "Cy", "Dee"):
        store.create(Case(client=Client(preferred_name=name)))
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout.split()
    listed, read_here = int(out[0]), int(out[1])
    assert listed == 4
    assert read_here == 0, "the pool did not start: every file was read in this process"
