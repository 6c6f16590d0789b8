"""What was typed and not yet saved, kept when the app cannot save it: a crash, a full disk on
the way out. The next start offers it back.

A recovery file is the whole case as it was in memory, with where it belongs (the folder and
the file) and the fingerprint of the version it was read from, so that putting it back can tell
whether the file changed since. It is written like a case file (atomically, owner-only) into the
user's own state folder, never the case folder: a crash may come from that folder being
unwritable, and a recovery file there would be listed as a case.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sbcm_tui.core.problems import CaseFileError
from sbcm_tui.files.atomic import ensure_private_folder, write_atomic
from sbcm_tui.files.vault import PLAIN, Codec

if TYPE_CHECKING:
    from sbcm_tui.core.case import Case
    from sbcm_tui.files.store import CaseStore, OpenCase

RECOVERY_ENV = "SBCM_RECOVERY_DIR"
"""Where recovery files go, when set (tests); else ``<user state>/recovery``."""
SUFFIX = ".recovery.json"
MAX_RECOVERY_BYTES = 16 * 1024 * 1024


def recovery_dir() -> Path:
    """The folder recovery files are kept in (not created here)."""
    chosen = os.environ.get(RECOVERY_ENV)
    if chosen:
        return Path(chosen)
    import platformdirs

    return Path(platformdirs.user_state_dir("sbcm", appauthor=False)) / "recovery"


@dataclass(frozen=True)
class Recovered:
    """One kept case: where it belongs, when it was kept and why, and the case itself."""

    path: Path
    """The recovery file."""
    case_file: Path
    """The case file it belongs to."""
    fingerprint: str | None
    """The fingerprint of the version it was read from (None: never saved)."""
    kept_at: datetime
    reason: str
    case: Case


def keep(opened: OpenCase, reason: str, folder: Path | None = None, codec: Codec = PLAIN) -> Path:
    """Write the case as it is in memory to a new recovery file; OSError if even that fails.
    ``codec`` is the case folder's: from an encrypted folder, the recovery file is encrypted
    too (the case's words are all in it)."""
    from sbcm_tui.files.casefile import CaseFormat, dump_case

    folder = ensure_private_folder(folder or recovery_dir())
    stamp = datetime.now(UTC)
    record = {
        "case_file": os.fspath(opened.path.resolve()),
        "fingerprint": opened.fingerprint,
        "kept_at": stamp.isoformat(),
        "reason": reason,
        "case": json.loads(dump_case(opened.case, CaseFormat.JSON)),
    }
    name = f"{opened.case.id}-{stamp.strftime('%Y%m%dT%H%M%S%f')}{SUFFIX}"
    path = folder / name
    data = json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8")
    write_atomic(path, codec.seal(data))
    return path


def waiting(case_folder: Path, folder: Path | None = None, codec: Codec = PLAIN) -> list[Recovered]:
    """The recovery files that belong to cases of ``case_folder``, oldest first. A file that
    cannot be read back (or opened with this folder's ``codec``) is left where it is, for a
    person to look at, and not offered. Asked at every start, before the first rows are drawn:
    with nothing waiting (nearly always) it costs a directory listing, not the case model's
    import."""
    root = folder or recovery_dir()
    try:
        names = sorted(n for n in os.listdir(root) if n.endswith(SUFFIX))
    except OSError:
        return []
    if not names:
        return []
    from pydantic import ValidationError

    from sbcm_tui.core.case import Case
    from sbcm_tui.core.problems import CaseFileError

    here = case_folder.resolve()
    found = []
    for name in names:
        path = root / name
        try:
            if path.stat().st_size > MAX_RECOVERY_BYTES:
                continue
            record = json.loads(codec.open(path.read_bytes(), name))
            case_file = Path(record["case_file"])
            if case_file.parent != here:
                continue
            found.append(
                Recovered(
                    path=path,
                    case_file=case_file,
                    fingerprint=record.get("fingerprint"),
                    kept_at=datetime.fromisoformat(record["kept_at"]),
                    reason=str(record.get("reason", "")),
                    case=Case.model_validate(record["case"]),
                )
            )
        except (OSError, ValueError, KeyError, TypeError, ValidationError, CaseFileError):
            continue
    return found


def put_back(recovered: Recovered, store: CaseStore) -> tuple[OpenCase, bool]:
    """Save what was kept: over its case file when that is still the version it came from (or
    was never saved), else beside it as a copy that says what it is a copy of. Returns the saved
    case and whether it is a copy. SaveFailed when it cannot be written; the file stays."""
    from sbcm_tui.files.casefile import digest, read_bytes
    from sbcm_tui.files.store import OpenCase

    path = recovered.case_file
    try:
        current: str | None = digest(read_bytes(path))
    except CaseFileError:  # gone or unreadable: not the version it came from
        current = None
    opened = OpenCase(recovered.case.model_copy(deep=True), path, recovered.fingerprint)
    if current == recovered.fingerprint:
        store.save(opened)
        as_copy = False
    else:
        opened = store.save_as_copy(opened, reason="recovery")
        as_copy = True
    forget(recovered)
    return opened, as_copy


def forget(recovered: Recovered) -> None:
    """Remove a recovery file once its case is put back, kept as a copy or let go."""
    with contextlib.suppress(FileNotFoundError):
        recovered.path.unlink()


def crash_log(error: BaseException, folder: Path | None = None) -> Path | None:
    """Write what went wrong, without a word of client text: the error's type and where in the
    code it happened (files, lines, functions), never its message or any value. None when the
    log cannot be written."""
    import traceback

    frames = traceback.extract_tb(error.__traceback__)
    lines = [
        f"sbcm stopped at {datetime.now(UTC).isoformat()} on {type(error).__module__}."
        f"{type(error).__qualname__}",
        *(f"  {Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames),
    ]
    try:
        root = ensure_private_folder((folder or recovery_dir()).parent / "logs")
        path = root / f"crash-{time.strftime('%Y%m%dT%H%M%S')}.log"
        write_atomic(path, ("\n".join(lines) + "\n").encode("utf-8"))
    except OSError:
        return None
    return path
