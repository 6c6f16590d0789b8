"""Consents: recorded, changed, withdrawn and deleted by keyboard alone, and found in the file.

The section lives on the case's Overview and at the foot of the engagement step; the app tests
drive both and assert on the case file saved to disk, not on the screen.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from textual.pilot import Pilot

from sbcm_tui.cli import main as sbcm
from sbcm_tui.core import casework
from sbcm_tui.core.case import (
    Case,
    Client,
    Consent,
    ConsentDecision,
    ConsentKind,
    Resource,
)
from sbcm_tui.files.casefile import CaseFormat, dump_case, read_case
from sbcm_tui.files.store import CaseStore
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.panes.consents import consent_options, consent_state, read_consent_form
from sbcm_tui.tui.screens.case import CaseScreen
from sbcm_tui.tui.screens.contact import ContactScreen
from tests.test_contact_flow import choose, focused_id, keys, tab_to, type_text

TODAY = date(2026, 12, 2)
SIZE = (80, 24)
NAME = "Sam [/x] [b]"
AWKWARD = "Only [b]times[/b], not health \\o/ 🙂"


# --- the rules, without a screen ----------------------------------------------------------------


def test_what_is_in_force_comes_first_and_reads_plainly() -> None:
    case = Case(
        client=Client(preferred_name=NAME),
        consents=[
            Consent(id="old", party="Old clinic", starts=date(2025, 1, 1), ends=date(2025, 6, 30)),
            Consent(id="no", party="Her brother", decision=ConsentDecision.REFUSED),
            Consent(id="soon", party="Housing", starts=TODAY + timedelta(days=3)),
            Consent(id="now", party="Clinic [x]", scope=AWKWARD, starts=TODAY),
        ],
    )
    assert [o.id for o in consent_options(case, TODAY)] == ["now", "soon", "old", "no"]
    assert consent_state(case.consents[3], TODAY) == ("✓", "given Wed 2 Dec 2026", 0)
    assert consent_state(case.consents[2], TODAY)[1] == "from Sat 5 Dec 2026"
    assert consent_state(case.consents[0], TODAY)[1] == "ended Mon 30 Jun 2025"
    assert consent_state(case.consents[1], TODAY)[1] == "refused"
    shown = consent_options(case, TODAY)[0].prompt
    assert "Clinic [x] · " + AWKWARD in str(shown)  # client text, never markup
    assert "sharing information" in str(shown)  # files from before kinds: sharing


def test_withdrawing_stops_sharing_from_that_day() -> None:
    consent = Consent(party="Clinic", starts=TODAY - timedelta(days=30))
    assert consent.in_force(TODAY)
    casework.withdraw_consent(consent, TODAY)
    assert consent.decision is ConsentDecision.REVOKED and consent.withdrawn_on == TODAY
    assert not consent.in_force(TODAY)
    assert consent_state(consent, TODAY)[1] == "withdrawn Wed 2 Dec 2026"
    # A withdrawal date alone (a hand edit) is enough to stop it too.
    edited = Consent(party="Clinic", withdrawn_on=TODAY)
    assert edited.in_force(TODAY - timedelta(days=1)) and not edited.in_force(TODAY)


def test_the_form_says_what_to_fix() -> None:
    blank = {
        "party": "",
        "kind": ConsentKind.CONTACT_BY_TEXT,
        "scope": "",
        "answer": ConsentDecision.GRANTED,
        "starts": TODAY,
        "ends": None,
        "note": "",
        "today": TODAY,
        "editing": None,
    }
    assert "who" in str(read_consent_form(**blank)).lower()
    backwards = blank | {"party": "Clinic", "ends": TODAY - timedelta(days=1)}
    assert "cannot end before" in str(read_consent_form(**backwards))
    made = read_consent_form(**blank | {"party": " Her mobile ", "scope": "  "})
    assert isinstance(made, Consent)
    assert (made.party, made.scope, made.kind) == ("Her mobile", None, ConsentKind.CONTACT_BY_TEXT)
    withdrawn = read_consent_form(**blank | {"party": "X", "answer": ConsentDecision.REVOKED})
    assert isinstance(withdrawn, Consent) and withdrawn.withdrawn_on == TODAY


def test_a_consent_without_the_new_fields_is_written_as_before() -> None:
    """Files written before kinds and withdrawal dates keep their bytes."""
    case = Case(client=Client(preferred_name=NAME), consents=[Consent(party="Clinic")])
    for fmt in CaseFormat:
        raw = dump_case(case, fmt).decode()
        assert "kind" not in raw and "withdrawn_on" not in raw


# --- in the app ---------------------------------------------------------------------------------


def new_case(folder: Path) -> Path:
    """A case with a resource (its name is offered while typing who a consent is for)."""
    case = Case(
        client=Client(preferred_name=NAME),
        resources=[Resource(name="Harbor Outpatient Program")],
    )
    return CaseStore(folder).create(case).path


def consents_on_disk(path: Path) -> list[Consent]:
    return read_case(path)[0].consents


async def fill_consent(pilot: Pilot, party: str, *, kind_downs: int = 0, **fields: str) -> None:
    """In the open form: who, the kind (downs in its menu), then any of scope, ends and note."""
    assert focused_id(pilot) == "consent-party"
    await type_text(pilot, party)
    await keys(pilot, "tab")
    if kind_downs:
        await choose(pilot, kind_downs)
    for field in ("scope", "ends", "note"):
        if field in fields:
            await tab_to(pilot, f"consent-{field}")
            await type_text(pilot, fields[field])


async def test_consents_on_the_overview(tmp_path: Path) -> None:
    path = new_case(tmp_path)
    app = SbcmApp(CaseStore(tmp_path), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await keys(pilot, "enter")
        assert isinstance(app.screen, CaseScreen)

        # a: sharing with an agency, until a date, with a note; Enter saves it.
        await tab_to(pilot, "consent-list")
        await keys(pilot, "a")
        await fill_consent(
            pilot, "Harbor [clinic]", scope=AWKWARD, ends="+6m", note="Signed 🙂 \\o/"
        )
        await keys(pilot, "enter")
        assert focused_id(pilot) == "consent-list"

        # The palette's entry opens the same form: texting, saved with ctrl+s.
        await keys(pilot, "ctrl+p")
        await type_text(pilot, "Add a consent")
        await keys(pilot, "enter")
        await fill_consent(pilot, "Her mobile", kind_downs=2)
        await keys(pilot, "ctrl+s")

        # Ending before it was given is refused with a word, and nothing is added.
        await keys(pilot, "a")
        await fill_consent(pilot, "Backwards", ends="2020-01-01")
        await keys(pilot, "enter")
        assert "cannot end before" in str(app.screen.query_one("#consent-check").render())
        await keys(pilot, "escape")
        assert focused_id(pilot) == "consent-list"

        await pilot.pause(1.3)  # the autosave
        saved = consents_on_disk(path)
        assert [(c.party, c.kind, c.decision) for c in saved] == [
            ("Harbor [clinic]", ConsentKind.SHARE_INFORMATION, ConsentDecision.GRANTED),
            ("Her mobile", ConsentKind.CONTACT_BY_TEXT, ConsentDecision.GRANTED),
        ]
        harbor, mobile = saved
        assert (harbor.scope, harbor.note) == (AWKWARD, "Signed 🙂 \\o/")
        assert (harbor.starts, harbor.ends) == (TODAY, date(2027, 6, 2))
        assert (mobile.starts, mobile.ends, mobile.scope) == (TODAY, None, None)

        # w withdraws the highlighted one (the last saved), after a y.
        await keys(pilot, "w", "y")
        # Enter edits: the highlight stays on the one withdrawn, now last in the list.
        await keys(pilot, "up", "enter")
        assert app.screen.query_one("#consent-party").value == "Harbor [clinic]"
        await tab_to(pilot, "consent-note")
        assert app.screen.query_one("#consent-note").value == "Signed 🙂 \\o/"  # kept on focus
        await keys(pilot, "home", "ctrl+k")  # replacing it is deliberate
        await type_text(pilot, "Copy given to her")
        await keys(pilot, "enter")
        # x deletes, after a y: a consent recorded by mistake.
        await keys(pilot, "a")
        await fill_consent(pilot, "Typo")
        await keys(pilot, "enter", "x", "y")
        await keys(pilot, "ctrl+q")

    harbor, mobile = consents_on_disk(path)
    assert (harbor.party, harbor.note, harbor.id) == (
        "Harbor [clinic]",
        "Copy given to her",
        saved[0].id,
    )
    assert (mobile.decision, mobile.withdrawn_on) == (ConsentDecision.REVOKED, TODAY)
    assert not mobile.in_force(TODAY)
    assert sbcm(["validate", str(path)]) == 0


async def test_a_consent_noted_during_engagement_keeps_the_contact(tmp_path: Path) -> None:
    path = new_case(tmp_path)
    app = SbcmApp(CaseStore(tmp_path), today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await keys(pilot, "enter", "c")
        assert isinstance(app.screen, ContactScreen)
        await tab_to(pilot, "consent-list")
        await keys(pilot, "a")
        await fill_consent(pilot, "Sessions, audio only", kind_downs=3, scope="For supervision")
        await keys(pilot, "enter", "f10")  # nothing else recorded: the contact still happened
        assert isinstance(app.screen, CaseScreen)

    case, _ = read_case(path)
    assert [(c.party, c.kind, c.scope) for c in case.consents] == [
        ("Sessions, audio only", ConsentKind.RECORDING, "For supervision")
    ]
    assert [c.number for c in case.contacts] == [1]


async def test_one_key_reaches_the_consents_from_any_tab_and_any_step(demo_app) -> None:
    """ctrl+r: on a case, the Overview's consent list, focused, from any tab; in a contact
    whose step has no consents (Marcus's fourth), the same section over the step, where one
    is recorded and Escape goes back to the contact, which keeps it."""
    from textual.widgets import TabbedContent

    from sbcm_tui.tui.modals.consents import ConsentsModal
    from tests.support import caseload_loaded, wait_for

    app = demo_app
    async with app.run_test(size=(80, 24)) as pilot:
        await caseload_loaded(pilot)
        app.screen.open_case_file("c-demo-marcus.toml")
        await wait_for(pilot, lambda: bool(app.screen.query("#fact-living_situation")))
        case_screen = app.screen
        case_screen.query_one(TabbedContent).active = "tab-strengths"
        await pilot.pause()
        await keys(pilot, "ctrl+r")
        assert case_screen.query_one(TabbedContent).active == "tab-overview"
        assert focused_id(pilot) == "consent-list"

        app.set_focus(None)  # off the list (its own keys), so c starts the contact
        await keys(pilot, "c")
        contact = app.screen
        assert isinstance(contact, ContactScreen) and contact.contact.number == 4
        before = len(contact.session.case.consents)
        await keys(pilot, "ctrl+r")
        assert isinstance(app.screen, ConsentsModal) and focused_id(pilot) == "consent-list"
        await keys(pilot, "a")
        await type_text(pilot, "Kiara's mother")
        await keys(pilot, "ctrl+s")
        assert [c.party for c in contact.session.case.consents][before:] == ["Kiara's mother"]
        await keys(pilot, "escape")
        assert app.screen is contact
