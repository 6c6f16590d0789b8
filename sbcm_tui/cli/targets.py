"""The case files a list of PATH arguments names, read and written the way every command does.

``sbcm validate``, ``seal`` and ``export`` take paths the same way: a case file by its name, or a
folder for every case file directly inside it; anything else is a usage error naming the
argument. Files are reported as they were given, never by the client's name.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sbcm_tui.cli.output import UsageError
from sbcm_tui.core.problems import CaseFileError, Problem, ProblemKind

if TYPE_CHECKING:
    from sbcm_tui.core.case import Case

# The case model (pydantic) and the file formats are imported inside the functions that read
# cases: ``sbcm --cases DIR`` reaches its caseload without building a single model.

CASE_SUFFIXES = (".toml", ".json")


def has_case_suffix(name: str) -> bool:
    """Whether a file name is a case file's (``.toml`` or ``.json``, any case)."""
    return name.lower().endswith(CASE_SUFFIXES)


@dataclass
class Targets:
    """What a list of PATH arguments names: case files to read, and folders that cannot be
    listed (reported as problems, like unreadable files)."""

    files: list[str]
    problems: list[CaseFileError]
    from_folders: list[str] = field(default_factory=list)
    """The files found by listing a folder named on the command line (a case folder)."""


def folder_entries(folder: str) -> list[str]:
    """Case files directly inside a folder, sorted; dot-files and dot-folders are skipped.

    Anything named like a case file is included, even a folder or a FIFO, so that reading it
    reports what it is rather than hiding it."""
    with os.scandir(folder) as entries:
        names = sorted(
            e.name for e in entries if not e.name.startswith(".") and has_case_suffix(e.name)
        )
    return [os.path.join(folder, name) for name in names]


def case_targets(paths: Iterable[str], *, folders: bool) -> Targets:
    """Expand PATH arguments to case files; UsageError names every argument that cannot be."""
    files: list[str] = []
    from_folders: list[str] = []
    problems: list[CaseFileError] = []
    usage: list[str] = []
    for path in paths:
        if not path:
            usage.append("an empty path names no file")
        elif not os.path.lexists(path):  # lexists: a dangling or looping link is still "there"
            usage.append(f"{path}: no such file or folder")
        elif os.path.isdir(path):
            if not folders:
                usage.append(f"{path}: is a folder; name the case files themselves")
                continue
            try:
                found = folder_entries(path)
            except OSError as exc:
                reason = exc.strerror or type(exc).__name__
                problems.append(
                    CaseFileError(
                        path, ProblemKind.UNREADABLE, [Problem("folder", f"cannot list ({reason})")]
                    )
                )
            else:
                files.extend(found)
                from_folders.extend(found)
        elif not has_case_suffix(path):
            usage.append(f"{path}: not a case file name (a case file ends in .toml or .json)")
        else:
            files.append(path)
    if usage:
        raise UsageError(usage)
    return Targets(files, problems, from_folders)


def read_case_file(path: str) -> Case:
    """Read and validate one case file as named; CaseFileError says what is wrong with it."""
    from sbcm_tui.cli.unlocking import codec_for
    from sbcm_tui.files.casefile import CaseFormat, load_case, read_bytes

    codec = codec_for(os.path.dirname(os.path.abspath(path)))
    return load_case(codec.open(read_bytes(path), path), CaseFormat.for_path(path), path)


def write_problem(path: str, exc: OSError) -> CaseFileError:
    """A failed write, said like a problem with the file: ``PATH: file: cannot write (why)``."""
    reason = exc.strerror or type(exc).__name__
    return CaseFileError(
        path, ProblemKind.UNREADABLE, [Problem("file", f"cannot write ({reason})")]
    )
