"""Home: the caseload. Who is where in the protocol, and what needs attention first."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.events import Key, ScreenResume
from textual.markup import escape
from textual.widgets import DataTable, Input, ProgressBar, Static

from sbcm_tui.core.problems import CaseFileError
from sbcm_tui.files.caseindex import BrokenCase, Caseload
from sbcm_tui.files.protocols import contact_count
from sbcm_tui.files.summary import CaseSummary
from sbcm_tui.tui.messages import DemoRequested
from sbcm_tui.tui.screens.styled_once import StyledOnce
from sbcm_tui.tui.widgets.field import Field
from sbcm_tui.tui.widgets.fitted_table import FittedTable, TableColumn
from sbcm_tui.tui.widgets.keys_bar import KeysBar
from sbcm_tui.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from sbcm_tui.files.store import OpenCase
    from sbcm_tui.team.status import TeamStatus

FIRST_PAGE_ROWS = 80
"""Rows of the first page (more than any terminal shows at once): the other rows come with the
listing, after the first paint, so start-up does not build rows nobody sees yet."""
MAX_ROWS = 400
"""Rows drawn at once. Nobody scrolls ten thousand rows, and drawing them costs seconds: past
this many, the table shows the first ones and the title says to type a name to find the rest."""

COLUMNS = (
    # What needs attention first fits in 80 columns: name, safety, where the case stands (a
    # case no longer active says so here), what is late, the next meeting, what is due next;
    # last seen joins at 100 columns, referrals and status after.
    TableColumn("name", "Name", 16, grow=1, most=26),
    TableColumn("safety", "⚠", 1),
    TableColumn("contact", "Contact", 10),
    TableColumn("overdue", "Late", 4),
    TableColumn("meeting", "Meeting", 10),
    TableColumn("due", "Next due", 16, grow=3),
    TableColumn("last", "Last seen", 10, drop=2),
    TableColumn("referrals", "Referrals", 12, grow=1, most=24, drop=3),
    TableColumn("status", "Status", 10, drop=4),
)
TEAM_COLUMNS = (
    *COLUMNS[:6],
    # In a team folder the supervisor's question is whose case it is: the worker stays at
    # 100 columns, before when the case was last seen.
    TableColumn("worker", "Worker", 12, grow=1, most=20, drop=1),
    *COLUMNS[6:],
)

WELCOME = """\
No cases here yet.

  n   start a new case (a few facts are enough to begin)
  d   open the demo caseload (fictional clients, at every stage)

Case files are kept in:
  {folder}
"""


def _matches(summary: CaseSummary, needle: str) -> bool:
    """The filter: part of the name, or with ``@`` first, part of the worker's name."""
    if needle.startswith("@"):
        return needle[1:] in (summary.worker or "").casefold()
    return needle in summary.preferred_name.casefold()


def team_line(team: TeamStatus) -> str:
    """``team: reached 14:05 · 2 not shared (↑)``: for the title, counts and a time only."""
    if team.last_reached is None:
        reached = "not synced yet"
    else:
        reached = f"synced {datetime.fromtimestamp(team.last_reached):%d %b %H:%M}"
    cases = sum(name.lower().endswith((".toml", ".json")) for name in team.unshared)
    unshared = f" · {cases} not shared (↑)" if cases else ""
    if team.waiting:  # (the worker's own name, from the team's key list)
        return f"team: waiting for a member to admit {team.waiting} · F5 syncs"
    return f"team: {reached}{unshared} · F5 syncs"


def unshared_mark(team: TeamStatus | None, summary: CaseSummary) -> str:
    """``↑`` on a case with changes the team has not got; ``↑3d`` once one has waited at least
    three days (a laptop offline for days, or a sync that keeps failing, shows on the row)."""
    if team is None or summary.name not in team.unshared:
        return ""
    since = team.since.get(summary.name)
    days = int((time.time() - since) // 86_400) if since is not None else 0
    return f"↑{days}d" if days >= 1 else "↑"


def contact_label(summary: CaseSummary) -> str:
    """``3 of 5``: the last contact done, out of the protocol's count."""
    total = contact_count(summary.protocol)
    done = summary.last_contact_number
    if not total:
        return str(done)
    return f"{done} of {total}" if done <= total else f"{done} ongoing"


DUE_WORDS = {"objective": "objective", "strategy": "step", "task": "task"}
"""What each kind of due item is called in the Next due column (a strategy is a baby step)."""


def next_due_label(summary: CaseSummary, today: date) -> Text:
    """The earliest open item due, saying what it is (objective, baby step or task); nothing
    for a case no longer active, whose open items nobody is working on."""
    item = summary.next_due()
    if item is None or summary.status != "active":
        return Text("—", style="dim")
    style = "bold red" if item.due < today else ""
    what = DUE_WORDS.get(item.what, item.what)
    return Text.assemble((f"{what} {short_due(item.due, today)}", style), " · ", item.text)


def short_due(due: date, today: date) -> str:
    """When, in few cells (the column is narrow at 80): ``today``, ``in 3d``, ``9d late``."""
    days = (due - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {days}d" if days > 0 else f"{-days}d late"


def meeting_label(summary: CaseSummary, today: date) -> Text:
    """The next meeting set, as a short day (late in red); a dash when none is set."""
    day = summary.next_contact_date()
    if day is None or summary.status != "active":
        return Text("—", style="dim")
    return Text(f"{day:%a} {day.day} {day:%b}", style="bold red" if day < today else "")


def standing_label(summary: CaseSummary) -> Text:
    """Where the case stands: the contact reached, or, for a case no longer active, that."""
    if summary.status != "active":
        return Text(summary.status, style="italic")
    return Text(contact_label(summary))


PROGRESS_EVERY = 0.25
"""Seconds between two showings of a long listing's progress."""


class CaseloadScreen(StyledOnce):
    """The table of cases: type to filter, Enter to open, n for a new case."""

    BINDINGS = [
        Binding(  # ctrl+n: with cases listed, every letter is the start of a name to find
            "ctrl+n,n", "new_case", "New case", id="caseload.new", tooltip="Start a new case"
        ),
        Binding(  # off the keys bar: the filter says "Type to filter", and typing does
            "slash", "filter", "Filter", id="caseload.filter", tooltip="Filter by name", show=False
        ),
        Binding("escape", "clear_filter", "Clear", id="caseload.clear", show=False),
        Binding(  # off the keys bar so Privacy and Help fit at 80 columns; in help and palette
            "f5",
            "reload",
            "Reload",
            id="caseload.reload",
            tooltip="Read the folder again (in a team folder: sync with the team first)",
            show=False,
        ),
        Binding(
            "f4", "review", "Review", id="caseload.review", tooltip="Staffing review (read-only)"
        ),
        Binding("d", "open_demo", "Demo", id="caseload.demo", show=False),
        Binding(
            "f6",
            "dashboard",
            "Outcomes",
            id="caseload.dashboard",
            tooltip="Outcomes across the caseload",
        ),
        Binding(
            "f8",
            "practice",
            "Practice",
            id="caseload.practice",
            tooltip="Role-play scenarios, kept apart from this caseload",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._caseload = Caseload()
        self._hidden = 0
        self._practice_here = 0
        self._drawn: tuple[object, ...] = ()
        """What the rows shown were drawn from: the same again draws nothing."""
        self._team: TeamStatus | None = None
        """What the team folder says (None: not a team folder), as of the last listing."""
        self._listed = False
        """A listing has come back: until then no rows means "still reading", not "no cases"
        (the filter stays where the person is typing into it)."""

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="caseload"):
            yield Static("", id="caseload-title")
            team = self.app.team.on
            hint = "Type to filter by name (@ and a name: a worker's cases)…" if team else ""
            yield Field(placeholder=hint or "Type to filter by name…", id="filter")
            # (the progress bar of a long first listing is mounted when one starts)
            columns = TEAM_COLUMNS if team else COLUMNS
            yield FittedTable(columns, id="cases", cursor_type="row", zebra_stripes=True)
            yield Static("", id="welcome", markup=False)
        yield KeysBar()

    AUTO_FOCUS = "#cases"  # straight to the table: each move of focus restyles what it leaves

    def on_mount(self) -> None:
        self.query_one("#welcome").display = False
        self.query_one(FittedTable).focus()
        self.load()

    def on_screen_resume(self, _: ScreenResume) -> None:
        """Back from a case (or a modal): list again, as the case may have changed. Not on the
        first showing, which ``on_mount`` lists already: two listings at once each took the
        whole folder's time, and a cold one twice that."""
        if self.is_mounted and self._listed:
            self.load()

    # --- loading -------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="caseload", exit_on_error=False)
    def load(self) -> None:
        """Read the folder in a thread; a large first listing shows its progress."""

        shown = 0.0

        def progress(done: int, total: int) -> None:
            # A few times a second is progress enough: each showing redraws the screen, and
            # at every batch of files (40 times for 10,000) those redraws took a core's time
            # from the processes reading the files.
            nonlocal shown
            now = time.monotonic()
            if total >= 200 and (now - shown >= PROGRESS_EVERY or done == total):
                shown = now
                self.app.call_from_thread(self._show_progress, done, total)

        try:
            if not self._listed:
                self._show_first_page()
            caseload = self.app.store.caseload(progress)
            team = None
            if self.app.team.on:  # (the team's status module loads for team folders only)
                from sbcm_tui.team.status import team_status

                team = team_status(self.app.store.root)
        except OSError as exc:  # the folder itself cannot be listed: say so, keep what is shown
            self.app.call_from_thread(self._folder_unreadable, exc.strerror or type(exc).__name__)
            return
        self.app.call_from_thread(self._fill, caseload, team)

    def _show_first_page(self) -> None:
        """(In the listing's thread.) The first rows as the summary cache has them, on screen
        before the folder is checked: at 50,000 cases the check takes about a second, the
        first page milliseconds. The check starts once the page is painted, so the two do not
        share the processor while the first frame is drawn; anything the check finds changed
        is then redrawn, row by row."""
        page = self.app.store.first_page(FIRST_PAGE_ROWS)
        if page is None or not (page.cases or page.broken):
            return
        painted = threading.Event()
        self.app.call_from_thread(self._fill_page, page, painted)
        painted.wait(timeout=1.0)  # never longer: the listing matters more than the page

    def _fill_page(self, page: Caseload, painted: threading.Event) -> None:
        if self._listed:  # (a listing came back first: it is the truer one)
            painted.set()
            return
        self._caseload = page
        self._render_rows()
        self.call_after_refresh(painted.set)

    def _folder_unreadable(self, reason: str) -> None:
        self._hide_progress()
        self.query_one("#caseload-title", Static).update(
            f"Caseload · the folder cannot be read ({reason}); f5 tries again"
        )
        self.notify(
            f"{self.app.store.root}: cannot list the folder ({reason}).",
            title="Cannot read the caseload",
            severity="error",
            markup=False,
        )

    def _show_progress(self, done: int, total: int) -> None:
        """A long first listing's progress, under the filter. The bar is mounted only then:
        composed at every start, it and its three parts were a tenth of the caseload's first
        frame, for the few starts that need it."""
        found = self.query(ProgressBar)
        if found:
            bar = found.first()
        else:
            bar = ProgressBar(id="loading", show_eta=False)
            self.mount(bar, after="#filter")
        bar.display = True
        bar.update(total=total, progress=done)
        self.query_one("#caseload-title", Static).update(f"Reading {total:,} case files…")

    def _fill(self, caseload: Caseload, team: TeamStatus | None = None) -> None:
        # Practice cases live in their own folder; one copied here by hand is still not listed
        # among real people (the title says how many were left out).
        real = [s for s in caseload.cases if not s.practice]
        self._practice_here = len(caseload.cases) - len(real)
        if self._practice_here:
            caseload = Caseload(real, caseload.broken, caseload.parsed)
        self._caseload = caseload
        self._team = team
        self._listed = True
        self.query_one(TitleBar).show_title()  # the folder may be another one now (the demo)
        self._hide_progress()
        self._render_rows()

    def _hide_progress(self) -> None:
        for bar in self.query(ProgressBar):
            bar.display = False

    def _render_rows(self) -> None:
        needle = self.query_one("#filter", Input).value.strip().casefold()
        today = self.app.today
        broken = [b for b in self._caseload.broken if needle in b.name.casefold()]
        matching = [s for s in self._caseload.cases if _matches(s, needle)]
        room = max(MAX_ROWS - len(broken), 0)
        drawn = (today, matching[:room], broken, self._team)
        if drawn != self._drawn:  # back from a case where nothing changed: nothing to draw
            self._drawn = drawn
            rows = [
                (summary.name, self._row(summary, today, unshared_mark(self._team, summary)))
                for summary in matching[:room]
            ]
            rows += [(item.name, self._broken_row(item)) for item in broken]
            self.query_one(FittedTable).show_rows(rows)
        shown = min(len(matching), room) + len(broken)
        self._hidden = len(matching) - min(len(matching), room)
        self._update_title(shown)

    def _update_title(self, shown: int) -> None:
        total = len(self._caseload.cases)
        broken = len(self._caseload.broken)
        parts = [f"{total:,} case{'s' if total != 1 else ''}"]
        if self._hidden:
            parts.append(f"{shown:,} shown: type a name to find the others")
        elif shown != total + broken:
            parts.append(f"{shown} shown")
        if broken:
            parts.append(f"{broken} unreadable file{'s' if broken != 1 else ''} listed below")
        if self._practice_here:
            parts.append(f"{self._practice_here} practice case file(s) here not listed")
        if self._team is not None:
            parts.append(team_line(self._team))
        if not self._listed:
            parts = ["reading the folder…"]
            if self._caseload.partial:
                parts = [f"{self._caseload.first_of:,} cases", "checking for changes…"]
        self.query_one("#caseload-title", Static).update(Text("Caseload · " + " · ".join(parts)))
        empty = self._listed and total == 0 and broken == 0
        welcome = self.query_one("#welcome", Static)
        welcome.display = empty
        self.query_one(DataTable).display = not empty
        self.query_one("#filter").display = not empty
        if empty:
            welcome.update(WELCOME.format(folder=self.app.store.root))

    @staticmethod
    def _row(summary: CaseSummary, today: date, unshared: str = "") -> dict[str, Text | str]:
        overdue = summary.overdue(today)
        return {
            "name": Text.assemble(
                summary.preferred_name,
                (" · copy", "dim") if summary.copy_of else "",
                (f" {unshared}", "bold") if unshared else "",
                (f" ⇄{summary.inbox}", "bold yellow") if summary.inbox else "",
            ),
            "worker": Text(summary.worker or "—", style="" if summary.worker else "dim"),
            "safety": Text("⚠", style="bold red") if summary.safety_open else Text(""),
            "contact": standing_label(summary),
            "overdue": Text(str(overdue), style="bold red") if overdue else Text("0", style="dim"),
            "meeting": meeting_label(summary, today),
            "due": next_due_label(summary, today),
            "last": summary.last_contact_on or "—",
            "referrals": Text(
                summary.referral_line() or "—", style="" if summary.referrals else "dim"
            ),
            "status": Text(summary.status, style="" if summary.status == "active" else "dim"),
        }

    @staticmethod
    def _broken_row(broken: BrokenCase) -> dict[str, Text | str]:
        return {
            "name": Text(broken.name, style="bold red"),
            "safety": Text("⚠", style="bold red"),
            "contact": Text("unreadable", style="red"),
            "due": Text(broken.reason()),
            "status": Text(broken.kind, style="dim"),
        }

    # --- filtering -----------------------------------------------------------------------

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._render_rows()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            table.focus()
            self._open_row(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def on_key(self, event: Key) -> None:
        """Type to filter: whatever is typed on the table goes to the filter, every letter
        included (a name may start with any of them: new case is ``ctrl+n``; ``n`` and ``d``
        work only on an empty caseload, where there is nothing to find). The app holds the
        next key until the focus has moved (tui/key_order.py), so no letter is lost."""
        table = self.query_one(DataTable)
        filter_input = self.query_one("#filter", Input)
        if self.focused is filter_input and event.key == "down":
            table.focus()
            event.stop()
            return
        if self.focused is not table or not event.is_printable or event.character is None:
            return
        if not filter_input.display:  # an empty caseload: n and d are its keys
            return
        if event.character in "/ " or not event.character.isprintable():
            return
        filter_input.focus()
        filter_input.insert_text_at_cursor(event.character)
        event.stop()

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        filter_input = self.query_one("#filter", Input)
        filter_input.value = ""
        self.query_one(DataTable).focus()

    def action_reload(self) -> None:
        """Read the folder again; in a team folder, sync first (the sync lists it after)."""
        if self.app.team.on:
            self.app.team.sync()
        else:
            self.load()

    # --- opening and creating ------------------------------------------------------------

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self._open_row(event.row_key.value)

    def _open_row(self, name: str | None) -> None:
        if name is None:
            return
        broken = next((b for b in self._caseload.broken if b.name == name), None)
        if broken is not None:
            self._explain_broken(broken)
            return
        self.open_case_file(name)

    def open_case_file(self, name: str) -> None:
        """Open a case by file name, or say clearly why it cannot be opened."""
        from sbcm_tui.tui.screens.case import CaseScreen

        opened = self._read_case_file(name)
        if opened is None:
            return
        self.app.push_screen(CaseScreen(self.open_session(opened)))

    def _read_case_file(self, name: str) -> OpenCase | None:
        """Read a case by file name; None, with a message naming the file, when it cannot be."""
        try:
            return self.app.store.open(self.app.store.root / name)
        except CaseFileError as exc:
            self.notify("\n".join(exc.lines()), title="Cannot open", severity="error", markup=False)
            self.load()
            return None

    def action_practice(self) -> None:
        """Practice home: scenarios and practice cases (their own folder, never this one)."""
        from sbcm_tui.tui.screens.practice import PracticeScreen

        self.app.push_screen(PracticeScreen())

    def action_review(self) -> None:
        """The staffing review of the highlighted case: read only, so no session is opened."""
        from sbcm_tui.tui.screens.review import ReviewScreen

        table = self.query_one(DataTable)
        if not table.row_count:
            self.notify("No case to review yet.", markup=False)
            return
        name = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        broken = next((b for b in self._caseload.broken if b.name == name), None)
        if name is None or broken is not None:
            if broken is not None:
                self._explain_broken(broken)
            return
        opened = self._read_case_file(name)
        if opened is not None:
            self.app.push_screen(ReviewScreen(opened.case))

    def _explain_broken(self, broken: BrokenCase) -> None:
        path = self.app.store.root / broken.name
        lines = [f"{path}: {p.where}: {p.what}" for p in broken.problems]
        self.notify(
            "\n".join(lines) + "\nThe file is left as it is; fix it or move it away.",
            title="This file cannot be read as a case",
            severity="warning",
            timeout=12,
            markup=False,
        )

    def action_new_case(self) -> None:
        from sbcm_tui.tui.modals.new_case import NewCaseModal

        self.app.push_screen(
            NewCaseModal(self.app.default_protocol_name(), today=self.app.today),
            self._create_case,
        )

    def _create_case(self, case: object) -> None:
        from sbcm_tui.core.case import Case
        from sbcm_tui.tui.screens.case import CaseScreen

        if not isinstance(case, Case):
            return
        opened = self.app.store.create(case)
        self.app.push_screen(CaseScreen(self.open_session(opened)))

    def action_open_demo(self) -> None:
        if self._caseload.cases or self._caseload.broken:
            return
        self.post_message(DemoRequested(self))

    def action_dashboard(self) -> None:
        """Outcomes across the caseload, counted from the summaries already listed here."""
        from sbcm_tui.tui.screens.dashboard import DashboardScreen

        have = self._listed and (self._caseload.cases or self._caseload.broken)
        listed = self._caseload if have else None  # (a first page is not the whole caseload)
        needle = self.query_one("#filter", Input).value.strip()
        worker = needle[1:] if needle.startswith("@") else None  # a supervisor's "@sam"
        self.app.push_screen(DashboardScreen(listed, worker=worker))

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("New case", "Start a new case with a few facts", self.action_new_case)
        yield SystemCommand(
            "Outcomes dashboard", "Outcomes across the caseload", self.action_dashboard
        )
        yield SystemCommand("Open case", "Filter the caseload by name", self.action_filter)
        # One entry per listed case, so "open ana" in the palette finds her by name.
        for summary in (self._caseload.cases or [])[:MAX_ROWS]:
            yield SystemCommand(
                # The palette reads titles as markup: a name like "Sam [/x]" must be escaped.
                f"Open case: {escape(summary.preferred_name)}",
                f"Contact {contact_label(summary)}",
                partial(self.open_case_file, summary.name),
            )
        yield SystemCommand(
            "Review case", "Staffing review of the highlighted case", self.action_review
        )
        yield SystemCommand(
            "Practice a scenario", "Role-play, kept apart from this caseload", self.action_practice
        )
