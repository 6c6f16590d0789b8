"""What can be wrong with a case file, said as ``where: what`` and never quoting client words.

Kept apart from the parser so that listing a caseload from its cache, which only reports
problems found earlier, starts without loading the case model at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ProblemKind(StrEnum):
    """Why a case file could not be used; the UI words its advice by kind."""

    UNREADABLE = "unreadable"
    TOO_LARGE = "too_large"
    SYNTAX = "syntax"
    INVALID = "invalid"
    NEWER_SCHEMA = "newer_schema"
    CHECKSUM = "checksum"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where (line/column or field path) and what, never the text."""

    where: str
    what: str


@dataclass
class CaseFileError(Exception):
    """A case file that cannot be used, with every problem found in it."""

    path: str
    kind: ProblemKind
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def lines(self) -> list[str]:
        """One ``PATH: where: what`` line per problem, as ``sbcm validate`` prints them."""
        return [f"{self.path}: {p.where}: {p.what}" for p in self.problems]

    def __str__(self) -> str:
        return "\n".join(self.lines())
