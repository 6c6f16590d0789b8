"""Outcomes across the caseload: the GAS T-score by hand, and every dashboard figure of the demo
caseload worked out by hand from data/demo (today = DEMO_ANCHOR, Fri 20 Nov 2026)."""

from __future__ import annotations

import json
import math
import shutil
from datetime import UTC, date, datetime

import pytest

from sbcm_tui.core.case import (
    Case,
    Client,
    Contact,
    Goal,
    Objective,
    ObjectiveStatus,
    Referral,
    ReferralStatus,
    ReferralStep,
    Resource,
)
from sbcm_tui.files.caseindex import Caseload
from sbcm_tui.files.demo import DEMO_ANCHOR
from sbcm_tui.files.store import CaseStore
from sbcm_tui.files.summary import summarize
from sbcm_tui.insight.charts import column_chart, gauge, hbar, sparkline
from sbcm_tui.insight.goal_attainment import gas_t_score
from sbcm_tui.insight.outcome_wording import render_text
from sbcm_tui.insight.outcomes import caseload_outcomes
from tests.support import DEMO

TODAY = DEMO_ANCHOR  # Fri 20 Nov 2026: the day the demo files were written for


# --- the GAS T-score, by hand ---------------------------------------------------------------
#
# T = 50 + 10·Σwx / sqrt((1−ρ)Σw² + ρ(Σw)²), ρ = 0.3. With n objectives of weight 1 the
# denominator is sqrt(0.7n + 0.3n²).


def test_one_objective_moves_ten_points_per_level() -> None:
    # n = 1: sqrt(0.7 + 0.3) = 1, so T = 50 + 10x.
    assert gas_t_score([1]) == pytest.approx(60.0)
    assert gas_t_score([-2]) == pytest.approx(30.0)


def test_all_as_expected_is_fifty() -> None:
    assert gas_t_score([0, 0, 0]) == pytest.approx(50.0)


def test_hollis_six_rated_objectives() -> None:
    # Levels 1, 2, 0, 1, 0, 2: Σx = 6; n = 6: 0.7·6 + 0.3·36 = 4.2 + 10.8 = 15;
    # sqrt(15) = 3.87298; 10·6 / 3.87298 = 15.4919; T = 65.4919.
    assert gas_t_score([1, 2, 0, 1, 0, 2]) == pytest.approx(65.4919, abs=1e-4)


def test_ruth_five_rated_objectives() -> None:
    # Levels 0, 1, 2, 0, −1: Σx = 2; n = 5: 0.7·5 + 0.3·25 = 3.5 + 7.5 = 11;
    # sqrt(11) = 3.31662; 20 / 3.31662 = 6.0302; T = 56.0302.
    assert gas_t_score([0, 1, 2, 0, -1]) == pytest.approx(56.0302, abs=1e-4)


def test_three_objectives_all_much_less_than_expected() -> None:
    # Σx = −6; 0.7·3 + 0.3·9 = 2.1 + 2.7 = 4.8; sqrt(4.8) = 2.19089; −60 / 2.19089 = −27.386;
    # T = 22.614.
    assert gas_t_score([-2, -2, -2]) == pytest.approx(22.614, abs=1e-3)


def test_weights_when_given() -> None:
    # Levels 2 and −1 weighted 2 and 1: Σwx = 4 − 1 = 3; Σw² = 5; (Σw)² = 9;
    # 0.7·5 + 0.3·9 = 3.5 + 2.7 = 6.2; sqrt(6.2) = 2.48998; 30 / 2.48998 = 12.0483; T = 62.0483.
    assert gas_t_score([2, -1], [2, 1]) == pytest.approx(62.0483, abs=1e-4)


def test_nothing_rated_has_no_score() -> None:
    assert gas_t_score([]) is None
    assert gas_t_score([1], [0]) is None
    with pytest.raises(ValueError):
        gas_t_score([1, 2], [1])


# --- the demo caseload, by hand ---------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_caseload(tmp_path_factory: pytest.TempPathFactory) -> Caseload:
    folder = tmp_path_factory.mktemp("demo")
    shutil.copytree(DEMO, folder, dirs_exist_ok=True)
    store = CaseStore(folder)
    store.caseload()  # the first listing reads every file and fills the cache
    warm = store.caseload()
    assert warm.parsed == 0  # the figures below come from cached summaries only
    return warm


def test_demo_case_counts(demo_caseload: Caseload) -> None:
    o = caseload_outcomes(demo_caseload, TODAY)
    # Seven demo files, none practice, none broken. Ruth's status is "disengaged"; the other
    # six are "active".
    assert (o.cases, o.active, o.practice, o.unreadable) == (7, 6, 0, ())


def test_demo_active_cases_by_contact(demo_caseload: Caseload) -> None:
    o = caseload_outcomes(demo_caseload, TODAY)
    # Last contact of each active case: Ana 1; Destiny 2, Sam 2; Marcus 3; Reggie 4;
    # Hollis 26 (long-term). Ruth (contact 5) is not active.
    assert o.by_contact == ((1, 1), (2, 2), (3, 1), (4, 1), (26, 1))
    assert o.grouped_by_contact() == [
        ("not met", 0),
        ("1", 1),
        ("2", 2),
        ("3", 1),
        ("4", 1),
        ("5", 0),
        ("6+", 1),
    ]


def test_demo_objectives_due_this_week_and_overdue(demo_caseload: Caseload) -> None:
    o = caseload_outcomes(demo_caseload, TODAY)
    # "This week" is Fri 20 to Thu 26 Nov. Open objectives of active cases and their targets:
    # Ana o-1 28 Nov, o-2 30 Nov; Destiny o-1 27 Nov (a day past the week), o-2 11 Dec;
    # Hollis o-1b 4 Jan 2027, o-3b 20 Dec; Marcus o-1 15 Nov (overdue), o-2 30 Nov, o-3 2 Dec;
    # Reggie o-1 24 Nov (this week), o-2 1 Dec, o-4 5 Dec, o-5 8 Dec; Sam o-1 25 Nov (this
    # week), o-2 4 Dec. Achieved and dropped objectives are not open.
    assert [(d.case_name, d.due) for d in o.due_soon] == [
        ("Reggie Boone", date(2026, 11, 24)),
        ("Sam [/x] [b]", date(2026, 11, 25)),
    ]
    assert [(d.case_name, d.due, d.case_file) for d in o.overdue] == [
        ("Marcus Reid", date(2026, 11, 15), "c-demo-marcus.toml")
    ]


@pytest.mark.parametrize(
    ("days", "quiet"),
    [
        # Days since the last contact on 20 Nov: Ana 1 (19 Nov), Marcus 2 (18 Nov), Hollis 3
        # and Reggie 3 (17 Nov), Destiny 4 (16 Nov), Sam 5 (15 Nov). Quiet means more than N.
        (14, []),
        (5, []),
        (4, [("Sam [/x] [b]", 5)]),
        (3, [("Sam [/x] [b]", 5), ("Destiny Price", 4)]),
        (2, [("Sam [/x] [b]", 5), ("Destiny Price", 4), ("Hollis Grant", 3), ("Reggie Boone", 3)]),
    ],
)
def test_demo_cases_with_no_contact_in_n_days(
    demo_caseload: Caseload, days: int, quiet: list[tuple[str, int]]
) -> None:
    o = caseload_outcomes(demo_caseload, TODAY, no_contact_days=days)
    assert [(q.case_name, q.days) for q in o.quiet] == quiet
    # Changing only the threshold gives the same as counting everything again.
    again = caseload_outcomes(demo_caseload, TODAY).with_no_contact_days(days, demo_caseload.cases)
    assert again == o


def test_demo_referrals(demo_caseload: Caseload) -> None:
    link = caseload_outcomes(demo_caseload, TODAY).linkage
    # Made (reached referred, contacted, linked or retained), start = day referred, else the
    # first step, as Referral.days_to_linkage counts:
    #   Destiny ref-1 referred 16 Nov, not linked
    #   Hollis ref-1 referred 23 Sep 2025 → linked 7 Oct: 14 days, retained
    #   Hollis ref-2 referred 7 Oct → linked 21 Oct: 14 days, retained
    #   Hollis ref-3 referred, contacted: not linked
    #   Hollis ref-4 referred 2 Dec 2025 → linked 3 Feb 2026: 29 + 31 + 3 = 63 days, retained
    #   Hollis ref-6 suggested 24 Feb → linked 28 Apr: 4 + 31 + 28 = 63 days, retained
    #   Hollis ref-7 referred, contacted: not linked
    #   Marcus ref-1 referred: not linked
    #   Reggie ref-1 referred, contacted: not linked
    #   Reggie ref-2 suggested 3 Nov → linked 10 Nov: 7 days, not retained
    #   Ruth ref-1 referred 13 Oct → linked 20 Oct: 7 days, retained
    #   Ruth ref-2 referred 20 Oct → linked 31 Oct: 11 days, retained
    #   Ruth ref-3 suggested 13 Oct → linked 31 Oct: 18 days, retained
    #   Sam ref-1 referred: not linked
    # = 14 made, 8 linked, 7 retained. Days sorted: 7 7 11 14 14 18 63 63: median 14.
    # Not made: still "suggested" Ana ref-1, Destiny ref-2, Hollis ref-8, Marcus ref-2 and
    # ref-3, Reggie ref-3 (6); declined at the suggestion Hollis ref-5, Ruth ref-4 (2).
    assert (link.made, link.linked, link.retained) == (14, 8, 7)
    assert link.median_days == 14
    assert link.share_linked == pytest.approx(8 / 14)  # 57%
    assert link.share_retained == pytest.approx(7 / 8)  # 88%
    assert (link.suggested, link.declined) == (6, 2)


def test_demo_goal_attainment(demo_caseload: Caseload) -> None:
    o = caseload_outcomes(demo_caseload, TODAY)
    # Rated objectives: Ruth 0, 1, 2, 0, −1 (5 of 5) → 56.03; Reggie o-3 +1 (1 of 5) → 60.0;
    # Hollis 1, 2, 0, 1, 0, 2 (6 of 9) → 65.49 (see the hand-worked tests above). Ana (2
    # objectives), Destiny (2), Marcus (3), Sam (2) have none rated.
    rows = [
        (a.case_name, a.t_score and round(a.t_score, 2), a.rated, a.objectives)
        for a in o.attainment
    ]
    assert rows == [
        ("Ruth Okafor", 56.03, 5, 5),
        ("Reggie Boone", 60.0, 1, 5),
        ("Hollis Grant", 65.49, 6, 9),
        ("Ana Lucero", None, 0, 2),
        ("Destiny Price", None, 0, 2),
        ("Marcus Reid", None, 0, 3),
        ("Sam [/x] [b]", None, 0, 2),
    ]
    # Mean over the three rated cases: (56.0302 + 60 + 65.4919) / 3 = 181.5221 / 3 = 60.5074.
    assert o.mean_t_score == pytest.approx(60.5074, abs=1e-4)
    assert o.rated_cases == 3


def test_demo_progress_by_contact(demo_caseload: Caseload) -> None:
    o = caseload_outcomes(demo_caseload, TODAY)
    # Objectives marked done in each contact's plan review (all seven cases count):
    #   Hollis: contact 6 (o-1a), 10 (o-3a), 12 (o-4a), 18 (o-6a), 19 (o-4b), 22 (o-5a)
    #   Reggie: contact 3 (o-3).  Ruth: 3 (o-1), 4 (o-3, o-4), 5 (o-2, o-5).
    # Achieved so far, per case reaching each contact:
    #   contact 1: 7 cases, all 0 → 0;  contact 2: 6 cases (not Ana), all 0 → 0
    #   contact 3: Hollis 0, Marcus 0, Reggie 1, Ruth 1 → 2/4 = 0.5
    #   contact 4: Hollis 0, Reggie 1, Ruth 3 → 4/3;  contact 5: Hollis 0, Ruth 5 → 2.5
    #   contacts 6–26: Hollis alone: 1 from 6, 2 from 10, 3 from 12, 4 at 18, 5 from 19,
    #   6 from 22.
    points = {p.contact: (p.cases, round(p.mean_achieved, 3)) for p in o.progress}
    assert points[1] == (7, 0.0)
    assert points[2] == (6, 0.0)
    assert points[3] == (4, 0.5)
    assert points[4] == (3, 1.333)
    assert points[5] == (2, 2.5)
    assert [points[n][1] for n in (6, 9, 10, 12, 17, 18, 19, 21, 22, 26)] == [
        1.0,
        1.0,
        2.0,
        3.0,
        3.0,
        4.0,
        5.0,
        5.0,
        6.0,
        6.0,
    ]
    assert max(points) == 26 and points[26][0] == 1


def test_demo_contacts_per_week(demo_caseload: Caseload) -> None:
    o = caseload_outcomes(demo_caseload, TODAY)
    # Weeks end on 20 Nov, newest first:
    #   14–20 Nov: Ana 19, Destiny 16, Hollis 17, Marcus 18, Reggie 17, Sam 15 → 6
    #   7–13 Nov: Destiny 9, Marcus 11, Reggie 10, Ruth 10, Sam 8 → 5
    #   31 Oct–6 Nov: Hollis 3 Nov, Marcus 4, Reggie 3, Ruth 31 Oct → 4
    #   24–30 Oct: Reggie 27 → 1;  17–23 Oct: Hollis 20, Ruth 20 → 2;  10–16 Oct: Ruth 13 → 1
    #   3–9 Oct: Hollis 6, Ruth 6 → 2;  26 Sep–2 Oct: none;  19–25 Sep: Hollis 22 → 1
    #   12–18 Sep, 5–11 Sep: none;  29 Aug–4 Sep: Hollis 1 Sep → 1
    assert o.weekly_contacts == (1, 0, 0, 1, 0, 2, 1, 2, 1, 4, 5, 6)


def test_demo_figures_as_json(demo_caseload: Caseload) -> None:
    data = json.loads(caseload_outcomes(demo_caseload, TODAY, 3).to_json())
    assert data["today"] == "2026-11-20"
    assert data["active_by_contact"] == {"1": 1, "2": 2, "3": 1, "4": 1, "26": 1}
    assert data["referrals"]["median_days_to_linkage"] == 14
    assert data["referrals"]["share_linked"] == pytest.approx(0.5714, abs=1e-4)
    assert data["goal_attainment"]["mean_t_score"] == 60.51
    assert [c["case"] for c in data["no_contact"]["cases"]] == ["Sam [/x] [b]", "Destiny Price"]
    assert data["objectives_overdue"][0]["due"] == "2026-11-15"
    assert data["contacts_per_week"][-1] == 6


def test_demo_text_report_fits_80_columns(demo_caseload: Caseload) -> None:
    text = render_text(caseload_outcomes(demo_caseload, TODAY))
    assert "14 referrals made · 8 linked (57%) · 7 of those retained (88%)" in text
    assert "Median 14 days from referral to linkage" in text
    assert "Mean T 60.5 over 3 rated cases" in text
    assert "Sam [/x] [b]" in text
    assert all(len(line) <= 80 for line in text.splitlines()), text


# --- rules that the demo does not exercise ----------------------------------------------------


def _summary(case: Case, name: str = "x.toml"):
    return summarize(case, name)


def test_practice_cases_are_left_out_and_never_met_cases_count_from_their_opening() -> None:
    opened = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
    quiet = Case(client=Client(preferred_name="Never met"), created_at=opened)
    practice = Case(client=Client(preferred_name="Role-play"), practice=True, created_at=opened)
    new = Case(
        client=Client(preferred_name="New today"), created_at=datetime(2026, 11, 20, tzinfo=UTC)
    )
    load = Caseload(
        cases=[_summary(quiet, "a.toml"), _summary(practice, "b.toml"), _summary(new, "c.toml")]
    )
    o = caseload_outcomes(load, TODAY, no_contact_days=14)
    assert (o.cases, o.active, o.practice) == (2, 2, 1)
    assert o.by_contact == ((0, 2),)
    # Opened 1 Oct, never met: 50 days on 20 Nov. Opened today: not quiet.
    assert [(q.case_name, q.days, q.last_contact_on) for q in o.quiet] == [("Never met", 50, None)]


def test_retained_without_a_linked_step_counts_as_linked_and_suggestions_are_not_made() -> None:
    case = Case(
        client=Client(preferred_name="R"),
        resources=[Resource(id="r1", name="Clinic")],
        referrals=[
            Referral(
                resource_id="r1",
                history=[
                    ReferralStep(status=ReferralStatus.REFERRED, on=date(2026, 1, 1)),
                    ReferralStep(status=ReferralStatus.RETAINED, on=date(2026, 1, 11)),
                ],
            ),
            Referral(
                resource_id="r1",
                history=[ReferralStep(status=ReferralStatus.SUGGESTED, on=date(2026, 1, 1))],
            ),
            Referral(
                resource_id="r1",
                history=[
                    ReferralStep(status=ReferralStatus.REFERRED, on=date(2026, 2, 1)),
                    ReferralStep(status=ReferralStatus.DECLINED, on=date(2026, 2, 5)),
                ],
            ),
        ],
    )
    link = caseload_outcomes(Caseload(cases=[_summary(case)]), TODAY).linkage
    # Made: the first (linked and retained on 11 Jan: 10 days) and the third (referred, then
    # declined: made, not linked). The suggestion is not made.
    assert (link.made, link.linked, link.retained, link.median_days) == (2, 1, 1, 10)
    assert (link.suggested, link.declined) == (1, 1)


def test_an_achieved_objective_without_a_review_is_placed_by_its_date() -> None:
    case = Case(
        client=Client(preferred_name="P"),
        goals=[
            Goal(
                words="A home",
                objectives=[
                    Objective(
                        text="Apply",
                        status=ObjectiveStatus.ACHIEVED,
                        achieved_on=date(2026, 3, 10),
                        gas_level=1,
                    ),
                    Objective(text="Move", status=ObjectiveStatus.ACHIEVED, gas_level=None),
                ],
            )
        ],
        contacts=[
            Contact(number=1, on=date(2026, 3, 1)),
            Contact(number=2, on=date(2026, 3, 15)),
            Contact(number=3, on=date(2026, 4, 1)),
        ],
    )
    o = caseload_outcomes(Caseload(cases=[_summary(case)]), TODAY)
    # "Apply" (10 Mar) goes to contact 2 (15 Mar, the first on or after); "Move" has no date
    # and no review, so it goes to the last contact: so far 0, 1, 2.
    assert [p.mean_achieved for p in o.progress] == [0, 1, 2]
    assert [(a.t_score, a.rated, a.objectives) for a in o.attainment] == [(60.0, 1, 2)]


def test_an_empty_caseload_has_no_figures_to_divide() -> None:
    o = caseload_outcomes(Caseload(), TODAY)
    assert o.linkage.share_linked is None and o.linkage.median_days is None
    assert o.mean_t_score is None and o.progress == ()
    assert "No referral made yet" in render_text(o)
    json.loads(o.to_json())


def test_long_client_text_never_widens_the_text_report() -> None:
    long_name = "Bracket [b] " * 15 + "\nnew line"
    case = Case(
        client=Client(preferred_name=long_name),
        goals=[Goal(words="w", objectives=[Objective(text="x" * 500, target_date=TODAY)])],
    )
    text = render_text(caseload_outcomes(Caseload(cases=[_summary(case)]), TODAY))
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "\nnew line" not in text


# --- the charts --------------------------------------------------------------------------------


def test_column_chart_fits_its_width_and_labels_its_bars() -> None:
    values = [0, 0, 0.5, 4 / 3, 2.5]
    lines = column_chart(values, ["1", "2", "3", "4", "5"], width=40, height=4)
    assert len(lines) == 6 and all(len(line) <= 40 for line in lines)
    assert lines[0].startswith("2.5 ┤")
    assert lines[-1].split() == ["1", "2", "3", "4", "5"]
    # 2.5 is the top: its bar is full on every row; 0.5 is a fifth of 4 rows = 6.4 eighths.
    assert all("███" in line for line in lines[:4])
    many = column_chart(list(range(100)), [str(n) for n in range(100)], width=60, height=3)
    assert all(len(line) <= 60 for line in many)


def test_small_charts() -> None:
    assert sparkline([0, 4, 8]) == "·▄█"
    assert hbar(1, 2, 4) == "██" and hbar(0, 2, 4) == "" and hbar(3, 7, 10) == "████▎"
    assert gauge(50, 20, 80, 13, middle=50) == "······●······"
    assert gauge(65.5, 20, 80, 13, middle=50).index("●") == 9
    assert math.isclose(len(gauge(999, 20, 80, 13, middle=50)), 13)


def test_the_progress_chart_draws_the_five_contacts_and_says_who_went_on(
    demo_caseload: Caseload,
) -> None:
    """Hollis, at contact 26, once drew most of the chart alone, captioned "1 at contact 26"."""
    from sbcm_tui.insight.outcome_wording import progress_chart, reach_line

    o = caseload_outcomes(demo_caseload, TODAY)
    assert max(p.contact for p in o.progress) > 5  # the long-term case is in the figures
    chart = progress_chart(o, width=60)
    assert chart[-1].split() == ["1", "2", "3", "4", "5"]  # the columns' labels
    line = reach_line(o, width=60)
    assert "contact 26" not in line
    assert line == "7 cases reached contact 1, 2 reached 5; 1 went on past 5 (not drawn)"
