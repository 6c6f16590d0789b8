"""The domain modules never import Textual: they serve the CLI, scripts and tests without a UI,
and keep `sbcm validate` and friends quick to start."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

DOMAIN_MODULES = [
    "sbcm_tui.core.case",
    "sbcm_tui.files.casefile",
    "sbcm_tui.files.atomic",
    "sbcm_tui.files.store",
    "sbcm_tui.core.protocol",
    "sbcm_tui.core.dates",
    "sbcm_tui.insight.review",
    "sbcm_tui.core.plan",
    "sbcm_tui.files.caseindex",
    "sbcm_tui.insight.summary",
    "sbcm_tui.core.casework",
    "sbcm_tui.files.session",
    "sbcm_tui.files.paths",
    "sbcm_tui.files.demo",
    "sbcm_tui.core.problems",
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
    "sbcm_tui.insight.outcomes",
    "sbcm_tui.insight.outcome_record",
    "sbcm_tui.insight.goal_attainment",
    "sbcm_tui.insight.charts",
    "sbcm_tui.cli.report",
    "sbcm_tui.core.wording",
    "sbcm_tui.files.checksum",
    "sbcm_tui.files.protocols",
    "sbcm_tui.practice.coder",
    "sbcm_tui.practice.cues",
    "sbcm_tui.cli.practice",
    "sbcm_tui.practice.scenario",
    "sbcm_tui.practice.topics",
    "sbcm_tui.practice.client",
    "sbcm_tui.practice.feedback",
    "sbcm_tui.practice.own_words",
]
REQUIRED = {
    "sbcm_tui.core.case",
    "sbcm_tui.files.casefile",
    "sbcm_tui.files.atomic",
    "sbcm_tui.files.store",
}
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
