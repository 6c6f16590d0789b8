"""An encrypted team (team/keys.py): the key list shared in git, a laptop asking to join and
being let in, a member removed, and a merge across a change of the list: every current file
opens for every member and never for anyone else, and nothing in git is plain."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from sbcm_tui.cli import main
from sbcm_tui.core.case import Case, Client, Strength
from sbcm_tui.core.problems import CaseFileError
from sbcm_tui.files.store import META_FOLDER, CaseStore
from sbcm_tui.files.vault import AGE_MAGIC, TEAM_KEYS_FILE, create_keys, unlock
from sbcm_tui.team import git
from sbcm_tui.team import keys as team_keys
from sbcm_tui.team.sync import TeamError, init, join, sync
from tests.team_world import Agency, check, run_rounds

pytestmark = pytest.mark.skipif(not git.available(), reason="the team layer needs git")


@pytest.fixture
def quick_passphrases(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys kept under a passphrase without age's scrypt (1.5 s a key here, six of them in a
    test): what is tested here is the team's key list; tests/test_vault.py tests scrypt."""
    import pyrage

    def encrypt(data: bytes, passphrase: str) -> bytes:
        return b"quick:" + passphrase.encode() + b"\0" + data

    def decrypt(sealed: bytes, passphrase: str) -> bytes:
        said, _, data = sealed.removeprefix(b"quick:").partition(b"\0")
        if said != passphrase.encode():
            raise pyrage.DecryptError("wrong passphrase")
        return data

    monkeypatch.setattr(pyrage.passphrase, "encrypt", encrypt)
    monkeypatch.setattr(pyrage.passphrase, "decrypt", decrypt)


def _tree(folder: Path, rev: str = "origin/main") -> dict[str, bytes]:
    names = git.out(["ls-tree", "-z", "--name-only", rev], folder).split("\0")
    return {n: git.run(["cat-file", "blob", f"{rev}:{n}"], folder).stdout for n in names if n}


def _opens(vault, folder: Path, rev: str = "origin/main") -> dict[str, bool]:
    """For each case file of ``rev``: whether ``vault`` opens it."""
    said = {}
    for name, raw in _tree(folder, rev).items():
        if name.startswith("c-"):
            try:
                vault.open(raw, name)
                said[name] = True
            except CaseFileError:
                said[name] = False
    return said


def test_an_encrypted_team_lets_members_in_and_out_and_merges_across_the_change(
    tmp_path: Path, quick_passphrases: None
) -> None:
    remote, a, b, c = (tmp_path / n for n in ("team.git", "a", "b", "c"))
    recovery = create_keys(a / META_FOLDER, "ana's long passphrase").recovery_secret
    ana = unlock(a / META_FOLDER, "ana's long passphrase")
    store_a = CaseStore(a, vault=ana)
    first = store_a.create(Case(client=Client(preferred_name="Ana SECRET")))
    store_a.create(Case(client=Client(preferred_name="Bea SECRET")))

    # Ana's encrypted folder becomes the team's: its key list moves into git.
    assert init(a, str(remote), "Ana", ana).pushed
    shared = _tree(a)
    assert set(shared) == {".gitignore", TEAM_KEYS_FILE, *(p.name for p in a.glob("c-*"))}
    assert all(raw.startswith(AGE_MAGIC) for n, raw in shared.items() if n.startswith("c-"))
    listed = team_keys.parse(shared[TEAM_KEYS_FILE])
    assert [k.name for k in listed.members] == ["Ana"] and len(listed.recipients) == 2
    assert not (a / META_FOLDER / "keys" / "recipients.txt").exists()
    with pytest.raises(TeamError, match="encrypted"):
        sync(a)  # not unlocked: refused, nothing half-done

    # Ben joins: a key of his own, asking; he reads nothing, and saves are not sealed to him.
    report = join(str(remote), b, "Ben", lambda: "ben's long passphrase")
    assert report.asked and any("sbcm team admit" in line for line in report.lines())
    ben = unlock(b / META_FOLDER, "ben's long passphrase")
    assert not any(_opens(ben, b).values())
    early = CaseStore(b, vault=ben).create(Case(client=Client(preferred_name="Early SECRET")))
    assert CaseStore(b, vault=ben).open(early.path).case.client.preferred_name == "Early SECRET"
    sync(b, ben)  # what he writes opens for him, for the members and the recovery key
    sync(a, ana)
    assert CaseStore(a, vault=ana).open(a / early.path.name).case.id == early.case.id
    assert [k.name for k in team_keys.load(a).asking] == ["Ben"]
    first.case.strengths.append(Strength(domain="work", words="SECRET welding"))
    store_a.save(first)
    sync(a, ana)
    assert [n for n, ok in _opens(ben, a).items() if ok] == [early.path.name]

    # Ana lets him in: every current file is sealed again, to him too.
    key, count = team_keys.admit(a, ana, "ben")
    assert key.name == "Ben" and count == 3
    sync(a, ana)
    sync(b, ben)
    assert all(_opens(ben, b).values()) and all(_opens(ana, b).values())

    # Cy asks while Ben edits offline; Ana admits Cy and edits the same case.
    join(str(remote), c, "Cy", lambda: "cy's long passphrase")
    cy = unlock(c / META_FOLDER, "cy's long passphrase")
    store_b = CaseStore(b, vault=ben)
    mine = store_b.open(b / first.path.name)
    mine.case.client.living_situation = "SECRET flat"
    store_b.save(mine)
    extra = store_b.create(Case(client=Client(preferred_name="Cal SECRET")))
    sync(a, ana)
    team_keys.admit(a, ana, "Cy")
    theirs = store_a.open(first.path)
    theirs.case.client.pronouns = "she/her"
    store_a.save(theirs)
    sync(a, ana)
    sync(b, ben)  # Ben's files were sealed before he heard of Cy: sealed again in the merge
    sync(c, cy)
    for vault in (ana, ben, cy):
        opened = _opens(vault, c)
        assert len(opened) == 4 and all(opened.values()), opened
    merged = CaseStore(c, vault=cy).open(c / first.path.name).case
    assert merged.client.living_situation == "SECRET flat" and merged.client.pronouns == "she/her"
    assert (c / extra.path.name).exists()

    # Ben is removed: the current files no longer open for him (history still does: README).
    old_head = git.out(["rev-parse", "HEAD"], b)
    gone, _ = team_keys.remove(a, ana, "Ben")
    assert gone.name == "Ben"
    with pytest.raises(team_keys.KeysError):
        team_keys.remove(a, ana, "Ana")  # nobody removes their own key
    sync(a, ana)
    sync(b, ben)
    assert not any(_opens(ben, b).values()) and all(_opens(cy, b).values())
    assert any(_opens(ben, b, old_head).values())  # what encryption cannot take back

    # Nothing plain in git, anywhere in history; the recovery key opens the files with `age`.
    every = git.run(["rev-list", "--all", "--objects"], c).stdout.decode().split()
    blobs = [o for o in every if len(o) == 40]
    for obj in blobs:
        raw = git.run(["cat-file", "-p", obj], c, check=False).stdout
        assert b"SECRET" not in raw
    age = shutil.which("age")
    if age:
        identity = tmp_path / "recovery.txt"
        identity.write_text(recovery + "\n")
        identity.chmod(0o600)
        done = subprocess.run(
            [age, "--decrypt", "-i", str(identity), str(c / first.path.name)],
            capture_output=True,
            check=True,
        )
        assert b"SECRET flat" in done.stdout


def test_encryption_is_not_turned_on_or_off_inside_a_team_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    CaseStore(tmp_path / "a").create(Case(client=Client(preferred_name="Ana")))
    init(tmp_path / "a", str(tmp_path / "team.git"), "Ana")
    for command in ("encrypt", "decrypt"):
        assert main([command, str(tmp_path / "a")]) != 0
        assert "team folder" in capsys.readouterr().err
    assert not (tmp_path / "a" / META_FOLDER / "keys").exists()


def test_the_key_lists_merge_keeps_removals_and_admissions() -> None:
    def text(*lines: str) -> bytes:
        return ("\n".join(lines) + "\n").encode()

    base = text("age1rec recovery", "age1ana w-1 Ana", "age1ben w-2 Ben", "# asks age1cy w-3 Cy")
    ours = text("age1rec recovery", "age1ana w-1 Ana", "age1cy w-3 Cy")  # Ben out, Cy in
    theirs = text(*base.decode().splitlines(), "# asks age1dee w-4 Dee")  # Dee asks
    merged = team_keys.parse(team_keys.merge(base, ours, theirs))
    assert [k.name for k in merged.members] == ["Ana", "Cy"]
    assert [k.name for k in merged.asking] == ["Dee"]
    assert merged.recipients == ["age1rec", "age1ana", "age1cy"]


WORLD_ROUNDS = int(os.environ.get("SBCM_TEAM_ROUNDS", "12")) // 2


def test_random_offline_edits_in_an_encrypted_team_converge_and_lose_nothing(
    tmp_path: Path, quick_passphrases: None
) -> None:
    """The random world of tests/test_team_sync.py with the team encrypted: every merge opens,
    merges and seals again; every file opens for every member; git holds nothing plain."""
    remote = str(tmp_path / "team.git")
    agency = Agency.start(remote, tmp_path, ["ana", "ben", "sup"], seed=7, encrypted=True)
    run_rounds(agency, WORLD_ROUNDS)
    figures = check(agency)
    assert figures["merged"] > 0
    folder = agency.folders["ana"]
    for name, raw in _tree(folder, "HEAD").items():
        if name.startswith("c-"):
            assert raw.startswith(AGE_MAGIC), name
    print(figures)
