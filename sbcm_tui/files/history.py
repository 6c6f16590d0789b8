"""Versions of each case a person can go back to, kept beside the caseload.

One backup slot replaced by every autosave is not a history: a second after a mistake, the
version before it is gone. So every save keeps the version it replaces, under
``.sbcm/history/<case-id>/`` (folders 0700, files 0600), and a few moments are kept forever.

**What a version is**: the full bytes of the case file at one moment, in one file named
``<UTC time>-r<revision>-<reason>.<toml|json>``, e.g. ``20261202T101503.123Z-r000042-autosave.toml``
(names sort by time; the time is when those bytes were written, to the millisecond; ``rx`` when
the revision could not be read, as in a damaged file). Names hold the case id (the folder), a
time, a number and a reason: never client text. A version loads like any case file.

**How it costs little**: just before a save replaces the file, the file being replaced is
hard-linked into the history folder (no bytes copied; the replace gives the case file a new
inode, so the link keeps the old bytes); where links are not supported it is copied. The folder
is then fsynced, so a version the history lists survives a power cut. Milestones written by a
save (below) are copied, not linked: a link to the live file would change with it if anything
ever wrote the file in place.

**Reasons**:

* ``autosave``: an ordinary save; the version kept is the one it replaced.
* ``contact-ended``: the case as a contact ended (what the save after the end wrote).
* ``conflict``: after a save conflict. An overwrite keeps the other editor's version it replaced
  and the version written; a reload keeps the words in memory it dropped and the version
  reloaded. Both sides, forever: a conflict choice can always be undone.
* ``restore``: a version brought back, and the version the restore replaced (so a restore is
  itself reversible).
* ``copy``: the first version of a case file written as a copy of another.

**Retention**: see :mod:`sbcm_tui.files.versions` (milestones forever; autosaves thinned by
age, about 201 left after a day of one-second autosaves).

**When keeping a version fails** (no room, a history folder that cannot be written, an fsync
refused): the save itself goes ahead and succeeds, since the case file is what matters and the
history is never a reason to lose typed words. The failure is never silent: the reason is in
:attr:`CaseHistory.problem` after that save (the session turns it into a warning the app shows
once), it is counted in :attr:`CaseHistory.failures`, and it is logged (case id and the OS
error only).
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sbcm_tui.core.problems import CaseFileError, Problem, ProblemKind
from sbcm_tui.files.atomic import (
    FILE_MODE,
    TEMP_PREFIX,
    TEMP_SUFFIX,
    ensure_private_folder,
    fsync_folder,
)
from sbcm_tui.files.vault import PLAIN, Codec
from sbcm_tui.files.versions import (
    AUTOSAVE,
    AUTOSAVE_ENDINGS,
    KEPT_WHEN_REPLACED,
    MILESTONES,
    Version,
    autosaves_to_prune,
    now,
    parse_name,
    seconds_of,
    stamp_of,
    version_name,
)

if TYPE_CHECKING:
    from sbcm_tui.core.case import Case

log = logging.getLogger(__name__)

HISTORY_FOLDER = "history"
"""Under the case folder's ``.sbcm``: one folder per case id."""

_MAX_NAME_TRIES = 1000


class CaseHistory:
    """The versions kept for the cases of one folder (``<folder>/.sbcm/history``).

    The store calls :meth:`begin` as a save starts, :meth:`keep_replaced` just before the save
    replaces the case file and :meth:`after_save` once it has; none of them ever raises for a
    problem with the disk (see the module's docstring for what happens instead)."""

    def __init__(self, meta: str | os.PathLike[str], codec: Codec = PLAIN) -> None:
        self.root = Path(meta) / HISTORY_FOLDER
        self.codec = codec
        """How versions go to disk and come back (encrypted in an encrypted folder)."""
        self.failures = 0
        """How many versions could not be kept since this history was opened."""
        self.problem: str | None = None
        """Why a version of the last save could not be kept; None when all were (or there was
        nothing to keep). Reset by :meth:`begin`."""
        self.last_kept: Path | None = None
        """The version :meth:`keep_replaced` kept during the last save (None: none)."""
        self._listed: tuple[Path, list[str]] | None = None
        # The folder's names as this save left them: one listing a save, not one a step.

    def folder_for(self, case_path: str | os.PathLike[str]) -> Path:
        """The history folder of the case file at ``case_path`` (named by its case id)."""
        return self.root / Path(case_path).stem

    # --- reading ------------------------------------------------------------------------

    def versions(self, case_path: str | os.PathLike[str]) -> list[Version]:
        """The versions kept of one case, newest first (an empty list when there are none).
        OSError when the folder exists but cannot be listed."""
        folder = self.folder_for(case_path)
        try:
            entries = list(os.scandir(folder))
        except FileNotFoundError:
            return []
        found = []
        for entry in entries:
            parsed = parse_name(entry.name)
            if parsed is None:
                continue
            try:
                if not entry.is_file(follow_symlinks=False):
                    continue
                size = entry.stat(follow_symlinks=False).st_size
            except OSError:
                continue  # pruned by another window meanwhile
            stamp, revision, reason, _ = parsed
            found.append(Version(Path(entry.path), stamp, revision, reason, size))
        found.sort(key=lambda v: v.sort_key, reverse=True)
        return found

    # --- keeping ------------------------------------------------------------------------

    def begin(self) -> None:
        """A save starts: forget the previous save's problem."""
        self.problem = None
        self.last_kept = None
        self._listed = None

    def keep_replaced(
        self, case_path: str | os.PathLike[str], *, revision: int | None, reason: str
    ) -> Path | None:
        """Keep the case file as it is now, just before a save (for ``reason``) replaces it: a
        hard link (or a copy) named by when it was written, then the folder fsynced. Nothing
        when there is no file yet, or when the newest version kept already is this file.
        ``revision`` None: read it from the file (an overwrite does not know it)."""
        try:
            return self._keep_replaced(Path(case_path), revision, reason)
        except Exception as exc:  # whatever it is, it must not stop the save: said instead
            return self._failed(Path(case_path), exc)

    def _keep_replaced(self, path: Path, revision: int | None, reason: str) -> Path | None:
        try:
            info = os.stat(path, follow_symlinks=False)
        except FileNotFoundError:
            return None  # a new case: nothing is replaced
        kept_reason = reason if reason in KEPT_WHEN_REPLACED else AUTOSAVE
        folder = self._folder(path)
        names = os.listdir(folder)
        same = self._newest_if_same(folder, names, path, info=info, revision=revision)
        if same is not None:
            kept = self._promoted(folder, same, kept_reason)
            names.remove(same.name)
        else:
            if revision is None:
                revision = _revision_in(path)
            stamp = stamp_of(info.st_mtime_ns / 1e9)
            kept = self._link_or_copy(folder, path, stamp, revision, kept_reason)
        names.append(kept.name)
        self._listed = (folder, names)
        fsync_folder(folder)
        self.last_kept = kept
        return kept

    def after_save(
        self, case_path: str | os.PathLike[str], data: bytes, *, revision: int, reason: str
    ) -> None:
        """A save has replaced the file with ``data``: keep that too when the save was a
        milestone, then prune this case's autosave versions. The file is written: nothing
        here may make the save look failed, so whatever goes wrong is said instead."""
        path = Path(case_path)
        try:
            if reason in MILESTONES:
                try:
                    written = os.stat(path).st_mtime_ns / 1e9
                except OSError:
                    written = now()
                self.keep_bytes(path, data, revision=revision, reason=reason, written_at=written)
            self.prune(path)
        except Exception as exc:
            self._failed(path, exc)

    def keep_bytes(
        self,
        case_path: str | os.PathLike[str],
        data: bytes,
        *,
        revision: int | None,
        reason: str,
        written_at: float | None = None,
    ) -> Path | None:
        """Keep ``data`` (the case file's bytes at a milestone, or the words a reload dropped)
        as a version of the case: a new file, fsynced, then the folder fsynced."""
        path = Path(case_path)
        try:
            folder = self._folder(path)
            stamp = stamp_of(now() if written_at is None else written_at)
            kept = self._write_copy(folder, data, stamp, revision, reason, path.suffix)
            if self._listed is not None and self._listed[0] == folder:
                self._listed[1].append(kept.name)
            fsync_folder(folder)
        except OSError as exc:
            return self._failed(path, exc)
        return kept

    def keep_case(self, case_path: str | os.PathLike[str], case: Case, *, reason: str) -> None:
        """Keep a case as it is in memory (the words a reload drops) as a version of it."""
        from sbcm_tui.files.casefile import CaseFormat, dump_case

        try:
            data = self.codec.seal(dump_case(case, CaseFormat.for_path(case_path)))
        except (TypeError, ValueError) as exc:  # an edit left it unwritable: nothing to keep
            self._failed(Path(case_path), exc)
            return
        self.keep_bytes(case_path, data, revision=case.revision, reason=reason)

    def keep_current(self, case_path: str | os.PathLike[str], *, reason: str) -> None:
        """Keep the case file as it is now as a milestone (a copy, never a link to the live
        file): the version a reload brought in, a contact's end that needed no save."""
        from sbcm_tui.files.casefile import read_bytes

        path = Path(case_path)
        try:
            data = read_bytes(path)
            written = os.stat(path).st_mtime_ns / 1e9
            folder = self._folder(path)
            same = self._newest_if_same(folder, os.listdir(folder), path, data=data)
        except (CaseFileError, OSError) as exc:
            self._failed(path, exc)
            return
        parsed = parse_name(same.name) if same is not None else None
        if parsed is not None and parsed[2] == reason:
            return  # kept already, for the same reason
        self.keep_bytes(
            path, data, revision=_revision_of(data, path), reason=reason, written_at=written
        )

    def prune(self, case_path: str | os.PathLike[str]) -> int:
        """Apply the retention rule to one case's autosave versions, and clear temp files a
        killed save left; how many versions went. One that cannot be removed stays (one more
        version kept is no harm)."""
        folder = self.folder_for(case_path)
        listed, self._listed = self._listed, None
        if listed is not None and listed[0] == folder:
            names = listed[1]
        else:
            try:
                names = os.listdir(folder)
            except OSError:
                return 0
        autosaves = [n for n in names if n.endswith(AUTOSAVE_ENDINGS) and _is_stamped(n)]
        for name in names:
            if name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX):
                _remove_stale(folder / name)
        autosaves.sort(reverse=True)
        return sum(_remove(folder / name) for name in autosaves_to_prune(autosaves, now()))

    # --- inside ---------------------------------------------------------------------------

    def forget(self, case_path: str | os.PathLike[str]) -> None:
        """Remove every version kept of a case deleted on purpose (a practice case the
        trainee removes): its words must not outlive it in a folder nobody looks in."""
        import shutil

        folder = self.folder_for(case_path)
        if folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder)

    def _folder(self, case_path: Path) -> Path:
        """The case's history folder, made owner-only on first use (its parents fsynced, so
        the new folder itself survives a power cut)."""
        folder = self.folder_for(case_path)
        if not folder.is_dir():
            ensure_private_folder(folder)
            fsync_folder(folder.parent)
            fsync_folder(folder.parent.parent)
        return folder

    @staticmethod
    def _newest_if_same(
        folder: Path,
        names: list[str],
        path: Path,
        *,
        info: os.stat_result | None = None,
        revision: int | None = None,
        data: bytes | None = None,
    ) -> Path | None:
        """The newest version kept, when it already is the case file as it is now (a
        milestone copied after the last save; a link left by a save that then failed). Names
        sort by time, so only the newest is parsed and looked at."""
        newest = max((n for n in names if n[:1].isdigit()), default=None)
        parsed = parse_name(newest) if newest is not None else None
        if newest is None or parsed is None:
            return None
        kept_path = folder / newest
        kept = os.stat(kept_path, follow_symlinks=False)
        if info is not None and (kept.st_ino, kept.st_dev) == (info.st_ino, info.st_dev):
            return kept_path
        if revision is not None and parsed[1] != revision:
            return None
        if kept.st_size != (info.st_size if info is not None else len(data or b"")):
            return None
        mine = data if data is not None else path.read_bytes()
        return kept_path if kept_path.read_bytes() == mine else None

    @staticmethod
    def _promoted(folder: Path, kept: Path, reason: str) -> Path:
        """A version kept as an autosave that a milestone now needs (the version a restore
        replaces was linked by a save that then failed): renamed, so pruning never takes it."""
        parsed = parse_name(kept.name)
        if parsed is None or parsed[2] != AUTOSAVE or reason == AUTOSAVE:
            return kept
        stamp, revision, _, suffix = parsed
        for name in _names(stamp, revision, reason, suffix):
            target = folder / name
            if not target.exists():
                os.replace(kept, target)
                return target
        return kept

    def _link_or_copy(
        self, folder: Path, path: Path, stamp: str, revision: int | None, reason: str
    ) -> Path:
        for name in _names(stamp, revision, reason, path.suffix):
            target = folder / name
            try:
                os.link(path, target, follow_symlinks=False)
            except FileExistsError:
                continue
            except OSError:  # no hard links here: copy the bytes instead
                from sbcm_tui.files.casefile import read_bytes

                data = read_bytes(path)
                return self._write_copy(folder, data, stamp, revision, reason, path.suffix)
            if stat.S_IMODE(os.stat(target).st_mode) != FILE_MODE:
                # The inode being replaced (a file someone made 0644): owner-only, like a copy.
                with contextlib.suppress(OSError):
                    os.chmod(target, FILE_MODE)
            return target
        raise FileExistsError(errno.EEXIST, "no free version name", os.fspath(folder))

    @staticmethod
    def _write_copy(
        folder: Path, data: bytes, stamp: str, revision: int | None, reason: str, suffix: str
    ) -> Path:
        """A version as a new file: a temp file (0600), written and fsynced, then given a free
        name, so a half-written copy is never listed as a version."""
        fd, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            for name in _names(stamp, revision, reason, suffix):
                target = folder / name
                try:
                    os.link(temp, target)
                except FileExistsError:
                    continue
                except OSError:  # no hard links here: a rename (the name checked first)
                    if target.exists():
                        continue
                    os.replace(temp, target)
                return target
            raise FileExistsError(errno.EEXIST, "no free version name", os.fspath(folder))
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temp)

    def _failed(self, path: Path, exc: BaseException) -> None:
        """A version could not be kept: said, counted and logged (case id and reason only),
        never raised."""
        if isinstance(exc, CaseFileError) and exc.problems:
            why = exc.problems[0].what
        elif isinstance(exc, OSError):
            why = exc.strerror or type(exc).__name__
        else:
            why = type(exc).__name__
        self.failures += 1
        self.problem = f"the history could not keep a version of this case ({why})"
        log.warning("history of %s: a version was not kept (%s)", path.stem, why)


def _names(stamp: str, revision: int | None, reason: str, suffix: str) -> Iterator[str]:
    """The version's name; then, when it is taken (two versions in one millisecond), the
    same name a millisecond later, and so on."""
    yield version_name(stamp, revision, reason, suffix)
    seconds = seconds_of(stamp)
    for step in range(1, _MAX_NAME_TRIES):
        yield version_name(stamp_of(seconds + step / 1000), revision, reason, suffix)


def _is_stamped(name: str) -> bool:
    """Whether a name starts like a version's (``20261202T101503.123Z-``): the quick check
    pruning makes on every name at every save, instead of parsing each."""
    return name[8:9] == "T" and name[19:21] == "Z-" and name[:8].isdigit()


def _remove(path: Path) -> int:
    try:
        path.unlink()
    except OSError:
        return 0
    return 1


def _remove_stale(path: Path, older_than: float = 60.0) -> None:
    """A temp file a killed save left (it holds client words nobody will read); a fresh one
    may be another window's copy in progress, and stays."""
    with contextlib.suppress(OSError):
        if path.stat().st_mtime < time.time() - older_than:
            path.unlink()


def _revision_in(path: Path) -> int | None:
    """The revision the case file on disk says it is (None when it cannot be read)."""
    from sbcm_tui.files.casefile import CaseFileError, read_bytes

    try:
        return _revision_of(read_bytes(path), path)
    except CaseFileError:
        return None


def _revision_of(data: bytes, path: Path) -> int | None:
    """The revision a case file's bytes say they are (None when they cannot be read)."""
    from sbcm_tui.files.casefile import CaseFileError, CaseFormat, parse_data

    try:
        value: Any = parse_data(data, CaseFormat.for_path(path), os.fspath(path)).get("revision")
    except (CaseFileError, ValueError):
        return None
    return value if type(value) is int and value >= 0 else None


# --- bringing a version back ----------------------------------------------


def load_version(version: Version, case_id: str, codec: Codec = PLAIN) -> Case:
    """The case a version holds, validated like a case file (CaseFileError when it does not
    load, or is another case's); ``codec`` opens it in an encrypted folder."""
    from sbcm_tui.files.casefile import CaseFormat, load_case, read_bytes

    name = os.fspath(version.path)
    case = load_case(codec.open(read_bytes(name), name), CaseFormat.for_path(name), name)
    if case.id != case_id:
        raise CaseFileError(
            name, ProblemKind.INVALID, [Problem("id", "is another case's, not this one's")]
        )
    return case
