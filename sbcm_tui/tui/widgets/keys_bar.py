"""The keys that work here, on one line at the bottom: a lighter Footer.

Textual's Footer rebuilds a widget per key every time focus moves. In a contact, focus moves on
every step change, and measured here that rebuild doubled the time of a move (about 100 ms of
some 200). This bar redraws one line of text instead; keys stay the single source of truth
(the screen's active bindings), so it shows exactly what Footer would.
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

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        seen: set[str] = set()
        parts: list[Content] = []
        palette_key = None
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
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
            self.refresh()

    def render(self) -> RenderResult:
        return self._line
