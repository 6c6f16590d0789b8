"""What encryption at rest costs: a save, and a cold and a warm listing, with and without it.

    python benchmarks/bench_encryption.py                # 1,000 and 10,000 cases
    python benchmarks/bench_encryption.py --sizes 1000   # quicker

One generated caseload (benchmarks/generate.py) is copied twice; one copy is encrypted with a
vault made from an identity (no passphrase: scrypt's second would be the same in both arms
and is not what is measured). Saves alternate between the two folders, so drift of the
machine falls on both alike. A cold listing starts with no summary cache (every file read,
parsed, and in the encrypted folder decrypted); a warm one reads the cache only (in the
encrypted folder one encrypted file, .sbcm/index.age).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))  # generate.py and bench_history.py, scripts beside this one


def encrypted_copy(plain: Path, target: Path):
    """``plain`` copied to ``target`` and encrypted; the unlocked vault."""
    from pyrage import x25519

    from sbcm_tui.files.atomic import ensure_private_folder, write_atomic
    from sbcm_tui.files.vault import RECIPIENTS_FILE, Vault, keys_folder

    shutil.copytree(plain, target)
    worker = x25519.Identity.generate()
    recovery = x25519.Identity.generate()
    recipients = [str(worker.to_public()), str(recovery.to_public())]
    keys = ensure_private_folder(keys_folder(target / ".sbcm"))
    (keys / RECIPIENTS_FILE).write_text("\n".join(recipients) + "\n")
    vault = Vault(recipients, [str(worker)])
    for path in target.iterdir():
        if path.suffix in (".toml", ".json"):
            write_atomic(path, vault.seal(path.read_bytes()))
    return vault


def listing(folder: Path, vault, *, cold: bool) -> float:
    from sbcm_tui.files.store import CaseStore

    if cold:
        for name in ("index.sqlite3", "index.sqlite3-wal", "index.sqlite3-shm", "index.age"):
            (folder / ".sbcm" / name).unlink(missing_ok=True)
    store = CaseStore(folder, vault=vault)
    started = time.perf_counter()
    store.caseload()
    return time.perf_counter() - started


def saves(plain: Path, sealed: Path, vault, count: int) -> tuple[list[float], list[float]]:
    from sbcm_tui.files.store import CaseStore

    stores = {"plain": CaseStore(plain), "sealed": CaseStore(sealed, vault=vault)}
    name = sorted(p.name for p in plain.iterdir() if p.suffix == ".toml")[0]
    opened = {k: s.open(s.root / name) for k, s in stores.items()}
    times: dict[str, list[float]] = {"plain": [], "sealed": []}
    for i in range(count):
        order = ("plain", "sealed") if i % 2 else ("sealed", "plain")
        for arm in order:
            opened[arm].case.client.pronouns = f"they/them {i}"
            started = time.perf_counter()
            stores[arm].save(opened[arm])
            times[arm].append(time.perf_counter() - started)
    return times["plain"], times["sealed"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--saves", type=int, default=200)
    args = parser.parse_args()
    from bench_history import load_generator  # one way to load the generator script

    generator = load_generator()
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="sbcm-bench-enc-") as tmp:
            plain = Path(tmp) / "plain"
            generator.generate(plain, size)
            vault = encrypted_copy(plain, Path(tmp) / "sealed")
            sealed = Path(tmp) / "sealed"
            print(f"{size:,} cases")
            for label, cold in (("cold listing", True), ("warm listing", False)):
                # (the cold listing leaves each folder's cache in place for the warm one)
                a = listing(plain, None, cold=cold)
                b = listing(sealed, vault, cold=cold)
                print(f"  {label}: plain {a:.3f} s, encrypted {b:.3f} s ({b / a:.2f}x)")
            if size == args.sizes[0]:
                p, s = saves(plain, sealed, vault, args.saves)
                mp, ms = statistics.median(p) * 1e3, statistics.median(s) * 1e3
                print(
                    f"  save, median of {args.saves} alternated: plain {mp:.3f} ms, "
                    f"encrypted {ms:.3f} ms (+{ms - mp:.3f} ms, {ms / mp:.2f}x)"
                )


if __name__ == "__main__":
    main()
