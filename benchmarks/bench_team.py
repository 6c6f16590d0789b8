"""How team sync grows: sync time with 10,000 cases in the repository, and repository size
over a simulated stretch of daily contacts, extrapolated to a year of 50 workers.

    python benchmarks/bench_team.py               # about 5 minutes on 2 cores
    python benchmarks/bench_team.py --quick       # 2,000 cases, fewer contacts
    python benchmarks/bench_team.py --encrypted   # the team encrypted (team/keys.py)

What is timed (each a median over repetitions, in this process, against a bare repository on
the local disk: the network is left out, it is the same for any tool):

* the first commit of the whole folder (``sbcm team init``) and a second worker's join;
* a sync with 1 case changed here, and with 100, nothing new from the team;
* a sync that brings in 100 cases changed by another worker while 100 were changed here, 50 of
  them the same cases (merged on the model);
* contacts recorded day by day (each a new contact with a note on a case, and a sync), then the
  repository's packed size after ``git gc``; the growth per contact gives the year's figure for
  50 workers with 8 contacts a working day each (100,000 contacts).

With ``--encrypted``, also letting the second worker in (every case file sealed again). An
encrypted file is new bytes at every save, so git can neither delta nor compress it: the
repository grows by the whole file at each save, not by the change.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bench_store import load_generator  # the scripts' folder is on sys.path when run as a script

from sbcm_tui.core.case import Contact
from sbcm_tui.files.atomic import write_atomic
from sbcm_tui.files.store import META_FOLDER, CaseStore
from sbcm_tui.files.vault import PLAIN, Codec, create_keys, unlock
from sbcm_tui.team import git
from sbcm_tui.team import keys as team_keys
from sbcm_tui.team import sync as team_sync

PASSPHRASE = "a benchmark passphrase"
CODECS: dict[Path, Codec] = {}
"""Each folder's vault (an encrypted run), else PLAIN."""


def sync(folder: Path):
    return team_sync.sync(folder, CODECS.get(folder, PLAIN))


YEAR_CONTACTS = 50 * 8 * 250
"""50 workers, 8 contacts each working day, 250 working days."""


def _median(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f} ms (of {len(values)})"


def _store(folder: Path) -> CaseStore:
    codec = CODECS.get(folder, PLAIN)
    return CaseStore(folder, vault=codec if codec.encrypted else None)  # type: ignore[arg-type]


def _edit(folder: Path, names: list[str], day: date, rng: random.Random) -> None:
    store = _store(folder)
    for name in names:
        opened = store.open(folder / name)
        case = opened.case
        note = " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 90)))
        case.contacts.append(Contact(number=case.next_contact_number(), on=day, notes=note))
        store.save(opened)


WORDS = [
    "talked",
    "about",
    "work",
    "housing",
    "sister",
    "bus",
    "pass",
    "clinic",
    "forms",
    "plan",
    "goal",
    "strengths",
    "walked",
    "garden",
    "called",
    "landlord",
    "food",
    "bank",
    "school",
    "son",
    "daughter",
    "meeting",
    "next",
    "week",
    "felt",
    "better",
    "tired",
    "hopeful",
]


def _size(repo: Path) -> int:
    git.run(["gc", "-q", "--force", "--prune=now"], repo)  # (an auto gc a push began may run)
    out = git.out(["count-objects", "-v"], repo)
    fields = dict(line.split(": ") for line in out.splitlines())
    return (int(fields["size-pack"]) + int(fields["size"])) * 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--contacts", type=int, default=2_000)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--encrypted", action="store_true", help="an encrypted team")
    args = parser.parse_args(argv)
    if args.quick:
        args.cases, args.contacts, args.reps = 2_000, 400, 3
    rng = random.Random(7)
    work = Path(tempfile.mkdtemp(prefix="bench-team-"))
    try:
        a, b, remote = work / "a", work / "b", work / "team.git"
        load_generator().generate(a, args.cases, seed=11)
        names = sorted(p.name for p in a.glob("c-*.toml"))
        if args.encrypted:
            CODECS[a] = create_keys(a / META_FOLDER, PASSPHRASE).vault
            for name in names:
                write_atomic(a / name, CODECS[a].seal((a / name).read_bytes()))
        started = time.perf_counter()
        team_sync.init(a, str(remote), "Dana", CODECS.get(a, PLAIN))
        first = time.perf_counter() - started
        started = time.perf_counter()
        team_sync.join(str(remote), b, "Sam", lambda: PASSPHRASE)
        joined = time.perf_counter() - started
        print(f"{args.cases:,} cases: first commit and push {first:.1f} s; join {joined:.1f} s")
        if args.encrypted:
            CODECS[b] = unlock(b / META_FOLDER, PASSPHRASE)
            sync(a)
            started = time.perf_counter()
            team_keys.admit(a, CODECS[a], "Sam")
            sync(a)
            admitted = time.perf_counter() - started
            sync(b)
            print(f"letting the second worker in (every file sealed again): {admitted:.1f} s")
        print(f"repository after the first commit: {_size(remote) / 1e6:.1f} MB")
        day = date(2026, 1, 5)
        rows = []
        for count in (1, 100):
            times = []
            for _ in range(args.reps):
                _edit(a, rng.sample(names, count), day, rng)
                started = time.perf_counter()
                report = sync(a)
                times.append(time.perf_counter() - started)
                assert report.pushed and len(report.committed) == count
            rows.append(f"sync, {count} changed here: {_median(times)}")
        times = []
        for _ in range(args.reps):
            sync(b)
            shared = rng.sample(names, 150)
            _edit(b, shared[:100], day, rng)
            sync(b)
            _edit(a, shared[50:], day, rng)
            started = time.perf_counter()
            report = sync(a)
            times.append(time.perf_counter() - started)
            assert len(report.merged) == 50, report.lines()
        rows.append(f"sync, 100 here and 100 from the team, 50 the same cases: {_median(times)}")
        print("\n".join(rows))
        before = _size(remote)
        contacts = 0
        sync_times = []
        while contacts < args.contacts:
            day += timedelta(days=1)
            for folder in (a, b):
                sync(folder)
                todays = rng.sample(names, 20)
                _edit(folder, todays, day, rng)
                started = time.perf_counter()
                sync(folder)
                sync_times.append(time.perf_counter() - started)
                contacts += len(todays)
        after = _size(remote)
        per = (after - before) / contacts
        tenth = len(sync_times) // 10 or 1
        early, late = (
            statistics.median(part) * 1000 for part in (sync_times[:tenth], sync_times[-tenth:])
        )
        print(
            f"{contacts:,} contacts recorded (20 a sync): repository {before / 1e6:.1f} MB -> "
            f"{after / 1e6:.1f} MB, {per / 1024:.1f} KB a contact; sync of 20, first tenth "
            f"{early:.0f} ms, last tenth {late:.0f} ms"
        )
        print(
            f"a year of 50 workers ({YEAR_CONTACTS:,} contacts): about "
            f"{(before + per * YEAR_CONTACTS) / 1e6:.0f} MB packed"
        )
        commits = git.out(["rev-list", "--count", "HEAD"], a)
        print(f"commits now: {commits}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
