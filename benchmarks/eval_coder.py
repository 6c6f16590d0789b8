"""How well the interviewing coder agrees with hand labels, and how fast it is.

    python benchmarks/eval_coder.py            # the three labelled sets
    python benchmarks/eval_coder.py FILE.tsv   # any file of label<TAB>text lines

Prints, for each set: agreement, recall and precision per label, a confusion matrix (rows: the
hand label, columns: the coder's), the lines it gets wrong, and the time to code one line. The
held-out set was written before the coder, the fresh set after its rules were settled; neither
was tuned on, so their agreement is the honest figure.
The issue asks for >= 90% agreement on unseen lines and <= 1 ms a line.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from sbcm_tui.practice.coder import Code
from sbcm_tui.practice.miti import code_utterance

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
SETS = [DATA / f"utterances_{name}.tsv" for name in ("tuning", "heldout", "fresh")]
SHORT = {
    Code.OPEN_QUESTION: "open",
    Code.CLOSED_QUESTION: "closed",
    Code.REFLECTION: "refl",
    Code.AFFIRMATION: "affirm",
    Code.OTHER: "other",
}


def read_labelled(path: Path) -> list[tuple[Code, str]]:
    """label<TAB>text lines; '#' comments and blank lines are skipped."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        label, sep, text = line.partition("\t")
        if not sep or label not in Code.__members__.values():
            sys.exit(f"{path}:{number}: expected label<TAB>text, got {line!r}")
        rows.append((Code(label), text))
    return rows


def per_line_seconds(texts: list[str], rounds: int = 20) -> dict[str, float]:
    """Time to code one line over several passes: wall-clock median and 99th percentile, and the
    worst CPU time of the thread (which a busy machine's preemption does not inflate)."""
    wall, cpu = [], []
    for _ in range(rounds):
        for text in texts:
            start, start_cpu = time.perf_counter(), time.thread_time()
            code_utterance(text)
            cpu.append(time.thread_time() - start_cpu)
            wall.append(time.perf_counter() - start)
    wall.sort()
    return {
        "median": statistics.median(wall),
        "p99": wall[int(len(wall) * 0.99)],
        "worst_cpu": max(cpu),
    }


def report(path: Path) -> float:
    rows = read_labelled(path)
    pairs = [(gold, code_utterance(text), text) for gold, text in rows]
    right = sum(gold is got for gold, got, _ in pairs)
    agreement = right / len(pairs)
    print(f"\n== {path.name}: {len(pairs)} lines, agreement {agreement:.1%} ({right}/{len(pairs)})")
    print(f"{'label':16} {'n':>4} {'recall':>7} {'precision':>10}")
    for code in Code:
        n = sum(gold is code for gold, _, _ in pairs)
        hits = sum(gold is code and got is code for gold, got, _ in pairs)
        said = sum(got is code for _, got, _ in pairs)
        recall = f"{hits / n:.0%}" if n else "-"
        precision = f"{hits / said:.0%}" if said else "-"
        print(f"{code.value:16} {n:>4} {recall:>7} {precision:>10}")
    print("confusion (rows: hand label, columns: coder)")
    print(" " * 8 + "".join(f"{SHORT[c]:>8}" for c in Code))
    for gold_code in Code:
        cells = [sum(g is gold_code and c is got_code for g, c, _ in pairs) for got_code in Code]
        print(f"{SHORT[gold_code]:8}" + "".join(f"{n:>8}" for n in cells))
    wrong = [(g, c, t) for g, c, t in pairs if g is not c]
    if wrong:
        print("disagreements (hand -> coder):")
        for gold, got, text in wrong:
            print(f"  {SHORT[gold]:>6} -> {SHORT[got]:<6} {text}")
    timing = per_line_seconds([text for _, text in rows])
    print(
        f"time per line: median {timing['median'] * 1e6:.0f} µs, "
        f"99th percentile {timing['p99'] * 1e6:.0f} µs, "
        f"worst CPU time {timing['worst_cpu'] * 1e3:.2f} ms (target <= 1 ms)"
    )
    return agreement


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="label<TAB>text files")
    args = parser.parse_args(argv)
    for path in args.files or SETS:
        report(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
