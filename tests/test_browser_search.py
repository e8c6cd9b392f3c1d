"""The search page on a phone, in every edition: what a reader types finds the page.

Debian's Chromium at 375 px (and 1280 px) types queries of ``tests/search/queries.yaml`` into
the search page's field, as a reader would, and checks the first results, the
result count in the edition's language, and that the quoted text around a
result holds the word searched for and not the "Last reviewed" line. ``tests/test_search_quality.py`` checks
every query of the file without a browser.
"""

from __future__ import annotations

import re

import pytest
from conftest import EDITIONS

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

# (query, the page about it, how many results may come before it)
TYPED = {
    "en": [
        ("placebo", "research/understanding-research", 10),
        ("motor neurone", "what-is-als-mnd/index", 3),
        ("feeding tube", "care/nutrition-swallowing", 1),
    ],
    "es": [
        ("respiracion", "care/respiratory-care", 10),
        ("edaravona", "drugs/approved/edaravone", 1),
        ("traquea", "care/respiratory-care", 3),
    ],
    "fr": [
        ("deglutition", "care/nutrition-swallowing", 1),
        ("essais cliniques", "research/understanding-research", 10),
        ("aidants", "care/family-caregivers", 3),
    ],
    "ja": [
        ("運動ニューロン", "what-is-als-mnd/index", 3),
        ("胃ろう", "care/nutrition-swallowing", 1),
        ("介護者", "care/family-caregivers", 3),
        ("臨床試験", "drugs/all-trials", 3),
    ],
    # Typed as readers type them: without the shadda or the hamza, with ha
    # for ta marbuta, with or without the article.
    "ar": [
        ("مقدمي الرعاية", "care/family-caregivers", 1),
        ("ريلوزول", "drugs/approved/riluzole", 1),
        ("الرعايه التنفسيه", "care/respiratory-care", 1),
        ("تغذية", "care/nutrition-swallowing", 1),
        ("التنفسية", "care/respiratory-care", 3),
        ("ايدارافون", "drugs/approved/edaravone", 1),
        ("فغر المعدة", "care/nutrition-swallowing", 3),
    ],
    # Brazilian Portuguese without accents, as typed on many phones.
    "pt_BR": [
        ("degluticao", "care/nutrition-swallowing", 1),
        ("riluzol", "drugs/approved/riluzole", 1),
        ("cuidadores", "care/family-caregivers", 1),
        ("cuidados respiratorios", "care/respiratory-care", 1),
        ("respiracao", "care/respiratory-care", 10),
        ("edaravona", "drugs/approved/edaravone", 1),
        ("gastrostomia", "care/nutrition-swallowing", 3),
    ],
}

# The result count, in each edition's words (editions.po).
COUNT = {
    "en": r"^Found (\d+) pages? matching your search\.$",
    "es": r"^Se encontr(?:ó|aron) (\d+) páginas? que coincide",
    "fr": r"^(\d+) pages? correspond",
    "ja": r"^検索に一致するページが(\d+)件見つかりました。$",
    "ar": r"^عدد الصفحات المطابقة لبحثكم: (\d+)\.$",
    "pt_BR": r"^Encontradas? (\d+) páginas? que corresponde",
}

# A word searched for without its accent, as it is written on the page.
QUOTED = {
    "en": "placebo",
    "es": "respiración",
    "fr": "déglutition",
    "ja": "運動ニューロン",
    "ar": "مقدّمي",  # typed without its shadda
    "pt_BR": "deglutição",
}


def _search(tab, query: str) -> list[str]:
    field = tab.locator("#search-results").locator("xpath=..").locator("input[name=q]")
    field.fill(query)
    with tab.expect_navigation():
        field.press("Enter")
    tab.wait_for_function(
        "() => (document.querySelector('#search-results p.search-summary') || {})"
        ".innerText",
        timeout=30_000,
    )
    return [
        a.get_attribute("href").split("#")[0].removesuffix(".html")
        for a in tab.locator("#search-results ul.search > li > a").all()
    ]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
@pytest.mark.parametrize("language", EDITIONS)
def test_a_reader_types_queries_and_finds_the_page_about_them(
    browser, served_site, language, viewport
):
    context = browser.new_context(viewport=viewport)
    tab = context.new_page()
    tab.goto(f"{served_site}/{language}/search.html")
    for query, page, within in TYPED[language]:
        found = _search(tab, query)
        assert page in found[:within], (query, found[:10])
        summary = tab.locator("#search-results p.search-summary").inner_text()
        count = re.match(COUNT[language], summary)
        assert count, summary
        assert int(count[1]) == len(found), (summary, len(found))
        assert len(found) == len(set(found)), "a page listed twice"
    context.close()


@pytest.mark.parametrize("language", EDITIONS)
def test_the_quote_under_a_result_holds_the_word_searched_for(
    browser, served_site, language
):
    query, page, _ = TYPED[language][0]
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    tab.goto(f"{served_site}/{language}/search.html")
    _search(tab, query)
    href = f"{page}.html"
    item = tab.locator(f'#search-results li:has(> a[href^="{href}"])')
    quote = item.locator("p.context")
    quote.wait_for(timeout=15_000)
    assert QUOTED[language] in quote.inner_text().lower(), quote.inner_text()
    context.close()


def test_no_result_says_so_in_the_edition_language(browser, served_site):
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    tab.goto(f"{served_site}/es/search.html")
    assert _search(tab, "zzzzqqq") == []
    summary = tab.locator("#search-results p.search-summary").inner_text()
    assert summary.startswith("Ninguna página coincide"), summary
    context.close()


@pytest.mark.parametrize("language", EDITIONS)
def test_the_quote_leaves_out_the_review_line(browser, served_site, language):
    # A page found by its title is quoted from its top, where the
    # "Last reviewed" line (class no-search) sits under the title.
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    tab.goto(f"{served_site}/{language}/search.html")
    query = {
        "en": "riluzole",
        "es": "riluzol",
        "fr": "riluzole",
        "ja": "リルゾール",
        "ar": "ريلوزول",
        "pt_BR": "riluzol",
    }
    found = _search(tab, query[language])
    assert found[0] == "drugs/approved/riluzole", found[:3]
    review = tab.evaluate(
        """async () => (new DOMParser().parseFromString(
             await (await fetch("drugs/approved/riluzole.html")).text(), "text/html")
           .querySelector(".kb-review-dates") || {}).textContent"""
    )
    assert review, "the riluzole page has no review line"
    quote = tab.locator("#search-results li").first.locator("p.context")
    quote.wait_for(timeout=15_000)
    assert review.strip()[:12] not in quote.inner_text(), quote.inner_text()
    context.close()
