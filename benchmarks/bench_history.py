"""What the history costs: a save with it and without it, in the same run; and on disk.

    python benchmarks/bench_history.py               # 300 saves each of a ~14 KB case
    python benchmarks/bench_history.py --saves 1000 --folder /some/disk

Two copies of one case in two folders of the same disk; the saves alternate between them (and
which goes first alternates too), so drift of the machine (other work, the disk's cache) falls
on both alike. "Off" is the same store with a history that keeps nothing.

Then the retention rule (sbcm_tui/files/history.py) with a simulated clock: versions kept
after a day of 1-second autosaves, and after a year of hourly ones, which with the case's size
gives the disk cost for 10,000 cases.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load_generator():
    """benchmarks/generate.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("sbcm_generate", HERE / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["sbcm_generate"] = module
    spec.loader.exec_module(module)
    return module


class NoHistory:
    """A history that keeps nothing: the store as it saved before there was one."""

    problem = None
    last_kept = None

    def begin(self) -> None:
        pass

    def keep_replaced(self, *args, **kwargs) -> None:
        pass

    def after_save(self, *args, **kwargs) -> None:
        pass


def sized_case(target: int):
    """A generated case grown with strengths until its file is about ``target`` bytes."""
    from sbcm_tui.core.case import Strength
    from sbcm_tui.files.casefile import CaseFormat, dump_case

    case = load_generator().make_case(random.Random(14), date(2026, 11, 20))
    n = 0
    while len(dump_case(case, CaseFormat.TOML)) < target:
        n += 1
        case.strengths.append(
            Strength(domain="leisure", words=f"walks the dog along the canal every morning, {n}")
        )
    return case


def bench_saves(folder: Path, saves: int, size: int) -> tuple[list[float], list[float], int]:
    """(times with history, times without, file size): ``saves`` small edits each, alternated."""
    from sbcm_tui.files.casefile import CaseFormat, dump_case
    from sbcm_tui.files.store import CaseStore

    case = sized_case(size)
    stores = {}
    for name in ("on", "off"):
        store = CaseStore(folder / name)
        if name == "off":
            store.history = NoHistory()  # type: ignore[assignment]
        stores[name] = (store, store.create(case.model_copy(deep=True)))
    times: dict[str, list[float]] = {"on": [], "off": []}
    for i in range(saves):
        for name in ("on", "off") if i % 2 else ("off", "on"):
            store, opened = stores[name]
            opened.case.client.pronouns = f"they/them ({i})"  # an edit, as autosave saves
            t0 = time.perf_counter()
            store.save(opened)
            times[name].append(time.perf_counter() - t0)
    kept = stores["on"][0].history.versions(stores["on"][1].path)
    print(f"  versions kept after {saves} saves in a few seconds: {len(kept)}")
    return times["on"], times["off"], len(dump_case(stores["on"][1].case, CaseFormat.TOML))


def simulate(times: list[float]) -> list[str]:
    """Saves at ``times``, each keeping the version it replaces and pruning by the rule."""
    from sbcm_tui.files.versions import autosaves_to_prune, stamp_of

    names: list[str] = []
    for before, at in itertools.pairwise(times):
        names.insert(0, stamp_of(before))
        for gone in autosaves_to_prune(names, at):
            names.remove(gone)
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=300)
    parser.add_argument("--size", type=int, default=14_000, help="case file size, bytes")
    parser.add_argument("--folder", type=Path, help="where to save (default: a temp folder)")
    parser.add_argument("--cases", type=int, default=10_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sbcm-bench-history-", dir=args.folder) as tmp:
        on, off, size = bench_saves(Path(tmp), args.saves, args.size)
    med_on, med_off = statistics.median(on) * 1000, statistics.median(off) * 1000
    p95 = sorted(on)[int(len(on) * 0.95)] * 1000, sorted(off)[int(len(off) * 0.95)] * 1000
    print(f"case file: {size:,} bytes; {args.saves} saves each, alternated")
    print(f"  save with history:    median {med_on:.3f} ms, p95 {p95[0]:.3f} ms")
    print(f"  save without history: median {med_off:.3f} ms, p95 {p95[1]:.3f} ms")
    print(f"  history costs {med_on - med_off:+.3f} ms a save ({med_on / med_off:.2f}x)")

    midnight = datetime(2026, 12, 1, tzinfo=UTC).timestamp()
    t0 = time.perf_counter()
    day = simulate([midnight + k for k in range(86_401)])
    working = simulate([midnight + k for k in range(8 * 3600 + 1)])
    took = time.perf_counter() - t0
    print(f"a day of 1-second autosaves keeps {len(day)} versions; 8 hours of them {len(working)}")
    print(f"  ({took:.1f} s to simulate {86_400 + 28_800:,} saves through the rule)")
    year = simulate([midnight + k * 3600 for k in range(365 * 24 + 1)])
    files = len(year) * args.cases
    block = 4096
    on_disk = -(-size // block) * block
    print(
        f"hourly autosaves for a year keep {len(year)} versions a case: for {args.cases:,} "
        f"cases {files:,} files, {files * size / 1e9:.1f} GB of bytes "
        f"({files * on_disk / 1e9:.1f} GB in {block}-byte blocks), plus milestones"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
