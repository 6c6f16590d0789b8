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

In an encrypted folder (files/vault.py) each entry is sealed on its own: the line keeps
``prev`` and ``hash`` in the clear and the entry itself as an age file, base64, under ``sealed``
(the hash is over the sealed bytes). Writing needs only the folder's public keys, so a failed
unlock is recorded before anything is unlocked; :meth:`AuditLog.verify` checks the chain with no
key at all; reading what an entry says needs the folder unlocked. Turning encryption on or off
(:func:`convert`) rewrites the log sealed or plain and starts a new chain, whose first entry
records the hash the old chain ended on, so a copy of the old log kept elsewhere still checks.

Two apps on one folder append under a short lock, each reading the last entry first, so the
chain stays one line long. An entry that cannot be written never stops the work it records:
:attr:`AuditLog.problem` says so, and the app shows it.
"""

from __future__ import annotations

import base64
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

from sbcm_tui.files.atomic import FILE_MODE, ensure_private_folder, write_atomic
from sbcm_tui.files.vault import PLAIN, Codec, Vault, VaultError, has_keys, recipients_of

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
    "encrypt",  # the folder's encryption turned on (the log re-chained, sealed)
    "decrypt",  # turned off (the log re-chained, plain)
    "transfer",  # a case handed to another worker of the team (who to, in the case itself)
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

    def __init__(
        self, meta: str | os.PathLike[str], *, worker: str | None = None, codec: Codec = PLAIN
    ) -> None:
        self.meta = Path(meta)
        self.path = self.meta / AUDIT_FILE
        self.worker = worker or current_worker()
        self.codec = codec
        """What reads sealed entries: the folder's vault once unlocked."""
        self.problem: str | None = None
        """Why the last entry could not be written (None when it was)."""

    def record(self, action: str, case_id: str | None = None, **detail: Any) -> bool:
        """Append one entry; False (and :attr:`problem` set) when it could not be written."""
        from filelock import FileLock, Timeout

        assert action in ACTIONS, action
        try:
            locks = ensure_private_folder(self.meta / "locks")
            with FileLock(locks / "audit.lock", timeout=5, mode=FILE_MODE):
                body: dict[str, Any] = {
                    "at": datetime.now(UTC).isoformat(timespec="milliseconds"),
                    "worker": self.worker,
                    "action": action,
                    "case": case_id,
                }
                if detail:
                    body["detail"] = detail
                line = chained(body, self._last_hash(), _sealer(self.meta))
                fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
                try:
                    os.write(fd, line.encode("ascii"))
                    os.fsync(fd)
                finally:
                    os.close(fd)
        except (OSError, Timeout, ValueError, VaultError) as exc:
            why = getattr(exc, "strerror", None) or type(exc).__name__
            self.problem = f"the audit log could not be written ({why})"
            log.warning("audit: %s of %s not recorded (%s)", action, case_id, why)
            return False
        self.problem = None
        return True

    def _last_hash(self) -> str:
        """The hash of the last entry (GENESIS for an empty or missing log), read from the
        end: the tail read grows until it holds the whole last line."""
        try:
            with open(self.path, "rb") as handle:
                size = handle.seek(0, os.SEEK_END)
                span = _TAIL
                while True:
                    handle.seek(max(size - span, 0))
                    tail = handle.read()
                    lines = [line for line in tail.split(b"\n") if line.strip()]
                    if span >= size or len(lines) > 1:
                        break
                    span *= 4
        except FileNotFoundError:
            return GENESIS
        if not lines:
            return GENESIS
        try:
            last = json.loads(lines[-1])
            return str(last["hash"])
        except (ValueError, KeyError, TypeError):
            raise ValueError("the audit log's last line is damaged") from None

    def length(self) -> int:
        """How many lines the log holds (read without opening any sealed entry)."""
        try:
            with open(self.path, "rb") as handle:
                return sum(1 for line in handle if line.strip())
        except FileNotFoundError:
            return 0

    @property
    def sealed(self) -> bool:
        """Whether entries are written sealed (the folder is encrypted)."""
        return has_keys(self.meta)

    def entries(self) -> Iterator[Entry]:
        """Every entry, oldest first (a damaged line is skipped here; :func:`verify` finds it).
        VaultError when the log holds sealed entries and the folder is not unlocked."""
        for number, body in self._bodies():
            try:
                yield Entry(
                    number,
                    datetime.fromisoformat(body["at"]),
                    str(body["worker"]),
                    str(body["action"]),
                    body.get("case"),
                    dict(body.get("detail") or {}),
                )
            except (ValueError, KeyError, TypeError):
                continue

    def _bodies(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """(line number, what the entry says) for each readable line, opened if sealed."""
        try:
            handle = open(self.path, encoding="ascii", errors="replace")  # noqa: SIM115
        except FileNotFoundError:
            return
        with handle:
            for number, raw in enumerate(handle, start=1):
                try:
                    item = json.loads(raw)
                except ValueError:
                    continue
                if isinstance(item, dict) and "sealed" in item:
                    item = self._opened(item["sealed"])
                if isinstance(item, dict):
                    yield number, item

    def _opened(self, sealed: object) -> dict[str, Any] | None:
        """A sealed entry's body (None when it does not open: damaged, or not ours)."""
        if not self.codec.encrypted:
            raise VaultError("the audit log is encrypted; unlock the folder to read it")
        try:
            raw = base64.b64decode(str(sealed), validate=True)
            body = json.loads(self.codec.open(raw, str(self.path)))
        except Exception:  # binascii/JSON errors, or the vault's CaseFileError
            return None
        return body if isinstance(body, dict) else None

    def verify(self) -> list[Break]:
        """Every place the chain does not hold (empty: the log is whole). Sealed lines are
        checked as they are, so this needs no key."""
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


def chained(body: dict[str, Any], prev: str, sealer: Vault | None) -> str:
    """One line of the log: ``body`` (what happened), after ``prev``, sealed when ``sealer``
    is given; the line's hash covers the sealed bytes, so it is checked without a key."""
    if sealer is None:
        entry = {**body, "prev": prev}
    else:
        plain = json.dumps(body, ensure_ascii=True, separators=(",", ":")).encode("ascii")
        entry = {"prev": prev, "sealed": base64.b64encode(sealer.seal(plain)).decode("ascii")}
    entry["hash"] = entry_hash(entry)
    return json.dumps(entry, ensure_ascii=True, separators=(",", ":")) + "\n"


def _sealer(meta: Path) -> Vault | None:
    """What seals entries in an encrypted folder: its public keys only (no passphrase)."""
    if not has_keys(meta):
        return None
    return Vault(recipients_of(meta), [])


def convert(
    meta: str | os.PathLike[str], codec: Codec, *, seal: bool, worker: str, **detail: Any
) -> str | None:
    """Rewrite a folder's log sealed (``seal``) or plain, as one atomic replace, starting a
    new chain, and end it with an ``encrypt`` or ``decrypt`` entry (with ``detail``, and the
    hash the old chain ended on). A log already as wanted (a conversion run again) only gets
    the entry. ``codec`` opens sealed entries. None when done; else why the log was left as
    it was (its chain broken, or entries that do not open), in one line."""
    from filelock import FileLock

    log_ = AuditLog(meta, worker=worker, codec=codec)
    action = "encrypt" if seal else "decrypt"
    locks = ensure_private_folder(log_.meta / "locks")
    with FileLock(locks / "audit.lock", timeout=30, mode=FILE_MODE):
        outcome = _convert(log_, seal=seal, action=action, detail=detail)
    if outcome is _AS_WANTED:
        return None if log_.record(action, None, **detail) else log_.problem
    return outcome


_AS_WANTED = "as wanted"


def _convert(log_: AuditLog, *, seal: bool, action: str, detail: dict[str, Any]) -> str | None:
    breaks = log_.verify()
    if breaks:
        return f"its chain is broken at line {breaks[0].line}, so it is left as it is"
    try:
        lines = [line for line in log_.path.read_text("ascii").splitlines() if line.strip()]
    except FileNotFoundError:
        return _AS_WANTED
    except (OSError, UnicodeDecodeError) as exc:
        return f"it cannot be read ({getattr(exc, 'strerror', None) or exc})"
    if all(('"sealed":' in line) == seal for line in lines):
        return _AS_WANTED  # a conversion run again: nothing to rewrite
    try:
        bodies = [body for _, body in log_._bodies()]
    except VaultError as exc:
        return str(exc)
    if len(bodies) != len(lines):
        return "some of its entries do not open, so it is left as it is"
    ended = log_._last_hash()
    sealer = _sealer(log_.meta) if seal else None
    out, prev = [], GENESIS
    for body in bodies:
        body = {k: v for k, v in body.items() if k not in ("prev", "hash")}
        line = chained(body, prev, sealer)
        out.append(line)
        prev = json.loads(line)["hash"]
    mark = {
        "at": datetime.now(UTC).isoformat(timespec="milliseconds"),
        "worker": log_.worker,
        "action": action,
        "case": None,
        "detail": {**detail, "entries": len(bodies), "old_chain_ended": ended},
    }
    out.append(chained(mark, prev, sealer))
    write_atomic(log_.path, "".join(out).encode("ascii"))
    return None


def since(entries: Iterator[Entry], day: date | None, case_id: str | None) -> list[Entry]:
    """The entries from ``day`` on (UTC), of one case or of all."""
    return [
        e
        for e in entries
        if (day is None or e.at.date() >= day) and (case_id is None or e.case == case_id)
    ]
