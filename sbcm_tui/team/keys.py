"""An encrypted team: the key list every case file is sealed to, shared in git, and the acts
that change it (a laptop asking to join, a member letting it in, a member leaving).

``team-keys.txt`` sits beside the case files and travels with them. Public keys only: each
worker's secret key stays on their laptop (``.sbcm/keys/worker.age``, under their passphrase,
out of git). One line per key, the key first::

    age1...  recovery                 the agency's recovery key (its secret is on paper)
    age1...  w-1a2b3c  Sam Rivera     a member: every case file is encrypted to them
    # asks  age1...  w-4d5e6f  Jo Lee  a laptop that joined and waits to be let in

A laptop that joins an encrypted team makes its key and adds an "asks" line: it can read
nothing yet, and nobody's saves are encrypted to it. A member lets it in (``sbcm team admit``):
the line becomes a member's and every current case file is encrypted again to the new list.
Removing a member does the same without their key. Neither can reach back into git's history:
the versions committed before a removal stay readable with the removed key, to anyone holding
a clone and that key. A member who must not read them any more means a new repository (see the
README).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from sbcm_tui.files.atomic import write_atomic
from sbcm_tui.files.vault import TEAM_KEYS_FILE, Vault

HEADER = (
    "# The public keys every case file of this team is encrypted to (no secret is here).\n"
    "# Changed by sbcm team admit / sbcm team remove; an '# asks' line waits to be let in.\n"
)
RECOVERY = "recovery"
ASKS = "# asks"


class KeysError(Exception):
    """A change to the key list that cannot be made, said plainly."""


@dataclass(frozen=True)
class Key:
    """One line of the list: a public key and whose it is."""

    key: str
    worker_id: str = RECOVERY
    name: str = ""
    asking: bool = False

    def line(self) -> str:
        said = f"{self.key}  {self.worker_id}" + (f"  {self.name}" if self.name else "")
        return f"{ASKS}  {said}" if self.asking else said


@dataclass
class TeamKeys:
    keys: list[Key] = field(default_factory=list)

    @property
    def recipients(self) -> list[str]:
        """What every case file is encrypted to: the members' keys and the recovery key."""
        return [k.key for k in self.keys if not k.asking]

    @property
    def members(self) -> list[Key]:
        return [k for k in self.keys if not k.asking and k.worker_id != RECOVERY]

    @property
    def asking(self) -> list[Key]:
        return [k for k in self.keys if k.asking]

    def find(self, who: str, *, asking: bool) -> Key:
        """The line of a worker named or numbered ``who`` (a name, or a worker id)."""
        wanted = who.strip().casefold()
        found = [
            k
            for k in self.keys
            if k.asking == asking
            and k.worker_id != RECOVERY
            and wanted in (k.worker_id.casefold(), k.name.casefold())
        ]
        if len(found) != 1:
            kind = "asking to join" if asking else "a member"
            raise KeysError(
                f"{who}: {'no one' if not found else 'more than one worker'} {kind} by that "
                "name or id (sbcm team keys lists them)"
            )
        return found[0]

    def text(self) -> bytes:
        return (HEADER + "".join(f"{k.line()}\n" for k in self.keys)).encode("utf-8")


def parse(raw: bytes) -> TeamKeys:
    keys = []
    for line in raw.decode("utf-8", "replace").splitlines():
        line = line.strip()
        asking = line.startswith(ASKS)
        words = line.removeprefix(ASKS).split(None, 2) if asking else line.split(None, 2)
        if not words or not words[0].startswith("age1"):
            continue
        keys.append(Key(words[0], words[1] if len(words) > 1 else RECOVERY, _at(words, 2), asking))
    return TeamKeys(keys)


def _at(words: list[str], n: int) -> str:
    return words[n] if len(words) > n else ""


def path_of(folder: Path) -> Path:
    return folder / TEAM_KEYS_FILE


def load(folder: Path) -> TeamKeys | None:
    """The team's key list, or None for a team that is not encrypted."""
    try:
        return parse(path_of(folder).read_bytes())
    except FileNotFoundError:
        return None


def save(folder: Path, keys: TeamKeys) -> None:
    if not keys.recipients:
        raise KeysError("the key list would be empty")
    write_atomic(path_of(folder), keys.text())


def merge(base: bytes | None, ours: bytes | None, theirs: bytes | None) -> bytes | None:
    """Both sides changed the list: line by line on the keys. A key removed on either side is
    removed (a removal is never undone by a merge); a key let in on one side and still asking
    on the other is let in; a key added on one side is added."""
    if ours is None or theirs is None:
        return ours if theirs is None else theirs
    b = {k.key: k for k in parse(base).keys} if base else {}
    o = {k.key: k for k in parse(ours).keys}
    t = {k.key: k for k in parse(theirs).keys}
    merged: list[Key] = []
    for key in [*o, *(k for k in t if k not in o)]:
        mine, other = o.get(key), t.get(key)
        if key in b and (mine is None or other is None):
            continue  # removed on one side
        chosen = mine or other
        assert chosen is not None
        if mine and other and mine.asking != other.asking:
            chosen = replace(chosen, asking=False)
        merged.append(chosen)
    return TeamKeys(merged).text()


# --- the acts that change it ------------------------------------------------------------------


def start(folder: Path, vault: Vault, worker_id: str, name: str) -> None:
    """Make an encrypted single-worker folder a team's: its list (this worker's key and the
    recovery key) moves to the shared file, the local one goes."""
    from sbcm_tui.files.store import META_FOLDER
    from sbcm_tui.files.vault import (
        RECIPIENTS_FILE,
        WORKER_PUBLIC_FILE,
        keys_folder,
        recipients_of,
    )

    meta = folder / META_FOLDER
    mine = set(vault.public_keys)
    listed = recipients_of(meta)
    keys = [Key(k, worker_id, name) if k in mine else Key(k) for k in listed]
    if not any(k.key in mine for k in keys):
        raise KeysError("this worker's key is not in the folder's key list")
    save(folder, TeamKeys(keys))
    own = next(k for k in keys if k.key in mine).key
    write_atomic(keys_folder(meta) / WORKER_PUBLIC_FILE, f"{own}\n".encode("ascii"))
    (keys_folder(meta) / RECIPIENTS_FILE).unlink(missing_ok=True)


def ask(folder: Path, public_key: str, worker_id: str, name: str) -> None:
    """A joining laptop's line: waiting to be let in."""
    keys = load(folder)
    if keys is None:
        raise KeysError("this team is not encrypted")
    keys.keys = [k for k in keys.keys if k.worker_id != worker_id or k.worker_id == RECOVERY]
    keys.keys.append(Key(public_key, worker_id, name, asking=True))
    save(folder, keys)


def admit(folder: Path, vault: Vault, who: str) -> tuple[Key, int]:
    """Let a laptop that asked in, and encrypt every current case file to them too; returns
    the key and how many files were sealed again."""
    keys = _loaded(folder)
    asking = keys.find(who, asking=True)
    keys.keys = [
        replace(k, asking=False) if k == asking else k
        for k in keys.keys
        if k == asking or k.worker_id != asking.worker_id or k.worker_id == RECOVERY
    ]
    return asking, _seal_again(folder, vault, keys)


def remove(folder: Path, vault: Vault, who: str) -> tuple[Key, int]:
    """Take a member out of the list and encrypt every current case file again without them."""
    keys = _loaded(folder)
    gone = keys.find(who, asking=False)
    if gone.key in vault.public_keys:
        raise KeysError("a worker cannot remove their own key; ask another member")
    keys.keys = [k for k in keys.keys if k != gone]
    if not keys.members:
        raise KeysError("that would leave the team with no member")
    return gone, _seal_again(folder, vault, keys)


def _loaded(folder: Path) -> TeamKeys:
    keys = load(folder)
    if keys is None:
        raise KeysError(f"{folder}: this team is not encrypted")
    return keys


def _seal_again(folder: Path, vault: Vault, keys: TeamKeys) -> int:
    """Every case file at the top of the folder, encrypted again to ``keys`` (each one under
    the lock a save takes, replaced atomically and synced), then the list itself. Killed
    half-way, every file still opens for the members it opened for; running the act again
    finishes it. Files are done on a few threads at once: most of the time is each file's
    fsync, which waits on the disk, not on Python."""
    from concurrent.futures import ThreadPoolExecutor

    from sbcm_tui.core.problems import CaseFileError
    from sbcm_tui.files.store import CaseStore
    from sbcm_tui.team.paths import is_case_path

    sealer = vault.with_recipients(keys.recipients)
    store = CaseStore(folder)

    def one(path: Path) -> bool:
        with store.lock_for(path):
            try:
                plain = vault.open(path.read_bytes(), path.name)
            except (FileNotFoundError, CaseFileError):  # gone, or not this worker's to open
                return False
            write_atomic(path, sealer.seal(plain))
            return True

    paths = sorted(p for p in folder.iterdir() if is_case_path(p.name))
    with ThreadPoolExecutor(max_workers=8) as pool:
        count = sum(pool.map(one, paths))
    save(folder, keys)
    return count
