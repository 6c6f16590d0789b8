"""A real terminal (tmux), a real app process, keys at a typist's pace and faster: typing a
name on the caseload finds it, every time, whatever letter it starts with."""

from __future__ import annotations

import itertools
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.support import DEMO

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None, reason="needs tmux (apt-get install tmux)"
)

NAMES = {"des": "Destiny Price", "ana": "Ana Lucero", "ru": "Ruth Okafor", "hol": "Hollis Grant"}
"""What is typed, and the case it must find: d and n were keys of their own here once."""


class Tmux:
    def __init__(self, cases: Path) -> None:
        self.name = f"sbcm-{uuid.uuid4().hex[:8]}"
        command = f"{sys.executable} -m sbcm_tui --cases {cases}"
        subprocess.run(
            ["tmux", "new-session", "-d", "-s", self.name, "-x", "100", "-y", "30", command],
            check=True,
            env={"PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "HOME": str(cases.parent)},
        )

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        ).stdout

    def wait_for(self, text: str, seconds: float = 30) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.05)
        pytest.fail(f"never showed {text!r}:\n{self.screen()}")

    def keys(self, *keys: str, gap: float = 0.0) -> None:
        for key in keys:
            subprocess.run(["tmux", "send-keys", "-t", self.name, "-l", key], check=True)
            time.sleep(gap)

    def key(self, name: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, name], check=True)

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def _rows(screen: str) -> list[str]:
    return [
        name for name in set(NAMES.values()) | {"Marcus Reid", "Hollis Grant"} if name in screen
    ]


def test_typing_a_name_on_the_caseload_finds_it(tmp_path: Path) -> None:
    """At 20, 60 and 120 ms a key: one app, every name at every pace."""
    cases = Path(shutil.copytree(DEMO, tmp_path / "cases"))
    tmux = Tmux(cases)
    try:
        tmux.wait_for("Marcus Reid")
        for gap_ms, (typed, wanted) in itertools.product((20, 60, 120), NAMES.items()):
            tmux.keys(*typed, gap=gap_ms / 1000)
            shown = tmux.wait_for(wanted)
            time.sleep(0.15)  # anything late would show by now
            shown = tmux.screen()
            assert "New case:" not in shown, f"{typed!r} opened the new-case form"
            assert f"▊  {typed} " in shown, shown  # the filter holds every letter typed
            assert _rows(shown) == [wanted], (typed, shown)
            tmux.key("Escape")  # clears the filter, back on the table
            tmux.wait_for("Marcus Reid")
    finally:
        tmux.close()
