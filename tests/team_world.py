"""A small agency for testing team sync: a git server on loopback, workers' folders, and random
offline edits that each leave a unique token, with what every edit replaced (superseded).

An edit supersedes exactly what its worker saw and replaced; every other token must survive
every merge, in the case or in an inbox entry. Used by tests/test_team_sync.py and, for the
200-round run, by benchmarks/bench_team.py."""

from __future__ import annotations

import random
import re
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sbcm_tui.core.case import Case, Client, Goal, Objective, Strength
from sbcm_tui.files.store import META_FOLDER, CaseStore
from sbcm_tui.files.vault import PLAIN, Codec
from sbcm_tui.team import git
from sbcm_tui.team.sync import SyncReport, init, join, sync

TOKEN = re.compile(r"tok-[a-z0-9]+-\d+")
PASSPHRASE = "the team's test passphrase"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def git_server(root: Path) -> Iterator[str]:
    """``git daemon`` on 127.0.0.1 serving ``root`` (pushes allowed); yields the URL of
    ``team.git`` under it (a new bare repository)."""
    repo = root / "team.git"
    git.run(["init", "-q", "--bare", "-b", "main", str(repo)], root)
    git.run(["config", "daemon.receivepack", "true"], repo)
    for _ in range(5):
        port = _free_port()
        daemon = subprocess.Popen(
            ["git", "daemon", "--reuseaddr", "--export-all", "--enable=receive-pack",
             f"--base-path={root}", "--listen=127.0.0.1", f"--port={port}", str(root)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and daemon.poll() is None:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.02)
        if daemon.poll() is None:
            break
    else:
        raise RuntimeError("git daemon would not start")
    try:
        yield f"git://127.0.0.1:{port}/team.git"
    finally:
        daemon.terminate()
        daemon.wait(5)


@dataclass
class Agency:
    """The workers' folders (the first made the team repository), and the tokens of edits."""

    remote: str
    root: Path
    rng: random.Random
    folders: dict[str, Path] = field(default_factory=dict)
    written: set[str] = field(default_factory=set)
    superseded: set[str] = field(default_factory=set)
    reports: list[SyncReport] = field(default_factory=list)
    count: int = 0
    vaults: dict[str, Codec] = field(default_factory=dict)
    """Each worker's unlocked vault (an encrypted team), or PLAIN."""

    @classmethod
    def start(
        cls, remote: str, root: Path, workers: list[str], seed: int, *, encrypted: bool = False
    ) -> Agency:
        """The first worker makes the team from three cases; the others join (an encrypted
        team's first worker then lets them in)."""
        from sbcm_tui.files.vault import create_keys, unlock

        agency = cls(remote, root, random.Random(seed))
        first, *others = workers
        folder = root / first
        agency.vaults = dict.fromkeys(workers, PLAIN)
        if encrypted:
            agency.vaults[first] = create_keys(folder / META_FOLDER, PASSPHRASE).vault
        store = agency.store(first, folder)
        for n in range(3):
            store.create(
                Case(
                    id=f"c-shared{n}",
                    client=Client(preferred_name=f"Client {n}"),
                    goals=[Goal(id=f"g{n}", words="A place of my own")],
                )
            )
        init(folder, remote, first.title(), agency.vaults[first])
        agency.folders[first] = folder
        for name in others:
            join(remote, root / name, name.title(), lambda: PASSPHRASE)
            agency.folders[name] = root / name
            if encrypted:
                agency.vaults[name] = unlock(root / name / META_FOLDER, PASSPHRASE)
        if encrypted:
            from sbcm_tui.team.keys import admit

            agency.sync(first)
            for name in others:
                admit(folder, agency.vaults[first], name)
            for name in workers:
                agency.sync(name)
            agency.reports.clear()
        return agency

    def store(self, who: str, folder: Path | None = None) -> CaseStore:
        vault = self.vaults[who]
        return CaseStore(folder or self.folders[who], vault=vault if vault.encrypted else None)

    def token(self, who: str) -> str:
        self.count += 1
        return f"tok-{who}-{self.count}"

    def sync(self, who: str) -> SyncReport:
        report = sync(self.folders[who], self.vaults[who])
        self.reports.append(report)
        return report

    # --- edits: each returns nothing; tokens written and superseded are recorded -----------

    def edit(self, who: str) -> None:
        store = self.store(who)
        names = sorted(p.name for p in self.folders[who].glob("c-*.toml"))
        kind = self.rng.choice(EDITS)
        if kind is new_case or not names:
            new_case(self, who, store, None)
            return
        opened = store.open(self.folders[who] / self.rng.choice(names[:6]))  # a few hot cases
        kind(self, who, store, opened)


def _tokens(value: object) -> set[str]:
    return set(TOKEN.findall(str(value)))


def _save(agency: Agency, store: CaseStore, opened, new: str, replaced: object) -> None:
    store.save(opened)
    agency.written.add(new)
    agency.superseded |= _tokens(replaced)


def add_strength(agency: Agency, who: str, store: CaseStore, opened) -> None:
    tok = agency.token(who)
    opened.case.strengths.append(Strength(domain="work", words=tok))
    _save(agency, store, opened, tok, None)


def set_living(agency: Agency, who: str, store: CaseStore, opened) -> None:
    tok = agency.token(who)
    before = opened.case.client.living_situation
    opened.case.client.living_situation = tok
    _save(agency, store, opened, tok, before)


def _strength(agency: Agency, who: str, store: CaseStore, opened) -> Strength | None:
    """A strength of the case to change; None (after adding one instead) when it has none."""
    if opened.case.strengths:
        return agency.rng.choice(opened.case.strengths)
    add_strength(agency, who, store, opened)
    return None


def edit_strength(agency: Agency, who: str, store: CaseStore, opened) -> None:
    if (strength := _strength(agency, who, store, opened)) is not None:
        tok = agency.token(who)
        before, strength.words = strength.words, tok
        _save(agency, store, opened, tok, before)


def delete_strength(agency: Agency, who: str, store: CaseStore, opened) -> None:
    if (strength := _strength(agency, who, store, opened)) is not None:
        opened.case.strengths.remove(strength)
        store.save(opened)
        agency.superseded |= _tokens(strength.words)


def add_condition(agency: Agency, who: str, store: CaseStore, opened) -> None:
    tok = agency.token(who)
    opened.case.client.medical_conditions.append(tok)
    _save(agency, store, opened, tok, None)


def add_objective(agency: Agency, who: str, store: CaseStore, opened) -> None:
    tok = agency.token(who)
    if not opened.case.goals:
        opened.case.goals.append(Goal(words="Work again"))
    agency.rng.choice(opened.case.goals).objectives.append(Objective(text=tok))
    _save(agency, store, opened, tok, None)


def transfer(agency: Agency, who: str, store: CaseStore, opened) -> None:
    """A hand-over to another worker, the token in its reason (the worker field itself may
    then disagree with another hand-over made at the same time: that goes to the inbox)."""
    from sbcm_tui.team.roster import hand_over
    from sbcm_tui.team.sync import worker_of

    tok = agency.token(who)
    me = worker_of(agency.folders[who])
    recipient = worker_of(agency.folders[agency.rng.choice(list(agency.folders))])
    hand_over(opened.case, me, recipient, tok)
    _save(agency, store, opened, tok, None)


def new_case(agency: Agency, who: str, store: CaseStore, _opened) -> None:
    tok = agency.token(who)
    store.create(Case(client=Client(preferred_name=tok)))
    agency.written.add(tok)


EDITS: list[Callable] = [
    add_strength,
    set_living,
    set_living,
    edit_strength,
    edit_strength,
    delete_strength,
    add_condition,
    add_objective,
    transfer,
    new_case,
]


def run_rounds(agency: Agency, rounds: int) -> None:
    """Each round, each worker makes 0 to 2 edits offline; then some of them sync, in a random
    order. At the end everyone syncs twice, so all have everything."""
    workers = list(agency.folders)
    for _ in range(rounds):
        for who in workers:
            for _ in range(agency.rng.randint(0, 2)):
                agency.edit(who)
        order = agency.rng.sample(workers, agency.rng.randint(1, len(workers)))
        for who in order:
            agency.sync(who)
    for _ in range(2):
        for who in workers:
            agency.sync(who)


def final_state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("c-*.*"))}


def check(agency: Agency) -> dict[str, int]:
    """Every file validates, every clone holds the same commit and the same files, every edit
    not superseded by its own worker's later view is in a case or an inbox, and no commit
    message names a token. Returns the merge figures."""
    states = {who: final_state(folder) for who, folder in agency.folders.items()}
    heads = {who: git.out(["rev-parse", "HEAD"], f) for who, f in agency.folders.items()}
    assert len(set(heads.values())) == 1, heads
    first = next(iter(states.values()))
    for who, state in states.items():
        assert state == first, f"{who} differs"
    text = ""
    inbox = 0
    for who, folder in agency.folders.items():  # every file opens for every worker
        store = agency.store(who)
        for name in first:
            case = store.open(folder / name).case
            assert case.id == Path(name).stem
    for name in first:
        case = (
            agency.store(next(iter(agency.folders)))
            .open(next(iter(agency.folders.values())) / name)
            .case
        )
        inbox += len(case.inbox)
        text += case.model_dump_json()
    present = _tokens(text)
    lost = agency.written - agency.superseded - present
    assert not lost, f"lost edits: {sorted(lost)[:10]}"
    folder = next(iter(agency.folders.values()))
    messages = git.out(["log", "--all", "--format=%an %ae %s%n%b"], folder)
    assert not TOKEN.search(messages), "a commit message holds client text"
    return {
        "edits": len(agency.written),
        "syncs": len(agency.reports),
        "merged": sum(len(r.merged) for r in agency.reports),
        "to_inbox": sum(r.to_inbox for r in agency.reports),
        "inbox_entries": inbox,
        "copies": sum(len(r.copies) for r in agency.reports),
    }
