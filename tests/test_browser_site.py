"""Every page of every edition in a real browser: private, error-free, phone-sized.

One crawl visits each built page at a phone's width (375 px) and records what a
reader's browser would do: requests to other hosts (none may leave 127.0.0.1:
readers' health interests stay private and the site works offline), console
errors, sideways scrolling and images without alt text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from conftest import EDITIONS

LOCAL = ("data:", "blob:", "about:")


@dataclass
class Visit:
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    overflow: int = 0
    images_without_alt: list[str] = field(default_factory=list)


def _pages(site_root):
    for language in EDITIONS:
        for path in sorted((site_root / language).rglob("*.html")):
            if "_static" not in path.parts:
                yield path.relative_to(site_root).as_posix()


@pytest.fixture(scope="module")
def crawl(browser, served_site, site_root) -> dict[str, Visit]:
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True
    )
    visits: dict[str, Visit] = {}
    current: list[Visit] = [Visit()]

    def route(route):
        url = route.request.url
        if url.startswith(served_site) or url.startswith(LOCAL):
            route.continue_()
        else:
            current[0].outside.append(url)
            route.abort()

    context.route("**/*", route)
    tab = context.new_page()
    tab.on(
        "console",
        lambda m: current[0].errors.append(m.text) if m.type == "error" else None,
    )
    tab.on("pageerror", lambda e: current[0].errors.append(str(e)))
    for page in _pages(site_root):
        current[0] = visits[page] = Visit()
        tab.goto(f"{served_site}/{page}", wait_until="load")
        current[0].overflow = tab.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        current[0].images_without_alt = tab.eval_on_selector_all(
            "img",
            "els => els.filter(e => !(e.getAttribute('alt') || '').trim()).map(e => e.src)",
        )
    context.close()
    return visits


def test_every_page_of_every_edition_is_visited(crawl):
    for language in EDITIONS:
        pages = [p for p in crawl if p.startswith(f"{language}/")]
        assert len(pages) > 70, language


def test_nothing_is_requested_from_outside(crawl):
    outside = {page: v.outside for page, v in crawl.items() if v.outside}
    assert outside == {}


def test_no_console_errors(crawl):
    errors = {page: v.errors for page, v in crawl.items() if v.errors}
    assert errors == {}


def test_no_page_scrolls_sideways_on_a_phone(crawl):
    wide = {page: v.overflow for page, v in crawl.items() if v.overflow > 0}
    assert wide == {}


def test_every_image_has_alt_text(crawl):
    missing = {
        page: v.images_without_alt for page, v in crawl.items() if v.images_without_alt
    }
    assert missing == {}


def test_trial_tables_stay_readable_on_a_phone(browser, served_site):
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True
    )
    tab = context.new_page()
    tab.goto(f"{served_site}/en/drugs/approved/tofersen.html")
    table = tab.locator("table.kb-trial-facts").first
    box = table.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    # Labels and values are stacked, each as wide as the screen allows.
    cell = table.locator("td").first
    assert cell.evaluate("e => getComputedStyle(e).display") == "block"
    assert cell.bounding_box()["width"] > 250
    size = cell.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 14
    context.close()
