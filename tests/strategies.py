"""Hypothesis strategies for arbitrary *valid* cases, over every field of every part of the model.

Text is deliberately hostile: emoji, Rich markup (``[/x] [b]``), quotes, backslashes, newlines,
tabs, CR/CRLF, NUL and other control characters, lone surrogates, TOML's own ``\"\"\"`` and ``'''``
and a fake checksum line, plus the occasional string at the maximum length a field allows. Dates
span years 1 to 9999; datetimes are naive or aware in odd zones (historic sub-minute offsets,
second- and microsecond offsets), and the model must bring every one of them to UTC. Integers
reach their bounds. Cross-references (barrier and referral objectives, referral resources, plan
review items) always name something that exists, as the model requires.

List sizes are kept small so that a few thousand examples run in seconds.
"""

from __future__ import annotations

import string
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from sbcm_tui.core.case import (
    Barrier,
    Case,
    CaseStatus,
    Client,
    Consent,
    ConsentDecision,
    ConsentKind,
    Contact,
    ContactMedium,
    CopyOf,
    Disengagement,
    Goal,
    NonStrength,
    NonStrengthKind,
    Objective,
    ObjectiveStatus,
    PlanReview,
    PracticeLine,
    ReadingLevel,
    Referral,
    ReferralStatus,
    ReferralStep,
    Reopening,
    Resource,
    ResourceKind,
    ReviewStatus,
    Strategy,
    Strength,
    StrengthKind,
    Task,
    TaskOwner,
)

MAX_TEXT = 100_000
MAX_NAME = 200
INT64_MAX = 2**63 - 1
"""Unbounded counters (revision, contact numbers) go up to the largest integer TOML promises."""

# --- text ------------------------------------------------------------------------------------

SPECIALS = (
    '"""',
    "'''",
    '"',
    "'",
    "\\",
    "\\n",
    "\\u0041",
    '\\"',
    "[/x]",
    "[b]",
    "[bold red]",
    "[/]",
    "[[goals]]",
    "[client]",
    "key = value",
    "#",
    "# sbcm-sha256: " + "0" * 64,
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "\x00",
    "\x01",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\u200b",
    "\u202e",
    "\ud800",
    "\udfff",
    "\ud83d\ude00",
    "😀",
    "👩🏽‍⚕️",
    "🇳🇿",
    "é",
    "e\u0301",
    "ß",
    "中文",
    "עברית",
    "\U0010ffff",
    " ",
    "  ",
    "",
)

_ANY_CHAR = st.characters(exclude_categories=())  # every code point, surrogates included
_SPECIAL = st.sampled_from(SPECIALS)
_ANY_TEXT = st.text(_ANY_CHAR, max_size=16)
# Few draws per string (generation time is dominated by the number of draws): a string is plain,
# or special, or plain text between two specials.
_MIXED = st.builds(lambda a, b, c: a + b + c, _SPECIAL, _ANY_TEXT, _SPECIAL)
_ANY = st.one_of(_MIXED, _ANY_TEXT, _SPECIAL)


def _clip(limit: int) -> Any:
    return lambda s: s[:limit]


def _long(limit: int) -> st.SearchStrategy[str]:
    """A string at (or just under) the field's limit: cheap to build, and long."""
    unit = st.sampled_from(("a", "é", "😀", "word ", 'q"', "line\n", "\\", "\t"))
    return st.builds(lambda u, n: (u * n)[:n], unit, st.integers(limit - 3, limit))


def texts(
    *, min_size: int = 0, max_size: int = MAX_TEXT, long_one_in: int = 0
) -> st.SearchStrategy[str]:
    """Hostile text; with ``long_one_in=n``, about one in n is as long as the field allows.

    Long strings are kept to a few fields: at 100,000 characters, a case with many of them
    takes far longer to write and parse, and finds nothing a single one would not."""
    short = _ANY.map(_clip(max_size))
    if min_size:
        short = short.map(lambda s: s or "-")
    if not long_one_in:
        return short
    # Weighted by hand: one_of flattens and de-duplicates its branches, so repeating one does
    # not weight it. Both strategies are built once, here, not per draw.
    long = _long(max_size)
    return st.integers(0, long_one_in - 1).flatmap(lambda i: long if i == 0 else short)


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


TEXT = texts()
REQUIRED_TEXT = texts(min_size=1)
LONG_TEXT = texts(long_one_in=40)
LONG_REQUIRED_TEXT = texts(min_size=1, long_one_in=40)
NAME = texts(min_size=1, max_size=MAX_NAME, long_one_in=8)

# --- ids ------------------------------------------------------------------------------------

_ALNUM = string.ascii_letters + string.digits
_LOWER_ALNUM = string.ascii_lowercase + string.digits


def _ids(first: str, rest: str, min_size: int, typical: list[str]) -> st.SearchStrategy[str]:
    """Ids matching ``[first][rest]{min_size-1,63}``: free-form, or one of a few typical and
    boundary shapes (cheaper to draw, and a case draws dozens of ids)."""
    free = st.text(rest, min_size=min_size, max_size=64).filter(lambda s: s[0] in first)
    edges = [first[0] * min_size, first[-1] + rest[-1] * 63, *typical]
    return st.one_of(free, st.sampled_from(edges))


ITEM_ID = _ids(_ALNUM, _ALNUM + "_-", 1, ["o1", "st-2", "ref_3", "G7", "0-", "a_b-C"])
SLUG = _ids(_LOWER_ALNUM, _LOWER_ALNUM + "_-", 1, ["daily-living", "brief-five", "x_", "9"])
CASE_ID = _ids(_LOWER_ALNUM, _LOWER_ALNUM + "-", 4, ["c-3f9a0b1c2d", "0---", "c-golden-v1"])

# --- dates, datetimes, numbers ---------------------------------------------------------------

DATES = st.dates()  # 0001-01-01 .. 9999-12-31

_ODD_OFFSETS = st.builds(
    lambda minutes, seconds, micros: timezone(
        timedelta(minutes=minutes, seconds=seconds, microseconds=micros)
    ),
    st.integers(-(24 * 60) + 1, 24 * 60 - 1),
    st.integers(0, 59),
    st.integers(0, 999_999),
)  # always strictly inside +-24 h, as Python requires

# Real zones with odd offsets, then and now (Amsterdam was +00:19:32 until 1937, Monrovia
# -00:43:08 in 1900). A fixed list: st.timezones() costs ten times as much per draw.
_REAL_ZONES = st.sampled_from(
    [
        ZoneInfo(name)
        for name in (
            "Europe/Amsterdam",
            "Africa/Monrovia",
            "Asia/Kolkata",
            "Asia/Kathmandu",
            "Pacific/Chatham",
            "Pacific/Kiritimati",
            "Pacific/Pago_Pago",
            "America/St_Johns",
            "Australia/Lord_Howe",
            "America/New_York",
        )
    ]
)
_ZONES = st.one_of(_REAL_ZONES, _ODD_OFFSETS, st.just(UTC))

DATETIMES = st.one_of(
    st.datetimes(),  # naive: taken as UTC
    # Aware: a day of margin at either end, so that the moment exists in UTC too.
    st.datetimes(
        min_value=datetime(1, 1, 2),
        max_value=datetime(9999, 12, 30),
        timezones=_ZONES,
    ),
)

COUNTER = st.integers(1, INT64_MAX)  # contact numbers, "at contact" fields
GAS = st.integers(-2, 2)
AGE = st.integers(0, 130)
MINUTES = st.integers(0, 24 * 60)


PICK = st.integers(0, 255)
"""An index into the ids that exist when a case is assembled (taken modulo their number)."""


def _ordered(dates: tuple[date | None, date | None]) -> tuple[date | None, date | None]:
    starts, ends = dates
    if starts and ends and ends < starts:
        return ends, starts
    return starts, ends


def _pick(ids: list[str], pick: int | None) -> str | None:
    return None if pick is None or not ids else ids[pick % len(ids)]


# --- the parts of a case ---------------------------------------------------------------------
# Every strategy is built once, at import: hypothesis spends much of its time on each new
# strategy object, and a case draws dozens of parts.

CLIENTS = st.builds(
    Client,
    preferred_name=NAME,
    pronouns=optional(TEXT),
    birth_date=optional(DATES),
    age=optional(AGE),
    living_situation=optional(LONG_TEXT),
    medical_conditions=st.lists(REQUIRED_TEXT, max_size=3),
    language=optional(TEXT),
    reading_level=optional(st.sampled_from(ReadingLevel)),
    how_to_reach=optional(TEXT),
)

CONSENTS = st.builds(
    lambda dates, **kw: Consent(starts=dates[0], ends=dates[1], **kw),
    st.tuples(optional(DATES), optional(DATES)).map(_ordered),
    id=ITEM_ID,
    party=REQUIRED_TEXT,
    scope=optional(TEXT),
    decision=st.sampled_from(ConsentDecision),
    note=optional(TEXT),
    kind=optional(st.sampled_from(ConsentKind)),
    withdrawn_on=optional(DATES),
)

STRENGTHS = st.builds(
    Strength,
    id=ITEM_ID,
    domain=SLUG,
    words=LONG_REQUIRED_TEXT,
    kind=st.sampled_from(StrengthKind),
    category=optional(SLUG),
    prompt_id=optional(SLUG),
    contact=optional(COUNTER),
    noted_on=optional(DATES),
)

NON_STRENGTHS = st.builds(
    NonStrength,
    id=ITEM_ID,
    kind=st.sampled_from(NonStrengthKind),
    note=REQUIRED_TEXT,
    noted_on=DATES,
    follow_up=optional(TEXT),
    open=st.booleans(),
    closed_on=optional(DATES),
    closing_note=optional(TEXT),
)

REOPENINGS = st.builds(Reopening, on=DATES, was=st.sampled_from(CaseStatus), reason=REQUIRED_TEXT)
COPIES_OF = st.builds(
    CopyOf,
    case_id=CASE_ID,
    revision=st.integers(0, INT64_MAX),
    made_at=DATETIMES,
    reason=st.sampled_from(["conflict", "recovery"]),
)

PLAN_STRATEGIES = st.builds(
    Strategy,
    id=ITEM_ID,
    step=REQUIRED_TEXT,
    who=optional(TEXT),
    target_date=optional(DATES),
    done=st.booleans(),
    done_on=optional(DATES),
)

OBJECTIVES = st.builds(
    Objective,
    id=ITEM_ID,
    text=REQUIRED_TEXT,
    measure=optional(TEXT),
    target_date=optional(DATES),
    status=st.sampled_from(ObjectiveStatus),
    achieved_on=optional(DATES),
    gas_level=optional(GAS),
    strategies=st.lists(PLAN_STRATEGIES, max_size=2),
)

GOALS = st.builds(
    Goal,
    id=ITEM_ID,
    words=REQUIRED_TEXT,
    domain=optional(SLUG),
    set_on=optional(DATES),
    confirmed_safe=st.booleans(),
    objectives=st.lists(OBJECTIVES, max_size=2),
)

RESOURCES = st.builds(
    Resource,
    id=ITEM_ID,
    name=REQUIRED_TEXT,
    kind=st.sampled_from(ResourceKind),
    how_to_reach=optional(TEXT),
    note=optional(TEXT),
)

TASKS = st.builds(
    Task,
    id=ITEM_ID,
    text=REQUIRED_TEXT,
    owner=st.sampled_from(TaskOwner),
    due=optional(DATES),
    contact=optional(COUNTER),
    done=st.booleans(),
    done_on=optional(DATES),
)

DISENGAGEMENTS = st.builds(
    Disengagement,
    started_at_contact=optional(COUNTER),
    accomplishments=optional(TEXT),
    independent_contact=optional(TEXT),
    completed_on=optional(DATES),
)

PRACTICE_CODES = st.sampled_from(
    ("open_question", "closed_question", "reflection", "affirmation", "other")
)

PRACTICE_LINES = st.builds(
    PracticeLine,
    speaker=st.sampled_from(("worker", "client")),
    text=TEXT,
    suggested=optional(PRACTICE_CODES),
    code=optional(PRACTICE_CODES),
    topic=optional(SLUG),
    revealed=st.lists(SLUG, max_size=2),
)

REFERRAL_STEPS = st.builds(ReferralStep, status=st.sampled_from(ReferralStatus), on=DATES)

# Parts that name other parts are drawn as keyword dicts with a PICK in place of each reference,
# and built once the case knows which ids exist.

BARRIER_PARTS = st.fixed_dictionaries(
    {
        "id": ITEM_ID,
        "text": REQUIRED_TEXT,
        "objective_id": optional(PICK),
        "noted_on": optional(DATES),
        "resolved": st.booleans(),
        "resolved_on": optional(DATES),
    }
)

REFERRAL_PARTS = st.fixed_dictionaries(
    {
        "id": ITEM_ID,
        "resource_id": PICK,
        "purpose": optional(TEXT),
        "objective_id": optional(PICK),
        "history": st.lists(REFERRAL_STEPS, min_size=1, max_size=3),
    }
)

PLAN_REVIEW_PARTS = st.fixed_dictionaries(
    {
        "item_id": PICK,
        "item": st.sampled_from(("objective", "strategy")),
        "status": st.sampled_from(ReviewStatus),
        "note": optional(TEXT),
    }
)

CONTACT_PARTS = st.fixed_dictionaries(
    {
        "number": COUNTER,
        "on": DATES,
        "minutes": optional(MINUTES),
        "medium": st.sampled_from(ContactMedium),
        "steps_done": st.lists(SLUG, max_size=3),
        "carried_over": optional(TEXT),
        "summary": optional(TEXT),
        "notes": optional(LONG_TEXT),
        "plan_reviews": st.lists(PLAN_REVIEW_PARTS, max_size=2),
        "practice_lines": st.lists(PRACTICE_LINES, max_size=3),
    }
)


def _plan_review(
    parts: dict[str, Any], objective_ids: list[str], strategy_ids: list[str]
) -> PlanReview | None:
    item = parts["item"]
    if not strategy_ids:
        item = "objective"
    if not objective_ids:
        item = "strategy"
    item_id = _pick(objective_ids if item == "objective" else strategy_ids, parts["item_id"])
    if item_id is None:  # nothing in the plan to review
        return None
    return PlanReview(**{**parts, "item": item, "item_id": item_id})


@st.composite
def cases(draw: st.DrawFn) -> Case:
    """A valid case: every field drawn, references consistent."""
    goals = draw(st.lists(GOALS, max_size=2))
    objective_ids = [o.id for g in goals for o in g.objectives]
    strategy_ids = [s.id for g in goals for o in g.objectives for s in o.strategies]
    resources = draw(st.lists(RESOURCES, max_size=2))
    resource_ids = [r.id for r in resources]
    barriers = [
        Barrier(**{**parts, "objective_id": _pick(objective_ids, parts["objective_id"])})
        for parts in draw(st.lists(BARRIER_PARTS, max_size=2))
    ]
    referrals = [
        Referral(
            **{
                **parts,
                "resource_id": _pick(resource_ids, parts["resource_id"]),
                "objective_id": _pick(objective_ids, parts["objective_id"]),
            }
        )
        for parts in draw(st.lists(REFERRAL_PARTS, max_size=2))
        if resource_ids
    ]
    contacts = []
    for parts in draw(st.lists(CONTACT_PARTS, max_size=2)):
        reviews = [_plan_review(r, objective_ids, strategy_ids) for r in parts["plan_reviews"]]
        contacts.append(Contact(**{**parts, "plan_reviews": [r for r in reviews if r is not None]}))
    return Case(
        id=draw(CASE_ID),
        status=draw(st.sampled_from(CaseStatus)),
        practice=draw(st.booleans()),
        scenario=draw(optional(SLUG)),
        protocol=draw(SLUG),
        worker=draw(optional(TEXT)),
        strength_draft=draw(optional(TEXT)),
        unsaved_form=draw(optional(TEXT)),
        created_at=draw(DATETIMES),
        updated_at=draw(DATETIMES),
        revision=draw(st.integers(0, INT64_MAX)),
        next_contact_on=draw(optional(DATES)),
        client=draw(CLIENTS),
        consents=draw(st.lists(CONSENTS, max_size=2)),
        strengths=draw(st.lists(STRENGTHS, max_size=2)),
        non_strengths=draw(st.lists(NON_STRENGTHS, max_size=2)),
        goals=goals,
        barriers=barriers,
        resources=resources,
        referrals=referrals,
        tasks=draw(st.lists(TASKS, max_size=2)),
        contacts=contacts,
        disengagement=draw(optional(DISENGAGEMENTS)),
        reopenings=draw(st.lists(REOPENINGS, max_size=2)),
        copy_of=draw(optional(COPIES_OF)),
    )


CASES = cases()
