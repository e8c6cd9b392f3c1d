"""Readers find their way: sidebar, search, the trial overview and the language switcher."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from conftest import SCREENSHOTS


def _shoot(tab, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


def test_sidebar_leads_from_home_to_a_drug_and_a_care_page(page, served_site):
    page.goto(f"{served_site}/index.html")  # the landing page picks English here
    page.wait_for_url(re.compile(r"/en/index\.html$"))
    _shoot(page, "home")
    nav = page.locator("nav.bd-docs-nav")
    nav.get_by_role("link", name="Drugs", exact=True).click()
    page.wait_for_url(re.compile(r"/en/drugs/index\.html$"))
    nav.get_by_role("link", name="Approved drugs", exact=True).click()
    page.wait_for_url(re.compile(r"/en/drugs/approved/index\.html$"))
    nav.get_by_role("link", name=re.compile(r"^Riluzole")).click()
    page.wait_for_url(re.compile(r"/en/drugs/approved/riluzole\.html$"))
    assert page.locator("h1").first.inner_text().startswith("Riluzole")
    current = nav.locator("li.current > a").last
    assert current.inner_text().startswith("Riluzole")
    _shoot(page, "drug-page")
    nav.get_by_role("link", name="Clinical care", exact=True).click()
    page.wait_for_url(re.compile(r"/en/care/index\.html$"))
    nav.get_by_role("link", name="Respiratory care", exact=True).click()
    page.wait_for_url(re.compile(r"/en/care/respiratory-care\.html$"))
    _shoot(page, "care-page")


def test_search_box_finds_a_drug(page, served_site):
    page.goto(f"{served_site}/en/index.html")
    page.locator("button.search-button-field").first.click()
    field = page.locator("#pst-search-dialog input[name=q]")
    field.fill("tofersen")
    field.press("Enter")
    page.wait_for_url(re.compile(r"search\.html\?q=tofersen"))
    results = page.locator("#search-results li a")
    results.first.wait_for()
    assert any(
        "drugs/approved/tofersen.html" in (a.get_attribute("href") or "")
        for a in results.all()
    )


@pytest.mark.parametrize(
    ("language", "word"),
    [("en", "riluzole"), ("es", "riluzol"), ("fr", "riluzole"), ("ja", "リルゾール")],
)
def test_search_finds_a_drug_in_each_edition(page, served_site, language, word):
    page.goto(f"{served_site}/{language}/search.html?q={quote(word)}")
    results = page.locator("#search-results li a")
    results.first.wait_for()
    hrefs = [a.get_attribute("href") or "" for a in results.all()]
    assert any("drugs/approved/riluzole.html" in h for h in hrefs), hrefs


def _rows(page):
    return page.locator("table.kb-trial-overview").first.locator("tbody tr")


def test_overview_filters_and_sorting_work(page, served_site):
    page.goto(f"{served_site}/en/drugs/all-trials.html")
    rows = _rows(page)
    total = rows.count()
    assert total > 30
    statuses = page.locator("fieldset[id$='-status']").first
    statuses.locator("input[value='recruiting']").check()
    visible = [r for r in rows.all() if r.is_visible()]
    assert 0 < len(visible) < total
    assert all("kb-status-recruiting" in r.get_attribute("class") for r in visible)
    live = page.locator("[aria-live]").first
    assert str(len(visible)) in live.inner_text()
    statuses.locator("input[value='recruiting']").uncheck()
    assert sum(1 for r in rows.all() if r.is_visible()) == total
    _shoot(page, "trial-overview")

    header = page.locator("table.kb-trial-overview").first.locator(
        "thead th button", has_text="Participants"
    )
    header.click()
    counts = [
        int(re.sub(r"\D", "", r.locator("td").nth(4).inner_text().split("(")[0]) or 0)
        for r in rows.all()
    ]
    header.click()
    again = [
        int(re.sub(r"\D", "", r.locator("td").nth(4).inner_text().split("(")[0]) or 0)
        for r in rows.all()
    ]
    assert sorted(counts) in (counts, counts[::-1])
    assert again == counts[::-1] or sorted(again, reverse=True) == again
    assert counts != again


def test_overview_is_complete_without_javascript(browser, served_site, site):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{served_site}/en/drugs/all-trials.html")
    rows = tab.locator("table.kb-trial-overview").first.locator("tbody tr")
    domain = site.app.env.get_domain("kb")
    assert rows.count() == len(domain.trials)
    assert all(r.is_visible() for r in rows.all())
    assert (
        tab.locator(".kb-overview-controls select, .kb-overview-controls input").count()
        == 0
    )
    context.close()


def test_language_switcher_lands_on_the_same_page(page, served_site):
    page.goto(f"{served_site}/es/drugs/approved/tofersen.html")
    switcher = page.locator("nav.kb-editions")
    switcher.locator("summary").click()
    _shoot(page, "language-switcher")
    switcher.get_by_role("link", name="Français").click()
    page.wait_for_url(re.compile(r"/fr/drugs/approved/tofersen\.html$"))
    assert page.locator("html").get_attribute("lang") == "fr"
    page.locator("nav.kb-editions summary").click()
    page.locator("nav.kb-editions").get_by_role("link", name="日本語").click()
    page.wait_for_url(re.compile(r"/ja/drugs/approved/tofersen\.html$"))
    assert page.locator("html").get_attribute("lang") == "ja"
    _shoot(page, "japanese-drug-page")
