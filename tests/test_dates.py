"""The quick date forms a case manager types, the rule for each ambiguous one, and every error."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sbcm_tui.core.dates import (
    HINT,
    DateParseError,
    add_months,
    describe_due,
    format_date,
    parse_date,
)

TODAY = date(2026, 11, 25)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ISO
        ("2026-12-01", date(2026, 12, 1)),
        ("2026-12-1", date(2026, 12, 1)),
        ("2026/12/01", date(2026, 12, 1)),
        ("2028-02-29", date(2028, 2, 29)),
        # words
        ("today", TODAY),
        ("tomorrow", date(2026, 11, 26)),
        ("tmr", date(2026, 11, 26)),
        ("tmrw", date(2026, 11, 26)),
        ("yesterday", date(2026, 11, 24)),
        ("next week", date(2026, 12, 2)),
        ("next month", date(2026, 12, 25)),
        ("next year", date(2027, 11, 25)),
        # relative
        ("+3d", date(2026, 11, 28)),
        ("+2w", date(2026, 12, 9)),
        ("+1m", date(2026, 12, 25)),
        ("+1y", date(2027, 11, 25)),
        ("3d", date(2026, 11, 28)),
        ("2w", date(2026, 12, 9)),
        ("+0d", TODAY),
        ("+ 3 d", date(2026, 11, 28)),
        ("in 2 weeks", date(2026, 12, 9)),
        ("in 3 days", date(2026, 11, 28)),
        ("in 1 month", date(2026, 12, 25)),
        ("2 months", date(2027, 1, 25)),
        ("-3d", date(2026, 11, 22)),
        ("3 days ago", date(2026, 11, 22)),
        ("1 week ago", date(2026, 11, 18)),
        # weekdays: the coming one, strictly after today (a Wednesday)
        ("fri", date(2026, 11, 27)),
        ("friday", date(2026, 11, 27)),
        ("this fri", date(2026, 11, 27)),
        ("thurs", date(2026, 11, 26)),
        ("wed", date(2026, 12, 2)),
        ("mon", date(2026, 11, 30)),
        ("tues", date(2026, 12, 1)),
        ("sunday", date(2026, 11, 29)),
        # next <weekday>: that day in next calendar week (Monday to Sunday)
        ("next fri", date(2026, 12, 4)),
        ("next mon", date(2026, 11, 30)),
        ("next wed", date(2026, 12, 2)),
        ("next sun", date(2026, 12, 6)),
        # US month/day
        ("12/01", date(2026, 12, 1)),
        ("12/1", date(2026, 12, 1)),
        ("12/01/2026", date(2026, 12, 1)),
        ("12/1/26", date(2026, 12, 1)),
        ("1/5", date(2027, 1, 5)),
        ("11/01", date(2026, 11, 1)),  # 24 days back: inside the lookback window
        ("10/26", date(2026, 10, 26)),  # exactly 30 days back
        ("10/25", date(2027, 10, 25)),  # 31 days back: next year
        # day and month in words
        ("1 dec", date(2026, 12, 1)),
        ("dec 1", date(2026, 12, 1)),
        ("december 1 2026", date(2026, 12, 1)),
        ("December 1, 2026", date(2026, 12, 1)),
        ("1st Dec 2026", date(2026, 12, 1)),
        ("3rd january", date(2027, 1, 3)),
        ("sept 9", date(2027, 9, 9)),
        ("1-dec-2026", date(2026, 12, 1)),
        ("dec. 1", date(2026, 12, 1)),
        # case and whitespace
        ("  FRI ", date(2026, 11, 27)),
        ("In   2   Weeks", date(2026, 12, 9)),
        ("\tToday\n", TODAY),
    ],
)
def test_quick_forms(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("today", "text", "expected"),
    [
        # month steps clamp to the month's end
        (date(2027, 1, 31), "+1m", date(2027, 2, 28)),
        (date(2028, 1, 31), "+1m", date(2028, 2, 29)),
        (date(2026, 3, 31), "+1m", date(2026, 4, 30)),
        (date(2026, 8, 31), "+6m", date(2027, 2, 28)),
        (date(2026, 3, 31), "-1m", date(2026, 2, 28)),
        (date(2028, 2, 29), "+1y", date(2029, 2, 28)),
        (date(2028, 2, 29), "+4y", date(2032, 2, 29)),
        (date(2026, 12, 15), "+1m", date(2027, 1, 15)),
        # year rollover for yearless dates
        (date(2026, 12, 28), "1/5", date(2027, 1, 5)),
        (date(2026, 12, 28), "jan 5", date(2027, 1, 5)),
        (date(2027, 1, 5), "12/20", date(2026, 12, 20)),  # 16 days back, last year
        (date(2027, 1, 5), "12/01", date(2027, 12, 1)),  # 35 days back: next December
        (date(2027, 3, 1), "2/29", date(2028, 2, 29)),  # the window reaches a leap day
        (date(2028, 2, 1), "2/29", date(2028, 2, 29)),
        # weekday names at the year's end
        (date(2026, 12, 31), "fri", date(2027, 1, 1)),  # a Thursday
        (date(2026, 12, 31), "next fri", date(2027, 1, 8)),
        (date(2027, 12, 31), "fri", date(2028, 1, 7)),  # a Friday: a week away
        (date(2026, 11, 28), "next fri", date(2026, 12, 4)),  # Saturday: the coming Friday
        (date(2026, 11, 29), "next mon", date(2026, 11, 30)),  # Sunday: tomorrow
        # leap years
        (date(2026, 11, 25), "2028-02-29", date(2028, 2, 29)),
        (date(2000, 1, 1), "2000-02-29", date(2000, 2, 29)),
    ],
)
def test_edges(today: date, text: str, expected: date) -> None:
    assert parse_date(text, today) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "no date given"),
        ("   ", "no date given"),
        ("banana", "not a date I know"),
        ("next banana", "not a date I know"),
        ("+3x", "not a date I know"),
        ("+3d ago", "not a date I know"),
        ("12", "not a date I know"),
        ("12/01/2026/4", "not a date I know"),
        ("1 smarch", "not a date I know"),
        ("2026-02-30", "February 2026 has 28 days"),
        ("2100-02-29", "February 2100 has 28 days"),
        ("2026-04-31", "April 2026 has 30 days"),
        ("2026-13-01", "no month 13"),
        ("2026-00-10", "no month 0"),
        ("2026-12-00", "December 2026 has 31 days"),
        ("0000-01-01", "years run from 1 to 9999"),
        ("13/01", "no month 13 (dates with / are month/day)"),
        ("13/01/2026", "no month 13"),
        ("2/30", "February has 29 days"),
        ("2/30/2026", "February 2026 has 28 days"),
        ("9/31", "September has 30 days"),
        ("sep 31", "September has 30 days"),
        ("31 apr 2026", "April 2026 has 30 days"),
        ("2/29", "add the year"),
        ("2/29/27", "February 2027 has 28 days"),
        ("+999999y", "too far away"),
        ("+99999999999d", "too far away"),
        ("+9999999d", "too far away"),
        ("-999999m", "too far away"),
    ],
)
def test_errors_say_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_date(text, TODAY)
    assert says in str(caught.value)
    assert isinstance(caught.value, ValueError)
    assert "\n" not in str(caught.value)


def test_unknown_forms_name_the_forms_that_work() -> None:
    with pytest.raises(DateParseError, match="try 2026-12-01, \\+2w, fri or 12/01"):
        parse_date("the day after the hearing", TODAY)
    assert HINT.startswith("try ")


def test_unknown_text_is_not_echoed() -> None:
    """What was typed may be client words pasted into the wrong field: never repeat it."""
    with pytest.raises(DateParseError) as caught:
        parse_date("Sam said after court", TODAY)
    assert "Sam" not in str(caught.value)


def test_near_the_ends_of_the_calendar() -> None:
    with pytest.raises(DateParseError, match="too far away"):
        parse_date("tomorrow", date.max)
    with pytest.raises(DateParseError, match="too far away"):
        parse_date("fri", date.max)
    with pytest.raises(DateParseError, match="too far away"):
        parse_date("yesterday", date.min)
    assert parse_date("1/15", date.min) == date(1, 1, 15)
    assert parse_date("12/31", date.max) == date.max
    with pytest.raises(DateParseError, match="too far away"):
        parse_date("1/5", date.max)


@pytest.mark.parametrize(
    ("days", "phrase"),
    [
        (0, "today"),
        (1, "tomorrow"),
        (-1, "yesterday"),
        (2, "in 2 days"),
        (3, "in 3 days"),
        (13, "in 13 days"),
        (14, "in 2 weeks"),
        (17, "in 2 weeks"),
        (18, "in 3 weeks"),
        (59, "in 8 weeks"),
        (60, "in 2 months"),
        (365, "in 12 months"),
        (729, "in 24 months"),
        (730, "in 2 years"),
        (-3, "3 days overdue"),
        (-13, "13 days overdue"),
        (-14, "2 weeks overdue"),
        (-20, "3 weeks overdue"),
        (-90, "3 months overdue"),
        (-1100, "3 years overdue"),
    ],
)
def test_describe_due(days: int, phrase: str) -> None:
    assert describe_due(TODAY + timedelta(days=days), TODAY) == phrase


@pytest.mark.parametrize(
    ("day", "shown"),
    [
        (date(2026, 12, 1), "Tue 1 Dec 2026"),
        (date(2026, 11, 25), "Wed 25 Nov 2026"),
        (date(2028, 2, 29), "Tue 29 Feb 2028"),
        (date(2027, 1, 10), "Sun 10 Jan 2027"),
    ],
)
def test_format_date(day: date, shown: str) -> None:
    assert format_date(day) == shown


def test_add_months_clamps() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 1, 31), -2) == date(2025, 11, 30)
    assert add_months(date(2026, 5, 15), 0) == date(2026, 5, 15)
    with pytest.raises(DateParseError):
        add_months(date(9999, 12, 1), 1)


@given(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
def test_every_iso_date_reads_back(day: date) -> None:
    assert parse_date(day.isoformat(), TODAY) == day


@given(st.integers(min_value=0, max_value=100_000))
def test_plus_n_days_is_n_days_on(days: int) -> None:
    assert parse_date(f"+{days}d", TODAY) == TODAY + timedelta(days=days)


@given(st.dates(min_value=date(2, 1, 1), max_value=date(9998, 12, 31)))
def test_weekday_names_land_within_a_week(today: date) -> None:
    for name in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
        found = parse_date(name, today)
        assert 1 <= (found - today).days <= 7
        assert format_date(found).lower().startswith(name)
        following = parse_date(f"next {name}", today)
        assert following.isocalendar()[:2] == (today + timedelta(days=7)).isocalendar()[:2]


@given(st.dates(min_value=date(2, 1, 1), max_value=date(9998, 12, 31)))
def test_yearless_dates_fall_in_the_window(today: date) -> None:
    found = parse_date("3/1", today)
    assert (found.month, found.day) == (3, 1)
    assert -30 <= (found - today).days < 366 - 30 + 1


def test_dates_does_not_import_textual() -> None:
    code = "import sys, sbcm_tui.core.dates; sys.exit('textual' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_shift_iso_days_moves_dates_and_timestamps_in_text() -> None:
    from sbcm_tui.core.dates import shift_iso_days

    text = 'on = 2026-11-20\nat = "2026-12-31T23:00:00Z"\nid = "c-12026-11-200"'
    assert shift_iso_days(text, 1) == (
        'on = 2026-11-21\nat = "2027-01-01T23:00:00Z"\nid = "c-12026-11-200"'
    )
    assert shift_iso_days("2024-02-28", 1) == "2024-02-29"
    assert shift_iso_days("no dates here", 5) == "no dates here"
