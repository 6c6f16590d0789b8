"""Measure the app's feel: start-up against a bare Textual app, opening a big case, moving steps.

    python benchmarks/bench_app.py                         # 7 launches each, 200-contact case
    python benchmarks/bench_app.py --reps 11 --moves 100
    python benchmarks/generate.py /tmp/cases-10k -n 10000  # then, to list 10,000 cases too:
    python benchmarks/bench_app.py --large /tmp/cases-10k

Every figure is wall time, with the CPU time the app's process spent in brackets: on a busy
machine the wall time also holds the waits for a core, and the CPU time is closer to what an idle
machine would show. The report starts with the core count and the load average.

* Start-up (goal <= 1.3x the baseline): from ``Popen`` of a fresh interpreter to the line it
  prints once the caseload table has rows *and* the screen has been painted after them: so
  interpreter start, every import, reading the folder (a thread worker), compose, layout and the
  first frames. sbcm runs as ``sbcm --demo`` does, ``fresh_demo_copy()`` inside the timed process
  (or, with no demo cases installed, on a fresh copy of 6 generated cases), after importing the
  command line and parsing its arguments as the ``sbcm`` command does. The baseline is a bare
  Textual app showing a ``DataTable`` of 6 rows. Both run headless (no terminal output), both
  notice "rows on screen" with the same 5 ms poll plus ``call_after_refresh``, and launches
  alternate, so the ratio is fair. ``--large`` lists a 10,000-case folder the same way, after
  warming its index in this process (untimed).
* Open a case (goal < 100 ms): in-process, ``run_test(size=(120, 40))``: from
  ``CaseloadScreen.open_case_file(name)`` until every widget of the new screen has handled its
  messages and the screen has been painted (``Screen.wait_for_refresh``). It includes reading and
  validating the 200-contact file and composing the case screen. Escape back is not timed.
* Move between steps (goal < 16 ms): in a started contact, ``show_step(i)`` alone ("call"), and
  until the frame that shows the step has been painted ("to frame"), which includes waiting for
  Textual's 60 fps update timer (up to 16.7 ms on its own).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import NamedTuple

from bench_store import load_generator  # the scripts' folder is on sys.path when run as a script

HERE = Path(__file__).resolve().parent

LAUNCH = r"""
import os, sys, time
from textual.widgets import DataTable
kind, folder = sys.argv[1], sys.argv[2]

class Probe:  # the same "rows on screen" detector for both apps
    announced = False
    def start_probe(self):
        self.set_interval(0.005, self.probe)
    def probe(self):
        failed = [w.error for w in self.workers if w.state.name == "ERROR"]
        if failed:  # e.g. the caseload worker: say so at once rather than never show rows
            os.write(1, f"FAILED {failed[0]!r}\n".encode())
            self.exit()
        tables = self.screen.query("#cases")
        if not self.announced and tables and tables.first(DataTable).row_count:
            self.announced = True
            self.screen.call_after_refresh(self.ready)
    def ready(self):
        # Peak memory so far, MB: VmHWM starts afresh at exec (ru_maxrss would carry over
        # the peak of the process that started this one).
        status = open("/proc/self/status").read()
        peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
        os.write(1, f"READY {time.process_time():.4f} {peak:.1f} {folder}\n".encode())
        self.set_interval(0.005, self.checked)
    def checked(self):
        # The caseload may show a first page from its cache before the folder is checked:
        # LISTED once the check is in (at once for the bare app), with the peak by then.
        if getattr(self.screen, "_listed", True):
            status = open("/proc/self/status").read()
            peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
            os.write(1, f"LISTED {peak:.1f}\n".encode())
            self.exit()

if kind == "baseline":
    from textual.app import App
    from textual.widgets import Footer, Header
    class Baseline(Probe, App):
        def compose(self):
            yield Header()
            yield DataTable(id="cases", cursor_type="row")
            yield Footer()
        def on_mount(self):
            table = self.query_one(DataTable)
            table.add_columns("Name", "Contact", "Last seen", "Next due")
            for i in range(6):
                table.add_row(f"Client {i}", "2 of 5", "2026-11-01", "in 3 days")
            self.start_probe()
    app = Baseline()
else:
    from pathlib import Path
    from sbcm_tui import cli  # what the sbcm command imports and does before the app
    cli.parse_arguments(["--demo"] if folder == "--demo" else ["--cases", folder])
    from sbcm_tui.tui import app as sbcm_app
    from sbcm_tui.files.store import CaseStore
    class Timed(Probe, sbcm_app.SbcmApp):
        CSS_PATH = str(Path(sbcm_app.__file__).with_name(sbcm_app.SbcmApp.CSS_PATH))
        def on_mount(self):  # (Textual calls SbcmApp.on_mount too: one handler per class)
            self.start_probe()
    if folder == "--demo":
        from sbcm_tui.files.demo import fresh_demo_copy
        folder = str(fresh_demo_copy())
    app = Timed(CaseStore(folder), demo=kind == "demo")
app.run(headless=True)
"""


def _demo_installed() -> bool:
    try:
        from sbcm_tui.files.demo import demo_files

        return bool(demo_files())
    except (ImportError, OSError):
        return False


_compiled = False
"""Whether this run has compiled the package (once, before the first launch)."""


class Launched(NamedTuple):
    wall: float
    """Seconds from Popen to the child's READY line (rows on screen, painted)."""
    cpu: float
    folder: str
    peak: float
    """Peak memory (MB) by READY."""
    listed_wall: float
    """Seconds from Popen until the caseload's listing was in (a first page from the cache
    can come before it): the same as ``wall`` for a bare app."""
    listed_peak: float


def compile_package() -> None:
    """Give sbcm's modules their bytecode before launching, as an installed app has it.

    ``pip install`` compiles a package's modules when it installs them, so a user's ``sbcm``
    and the bare app's Textual both start from bytecode. A checkout installed editable under
    ``PYTHONDONTWRITEBYTECODE`` (set on this machine) never writes it, and each launch compiled
    sbcm's ~90 modules again: about 55 ms of a start-up measured against a bare app that paid
    nothing of the kind."""
    import compileall
    import py_compile

    import sbcm_tui

    where = Path(sbcm_tui.__file__).parent
    timestamped = py_compile.PycInvalidationMode.TIMESTAMP  # (as pip does; not hash checks)
    if not compileall.compile_dir(where, quiet=1, invalidation_mode=timestamped):
        raise RuntimeError(f"could not compile {where}: the launches would compile it each time")


def launch(kind: str, folder: str) -> Launched:
    """One fresh interpreter running the app (or the bare one) until its rows are painted and
    its folder listed."""
    global _compiled
    if not _compiled:
        compile_package()
        _compiled = True
    started = time.perf_counter()
    args = [sys.executable, "-c", LAUNCH, kind, folder]
    child = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=-1)
    assert child.stdout is not None
    ready, _, _ = select.select([child.stdout], [], [], 300)
    line = child.stdout.readline().decode() if ready else ""
    elapsed = time.perf_counter() - started
    ready, _, _ = select.select([child.stdout], [], [], 300)
    listed = child.stdout.readline().decode() if ready else ""
    listed_wall = time.perf_counter() - started
    try:
        _, err = child.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        child.kill()
        _, err = child.communicate()
    if not line.startswith("READY"):
        raise RuntimeError(f"{kind} never showed its rows: {line}\n{err.decode()[-2000:]}")
    _, cpu, peak, used = line.split(maxsplit=3)
    listed_peak = float(listed.split()[1]) if listed.startswith("LISTED") else float("nan")
    return Launched(elapsed, float(cpu), used.strip(), float(peak), listed_wall, listed_peak)


def _ms(wall: Sequence[float], cpu: Sequence[float]) -> str:
    return f"{statistics.median(wall) * 1000:6.0f} ms ({statistics.median(cpu) * 1000:4.0f} cpu)"


def bench_startup(reps: int, large: Path | None) -> None:
    """Alternate baseline and sbcm launches; print medians and the ratio."""
    demo = _demo_installed()
    seed = Path(tempfile.mkdtemp(prefix="bench-app-"))
    if not demo:
        load_generator().generate(seed / "cases", 6, seed=7)
    runs: dict[str, list[tuple[float, float]]] = {"baseline": [], "sbcm": [], "warm": []}
    launch("baseline", "-")  # warm the disk cache, untimed
    try:
        # The everyday start: the same cases in a folder whose index is already built.
        from sbcm_tui.files.store import CaseStore

        everyday = launch("demo", "--demo" if demo else str(seed / "cases"))[2]
        CaseStore(everyday).caseload()
        for rep in range(reps):
            runs["baseline"].append(launch("baseline", "-")[:2])
            folder = "--demo" if demo else str(shutil.copytree(seed / "cases", seed / f"r{rep}"))
            wall, cpu, used, *_ = launch("demo", folder)
            runs["sbcm"].append((wall, cpu))
            shutil.rmtree(used, ignore_errors=True)
            runs["warm"].append(launch("cases", everyday)[:2])
    finally:
        shutil.rmtree(seed, ignore_errors=True)
    (base_wall, base_cpu), (wall, cpu), (warm_wall, warm_cpu) = (
        zip(*runs[k], strict=True) for k in runs
    )
    ratio = statistics.median(wall) / statistics.median(base_wall)
    cpu_ratio = statistics.median(cpu) / statistics.median(base_cpu)
    what = "fresh demo copy" if demo else "6 generated cases: no demo installed"
    print(f"Start-up to caseload rows on screen, median of {reps} fresh processes:")
    print(f"  bare Textual DataTable app  {_ms(base_wall, base_cpu)}")
    print(f"  sbcm --demo                 {_ms(wall, cpu)}  ({what})")
    verdict = "ok" if ratio <= 1.3 else "OVER the 1.3x goal"
    print(f"  ratio {ratio:.2f}x wall, {cpu_ratio:.2f}x cpu  ({verdict})")
    warm_ratio = statistics.median(warm_wall) / statistics.median(base_wall)
    print(f"  sbcm, same cases, warm index {_ms(warm_wall, warm_cpu)}  ratio {warm_ratio:.2f}x")
    if large is not None:
        from sbcm_tui.files.store import CaseStore

        CaseStore(large).caseload()  # warm the folder's index first, untimed
        timed = [launch("cases", str(large))[:2] for _ in range(max(3, reps // 2))]
        count = sum(1 for p in large.iterdir() if p.suffix in (".toml", ".json"))
        print(f"  caseload of {count:,} cases, warm {_ms(*zip(*timed, strict=True))}")


def case_with_contacts(count: int, today: date):
    """A realistic active long-term case with ``count`` contacts (plan reviews stay valid)."""
    from sbcm_tui.core.case import Case

    gen, rng = load_generator(), random.Random("bench-app")
    case = gen.make_case(rng, today)
    while len(case.contacts) < 3 or not case.goals:
        case = gen.make_case(rng, today)
    later = case.contacts[1:]  # these carry plan reviews of this case's objectives
    contacts = [case.contacts[0]] + [later[n % len(later)] for n in range(count - 1)]
    data = case.model_dump()
    data["contacts"] = [
        {**c.model_dump(), "number": n, "on": today - timedelta(days=7 * (count - n + 1))}
        for n, c in enumerate(contacts, start=1)
    ]
    data.update(status="active", protocol="long-term", disengagement=None)
    data["next_contact_on"] = today + timedelta(days=7)
    return Case.model_validate(data)


def _spread(label: str, wall: list[float], cpu: list[float], goal_ms: float) -> str:
    ms = sorted(s * 1000 for s in wall)
    p95 = ms[round(0.95 * (len(ms) - 1))]
    verdict = "ok" if statistics.median(ms) < goal_ms else f"OVER the {goal_ms:g} ms goal"
    return f"  {label:<22} {_ms(wall, cpu)}  p95 {p95:6.1f} ms  ({verdict})"


async def bench_case(contacts: int, opens: int, moves: int) -> None:
    """Open a big case several times, then start a contact and move between its steps."""
    from sbcm_tui.files.store import CaseStore
    from sbcm_tui.tui.app import SbcmApp
    from sbcm_tui.tui.screens.case import CaseScreen
    from sbcm_tui.tui.screens.contact import ContactScreen

    today, folder = date.today(), Path(tempfile.mkdtemp(prefix="bench-app-case-"))
    store = CaseStore(folder)
    opened = store.create(case_with_contacts(contacts, today))
    app = SbcmApp(store, today=today)
    timings: dict[str, tuple[list[float], list[float]]] = {}

    def note(key: str, wall: float, cpu: float) -> None:
        walls, cpus = timings.setdefault(key, ([], []))
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)

    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        caseload = app.screen
        for _ in range(opens + 1):  # the first open also imports modules: reported apart
            wall, cpu = time.perf_counter(), time.process_time()
            caseload.open_case_file(opened.path.name)  # type: ignore[attr-defined]
            await pilot._wait_for_screen()
            await app.screen.wait_for_refresh()
            note("open", wall, cpu)
            assert isinstance(app.screen, CaseScreen) and app.screen.is_mounted
            await pilot.press("escape")
            await app.workers.wait_for_complete()
            await pilot.pause()
        caseload.open_case_file(opened.path.name)  # type: ignore[attr-defined]
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        contact = app.screen
        assert isinstance(contact, ContactScreen) and contact.script is not None
        steps = len(contact.script.steps)
        for move in range(moves):  # forwards through the steps, then back, and again
            step = 1 if move % (2 * steps - 2 or 1) < steps - 1 else -1
            wall, cpu = time.perf_counter(), time.process_time()
            contact.show_step(contact.current_index + step)
            note("call", wall, cpu)
            await pilot._wait_for_screen()
            await contact.wait_for_refresh()
            note("frame", wall, cpu)
    size_kb = opened.path.stat().st_size // 1024
    shutil.rmtree(folder, ignore_errors=True)
    first_wall, first_cpu = (t.pop(0) for t in timings["open"])
    print(f"Case with {contacts} contacts ({size_kb} KB), run_test at 120x40:")
    print(_spread(f"open ({opens} opens)", *timings["open"], 100))
    print(f"    (first open, importing screens: {_ms([first_wall], [first_cpu]).strip()})")
    print(f"  moving between the {steps} steps of a contact, {moves} moves:")
    print(_spread("show_step call", *timings["call"], 16))
    print(_spread("to frame painted", *timings["frame"], 16))


def main(argv: list[str] | None = None) -> int:
    """Run every measurement and print the report."""
    parser = argparse.ArgumentParser(description="Measure sbcm's start-up and case screens.")
    parser.add_argument("--reps", type=int, default=7, help="launches of each app (default 7)")
    parser.add_argument("--large", type=Path, metavar="DIR", help="also list this folder")
    parser.add_argument("--contacts", type=int, default=200)
    parser.add_argument("--opens", type=int, default=9)
    parser.add_argument("--moves", type=int, default=50)
    args = parser.parse_args(argv)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{os.cpu_count()} cores, load average {load} (other work inflates wall times)")
    bench_startup(args.reps, args.large)
    asyncio.run(bench_case(args.contacts, args.opens, args.moves))
    return 0


if __name__ == "__main__":
    sys.exit(main())
