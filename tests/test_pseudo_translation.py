"""Everything a reader sees in the main content is translatable.

Every message of every catalog (pages, trial records, the extensions' words) is
"translated" by wrapping it in markers, the site is built with those catalogs,
and every piece of reader-visible text in each page's main content must then
carry a marker. Exempt are only: values the same in every language by design
(registry IDs, brand names, trial acronyms, titles of cited sources), which the
extension marks ``notranslate``; dates and language names written by Babel
(``kb-localized``); and admonition titles ("Note"), which docutils translates.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build_docs

from editions.extract import extract_interface, pseudo_catalogs

OPEN, CLOSE = "\u27e6", "\u27e7"  # ⟦ ⟧: in no page, and harmless in MyST
EXEMPT = {"notranslate", "kb-localized", "admonition-title"}
BLOCKS = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "th", "caption", "figcaption"]
LETTER = re.compile(r"[^\W\d_]")


def pseudo(text: str) -> str:
    """The pseudo-translation of one message."""
    return f"{OPEN}{text}{CLOSE}"


def _pseudo_catalogs(tmp: Path, language: str) -> Path:
    """Every message, as `make gettext` extracts it, pseudo-translated."""
    pot = tmp / "pot"
    build = build_docs(tmp / "gettext-work", builder="gettext", outdir=pot)
    assert build.warnings == ""
    extract_interface(pot)
    return pseudo_catalogs(pot, tmp / "locales", language, pseudo)


def _exempt(element) -> bool:
    for node in [element, *element.parents]:
        if EXEMPT & set(node.get("class") or []):
            return True
    return False


@pytest.fixture(scope="module")
def pseudo_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pseudo")
    locales = _pseudo_catalogs(tmp, "es")
    return build_docs(
        tmp / "work", language="es", outdir=tmp / "es", locale_dirs=[str(locales)]
    )


def test_pseudo_translated_site_builds_strictly(pseudo_site):
    assert pseudo_site.warnings == ""


def test_no_visible_text_escapes_translation(pseudo_site):
    # handouts/ are print sheets without the site's frame (trial_facts/handout.py),
    # checked in tests/test_trial_tools.py.
    pages = [
        p
        for p in pseudo_site.outdir.rglob("*.html")
        if "_static" not in p.parts and "handouts" not in p.parts
    ]
    pages = [p for p in pages if p.name not in {"search.html", "genindex.html"}]
    assert len(pages) > 60
    missed = []
    for page in pages:
        article = BeautifulSoup(
            page.read_text(encoding="utf-8"), "html.parser"
        ).select_one("article.bd-article")
        for element in article.find_all(BLOCKS):
            text = element.get_text(" ", strip=True)
            if LETTER.search(text) and OPEN not in text and not _exempt(element):
                missed.append(
                    f"{page.relative_to(pseudo_site.outdir)}: <{element.name}> {text[:80]!r}"
                )
    assert not missed, f"{len(missed)} untranslatable texts:\n" + "\n".join(
        sorted(set(m.split(": ", 1)[1] for m in missed))
    )


def test_tables_and_overviews_are_translated(pseudo_site):
    overview = (pseudo_site.outdir / "drugs/all-trials.html").read_text(
        encoding="utf-8"
    )
    soup = BeautifulSoup(overview, "html.parser")
    tables = soup.select("table.kb-trial-overview")
    assert len(tables) == 2
    for table in tables:
        assert table.select_one("caption").get_text(strip=True).startswith(OPEN)
        headers = [th.get_text(strip=True) for th in table.select("thead th")]
        # 7 columns, and 4 of eligibility on the table of open trials.
        assert len(headers) in (7, 11), headers
        assert all(h.startswith(OPEN) for h in headers), headers
        rows = table.select("tbody tr")
        assert rows
        for row in rows:
            trial, drugs = row.select("td")[:2]
            assert OPEN in trial.get_text(strip=True)  # the trial's title
            assert all(a.get_text().startswith(OPEN) for a in drugs.select("a"))
