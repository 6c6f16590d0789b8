"""The terminal's side of untrusted text: nothing a case holds is sent to it as a control.

Screens show client text through :func:`sbcm_tui.core.untrusted.shown` and friends, which turn
escapes and bidi controls into visible placeholders. Two gates here make sure of the rest:

* :class:`UnseenFilter`, a Textual line filter the app adds to its own: every line drawn, by any
  widget (a table cell, a toast, the palette, an input holding a loaded value), has any unseen
  character left in it dropped before the line is written. Those characters are zero cells wide,
  so dropping them never moves anything on the screen.
* :class:`PasteSafeParser`, in place of Textual's input parser: inside a bracketed paste an ESC
  made Textual's parser end the paste early and replay the rest as key presses, so
  ``ab<ESC>[31mcd`` pasted became ``^[31mcd`` typed before ``ab``. Escape sequences inside a paste
  are now dropped before the parser sees them; what is left arrives as one paste, in order, and
  the app then keeps only what the field can take (``untrusted.typed``).
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.drivers import linux_driver
from textual.filter import LineFilter

from sbcm_tui.core.untrusted import UNSEEN, UNSEEN_IN_A_LINE, without_escape_sequences

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"


def typed_control(character: str | None) -> bool:
    """A bidi control, C1 control or line separator typed as a key (the C0 ones are Escape,
    Tab, Enter and the ctrl keys, and stay keys): no field takes it."""
    return bool(character) and ord(character[0]) >= 0x80 and bool(UNSEEN.fullmatch(character))


class UnseenFilter(LineFilter):
    """Drop unseen characters from every segment of every line drawn."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        search, sub = UNSEEN_IN_A_LINE.search, UNSEEN_IN_A_LINE.sub
        if not any(search(segment.text) for segment in segments):
            return segments
        return [
            Segment(sub("", text), style, control)
            if search(text)
            else Segment(text, style, control)
            for text, style, control in segments
        ]


class PasteSafeParser(linux_driver.XTermParser):
    """Textual's parser, fed pastes with their escape sequences taken out."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._in_paste = False
        self._held = ""  # inside a paste: text that may end in half an escape sequence
        self._seen = ""  # outside: the last characters, for a start marker split in two reads

    def feed(self, data: str):  # type: ignore[no-untyped-def]
        if not data:
            return super().feed(data)  # the end of input, as the driver says it
        guarded = self.guard(data)
        # Everything held back (half a sequence inside a paste): nothing to parse yet, and an
        # empty feed would tell the parser the input has ended.
        return super().feed(guarded) if guarded else ()

    def guard(self, data: str) -> str:
        """``data`` as the parser should see it: unchanged outside a paste (a lone Escape key
        must not wait), cleaned inside one."""
        out: list[str] = []
        while data:
            if not self._in_paste:
                window = self._seen + data
                at = window.find(PASTE_START)
                if at < 0:
                    out.append(data)
                    self._seen = window[-(len(PASTE_START) - 1) :]
                    break
                split = at + len(PASTE_START) - len(self._seen)
                out.append(data[:split])
                data, self._in_paste, self._seen = data[split:], True, ""
                continue
            held = self._held + data
            end = held.find(PASTE_END)
            if end < 0:
                cut = held.rfind("\x1b")  # perhaps the start of a sequence or of the end mark
                keep = held if cut < 0 else held[:cut]
                out.append(without_escape_sequences(keep).replace("\x1b", ""))
                self._held = "" if cut < 0 else held[cut:]
                break
            out.append(without_escape_sequences(held[:end]).replace("\x1b", "") + PASTE_END)
            data, self._in_paste, self._held = held[end + len(PASTE_END) :], False, ""
        return "".join(out)


def install() -> None:
    """Use the paste-safe parser for the terminal this process drives (the driver makes its
    parser when its input thread starts)."""
    linux_driver.XTermParser = PasteSafeParser  # type: ignore[misc]
