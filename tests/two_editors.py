"""Two real app processes on one case, each on its own pseudo-terminal: the first saves a word,
the second types another over the stale file, gets the conflict choice and takes one.

One cycle is checked end to end: no traceback on either terminal, both exit 0, and no word is
lost without the worker choosing it: the first editor's saved word is in the case file, or (when
the second chose to overwrite) in the case's history; the second's is in the case file
(overwrite), in a copy (copy), or was dropped on purpose (reload). The test runs a few cycles;
``python -m tests.two_editors N`` runs N of them and prints the tally.
"""

from __future__ import annotations

import asyncio
import itertools
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sbcm_tui.tui.modals.conflict import ARM_SECONDS
from tests.pty_app import PtyApp, focus_route

CHOICES = ("c", "r", "o")
"""Save mine as a copy, reload theirs, overwrite with mine."""
NAME = "Zephyrine"
SETTLE = 1.6
"""Seconds after the last key for the autosave (1 s) to have run, with a margin."""


@dataclass
class Cycle:
    """What one cycle found."""

    choice: str
    first_word: str
    second_word: str
    lost: list[str]
    """Words a worker saved or kept, found nowhere (must stay empty)."""
    tracebacks: int
    exit_codes: tuple[int | None, int | None]


def make_case(folder: Path) -> Path:
    from sbcm_tui.core.case import Case, Client
    from sbcm_tui.files.store import CaseStore

    return CaseStore(folder).create(Case(client=Client(preferred_name=NAME))).path


def _words_on_disk(folder: Path) -> tuple[str, str, str]:
    """(the case file, every copy, every version in the history), as text."""
    case = sorted(folder.glob("*.toml"), key=lambda p: p.stat().st_mtime_ns)
    original = case[0].read_text("utf-8", "replace") if case else ""
    copies = "".join(p.read_text("utf-8", "replace") for p in case[1:])
    history = "".join(
        p.read_text("utf-8", "replace")
        for p in (folder / ".sbcm").rglob("*")
        if p.is_file() and p.suffix in (".toml", ".json") and "history" in p.parts
    )
    return original, copies, history


def run_cycle(folder: Path, choice: str, tabs: int, in_field: str, number: int) -> Cycle:
    path = make_case(folder)
    first_word, second_word = f"first{number}x", f"second{number}y"
    first, second = PtyApp(folder), PtyApp(folder)
    if number % 2:  # both orders: the editor started second saves first
        first, second = second, first
    try:
        for app in (first, second):
            app.wait_for(NAME)
            app.type("\r")
        for app in (first, second):
            seen = app.wait_for("Few facts")
            app.type("\t" * tabs)
            app.wait_for(in_field, seen)
        mark = len(first._text())
        first.type(first_word)
        first.wait_for("saved", mark + len(first_word))
        time.sleep(0.2)
        mark = len(second._text())
        second.type(second_word)
        second.wait_for("the file changed", mark)  # the conflict choice is up
        time.sleep(ARM_SECONDS + 0.3)  # it takes keys a moment after it shows (its own process)
        second.type(choice)
        time.sleep(0.5)
        second.type("!")  # a key after the choice: after a reload it must build on the file's
        time.sleep(SETTLE)
        for app in (first, second):
            app.type("\x11")  # ctrl+q
        codes = (first.process.wait(timeout=30), second.process.wait(timeout=30))
    finally:
        first.kill()
        second.kill()
    original, copies, history = _words_on_disk(folder)
    lost = []
    if first_word not in original and not (choice == "o" and first_word in history):
        lost.append(first_word)
    kept_second = {"c": second_word in copies, "o": second_word in original, "r": True}[choice]
    if not kept_second:
        lost.append(second_word)
    output = bytes(first.output + second.output)
    assert path.exists()
    return Cycle(choice, first_word, second_word, lost, output.count(b"Traceback"), codes)


def run_cycles(count: int, root: Path, first: int = 0) -> list[Cycle]:
    """``count`` cycles, the three choices in turn from choice number ``first``, each in a
    fresh folder."""
    probe = root / "probe"
    make_case(probe)
    tabs, in_field = asyncio.run(focus_route(probe, "fact-living_situation"))
    results = []
    numbers = range(first, first + count)
    choices = itertools.islice(itertools.cycle(CHOICES), first, None)
    for number, choice in zip(numbers, choices, strict=False):
        results.append(run_cycle(root / f"cycle-{number}", choice, tabs, in_field, number))
    return results


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    with tempfile.TemporaryDirectory(prefix="sbcm-two-editors-") as tmp:
        started = time.monotonic()
        cycles = run_cycles(count, Path(tmp))
        lost = [c for c in cycles if c.lost]
        crashed = [c for c in cycles if c.tracebacks or c.exit_codes != (0, 0)]
        for choice in CHOICES:
            done = [c for c in cycles if c.choice == choice]
            print(f"choice {choice}: {len(done)} cycles, {sum(bool(c.lost) for c in done)} lost")
        print(
            f"{len(cycles)} cycles in {time.monotonic() - started:.0f} s: "
            f"{len(lost)} with a lost word, {len(crashed)} with a traceback or a bad exit"
        )
        sys.exit(1 if lost or crashed else 0)
