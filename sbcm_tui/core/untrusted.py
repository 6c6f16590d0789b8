"""Text from outside the app, on its way to a terminal, a page or a file: one set of rules.

A case file, a scenario, a protocol file or a file name can hold any character. A few of them act
instead of showing: ``ESC ] 52`` writes the worker's clipboard, ``ESC ] 0`` the window title,
``ESC [ 2 J`` clears the screen, a C1 control (U+009B is a one-byte CSI) does the same on some
terminals, and the bidi controls (U+202E and friends) reorder what is read, on a screen and on a
printed staffing summary. Anyone who can put a file in a shared case folder, or paste text, could
use them. These are the characters this module calls *unseen*, and every way out of the app goes
through one of the functions here:

* :func:`shown`: for the screen, each unseen character becomes a visible placeholder (``␛`` for
  ESC, ``⟨U+202E⟩`` for a bidi control), so a worker sees that something odd is there and the
  terminal never receives it;
* :func:`one_line`: the same, folded onto one line (a table cell, a banner, a title);
* :func:`typed`: text typed or pasted into a field, cleaned on the way in (escape sequences
  dropped whole, other unseen characters dropped; line breaks and tabs kept where the field
  takes several lines);
* :func:`escaped_unseen`: for JSON and TOML output, each unseen character written as a
  ``\\uXXXX`` escape (the same text for any reader, and none of it raw in the bytes);
* :data:`UNSEEN`: the pattern itself, for the screen's last line of defence
  (``tui/terminal_guard.py``), which drops whatever reaches the terminal anyway.

The words themselves are never changed in the case: only how they are shown or written.
"""

from __future__ import annotations

import re

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Arabic letter mark, LRM/RLM, the embeddings and overrides, the isolates."""

UNSEEN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]")
"""Characters that act on a terminal or on the order of text instead of showing. Tab and line
feed are not in it: where text has lines they are its shape (:data:`UNSEEN_IN_A_LINE` adds
them)."""

UNSEEN_IN_A_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]")

_ESCAPE_SEQUENCE = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]             # CSI: colours, cursor moves, clearing
    | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?  # OSC: titles, clipboard, links (to BEL or ST)
    | \x1b[PX^_][^\x1b]*(?:\x1b\\)?     # DCS, SOS, PM, APC strings
    | \x1b[ -/]*[0-~]                   # the two- and three-character ones
    | \x9b[0-?]*[ -/]*[@-~]             # CSI as one C1 byte
    """,
    re.VERBOSE,
)

_NAMES = {"\x1b": "␛", "\x7f": "␡", "\u2028": "⟨LS⟩", "\u2029": "⟨PS⟩"}


def _placeholder(match: re.Match[str]) -> str:
    character = match.group()
    if character in _NAMES:
        return _NAMES[character]
    code = ord(character)
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␀ ␇ ␉ ␊ ...
    return f"⟨U+{code:04X}⟩"


def shown(text: str) -> str:
    """Text for the screen: every unseen character as a visible placeholder; tabs and line
    breaks as they are (a widget that shows one line folds them, see :func:`one_line`)."""
    return UNSEEN.sub(_placeholder, text)


def one_line(text: str, width: int | None = None, *, empty: str = "") -> str:
    """Text on one line for a cell, a banner or a title: unseen characters shown, runs of
    blanks and line breaks as one space, cut to ``width`` with "…"; ``empty`` when nothing is
    left."""
    flat = " ".join(shown(text).split()) or empty
    if width is not None and len(flat) > width:
        return flat[: max(width - 1, 0)] + "…"
    return flat


def without_escape_sequences(text: str) -> str:
    """Text with every whole terminal escape sequence taken out (ESC and C1 alone stay)."""
    return _ESCAPE_SEQUENCE.sub("", text)


def typed(text: str, *, lines: bool = True) -> str:
    """What a field keeps of pasted or typed text: escape sequences dropped whole (a colour code
    copied with the text), then every other unseen character; with ``lines`` tabs and line
    breaks stay (a note), without them they become spaces (a one-line field)."""
    text = _ESCAPE_SEQUENCE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not lines:
        text = text.replace("\n", " ").replace("\t", " ")
    return UNSEEN.sub("", text)


def escaped_unseen(serialised: str) -> str:
    """JSON or TOML text with each raw unseen character written as a ``\\uXXXX`` escape.

    Both formats read the escape back as the same character, and every unseen character can
    only be inside a string there (keys and syntax are ours and plain), so the document means
    exactly what it meant; its bytes just no longer hold anything a terminal or a viewer acts
    on."""
    return UNSEEN.sub(lambda m: f"\\u{ord(m.group()):04x}", serialised)
