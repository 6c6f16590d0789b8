"""A cache of case summaries, so the caseload opens fast however many cases there are.

Parsing and validating a 5 KB TOML case costs about half a millisecond; ten thousand of them take
seconds. The cache keeps one row per file keyed by (mtime_ns, size, inode): a file whose stat has
not changed is not read again. Unreadable files are cached too, with their problems, so a broken
file is reported on every listing without being re-parsed.

It is only a cache: on any error it is deleted and rebuilt, and if it cannot be written at all
(a read-only folder) the listing still works, only slower. It holds client names, so it is
owner-only like the case files, and in an encrypted folder it is one encrypted file
(``index.age``) instead of the SQLite table.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sbcm_tui.core.problems import CaseFileError, Problem, ProblemKind
from sbcm_tui.files.atomic import FILE_MODE, ensure_private_folder
from sbcm_tui.files.collector import collector_paused
from sbcm_tui.files.summary import (
    PARSED_AT_ONCE,
    SUMMARY_VERSION,
    CaseSummary,
    summaries_from_json,
    summarize,
)
from sbcm_tui.files.vault import PLAIN, Codec

INDEX_NAME = "index.sqlite3"
SEALED_INDEX_NAME = "index.age"
"""In an encrypted folder the cache, names and all, is one encrypted file instead: one
decryption a listing, where one a row would cost seconds for ten thousand cases."""
PARALLEL_FROM = 1500
"""Below this many files to parse, starting worker processes costs more than it saves."""
TABLE_LAYOUT = 2
"""Bump when the cache's table changes columns (2: the listing order, for a first page). The
table is rebuilt when this or the summaries' version differs from what the file records."""


class DamagedIndex(Exception):
    """A cached row that does not read back: the cache is rebuilt from the files."""


@dataclass(frozen=True, slots=True)
class BrokenCase:
    """A file in the folder that could not be read as a case, and why."""

    name: str
    kind: str
    problems: tuple[Problem, ...]

    def reason(self) -> str:
        """The first problem, for a one-line listing."""
        first = self.problems[0] if self.problems else Problem("file", "unreadable")
        return f"{first.where}: {first.what}"


@dataclass
class Caseload:
    """The result of listing a folder: readable cases and broken files, both by file name."""

    cases: list[CaseSummary] = field(default_factory=list)
    broken: list[BrokenCase] = field(default_factory=list)
    parsed: int = 0
    first_of: int = 0
    """0 for a listing of the folder. For a first page (:meth:`CaseIndex.first_page`), read
    from the cache before the folder is checked, how many cases the cache holds."""

    def of_worker(self, needle: str) -> Caseload:
        """The cases whose worker's name holds ``needle`` (any case): one worker's caseload,
        for a supervisor (broken files have no worker, so none are kept)."""
        wanted = needle.casefold()
        cases = [s for s in self.cases if wanted in (s.worker or "").casefold()]
        return Caseload(cases, [], self.parsed)

    @property
    def partial(self) -> bool:
        """Only a first page, not yet checked against the files: counts and searches wait."""
        return self.first_of > 0


Key = tuple[int, int, int]
UNSTATTED: Key = (-1, -1, -1)
"""The key of a file whose stat failed: read again on every listing."""
LINK: Key = (-2, -2, -2)
"""The key of a case file that is a symbolic link: refused, never read (see store.refuse_link)."""
_LINKED = (Problem("file", "is a link to another file: open or copy that file itself"),)
Entry = CaseSummary | BrokenCase
Row = tuple[str, Key, str, str]
"""A cached row as scanned: file name, stat key, kind ('ok' or a problem kind), payload."""


def listing_order(entry: Entry | None) -> str | None:
    """The key the caseload is sorted by (preferred name without case, then file name), as one
    string that sorts the same way in SQLite; None for what a first page leaves out (a broken
    file, a practice case)."""
    if not isinstance(entry, CaseSummary) or entry.practice:
        return None
    return f"{entry.preferred_name.casefold()}\x00{entry.name}"


def _sort_key(summary: CaseSummary) -> tuple[str, str]:
    return summary.preferred_name.casefold(), summary.name


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker (the pool's helper process) if it is not
    running, with its stderr on the null device when this process's stderr is not a file.

    Inside the app, Textual's stand-in for ``sys.stderr`` reports file number -1, and the
    tracker, which hands that number to its process, fails with "bad value(s) in fds_to_keep":
    the pool then never started, and a first listing of 10,000 files was read on one core
    (6.5 s against 2.2 s). The stand-in is put back at once; the tracker says nothing unless a
    worker leaks a semaphore."""
    from multiprocessing import resource_tracker

    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        resource_tracker.ensure_running()
        return
    with open(os.devnull, "w") as sink:
        stand_in, sys.stderr = sys.stderr, sink
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = stand_in


def _summarize_file(path: str, codec: Codec = PLAIN) -> tuple[str, str]:
    """Read one file and return (kind, payload): 'ok' + summary JSON, or the problem kind + JSON."""
    from sbcm_tui.files.casefile import (  # only files that changed need the case model
        CaseFormat,
        check_file_name,
        load_case,
        read_bytes,
    )

    name = os.path.basename(path)
    try:
        case = load_case(codec.open(read_bytes(path), path), CaseFormat.for_path(path), path)
        check_file_name(case, path)
    except CaseFileError as exc:
        return exc.kind.value, json.dumps([[p.where, p.what] for p in exc.problems])
    except Exception as exc:  # a cache must never stop the caseload from opening
        return ProblemKind.UNREADABLE.value, json.dumps([["file", type(exc).__name__]])
    return "ok", summarize(case, name).to_json()


class _Entries(dict[str, "Entry"]):
    """Entries by file name, built from (kind, payload) rows: summaries are parsed a batch at
    a time (one JSON document for many, their repeated strings shared), so neither the text
    of every row nor every parsed list is in memory at once. DamagedIndex when a row does not
    read back."""

    def __init__(self) -> None:
        super().__init__()
        self._batch: list[tuple[str, str]] = []

    def add(self, name: str, kind: str, payload: str) -> None:
        if kind != "ok":
            try:
                problems = tuple(Problem(w, t) for w, t in json.loads(payload))
            except (ValueError, TypeError) as exc:
                raise DamagedIndex from exc
            self[name] = BrokenCase(name, kind, problems)
            return
        self._batch.append((name, payload))
        if len(self._batch) >= PARSED_AT_ONCE:
            self.flush()

    def flush(self) -> None:
        batch, self._batch = self._batch, []
        try:
            summaries = summaries_from_json([payload for _, payload in batch])
        except (ValueError, TypeError, IndexError) as exc:
            raise DamagedIndex from exc
        self.update((name, summary) for (name, _), summary in zip(batch, summaries, strict=True))


def _summarize_many(paths: list[str]) -> list[tuple[str, str]]:
    """(In a worker process.) A batch of files; the collector paused as in the listing's own
    process: validating a case makes hundreds of objects and no cycles (8% of a batch's time
    went to collections, measured over 1,000 generated cases: 408 against 375 us a file)."""
    with collector_paused():
        return [_summarize_file(p) for p in paths]


class CaseIndex:
    """The summary cache of one case folder."""

    def __init__(self, root: Path, meta: Path, codec: Codec = PLAIN) -> None:
        self.root = root
        self.meta = meta
        self.codec = codec
        self._sealed: dict[str, tuple[Key, str, str]] | None = None
        """The encrypted cache's rows as last read or written (read once a scan, not twice)."""
        self._db: sqlite3.Connection | None = None
        self._known: dict[str, tuple[Key, Entry]] = {}
        """Each file as this process last listed it: its stat key and its entry."""
        self._scanning = threading.Lock()
        """One scan at a time per folder: the caseload, a reload and the dashboard may each ask
        from their own thread, and they share one connection."""

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None:
            return self._db
        try:
            ensure_private_folder(self.meta)
            path = self.meta / INDEX_NAME
            for attempt in range(2):
                try:
                    db = self._open(path)
                    break
                except sqlite3.DatabaseError as exc:
                    # Only a damaged file is removed and rebuilt. "Locked" or "cannot open" is
                    # someone else using it: removing it then pulled the file from under their
                    # memory map (a bus error, seen with two listings at once).
                    if attempt or isinstance(exc, sqlite3.OperationalError):
                        raise
                    with contextlib.suppress(FileNotFoundError):
                        path.unlink()
            self._db = db
        except (OSError, sqlite3.Error):
            self._db = None
        return self._db

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        if path.is_symlink():  # never follow a link put in its place: it could point anywhere
            path.unlink()
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
        os.close(fd)
        db = sqlite3.connect(path, timeout=2.0, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=OFF")  # a cache: losing it costs a rebuild, nothing more
        version = db.execute("PRAGMA user_version").fetchone()[0]
        wanted = SUMMARY_VERSION * 100 + TABLE_LAYOUT
        if version != wanted:
            db.execute("DROP TABLE IF EXISTS entries")
            db.execute(f"PRAGMA user_version={wanted}")
        db.execute(
            "CREATE TABLE IF NOT EXISTS entries (name TEXT PRIMARY KEY, mtime_ns INTEGER,"
            " size INTEGER, ino INTEGER, kind TEXT, payload TEXT, listed TEXT)"
        )
        db.execute("CREATE INDEX IF NOT EXISTS entries_listed ON entries (listed)")
        db.commit()
        for side in ("-wal", "-shm"):
            with contextlib.suppress(OSError):
                os.chmod(f"{path}{side}", FILE_MODE)
        return db

    def _rows(self) -> Iterator[Row]:
        """The cached rows (name, stat key, kind, payload), one at a time; none when there is
        no cache, and none after a read error (the cache is then thrown away)."""
        if self.codec.encrypted:
            for name, (key, kind, payload) in self._sealed_rows().items():
                yield name, key, kind, payload
            return
        db = self._connect()
        if db is None:
            return
        try:
            rows = db.execute("SELECT name, mtime_ns, size, ino, kind, payload FROM entries")
            for name, mtime_ns, size, ino, kind, payload in rows:
                yield name, (mtime_ns, size, ino), kind, payload
        except sqlite3.Error:
            self._reset()

    def _store(self, fresh: Iterable[tuple[Row, str | None]], gone: Iterable[str]) -> None:
        """Write rows (each with its listing order) and drop the rows of files gone."""
        if self.codec.encrypted:
            self._store_sealed((row for row, _ in fresh), gone)
            return
        db = self._connect()
        if db is None:
            return
        try:
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(n, *k, kind, payload, order) for (n, k, kind, payload), order in fresh],
                )
                db.executemany("DELETE FROM entries WHERE name = ?", [(n,) for n in gone])
        except sqlite3.Error:
            self._reset()

    # --- the sealed cache of an encrypted folder ---------------------------------------------

    def _sealed_rows(self) -> dict[str, tuple[Key, str, str]]:
        """The rows of the encrypted cache (none when there is none yet). A plain cache left
        from before the folder was encrypted holds names in the clear: it goes first."""
        from sbcm_tui.core.problems import CaseFileError

        self._remove_plain_cache()
        self._sealed = {}
        try:
            raw = (self.meta / SEALED_INDEX_NAME).read_bytes()
        except OSError:
            return {}
        try:
            rows = json.loads(self.codec.open(raw, SEALED_INDEX_NAME))
            if rows.get("version") != SUMMARY_VERSION:
                return {}
            self._sealed = {
                n: (tuple(k), kind, payload) for n, (k, kind, payload) in rows["rows"].items()
            }
        except (CaseFileError, ValueError, TypeError, KeyError, AttributeError) as exc:
            raise DamagedIndex from exc
        return dict(self._sealed)

    def _store_sealed(self, fresh: Iterable[Row], gone: Iterable[str]) -> None:
        from sbcm_tui.files.atomic import write_atomic

        if self._sealed is None:  # not read by this process yet: keep what is there
            with contextlib.suppress(DamagedIndex):
                self._sealed_rows()
        rows = dict(self._sealed or {})  # as the last scan read them: no second decryption
        for name, key, kind, payload in fresh:
            rows[name] = (key, kind, payload)
        for name in gone:
            rows.pop(name, None)
        data = json.dumps({"version": SUMMARY_VERSION, "rows": rows}, separators=(",", ":"))
        self._sealed = rows
        with contextlib.suppress(OSError):  # a cache: a folder that cannot keep it lists slower
            ensure_private_folder(self.meta)
            write_atomic(self.meta / SEALED_INDEX_NAME, self.codec.seal(data.encode("utf-8")))

    def _remove_plain_cache(self) -> None:
        for side in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                os.unlink(f"{self.meta / INDEX_NAME}{side}")

    def _reset(self) -> None:
        self._known = {}
        if self.codec.encrypted:
            self._sealed = None
            with contextlib.suppress(OSError):
                os.unlink(self.meta / SEALED_INDEX_NAME)
            return
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None
        for side in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                os.unlink(f"{self.meta / INDEX_NAME}{side}")

    def _files(self) -> dict[str, Key]:
        files: dict[str, Key] = {}
        with os.scandir(self.root) as entries:
            for entry in entries:
                name = entry.name
                if name.startswith(".") or not name.lower().endswith((".toml", ".json")):
                    continue
                try:
                    if entry.is_symlink():
                        files[name] = LINK
                        continue
                    st = entry.stat()
                except OSError:
                    files[name] = UNSTATTED
                    continue
                files[name] = (st.st_mtime_ns, st.st_size, st.st_ino)
        return files

    def remember(self, entries: Iterable[tuple[str, Key, str]]) -> None:
        """Record summaries already known (file name, its stat key, the summary's JSON), as the
        demo copy does for the files it has just written, so the first listing parses none."""
        rows = [
            ((name, key, "ok", payload), listing_order(CaseSummary.from_json(payload)))
            for name, key, payload in entries
        ]
        with self._scanning:
            self._store(rows, ())

    def first_page(self, limit: int) -> Caseload | None:
        """The first ``limit`` cases in listing order and every broken file, straight from
        the cache, without looking at the folder: a caseload of 50,000 shows its first rows
        in milliseconds while :meth:`scan` checks every file (about a second). None when
        there is no plain cache to read (none yet, or an encrypted folder, whose one sealed
        file is read by the scan anyway)."""
        if self.codec.encrypted or not (self.meta / INDEX_NAME).is_file():
            return None
        with self._scanning, collector_paused():
            db = self._connect()
            if db is None:
                return None
            try:
                total = db.execute("SELECT count(listed) FROM entries").fetchone()[0]
                cases = db.execute(
                    "SELECT name, payload FROM entries WHERE listed IS NOT NULL"
                    " ORDER BY listed LIMIT ?",
                    (limit,),
                ).fetchall()
                broken = db.execute(
                    "SELECT name, kind, payload FROM entries WHERE kind != 'ok' ORDER BY name"
                ).fetchall()
            except sqlite3.Error:
                return None  # the scan that follows finds the damage and rebuilds
            entries = _Entries()
            try:
                for name, kind, payload in broken:
                    entries.add(name, kind, payload)
                for name, payload in cases:
                    entries.add(name, "ok", payload)
                entries.flush()
            except DamagedIndex:
                return None
        page = Caseload(first_of=max(total, 1))
        for entry in entries.values():
            (page.cases if isinstance(entry, CaseSummary) else page.broken).append(entry)
        page.cases.sort(key=_sort_key)
        page.broken.sort(key=lambda b: b.name)
        return page

    def scan(self, progress: Callable[[int, int], None] | None = None) -> Caseload:
        """List the folder, reading only files that are new or changed since the last scan.

        Any damage in the cache (a row that does not read back) throws the whole cache away and
        lists the folder from the files: a cache is never trusted in part."""
        with self._scanning, collector_paused():
            try:
                return self._scan(progress)
            except DamagedIndex:
                self._reset()
                return self._scan(progress)

    def _scan(self, progress: Callable[[int, int], None] | None) -> Caseload:
        files = self._files()
        known = self._known
        # What this process listed before, for a file whose stat has not changed, is that
        # file's entry still: coming back to a big caseload parses nothing and keeps one copy.
        unknown = {
            name: key
            for name, key in files.items()
            if key not in (LINK, UNSTATTED) and (name not in known or known[name][0] != key)
        }
        entries = _Entries()
        gone = [name for name in known if name not in files]
        if unknown:
            gone += self._read_cached(files, unknown, entries)
        stale = [
            name
            for name, key in files.items()
            if key == UNSTATTED or (name in unknown and name not in entries)
        ]
        fresh: list[Row] = []
        for name, (kind, payload) in zip(stale, self._parse(stale, progress), strict=True):
            entries.add(name, kind, payload)
            fresh.append((name, files[name], kind, payload))
        entries.flush()
        if fresh or gone:
            self._store([(row, listing_order(entries.get(row[0]))) for row in fresh], gone)
        for name in gone:
            known.pop(name, None)
        for name, entry in entries.items():
            known[name] = (files[name], entry)
        result = Caseload(parsed=len(stale))
        for name, key in files.items():
            if key == LINK:
                result.broken.append(BrokenCase(name, ProblemKind.UNREADABLE.value, _LINKED))
                continue
            entry = known[name][1]
            (result.cases if isinstance(entry, CaseSummary) else result.broken).append(entry)
        result.cases.sort(key=_sort_key)
        result.broken.sort(key=lambda b: b.name)
        return result

    def _read_cached(
        self, files: dict[str, Key], unknown: dict[str, Key], entries: _Entries
    ) -> list[str]:
        """Entries from the cache for the files in ``unknown`` whose stat matches their row
        (added to ``entries``, which streams them: the cache's text is never all in memory);
        returns the names the cache holds that are no longer files."""
        gone: list[str] = []
        for name, key, kind, payload in self._rows():
            current = unknown.get(name)
            if current is None:
                if name not in files and name not in self._known:  # those are counted already
                    gone.append(name)
            elif current == key:  # else changed since it was cached: read again
                entries.add(name, kind, payload)
        entries.flush()
        return gone

    def _parse(
        self, names: list[str], progress: Callable[[int, int], None] | None
    ) -> list[tuple[str, str]]:
        paths = [str(self.root / n) for n in names]
        total = len(paths)
        workers = min(os.cpu_count() or 1, 8)
        if total < PARALLEL_FROM or workers < 2 or self.codec.encrypted:
            # (The folder's keys stay in this process: encrypted folders are read here.)
            out = []
            for i, path in enumerate(paths):
                out.append(_summarize_file(path, self.codec))
                if progress and (i % 100 == 0 or i == total - 1):
                    progress(i + 1, total)
            return out
        from concurrent.futures import BrokenExecutor, ProcessPoolExecutor
        from multiprocessing import get_context

        chunk = 100  # (250 left a core idle for up to 0.1 s while the other read the last)
        batches = [paths[i : i + chunk] for i in range(0, total, chunk)]
        out: list[tuple[str, str]] = []
        try:
            _start_resource_tracker()
            with ProcessPoolExecutor(workers, mp_context=get_context("spawn")) as pool:
                for batch_result in pool.map(_summarize_many, batches):
                    out.extend(batch_result)
                    if progress:
                        progress(len(out), total)
        except (OSError, ValueError, RuntimeError, BrokenExecutor):
            # Worker processes cannot start everywhere (inside a TUI whose stderr is not a
            # real file, in a sandbox): read the rest here rather than show an empty caseload.
            for i, path in enumerate(paths[len(out) :], start=len(out)):
                out.append(_summarize_file(path))
                if progress and (i % 100 == 0 or i == total - 1):
                    progress(i + 1, total)
        return out
