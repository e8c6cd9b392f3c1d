"""The Arabic edition reads right to left, as a reader sees it (issue 25).

Structure, ``dir``, computed styles and bounding boxes only: the tests hold
whichever Arabic messages are translated. At 375 px (a phone) and 1280 px,
with and without JavaScript, in print, and with axe-core. Screenshots go to
``_build/screenshots/rtl-*.png``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import EDITIONS, REPO, SCREENSHOTS, require_tools

from editions.known import bcp47, is_right_to_left

AXE = REPO / "tests/browser/node_modules/axe-core/axe.min.js"
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
VIEWPORTS = pytest.mark.parametrize(
    "viewport", [PHONE, DESKTOP], ids=["375px", "1280px"]
)
RTL = [e for e in EDITIONS if is_right_to_left(e)]
DRUG = "drugs/approved/tofersen.html"
OVERVIEW = "drugs/all-trials.html"
WIDE_PAGES = [DRUG, OVERVIEW, "glossary.html", "index.html", "drugs/compare.html"]
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")


def _shoot(tab, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"rtl-{name}.png"))


@pytest.fixture
def open_page(browser, served_site):
    """Open a page in a new context: ``open_page(path, **context)``."""
    contexts = []

    def _open(path: str, **options):
        context = browser.new_context(**{"viewport": DESKTOP, **options})
        contexts.append(context)
        tab = context.new_page()
        tab.goto(f"{served_site}/{path}")
        return tab

    yield _open
    for context in contexts:
        context.close()


# -- The HTML itself: every page of every edition ---------------------------------

_HTML_TAG = re.compile(r"<html\b[^>]*>")


def _pages(outdir: Path) -> list[Path]:
    return [p for p in outdir.rglob("*.html") if "_static" not in p.parts]


@pytest.mark.parametrize("language", EDITIONS)
def test_every_page_has_its_lang_and_dir(editions, language):
    want_dir = "rtl" if is_right_to_left(language) else "ltr"
    pages = _pages(editions[language].outdir)
    assert len(pages) > 70
    wrong = []
    for page in pages:
        tag = _HTML_TAG.search(page.read_text(encoding="utf-8"))
        if (
            not tag
            or f'dir="{want_dir}"' not in tag.group()
            or f'lang="{bcp47(language)}"' not in tag.group()
        ):
            wrong.append(f"{page.relative_to(editions[language].outdir)}: {tag}")
    assert wrong == []
    handouts = [p for p in pages if p.parent.name == "handouts"]
    assert handouts, "no handout page checked"


@pytest.mark.parametrize("language", EDITIONS)
def test_feeds_say_their_language(editions, language):
    feeds = sorted((editions[language].outdir / "feeds").glob("*.atom"))
    assert feeds
    for feed in feeds:
        head = feed.read_text(encoding="utf-8")[:500]
        assert f'xml:lang="{bcp47(language)}"' in head, feed


@pytest.mark.parametrize("language", EDITIONS)
def test_the_rtl_stylesheet_is_loaded_only_where_needed(editions, language):
    page = (editions[language].outdir / DRUG).read_text(encoding="utf-8")
    assert ("kb-rtl.css" in page) == is_right_to_left(language)


def test_switcher_names_each_edition_in_its_own_lang_and_dir(editions):
    page = (editions["ar"].outdir / DRUG).read_text(encoding="utf-8")
    links = re.findall(
        r'<a href="[^"]*" lang="([^"]+)" hreflang="\1" dir="(\w+)"', page
    )
    assert links == [
        (bcp47(e), "rtl" if is_right_to_left(e) else "ltr") for e in EDITIONS
    ]


# -- In the browser -----------------------------------------------------------------

_LAYOUT = """() => {
  const box = (s) => { const e = document.querySelector(s);
    if (!e) return null; const r = e.getBoundingClientRect();
    return {left: r.left, right: r.right, width: r.width,
            visible: getComputedStyle(e).visibility === "visible"}; };
  const root = document.documentElement;
  return {dir: root.dir, computed: getComputedStyle(document.body).direction,
          scroll: root.scrollWidth, client: root.clientWidth,
          bodyScroll: document.body.scrollWidth,
          primary: box(".bd-sidebar-primary"), secondary: box(".bd-sidebar-secondary"),
          article: box("article.bd-article")};
}"""


@pytest.mark.parametrize("language", RTL)
@VIEWPORTS
@pytest.mark.parametrize("path", WIDE_PAGES)
def test_right_to_left_without_sideways_scroll(open_page, language, viewport, path):
    tab = open_page(f"{language}/{path}", viewport=viewport)
    layout = tab.evaluate(_LAYOUT)
    assert layout["dir"] == "rtl" and layout["computed"] == "rtl", layout
    assert layout["scroll"] <= layout["client"], layout
    assert layout["bodyScroll"] <= layout["client"], layout
    if path == DRUG:
        _shoot(tab, f"{language}-drug-{viewport['width']}")


@pytest.mark.parametrize("language", RTL)
def test_desktop_sidebar_on_the_right_contents_on_the_left(open_page, language):
    layout = open_page(f"{language}/{DRUG}").evaluate(_LAYOUT)
    primary, secondary, article = (
        layout["primary"],
        layout["secondary"],
        layout["article"],
    )
    assert primary["visible"] and secondary["visible"], layout
    assert primary["left"] >= article["right"] - 1, layout
    assert primary["right"] >= DESKTOP["width"] - 20, layout
    assert secondary["right"] <= article["left"] + 1, layout
    # The navigation's rule faces the article (left); the chevrons sit on the left.
    styles = open_page(f"{language}/{DRUG}").evaluate(
        """() => { const p = getComputedStyle(document.querySelector(".bd-sidebar-primary"));
          const t = document.querySelector(".bd-sidebar-primary .toctree-toggle");
          const link = t.closest("li").querySelector(":scope > a").getBoundingClientRect();
          return {left: p.borderLeftWidth, right: p.borderRightWidth,
                  toggle: t.getBoundingClientRect().right, link: link.left}; }"""
    )
    assert styles["left"] == "1px" and styles["right"] == "0px", styles
    assert styles["toggle"] <= styles["link"] + 1, styles


@pytest.mark.parametrize("language", RTL)
def test_a_page_without_contents_sits_beside_the_navigation(open_page, language):
    """The search page has no "On this page": its article starts at the right."""
    tab = open_page(f"{language}/search.html")
    sides = tab.evaluate(
        """() => [".bd-sidebar-primary", ".bd-article-container"].map(
          (s) => document.querySelector(s).getBoundingClientRect())
          .map((r) => ({left: r.left, right: r.right}))"""
    )
    primary, article = sides
    assert abs(article["right"] - primary["left"]) <= 2, sides


@pytest.mark.parametrize("language", RTL)
def test_phone_menu_slides_in_from_the_right_and_closes(open_page, language):
    tab = open_page(f"{language}/{DRUG}", viewport=PHONE)
    closed = tab.evaluate(_LAYOUT)["primary"]
    assert not closed["visible"] and closed["left"] >= PHONE["width"] - 1, closed
    buttons = [
        b
        for b in tab.locator(".bd-header-article .primary-toggle").all()
        if b.is_visible()
    ]
    assert len(buttons) == 1
    box = buttons[0].bounding_box()
    assert box["x"] > PHONE["width"] / 2, "the menu button is not at the right"
    buttons[0].click()
    tab.wait_for_timeout(400)  # the panel slides in
    opened = tab.evaluate(_LAYOUT)["primary"]
    _shoot(tab, f"{language}-menu-open")
    assert opened["visible"], opened
    assert abs(opened["right"] - PHONE["width"]) <= 1 and opened["left"] > 0, opened
    tab.keyboard.press("Escape")
    tab.wait_for_timeout(400)
    again = tab.evaluate(_LAYOUT)["primary"]
    assert not again["visible"] and again["left"] >= PHONE["width"] - 1, again


@pytest.mark.parametrize("language", RTL)
def test_phone_menu_without_javascript_is_on_the_right(open_page, language):
    tab = open_page(f"{language}/{DRUG}", viewport=PHONE, java_script_enabled=False)
    assert tab.evaluate("document.documentElement.dir") == "rtl"
    tab.locator(".bd-header-article a[href='#pst-primary-sidebar']").click()
    tab.wait_for_timeout(400)
    opened = tab.evaluate(_LAYOUT)["primary"]
    assert opened["visible"], opened
    assert abs(opened["right"] - PHONE["width"]) <= 1 and opened["left"] > 0, opened


_ISOLATED = """(selector) => [...document.querySelectorAll(selector)]
  .filter((e) => e.getClientRects().length)
  .map((e) => {
    const s = getComputedStyle(e);
    // Where the first and the last character are drawn.
    const text = e.firstChild && e.firstChild.nodeType === 3 ? e.firstChild : e;
    const range = document.createRange();
    const node = text.nodeType === 3 ? text : text.firstChild;
    range.setStart(node, 0); range.setEnd(node, 1);
    const first = range.getBoundingClientRect();
    range.setStart(node, node.length - 1); range.setEnd(node, node.length);
    const last = range.getBoundingClientRect();
    return {text: e.textContent, direction: s.direction, bidi: s.unicodeBidi,
            firstLeft: first.left, lastLeft: last.left,
            sameLine: Math.abs(first.top - last.top) < 2};
  })"""


@pytest.mark.parametrize("language", RTL)
@VIEWPORTS
def test_ids_and_numbers_read_left_to_right(open_page, language, viewport):
    tab = open_page(f"{language}/{DRUG}", viewport=viewport)
    ids = tab.evaluate(_ISOLATED, "a.kb-ltr")
    numbers = tab.evaluate(_ISOLATED, "span.kb-ltr")
    assert any(re.fullmatch(r"NCT\d{8}", i["text"]) for i in ids), ids
    assert any(re.search(r"\d", n["text"]) for n in numbers), numbers
    for found in ids + numbers:
        assert found["direction"] == "ltr" and found["bidi"] == "isolate", found
        if found["sameLine"]:
            assert found["firstLeft"] < found["lastLeft"], found
    code = tab.evaluate(
        """() => { const c = document.createElement("code"); c.textContent = "x";
          document.querySelector("article").appendChild(c);
          const s = getComputedStyle(c); return [s.direction, s.unicodeBidi]; }"""
    )
    assert code == ["ltr", "isolate"]


@pytest.mark.parametrize("language", RTL)
def test_arabic_type_comes_from_the_readers_system(open_page, language):
    tab = open_page(f"{language}/{DRUG}")
    style = tab.evaluate(
        """() => { const s = getComputedStyle(document.body);
          return {font: s.fontFamily, line: parseFloat(s.lineHeight) / parseFloat(s.fontSize)}; }"""
    )
    assert style["font"].startswith('"Noto Naskh Arabic"'), style
    assert style["line"] >= 1.7, style
    # No web font: nothing but the site's own files is asked for (checked by the
    # site crawl too), and no @font-face names an Arabic font.
    faces = tab.evaluate(
        "() => [...document.fonts].map((f) => f.family).filter((f) => /arab|naskh/i.test(f))"
    )
    assert faces == []


@pytest.mark.parametrize("language", RTL)
def test_switcher_lists_every_edition_and_goes_there_and_back(open_page, language):
    tab = open_page(f"{language}/{DRUG}", viewport=PHONE)
    switcher = tab.locator("nav.kb-editions")
    switcher.locator("summary").click()
    links = switcher.locator("a")
    assert links.count() == len(EDITIONS)
    for index, code in enumerate(EDITIONS):
        link = links.nth(index)
        assert link.get_attribute("lang") == bcp47(code)
        assert link.get_attribute("dir") == ("rtl" if is_right_to_left(code) else "ltr")
        assert link.is_visible()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (code, box)
    # Every name lines up on the list's right side, whatever its own direction.
    ends = tab.evaluate(
        """() => [...document.querySelectorAll("nav.kb-editions a")].map((a) => {
          const r = document.createRange(); r.selectNodeContents(a);
          return Math.round(r.getBoundingClientRect().right); })"""
    )
    assert max(ends) - min(ends) <= 2, ends
    _shoot(tab, f"{language}-switcher")
    switcher.get_by_role("link", name="English").click()
    tab.wait_for_url(re.compile(rf"/en/{re.escape(DRUG)}$"))
    assert tab.evaluate("[document.documentElement.lang, document.dir]") == [
        "en",
        "ltr",
    ]
    tab.locator("nav.kb-editions summary").click()
    tab.locator(f"nav.kb-editions a[hreflang='{bcp47(language)}']").click()
    tab.wait_for_url(re.compile(rf"/{language}/{re.escape(DRUG)}$"))
    assert tab.evaluate("document.dir") == "rtl"


@pytest.mark.parametrize("language", RTL)
def test_overview_without_javascript_is_rtl_and_whole(open_page, editions, language):
    tab = open_page(f"{language}/{OVERVIEW}", java_script_enabled=False)
    assert tab.evaluate("document.dir") == "rtl"
    html = (editions[language].outdir / OVERVIEW).read_text(encoding="utf-8")
    rows = len(re.findall(r'<tr class="kb-row [^"]*kb-stage-', html))
    assert rows > 10
    shown = tab.evaluate(
        """() => [...document.querySelectorAll("table.kb-trial-overview tbody tr.kb-row")]
          .filter((r) => r.getClientRects().length).length"""
    )
    assert shown == rows


@pytest.mark.parametrize("language", RTL)
def test_overview_sorts_and_filters_in_arabic(open_page, language):
    tab = open_page(f"{language}/{OVERVIEW}")
    table = tab.locator("table.kb-trial-overview").first
    total = table.locator("tbody tr").count()
    statuses = tab.locator(".kb-overview-choices").first
    statuses.locator("input[type=checkbox]").first.check()
    visible = table.locator("tbody tr:not(.kb-hidden)").count()
    assert 0 < visible < total
    statuses.locator("input[type=checkbox]").first.uncheck()
    assert table.locator("tbody tr:not(.kb-hidden)").count() == total
    # Sort by the first column: the page's collation (lang="ar").
    table.locator("thead th button").first.click()
    names = table.locator("tbody tr td:first-child").all_inner_texts()
    expected = tab.evaluate(
        """(names) => names.slice().sort(new Intl.Collator(document.documentElement.lang,
             {sensitivity: "base", numeric: true}).compare)""",
        [n.strip() for n in names],
    )
    assert [n.strip() for n in names] == expected


@pytest.mark.parametrize("language", RTL)
def test_finder_reads_arabic_indic_digits(open_page, language):
    tab = open_page(f"{language}/{OVERVIEW}")
    form = tab.locator("form.kb-finder-form").first
    form.locator("input[name=age]").wait_for()
    form.locator("input[name=age]").fill("\u0663\u0660")  # ٣٠ in Arabic-Indic digits
    form.locator("input[name=months]").fill("\u06f1\u06f2")  # ۱۲
    form.locator("button[type=submit]").click()
    status = form.locator(".kb-finder-status").inner_text()
    results = tab.locator(".kb-finder-result").count()
    assert results > 0, status
    assert not re.search("[\u0660-\u0669\u06f0-\u06f9]", status), status
    assert re.search(r"\d", status), status


@pytest.mark.parametrize("language", RTL)
def test_print_keeps_right_to_left(open_page, language):
    tab = open_page(f"{language}/{DRUG}")
    tab.emulate_media(media="print")
    state = tab.evaluate(
        """() => ({dir: getComputedStyle(document.body).direction,
          align: getComputedStyle(document.querySelector("article p")).textAlign})"""
    )
    assert state["dir"] == "rtl", state
    assert state["align"] in ("start", "right", "justify"), state


@pytest.mark.parametrize("language", RTL)
def test_compare_page_works_in_arabic(open_page, language):
    tab = open_page(f"{language}/drugs/compare.html", viewport=PHONE)
    assert tab.evaluate("document.dir") == "rtl"
    boxes = tab.locator(".kb-compare-controls input[type=checkbox]")
    assert boxes.count() >= 2
    boxes.nth(0).check()
    boxes.nth(1).check()
    layout = tab.evaluate(_LAYOUT)
    assert layout["scroll"] <= layout["client"], layout


# -- axe-core on the pages the other axe tests do not reach ------------------------


@pytest.fixture(scope="module")
def axe_script() -> str:
    if not AXE.is_file():
        require_tools("npm")
        pytest.fail(f"{AXE} is missing: run `make test`, which installs it with npm")
    return str(AXE)


@pytest.mark.parametrize("language", RTL)
@VIEWPORTS
@pytest.mark.parametrize(
    "path",
    [
        "index.html",
        DRUG,
        OVERVIEW,
        "drugs/compare.html",
        "handouts/tofersen.html",
    ],
)
def test_axe_finds_no_serious_violation_in_arabic(
    open_page, axe_script, language, viewport, path
):
    tab = open_page(f"{language}/{path}", viewport=viewport)
    tab.add_script_tag(path=axe_script)
    violations = tab.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]}))
            .violations.filter(v => ["serious", "critical"].includes(v.impact))
            .map(v => ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))"""
    )
    assert violations == [], violations


def test_arabic_frame_words_are_arabic_once_translated(editions):
    """Once editions.po is translated, the frame's own words are in Arabic letters.

    Checked over the whole page (never a fixed sentence), so the test holds
    whichever words a translator chose.
    """
    from babel.messages.pofile import read_po

    po = REPO / "locales/ar/LC_MESSAGES/editions.po"
    with po.open("rb") as file:
        catalog = read_po(file)
    done = [m for m in catalog if m.id and m.string and not m.fuzzy]
    if len(done) < len([m for m in catalog if m.id]) * 0.9:
        pytest.skip("editions.po is not translated into Arabic yet")
    page = (editions["ar"].outdir / DRUG).read_text(encoding="utf-8")
    nav = re.search(r'<nav class="kb-editions"[^>]*aria-label="([^"]+)"', page)
    assert nav and _ARABIC_LETTER.search(nav.group(1)), nav
