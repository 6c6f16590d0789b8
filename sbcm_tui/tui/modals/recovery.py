"""What an earlier run could not save, offered back when sbcm starts on the same folder.

One line per kept case: whose, when it was kept, and why. Enter puts the highlighted one back
(over its file when that file has not changed since, else as a copy beside it that says what it
is a copy of); ``x`` lets it go, after asking; Escape leaves them all for next time. Nothing is
put back without being asked, and nothing kept is removed without being asked.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from sbcm_tui.core.dates import format_date
from sbcm_tui.files import recovery
from sbcm_tui.files.store import CaseStore, SaveConflict, SaveFailed
from sbcm_tui.tui.modals.confirm import ConfirmModal


def kept_line(kept: recovery.Recovered) -> Text:
    """``Ana Lucero · kept Tue 1 Dec 2026 14:05 · the app stopped …`` as plain text."""
    when = kept.kept_at.astimezone()
    return Text.assemble(
        (kept.case.client.preferred_name, "bold"),
        f" · kept {format_date(when.date())} {when:%H:%M}",
        (f" · {kept.reason}" if kept.reason else "", "dim"),
    )


class RecoveryModal(ModalScreen[None]):
    """The cases an earlier run kept: put each back, or let it go."""

    DEFAULT_CSS = """
    RecoveryModal { align: center middle; }
    RecoveryModal > Vertical {
        width: 80; max-width: 100%; height: auto; max-height: 100%;
        border: round $warning; background: $surface; padding: 0 1;
    }
    RecoveryModal .title { text-style: bold; }
    RecoveryModal .hint { color: $text-muted; }
    RecoveryModal OptionList { height: auto; max-height: 12; }
    RecoveryModal #recovery-said { height: auto; }
    """
    BINDINGS = [
        Binding("escape", "later", "Later", id="recovery.later", tooltip="Ask again next time"),
        Binding("x", "let_go", "Let go", id="recovery.let_go", tooltip="Remove it (asks first)"),
    ]

    def __init__(self, kept: list[recovery.Recovered], store: CaseStore) -> None:
        super().__init__()
        self.kept = list(kept)
        self.store = store

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Words kept from an earlier run", classes="title", markup=False)
            yield Static(
                "sbcm could not save these when it stopped. Enter puts one back (as a copy if "
                "its file changed since), x lets it go, Escape asks again next time.",
                classes="hint",
                markup=False,
            )
            yield OptionList(*self._options(), id="recovery-list")
            yield Static("", id="recovery-said", markup=False)

    def _options(self) -> list[Option]:
        return [Option(kept_line(k), id=str(i)) for i, k in enumerate(self.kept)]

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def _highlighted(self) -> recovery.Recovered | None:
        listing = self.query_one(OptionList)
        index = listing.highlighted
        return self.kept[index] if index is not None and index < len(self.kept) else None

    def _done_with(self, kept: recovery.Recovered, said: str) -> None:
        self.kept.remove(kept)
        if not self.kept:
            self.dismiss(None)
            self.app.notify(said, markup=False)
            return
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options(self._options())
        self.query_one("#recovery-said", Static).update(said)

    @on(OptionList.OptionSelected)
    def _put_back(self) -> None:
        kept = self._highlighted()
        if kept is None:
            return
        try:
            opened, as_copy = recovery.put_back(kept, self.store)
        except (SaveFailed, SaveConflict) as exc:
            self.query_one("#recovery-said", Static).update(
                f"Not put back: {getattr(exc, 'reason', 'the file changed again')}. It is kept."
            )
            return
        where = f"as a copy, {opened.path.name}" if as_copy else opened.path.name
        self._done_with(kept, f"Put back: {where}.")

    def action_let_go(self) -> None:
        kept = self._highlighted()
        if kept is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                recovery.forget(kept)
                self._done_with(kept, "Let go.")

        who = kept.case.client.preferred_name
        self.app.push_screen(
            ConfirmModal("Let these kept words go?", f"{who}: they are not in the case file.",
                         verb="Let go"),
            answered,
        )  # fmt: skip

    def action_later(self) -> None:
        self.dismiss(None)
