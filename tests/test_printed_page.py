"""The staffing summary prints on one sheet, A4 or US Letter: what a staffing meeting expects
of each case. Printed by headless Chromium (the HTML export's own print styles), the pages
counted by pdfinfo. Both are Debian packages (chromium, poppler-utils); without them the test
says so and is skipped."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from sbcm_tui.exports import render_export
from sbcm_tui.files.casefile import read_case
from sbcm_tui.files.demo import demo_files
from tests.support import TODAY

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PDFINFO = shutil.which("pdfinfo")

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and PDFINFO),
    reason="needs chromium and pdfinfo (apt-get install chromium poppler-utils)",
)


def printed_pages(html: bytes, paper: str, folder: Path) -> int:
    """Pages the browser prints ``html`` on, with ``paper`` as the printer's paper (the export
    sets margins only, so the paper is the printer's: here, a size put in front of its styles)."""
    page = folder / f"{paper}.html"
    page.write_bytes(html.replace(b"<style>", f"<style>@page {{ size: {paper}; }}".encode(), 1))
    pdf = folder / f"{paper}.pdf"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--user-data-dir={folder / 'profile'}", f"--print-to-pdf={pdf}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    info = subprocess.run([PDFINFO, pdf], check=True, capture_output=True, text=True).stdout
    [pages] = [line.split()[1] for line in info.splitlines() if line.startswith("Pages:")]
    return int(pages)


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("path", demo_files(), ids=lambda p: p.stem)
def test_the_staffing_summary_is_one_page(tmp_path: Path, path: Path, paper: str) -> None:
    """Every demo case, Hollis's 26 contacts, six goals and eight referrals the longest; on
    Letter they printed on three to five pages before."""
    case = read_case(path)[0]
    html = render_export(case, "staffing", "html", today=TODAY)
    assert printed_pages(html, paper, tmp_path) == 1
