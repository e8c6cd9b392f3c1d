"""The sidebar drawn once per build is the theme's sidebar, on every page.

The ``site`` fixture is built with the ``navigation`` speed-up (the default); this
test builds the same site with the theme drawing the navigation for each page
and compares every page byte for byte: same links, same current branch open and
marked, same names on the toggles.
"""

from __future__ import annotations

from bs4 import BeautifulSoup
from conftest import build_docs, different_pages

from speedups import status


def test_every_page_is_identical_with_and_without_the_cache(site, tmp_path):
    # It ran: every page's sidebar came from the drawing.
    assert status(site.app).runs["navigation"] > 70
    plain = build_docs(tmp_path, kb_speedups_skip=["navigation"])
    assert plain.warnings == ""
    assert "navigation" not in status(plain.app).installed
    assert different_pages(site, plain) == []


def test_current_branch_is_open_and_marked(site):
    soup = BeautifulSoup(site.html("care/respiratory-care"), "html.parser")
    nav = soup.select_one("nav.bd-docs-nav")
    current = nav.select("li.current")
    assert [li.a.get_text(strip=True) for li in current] == [
        "Clinical care",
        "Respiratory care",
    ]
    assert current[0].details.has_attr("open")
    assert nav.select_one("a.current")["href"] == "#"
    # Other sections are closed, and every section toggle has a name.
    assert not nav.select_one("li:not(.current) > details[open]")
    summaries = nav.select("summary")
    assert summaries and all(s.select_one(".visually-hidden") for s in summaries)


def test_placeholders_never_leak(site):
    for page in site.outdir.rglob("*.html"):
        assert "@@" not in page.read_text(encoding="utf-8"), page
