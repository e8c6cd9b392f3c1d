"""Readers on phones, keyboards and screen readers, in every edition (issue 18).

Each test drives Debian's Chromium over the built site as a reader would: at
375 px (a phone), at 640 px with a device scale of 2 (a desktop zoomed to 200 %)
and at 1280 px; with and without JavaScript; in light and dark mode. Screenshots
go to ``_build/screenshots/phone-*.png``.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urljoin

import pytest
from conftest import EDITIONS, REPO, SCREENSHOTS, require_tools

AXE = REPO / "tests/browser/node_modules/axe-core/axe.min.js"

PHONE = {"width": 375, "height": 740}
ZOOMED = {"width": 640, "height": 450}  # 1280 x 900 at 200 %
DESKTOP = {"width": 1280, "height": 900}
INNER = "care/respiratory-care.html"
# The ten kinds of page a reader meets, in every edition.
PAGES = [
    "index.html",
    "drugs/approved/riluzole.html",
    "drugs/all-trials.html",
    "care/respiratory-care.html",
    "rights/information.html",
    "glossary.html",
    "search.html?q=ALS",
    "languages.html",
    "research/understanding-research.html",
    "advocacy/advocacy-toolkit.html",
]
# A word of page titles: the page is found by its title, which comes just after
# the bar above the article (and its menus) in the page Sphinx quotes from.
QUERIES = {
    "en": "respiratory",
    "es": "respiratorios",
    "fr": "respiratoire",
    "ja": "ケア",
    "ar": "التنفسية",
    "pt_BR": "respiratórios",
}


def _shoot(tab, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"phone-{name}.png"))


@pytest.fixture
def open_page(browser, served_site):
    """Open a page of an edition in a new context: ``open_page(path, **context)``."""
    contexts = []

    def _open(path: str, **options):
        context = browser.new_context(**{"viewport": PHONE, **options})
        contexts.append(context)
        tab = context.new_page()
        tab.goto(f"{served_site}/{path}")
        return tab

    yield _open
    for context in contexts:
        context.close()


# What the reader sees of the site navigation: every link with a box on screen
# (in the panel's width; the panel itself scrolls), not hidden.
_SHOWN_LINKS = """() => {
  const shown = (e) => {
    const r = e.getBoundingClientRect(), s = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && s.visibility === "visible"
      && r.left >= 0 && r.right <= innerWidth + 1;
  };
  const nav = [...document.querySelectorAll("nav.bd-docs-nav")];
  const all = nav.flatMap((n) => [...n.querySelectorAll("a")]);
  const top = nav.flatMap((n) => [...n.querySelectorAll("li.toctree-l1 > a")]);
  const branch = nav.flatMap((n) => [...n.querySelectorAll("li.current > a")]);
  return {shown: all.filter(shown).length, top: top.length,
          topShown: top.filter(shown).length, branch: branch.length,
          branchShown: branch.filter(shown).length};
}"""


@pytest.mark.parametrize("language", EDITIONS)
@pytest.mark.parametrize(
    ("viewport", "scale"), [(PHONE, 1), (ZOOMED, 2)], ids=["375px", "200pct"]
)
def test_menu_opens_the_whole_site_navigation(open_page, language, viewport, scale):
    tab = open_page(f"{language}/{INNER}", viewport=viewport, device_scale_factor=scale)
    before = tab.evaluate(_SHOWN_LINKS)
    assert before["topShown"] == 0, "the navigation shows before the tap"
    buttons = [
        b
        for b in tab.locator(".bd-header-article .primary-toggle").all()
        if b.is_visible()
    ]
    assert len(buttons) == 1, "no single visible menu button"
    buttons[0].click()
    tab.wait_for_timeout(400)  # the panel slides in
    after = tab.evaluate(_SHOWN_LINKS)
    if language in ("en", "ja") and scale == 1:
        _shoot(tab, f"{language}-menu-open")
    assert after["top"] >= 8 and after["topShown"] == after["top"], after
    assert after["branch"] >= 2 and after["branchShown"] == after["branch"], after
    assert after["shown"] > before["shown"] + after["top"]


@pytest.mark.parametrize("language", EDITIONS)
def test_menu_works_without_javascript(open_page, language):
    tab = open_page(f"{language}/{INNER}", java_script_enabled=False)
    if language in ("en", "ja"):
        _shoot(tab, f"{language}-menu-closed-no-js")
    assert tab.evaluate(_SHOWN_LINKS)["topShown"] == 0
    link = tab.locator(".bd-header-article a[href='#pst-primary-sidebar']")
    assert link.is_visible(), "no menu without JavaScript"
    link.click()
    tab.wait_for_timeout(400)  # the panel slides in
    after = tab.evaluate(_SHOWN_LINKS)
    if language in ("en", "ja"):
        _shoot(tab, f"{language}-menu-open-no-js")
    assert after["top"] >= 8 and after["topShown"] == after["top"], after
    assert after["branchShown"] == after["branch"] >= 2, after
    # and a way back to the page
    close = tab.locator(".bd-sidebar-primary a[href='#main-content']")
    assert close.is_visible()
    close.click()
    tab.wait_for_timeout(400)
    assert tab.evaluate(_SHOWN_LINKS)["topShown"] == 0


@pytest.mark.parametrize("language", EDITIONS)
@pytest.mark.parametrize("path", ["index.html", INNER, "drugs/approved/riluzole.html"])
def test_a_home_link_on_every_page(open_page, served_site, language, path):
    tab = open_page(f"{language}/{path}")
    home = f"{served_site}/{language}/index.html"
    links = [
        a
        for a in tab.locator(".bd-header-article a[href]").all()
        if a.is_visible() and urljoin(tab.url, a.get_attribute("href")) == home
    ]
    assert links, "no home link in the bar on a phone"
    box = links[0].bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44


_PROBE = """() => {
  const s = document.querySelector("nav.kb-editions summary");
  const r = s.getBoundingClientRect();
  const hit = (x, y) => { const e = document.elementFromPoint(x, y);
                          return !!(e && e.closest("nav.kb-editions")); };
  const cx = r.left + r.width / 2;
  return {w: r.width, h: r.height, top: r.top, bottom: r.bottom,
          centre: hit(cx, r.top + r.height / 2), topEdge: hit(cx, r.top + 2),
          bottomEdge: hit(cx, r.bottom - 2)};
}"""


@pytest.mark.parametrize("language", EDITIONS)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_language_switcher_is_whole_and_in_reach(open_page, language, viewport):
    tab = open_page(f"{language}/{INNER}", viewport=viewport)
    for where in ("top", "scrolled"):
        if where == "scrolled":
            tab.mouse.wheel(0, 2500)
            tab.wait_for_timeout(300)
            assert tab.evaluate("scrollY") > 1000
        probe = tab.evaluate(_PROBE)
        assert probe["w"] >= 44 and probe["h"] >= 44, probe
        assert probe["top"] >= 0 and probe["bottom"] <= viewport["height"], probe
        assert probe["centre"] and probe["topEdge"] and probe["bottomEdge"], (
            where,
            probe,
        )
    # a tap on its top edge opens it
    box = tab.locator("nav.kb-editions summary").bounding_box()
    tab.mouse.click(box["x"] + box["width"] / 2, box["y"] + 3)
    assert tab.locator("nav.kb-editions details").get_attribute("open") is not None


# Every word of the page frame a reader can see or hear: text (visually hidden
# too), aria-label, title, alt and placeholder, outside the article's own text
# and the page titles (which are content, translated page by page).
_FRAME_WORDS = r"""() => {
  const skip = "article.bd-article, nav.bd-docs-nav a, .bd-sidebar-secondary nav a,"
    + " #jb-print-docs-body, .prev-next-title, .kb-editions__list, script, style";
  const words = new Set();
  const walker = document.createTreeWalker(document.body,
      NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const e = n.nodeType === 3 ? n.parentElement : n;
    if (!e || (e.closest(skip) && !e.closest("a.headerlink"))) continue;
    if (n.nodeType === 3) { const t = n.textContent.trim(); if (t) words.add(t); continue; }
    for (const a of ["aria-label", "title", "alt", "placeholder"]) {
      const v = (n.getAttribute(a) || "").trim(); if (v) words.add(v);
    }
  }
  return [...words];
}"""
# Key names and symbols, the same in every language.
_SAME_EVERYWHERE = {"+", "#", "Ctrl", "K", "⌘"}


@pytest.mark.parametrize("language", [e for e in EDITIONS if e != "en"])
@pytest.mark.parametrize(
    "path", [INNER, "search.html", "glossary.html", "drugs/approved/riluzole.html"]
)
def test_the_frame_speaks_the_editions_language(open_page, language, path):
    english = set(open_page(f"en/{path}").evaluate(_FRAME_WORDS))
    words = set(open_page(f"{language}/{path}").evaluate(_FRAME_WORDS))
    assert len(words) > 15
    assert sorted(words & english - _SAME_EVERYWHERE) == []


@pytest.mark.parametrize("language", EDITIONS)
def test_search_shows_the_count_and_the_pages_own_text(open_page, language):
    words = open_page(f"{language}/{INNER}")
    menus = words.evaluate(
        """() => [[...document.querySelectorAll(".theme-change-button")],
                  [...document.querySelectorAll(".kb-editions__list a")]]
                 .map((items) => items.map((e) => e.textContent.trim()))"""
    )
    tab = open_page(f"{language}/search.html?q={quote(QUERIES[language])}")
    summary = tab.locator("#search-results p.search-summary")
    tab.wait_for_function(
        "() => (document.querySelector('#search-results p.search-summary') || {})"
        ".innerText",
        timeout=30_000,
    )
    # Each result's snippet comes from fetching its page; on a loaded machine
    # the last ones may follow the count by a moment.
    tab.wait_for_function(
        "() => document.querySelectorAll('#search-results li p.context').length > 0",
        timeout=15_000,
    )
    found = len(tab.locator("#search-results li").all())
    assert str(found) in summary.inner_text(), summary.inner_text()
    snippets = [
        p.inner_text() for p in tab.locator("#search-results li p.context").all()
    ]
    assert snippets, "no snippet"
    for items in menus:
        frame = re.compile(r"\s*".join(re.escape(i) for i in items))
        assert not [s for s in snippets if frame.search(s)], snippets[:3]
    # What Sphinx quotes from a page when the words are near its top: the
    # article's text, from its title on.
    quoted = tab.evaluate(
        """async (path) => Search.htmlToText(await (await fetch(path)).text())""",
        f"../{language}/{INNER}",
    )
    title = words.evaluate(
        "document.querySelector('article h1').firstChild.textContent"
    )
    assert quoted.strip().startswith(title), " ".join(quoted.split())[:200]
    if language in ("en", "ja"):
        _shoot(tab, f"{language}-search")


_FOCUS = """(e) => { e.focus(); const s = getComputedStyle(e);
  return {name: e.getAttribute("aria-label") || e.title || e.textContent.trim(),
          visible: e.matches(":focus-visible"),
          ring: (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2)
                || (s.boxShadow && s.boxShadow !== "none")}; }"""


@pytest.mark.parametrize("language", ["en", "ja"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
@pytest.mark.parametrize("mode", ["light", "dark"])
def test_every_control_in_the_bar_shows_its_focus(
    browser, served_site, language, viewport, mode
):
    context = browser.new_context(viewport=viewport)
    context.add_init_script(
        f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}')"
    )
    tab = context.new_page()
    tab.goto(f"{served_site}/{language}/{INNER}")
    tab.keyboard.press("Tab")  # a reader on the keyboard
    controls = [
        c
        for c in tab.locator(
            ".bd-header-article :is(a[href], button, summary),"
            " .kb-suggest-change a, .kb-report-mistake a"
        ).all()
        if c.is_visible()
    ]
    assert len(controls) >= 4
    seen = [c.evaluate(_FOCUS) for c in controls]
    context.close()
    assert [s for s in seen if not (s["visible"] and s["ring"])] == [], seen


@pytest.mark.parametrize("language", EDITIONS)
def test_readers_bar_holds_no_repository_buttons(open_page, language):
    tab = open_page(f"{language}/{INNER}", viewport=DESKTOP)
    bar = tab.locator(".bd-header-article")
    assert bar.locator("a[href*='github.com'], .dropdown-source-buttons").count() == 0
    suggest = tab.locator(".bd-footer-article .kb-suggest-change a")
    href = suggest.get_attribute("href")
    if language == "en":
        assert href.endswith("/edit/main/docs/care/respiratory-care.md"), href
    else:
        assert href.endswith(
            f"/edit/main/locales/{language}/LC_MESSAGES/care/respiratory-care.po"
        ), href


@pytest.fixture(scope="module")
def axe_path() -> str:
    if not AXE.is_file():
        require_tools("npm")
        pytest.fail(f"{AXE} is missing: run `make test`, which installs it with npm")
    return str(AXE)


_AXE_RUN = """async () => (await axe.run(document, {resultTypes: ["violations"]}))
  .violations.filter(v => ["serious", "critical"].includes(v.impact))
  .map(v => ({id: v.id, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))"""


@pytest.mark.parametrize("language", EDITIONS)
@pytest.mark.parametrize("path", PAGES)
def test_axe_light_and_dark_at_both_widths(
    browser, served_site, axe_path, language, path
):
    found = {}
    for mode in ("light", "dark"):
        context = browser.new_context(viewport=DESKTOP)
        context.add_init_script(
            f"localStorage.setItem('mode', '{mode}');"
            f" localStorage.setItem('theme', '{mode}')"
        )
        tab = context.new_page()
        tab.goto(f"{served_site}/{language}/{path}")
        assert tab.evaluate("document.documentElement.dataset.theme") == mode
        tab.add_script_tag(path=axe_path)
        for viewport in (DESKTOP, PHONE):
            tab.set_viewport_size(viewport)
            tab.wait_for_timeout(700)  # the theme marks scrollable tables 300 ms after
            violations = tab.evaluate(_AXE_RUN)
            if violations:
                found[f"{mode} {viewport['width']}px"] = violations
        context.close()
    assert found == {}


# -- Without a browser: the repair of Sphinx's translations.js -----------------
_ONE = "Search finished, found one page matching the search query."
_MANY = "Search finished, found ${resultCount} pages matching the search query."


def test_translations_js_gets_the_count_and_loses_empty_entries(tmp_path):
    from editions.frame_words import fix_translations_js

    js = tmp_path / "translations.js"
    js.write_text(
        'Documentation.addTranslations({"locale": "es", "messages": {"Index": "",'
        f' "{_ONE}": ["", "", ""], "Search": "Buscar"}},'
        ' "plural_expr": "n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2"});'
    )
    assert fix_translations_js(js, {_ONE: "una", _MANY: "${resultCount} páginas"})
    text = js.read_text()
    assert '"Index"' not in text and '"Search": "Buscar"' in text
    assert '["una", "${resultCount} páginas", "${resultCount} páginas"]' in (
        " ".join(text.split()).replace("[ ", "[").replace(" ]", "]")
    )


def test_translations_js_in_another_form_is_left_alone(tmp_path):
    from editions.frame_words import fix_translations_js

    js = tmp_path / "translations.js"
    js.write_text("window.TRANSLATIONS = {};")
    assert not fix_translations_js(js, {_ONE: "una"})
    assert js.read_text() == "window.TRANSLATIONS = {};"
