"""Exports: a case as a staffing summary, a strengths handout, a progress note, or in full;
a practice case also as the feedback on one of its contacts.

One entry point, :func:`render_export`, and two tables, :data:`KINDS` (what goes on paper) and
:data:`FORMATS` (how it is written), which both the ``sbcm export`` command and the app's export
dialog offer, so the two never differ. Each kind builds a
:class:`~sbcm_tui.exports.document.Document`; each format renders one. The full export in JSON
or TOML is the exception: it is the case file itself, exactly as ``sbcm`` saves it.

Nothing here imports Textual; nothing here writes files (the callers write the bytes with
:func:`sbcm_tui.files.atomic.write_atomic`, owner-only, like case files).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sbcm_tui.core.case import Case
    from sbcm_tui.exports.document import Document


def _lazy(module: str, name: str) -> Callable[..., Any]:
    """A builder or renderer imported when first used: ``sbcm`` reads these tables to parse its
    arguments, and opening the app should not wait for every exporter to load."""

    def call(*args: Any) -> Any:
        return getattr(import_module(f"sbcm_tui.exports.{module}"), name)(*args)

    call.__name__ = call.__qualname__ = name
    return call


class ExportError(ValueError):
    """An export that cannot be made as asked (a contact the case does not have, practice
    feedback on a real case)."""


@dataclass(frozen=True, slots=True)
class ExportKind:
    """What an export holds, and who it is for."""

    name: str
    title: str
    description: str
    build: Callable[..., Document]
    """``build(case, today)``, or ``build(case, today, contact)`` when ``needs_contact``."""
    needs_contact: bool = False
    practice_only: bool = False
    """Made only for a practice case (the app offers it only there; a real case is refused)."""


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """How an export is written."""

    name: str
    title: str
    suffix: str
    description: str
    render: Callable[[Document], bytes]


KINDS: dict[str, ExportKind] = {
    "staffing": ExportKind(
        "staffing",
        "Staffing summary",
        "the review for the team meeting: facts, strengths, plan, barriers, risk, linkage; "
        "no private notes",
        _lazy("staffing", "build_staffing"),
    ),
    "handout": ExportKind(
        "handout",
        "Strengths handout",
        "for the client: their strengths, goals and next steps, in their words",
        _lazy("handout", "build_handout"),
    ),
    "note": ExportKind(
        "note",
        "Progress note",
        "one contact as data, assessment and plan, for the agency record; the private "
        "notes stay out",
        _lazy("progress_note", "build_progress_note"),
        needs_contact=True,
    ),
    "full": ExportKind(
        "full",
        "Everything",
        "the whole case, private notes included, for a transfer or an archive (in json or "
        "toml: the case file itself)",
        _lazy("full", "build_full"),
    ),
    "feedback": ExportKind(
        "feedback",
        "Practice feedback",
        "how one practice contact went: interviewing, strengths found, goals and objectives",
        _lazy("feedback", "build_feedback"),
        needs_contact=True,
        practice_only=True,
    ),
}
"""Export kinds by the name ``--kind`` takes, in the order a chooser offers them."""

FORMATS: dict[str, ExportFormat] = {
    "md": ExportFormat(
        "md", "Markdown", ".md", "Markdown text", _lazy("markdown", "render_markdown")
    ),
    "html": ExportFormat(
        "html",
        "HTML (to print)",
        ".html",
        "one HTML file that prints on A4 or Letter",
        _lazy("html", "render_html"),
    ),
    "json": ExportFormat(
        "json", "JSON", ".json", "structured data", _lazy("structured", "render_json")
    ),
    "toml": ExportFormat(
        "toml", "TOML", ".toml", "structured data", _lazy("structured", "render_toml")
    ),
}
"""Export formats by the name ``--format`` takes."""

DEFAULT_KIND = "full"
EXPORT_FOLDER_NAME = "sbcm-exports"


def render_export(
    case: Case, kind: str, fmt: str, *, today: date, contact: int | None = None
) -> bytes:
    """The bytes of one export. ``contact`` picks the contact of a progress note or of practice
    feedback (default: the last one); ExportError when that contact does not exist, the kind
    takes none, or the kind is for practice cases and this case is a real one."""
    export_kind, export_format = KINDS[kind], FORMATS[fmt]
    if contact is not None and not export_kind.needs_contact:
        raise ExportError(
            "a contact number only applies to a progress note or practice feedback, "
            f"not to {kind!r}"
        )
    if export_kind.practice_only and not case.practice:
        raise ExportError(
            f"{export_kind.title.lower()} is only for a practice case, and this is a real case"
        )
    from sbcm_tui.files.casefile import CaseFormat, dump_case  # here: the app opens without it

    if kind == "full" and fmt in {f.value for f in CaseFormat}:
        return dump_case(case, CaseFormat(fmt))
    if not export_kind.needs_contact:
        return export_format.render(export_kind.build(case, today))
    from sbcm_tui.exports.progress_note import ContactNotFound

    try:
        document = export_kind.build(case, today, contact)
    except ContactNotFound as exc:
        raise ExportError(str(exc)) from None
    return export_format.render(document)


def default_file_name(case: Case, kind: str, fmt: str, contact: int | None = None) -> str:
    """``<case-id>-<kind>[-contact-N].<ext>``: never the client's name, which a file name
    would show to anyone who lists the folder."""
    number = f"-contact-{contact}" if contact is not None and KINDS[kind].needs_contact else ""
    return f"{case.id}-{kind}{number}{FORMATS[fmt].suffix}"


def default_export_folder() -> Path:
    """Where the app suggests writing exports: ``sbcm-exports`` in the user's documents folder
    (not created here). Never the case folder: a JSON or TOML export there would be listed as a
    case."""
    import platformdirs

    return Path(platformdirs.user_documents_dir()) / EXPORT_FOLDER_NAME


__all__ = [
    "DEFAULT_KIND",
    "FORMATS",
    "KINDS",
    "ExportError",
    "ExportFormat",
    "ExportKind",
    "default_export_folder",
    "default_file_name",
    "render_export",
]
