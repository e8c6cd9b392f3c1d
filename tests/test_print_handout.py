"""Printing a drug page from the browser gives a clean handout.

Headless Chromium prints the built page to PDF (``--print-to-pdf``), as a
reader's browser would: the trial table whole, the review date, the sources
with their addresses, and none of the site's navigation.
"""

from __future__ import annotations

import subprocess

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, require_tools

CHROMIUM_FLAGS = ["--headless", *CHROMIUM_ARGS, "--no-pdf-header-footer"]
# Words of the sidebar, header and footer that are not part of the drug page.
NAVIGATION = [
    "Skip to main content",
    "Languages and translations",
    "Support for health professionals",
]


@pytest.fixture(scope="module")
def handout(site, tmp_path_factory):
    require_tools("chromium", "pdftotext")
    tmp = tmp_path_factory.mktemp("handout")
    page = site.outdir / "drugs/approved/tofersen.html"
    html = page.read_text(encoding="utf-8")
    for words in NAVIGATION:
        assert words in html, f"the page no longer shows {words!r}: update NAVIGATION"
    pdf = tmp / "tofersen.pdf"
    subprocess.run(
        [
            CHROMIUM,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp / 'profile'}",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        capture_output=True,
        check=True,
        timeout=120,
    )
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_handout_holds_the_trial_table_whole(handout):
    for value in (
        "VALOR",
        "NCT02623699",
        "Biogen",
        "Main measures",
        "Who could take part",
    ):
        assert value in handout, value


def test_handout_shows_review_date_and_sources_with_addresses(handout):
    assert "Last reviewed" in handout
    assert "Sources" in handout
    assert "(https://clinicaltrials.gov/study/NCT02623699)" in " ".join(handout.split())


def test_handout_has_no_navigation(handout):
    for words in NAVIGATION:
        assert words not in handout, words
