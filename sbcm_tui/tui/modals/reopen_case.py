"""Reopening a disengaged or closed case: why it is taken up again, kept on the case.

A client the work ended with comes back (a new crisis, a move, a loss). The case is reopened
rather than started over, so the strengths and the plan carry on, and the reason is kept with
the day and what the case was (``Case.reopenings``), on the Overview and in the full export.
Enter reopens (a reason is needed); Escape changes nothing, asking first if a word was typed.
"""

from __future__ import annotations

from textual.content import Content

from sbcm_tui.core.case import CaseStatus
from sbcm_tui.tui.modals.reason import ReasonModal


class ReopenCaseModal(ReasonModal):
    """The reason a case is reopened (None: it stays as it is)."""

    form_name = "Reopening the case"
    placeholder = "Why it is reopened"
    go_label = "Reopen"
    when_missing = "A reason is needed: what brings the client back?"
    when_discarded = "The case stays as it is."

    def __init__(self, name: str, status: CaseStatus) -> None:
        super().__init__()
        self.client_name = name
        self.status = status

    def heading(self) -> Content:
        return Content.assemble("Reopen the case of ", (self.client_name, "bold"), "?")

    def explanation(self) -> Content:
        return Content(
            f"It is {self.status.value}. Reopened, it is active again and the next contact "
            "can begin; the reason is kept on the case."
        )
