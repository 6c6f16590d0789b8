"""Help: the keys, where they work, and the few ideas behind the app."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# sbcm: keys

**Everywhere**

| key | what it does |
|---|---|
| ctrl+q | save and quit |
| ctrl+l | privacy: blank the screen at once; ctrl+l again brings it back |
| ctrl+p | command palette: new case, open case, start contact, jump to a step, add a safety note |
| f1 | this help |
| f2 | record risk, health or a limitation (non-strengths information) for the open case |
| f9 | switch between the light and the dark theme (the palette lists them all) |

**Caseload**: type to filter (or `/`), Enter opens, `n` new case, f4 reviews the highlighted
case (read only), f6 shows the outcomes dashboard, f8 opens practice, f5 reads the folder again.

**Case**: `c` starts the next contact, the tabs hold strengths, the plan, barriers,
resources, tasks, contacts and safety; f4 shows the staffing review, f7 exports (staffing
summary, the client's strengths handout, a progress note, or everything; Markdown, HTML, JSON
or TOML); Escape goes back to the caseload. `h` lists the versions of the case kept on disk
(Enter shows what differs from now, `r` brings one back); `u` shows its audit trail (who
opened, reviewed, exported or changed it, and whether the log is whole). On the safety list,
Space closes a note (asking what changed) or opens it again. On the Contacts tab, `x` or
Delete removes a contact entered by mistake, after asking. `R` reopens a disengaged or closed
case, with the reason. On a conflict copy, `o` compares it with the case it is a copy of.

**Review**: the case in staffing order on one screen; f7 exports, Escape goes back.

**Outcomes dashboard**: `+`/`-` change the days without contact that count as quiet by one,
`[`/`]` by a week; Escape goes back.

**Practice** (f8 on the caseload): on a scenario `s` practises solo and `p` with a partner; on
a practice case the same keys carry on, `f` shows its last feedback, `x` removes it. In solo
practice, Enter says your line and the client answers; `↑` then `o`/`c`/`r`/`a`/`x` corrects a
line's code (or alt with the letter for your last line); f12 shows the scenario card, f8
switches between talking and the guided steps, f10 ends the contact and shows the feedback.
Practice cases live in their own folder, never in the caseload.

**Consents** (at the foot of the Overview, and of the first contact's engagement step; ctrl+r
reaches them from any tab of a case and any step of a contact): on the list, `a` adds one,
Enter or `e` changes it, `w` withdraws it from today, `x` deletes one recorded by mistake. In
the form, Enter or ctrl+s saves and Escape closes.

**Contact**: ctrl+n next step, ctrl+b back a step, ctrl+g marks the step done and moves on,
f3 or Escape goes to the step list, f4 shows the whole case (the review, read only; Escape
comes back), ctrl+t pauses the session clock, f10 ends the contact, shift+f10 pauses it
(step out without ending; `c` on the case carries on with it that day, clock and all)
(a contact with nothing recorded in it is dropped rather than kept empty). A contact is
saved from the first thing recorded in it; one left empty is taken up again by the next `c`.

## Saving

Every change is saved about a second after you stop typing; the corner says *saved* or
*unsaved*. Each save keeps the version it replaced (`h` on the case, `sbcm history` and
`sbcm restore` on the command line). If someone else changed the same case file, you choose:
keep yours as a copy (the caseload marks it, and says what it is a copy of), reload theirs, or
overwrite (theirs stays in the history). If the app ever stops on an error, what you had typed
is kept and offered back the next time it starts. Quitting saves first. Words typed in the
strength field, in a plan form (goal, objective, step, barrier) or in a safety note are kept in
the file before you save them; if the app closes with a form open, the case shows what was left
in it.

## The work

Five contacts: building the relationship, assessing personal strengths, learning to make
contact, reviewing progress, completing the work. From the second contact on, each one opens
with what was promised last time and a review of the plan. Goals are the client's own words;
objectives are specific and measurable; strategies are the small steps; each has a date.
"""


class HelpScreen(ModalScreen[None]):
    """Keys and the few ideas behind the app. Escape or f1 closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90; max-width: 100%; height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [
        Binding("escape", "close", "Close", id="help.close"),
        Binding("f1", "close", "Close", id="help.close_f1", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(HELP)

    def action_close(self) -> None:
        self.dismiss(None)
