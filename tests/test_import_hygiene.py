"""The domain modules never import Textual: they serve the CLI, scripts and tests without a UI,
and keep `sbcm validate` and friends quick to start."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

DOMAIN_MODULES = [
    "sbcm_tui.case",
    "sbcm_tui.casefile",
    "sbcm_tui.atomic",
    "sbcm_tui.store",
    "sbcm_tui.protocol",
    "sbcm_tui.dates",
    "sbcm_tui.review",
    "sbcm_tui.plan",
    "sbcm_tui.caseindex",
    "sbcm_tui.caseload",
    "sbcm_tui.casework",
    "sbcm_tui.session",
    "sbcm_tui.paths",
    "sbcm_tui.demo",
    "sbcm_tui.problems",
    "sbcm_tui.cli",
    "sbcm_tui.exports",
    "sbcm_tui.exports.document",
    "sbcm_tui.exports.words",
    "sbcm_tui.exports.markdown",
    "sbcm_tui.exports.html",
    "sbcm_tui.exports.structured",
    "sbcm_tui.exports.handout",
    "sbcm_tui.exports.progress_note",
    "sbcm_tui.exports.staffing",
    "sbcm_tui.exports.full",
    "sbcm_tui.outcomes",
    "sbcm_tui.outcome_record",
    "sbcm_tui.goal_attainment",
    "sbcm_tui.charts",
    "sbcm_tui.report",
    "sbcm_tui.wording",
    "sbcm_tui.checksum",
    "sbcm_tui.protocol_files",
    "sbcm_tui.practice.coder",
    "sbcm_tui.practice.cues",
    "sbcm_tui.practice.coding_cli",
    "sbcm_tui.practice.scenario",
    "sbcm_tui.practice.topics",
    "sbcm_tui.practice.client",
    "sbcm_tui.practice.feedback",
    "sbcm_tui.practice.own_words",
]
REQUIRED = {"sbcm_tui.case", "sbcm_tui.casefile", "sbcm_tui.atomic", "sbcm_tui.store"}
UI_PACKAGES = ("textual",)

PRESENT = [m for m in DOMAIN_MODULES if importlib.util.find_spec(m) is not None]

CHECK = """
import importlib, json, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
print(json.dumps(sorted(sys.modules)))
"""


def _modules_after_importing(*names: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", CHECK, *names],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout))


def test_the_core_domain_modules_exist() -> None:
    assert set(PRESENT) >= REQUIRED


def test_no_domain_module_imports_textual() -> None:
    loaded = _modules_after_importing(*PRESENT)
    assert set(PRESENT) <= loaded
    for package in UI_PACKAGES:
        offenders = sorted(m for m in loaded if m == package or m.startswith(package + "."))
        assert not offenders, offenders


@pytest.mark.parametrize("module", PRESENT)
def test_each_domain_module_alone_imports_no_textual(module: str) -> None:
    # One at a time too, so a failure names the module that pulled Textual in.
    loaded = _modules_after_importing(module)
    assert "textual" not in loaded
