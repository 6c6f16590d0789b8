"""Who did what to which case, and when: an append-only audit log per case folder, chained.

HIPAA's audit controls (45 CFR 164.312(b)) ask for a record of activity on systems that hold
health information. Each case folder keeps one, ``.sbcm/audit.log``: one JSON object a line,
appended, fsynced, owner-only. An entry names the action (:data:`ACTIONS`), the worker, the time
(UTC), the case id and, for an export, its kind, format and where it was written. No client
text is ever in it: ids, not names.

Each entry carries the hash of the one before it (``prev``) and its own (``hash``, SHA-256 of
the entry without it), so :func:`verify` finds an entry removed, changed or moved, and says at
which line the chain breaks. The chain proves order and completeness against a careless or
partial edit, not against someone rewriting the whole file: that takes keys kept elsewhere (the
team repository of issue 14 keeps copies out of any one worker's reach).

Two apps on one folder append under a short lock, each reading the last entry first, so the
chain stays one line long. An entry that cannot be written never stops the work it records:
:attr:`AuditLog.problem` says so, and the app shows it.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sbcm_tui.files.atomic import FILE_MODE, ensure_private_folder

log = logging.getLogger(__name__)

AUDIT_FILE = "audit.log"
ACTIONS = (
    "open",  # a case opened in the app
    "review",  # its staffing review looked at
    "export",  # written to a file (kind, format, where)
    "save",  # a save, by the worker or the autosave
    "overwrite",  # a save over another editor's version, after a conflict
    "copy",  # a case kept as a copy of another
    "restore",  # a version brought back
    "delete",  # a case file removed from the app
    "unlock",  # the app unlocked after the idle lock
    "unlock-failed",  # a wrong passphrase
)
GENESIS = "0" * 64
"""The ``prev`` of the first entry."""
WORKER_ENV = "SBCM_WORKER"
"""Who the worker is, when the account name is not it (a shared laptop)."""
_TAIL = 4096


def current_worker() -> str:
    """The worker an entry is written for: ``$SBCM_WORKER``, else the account's name."""
    named = os.environ.get(WORKER_ENV, "").strip()
    if named:
        return named
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        return f"uid-{os.getuid()}"


def entry_hash(entry: dict[str, Any]) -> str:
    """SHA-256 of an entry without its own hash, keys sorted: the same on every machine."""
    body = {k: v for k, v in entry.items() if k != "hash"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


@dataclass(frozen=True)
class Entry:
    """One line of the log, as read back."""

    line: int
    at: datetime
    worker: str
    action: str
    case: str | None
    detail: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "at": self.at.isoformat(),
            "worker": self.worker,
            "action": self.action,
            "case": self.case,
            **({"detail": self.detail} if self.detail else {}),
        }


@dataclass(frozen=True)
class Break:
    """Where the chain does not hold: the line, and what is wrong there."""

    line: int
    what: str


class AuditLog:
    """The audit log of one case folder (``meta`` is its ``.sbcm``)."""

    def __init__(self, meta: str | os.PathLike[str], *, worker: str | None = None) -> None:
        self.meta = Path(meta)
        self.path = self.meta / AUDIT_FILE
        self.worker = worker or current_worker()
        self.problem: str | None = None
        """Why the last entry could not be written (None when it was)."""

    def record(self, action: str, case_id: str | None = None, **detail: Any) -> bool:
        """Append one entry; False (and :attr:`problem` set) when it could not be written."""
        from filelock import FileLock, Timeout

        assert action in ACTIONS, action
        try:
            locks = ensure_private_folder(self.meta / "locks")
            with FileLock(locks / "audit.lock", timeout=5, mode=FILE_MODE):
                entry: dict[str, Any] = {
                    "at": datetime.now(UTC).isoformat(timespec="milliseconds"),
                    "worker": self.worker,
                    "action": action,
                    "case": case_id,
                }
                if detail:
                    entry["detail"] = detail
                entry["prev"] = self._last_hash()
                entry["hash"] = entry_hash(entry)
                line = json.dumps(entry, ensure_ascii=True, separators=(",", ":")) + "\n"
                fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
                try:
                    os.write(fd, line.encode("ascii"))
                    os.fsync(fd)
                finally:
                    os.close(fd)
        except (OSError, Timeout, ValueError) as exc:
            why = getattr(exc, "strerror", None) or type(exc).__name__
            self.problem = f"the audit log could not be written ({why})"
            log.warning("audit: %s of %s not recorded (%s)", action, case_id, why)
            return False
        self.problem = None
        return True

    def _last_hash(self) -> str:
        """The hash of the last entry (GENESIS for an empty or missing log)."""
        try:
            with open(self.path, "rb") as handle:
                handle.seek(0, os.SEEK_END)
                size = handle.tell()
                handle.seek(max(size - _TAIL, 0))
                tail = handle.read()
        except FileNotFoundError:
            return GENESIS
        lines = [line for line in tail.split(b"\n") if line.strip()]
        if not lines:
            return GENESIS
        try:
            last = json.loads(lines[-1])
            return str(last["hash"])
        except (ValueError, KeyError, TypeError):
            raise ValueError("the audit log's last line is damaged") from None

    def entries(self) -> Iterator[Entry]:
        """Every entry, oldest first (a damaged line is skipped here; :func:`verify` finds it)."""
        try:
            handle = open(self.path, encoding="ascii", errors="replace")  # noqa: SIM115
        except FileNotFoundError:
            return
        with handle:
            for number, raw in enumerate(handle, start=1):
                try:
                    item = json.loads(raw)
                    yield Entry(
                        number,
                        datetime.fromisoformat(item["at"]),
                        str(item["worker"]),
                        str(item["action"]),
                        item.get("case"),
                        dict(item.get("detail") or {}),
                    )
                except (ValueError, KeyError, TypeError):
                    continue

    def verify(self) -> list[Break]:
        """Every place the chain does not hold (empty: the log is whole)."""
        breaks: list[Break] = []
        previous = GENESIS
        try:
            handle = open(self.path, "rb")  # noqa: SIM115
        except FileNotFoundError:
            return breaks
        with handle:
            for number, raw in enumerate(handle, start=1):
                try:
                    item = json.loads(raw)
                    stored = item["hash"]
                    prev = item["prev"]
                except (ValueError, KeyError, TypeError):
                    breaks.append(Break(number, "is not an entry (damaged or edited)"))
                    previous = ""
                    continue
                if entry_hash(item) != stored:
                    breaks.append(Break(number, "was changed after it was written"))
                elif prev != previous:
                    what = (
                        "does not follow the line before it (an entry removed or moved)"
                        if number > 1
                        else "is not the first entry written (the start was removed)"
                    )
                    breaks.append(Break(number, what))
                previous = stored
        return breaks


def since(entries: Iterator[Entry], day: date | None, case_id: str | None) -> list[Entry]:
    """The entries from ``day`` on (UTC), of one case or of all."""
    return [
        e
        for e in entries
        if (day is None or e.at.date() >= day) and (case_id is None or e.case == case_id)
    ]
