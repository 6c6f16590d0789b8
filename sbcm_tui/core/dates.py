"""Target dates as a case manager types them mid-session: ``2026-12-01``, ``+2w``, ``fri``.

Nobody should have to reach for a calendar while the client is talking, so :func:`parse_date`
accepts the quick forms people actually type, and says plainly which forms work when it cannot
read one. Every ambiguous form has exactly one rule, written in :func:`parse_date`'s docstring
and pinned by tests. :func:`describe_due` and :func:`format_date` word dates for screens.

No textual import here: the date field widget is a thin shell over this module.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

HINT = "try 2026-12-01, +2w, fri or 12/01"
"""The forms named when input is not understood; a date field can show it as a placeholder."""

_TOO_FAR = "too far away: dates run from year 1 to 9999"

YEARLESS_LOOKBACK_DAYS = 30
"""A date typed without a year (``12/01``, ``1 dec``) may be up to this many days in the past:
it is usually a date just missed being recorded, not one eleven months away."""

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_MONTHS: dict[str, int] = {}
for _number, _name in enumerate(MONTH_NAMES, start=1):
    _MONTHS[_name.lower()] = _number
    _MONTHS[_name[:3].lower()] = _number
_MONTHS["sept"] = 9

_WEEKDAYS: dict[str, int] = {}
for _number, _name in enumerate(WEEKDAY_NAMES):
    _WEEKDAYS[_name.lower()] = _number
    _WEEKDAYS[_name[:3].lower()] = _number
_WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})

_UNITS = {
    "d": "d",
    "day": "d",
    "days": "d",
    "w": "w",
    "wk": "w",
    "wks": "w",
    "week": "w",
    "weeks": "w",
    "m": "m",
    "mo": "m",
    "mos": "m",
    "month": "m",
    "months": "m",
    "y": "y",
    "yr": "y",
    "yrs": "y",
    "year": "y",
    "years": "y",
}
_WORDS = {"today": 0, "tod": 0, "tomorrow": 1, "tmr": 1, "tmrw": 1, "yesterday": -1}
_NEXT = {"next week": (1, "w"), "next month": (1, "m"), "next year": (1, "y")}

_ISO = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
_RELATIVE = re.compile(r"(?:in )?([+-])? ?(\d+) ?([a-z]+)( ago)?")
_WEEKDAY = re.compile(r"(?:(next|this) )?([a-z]+)")
_US = re.compile(r"(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?")
_ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)?"
_DAY_MONTH = re.compile(_ORDINAL + r" ([a-z]+)\.?(?: (\d{4}))?")
_MONTH_DAY = re.compile(r"([a-z]+)\.? " + _ORDINAL + r"(?: (\d{4}))?")


class DateParseError(ValueError):
    """Typed text that is not a date we can read; the message is short and safe to show."""


def parse_date(text: str, today: date) -> date:
    """Read a date typed in any of the quick forms; raise :class:`DateParseError` otherwise.

    Case and extra spaces do not matter. The forms, and the rule for each ambiguous one:

    * ``2026-12-01`` (also ``2026/12/1``): ISO year-month-day.
    * ``today``, ``tomorrow`` / ``tmr``, ``yesterday``.
    * ``+3d``, ``+2w``, ``+1m``, ``+1y``, with or without ``+``, spelled out (``in 2 weeks``), or
      backwards (``-3d``, ``3 days ago``). Months and years are calendar steps clamped to the
      month's end: 31 Jan ``+1m`` is 28 (or 29) Feb. ``next week`` / ``next month`` /
      ``next year`` are ``+1w`` / ``+1m`` / ``+1y``.
    * ``fri`` / ``friday`` (and ``this fri``): the coming Friday, strictly after today, so
      ``fri`` on a Friday is a week away.
    * ``next fri``: the Friday of next calendar week (weeks run Monday to Sunday). On a
      Wednesday that is 9 days out; on a Saturday it is the coming Friday, 6 days out.
    * ``12/01``, ``12/1/26``, ``12/01/2026``: US order, month/day. A two-digit year is 20yy.
    * ``1 dec``, ``dec 1``, ``1st december 2026``, ``december 1, 2026``.
    * Without a year (``12/01``, ``1 dec``), the date is the first one on or after
      :data:`YEARLESS_LOOKBACK_DAYS` days ago: on 25 Nov 2026, ``12/01`` is 1 Dec 2026,
      ``11/01`` is 1 Nov 2026 (24 days back) and ``10/01`` is 1 Oct 2027.
    """
    words = " ".join(text.lower().replace(",", " ").split())
    if not words:
        raise DateParseError(f"no date given: {HINT}")
    for reader in (_read_iso, _read_word, _read_relative, _read_weekday, _read_us, _read_named):
        found = reader(words, today)
        if found is not None:
            return found
    raise DateParseError(f"not a date I know: {HINT}")


def describe_due(due: date, today: date) -> str:
    """A calm phrase for how far off a due date is: "tomorrow", "in 2 weeks", "3 days overdue".

    Days up to 13, then weeks up to about two months, then months, then years, each rounded
    to the nearest whole unit, so a screen never shows "in 41 days"."""
    days = (due - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    span = _span(abs(days))
    return f"in {span}" if days > 0 else f"{span} overdue"


def format_date(day: date) -> str:
    """A date for screens, "Tue 1 Dec 2026": weekday and month in words so nobody misreads 1/12.

    English names from our own tables, not ``strftime``, so it does not change with the locale."""
    weekday = WEEKDAY_NAMES[day.weekday()][:3]
    return f"{weekday} {day.day} {MONTH_NAMES[day.month - 1][:3]} {day.year}"


def add_months(day: date, months: int) -> date:
    """The same day ``months`` calendar months later (or earlier), clamped to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise DateParseError(_TOO_FAR)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


# --- the readers: each returns a date, None when the form does not apply, or raises ----------


def _span(days: int) -> str:
    if days < 14:
        count, unit = days, "day"
    elif days < 60:
        count, unit = (days + 3) // 7, "week"
    elif days < 730:
        count, unit = int(days / 30.44 + 0.5), "month"
    else:
        count, unit = int(days / 365.25 + 0.5), "year"
    return f"{count} {unit}{'' if count == 1 else 's'}"


def _shift(today: date, days: int) -> date:
    try:
        return today + timedelta(days=days)
    except OverflowError:
        raise DateParseError(_TOO_FAR) from None


def _real_date(year: int, month: int, day: int, shown: str) -> date:
    """A date from parts, or an error that says which part is impossible."""
    if not 1 <= year <= 9999:
        raise DateParseError(f"{shown}: years run from 1 to 9999")
    if not 1 <= month <= 12:
        raise DateParseError(f"{shown}: there is no month {month}")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateParseError(
            f"{shown} is not a real date: {MONTH_NAMES[month - 1]} {year} has {last} days"
        )
    return date(year, month, day)


def _yearless(month: int, day: int, today: date, shown: str) -> date:
    """The first such month and day on or after the lookback window's start (see parse_date)."""
    if not 1 <= month <= 12:
        raise DateParseError(f"{shown}: there is no month {month} (dates with / are month/day)")
    longest = 29 if month == 2 else calendar.monthrange(2001, month)[1]
    if not 1 <= day <= longest:
        raise DateParseError(
            f"{shown} is not a real date: {MONTH_NAMES[month - 1]} has {longest} days"
        )
    try:
        earliest = today - timedelta(days=YEARLESS_LOOKBACK_DAYS)
    except OverflowError:
        earliest = date.min
    for year in (earliest.year, earliest.year + 1):
        if not 1 <= year <= 9999 or day > calendar.monthrange(year, month)[1]:
            continue
        candidate = date(year, month, day)
        if candidate >= earliest:
            return candidate
    if (month, day) == (2, 29):
        raise DateParseError(f"{shown}: 29 February is not in the coming year; add the year")
    raise DateParseError(_TOO_FAR)


def _read_iso(words: str, today: date) -> date | None:
    match = _ISO.fullmatch(words)
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    return _real_date(year, month, day, words)


def _read_word(words: str, today: date) -> date | None:
    if words in _WORDS:
        return _shift(today, _WORDS[words])
    if words in _NEXT:
        count, unit = _NEXT[words]
        return _step(today, count, unit)
    return None


def _step(today: date, count: int, unit: str) -> date:
    if unit == "d":
        return _shift(today, count)
    if unit == "w":
        return _shift(today, 7 * count)
    return add_months(today, count if unit == "m" else 12 * count)


def _read_relative(words: str, today: date) -> date | None:
    match = _RELATIVE.fullmatch(words)
    if match is None or match.group(3) not in _UNITS:
        return None
    sign, count, unit, ago = match.groups()
    if sign and ago:
        return None
    if len(count) > 7:  # more than ten thousand years of days: refuse before int() works hard
        raise DateParseError(_TOO_FAR)
    backwards = sign == "-" or ago is not None
    return _step(today, -int(count) if backwards else int(count), _UNITS[unit])


def _read_weekday(words: str, today: date) -> date | None:
    match = _WEEKDAY.fullmatch(words)
    if match is None or match.group(2) not in _WEEKDAYS:
        return None
    wanted = _WEEKDAYS[match.group(2)]
    if match.group(1) == "next":
        return _shift(today, 7 - today.weekday() + wanted)
    return _shift(today, (wanted - today.weekday() - 1) % 7 + 1)


def _read_us(words: str, today: date) -> date | None:
    match = _US.fullmatch(words)
    if match is None:
        return None
    month, day, year = match.groups()
    if year is None:
        return _yearless(int(month), int(day), today, words)
    full_year = 2000 + int(year) if len(year) == 2 else int(year)
    if not 1 <= int(month) <= 12:
        raise DateParseError(f"{words}: there is no month {month} (dates with / are month/day)")
    return _real_date(full_year, int(month), int(day), words)


def _read_named(words: str, today: date) -> date | None:
    words = words.replace("-", " ")
    match = _DAY_MONTH.fullmatch(words)
    if match is not None:
        day, name, year = match.groups()
    else:
        match = _MONTH_DAY.fullmatch(words)
        if match is None:
            return None
        name, day, year = match.groups()
    if name not in _MONTHS:
        return None
    if year is None:
        return _yearless(_MONTHS[name], int(day), today, words)
    return _real_date(int(year), _MONTHS[name], int(day), words)


_ISO_DAY_RE = re.compile(r"(?<![0-9])([0-9]{4})-([0-9]{2})-([0-9]{2})(?![0-9])")


def shift_iso_days(text: str, days: int) -> str:
    """Every ``YYYY-MM-DD`` in a text moved by ``days`` (the date part of a timestamp too).

    The demo copy moves its files' dates this way, as text, so that ``sbcm --demo`` reaches the
    caseload without building the case model; a test checks the result equals moving the dates
    of the loaded model, for every shipped demo case."""
    delta = timedelta(days=days)

    def move(match: re.Match[str]) -> str:
        year, month, day = (int(part) for part in match.groups())
        return (date(year, month, day) + delta).isoformat()

    return _ISO_DAY_RE.sub(move, text)
