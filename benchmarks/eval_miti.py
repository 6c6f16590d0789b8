"""How the MITI coder (sbcm_tui/practice/miti.py) agrees with lines coded by others.

    python benchmarks/eval_miti.py                 # tuning and held-out parts of the corpus
    python benchmarks/eval_miti.py --wrong         # also the tuning lines it gets wrong
    python benchmarks/eval_miti.py FILE.tsv ...    # any code<TAB>text[<TAB>...] files

The corpus (tests/data/miti_corpus/, sources and licences in tests/data/SOURCES.md) holds
counsellors' lines written and coded by others. Its held-out part is for reporting only: this
script prints figures for it and never a line of it, and the coder is not tuned on it.

For each set: agreement and Cohen's kappa on the five labels (the corpus codes folded as the
coder folds its own; a line the source calls only "question" counts as right when the coder
says either kind of question, and is left out of the kappa), per-label recall and precision,
the confusion matrix; the same on the full MITI codes where the source gives them; simple vs
complex among lines the source calls a reflection of either depth; and the time to code a line.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from sbcm_tui.practice.coder import Code
from sbcm_tui.practice.miti import Behaviour, code_turn

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "miti_corpus"
HELD_OUT = "heldout"
FOLD = {
    "question_open": Code.OPEN_QUESTION.value,
    "question_closed": Code.CLOSED_QUESTION.value,
    "reflection_simple": Code.REFLECTION.value,
    "reflection_complex": Code.REFLECTION.value,
    "reflection": Code.REFLECTION.value,
    "affirm": Code.AFFIRMATION.value,
}
"""Corpus codes onto the five labels; the rest are other, except what is asked as a question."""
ANY_QUESTION = "question"
SHORT = {
    "open_question": "open",
    "closed_question": "closed",
    "reflection": "refl",
    "affirmation": "affirm",
    "other": "other",
}


def read(path: Path) -> list[tuple[str, str]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        code, sep, rest = line.partition("\t")
        if not sep:
            sys.exit(f"{path}:{number}: expected code<TAB>text")
        rows.append((code.strip(), rest.split("\t")[0]))
    return rows


def folded(code: str, text: str) -> str:
    """The five-label code of a corpus code (ANY_QUESTION for a question of unknown kind)."""
    if code in FOLD:
        return FOLD[code]
    if code == "question" or (code == "seek_collaboration" and text.rstrip().endswith("?")):
        return ANY_QUESTION
    return Code.OTHER.value


def kappa(pairs: list[tuple[str, str]]) -> float:
    n = len(pairs)
    if not n:
        return float("nan")
    agree = sum(a == b for a, b in pairs) / n
    gold, said = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    chance = sum(gold[k] * said[k] for k in gold) / (n * n)
    return (agree - chance) / (1 - chance) if chance < 1 else float("nan")


def report(pairs: list[tuple[str, str]], labels: list[str], title: str) -> None:
    n = len(pairs)
    if not n:
        print(f"{title}: no lines")
        return
    agree = sum(a == b for a, b in pairs) / n
    print(f"{title}: {n} lines, agreement {agree:.1%}, kappa {kappa(pairs):.2f}")
    for label in labels:
        gold = sum(a == label for a, _ in pairs)
        said = sum(b == label for _, b in pairs)
        hit = sum(a == b == label for a, b in pairs)
        recall = f"{hit / gold:.2f}" if gold else "-"
        precision = f"{hit / said:.2f}" if said else "-"
        print(f"  {label:26} n={gold:4}  recall {recall:>4}  precision {precision:>4}")
    width = max(6, *(len(SHORT.get(label, label)[:8]) for label in labels))
    print("  confusion (rows: the source's code, columns: the coder's)")
    print("  " + " " * 26 + "".join(f"{SHORT.get(c, c)[:8]:>{width + 1}}" for c in labels))
    table = Counter(pairs)
    for row in labels:
        cells = "".join(f"{table[row, col]:>{width + 1}}" for col in labels)
        print(f"  {row:26}{cells}")


def evaluate(path: Path, show_wrong: bool) -> None:
    rows = read(path)
    held_out = HELD_OUT in path.stem
    coded = [(code, text, code_turn(text)) for code, text in rows]
    five, question_family = [], [0, 0]
    for code, text, turn in coded:
        gold = folded(code, text)
        if gold == ANY_QUESTION:
            question_family[0] += 1
            question_family[1] += turn.code.value in ("open_question", "closed_question")
        else:
            five.append((gold, turn.code.value))
    print(f"\n== {path.name}{' (held out: figures only)' if held_out else ''}")
    report(five, [c.value for c in Code], "five labels")
    if question_family[0]:
        print(
            f"  lines the source calls only 'question': {question_family[0]}, coded as a "
            f"question {question_family[1] / question_family[0]:.0%}"
        )
    fine = [
        (code, t.behaviour.value) for code, _, t in coded if code in Behaviour.__members__.values()
    ]
    report(fine, [b.value for b in Behaviour], "MITI codes (where the source gives them)")
    depth = [
        (
            code,
            t.behaviour.value if t.behaviour.value.startswith("reflection") else "not a reflection",
        )
        for code, _, t in coded
        if code in ("reflection_simple", "reflection_complex")
    ]
    depth_pairs = [(a, b) for a, b in depth if b != "not a reflection"]
    if depth:
        right = sum(a == b for a, b in depth_pairs)
        print(
            f"simple vs complex: {len(depth)} reflections in the source, {len(depth_pairs)} "
            f"coded a reflection; of those, depth agrees on {right / max(1, len(depth_pairs)):.0%}"
        )
    if show_wrong and not held_out:
        print("  lines coded otherwise (source code -> coder's):")
        for code, text, turn in coded:
            if folded(code, text) not in (turn.code.value, ANY_QUESTION):
                print(f"    {code} -> {turn.behaviour.value}: {text}")


def timing(paths: list[Path]) -> None:
    texts = [text for path in paths for _, text in read(path)]
    if not texts:
        return
    for text in texts:  # warm: the first calls fill Python's regex and method caches
        code_turn(text)
    wall, cpu = [], []
    for _ in range(10):
        for text in texts:
            started, started_cpu = time.perf_counter(), time.thread_time()
            code_turn(text)
            cpu.append(time.thread_time() - started_cpu)
            wall.append(time.perf_counter() - started)
    wall.sort()
    print(
        f"\ncoding a line: median {statistics.median(wall) * 1e6:.0f} us, 99th percentile "
        f"{wall[int(len(wall) * 0.99)] * 1e6:.0f} us, worst {wall[-1] * 1e6:.0f} us wall "
        f"({max(cpu) * 1e6:.0f} us of CPU) over {len(wall)} codings"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument(
        "--wrong", action="store_true", help="list the tuning lines coded otherwise"
    )
    args = parser.parse_args(argv)
    paths = args.files or [CORPUS / "tuning.tsv", CORPUS / "heldout.tsv"]
    paths = [p for p in paths if p.exists()]
    if not paths:
        sys.exit(f"no corpus at {CORPUS}")
    for path in paths:
        evaluate(path, args.wrong)
    timing(paths)
    return 0


if __name__ == "__main__":
    sys.exit(main())
