"""Practice home: role-play scenarios, and the practice cases started from them.

Practice cases live in their own folder (the app's ``practice_store``), never in the caseload:
starting a scenario creates the case there, and its session saves there. A practice case is
practised solo (a scripted client answers typed lines) or with a partner who plays the client
from the scenario card, and it is removed with one confirmed key.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from sbcm_tui.core.problems import CaseFileError
from sbcm_tui.practice.cases import contact_to_carry_on, forget_scenarios
from sbcm_tui.tui.screens.base import SbcmScreen
from sbcm_tui.tui.widgets.keys_bar import KeysBar
from sbcm_tui.tui.widgets.scenario_card import PRACTICE_SUBTITLE
from sbcm_tui.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from sbcm_tui.core.case import Case
    from sbcm_tui.files.session import CaseSession
    from sbcm_tui.files.store import CaseStore
    from sbcm_tui.practice.scenario import Scenario


@dataclass(frozen=True)
class PracticeRow:
    """One practice case in the list, or a file in the practice folder that cannot be read."""

    name: str
    case: Case | None
    problem: str = ""


def practice_folder_problem(practice: Path, caseload: Path) -> str | None:
    """Why a practice folder cannot be used: it must never be (inside) the caseload folder."""
    practice, caseload = practice.resolve(), caseload.resolve()
    if practice == caseload or practice.is_relative_to(caseload):
        return (
            f"The practice folder {practice} is inside the caseload folder {caseload}. "
            "Practice cases are kept apart from real ones: set SBCM_PRACTICE_HOME to "
            "another folder."
        )
    return None


class PracticeScreen(SbcmScreen):
    """Scenarios to start, practice cases to carry on or remove. Escape goes back."""

    DEFAULT_CSS = """
    PracticeScreen #practice { height: 1fr; padding: 0 1; }
    PracticeScreen #practice-intro { color: $text-muted; margin-top: 1; height: auto; }
    PracticeScreen .section-title { text-style: bold; margin-top: 1; }
    PracticeScreen #scenarios { height: auto; max-height: 9; }
    PracticeScreen #scenario-detail { height: auto; color: $text-muted; padding: 0 1; }
    PracticeScreen #scenario-problems { height: auto; max-height: 6; }
    PracticeScreen #practice-cases { height: 1fr; }
    PracticeScreen #practice-empty { color: $text-muted; }
    """

    BINDINGS = [
        Binding(
            "s",
            "solo",
            "Solo",
            id="practice.solo",
            tooltip="Practise alone: type, a scripted client answers",
        ),
        Binding(
            "p",
            "partner",
            "With partner",
            id="practice.partner",
            tooltip="A partner plays the client from the scenario card",
        ),
        Binding(
            "f",
            "feedback",
            "Feedback",
            id="practice.feedback",
            tooltip="Feedback on the last practice contact of this case",
        ),
        Binding(
            "delete,x",
            "remove",
            "Remove",
            id="practice.remove",
            tooltip="Remove this practice case (asks first)",
        ),
        Binding("escape", "back", "Caseload", id="practice.back"),
        Binding("f5", "reload", "Reload", id="practice.reload", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sub_title = PRACTICE_SUBTITLE
        self.scenarios: list[Scenario] = []
        self.problems: list[CaseFileError] = []
        self.rows: list[PracticeRow] = []
        self._store: CaseStore | None = None
        self._resumed_before = False

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="practice"):
            yield Static("", id="practice-intro", markup=False)
            yield Static("Scenarios", classes="section-title")
            yield DataTable(id="scenarios", cursor_type="row", zebra_stripes=True)
            yield Static("", id="scenario-detail", markup=False)
            yield Static("", id="scenario-problems", classes="error", markup=False)
            yield Static("Your practice cases", classes="section-title")
            yield DataTable(id="practice-cases", cursor_type="row", zebra_stripes=True)
            yield Static("", id="practice-empty", classes="hint", markup=False)
        yield KeysBar()

    def on_mount(self) -> None:
        scenarios = self.query_one("#scenarios", DataTable)
        scenarios.add_column("Scenario", key="title", width=40)
        scenarios.add_column("Stage of change", key="stage")
        cases = self.query_one("#practice-cases", DataTable)
        cases.add_column("Client", key="client", width=16)
        cases.add_column("Scenario", key="scenario", width=30)
        cases.add_column("Contacts", key="contacts")
        cases.add_column("Last", key="last")
        cases.add_column("Lines said", key="lines")
        self.call_after_refresh(self._note_first_resume)
        scenarios.focus()
        self._open_store()
        self.load()

    def _note_first_resume(self) -> None:
        self._resumed_before = True

    def on_screen_resume(self) -> None:
        if self._resumed_before:
            self.load()

    def _open_store(self) -> None:
        intro = self.query_one("#practice-intro", Static)
        try:
            store = self.app.practice_store
        except OSError as exc:
            intro.update(f"The practice folder cannot be opened: {exc.strerror or exc}.")
            return
        problem = practice_folder_problem(store.root, self.app.store.root)
        if problem is not None:
            intro.update(problem)
            return
        self._store = store
        intro.update(
            "Role-play with fictional clients. Practice cases are kept in "
            f"{store.root}, never in your caseload."
        )

    # --- loading -------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="practice", exit_on_error=False)
    def load(self) -> None:
        """Read the scenario library and the practice folder in a thread."""
        from sbcm_tui.practice.scenario import scenario_library

        forget_scenarios()
        scenarios, problems = scenario_library()
        rows = self._read_practice_cases()
        self.app.call_from_thread(self._fill, scenarios, problems, rows)

    def _read_practice_cases(self) -> list[PracticeRow]:
        store = self._store
        if store is None:
            return []
        listing = store.caseload()
        rows = []
        for summary in listing.cases:
            try:
                rows.append(PracticeRow(summary.name, store.open(store.root / summary.name).case))
            except CaseFileError as exc:
                rows.append(PracticeRow(summary.name, None, "; ".join(exc.lines())))
        for broken in listing.broken:
            rows.append(PracticeRow(broken.name, None, broken.reason()))
        return rows

    def _fill(
        self, scenarios: list[Scenario], problems: list[CaseFileError], rows: list[PracticeRow]
    ) -> None:
        self.scenarios, self.problems, self.rows = scenarios, problems, rows
        table = self.query_one("#scenarios", DataTable)
        table.clear()
        for scenario in scenarios:
            table.add_row(Text(scenario.title), scenario.stage_of_change.value, key=scenario.id)
        self._show_summary()
        lines = [line for problem in problems for line in problem.lines()]
        shown = self.query_one("#scenario-problems", Static)
        shown.update("Not loaded: " + "\n".join(lines) if lines else "")
        shown.display = bool(lines)
        self._fill_cases()

    def _fill_cases(self) -> None:
        titles = {s.id: s.title for s in self.scenarios}
        table = self.query_one("#practice-cases", DataTable)
        table.clear()
        for row in self.rows:
            if row.case is None:
                table.add_row(
                    Text(row.name, style="bold red"),
                    Text(row.problem, style="red"),
                    "",
                    "",
                    "",
                    key=row.name,
                )
                continue
            case = row.case
            last = case.last_contact()
            said = sum(
                1 for c in case.contacts for line in c.practice_lines if line.speaker == "worker"
            )
            table.add_row(
                Text(case.client.preferred_name),
                Text(titles.get(case.scenario or "", case.scenario or "—")),
                str(len(case.contacts)),
                last.on.isoformat() if last else "—",
                str(said),
                key=row.name,
            )
        empty = self.query_one("#practice-empty", Static)
        empty.display = not self.rows
        table.display = bool(self.rows)
        if not self.rows:
            empty.update(
                "None yet. Choose a scenario above: s to practise alone, p with a partner."
            )

    # --- what is highlighted ---------------------------------------------------------------

    def _highlighted(self, table_id: str) -> str | None:
        table = self.query_one(table_id, DataTable)
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def _chosen_scenario(self) -> Scenario | None:
        key = self._highlighted("#scenarios")
        return next((s for s in self.scenarios if s.id == key), None)

    def _chosen_row(self) -> PracticeRow | None:
        key = self._highlighted("#practice-cases")
        return next((r for r in self.rows if r.name == key), None)

    def _on_cases(self) -> bool:
        return self.focused is self.query_one("#practice-cases")

    # --- actions -------------------------------------------------------------------------

    def action_solo(self) -> None:
        self._start_or_continue(solo=True)

    def action_partner(self) -> None:
        self._start_or_continue(solo=False)

    def _start_or_continue(self, *, solo: bool) -> None:
        if self._store is None:
            self.notify("The practice folder is not available (see the top line).", markup=False)
            return
        if self._on_cases():
            row = self._chosen_row()
            if row is not None:
                self.continue_case(row, solo=solo)
            return
        scenario = self._chosen_scenario()
        if scenario is None:
            self.notify("No scenario to start: the library is empty.", markup=False)
            return
        self.start_scenario(scenario, solo=solo)

    def start_scenario(self, scenario: Scenario, *, solo: bool) -> None:
        """A new practice case for the scenario, in the practice folder, opened at once."""
        from sbcm_tui.files.store import SaveFailed
        from sbcm_tui.practice.scenario import practice_case

        assert self._store is not None
        try:
            opened = self._store.create(practice_case(scenario, self.app.today))
        except (SaveFailed, CaseFileError) as exc:
            self.notify(str(exc), title="Not started", severity="error", markup=False)
            return
        session = self.open_session(opened, store=self._store)
        self._open(session, solo=solo, carry_on=False)

    def continue_case(self, row: PracticeRow, *, solo: bool) -> None:
        """Carry on with a practice case: its open contact, or the next one."""
        session = self._session_for(row)
        if session is None:
            return
        if session.case.status.value != "active":
            self.notify(
                "This practice case went through every contact. Start the scenario again "
                "for a new one.",
                markup=False,
            )
            self._push_case_screen(session)
            return
        self._open(session, solo=solo, carry_on=True)

    def _session_for(self, row: PracticeRow) -> CaseSession | None:
        assert self._store is not None
        if row.case is None:
            self.notify(row.problem, title="Cannot open", severity="error", markup=False)
            return None
        try:
            opened = self._store.open(self._store.root / row.name)
        except CaseFileError as exc:
            self.notify("\n".join(exc.lines()), title="Cannot open", severity="error", markup=False)
            self.load()
            return None
        return self.open_session(opened, store=self._store)

    def _push_case_screen(self, session: CaseSession) -> None:
        from sbcm_tui.tui.screens.case import CaseScreen

        screen = CaseScreen(session)
        screen.sub_title = PRACTICE_SUBTITLE
        self.app.push_screen(screen)

    def _open(self, session: CaseSession, *, solo: bool, carry_on: bool) -> None:
        """The practice case's screen, and on top of it the talk (solo) or the guided contact."""
        from sbcm_tui.tui.screens.practice_contact import PracticeContactScreen
        from sbcm_tui.tui.screens.practice_talk import PracticeTalkScreen

        self._push_case_screen(session)
        protocol = self.app.protocol_for(session.case)
        contact = contact_to_carry_on(session.case) if carry_on else None
        if solo:
            self.app.push_screen(PracticeTalkScreen(session, protocol, contact))
        else:
            self.app.push_screen(PracticeContactScreen(session, protocol, contact))

    @on(DataTable.RowHighlighted, "#scenarios")
    def _show_summary(self) -> None:
        """The highlighted scenario in a line: who, and what is going on."""
        scenario = self._chosen_scenario()
        self.query_one("#scenario-detail", Static).update(scenario.summary if scenario else "")

    @on(DataTable.RowSelected, "#scenarios")
    def _scenario_chosen(self) -> None:
        self.action_solo()

    @on(DataTable.RowSelected, "#practice-cases")
    def _case_chosen(self) -> None:
        row = self._chosen_row()
        session = self._session_for(row) if row is not None else None
        if session is not None:
            self._push_case_screen(session)

    def action_feedback(self) -> None:
        """The feedback on the highlighted practice case's last ended contact."""
        from sbcm_tui.tui.screens.feedback import FeedbackScreen

        row = self._chosen_row()
        if row is None or row.case is None:
            self.notify("Highlight a practice case first (Tab moves to the list).", markup=False)
            return
        ended = [c for c in row.case.contacts if c.minutes is not None or c.practice_lines]
        if not ended:
            self.notify("This practice case has no contact to give feedback on yet.", markup=False)
            return
        session = self._session_for(row)
        if session is not None:
            last = max(ended, key=lambda c: c.number)
            self.app.push_screen(FeedbackScreen(session, last.number, closes_session=True))

    def action_remove(self) -> None:
        """Remove the highlighted practice case, after a confirming ``y``."""
        from sbcm_tui.tui.modals.confirm import ConfirmModal

        row = self._chosen_row()  # whichever list has the focus: the question names the case
        if row is None or self._store is None:
            self.notify("There is no practice case to remove.", markup=False)
            return
        who = row.case.client.preferred_name if row.case is not None else row.name
        self.app.push_screen(
            ConfirmModal(
                "Remove this practice case?",
                f"{who} ({row.name}): its transcript, codes and feedback go too.",
            ),
            lambda yes: self._remove(row) if yes else None,
        )

    def _remove(self, row: PracticeRow) -> None:
        assert self._store is not None
        try:
            self._store.delete(self._store.root / row.name)
        except OSError as exc:
            self.notify(f"Not removed: {exc.strerror or exc}", severity="error", markup=False)
            return
        self.notify("Practice case removed.", markup=False)
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_reload(self) -> None:
        self.load()

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Practise solo", "Type; a scripted client answers", self.action_solo)
        yield SystemCommand(
            "Practise with a partner",
            "A partner plays the client from the card",
            self.action_partner,
        )
        yield SystemCommand(
            "Practice feedback", "Feedback on the highlighted practice case", self.action_feedback
        )
        yield SystemCommand(
            "Remove practice case", "Remove the highlighted practice case", self.action_remove
        )
        yield SystemCommand("Back to the caseload", "Leave practice", self.action_back)
