"""Translated editions: every edition builds strictly and readers can move between them.

These tests build the real site in every language (the ``editions`` fixture) and
check what a reader of a translated edition meets: the switcher, the notice, the
English text marked, the tables and the search in the edition's language.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from conftest import EDITIONS, PLACEHOLDER, REPO

from editions.extract import INTERFACE_CATALOGS
from editions.stats import edition_catalogs

TRANSLATED = [code for code in EDITIONS if code != "en"]


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _pages(build) -> list[Path]:
    # handouts/ holds one-page print sheets (trial_facts/handout.py): no site
    # frame or switcher; their own "English prevails" notice is tested in
    # test_trial_tools.py.
    return sorted(
        p
        for p in build.outdir.rglob("*.html")
        if "_static" not in p.parts and "handouts" not in p.parts
    )


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_edition_builds_strictly(editions, language):
    assert editions[language].warnings == ""


def test_every_switcher_link_leads_to_the_same_page_in_an_existing_edition(editions):
    checked = 0
    for language, build in editions.items():
        for page in _pages(build):
            links = _soup(page).select("nav.kb-editions a")
            # hreflang is BCP 47 (pt-BR); the edition's folder is Sphinx's code.
            codes = [a["hreflang"].replace("-", "_") for a in links]
            assert codes == list(EDITIONS), page
            for a in links:
                target = (page.parent / a["href"]).resolve()
                assert target.is_file(), f"{page}: {a['href']} does not exist"
                relative = page.relative_to(build.outdir)
                assert (
                    target
                    == (
                        build.outdir.parent / a["hreflang"].replace("-", "_") / relative
                    ).resolve()
                )
                assert (a.get("aria-current") == "page") == (
                    a["hreflang"].replace("-", "_") == language
                )
                checked += 1
    assert checked > 4 * 4 * 60


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_placeholder_text_in_translations(editions, language):
    for page in _pages(editions[language]):
        assert not PLACEHOLDER.search(page.read_text(encoding="utf-8")), page


def test_switcher_works_without_javascript_and_names_itself(editions):
    nav = _soup(editions["es"].outdir / "index.html").select_one("nav.kb-editions")
    assert nav["aria-label"] == "Idiomas"
    assert nav.select_one("details > summary").get_text(strip=True) == "Español"
    assert [a.get_text() for a in nav.select("a")] == [
        "English",
        "Español",
        "Français",
        "日本語",
        "العربية",
        "Português (Brasil)",
    ]


@pytest.mark.parametrize("language", TRANSLATED)
def test_translated_pages_say_that_english_prevails(editions, language):
    for page in _pages(editions[language]):
        if page.name in {"search.html", "genindex.html"}:
            continue
        notice = _soup(page).select_one("article .kb-translation-notice")
        assert notice is not None, page
        english = notice.select_one("a.kb-source-page")
        assert english is not None, page
        assert (page.parent / english["href"]).resolve() == (
            editions["en"].outdir / page.relative_to(editions[language].outdir)
        ).resolve()
    english = _soup(editions["en"].outdir / "index.html")
    assert english.select_one(".kb-translation-notice") is None


def test_notice_gives_the_translation_date_in_the_edition_language(editions):
    notice = _soup(editions["es"].outdir / "index.html").select_one(
        ".kb-translation-notice"
    )
    text = notice.get_text(" ", strip=True)
    assert "prevalece" in text
    assert re.search(r"\d{1,2} de [a-z]+ de 20\d\d", text), text


@pytest.mark.parametrize("language", TRANSLATED)
def test_untranslated_text_is_marked_english(editions, language):
    # Whatever is still in English is marked for readers and for screen readers
    # (lang="en"). The Japanese edition is nearly complete, so a page with an
    # English part is made on purpose in test_translation_status.py.
    for page in _pages(editions[language]):
        for node in _soup(page).select("article .untranslated"):
            assert node.get("lang") == "en", (page, node.get_text()[:60])


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_notice_agrees_with_the_parts_marked_on_the_page(editions, language):
    # The notice counts the parts Sphinx marks on the page as written, so it says
    # "some parts are in English" exactly when some are marked.
    words = _catalog(language, "editions")
    none = words["This page is not translated yet, so it is shown in {language}."]
    some = words[
        "Some parts are not translated yet: they are shown in {language}, "
        "marked with a dotted line."
    ]
    said = {}
    for page in _pages(editions[language]):
        soup = _soup(page)
        notice = soup.select_one("article .kb-translation-notice")
        if notice is None:
            continue
        text = notice.get_text(" ", strip=True)
        if none.split("{language}")[0] in text:
            said[page] = "none"
        elif some.split("{language}")[0] in text:
            said[page] = "some"
        else:
            said[page] = "all"
        notice.decompose()
        translated = soup.select("article .translated")
        english = soup.select("article .untranslated")
        expected = "none" if not translated else "some" if english else "all"
        assert said[page] == expected, (page, len(translated), len(english))
    assert "all" in said.values()


def _catalog(language: str, name: str) -> dict[str, str]:
    with (REPO / "locales" / language / "LC_MESSAGES" / f"{name}.po").open("rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id and not m.fuzzy}


@pytest.mark.parametrize("language", TRANSLATED)
def test_trial_tables_are_translated_and_formatted_per_language(editions, language):
    words = _catalog(language, "trial-facts")
    page = _soup(editions[language].outdir / "drugs/approved/tofersen.html")
    table = page.select_one("table.kb-trial-facts")
    labels = [th.get_text(strip=True) for th in table.select("th")]
    for english in ("Phase", "Sponsor", "Status", "Dates", "Participants", "Sources"):
        assert words[english] in labels, (language, english)
    # The record's own text (its title) comes from the page's catalog.
    page_words = _catalog(language, "drugs/approved/tofersen")
    title = table.select_one("caption .caption-text").get_text(strip=True)
    assert title in page_words.values(), (language, title)
    # Dates are written the language's way (Babel): no English month names.
    dates = " ".join(td.get_text() for td in table.select("td"))
    assert not re.search(r"\b(January|March|April|June|July|October|December)\b", dates)


@pytest.mark.parametrize("language", TRANSLATED)
def test_interface_words_are_translated(editions, language):
    words = _catalog(language, "editions")
    page = _soup(editions[language].outdir / "index.html")
    assert page.title.get_text().endswith(words["ALS/MND Knowledge Base"])
    assert words["Search the knowledge base"] in str(page)
    assert "Search the knowledge base" not in str(page)


def test_search_finds_a_drug_in_each_edition_language(editions):
    # Terms are stemmed per language ("riluzole" -> "riluzol"); Japanese is
    # split into words by Sphinx's TinySegmenter. The browser tests search for real.
    words = {"en": "riluzol", "es": "riluzol", "fr": "riluzol", "ja": "リルゾール"}
    for language, word in words.items():
        index = (editions[language].outdir / "searchindex.js").read_text(
            encoding="utf-8"
        )
        data = json.loads(index[index.index("(") + 1 : index.rindex(")")])
        assert data["terms"].get(word) is not None, (language, word)


def test_catalog_names_do_not_collide_with_pages():
    # A page named like an interface catalog would overwrite it in make gettext.
    interface = {*INTERFACE_CATALOGS, "sphinx"}  # and Sphinx's own catalog
    pages = {
        p.relative_to(REPO / "docs").with_suffix("").as_posix()
        for p in (REPO / "docs").rglob("*.md")
    }
    assert not interface & pages
    for language in TRANSLATED:
        assert set(INTERFACE_CATALOGS) <= set(
            edition_catalogs(REPO / "locales", language)
        )


@pytest.mark.parametrize("language", EDITIONS[1:])
def test_sphinx_words_its_catalog_lacks_come_from_editions_po(editions, language):
    """Sphinx 8.2's Arabic catalog has no "Index": the index page said it in English."""
    html = (editions[language].outdir / "genindex.html").read_text(encoding="utf-8")
    title = (
        BeautifulSoup(html, "html.parser").find("h1", id="index").get_text(strip=True)
    )
    expected = {"es": "Índice", "fr": "Index", "ja": "索引", "ar": "الفهرس"}
    assert title == expected.get(language, "Índice")
    if language != "fr":  # "Index" is French too
        assert 'title="Index"' not in html
