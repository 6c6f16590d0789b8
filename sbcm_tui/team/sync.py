"""A case folder shared with a team through git: join, commit what changed, merge, share.

**The folder is the work tree.** Case files sit at the top, as always; ``.sbcm/`` (the summary
cache with names in it, the local history, the audit log, locks, keys) stays out of git
(``.gitignore``), each laptop keeping its own. The team repository is any git remote: a bare
repository on a shared drive, an SSH host, a git server.

**What a sync does** (:func:`sync`), under one lock per folder:

1. Finishes a sync that was killed half-way (the journal below), removes stale git locks.
2. Commits each case file that changed since the last commit, one commit per case, authored by
   the worker; the message names the case id and which parts changed, never client text.
3. Fetches. No network: everything is committed locally and the sync says "not shared yet".
4. Brings in the team's commits: a fast-forward when nothing here is new, otherwise a merge
   commit built by the app. A case changed on one side only takes that side's file; a case
   changed on both is merged on the model (team/merge.py), validated and written; what the
   merge could not decide goes to the case's inbox. A merge that does not validate keeps ours
   and adds theirs as a conflict copy beside it (a case file of its own): neither is lost.
5. Pushes; if someone pushed first, goes back to 3 (a few times).

**Nothing half-done survives a kill.** Commits are built with plumbing in a private index
(``hash-object``, ``update-index``, ``write-tree``, ``commit-tree``) and made current with one
compare-and-swap ``update-ref``; before that, a journal in ``.git`` lists which files the new
commit changes. The files are then written one by one (atomically, under the same lock a save
takes). Killed before the swap, nothing changed; after it, the next sync finds the journal and
writes the files still due. A file saved by the app meanwhile is not overwritten: it is merged
with the incoming version the same way.

**Encrypted teams** (team/keys.py) share ``team-keys.txt`` like a case file. A merge needs the
worker's key (the files are opened, merged, and sealed again); whenever the merged key list
differs from one side's, every file taken from that side is sealed again to the merged list,
so a member let in on one laptop can read what another laptop saved before it heard of them.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sbcm_tui.core.case import Case, new_id
from sbcm_tui.core.problems import CaseFileError, ProblemKind
from sbcm_tui.files.atomic import FILE_MODE, ensure_private_folder, write_atomic
from sbcm_tui.files.casefile import CaseFormat, dump_case, load_case
from sbcm_tui.files.store import META_FOLDER
from sbcm_tui.files.vault import PLAIN, TEAM_KEYS_FILE, Codec, Vault, has_keys
from sbcm_tui.team import git
from sbcm_tui.team import keys as team_keys
from sbcm_tui.team.git import is_team_folder
from sbcm_tui.team.merge import MergeRefused, Side, merge_cases
from sbcm_tui.team.paths import is_case_path, is_shared_path
from sbcm_tui.team.status import BRANCH, REMOTE, changed_here

IGNORED = (f"/{META_FOLDER}/", "/.*", "!/.gitignore", "*.lock", "*.tmp", "*.swp")
"""Out of git: the folder's own state (caches with names in them, local history, keys, locks),
hidden files, and temporary files of a save in progress."""
JOURNAL = "sbcm-sync-journal.json"
PUSH_TRIES = 5
EMAIL_DOMAIN = "workers.sbcm.invalid"
"""Commit e-mail addresses are ``<worker id>@`` this: a stable id, never a real address."""


class TeamError(Exception):
    """A team command that cannot go on, said plainly (no client text)."""


@dataclass(frozen=True, slots=True)
class Worker:
    """Who commits: a name people know, and an id that stays when the name changes."""

    name: str
    id: str

    @property
    def email(self) -> str:
        return f"{self.id}@{EMAIL_DOMAIN}"


@dataclass
class SyncReport:
    """What one sync did, in counts and case ids (safe to print and to log)."""

    committed: list[str] = field(default_factory=list)
    """Case files committed from this folder."""
    received: list[str] = field(default_factory=list)
    """Case files changed by the team's commits."""
    merged: list[str] = field(default_factory=list)
    """Case files changed on both sides and merged on the model."""
    to_inbox: int = 0
    """Disagreements the merges left in cases' inboxes."""
    copies: list[str] = field(default_factory=list)
    """Conflict copies written where a merge would not validate (ours kept, theirs copied)."""
    pushed: bool = False
    asked: str | None = None
    """A laptop that joined an encrypted team and waits to be let in: the worker's name."""
    offline: str | None = None
    """Why the team repository could not be reached (the work is committed locally)."""

    def lines(self) -> list[str]:
        said = [
            f"committed {len(self.committed)} changed case file(s)",
            f"received {len(self.received)} from the team",
        ]
        if self.merged:
            said.append(f"merged {len(self.merged)} changed on both sides")
        if self.to_inbox:
            said.append(f"{self.to_inbox} disagreement(s) left in the cases' inboxes")
        if self.copies:
            said.append(f"{len(self.copies)} merge(s) kept both sides as a conflict copy")
        said.append("shared with the team" if self.pushed else f"not shared yet: {self.offline}")
        if self.asked:
            said.append(
                "this laptop's key is in the team's list, waiting: until a member runs "
                f"`sbcm team admit {self.asked}`, the cases do not open here"
            )
        return said


# --- joining ---------------------------------------------------------------------------------


def worker_of(folder: Path) -> Worker:
    name = git.out(["config", "--get", "sbcm.workerName"], folder, check=False)
    wid = git.out(["config", "--get", "sbcm.workerId"], folder, check=False)
    if not name or not wid:
        raise TeamError(f"{folder}: no worker set here; run sbcm team join or init with --name")
    return Worker(name, wid)


def _set_worker(folder: Path, name: str) -> Worker:
    wid = git.out(["config", "--get", "sbcm.workerId"], folder, check=False) or new_id("w-")
    worker = Worker(name, wid)
    for key, value in (
        ("sbcm.workerName", worker.name),
        ("sbcm.workerId", worker.id),
        ("user.name", worker.name),
        ("user.email", worker.email),
        ("core.fileMode", "false"),
    ):
        git.run(["config", key, value], folder)
    return worker


def _is_local_path(remote: str) -> bool:
    return "://" not in remote and not (":" in remote.split("/")[0] and not Path(remote).exists())


def init(folder: Path, remote: str, name: str, codec: Codec = PLAIN) -> SyncReport:
    """Make ``folder`` a team repository and push it to ``remote`` (a new bare repository is
    made there when the remote is a local path that does not exist yet). An encrypted folder
    needs its vault, unlocked: its key list becomes the team's (team/keys.py)."""
    folder = folder.absolute()
    if is_team_folder(folder):
        raise TeamError(f"{folder}: already a team folder (git remote {REMOTE})")
    encrypted = has_keys(folder / META_FOLDER)
    if encrypted and not isinstance(codec, Vault):
        raise TeamError(f"{folder}: this folder is encrypted; unlock it to make it a team's")
    ensure_private_folder(folder)
    if _is_local_path(remote) and not Path(remote).exists():
        Path(remote).mkdir(parents=True, mode=0o700)
        git.run(["init", "-q", "--bare", "-b", BRANCH, str(Path(remote).resolve())], folder)
    git.run(["init", "-q", "-b", BRANCH], folder)
    _write_ignore(folder)
    worker = _set_worker(folder, name)
    if encrypted and team_keys.load(folder) is None:
        assert isinstance(codec, Vault)
        team_keys.start(folder, codec, worker.id, worker.name)
    git.run(["remote", "add", REMOTE, remote], folder)
    return sync(folder, codec)


def join(
    remote: str, folder: Path, name: str, new_passphrase: Callable[[], str] | None = None
) -> SyncReport:
    """Clone the team repository into ``folder`` (new or empty) as this worker. An encrypted
    team's laptop makes its key (``new_passphrase`` asks for the passphrase that keeps it)
    and asks to be let in (team/keys.py): it reads nothing until a member admits it."""
    folder = folder.absolute()
    if folder.exists() and any(folder.iterdir()):
        raise TeamError(f"{folder}: not empty; join into a new folder")
    folder.parent.mkdir(parents=True, exist_ok=True)
    git.run(["clone", "-q", "-b", BRANCH, remote, str(folder)], folder.parent)
    os.chmod(folder, 0o700)
    _write_ignore(folder)
    worker = _set_worker(folder, name)
    codec: Codec = PLAIN
    if team_keys.load(folder) is not None:
        from sbcm_tui.files.vault import VaultError, create_worker_key, unlock

        if new_passphrase is None:
            raise TeamError(f"{folder}: this team is encrypted; a passphrase is needed to join")
        passphrase = new_passphrase()
        try:
            public = create_worker_key(folder / META_FOLDER, passphrase)
            codec = unlock(folder / META_FOLDER, passphrase)
        except VaultError as exc:
            raise TeamError(f"{folder}: {exc}") from None
        team_keys.ask(folder, public, worker.id, worker.name)
    report = sync(folder, codec)
    report.asked = worker.name if isinstance(codec, Vault) else None
    return report


def _write_ignore(folder: Path) -> None:
    path = folder / ".gitignore"
    have = path.read_text("utf-8").splitlines() if path.exists() else []
    wanted = [line for line in IGNORED if line not in have]
    if wanted:
        write_atomic(path, ("\n".join([*have, *wanted]) + "\n").encode("utf-8"))


# --- syncing ---------------------------------------------------------------------------------


def sync(folder: Path, codec: Codec = PLAIN) -> SyncReport:
    """Commit, fetch, merge and push (see the module); the report says what happened. An
    encrypted team's folder needs its vault, unlocked."""
    from filelock import FileLock, Timeout

    folder = folder.absolute()
    if not is_team_folder(folder):
        raise TeamError(f"{folder}: not a team folder (sbcm team init or join first)")
    if has_keys(folder / META_FOLDER) and not isinstance(codec, Vault):
        raise TeamError(f"{folder}: this team folder is encrypted; unlock it to sync")
    worker = worker_of(folder)
    meta = ensure_private_folder(folder / META_FOLDER)
    lock = FileLock(meta / "sync.lock", timeout=0, mode=FILE_MODE, fallback_to_soft=False)
    try:
        with lock:
            return _Sync(folder, worker, codec).run()
    except Timeout:
        raise TeamError(f"{folder}: a sync is already running for this folder") from None


class _Sync:
    def __init__(self, folder: Path, worker: Worker, codec: Codec = PLAIN) -> None:
        self.folder = folder
        self.worker = worker
        self.codec = codec
        self.sealer: Codec = codec
        """What a merged file is sealed with: the codec, or a vault with the merged key list."""
        self.report = SyncReport()
        self._cache: dict[tuple[str, str], bytes | None] = {}
        """Files of commits already read (commits never change)."""
        self._authors: dict[str, tuple[str | None, datetime | None]] = {}
        self.index = folder / ".git" / "sbcm-index"
        self.env = {
            "GIT_INDEX_FILE": str(self.index),
            "GIT_AUTHOR_NAME": worker.name,
            "GIT_AUTHOR_EMAIL": worker.email,
            "GIT_COMMITTER_NAME": worker.name,
            "GIT_COMMITTER_EMAIL": worker.email,
        }

    def git(self, *args: str, **kwargs) -> str:
        return git.out(list(args), self.folder, env=self.env, **kwargs)

    def run(self) -> SyncReport:
        self._recover()
        self._commit_local()
        for _ in range(PUSH_TRIES):
            try:
                git.run(["fetch", "-q", REMOTE], self.folder)
            except git.GitError as exc:
                if not exc.offline:
                    raise
                self.report.offline = str(exc)
                return self.report
            self._bring_in()
            if self._push():
                return self.report
        self.report.offline = "others kept pushing first; try again"
        return self.report

    # --- state -----------------------------------------------------------------------------

    def _commit_of(self, ref: str) -> str | None:
        done = git.run(
            ["rev-parse", "-q", "--verify", f"{ref}^{{commit}}"], self.folder, check=False
        )
        return done.stdout.decode().strip() or None

    def _head(self) -> str | None:
        return self._commit_of("HEAD")

    def _theirs(self) -> str | None:
        return self._commit_of(f"refs/remotes/{REMOTE}/{BRANCH}")

    def _blob(self, rev: str | None, path: str) -> bytes | None:
        if rev is None:
            return None
        if (rev, path) in self._cache:
            return self._cache[rev, path]
        done = git.run(["cat-file", "blob", f"{rev}:{path}"], self.folder, check=False)
        return done.stdout if done.returncode == 0 else None

    def _prefetch(self, wanted: list[tuple[str | None, str]]) -> None:
        """Read many files of many commits in one git process (for :meth:`_blob`)."""
        wanted = [(rev, name) for rev, name in wanted if rev and (rev, name) not in self._cache]
        if not wanted:
            return
        asked = "".join(f"{rev}:{name}\n" for rev, name in wanted).encode("utf-8")
        out = git.run(["cat-file", "--batch"], self.folder, data=asked).stdout
        at = 0
        for key in wanted:
            end = out.index(b"\n", at)
            header = out[at:end].split()
            at = end + 1
            if len(header) == 3 and header[1] == b"blob":
                size = int(header[2])
                self._cache[key] = out[at : at + size]
                at += size + 1
            else:
                self._cache[key] = None

    def _changed(self, old: str | None, new: str) -> list[str]:
        """Case files (and the team's key list) that differ between two commits (all of
        ``new``'s when ``old`` is None)."""
        if old is None:
            names = self.git("ls-tree", "-z", "--name-only", new).split("\0")
        else:
            names = self.git("diff", "-z", "--no-renames", "--name-only", old, new).split("\0")
        return [n for n in names if is_shared_path(n)]

    def _recover(self) -> None:
        """Stale locks from a killed git, and a journal a killed sync left."""
        gitdir = self.folder / ".git"
        for stale in ("index.lock", "sbcm-index.lock", "HEAD.lock", f"refs/heads/{BRANCH}.lock"):
            with contextlib.suppress(FileNotFoundError):
                (gitdir / stale).unlink()
        journal = gitdir / JOURNAL
        if not journal.exists():
            return
        try:
            pending = json.loads(journal.read_text("utf-8"))
            old, new, paths = pending["from"], pending["to"], pending["paths"]
        except (OSError, ValueError, KeyError, TypeError):
            journal.unlink(missing_ok=True)
            return
        if self._head() == new:  # the swap happened: write the files still due
            self._write_files(old, new, paths)
        journal.unlink(missing_ok=True)
        self._reset_index()

    # --- committing ------------------------------------------------------------------------

    def _commit_local(self) -> None:
        """One commit per changed case (the folder's very first commit holds them all), all
        written by one ``git fast-import`` onto a private ref, then made the branch's commit
        with one swap: a hundred changed cases cost one git process, not four hundred."""
        start = self._head()
        names = changed_here(self.folder, keys_too=True)  # (the real index, not the private one)
        ignore = (self.folder / ".gitignore").read_bytes()
        new_ignore = start is None or self._blob(start, ".gitignore") != ignore
        if not names and not new_ignore:
            return
        commits: list[tuple[str, list[str]]] = []
        if start is None:
            cases = sum(is_case_path(n) for n in names)
            commits.append((f"Team folder: {cases} case file(s)", [".gitignore", *names]))
        else:
            if new_ignore:
                commits.append(("Team folder: files git leaves out", [".gitignore"]))
            self._prefetch([(start, name) for name in names])
            commits += [(self._message(name, self._blob(start, name)), [name]) for name in names]
        head = self._import(start, commits)
        self._swap(start, head)
        self.report.committed += [n for n in names if is_case_path(n)]
        self._reset_index()

    def _import(self, parent: str | None, commits: list[tuple[str, list[str]]]) -> str:
        """Commits (message, files as they are on disk now) on top of ``parent``, by
        fast-import onto ``refs/sbcm/import``; returns the last one."""
        ref = "refs/sbcm/import"
        git.run(["update-ref", "-d", ref], self.folder, check=False)  # left by a killed sync
        who = f"{self.worker.name} <{self.worker.email}> now"
        stream = bytearray()
        for n, (message, names) in enumerate(commits):
            text = message.encode("utf-8")
            stream += f"commit {ref}\nauthor {who}\ncommitter {who}\n".encode()
            stream += f"data {len(text)}\n".encode() + text + b"\n"
            if n == 0:
                stream += f"from {parent}\n".encode() if parent else b"deleteall\n"
            for name in names:
                try:
                    data = (self.folder / name).read_bytes()
                except FileNotFoundError:
                    stream += f"D {_quoted(name)}\n".encode()
                    continue
                stream += f"M 100644 inline {_quoted(name)}\ndata {len(data)}\n".encode()
                stream += data + b"\n"
        git.run(
            ["fast-import", "--quiet", "--date-format=now", "--force"], self.folder,
            data=bytes(stream),
        )  # fmt: skip
        head = git.out(["rev-parse", ref], self.folder)
        git.run(["update-ref", "-d", ref], self.folder)
        return head

    def _message(self, name: str, before: bytes | None) -> str:
        """``c-1a2b3c: goals, contacts changed``: the case id and the parts, never their text."""
        stem = Path(name).stem
        path = self.folder / name
        if name == TEAM_KEYS_FILE:
            return "Team keys: who the case files are encrypted to changed"
        if not path.exists():
            return f"{stem}: case file removed"
        if before is None:
            return f"{stem}: new case"
        try:
            now = path.read_bytes()
            if self.codec.encrypted and self.codec.open(before, name) == self.codec.open(now, name):
                return f"{stem}: encrypted again to the team's keys"  # (a key change: no parsing)
            old = self._case(before, name).model_dump(mode="json")
            new = self._case(now, name).model_dump(mode="json")
        except (CaseFileError, OSError):
            return f"{stem}: case file changed (it does not read as a case here)"
        parts = [k for k in new if k not in ("revision", "updated_at") and new[k] != old.get(k)]
        parts += [k for k in old if k not in new]
        if not parts and self.codec.encrypted:
            return f"{stem}: encrypted again to the team's keys"
        return f"{stem}: {', '.join(parts) or 'saved'} changed"

    def _read_tree(self, rev: str | None) -> None:
        if rev is None:
            self.git("read-tree", "--empty")
        else:
            self.git("read-tree", rev)

    def _swap(self, old: str | None, new: str) -> None:
        """Make ``new`` the branch's commit, only if it still is ``old`` (one atomic step)."""
        ref = f"refs/heads/{BRANCH}"
        git.run(["update-ref", ref, new, old or ""], self.folder)
        if old is None:
            git.run(["symbolic-ref", "HEAD", ref], self.folder)

    def _reset_index(self) -> None:
        """The real index as HEAD's tree, the files left alone: ``git status`` shows only
        what was saved since."""
        if self._head() is not None:
            git.run(["reset", "-q"], self.folder, check=False)

    # --- bringing in -----------------------------------------------------------------------

    def _bring_in(self) -> None:
        head, theirs = self._head(), self._theirs()
        if theirs is None or theirs == head:
            return
        if head is not None and _is_ancestor(self.folder, theirs, head):
            return
        if head is None or _is_ancestor(self.folder, head, theirs):
            self._move_to(head, theirs)
            self.report.received += [n for n in self._changed(head, theirs) if is_case_path(n)]
            return
        self._move_to(head, self._merge_commit(head, theirs))

    def _merge_commit(self, head: str, theirs: str) -> str:
        base = self.git("merge-base", head, theirs, check=False) or None
        ours_changed = set(self._changed(base, head))
        theirs_changed = self._changed(base, theirs)
        self._read_tree(head)
        both = [name for name in theirs_changed if name in ours_changed]
        self._prefetch(
            [(theirs, n) for n in theirs_changed] + [(r, n) for n in both for r in (base, head)]
        )
        self._authors = self._authors_of(base, theirs)
        inboxed_before = self.report.to_inbox
        self.report.received += [n for n in theirs_changed if is_case_path(n)]
        theirs_only = [n for n in theirs_changed if n not in ours_changed]
        self._stage_from(theirs, theirs_only)
        keys_again = self._merge_keys(base, (head, ours_changed), (theirs, theirs_changed))
        for name in both:
            if name != TEAM_KEYS_FILE:
                self._stage(name, self._merge_file(name, base, head, theirs))
        for side, names in keys_again:
            self._seal_again(side, names)
        tree = self.git("write-tree")
        count = len([n for n in theirs_changed if is_case_path(n)])
        inboxed = self.report.to_inbox - inboxed_before
        message = f"Merge {count} case file(s) from the team ({inboxed} to the inbox)"
        return self.git("commit-tree", tree, "-p", head, "-p", theirs, "-m", message)

    def _merge_keys(
        self,
        base: str | None,
        ours_side: tuple[str, set[str]],
        theirs_side: tuple[str, list[str]],
    ) -> list[tuple[str, list[str]]]:
        """Stage the merged key list (when both sides changed it), set what merged files are
        sealed with, and say which side's files must be sealed again to the merged list.
        Each side is its commit and the files it changed since ``base``."""
        (head, ours), (theirs, theirs_changed) = ours_side, theirs_side
        both = TEAM_KEYS_FILE in ours and TEAM_KEYS_FILE in theirs_changed
        self.sealer = self.codec
        if not isinstance(self.codec, Vault):
            return []
        b, o, t = (self._blob(rev, TEAM_KEYS_FILE) for rev in (base, head, theirs))
        merged = team_keys.merge(b, o, t) if both else o
        if both:
            self._stage(TEAM_KEYS_FILE, merged)
        elif t != b:
            merged = t
        if merged is None or (merged == o and merged == t):
            return []
        self.sealer = self.codec.with_recipients(team_keys.parse(merged).recipients)
        again = []
        theirs_set = set(theirs_changed)
        if merged != o:
            again.append((head, [n for n in ours if n not in theirs_set]))
        if merged != t:
            again.append((theirs, [n for n in theirs_changed if n not in ours]))
        return again

    def _seal_again(self, rev: str, names: list[str]) -> None:
        """Files taken whole from one side, sealed again to the merged key list."""
        names = [n for n in names if is_case_path(n)]
        self._prefetch([(rev, n) for n in names])
        for name in names:
            raw = self._blob(rev, name)
            if raw is None:
                continue
            try:
                plain = self.codec.open(raw, name)
            except CaseFileError:
                continue  # not readable with this worker's key: left as it was
            self._stage(name, self.sealer.seal(plain))

    def _case(self, raw: bytes, name: str) -> Case:
        return load_case(self.codec.open(raw, name), CaseFormat.for_path(name), name)

    def _dump(self, case: Case, name: str) -> bytes:
        return self.sealer.seal(dump_case(case, CaseFormat.for_path(name)))

    def _merge_file(self, name: str, base: str | None, head: str, theirs: str) -> bytes | None:
        b, o, t = (self._blob(rev, name) for rev in (base, head, theirs))
        if o == t:
            return o
        if o is None or t is None:  # deleted on one side, changed on the other: keep it
            return o if t is None else t
        try:
            cases = [None if raw is None else self._case(raw, name) for raw in (b, o, t)]
        except CaseFileError as exc:
            if self.codec.encrypted and exc.kind is ProblemKind.UNREADABLE:
                raise TeamError(
                    f"{Path(name).stem}: changed here and by the team, and this laptop cannot "
                    "open every version to merge them; nothing was merged"
                ) from None
            return o  # a file that does not read as a case is never merged: ours stays
        base_case, ours_case, theirs_case = cases
        assert ours_case is not None and theirs_case is not None
        try:
            merged = merge_cases(
                base_case,
                Side(ours_case, self.worker.name, None),
                Side(theirs_case, *self._authors.get(name, (None, None))),
            )
        except MergeRefused:
            copy = theirs_case.model_copy(deep=True)
            copy.id = new_id("c-")
            copy.copy_of = _copy_of(theirs_case)
            copy_name = f"{copy.id}{Path(name).suffix}"
            self._stage(copy_name, self._dump(copy, name))
            self.report.copies.append(copy_name)
            return o
        self.report.merged.append(name)
        known = {e.id for e in ours_case.inbox} | {e.id for e in theirs_case.inbox}
        self.report.to_inbox += sum(e.id not in known for e in merged.inbox)
        return self._dump(merged, name)

    def _authors_of(
        self, base: str | None, theirs: str
    ) -> dict[str, tuple[str | None, datetime | None]]:
        """Who last changed each file on theirs' side since the base, and when (one git log)."""
        span = f"{base}..{theirs}" if base else theirs
        out = self.git("log", "--format=%x01%an%x00%aI", "--name-only", "--no-renames", span)
        found: dict[str, tuple[str | None, datetime | None]] = {}
        for block in out.split("\x01")[1:]:
            head, _, files = block.partition("\n")
            who, _, when = head.partition("\0")
            try:
                at = datetime.fromisoformat(when) if when else None
            except ValueError:
                at = None
            for name in files.split("\n"):
                if name and name not in found:  # newest first: the first seen is the last change
                    found[name] = (who or None, at)
        return found

    def _stage_from(self, rev: str, names: list[str]) -> None:
        """Stage files exactly as ``rev`` has them (or their removal), in two git processes."""
        if not names:
            return
        listed = self.git("ls-tree", "-z", rev, "--", *names)
        entries = [e for e in listed.split("\0") if e]
        present = {entry.split("\t", 1)[1] for entry in entries}
        info = "".join(f"{entry}\0" for entry in entries)
        info += "".join(f"0 {'0' * 40}\t{n}\0" for n in names if n not in present)
        self.git("update-index", "-z", "--index-info", data=info.encode("utf-8"))

    def _stage(self, name: str, data: bytes | None) -> None:
        if data is None:
            self.git("update-index", "--force-remove", "--", name)
            return
        blob = git.out(["hash-object", "-w", "--stdin"], self.folder, data=data)
        self.git("update-index", "--add", "--cacheinfo", f"100644,{blob},{name}")

    def _move_to(self, old: str | None, new: str) -> None:
        """Journal, swap, then write the files (see the module)."""
        paths = self._changed(old, new)
        journal = self.folder / ".git" / JOURNAL
        write_atomic(journal, json.dumps({"from": old, "to": new, "paths": paths}).encode())
        self._swap(old, new)
        self._write_files(old, new, paths)
        journal.unlink(missing_ok=True)
        self._reset_index()

    def _write_files(self, old: str | None, new: str, paths: list[str]) -> None:
        from sbcm_tui.files.store import CaseStore

        store = CaseStore(self.folder)
        self._prefetch([(rev, n) for n in paths for rev in (old, new)])
        # The key list first: what is merged below is sealed to the list it lands with.
        for name in sorted(paths, key=lambda n: n != TEAM_KEYS_FILE):
            before, after = self._blob(old, name), self._blob(new, name)
            path = self.folder / name
            with store.lock_for(path):
                try:
                    current = path.read_bytes()
                except FileNotFoundError:
                    current = None
                if current == after:
                    continue
                if current != before and current is not None and after is not None:
                    # Saved here since the commit this sync started from: merge that too.
                    after = self._merge_saved(name, before, current, after)
                elif current != before:
                    continue  # deleted here meanwhile, or removed there: what is here stays
                if after is None:
                    path.unlink(missing_ok=True)
                else:
                    write_atomic(path, after)

    def _merge_saved(self, name: str, before: bytes | None, current: bytes, after: bytes) -> bytes:
        if name == TEAM_KEYS_FILE:
            return team_keys.merge(before, current, after) or current
        try:
            base = None if before is None else self._case(before, name)
            merged = merge_cases(
                base,
                Side(self._case(current, name), self.worker.name),
                Side(self._case(after, name)),
            )
        except (CaseFileError, MergeRefused):
            return current  # kept as it is: the next sync commits it and merges again
        self.sealer = self.codec
        return self._dump(merged, name)

    def _push(self) -> bool:
        head = self._head()
        if head is None:
            return True
        if head == self._theirs():
            self.report.pushed = True
            return True
        try:
            git.run(["push", "-q", REMOTE, f"{head}:refs/heads/{BRANCH}"], self.folder)
        except git.GitError as exc:
            if exc.offline:
                self.report.offline = str(exc)
                return True
            if (
                "rejected" in str(exc)
                or "fetch first" in str(exc)
                or "non-fast-forward" in str(exc)
            ):
                return False
            raise
        git.run(["update-ref", f"refs/remotes/{REMOTE}/{BRANCH}", head], self.folder)
        self.report.pushed = True
        return True


def _quoted(name: str) -> str:
    """A path as fast-import reads it (C-style quotes when it holds anything unusual)."""
    if name.isascii() and name.isprintable() and not name.startswith('"'):
        return name
    out = []
    for byte in name.encode("utf-8"):
        char = chr(byte)
        if char in '"\\':
            out.append("\\" + char)
        elif 32 <= byte < 127:
            out.append(char)
        else:
            out.append(f"\\{byte:03o}")
    return '"' + "".join(out) + '"'


def _is_ancestor(folder: Path, older: str, newer: str) -> bool:
    done = git.run(["merge-base", "--is-ancestor", older, newer], folder, check=False)
    return done.returncode == 0


def _copy_of(case: Case):
    from sbcm_tui.core.case import CopyOf, now_utc

    return CopyOf(case_id=case.id, revision=case.revision, made_at=now_utc(), reason="conflict")
