"""Shared fixtures: a fresh copy of the demo caseload, and the app opened on it.

Helpers that tests import (typing, waiting, the pane host) are in ``tests/support.py``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import textual.constants
from textual.message_pump import MessagePump
from textual.pilot import Pilot

from sbcm_tui.files.store import CaseStore
from sbcm_tui.tui.app import SbcmApp
from sbcm_tui.tui.modals.conflict import ConflictModal
from tests import support
from tests.support import DEMO, TODAY


@pytest.fixture
def demo_folder(tmp_path: Path) -> Path:
    """A copy of the shipped demo cases, as shipped (dated for :data:`TODAY`, not moved)."""
    return Path(shutil.copytree(DEMO, tmp_path / "demo"))


@pytest.fixture
def demo_app(demo_folder: Path) -> SbcmApp:
    """The app on a copy of the demo, with the day fixed to the one the cases are written for.
    ``demo=True`` only changes the subtitle: a fixed line instead of the (random) folder path."""
    return SbcmApp(CaseStore(demo_folder), demo=True, today=TODAY)


@pytest.fixture(autouse=True)
def _pilot_without_idling(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Pilot presses keys and pauses by settling, not by waiting for CPU idle
    (tests/support.py says why), on apps that do not animate."""
    monkeypatch.setattr(Pilot, "press", support.press)
    monkeypatch.setattr(Pilot, "pause", support.pause)
    monkeypatch.setattr(
        MessagePump, "_dispatch_message", support.dispatching(MessagePump._dispatch_message)
    )
    # No animations (a tab's underline slides for a third of a second): a test reads the
    # screen once things are where they go, and settling would wait for each slide.
    monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", "none")
    # The conflict choice's wait for keys typed for the field below (tests/test_reload.py
    # tests it at its real length): the other tests answer it at once, as fast as they can.
    monkeypatch.setattr(ConflictModal, "ARM_SECONDS", 0.05)
