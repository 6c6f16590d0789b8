"""Whether a text is in the client's own words: the test a goal must pass.

A goal is the client's, said their way; the worker helps shape it and never rewrites it into
service language ("obtain stable housing"). A goal passes when it quotes what the client said,
repeats a run of their words, or is mostly made of words they used. Words are compared by rough
stem, so "apartment" and "apartments" meet; the little words (a, the, to, want) do not count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sbcm_tui.practice.topics import stems

ECHO_RUN = 4
"""Words in a row shared with something the client said that make a goal "in their words"."""

OVERLAP = 0.6
"""Or the share of a goal's own words (not the little ones) the client used."""

_QUOTED = re.compile(r"[\"\u201c]([^\"\u201d]{3,})[\"\u201d]")
_LITTLE = frozenset(
    stems(
        "a an the and or but to of in on at for with by from my me i you your it is am are be "
        "was were will would want wants like get to that this so just some more"
    )
)


def in_client_words(goal: str, said: Iterable[str]) -> bool:
    """Whether a goal is in the client's words: it quotes them, repeats a run of their words,
    or is mostly made of words they used."""
    heard = [stems(text) for text in said]
    goal_words = stems(goal)
    if not goal_words:
        return False
    for quote in _QUOTED.findall(goal):
        if any(_contains(h, stems(quote)) for h in heard):
            return True
    run = max((_longest_run(goal_words, h) for h in heard), default=0)
    if run >= min(ECHO_RUN, len(goal_words)):
        return True
    own = {w for w in goal_words if w not in _LITTLE}
    used = {w for h in heard for w in h}
    return bool(own) and len(own & used) / len(own) >= OVERLAP


def _contains(words: list[str], part: list[str]) -> bool:
    n = len(part)
    return n > 0 and any(words[i : i + n] == part for i in range(len(words) - n + 1))


def _longest_run(a: list[str], b: list[str]) -> int:
    """The most words in a row the two share."""
    best = 0
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best
