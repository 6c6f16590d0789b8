"""The export dialog: pick what to write (staffing summary, handout, progress note, everything,
and for a practice case the feedback on a contact), the format, the contact for a kind about
one contact, and where the file goes.

The kinds and formats are the tables ``sbcm export`` offers (``sbcm_tui.exports``), so the app
and the command line write the same bytes. The default file name is the case id and the kind,
never the client's name. The file is written atomically and owner-only; a file that is already
there is replaced only when Export is pressed a second time; a failure is said in the dialog,
which stays open so nothing typed is lost. The dialog returns :class:`ExportDone` or None.

It is the only export dialog: the practice feedback screen opens it too, with the feedback
kind and its contact chosen. Kinds made only for practice cases are offered only there.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from sbcm_tui.core.case import Case
from sbcm_tui.core.dates import format_date
from sbcm_tui.exports import FORMATS, KINDS, ExportError, default_file_name, render_export
from sbcm_tui.files.atomic import ensure_private_folder, write_atomic
from sbcm_tui.tui.widgets.field import Field


@dataclass(frozen=True, slots=True)
class ExportDone:
    """What was written, and where."""

    path: Path
    kind: str
    fmt: str


def shown_path(path: Path) -> str:
    """A path as a person would type it: the home folder as ``~``."""
    home = Path.home()
    try:
        return "~" + os.sep + str(path.relative_to(home))
    except ValueError:
        return str(path)


class ExportModal(ModalScreen[ExportDone | None]):
    """Choose and write one export of ``case``; Enter or the button writes, Escape cancels."""

    DEFAULT_CSS = """
    ExportModal { align: center middle; }
    ExportModal #export-dialog {
        width: 78; max-width: 100%; height: auto; max-height: 100%;
        padding: 0 2; background: $panel; border: round $primary;
    }
    ExportModal .export-title { text-style: bold; }
    ExportModal .hint { color: $text-muted; }
    ExportModal .export-row { height: auto; margin-top: 1; }
    ExportModal .export-label { width: 10; padding-top: 0; color: $text-muted; }
    ExportModal .export-row Select { width: 1fr; }
    ExportModal #export-path { width: 1fr; }
    ExportModal #export-contact-row.-hidden { display: none; }
    ExportModal #export-message { color: $warning; height: auto; }
    ExportModal #export-buttons { height: 1; margin-top: 1; }
    ExportModal #export-buttons Button { margin-right: 2; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="export.cancel", tooltip="Close without writing"),
        Binding(
            "ctrl+s",
            "export",
            "Export",
            id="export.write",
            priority=True,
            tooltip="Write the file now",
        ),
    ]

    AUTO_FOCUS = "#export-kind"

    def __init__(
        self,
        case: Case,
        *,
        today: date,
        folder: Path,
        forbidden: Iterable[Path] = (),
        kind: str = "staffing",
        fmt: str = "html",
        contact: int | None = None,
    ) -> None:
        super().__init__()
        self.case = case
        self.today = today
        self.folder = folder
        self.forbidden = [Path(p) for p in forbidden]
        self.kinds = [k for k in KINDS.values() if case.practice or not k.practice_only]
        """The kinds this case can be exported as (practice feedback only for practice)."""
        self.initial_kind = kind if kind in {k.name for k in self.kinds} else "staffing"
        self.initial_contact = contact
        self.initial_format = fmt if fmt in FORMATS else "html"
        self._suggested = ""
        self._replace_armed: Path | None = None

    # --- layout --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        contacts = sorted(self.case.contacts, key=lambda c: (c.number, c.on), reverse=True)
        numbers = [c.number for c in contacts]
        chosen = self.initial_contact if self.initial_contact in numbers else None
        with Vertical(id="export-dialog"):
            yield Static("Export this case", classes="export-title", markup=False)
            yield Static(
                "Owner-only files. Private notes go only into Everything; handouts never show "
                "risk, health or worker notes.",
                classes="hint",
                markup=False,
            )
            with Horizontal(classes="export-row"):
                yield Label("What", classes="export-label")
                yield Select(
                    [(Text(k.title), k.name) for k in self.kinds],
                    value=self.initial_kind,
                    allow_blank=False,
                    id="export-kind",
                    compact=True,
                )
            yield Static("", id="export-about", classes="hint", markup=False)
            with Horizontal(classes="export-row"):
                yield Label("Format", classes="export-label")
                yield Select(
                    # HTML (the one that prints) first, as it is the first shown
                    [
                        (Text(f.title), f.name)
                        for f in sorted(FORMATS.values(), key=lambda f: f.name != "html")
                    ],
                    value=self.initial_format,
                    allow_blank=False,
                    id="export-format",
                    compact=True,
                )
            with Horizontal(classes="export-row", id="export-contact-row"):
                yield Label("Contact", classes="export-label")
                yield Select(
                    [(Text(f"{c.number} · {format_date(c.on)}"), c.number) for c in contacts],
                    prompt="this case has no contacts yet",
                    value=chosen if chosen is not None else Select.NULL,
                    allow_blank=not contacts,
                    id="export-contact",
                    compact=True,
                )
            with Horizontal(classes="export-row"):
                yield Label("Save to", classes="export-label")
                yield Field(id="export-path", compact=True)
            yield Static("", id="export-message", markup=False)
            with Horizontal(id="export-buttons"):
                yield Button("Export  ctrl+s", id="export-write", variant="primary", compact=True)
                yield Button("Cancel  esc", id="export-cancel", compact=True)

    def on_mount(self) -> None:
        self._choices_changed()

    # --- what is chosen ------------------------------------------------------------------

    @property
    def kind(self) -> str:
        return str(self.query_one("#export-kind", Select).value)

    @property
    def fmt(self) -> str:
        return str(self.query_one("#export-format", Select).value)

    @property
    def contact(self) -> int | None:
        if not KINDS[self.kind].needs_contact:
            return None
        value = self.query_one("#export-contact", Select).value
        return value if isinstance(value, int) else None

    @on(Select.Changed)
    def _choices_changed(self) -> None:
        if not self.query("#export-kind"):  # a late Changed while the dialog is closing
            return
        kind = KINDS[self.kind]
        self.query_one("#export-about", Static).update(kind.description.capitalize() + ".")
        self.query_one("#export-contact-row").set_class(not kind.needs_contact, "-hidden")
        suggested = shown_path(
            self.folder / default_file_name(self.case, kind.name, self.fmt, self.contact)
        )
        path_input = self.query_one("#export-path", Input)
        current = path_input.value
        if not current or current == self._suggested:
            path_input.value = suggested
        else:  # the worker typed their own name: keep it, but let the extension follow
            stem, ext = os.path.splitext(current)
            if ext.lower() in {f.suffix for f in FORMATS.values()}:
                path_input.value = stem + FORMATS[self.fmt].suffix
        self._suggested = suggested
        self._say("")

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        self._replace_armed = None

    # --- writing -------------------------------------------------------------------------

    def _say(self, message: str) -> None:
        self.query_one("#export-message", Static).update(message)

    def _target(self) -> Path | None:
        """The file to write, or None (with the reason shown) when it cannot be that."""
        typed = self.query_one("#export-path", Input).value.strip()
        if not typed:
            self._say("Type where the file should go.")
            return None
        path = Path(typed).expanduser()
        if not path.is_absolute():
            path = self.folder / path
        if path.is_dir():
            self._say(f"{shown_path(path)} is a folder: add a file name at the end.")
            return None
        suffix, wanted = path.suffix.lower(), FORMATS[self.fmt]
        if suffix in {f.suffix for f in FORMATS.values()} and suffix != wanted.suffix:
            self._say(f"The name ends in {suffix} but the format is {wanted.title}: change one.")
            return None
        resolved = path.resolve()
        for root in self.forbidden:
            if resolved.is_relative_to(root.resolve()):
                self._say(
                    "That is inside the case folder, where an export could be read as a case. "
                    "Choose another folder."
                )
                return None
        return path

    def action_export(self) -> None:
        path = self._target()
        if path is None:
            return
        if path.exists() and self._replace_armed != path:
            self._replace_armed = path
            self._say(f"{shown_path(path)} already exists. Press Export again to replace it.")
            return
        kind, fmt = self.kind, self.fmt
        try:
            data = render_export(self.case, kind, fmt, today=self.today, contact=self.contact)
        except ExportError as exc:
            self._say(f"Cannot write this export: {exc}.")
            return
        try:
            ensure_private_folder(path.parent)
            write_atomic(path, data)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            self._say(f"Could not write {shown_path(path)}: {reason}. Nothing was written.")
            return
        self.dismiss(ExportDone(path, kind, fmt))

    @on(Input.Submitted, "#export-path")
    def _submitted(self) -> None:
        self.action_export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export-write":
            self.action_export()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
