"""A screen that does not restyle itself on its first resume.

Textual restyles every widget of a screen each time the screen is resumed, the first time
included, though compose has only just styled them all. On the case screen that second pass was
a third of the time to open a case, and on the caseload a good part of start-up. Later resumes
(coming back from another screen, perhaps after a theme change) still restyle.
"""

from __future__ import annotations

from textual.events import ScreenResume

from sbcm_tui.tui.screens.base import SbcmScreen


class StyledOnce(SbcmScreen):
    """Base for screens that are styled at compose and need no restyle when first shown."""

    _shown_before = False

    def _on_screen_resume(self, event: ScreenResume) -> None:
        # Textual calls one resume handler per class: subclasses keep ``on_screen_resume``.
        if not self._shown_before:
            event.refresh_styles = False
            self._shown_before = True
        super()._on_screen_resume(event)
