"""Property tests: both file formats give back exactly the case that was saved, and a file cut
short never loads as a (shorter, silently incomplete) case.

Drawing a whole case is most of the cost, so each drawn case is checked in both formats: the
round trip runs ROUNDTRIP_EXAMPLES cases through TOML *and* through JSON."""

from __future__ import annotations

import os
from datetime import UTC, timedelta

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from sbcm_tui.core.case import Case
from sbcm_tui.files.casefile import CaseFileError, CaseFormat, dump_case, load_case, unsealed
from tests.strategies import CASES

ROUNDTRIP_EXAMPLES = int(os.environ.get("SBCM_ROUNDTRIP_EXAMPLES", "300"))
ROUNDTRIP_SHARDS = 3
"""The round trip runs as this many tests of ROUNDTRIP_EXAMPLES / ROUNDTRIP_SHARDS cases each,
so that pytest-xdist can spread them over the cores. 300 cases each run (about 10 s of the suite);
``SBCM_ROUNDTRIP_EXAMPLES=5000`` for a deeper search after a change to the file formats. Hypothesis
keeps the examples that ever failed in its database and tries them first, so a depth found once is
not lost."""
TRUNCATION_EXAMPLES = 120
CUTS_PER_FORMAT = 8

# A drawn case is big (dozens of parts, the odd 100,000-character note): hypothesis flags the
# draw as slow and, now and then, as large. Both are what these tests are for.
BIG_ON_PURPOSE = [HealthCheck.too_slow, HealthCheck.data_too_large]


def _assert_utc(case: Case) -> None:
    for moment in (case.created_at, case.updated_at):
        assert moment.tzinfo is UTC
        assert moment.utcoffset() == timedelta(0)


@pytest.mark.parametrize("shard", range(ROUNDTRIP_SHARDS))
@settings(
    max_examples=ROUNDTRIP_EXAMPLES // ROUNDTRIP_SHARDS,
    deadline=None,
    suppress_health_check=BIG_ON_PURPOSE,
)
@given(case=CASES)
def test_save_load_gives_the_same_case_and_resave_the_same_bytes(shard: int, case: Case) -> None:
    _assert_utc(case)  # the model itself brings every moment to UTC
    # Stricter than ==, which lets True == 1 and equal instants in other zones pass.
    exactly = case.model_dump_json()
    for fmt in CaseFormat:
        raw = dump_case(case, fmt)
        loaded = load_case(raw, fmt, "x")
        assert loaded == case, fmt
        assert loaded.model_dump_json() == exactly, fmt
        _assert_utc(loaded)
        # Re-saving an unchanged case gives identical bytes.
        assert dump_case(loaded, fmt) == raw, fmt


def _line_ends(raw: bytes) -> list[int]:
    """Cut points just after each newline: where a cut-short TOML file is most plausible."""
    return [i + 1 for i, byte in enumerate(raw) if byte == ord("\n")]


@settings(max_examples=TRUNCATION_EXAMPLES, deadline=None, suppress_health_check=BIG_ON_PURPOSE)
@given(case=CASES, data=st.data())
def test_a_file_cut_short_never_loads(case: Case, data: st.DataObject) -> None:
    for fmt in CaseFormat:
        raw = dump_case(case, fmt)
        # Every cut up to len - 2 loses content: for TOML at least the last digit of the
        # checksum, for JSON at least the closing brace. Cutting only the final newline loses
        # nothing; that one is checked (and allowed) below.
        last = len(raw) - 2
        anywhere = st.integers(0, last)
        at_line_end = st.sampled_from([i for i in _line_ends(raw) if i <= last] or [0])
        cuts = data.draw(
            st.lists(anywhere | at_line_end, min_size=1, max_size=CUTS_PER_FORMAT),
            label=f"{fmt.value} cuts",
        )
        for cut in cuts:
            short = raw[:cut]
            with pytest.raises(CaseFileError) as caught:
                load_case(short, fmt, "x")
            event(f"{fmt.value}: refused as {caught.value.kind.value}")
            if fmt is CaseFormat.TOML:
                # How often the checksum was all that stood between us and a short case.
                try:
                    body_alone = load_case(unsealed(short), fmt, "x", check_seal=False)
                except CaseFileError:
                    continue
                if body_alone != case:
                    event("toml: a shorter case that only the checksum caught")
        # Losing only the trailing newline loses no data: both formats accept it, unchanged.
        assert load_case(raw[:-1], fmt, "x") == case


@pytest.mark.parametrize(
    "text",
    [
        "first line\nsecond \u202eline",  # bidi control in multi-line text
        "quote ''' then\n\x1b[31mred\x1b[0m",  # literal-string breaker and an escape sequence
        "one line \u2066isolated\u2069 'quoted'",
        "tab\tand\r\nwindows line end",
    ],
)
def test_text_with_unseen_characters_is_written_as_escapes_and_reads_back(text: str) -> None:
    """rtoml writes multi-line text as a literal string, where ``\\u202e`` would read back as
    six characters: such text must take the path whose strings take escapes."""
    from sbcm_tui.core.case import Client
    from sbcm_tui.core.untrusted import UNSEEN

    case = Case(client=Client(preferred_name="Ana", living_situation=text))
    raw = dump_case(case, CaseFormat.TOML)
    assert not UNSEEN.search(raw.decode()), "a raw unseen character reached the file"
    assert load_case(raw, CaseFormat.TOML, "x") == case  # (the model keeps \n for \r\n)


@pytest.mark.parametrize(
    "text",
    [
        "it's\nthree ''' quotes inside",
        "ends in quotes\n''",
        "ends in one quote\n'",
        'a back\\slash and "double" quotes\nline two \\n not a newline',
        "'''\n'''",
    ],
)
def test_multi_line_text_that_breaks_literal_strings_reads_back(text: str) -> None:
    """Quotes and backslashes in multi-line text: rtoml must write a string that reads back as
    written (a literal string cannot hold three quotes in a row)."""
    from sbcm_tui.core.case import Client

    case = Case(client=Client(preferred_name="Ana", living_situation=text))
    assert load_case(dump_case(case, CaseFormat.TOML), CaseFormat.TOML, "x") == case
