"""Who is on the team, and handing a case from one worker to another.

The roster is read from the repository itself: every worker who ever committed, by the id in
their commit address (stable) and the name of their latest commit (names change). A transfer
sets the case's worker, records who handed it over, to whom, when and why (in the case, so it
travels and merges like any edit), and syncs, so the new worker has it at their next sync.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sbcm_tui.core.case import Case, Transfer
from sbcm_tui.files.store import CaseStore
from sbcm_tui.files.vault import PLAIN, Codec, Vault
from sbcm_tui.team import git
from sbcm_tui.team.sync import EMAIL_DOMAIN, SyncReport, TeamError, Worker, sync, worker_of


def roster(folder: Path) -> list[Worker]:
    """Everyone who has committed to the team repository, and this worker, by name."""
    out = git.out(["log", "--all", "--format=%an%x00%ae"], folder, check=False)
    found: dict[str, str] = {}
    for line in out.splitlines():
        name, _, email = line.partition("\0")
        wid, _, domain = email.partition("@")
        if domain == EMAIL_DOMAIN and wid not in found:  # newest first: the latest name
            found[wid] = name
    me = worker_of(folder)
    found[me.id] = me.name
    return sorted((Worker(name, wid) for wid, name in found.items()), key=lambda w: w.name)


def find_worker(folder: Path, wanted: str) -> Worker:
    """A worker by id or by name (any case); TeamError naming the team when none or several."""
    team = roster(folder)
    by_id = [w for w in team if w.id == wanted]
    by_name = [w for w in team if w.name.casefold() == wanted.strip().casefold()]
    matches = by_id or by_name
    if len(matches) == 1:
        return matches[0]
    names = ", ".join(f"{w.name} ({w.id})" for w in team)
    if matches:
        raise TeamError(f"more than one worker is called that; give the id: {names}")
    raise TeamError(f"no worker on this team is called that; the team: {names}")


@dataclass(frozen=True)
class Handover:
    """A transfer done, and the sync that shared it."""

    case_id: str
    to: Worker
    report: SyncReport

    def lines(self) -> list[str]:
        return [f"{self.case_id}: now {self.to.name}'s case ({self.to.id})", *self.report.lines()]


def hand_over(case: Case, me: Worker, recipient: Worker, reason: str | None) -> None:
    """Record in the case that ``me`` handed it to ``recipient`` now, and why; it is then
    the recipient's case. (The caller saves it; the next sync shares it.)"""
    case.transfers.append(
        Transfer(
            from_worker=case.worker,
            to_worker=recipient.name,
            to_worker_id=recipient.id,
            by=me.name,
            reason=(reason or "").strip() or None,
        )
    )
    case.worker = recipient.name


def transfer(
    folder: Path, case_file: Path, to: str, reason: str | None = None, codec: Codec = PLAIN
) -> Handover:
    """Hand a case to another worker of the team, and share it (``codec``: an encrypted
    team's vault, unlocked)."""
    folder = folder.absolute()
    me = worker_of(folder)
    recipient = find_worker(folder, to)
    store = CaseStore(folder, vault=codec if isinstance(codec, Vault) else None)
    opened = store.open(case_file)
    case = opened.case
    if case.worker == recipient.name:
        raise TeamError(f"{case_file.name}: already {recipient.name}'s case")
    hand_over(case, me, recipient, reason)
    store.save(opened)
    store.record("transfer", case.id)
    return Handover(case.id, recipient, sync(folder, codec))
