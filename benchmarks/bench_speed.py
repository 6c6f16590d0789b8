"""Issue 13's table in one run: each figure of the app beside the matching bare Textual app.

    python benchmarks/bench_speed.py              # about 4 minutes on 2 cores
    python benchmarks/bench_speed.py --quick      # fewer repetitions, for a first look

Why ratios: a wall time on a shared machine says as much about the neighbours as about the app;
the same bare app measured in the same run, launches and sessions alternating, carries the same
load, so the ratio is what the app adds. Every row prints its median and p95 over repetitions,
and the run starts with the core count and the load average.

What each row times (the bare app is built the way the matching screen is, minus the app):

* start-up, ``--demo`` / 10,000 / 50,000 warm: a fresh interpreter from ``Popen`` to the line
  it prints once the caseload table has rows and the screen was painted after them (see
  ``bench_app.LAUNCH``); the bare app is a DataTable of 6 rows. The 10k and 50k folders are
  made by ``generate.py`` (into ``--work``, once) and listed once untimed to warm their index.
* peak memory, 50,000: the start-up process's peak resident size when its rows are on screen.
* first listing of 10,000, index cold: the same launch after deleting the folder's index,
  against ``CaseStore(folder).caseload()`` alone in a fresh interpreter, also cold.
* keystroke to echo: in a contact step of a 200-contact case, one key sent through the driver
  until the text holds it and a frame was painted; typed in bursts of 20 keys with a pause longer
  than the autosave delay between them, so saves run while typing. Bare: a TextArea alone.
* step move: ``show_step`` until the new step is painted; bare: a ContentSwitcher of 5 panes of
  a heading, three prompts and three TextAreas each; the app's move also puts the cursor in
  the step's first field, so a second row compares it with a bare move that does the same. A
  third times both to the first frame that shows the step (the app's display call watched):
  the pilot's wait behind the first two posts a callback to every widget of the screen, which
  costs the contact screen (three times the bare's widgets) more, and nobody at the keyboard.
* open a 200-contact case: ``open_case_file`` until the case screen is painted; bare: pushing
  a screen of 61 widgets.
* back to a 10,000-case caseload: Escape from an open case until the caseload is painted and
  its relisting finished; bare: popping a screen back to a DataTable of 400 rows.
* save: ``CaseStore.save`` of a 14 KB and a ~1 MB case, and the part of it the UI thread runs
  (``begin_save``; the rest runs on the saver thread); bare: the same bytes written durably
  with nothing else (temporary file, fsync, rename, folder fsync), the disk's floor.
* warm listing per case at 1k, 10k, 50k: ``caseload()`` in a fresh interpreter, index warm,
  divided by the count, with that process's peak memory.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bench_app import case_with_contacts, launch  # the scripts' folder is on sys.path

HERE = Path(__file__).resolve().parent
SIZES = (1_000, 10_000, 50_000)
PARTS = ("launches", "cold", "sessions", "saves", "listing")


@dataclass
class Row:
    figure: str
    app: str
    anchor: str
    ratio: str
    goal: str


def p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[round(0.95 * (len(ordered) - 1))]


def ms(values: Sequence[float]) -> str:
    """Median and p95 of seconds, in milliseconds."""
    return f"{statistics.median(values) * 1000:.1f} ms (p95 {p95(values) * 1000:.1f})"


def ratio(app: Sequence[float], bare: Sequence[float], use: Callable = statistics.median) -> float:
    return use(app) / use(bare)


def verdict(value: float, goal: float) -> str:
    return f"<= {goal:g}{'' if value <= goal else '  OVER'}"


# --- folders ---------------------------------------------------------------------------------


def folder_of(work: Path, count: int) -> Path:
    """A generated folder of ``count`` cases (made once, kept in ``work``), its index warm."""
    folder = work / f"cases-{count}"
    if not folder.is_dir():
        print(f"  generating {count:,} cases into {folder} (once)...", flush=True)
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(folder), "-n", str(count)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    listing(folder)  # in a process of its own: this one stays the size of a bare run
    return folder


def forget_index(folder: Path) -> None:
    from sbcm_tui.files.caseindex import INDEX_NAME

    for stale in (folder / ".sbcm").glob(f"{INDEX_NAME}*"):
        stale.unlink()


LISTING = r"""
import sys, time
from sbcm_tui.files.store import CaseStore
store = CaseStore(sys.argv[1])
started = time.perf_counter()
caseload = store.caseload() if sys.argv[2] == "list" else None
elapsed = time.perf_counter() - started
peak = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024
print(elapsed, len(caseload.cases) if caseload else 0, peak)
"""


def listing(folder: Path, what: str = "list") -> tuple[float, int, float]:
    """Seconds to list the folder in a fresh interpreter, cases listed, peak MB."""
    out = subprocess.run(
        [sys.executable, "-c", LISTING, str(folder), what], check=True, capture_output=True
    ).stdout.split()
    return float(out[0]), int(out[1]), float(out[2])


# --- launches --------------------------------------------------------------------------------


def bench_launches(reps: int, work: Path, rows: list[Row]) -> None:
    ten, fifty = folder_of(work, 10_000), folder_of(work, 50_000)
    launch("baseline", "-")  # the disk cache, untimed
    keys = ("bare", "demo", "10k", "50k", "10k listed", "50k listed")
    runs: dict[str, list[float]] = {k: [] for k in keys}
    peaks: dict[str, list[float]] = {"bare": [], "50k": []}
    for _ in range(reps):
        bare = launch("baseline", "-")
        runs["bare"].append(bare.wall)
        peaks["bare"].append(bare.listed_peak)
        demo = launch("demo", "--demo")
        shutil.rmtree(demo.folder, ignore_errors=True)
        runs["demo"].append(demo.wall)
        for key, folder in (("10k", ten), ("50k", fifty)):
            run = launch("cases", str(folder))
            runs[key].append(run.wall)
            runs[f"{key} listed"].append(run.listed_wall)
        peaks["50k"].append(run.listed_peak)  # once all 50,000 are listed, not at first rows
    bare = ms(runs["bare"])
    for key, figure, goal in (
        ("demo", "`sbcm --demo` to caseload rows", 1.2),
        ("10k", "`--cases` 10,000, index warm, to rows", 1.4),
        ("50k", "`--cases` 50,000, warm", 2.0),
        ("10k listed", "10,000 warm, until every file is checked", 0),
        ("50k listed", "50,000 warm, until every file is checked", 0),
    ):
        r = ratio(runs[key], runs["bare"])
        judged = verdict(r, goal) if goal else "(first rows come from the cache before this)"
        rows.append(Row(figure, ms(runs[key]), f"bare DataTable app {bare}", f"{r:.2f}x", judged))
    peak, bare_peak = statistics.median(peaks["50k"]), statistics.median(peaks["bare"])
    rows.append(
        Row(
            "peak memory, 50,000 cases",
            f"{peak:.0f} MB",
            f"bare {bare_peak:.1f} MB",
            f"{peak / bare_peak:.1f}x",
            f"<= 150 MB{'' if peak <= 150 else '  OVER'}",
        )
    )


def read_through(folder: Path) -> None:
    """Read every file once, so that a cold-index run does not also meet a cold disk cache.

    This machine's page cache is emptied now and then from outside: the 10,000 files read in
    1.58 s once and 0.18 s straight after. Without this, whichever of the app and the listing
    ran first in a round paid the disk, and the app always ran first."""
    for path in folder.iterdir():
        if path.is_file():
            path.read_bytes()


def bench_cold(reps: int, work: Path, rows: list[Row]) -> None:
    ten = folder_of(work, 10_000)
    app, alone = [], []
    for _ in range(reps):
        forget_index(ten)
        read_through(ten)
        app.append(launch("cases", str(ten))[0])
        forget_index(ten)
        read_through(ten)
        alone.append(listing(ten)[0])
    r = ratio(app, alone)
    worst = max(app)
    rows.append(
        Row(
            "first listing of 10,000 in the app (index cold)",
            f"{statistics.median(app):.2f} s (worst {worst:.2f})",
            f"the listing alone {statistics.median(alone):.2f} s",
            f"{r:.2f}x",
            f"<= 3 s, progress shown{'' if worst <= 3 else '  OVER'}",
        )
    )
    folder_of(work, 10_000)  # the index warm again for the rows after


def bench_listing(work: Path, rows: list[Row]) -> None:
    base = listing(folder_of(work, SIZES[0]), "import")[2]
    cells = []
    for count in SIZES:
        folder = folder_of(work, count)
        runs = [listing(folder) for _ in range(3)]
        per_case = statistics.median(r[0] for r in runs) / count * 1e6
        cells.append(f"{count // 1000}k {per_case:.1f} us, {runs[0][2]:.0f} MB")
    rows.append(
        Row(
            "warm listing per case, peak memory",
            "; ".join(cells),
            f"the interpreter and imports {base:.0f} MB",
            "-",
            "linear",
        )
    )


# --- in-process sessions ---------------------------------------------------------------------


def _fresh(session) -> None:
    """Run one in-process session on a heap cleared of the ones before: a 200-contact case
    left behind made the next app's full collections (and so its figures) twice as slow."""
    import gc

    gc.collect()
    asyncio.run(session)


def _settings() -> None:
    import textual.constants

    textual.constants.TEXTUAL_ANIMATIONS = "none"  # type: ignore[attr-defined]


async def _painted(pilot) -> None:
    await pilot._wait_for_screen()
    await pilot.app.screen.wait_for_refresh()


class FirstFrame:
    """When the app first drew a frame that shows a widget, the app's display call watched.

    What someone at the keyboard sees: the step on screen. The pilot's own wait (``_painted``)
    ends once every widget of the screen has handled a callback it posts to each, a cost that
    grows with the widget count (a contact screen has three times the bare app's) and that
    nobody at the keyboard pays; both are reported."""

    def __init__(self, app) -> None:
        self.target = None
        self.shown_at = 0.0
        self.drawn = asyncio.Event()
        display = app._display

        def watched(screen, renderable) -> None:
            display(screen, renderable)
            if renderable is None or app._batch_count or self.target is None:
                return  # (nothing drawn: a batch holds its frames back)
            if self.drawn.is_set():
                return
            if self.target in screen._compositor.visible_widgets:
                self.shown_at = time.perf_counter()
                self.drawn.set()

        app._display = watched

    async def shown(self, widget, started: float) -> float:
        """Seconds from ``started`` to the first frame showing ``widget`` (set before the
        loop runs again: nothing is drawn in between). Waits on an event, not a poll, so the
        pilot's wait timed after it is not slowed."""
        self.target = widget
        self.drawn.clear()
        try:
            await asyncio.wait_for(self.drawn.wait(), 10)
        except TimeoutError:  # nothing new to show (a one-step script): not a figure
            raise RuntimeError("no frame showed the step within 10 s") from None
        finally:
            self.target = None
        return self.shown_at - started


def _text_of(widget) -> str:
    return widget.text if hasattr(widget, "text") else widget.value


async def _type(pilot, widget, keys: int, samples: list[float], pause: float) -> None:
    """``keys`` keystrokes in bursts of 20, each timed from the driver to the frame showing it."""
    from textual import events

    app = pilot.app
    for n in range(keys):
        before = _text_of(widget)
        character = "abcdefghij klmnopqrst"[n % 21]
        event = events.Key("space" if character == " " else character, character)
        event.set_sender(app)
        started = time.perf_counter()
        app._driver.send_message(event)
        while _text_of(widget) == before:
            await asyncio.sleep(0)
        await app.screen.wait_for_refresh()
        samples.append(time.perf_counter() - started)
        await asyncio.sleep(pause if n % 20 == 19 else 0.01)


async def bare_typing(keys: int, samples: list[float], pause: float) -> None:
    from textual.app import App
    from textual.widgets import Footer, Header, TextArea

    class Bare(App):
        def compose(self):
            yield Header()
            yield TextArea(id="field")
            yield Footer()

    app = Bare()
    async with app.run_test(size=(100, 30)) as pilot:
        field = app.query_one(TextArea)
        field.focus()
        await _painted(pilot)
        await _type(pilot, field, keys, samples, pause)


async def sbcm_contact(
    folder: Path,
    typing: tuple[int, list[float]] | None,
    moves: tuple[int, list[float], list[float]] | None,
) -> None:
    """Start a contact in the 200-contact case; type into its first field or move steps (timed
    to the pilot's wait, and to the first frame showing the step)."""
    from textual.widgets import ContentSwitcher

    from sbcm_tui.files.store import CaseStore
    from sbcm_tui.tui.app import SbcmApp
    from sbcm_tui.tui.saving import AUTOSAVE_DELAY
    from sbcm_tui.tui.screens.contact import ContactScreen

    store = CaseStore(folder)
    name = next(p.name for p in folder.iterdir() if p.suffix == ".toml")
    app = SbcmApp(store, today=date.today())
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await _painted(pilot)
        app.screen.open_case_file(name)
        await _painted(pilot)
        await pilot.press("c")
        await _painted(pilot)
        contact = app.screen
        assert isinstance(contact, ContactScreen) and contact.script is not None
        if typing is not None:
            field = app.focused
            assert hasattr(field, "text") or hasattr(field, "value"), field
            await _type(pilot, field, typing[0], typing[1], AUTOSAVE_DELAY + 0.2)
        if moves is not None:
            steps, frames = len(contact.script.steps), FirstFrame(app)
            cycle = 2 * steps - 2 or 1  # forward to the last step and back: each pane alike
            switcher = contact.query_one(ContentSwitcher)
            for move in range(moves[0]):
                step = 1 if move % cycle < steps - 1 else -1
                started = time.perf_counter()
                contact.show_step(contact.current_index + step)
                if move // cycle % 2:  # every other round of the steps to its first frame
                    moves[2].append(await frames.shown(switcher.visible_content, started))
                    await _painted(pilot)
                else:
                    await _painted(pilot)
                    moves[1].append(time.perf_counter() - started)
        await app.workers.wait_for_complete()


async def bare_moves(
    count: int, samples: list[float], *, focus: bool = False, first: list[float] | None = None
) -> None:
    """A bare step move: the switcher shows the next pane; with ``focus`` the cursor also goes
    to that pane's first field, as the app's step move does (a focus change restyles both
    TextAreas and redraws them: in Textual it costs as much as the switch itself)."""
    from textual.app import App
    from textual.containers import VerticalScroll
    from textual.widgets import ContentSwitcher, Footer, Header, OptionList, Static, TextArea

    class Bare(App):
        def compose(self):
            yield Header()
            yield OptionList(*[f"Step {n}" for n in range(5)])
            with ContentSwitcher(initial="p0"):
                for n in range(5):
                    with VerticalScroll(id=f"p{n}"):
                        yield Static(f"[b]Step {n}[/b]")
                        for k in range(3):
                            yield Static(f"A prompt for the case manager, number {k}.")
                            yield TextArea()
            yield Footer()

    app = Bare()
    async with app.run_test(size=(100, 30)) as pilot:
        await _painted(pilot)
        switcher, frames = app.query_one(ContentSwitcher), FirstFrame(app)
        for move in range(count):
            started = time.perf_counter()
            switcher.current = f"p{(move + 1) % 5}"
            if focus:
                switcher.query_one(f"#p{(move + 1) % 5} TextArea").focus()
            if first is not None and move // 5 % 2:  # as the app's: every other round
                first.append(await frames.shown(switcher.visible_content, started))
                await _painted(pilot)
            else:
                await _painted(pilot)
                samples.append(time.perf_counter() - started)


async def bare_push_pop(count: int, opened: list[float], back: list[float]) -> None:
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import DataTable, Footer, Header, Static

    class Big(Screen):
        BINDINGS = [("escape", "app.pop_screen")]

        def compose(self):
            yield Header()
            for n in range(59):
                yield Static(f"Widget {n}: a line of text the size of a fact row")
            yield Footer()

    class Bare(App):
        def compose(self):
            yield Header()
            yield DataTable(cursor_type="row")
            yield Footer()

        def on_mount(self):
            table = self.query_one(DataTable)
            table.add_columns("Name", "Contact", "Last seen", "Next due")
            for i in range(400):
                table.add_row(f"Client {i}", "2 of 5", "2026-11-01", "in 3 days")

    app = Bare()
    async with app.run_test(size=(100, 30)) as pilot:
        await _painted(pilot)
        for _ in range(count):
            started = time.perf_counter()
            app.push_screen(Big())
            await _painted(pilot)
            opened.append(time.perf_counter() - started)
            started = time.perf_counter()
            await pilot.press("escape")
            await _painted(pilot)
            back.append(time.perf_counter() - started)


async def sbcm_open(folder: Path, count: int, samples: list[float]) -> None:
    from sbcm_tui.files.store import CaseStore
    from sbcm_tui.tui.app import SbcmApp
    from sbcm_tui.tui.screens.case import CaseScreen

    name = next(p.name for p in folder.iterdir() if p.suffix == ".toml")
    app = SbcmApp(CaseStore(folder), today=date.today())
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await _painted(pilot)
        caseload = app.screen
        for n in range(count + 1):  # the first open imports the screens: not counted
            started = time.perf_counter()
            caseload.open_case_file(name)
            await _painted(pilot)
            if n:
                samples.append(time.perf_counter() - started)
            assert isinstance(app.screen, CaseScreen)
            await pilot.press("escape")
            await app.workers.wait_for_complete()
            await _painted(pilot)


async def sbcm_back(folder: Path, count: int, samples: list[float]) -> None:
    from sbcm_tui.files.store import CaseStore
    from sbcm_tui.tui.app import SbcmApp

    name = sorted(p.name for p in folder.iterdir() if p.suffix == ".toml")[0]
    app = SbcmApp(CaseStore(folder), today=date.today())
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await _painted(pilot)
        caseload = app.screen
        for _ in range(count):
            caseload.open_case_file(name)
            await _painted(pilot)
            await app.workers.wait_for_complete()
            started = time.perf_counter()
            await pilot.press("escape")
            await app.workers.wait_for_complete()
            await _painted(pilot)
            samples.append(time.perf_counter() - started)
            assert app.screen is caseload


def bench_sessions(reps: int, work: Path, rows: list[Row]) -> None:
    from sbcm_tui.files.store import CaseStore

    _settings()
    big = Path(tempfile.mkdtemp(prefix="bench-speed-", dir=work))
    CaseStore(big).create(case_with_contacts(200, date.today()))
    ten = folder_of(work, 10_000)
    s: dict[str, list[float]] = {
        k: []
        for k in (
            "bare keys",
            "keys",
            "bare moves",
            "bare moves focused",
            "moves",
            "bare first frame",
            "first frame",
            "bare open",
            "open",
            "bare back",
            "back",
        )
    }
    keys, moves = 40 if reps < 5 else 100, 30 if reps < 5 else 60
    try:
        for _ in range(max(2, reps // 2)):  # blocks alternate: the load lands on both
            _fresh(bare_typing(keys, s["bare keys"], 1.2))
            _fresh(sbcm_contact(big, (keys, s["keys"]), None))
            _fresh(bare_moves(moves, s["bare moves"]))
            _fresh(
                bare_moves(moves, s["bare moves focused"], focus=True, first=s["bare first frame"])
            )
            _fresh(sbcm_contact(big, None, (moves, s["moves"], s["first frame"])))
            _fresh(bare_push_pop(5, s["bare open"], s["bare back"]))
            _fresh(sbcm_open(big, 5, s["open"]))
            _fresh(sbcm_back(ten, 5, s["back"]))
    finally:
        shutil.rmtree(big, ignore_errors=True)

    def against(figure: str, key: str, bare: str, goal: str, use: Callable = statistics.median):
        r = ratio(s[key], s[f"bare {key}"], use)
        rows.append(Row(figure, ms(s[key]), f"{bare} {ms(s[f'bare {key}'])}", f"{r:.2f}x", goal))
        return r

    r = against(
        "keystroke to echo in a contact step, 200-contact case, p95",
        "keys",
        "bare TextArea",
        "",
        p95,
    )
    rows[-1].goal = verdict(r, 1.15)
    s["moves focused"] = s["moves"]  # the same moves, against a bare move that focuses too
    for figure, key, bare in (
        ("step move to new step on screen", "moves", "bare ContentSwitcher, 5 panes"),
        ("step move, cursor in the step's first field", "moves focused",
         "bare switch + focus its TextArea"),
        ("step move, to the first frame showing the step (cursor in its first field)",
         "first frame", "bare switch + focus, the same"),
    ):  # fmt: skip
        r = against(figure, key, bare, "")
        rows[-1].goal = verdict(r, 1.1)
    for figure, key, bare in (
        ("open a 200-contact case", "open", "bare screen of 61 widgets"),
        ("back from a case to a 10,000-case caseload", "back", "bare pop to 400 rows"),
    ):
        median = statistics.median(s[key]) * 1000
        against(figure, key, bare, f"<= 100 ms{'' if median <= 100 else '  OVER'}")


def bench_saves(reps: int, rows: list[Row]) -> None:
    import gc

    from sbcm_tui.files.casefile import CaseFormat, dump_case
    from sbcm_tui.files.store import CaseStore

    gc.collect()  # the garbage the sessions before left (what they keep is the app's heap too)

    today = date.today()
    for target, goal in ((14_000, 2.0), (1_000_000, 60.0)):
        contacts = 3
        while len(dump_case(case := case_with_contacts(contacts, today), CaseFormat.TOML)) < target:
            contacts = contacts * 2 if contacts < 64 else contacts + 40
        folder = Path(tempfile.mkdtemp(prefix="bench-save-"))
        try:
            store = CaseStore(folder)
            opened = store.create(case)
            total, ui = [], []
            for _ in range(20 if target > 100_000 else 100):
                started = time.perf_counter()
                pending = store.begin_save(opened)
                began = time.perf_counter()
                pending.write()
                written = time.perf_counter()
                store.finish_save(pending)
                ui.append(began - started + time.perf_counter() - written)
                total.append(time.perf_counter() - started)
            size = opened.path.stat().st_size / 1000
            bare = bare_saves(folder, opened.path.read_bytes(), len(total))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        median = statistics.median(total) * 1000
        label = f"{size:.0f} KB" if size < 1000 else f"{size / 1000:.1f} MB"
        rows.append(
            Row(
                f"save a {label} case",
                ms(total),
                f"on the UI thread {ms(ui)}; bare atomic write {ms(bare)}",
                f"{ratio(total, bare):.2f}x",
                f"<= {goal:g} ms, off the UI thread{'' if median <= goal else '  OVER'}",
            )
        )


def bare_saves(folder: Path, data: bytes, count: int) -> list[float]:
    """The floor of a durable save on this disk: the same bytes written to a temporary file,
    fsynced, renamed over the target and the folder fsynced (two of the app's four fsyncs: it
    also syncs the folder of kept versions and the audit log), with no check or history."""
    target, times = folder / "bare.toml", []
    for _ in range(count):
        started = time.perf_counter()
        temporary = folder / "bare.toml.tmp"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, target)
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        times.append(time.perf_counter() - started)
    return times


def print_table(rows: list[Row]) -> None:
    print("| figure | now | bare / anchor | ratio | goal |")
    print("|---|---|---|---|---|")
    for row in rows:
        print(f"| {row.figure} | {row.app} | {row.anchor} | {row.ratio} | {row.goal} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Issue 13's speed table, against bare apps.")
    parser.add_argument("--reps", type=int, default=7, help="launches of each app (default 7)")
    parser.add_argument("--quick", action="store_true", help="3 repetitions of each")
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(tempfile.gettempdir()) / "sbcm-bench",
        help="where the generated folders are kept between runs",
    )
    parser.add_argument("--only", nargs="+", choices=PARTS, help="some rows only (while tuning)")
    args = parser.parse_args(argv)
    reps = 3 if args.quick else args.reps
    args.work.mkdir(parents=True, exist_ok=True)
    start_load = os.getloadavg()
    started = time.perf_counter()
    rows: list[Row] = []
    print(f"{os.cpu_count()} cores, load average at start {start_load[0]:.2f}", flush=True)
    parts = {
        "launches": lambda: bench_launches(reps, args.work, rows),
        "cold": lambda: bench_cold(max(2, reps // 3), args.work, rows),
        "sessions": lambda: bench_sessions(reps, args.work, rows),
        "saves": lambda: bench_saves(reps, rows),
        "listing": lambda: bench_listing(args.work, rows),
    }
    for name in args.only or parts:
        parts[name]()
    end_load = os.getloadavg()
    print(
        f"\nload average (1 min) {start_load[0]:.2f} at start, {end_load[0]:.2f} at the end; "
        f"{time.perf_counter() - started:.0f} s\n"
    )
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
