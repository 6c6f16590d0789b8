"""Team folders on git, end to end: a git server on loopback, three workers and a supervisor
editing the same cases offline, syncing in random orders (tests/team_world.py); and syncs
killed half-way. ``SBCM_TEAM_ROUNDS`` sets the rounds (the closing note's run used 200)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sbcm_tui.core.case import Case, Client, Strength
from sbcm_tui.files.casefile import read_case
from sbcm_tui.files.store import CaseStore
from sbcm_tui.team import git
from sbcm_tui.team.sync import TeamError, init, join, sync
from tests.team_world import Agency, check, git_server, run_rounds

pytestmark = pytest.mark.skipif(not git.available(), reason="the team layer needs git")
ROUNDS = int(os.environ.get("SBCM_TEAM_ROUNDS", "12"))


def test_random_offline_edits_by_four_people_converge_and_lose_nothing(tmp_path: Path) -> None:
    with git_server(tmp_path) as remote:
        agency = Agency.start(remote, tmp_path, ["ana", "ben", "cy", "sup"], seed=ROUNDS)
        run_rounds(agency, ROUNDS)
        figures = check(agency)
    assert figures["merged"] > 0 and figures["to_inbox"] > 0  # the test reached both paths
    print(figures)


def test_what_a_sync_commits_is_one_commit_per_case_with_no_client_text(tmp_path: Path) -> None:
    remote = tmp_path / "team.git"
    store = CaseStore(tmp_path / "a")
    opened = store.create(Case(client=Client(preferred_name="Ana SECRET")))
    report = init(tmp_path / "a", str(remote), "Dana Reyes")
    assert report.pushed and report.committed == [opened.path.name]
    opened.case.strengths.append(Strength(domain="work", words="SECRET words"))
    opened.case.client.living_situation = "SECRET place"
    store.save(opened)
    store.create(Case(client=Client(preferred_name="Bea SECRET")))
    report = sync(tmp_path / "a")
    assert len(report.committed) == 2
    log = git.out(["log", "--format=%an <%ae> %s"], tmp_path / "a").splitlines()
    assert len(log) == 3  # the first (.gitignore and Ana), then one per changed case
    assert log[-1].endswith("Team folder: 1 case file(s)")
    assert any(line.endswith(f"{opened.case.id}: client, strengths changed") for line in log)
    assert not any("SECRET" in line for line in log)
    assert all("Dana Reyes <w-" in line for line in log)
    assert git.out(["status", "--porcelain"], tmp_path / "a") == ""


def test_files_checked_out_by_a_join_are_owner_only(tmp_path: Path) -> None:
    CaseStore(tmp_path / "a").create(Case(client=Client(preferred_name="Ana")))
    init(tmp_path / "a", str(tmp_path / "team.git"), "Dana")
    join(str(tmp_path / "team.git"), tmp_path / "b", "Sam")
    for path in [tmp_path / "b", *(tmp_path / "b").glob("c-*")]:
        assert path.stat().st_mode & 0o077 == 0, path


def test_no_network_commits_locally_and_the_next_sync_shares(tmp_path: Path) -> None:
    with git_server(tmp_path) as remote:
        agency = Agency.start(remote, tmp_path, ["ana", "ben"], seed=1)
    # The server is gone: work goes on, and is committed.
    store = CaseStore(agency.folders["ana"])
    store.create(Case(client=Client(preferred_name="Offline")))
    report = sync(agency.folders["ana"])
    assert not report.pushed and report.offline and len(report.committed) == 1
    with pytest.raises(TeamError):
        sync(tmp_path / "nowhere")


KILLS = int(os.environ.get("SBCM_TEAM_KILLS", "12"))


def test_a_sync_killed_at_any_moment_leaves_both_sides_valid_and_the_next_completes(
    tmp_path: Path,
) -> None:
    rng = random.Random(5)
    remote = tmp_path / "team.git"
    agency = Agency.start(str(remote), tmp_path, ["ana", "ben"], seed=5)
    sbcm = [sys.executable, "-m", "sbcm_tui"]
    command = [*sbcm, "sync", "--cases", str(agency.folders["ana"])]
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    whole = time.perf_counter() - started  # a kill lands anywhere in a sync of this length
    killed = 0
    for n in range(KILLS):
        for who in ("ana", "ben"):
            for _ in range(3):
                agency.edit(who)
        agency.sync("ben")  # so that ana's sync has a merge to do
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, whole))
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
            killed += 1
        child.wait()
        for folder in agency.folders.values():
            for path in folder.glob("c-*.*"):
                read_case(path)  # every file still reads
        git.run(["fsck", "--no-progress"], remote)
        git.run(["fsck", "--no-progress"], agency.folders["ana"])
        report = sync(agency.folders["ana"])
        assert report.pushed, n
    for who in ("ben", "ana", "ben"):
        agency.sync(who)
    check(agency)
    assert killed >= KILLS // 3, f"only {killed} of {KILLS} syncs were still running when killed"


@pytest.mark.parametrize("merge", [True, False], ids=["merge", "fast-forward"])
def test_a_sync_that_dies_after_moving_the_branch_writes_the_files_at_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, merge: bool
) -> None:
    """The one moment a random kill rarely hits: the branch already names the new commit, the
    files are not written yet. Without the journal, the next sync took the old files for new
    edits and undid the team's changes."""
    from sbcm_tui.team import sync as team_sync
    from tests.team_world import add_strength

    agency = Agency.start(str(tmp_path / "team.git"), tmp_path, ["ana", "ben"], seed=3)
    for who in ("ben", "ana") if merge else ("ben",):
        store = CaseStore(agency.folders[who])
        add_strength(agency, who, store, store.open(agency.folders[who] / "c-shared0.toml"))
    agency.sync("ben")
    real = team_sync._Sync._write_files

    def dies(self, *args):
        raise KeyboardInterrupt  # as if killed: nothing after this runs

    monkeypatch.setattr(team_sync._Sync, "_write_files", dies)
    with pytest.raises(KeyboardInterrupt):
        sync(agency.folders["ana"])
    monkeypatch.setattr(team_sync._Sync, "_write_files", real)
    agency.sync("ana")
    agency.sync("ben")
    check(agency)


def test_a_case_file_removed_by_one_worker_goes_from_the_others_in_a_merge_too(
    tmp_path: Path,
) -> None:
    store = CaseStore(tmp_path / "a")
    gone = store.create(Case(client=Client(preferred_name="Gone")))
    kept = store.create(Case(client=Client(preferred_name="Kept")))
    init(tmp_path / "a", str(tmp_path / "team.git"), "Dana")
    join(str(tmp_path / "team.git"), tmp_path / "b", "Sam")
    (tmp_path / "b" / gone.path.name).unlink()
    sync(tmp_path / "b")
    kept.case.client.age = 40  # a change here too: the sync has to merge, not fast-forward
    store.save(kept)
    report = sync(tmp_path / "a")
    assert report.pushed and gone.path.name in report.received
    assert not (tmp_path / "a" / gone.path.name).exists()
    assert read_case(tmp_path / "a" / kept.path.name)[0].client.age == 40
    assert git.out(["status", "--porcelain"], tmp_path / "a") == ""


def test_a_transfer_records_who_to_whom_when_and_why_and_reaches_the_new_worker(
    tmp_path: Path,
) -> None:
    from sbcm_tui.cli import main
    from sbcm_tui.team.roster import roster

    store = CaseStore(tmp_path / "a")
    opened = store.create(Case(client=Client(preferred_name="Ana"), worker="Dana Reyes"))
    init(tmp_path / "a", str(tmp_path / "team.git"), "Dana Reyes")
    join(str(tmp_path / "team.git"), tmp_path / "b", "Sam Okafor")
    sync(tmp_path / "b")  # (nothing to share: a worker who never committed is not known yet)
    CaseStore(tmp_path / "b").create(Case(client=Client(preferred_name="Bea")))
    sync(tmp_path / "b")
    sync(tmp_path / "a")
    assert [w.name for w in roster(tmp_path / "a")] == ["Dana Reyes", "Sam Okafor"]
    a = str(tmp_path / "a")
    assert main(["team", "transfer", opened.case.id, "--to", "nobody", "--cases", a]) == 1
    why = "SECRET: Dana moves to nights"
    code = main(["team", "transfer", opened.case.id, "--to", "sam okafor", "--why", why,
                 "--cases", a])  # fmt: skip
    assert code == 0
    sync(tmp_path / "b")
    case, _ = read_case(tmp_path / "b" / opened.path.name)
    assert case.worker == "Sam Okafor"
    (done,) = case.transfers
    assert (done.from_worker, done.to_worker, done.by, done.reason) == (
        "Dana Reyes",
        "Sam Okafor",
        "Dana Reyes",
        why,
    )
    assert done.to_worker_id == roster(tmp_path / "b")[1].id
    assert "SECRET" not in git.out(["log", "--format=%B"], tmp_path / "b")


def test_a_hostile_teammate_using_plain_git_cannot_plant_a_link_or_break_the_sync(
    tmp_path: Path,
) -> None:
    """Whatever another clone pushes (a file that is not TOML, a symbolic link named like a
    case, an author name with terminal escapes), the sync goes through, nothing on disk is a
    link, and a broken file is listed as broken, not merged."""
    store = CaseStore(tmp_path / "a")
    opened = store.create(Case(client=Client(preferred_name="Ana")))
    init(tmp_path / "a", str(tmp_path / "team.git"), "Dana")
    evil = tmp_path / "evil"
    subprocess.run(["git", "clone", "-q", str(tmp_path / "team.git"), str(evil)], check=True)
    (evil / "c-broken1.toml").write_text("not = = toml")
    os.symlink("/etc/passwd", evil / "c-link0001.toml")
    env = {**os.environ, "GIT_AUTHOR_NAME": "Eve\x1b[2J", "GIT_AUTHOR_EMAIL": "e@x",
           "GIT_COMMITTER_NAME": "Eve", "GIT_COMMITTER_EMAIL": "e@x"}  # fmt: skip
    for args in (["add", "-A"], ["commit", "-qm", "x\x1b[31m"], ["push", "-q"]):
        subprocess.run(["git", "-C", str(evil), *args], check=True, env=env)
    join(str(tmp_path / "team.git"), tmp_path / "c", "Cy")  # a fresh clone of it: no link
    assert not any(p.is_symlink() for p in (tmp_path / "c").iterdir())
    opened.case.client.age = 33  # a change here too: the sync merges
    store.save(opened)
    report = sync(tmp_path / "a")
    assert report.pushed
    assert not any(p.is_symlink() for p in (tmp_path / "a").iterdir())
    broken = {b.name for b in CaseStore(tmp_path / "a").caseload().broken}
    assert broken == {"c-broken1.toml", "c-link0001.toml"}
    assert read_case(opened.path)[0].client.age == 33
    assert sync(tmp_path / "a").pushed  # and the next sync is fine too


@pytest.mark.parametrize("errno_", [28, 5, 13, 30], ids=["ENOSPC", "EIO", "EACCES", "EROFS"])
def test_a_disk_that_refuses_a_write_mid_sync_loses_nothing_and_the_next_sync_finishes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errno_: int
) -> None:
    from sbcm_tui.team import sync as team_sync
    from tests.team_world import add_strength

    agency = Agency.start(str(tmp_path / "team.git"), tmp_path, ["ana", "ben"], seed=errno_)
    for n in range(3):
        store = CaseStore(agency.folders["ben"])
        add_strength(agency, "ben", store, store.open(agency.folders["ben"] / f"c-shared{n}.toml"))
    store = CaseStore(agency.folders["ana"])
    add_strength(agency, "ana", store, store.open(agency.folders["ana"] / "c-shared0.toml"))
    agency.sync("ben")
    real, calls = team_sync.write_atomic, []

    def refuses(path, data):
        calls.append(path)
        if len(calls) == 3:  # the journal, one file, then the disk says no
            raise OSError(errno_, os.strerror(errno_))
        return real(path, data)

    monkeypatch.setattr(team_sync, "write_atomic", refuses)
    with pytest.raises(OSError):
        sync(agency.folders["ana"])
    monkeypatch.setattr(team_sync, "write_atomic", real)
    for path in agency.folders["ana"].glob("c-*.toml"):
        read_case(path)
    agency.sync("ana")
    agency.sync("ben")
    check(agency)


def test_one_case_says_whether_its_changes_have_reached_the_team(tmp_path: Path) -> None:
    from sbcm_tui.team.status import case_shared
    from sbcm_tui.tui.modals.team_log import shared_line

    store = CaseStore(tmp_path / "a")
    opened = store.create(Case(client=Client(preferred_name="Ana")))
    other = store.create(Case(client=Client(preferred_name="Bea")))
    init(tmp_path / "a", str(tmp_path / "team.git"), "Dana")
    now = case_shared(tmp_path / "a", opened.path.name)
    assert not now.unshared and now.last_reached is not None and now.waiting is None
    assert shared_line(now).startswith("Shared: every change")
    opened.case.client.pronouns = "they/them"
    store.save(opened)
    assert case_shared(tmp_path / "a", opened.path.name).unshared
    assert not case_shared(tmp_path / "a", other.path.name).unshared  # only the one asked
    assert shared_line(case_shared(tmp_path / "a", opened.path.name)).startswith("Not shared")
    sync(tmp_path / "a")
    assert not case_shared(tmp_path / "a", opened.path.name).unshared


def test_a_change_the_team_has_not_got_says_since_when(tmp_path: Path) -> None:
    """Saved and not committed: since the file's last write; committed by a sync that could
    not reach the team: since that commit, however many saves came after it."""
    from sbcm_tui.team.status import case_shared, team_status
    from sbcm_tui.tui.modals.team_log import shared_line

    folder = tmp_path / "a"
    store = CaseStore(folder)
    opened = store.create(Case(client=Client(preferred_name="Ana")))
    init(folder, str(tmp_path / "team.git"), "Dana")
    assert case_shared(folder, opened.path.name).since is None
    opened.case.client.pronouns = "they/them"
    store.save(opened)
    three_days_ago = time.time() - 3 * 86_400
    os.utime(opened.path, (three_days_ago, three_days_ago))
    shared = case_shared(folder, opened.path.name)
    assert shared.unshared and shared.since == pytest.approx(three_days_ago)
    assert "by " + time.strftime("%d %b %Y", time.localtime(three_days_ago)) in (
        shared_line(shared)
    )
    (tmp_path / "team.git").rename(tmp_path / "gone.git")  # no team to reach
    before = time.time()
    assert sync(folder).offline
    committed = case_shared(folder, opened.path.name).since
    assert committed is not None and before - 1 <= committed <= time.time()
    opened.case.client.pronouns = "she/her"  # a later save does not move "since"
    store.save(opened)
    assert case_shared(folder, opened.path.name).since == committed
    status = team_status(folder)
    assert status is not None and set(status.since) == {opened.path.name}


def test_the_oldest_unshared_change_is_found_for_any_name_and_through_a_merge(
    tmp_path: Path,
) -> None:
    """Names git would quote (a quote, a tab) and a file changed here only by a merge still get
    their time; of several commits, the oldest counts."""
    from sbcm_tui.team.status import first_commits

    folder, day = tmp_path / "repo", 1_700_000_000
    folder.mkdir()

    def dated(when: int) -> dict[str, str]:
        stamp = f"@{when} +0000"
        return {"GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@x", "GIT_COMMITTER_NAME": "a",
                "GIT_COMMITTER_EMAIL": "a@x", "GIT_AUTHOR_DATE": stamp,
                "GIT_COMMITTER_DATE": stamp}  # fmt: skip

    def commit(message: str, when: int) -> None:
        git.run(["add", "-A"], folder)
        git.run(["commit", "-q", "-m", message], folder, env=dated(when))

    git.run(["init", "-q", "-b", "main"], folder)
    (folder / "c-base.toml").write_text("x")
    commit("base", day)
    git.run(["branch", "shared"], folder)
    odd = 'c-we"ird\tname.toml'
    (folder / odd).write_text("1")
    commit("odd", day + 2)
    (folder / odd).write_text("2")
    commit("odd again", day + 3)
    git.run(["checkout", "-q", "-b", "theirs", "shared"], folder)
    (folder / "c-theirs.toml").write_text("t")
    commit("theirs", day + 1)
    git.run(["checkout", "-q", "main"], folder)
    git.run(["merge", "-q", "--no-ff", "-m", "merge", "theirs"], folder, env=dated(day + 4))
    first = first_commits(folder, "shared..HEAD", ())
    assert first[odd] == day + 2
    assert first["c-theirs.toml"] == day + 1  # (its own commit is in the range too)
    only_merge = first_commits(folder, "theirs..HEAD", ())
    assert only_merge["c-theirs.toml"] == day + 4  # changed on this side by the merge alone
