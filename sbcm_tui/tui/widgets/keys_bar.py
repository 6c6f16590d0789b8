"""The keys that work here, on one line at the bottom: a lighter Footer.

Textual's Footer rebuilds a widget per key every time focus moves. In a contact, focus moves on
every step change, and measured here that rebuild doubled the time of a move (about 100 ms of
some 200). This bar redraws one line of text instead; keys stay the single source of truth
(the screen's active bindings), so it shows exactly what Footer would.

When the keys do not all fit (80 columns), whole keys are left off from the end, never a key cut
in half, and the line ends with ``f1 more``: the first keys of a screen are the ones it cannot
do without, so screens list their bindings in that order.
"""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget


class KeysBar(Widget):
    """One line: each shown binding as ``key description``, greyed out when disabled."""

    DEFAULT_CSS = """
    KeysBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        padding: 0 1;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._line = Content("")
        self._parts: list[Content] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._show_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    _redraw_pending = False

    def _bindings_changed(self, screen: Screen) -> None:
        """Textual says the keys may have changed, often twice in a row (a step move takes the
        focus away, then gives it to the new step's field): the keys are worked out once,
        when the handler that changed them is done, and before the next frame."""
        if self._redraw_pending or not self.is_attached or screen is not self.screen:
            return
        self._redraw_pending = True
        self.call_next(self._show_keys)

    def _show_keys(self) -> None:
        self._redraw_pending = False
        if not self.is_attached:  # (gone with its screen meanwhile)
            return
        screen = self.screen
        seen: set[str] = set()
        parts: list[Content] = []
        palette_key = None
        # The screen's own keys first (ending a contact, moving between steps), then those of
        # the widget in focus: when they do not all fit, it is the latter that are left off.
        ordered = sorted(screen.active_bindings.values(), key=lambda b: b[0] is not screen)
        for _node, binding, enabled, _tooltip in ordered:
            if binding.action in ("command_palette", "app.command_palette"):
                palette_key = self.app.get_key_display(binding)
                continue
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            style = "$footer-key-foreground" if enabled else "$text-disabled"
            parts.append(
                Content.assemble(
                    (f"{key} ", f"bold {style}"),
                    (binding.description, "" if enabled else "$text-disabled"),
                )
            )
        if palette_key and self.app.ENABLE_COMMAND_PALETTE:
            parts.append(Content.assemble((f"{palette_key} ", "bold"), "palette"))
        line = Content("  ").join(parts)
        if line != self._line:
            self._line = line
            self._parts = parts
            self.refresh()

    def render(self) -> RenderResult:
        return fitted(self._parts, self.content_size.width) if self._parts else self._line


MORE = Content.assemble(("f1 ", "bold"), "more")
GAP = Content("  ")


def fitted(parts: list[Content], width: int) -> Content:
    """The parts joined, or as many as fit followed by ``f1 more`` (whole keys only)."""
    line = GAP.join(parts)
    if width <= 0 or line.cell_length <= width:
        return line
    kept: list[Content] = []
    for part in parts:
        trial = GAP.join([*kept, part, MORE])
        if trial.cell_length > width:
            break
        kept.append(part)
    return GAP.join([*kept, MORE])
