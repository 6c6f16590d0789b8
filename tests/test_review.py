"""The staffing review as data: what each section holds, in what order, and what is overdue."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import re
import signal
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from sbcm_tui.core.case import (
    Barrier,
    Case,
    Client,
    Contact,
    Goal,
    NonStrength,
    NonStrengthKind,
    Objective,
    ObjectiveStatus,
    Referral,
    ReferralStatus,
    ReferralStep,
    Resource,
    Strategy,
    Strength,
    StrengthKind,
    Task,
    TaskOwner,
)
from sbcm_tui.files.casefile import read_case
from sbcm_tui.files.demo import DEMO_ANCHOR, demo_files
from sbcm_tui.insight.review import SECTION_TITLES, StaffingReview, build_review
from sbcm_tui.tui.screens.review_sections import Palette, SectionWriter
from tests.strategies import cases

TODAY = date(2026, 12, 2)
DEMO = {path.stem: path for path in demo_files()}


def demo_review(stem: str) -> StaffingReview:
    case, _raw = read_case(DEMO[stem])
    return build_review(case, DEMO_ANCHOR)


def plan_case() -> Case:
    """A hand-built case with something on time, something late and something done."""
    late = TODAY - timedelta(days=3)
    soon = TODAY + timedelta(days=5)
    return Case(
        client=Client(
            preferred_name="Lee",
            birth_date=date(1990, 12, 3),
            age=50,
            living_situation="Sofa at a friend's",
            medical_conditions=["Diabetes"],
        ),
        strengths=[
            Strength(domain="leisure", words="Plays chess", kind=StrengthKind.CURRENT),
            Strength(domain="agency_own", words="Knows every bus route"),
            Strength(domain="daily_living", words="Wants to cook again", kind=StrengthKind.DESIRED),
            Strength(domain="leisure", words="Ran a chess club", kind=StrengthKind.PAST),
        ],
        non_strengths=[
            NonStrength(
                kind=NonStrengthKind.INTRINSIC_LIMITATION, note="Reads slowly", noted_on=late
            ),
            NonStrength(
                kind=NonStrengthKind.INTRINSIC_LIMITATION, note="Old one", noted_on=late, open=False
            ),
            NonStrength(
                kind=NonStrengthKind.SUICIDAL, note="Said it crossed his mind", noted_on=late
            ),
            NonStrength(kind=NonStrengthKind.PHYSICAL_HEALTH, note="Foot ulcer", noted_on=late),
            NonStrength(kind=NonStrengthKind.OTHER, note="Court date in March", noted_on=late),
        ],
        goals=[
            Goal(
                id="g1",
                words="A place of my own",
                domain="daily_living",
                objectives=[
                    Objective(
                        id="o-late",
                        text="Apply for housing",
                        measure="Form sent",
                        target_date=late,
                        gas_level=-1,
                        strategies=[
                            Strategy(step="Get ID", who="Lee", target_date=late),
                            Strategy(step="Find form", target_date=late, done=True, done_on=late),
                            Strategy(step="Ask a friend", target_date=soon),
                        ],
                    ),
                    Objective(
                        id="o-done",
                        text="Open a bank account",
                        target_date=late,
                        status=ObjectiveStatus.ACHIEVED,
                        strategies=[Strategy(step="Bring ID", target_date=late)],
                    ),
                ],
            )
        ],
        barriers=[
            Barrier(text="No phone"),
            Barrier(text="No ID", objective_id="o-late"),
            Barrier(text="Was solved", objective_id="o-late", resolved=True),
        ],
        resources=[Resource(id="r1", name="Housing office"), Resource(id="r2", name="Bank")],
        referrals=[
            Referral(
                resource_id="r1",
                objective_id="o-late",
                history=[
                    ReferralStep(status=ReferralStatus.SUGGESTED, on=TODAY - timedelta(days=20)),
                    ReferralStep(status=ReferralStatus.REFERRED, on=TODAY - timedelta(days=10)),
                ],
            ),
            Referral(
                resource_id="r2",
                history=[
                    ReferralStep(status=ReferralStatus.REFERRED, on=TODAY - timedelta(days=30)),
                    ReferralStep(status=ReferralStatus.LINKED, on=TODAY - timedelta(days=26)),
                    ReferralStep(status=ReferralStatus.RETAINED, on=TODAY - timedelta(days=2)),
                ],
            ),
        ],
        tasks=[
            Task(text="No date"),
            Task(text="Later", due=soon, owner=TaskOwner.CLIENT),
            Task(text="Late", due=late),
            Task(text="Done already", due=late, done=True),
        ],
        contacts=[
            Contact(number=1, on=TODAY - timedelta(days=14), summary="First"),
            Contact(number=2, on=TODAY - timedelta(days=7), summary="Second", carried_over="ID"),
        ],
    )


def test_few_facts_come_from_the_client_and_age_from_the_birth_date() -> None:
    facts = build_review(plan_case(), TODAY).facts
    assert facts.name == "Lee"
    assert facts.age == 35  # the birthday is tomorrow: the birth date wins over the age field
    assert facts.living_situation == "Sofa at a friend's"
    assert facts.medical_conditions == ("Diabetes",)
    assert facts.health_notes == ("Foot ulcer",)


def test_strengths_follow_the_banks_domain_order_and_keep_the_clients_order() -> None:
    groups = build_review(plan_case(), TODAY).strengths
    assert [g.domain for g in groups] == ["daily_living", "leisure", "agency_own"]
    assert groups[0].title == "Daily living"
    assert groups[2].title  # an unknown domain still gets a readable title
    leisure = groups[1].strengths
    assert [(s.words, s.kind) for s in leisure] == [
        ("Plays chess", StrengthKind.CURRENT),
        ("Ran a chess club", StrengthKind.PAST),
    ]


def test_overdue_is_judged_against_the_day_given() -> None:
    review = build_review(plan_case(), TODAY)
    late, done = review.goals[0].objectives
    assert late.overdue and not done.overdue and not done.is_open
    assert late.gas_level == -1
    assert [s.overdue for s in late.strategies] == [True, False, False]
    assert [s.overdue for s in done.strategies] == [False]  # its objective is achieved
    assert review.overdue_count == 1 + 1 + 1
    assert build_review(plan_case(), TODAY - timedelta(days=30)).overdue_count == 0


def test_tasks_list_only_undone_ones_earliest_first() -> None:
    tasks = build_review(plan_case(), TODAY).tasks
    assert [(t.text, t.overdue) for t in tasks] == [
        ("Late", True),
        ("Later", False),
        ("No date", False),
    ]
    assert tasks[1].owner is TaskOwner.CLIENT


def test_barriers_name_what_they_block_and_general_ones_come_last() -> None:
    barriers = build_review(plan_case(), TODAY).barriers
    assert [(b.text, b.objective) for b in barriers] == [
        ("No ID", "Apply for housing"),
        ("No phone", None),
    ]


def test_non_strengths_are_split_into_limitations_safety_and_other() -> None:
    review = build_review(plan_case(), TODAY)
    assert [n.note for n in review.limitations] == ["Reads slowly"]
    assert [n.note for n in review.safety_concerns] == ["Said it crossed his mind"]
    assert [n.note for n in review.other_notes] == ["Court date in March"]


def test_referrals_count_days_to_linkage_or_days_waiting() -> None:
    linked_one, waiting_one = build_review(plan_case(), TODAY).referrals
    assert linked_one.resource == "Bank"
    assert linked_one.status is ReferralStatus.RETAINED
    assert (linked_one.days_to_linkage, linked_one.days_waiting) == (4, None)
    assert waiting_one.objective == "Apply for housing"
    assert waiting_one.referred_on == TODAY - timedelta(days=10)
    assert (waiting_one.days_to_linkage, waiting_one.days_waiting) == (None, 10)


def test_referrals_are_listed_by_the_day_they_were_made() -> None:
    referrals = build_review(plan_case(), TODAY).referrals
    assert [r.resource for r in referrals] == ["Bank", "Housing office"]


def test_the_last_contact_is_the_highest_number() -> None:
    last = build_review(plan_case(), TODAY).last_contact
    assert last is not None
    assert (last.number, last.summary, last.carried_over) == (2, "Second", "ID")


def test_an_empty_case_has_an_empty_review_not_an_error() -> None:
    review = build_review(Case(client=Client(preferred_name="New")), TODAY)
    assert review.facts.age is None
    assert review.strengths == review.goals == review.tasks == review.referrals == ()
    assert review.last_contact is None
    assert review.overdue_count == 0


def test_the_review_is_frozen_plain_data() -> None:
    review = build_review(plan_case(), TODAY)
    with pytest.raises(dataclasses.FrozenInstanceError):
        review.case_id = "x"  # type: ignore[misc]
    assert dataclasses.asdict(review)["facts"]["name"] == "Lee"


def test_section_titles_are_in_staffing_order() -> None:
    keys = [key for key, _ in SECTION_TITLES]
    assert keys[:5] == ["facts", "strengths", "goals", "barriers", "limitations"]
    assert keys[-1] == "last_contact"


@pytest.mark.parametrize("stem", sorted(DEMO))
def test_every_demo_case_has_a_review(stem: str) -> None:
    review = demo_review(stem)
    assert review.facts.name
    assert review.last_contact is not None
    for referral in review.referrals:
        linked = referral.status in (ReferralStatus.LINKED, ReferralStatus.RETAINED)
        assert (referral.days_to_linkage is not None) == linked
        assert referral.days_waiting is None or referral.days_waiting >= 0


def test_sams_words_reach_the_review_exactly_as_written() -> None:
    review = demo_review("c-demo-sam")
    assert review.facts.name == "Sam [/x] [b]"
    assert review.facts.age == 24
    assert "[no lift]" in (review.facts.living_situation or "")
    words = [s.words for g in review.strengths for s in g.strengths]
    assert any("[bold]Photoshop[/bold]" in w for w in words)
    assert review.goals[0].words.startswith("[b]Get the print-shop job[/b]")
    assert [b.objective for b in review.barriers] == [
        "Send CV + portfolio to Inkwell Print [Main St].",
        "Ask Inkwell for a trial day.",
    ]
    assert [n.kind for n in review.limitations] == [NonStrengthKind.INTRINSIC_LIMITATION]
    (referral,) = review.referrals
    assert referral.status is ReferralStatus.REFERRED
    assert referral.days_waiting == (DEMO_ANCHOR - date(2026, 11, 15)).days
    assert [t.text[:4] for t in review.tasks] == ["Book", "Prin"]
    assert review.last_contact is not None and review.last_contact.number == 2


def test_marcus_has_an_open_safety_concern_and_overdue_work() -> None:
    review = demo_review("c-demo-marcus")
    assert review.safety_concerns
    assert review.overdue_count > 0


def test_demo_files_are_only_read() -> None:
    before = {p: p.read_bytes() for p in DEMO.values()}
    for stem in DEMO:
        demo_review(stem)
    assert {p: p.read_bytes() for p in DEMO.values()} == before


SECONDS_TO_DRAW = 30


@contextlib.contextmanager
def _at_most(seconds: int):  # type: ignore[no-untyped-def]
    """Fail (with Hypothesis's example) instead of hanging the suite, where SIGALRM exists."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def too_long(*_: object) -> None:
        raise AssertionError(f"drawing the review took over {seconds} s")

    previous = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases(), today=st.dates())
def test_any_valid_case_has_a_review_and_its_sections_draw(case: Case, today: date) -> None:
    """Whatever a valid file holds, the review builds and every section draws without error."""
    review = build_review(case, today)
    writer = SectionWriter(review, Palette.from_theme({}))
    console = Console(width=80, file=io.StringIO())
    with _at_most(SECONDS_TO_DRAW):  # one run here spun for 49 minutes inside Rich's wrapping
        for key, _title in SECTION_TITLES:
            console.print(writer.section(key))
    late_objectives = sum(o.is_overdue(today) for o in case.objectives())
    late_tasks = sum(t.is_overdue(today) for t in case.tasks)
    assert review.overdue_objectives == late_objectives
    assert review.overdue_tasks == late_tasks


def test_a_long_run_of_tabs_draws_at_once() -> None:
    """Rich and Textual looked for trailing blanks with a regex that is quadratic in the run:
    a strength of 20,000 tabs held the review for about a minute (tui/rich_whitespace.py)."""
    import time

    import rich.text

    import sbcm_tui.tui  # noqa: F401 (puts the linear search in place)

    text = rich.text.Text("word" + "\t" * 20_000 + "\n" + " " * 50_000)
    console = Console(width=80, file=io.StringIO())
    started = time.perf_counter()
    console.print(text)
    assert time.perf_counter() - started < 5
    for plain in ("a  ", "  ", "a", "", "a\t\n b \u2003"):
        match = rich.text._re_whitespace.search(plain)
        expected = re.search(r"\s+$", plain)
        assert (match and match.group(0)) == (expected and expected.group(0)), plain


def test_the_strengths_grid_sorts_each_area_into_now_wants_and_past() -> None:
    """The Kansas assessment's layout: a row per life area, three columns of resources; the
    staffing summary prints it as one table (a list per area ran to a page of its own)."""
    from sbcm_tui.core.case import Strength
    from sbcm_tui.exports import render_export
    from sbcm_tui.insight.review import GRID_COLUMNS, strength_grid

    case = Case(
        client=Client(preferred_name="Ana"),
        strengths=[
            Strength(domain="social", words="My sister Rosa", kind=StrengthKind.CURRENT),
            Strength(domain="health", words="Three sober years", kind=StrengthKind.PAST),
            Strength(domain="social", words="To see my brother", kind=StrengthKind.DESIRED),
            Strength(domain="social", words="My neighbours", kind=StrengthKind.CURRENT),
        ],
    )
    review = build_review(case, date(2026, 11, 20))
    rows = {row.title: row for row in strength_grid(review.strengths)}
    social = next(row for title, row in rows.items() if "ocial" in title)
    assert social.current == ("My sister Rosa", "My neighbours")
    assert social.desired == ("To see my brother",) and social.past == ()
    health = next(row for title, row in rows.items() if "ealth" in title)
    assert (health.current, health.desired, health.past) == ((), (), ("Three sober years",))

    markdown = render_export(case, "staffing", "md", today=date(2026, 11, 20)).decode()
    assert "| " + " | ".join(GRID_COLUMNS) + " |" in markdown
    assert "“My sister Rosa” “My neighbours” | “To see my brother” |" in markdown


def test_what_the_client_achieved_is_in_the_review_and_the_staffing_summary() -> None:
    """The disengagement accomplishments were only in the contact-5 note: the team reads them
    in the review (screen) and the staffing summary before the case is closed."""
    from sbcm_tui.exports import render_export

    review = demo_review("c-demo-ruth")
    assert review.completion is not None
    assert review.completion.accomplishments and "choir" in review.completion.accomplishments
    writer = SectionWriter(review, Palette.from_theme({}))
    console = Console(width=100, file=io.StringIO(), record=True)
    console.print(writer.section("completion"))
    assert "choir on Thursdays" in console.export_text()
    case = read_case(DEMO["c-demo-ruth"])[0]
    staffing = render_export(case, "staffing", "md", today=DEMO_ANCHOR).decode()
    assert "## Completing the work" in staffing and "choir on Thursdays" in staffing
    assert demo_review("c-demo-ana").completion is None  # letting go not begun: nothing shown
