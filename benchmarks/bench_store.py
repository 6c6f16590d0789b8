"""Measure the case store: save time, and listing a caseload cold (first time) and warm.

    python benchmarks/bench_store.py            # 1,000 and 10,000 cases, in a temp folder
    python benchmarks/bench_store.py --sizes 1000 --saves 500

Targets from the issue: median save <= 2 ms; warm listing of 10,000 cases <= 0.2 s; first
listing of 10,000 <= 5 s. Each listing runs in a fresh process, as a user opening the app would.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load_generator():
    """benchmarks/generate.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("sbcm_generate", HERE / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["sbcm_generate"] = module  # so its worker processes can import it
    spec.loader.exec_module(module)
    return module


LIST_ONCE = """
import json, sys, time
t0 = time.perf_counter()
from sbcm_tui.files.store import CaseStore
t1 = time.perf_counter()
load = CaseStore(sys.argv[1]).caseload()
t2 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "list": t2 - t1, "cases": len(load.cases),
                  "broken": len(load.broken), "parsed": load.parsed}))
"""


def list_in_fresh_process(folder: Path) -> dict[str, float]:
    """List the folder in a new interpreter and return its own timings."""
    out = subprocess.run(
        [sys.executable, "-c", LIST_ONCE, str(folder)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def bench_saves(folder: Path, saves: int) -> list[float]:
    """Time ``saves`` saves of realistic cases (each a small edit, as autosave does)."""
    import random

    from sbcm_tui.core.case import Strength
    from sbcm_tui.files.store import CaseStore

    gen = load_generator()
    store = CaseStore(folder)
    rng = random.Random(11)
    opened = [store.create(gen.make_case(rng, date(2026, 11, 20))) for _ in range(20)]
    times = []
    for i in range(saves):
        item = opened[i % len(opened)]
        item.case.strengths.append(Strength(domain="leisure", words=f"bakes bread, week {i}"))
        t0 = time.perf_counter()
        store.save(item)
        times.append(time.perf_counter() - t0)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--saves", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args(argv)
    gen = load_generator()
    with tempfile.TemporaryDirectory(prefix="sbcm-bench-") as tmp:
        base = args.keep or Path(tmp)
        times = bench_saves(Path(tempfile.mkdtemp(prefix="saves-", dir=base)), args.saves)
        print(
            f"save: median {statistics.median(times) * 1000:.2f} ms, "
            f"p95 {sorted(times)[int(len(times) * 0.95)] * 1000:.2f} ms over {len(times)} saves"
        )
        for size in args.sizes:
            folder = base / f"caseload-{size}"
            if not folder.exists():
                t0 = time.perf_counter()
                gen.generate(folder, size, 1, "toml")
                print(f"generated {size:,} cases in {time.perf_counter() - t0:.1f} s")
            cold = list_in_fresh_process(folder)
            warm = [list_in_fresh_process(folder) for _ in range(3)]
            warm_list = statistics.median(w["list"] for w in warm)
            print(
                f"{size:,} cases: cold listing {cold['list']:.3f} s (parsed {cold['parsed']:,}), "
                f"warm listing {warm_list:.3f} s (median of 3, parsed {warm[0]['parsed']}), "
                f"import {cold['import']:.3f} s"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
