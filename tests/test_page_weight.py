"""Readers on slow connections: what a page costs to load, in bytes and waits.

The byte budget is exact: the HTML of a drug page and every file it makes the
browser fetch on a first visit, each gzip-compressed at level 6 (as a host
would serve it), at most 150 KB; a second page of the same edition at most
20 KB more. In a real browser: no ``fontawesome.js``, no search index outside
the search page, no script that blocks the first paint, every icon drawn, and
the search page still finds pages (with JavaScript) or says in the edition's
language that it needs it (without).
"""

from __future__ import annotations

import gzip
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urljoin

import pytest
from conftest import EDITIONS, build_docs
from page_weight import theme_check
from page_weight.css_trim import Words, can_match, trim_css

DRUG = "drugs/approved/riluzole.html"
SECOND = "drugs/approved/tofersen.html"
FIRST_VISIT_BUDGET = 150_000
SECOND_PAGE_BUDGET = 20_000
_IMPORT = re.compile(r"""@import\s+(?:url\()?["']?([^"')\s;]+)""")


class _Resources(HTMLParser):
    """The files a page makes a browser fetch: stylesheets, scripts, preloads, images."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        rel = (a.get("rel") or "").split()
        if tag == "link" and {"stylesheet", "preload", "icon"} & set(rel):
            self.found.append(a.get("href") or "")
        elif tag in ("script", "img") and a.get("src"):
            self.found.append(a["src"] or "")


def _fetched(root: Path, page: str) -> dict[str, int]:
    """Every file *page* loads (stylesheet imports followed), by path: gzip-6 size."""
    sizes: dict[str, int] = {}
    queue = [page]
    while queue:
        name = queue.pop()
        path = (root / name).resolve()
        key = str(path.relative_to(root.resolve()))
        if key in sizes:
            continue
        data = path.read_bytes()
        sizes[key] = len(gzip.compress(data, compresslevel=6, mtime=0))
        if path.suffix == ".html":
            parser = _Resources()
            parser.feed(data.decode("utf-8"))
            links = parser.found
        elif path.suffix == ".css":
            links = _IMPORT.findall(data.decode("utf-8"))
        else:
            links = []
        for link in links:
            queue.append(urljoin(name, link.split("?")[0].split("#")[0]))
    return sizes


@pytest.mark.parametrize("language", EDITIONS)
def test_a_first_visit_to_a_drug_page_fits_the_budget(editions, language):
    root = editions[language].outdir
    first = _fetched(root, DRUG)
    total = sum(first.values())
    assert total <= FIRST_VISIT_BUDGET, sorted(first.items(), key=lambda kv: -kv[1])
    assert not any(name.endswith("fontawesome.js") for name in first)
    assert "searchindex.js" not in first


@pytest.mark.parametrize("language", EDITIONS)
def test_a_second_page_costs_little_more(editions, language):
    root = editions[language].outdir
    first = _fetched(root, DRUG)
    second = _fetched(root, SECOND)
    extra = sum(size for name, size in second.items() if name not in first)
    assert extra <= SECOND_PAGE_BUDGET, {
        n: s for n, s in second.items() if n not in first
    }


@pytest.mark.parametrize("language", EDITIONS)
def test_a_phone_loads_no_icon_script_no_index_and_draws_every_icon(
    browser, served_site, language
):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    tab = context.new_page()
    requested: list[str] = []
    tab.on("request", lambda request: requested.append(request.url))
    tab.goto(f"{served_site}/{language}/{DRUG}", wait_until="load")
    assert not [u for u in requested if "fontawesome" in u or u.endswith(".woff2")]
    assert not [u for u in requested if "searchindex.js" in u or "searchtools" in u]
    assert not [u for u in requested if not u.startswith(served_site)]
    # No script in <head> stops the first paint.
    blocking = tab.evaluate(
        """() => [...document.head.querySelectorAll('script[src]')]
            .filter(s => !s.defer && !s.async && s.type !== 'module')
            .map(s => s.src)"""
    )
    assert blocking == []
    # Every icon on the page is drawn: a shape (mask) of a visible size.
    icons = tab.evaluate(
        """() => [...document.querySelectorAll('[class*="fa-"]')]
            .filter(e => /(^|\\s)fa-(?!solid|regular|brands|fw|lg)/.test(e.className))
            .map(e => {
                const s = getComputedStyle(e), r = e.getBoundingClientRect();
                return [e.className, s.maskImage || s.webkitMaskImage, r.height];
            })"""
    )
    assert len(icons) > 10
    undrawn = [i for i in icons if not i[1].startswith('url("data:image/svg+xml')]
    assert undrawn == []
    header = tab.evaluate(
        """() => [...document.querySelectorAll('.bd-header-article [class*="fa-"]')]
            .filter(e => e.getClientRects().length).map(e => e.getBoundingClientRect().height)"""
    )
    assert header and all(height >= 16 for height in header), header
    context.close()


@pytest.mark.parametrize(
    ("language", "word"),
    [("en", "riluzole"), ("es", "riluzol"), ("fr", "riluzole"), ("ja", "リルゾール")],
)
def test_the_search_page_loads_the_index_and_finds(
    browser, served_site, language, word
):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    tab = context.new_page()
    requested: list[str] = []
    tab.on("request", lambda request: requested.append(request.url))
    tab.goto(f"{served_site}/{language}/search.html?q={quote(word)}")
    results = tab.locator("#search-results li a")
    results.first.wait_for()
    assert any(DRUG in (a.get_attribute("href") or "") for a in results.all())
    assert any(
        u.split("?")[0].endswith(f"/{language}/searchindex.js") for u in requested
    )
    context.close()


@pytest.mark.parametrize("language", EDITIONS)
def test_the_search_page_without_javascript_says_it_needs_it(
    browser, served_site, language
):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{served_site}/{language}/search.html?q=riluzole")
    notice = tab.locator(".bd-search-container .admonition.error")
    assert notice.is_visible()
    text = notice.inner_text()
    assert "JavaScript" in text
    if language != "en":
        assert "Please activate" not in text, text
    context.close()


# -- The trimmed stylesheet -------------------------------------------------------


def test_trimming_keeps_what_can_match_and_drops_the_rest():
    words = Words({"used", "show", "dropdown-menu"}, {"bs-tooltip-"})
    css = (
        '@charset "UTF-8";/*! License kept */'
        ".used{a:1}.gone{b:2}.gone,.used .show{c:3}"
        ".used:not(.gone){d:4}[class~=gone]{e:5}.dropdown-menu.show{f:6}"
        ".bs-tooltip-top{g:7}#nowhere{h:8}"
        "@media print{.gone{i:9}.used{j:10}}@media (min-width:1px){.gone{k:11}}"
        '@font-face{font-family:"Font Awesome 7 Free";src:url(x.woff2)}'
        "@keyframes spin{to{l:12}}@keyframes kept{to{m:13}}.used{animation:kept 1s}"
        "/* a comment */"
    )
    out = trim_css(css, words)
    for kept in (
        "/*! License kept */",
        ".used{a:1}",
        ".gone,.used .show{c:3}",
        ".used:not(.gone){d:4}",
        "[class~=gone]{e:5}",
        ".dropdown-menu.show{f:6}",
        ".bs-tooltip-top{g:7}",
        "@media print{.used{j:10}}",
        "@keyframes kept",
    ):
        assert kept in out, kept
    for dropped in ("b:2", "h:8", "i:9", "k:11", "Font Awesome", "spin", "a comment"):
        assert dropped not in out, dropped
    assert can_match("html[data-theme=dark] .used", words)
    assert not can_match(".used > .gone", words)


def test_the_built_stylesheet_keeps_states_scripts_set_and_print(editions):
    css = (editions["en"].outdir / "_static/styles/pydata-sphinx-theme.css").read_text(
        encoding="utf-8"
    )
    assert len(css) < 150_000  # the theme's own is 377 KB
    for selector in (
        ".dropdown-menu.show",
        "html[data-theme=dark]",
        ".tooltip",
        "@media print",
        "#pst-back-to-top",
        ".bd-sidebar-primary",
    ):
        assert selector in css, selector
    assert ".carousel" not in css and ".offcanvas-body" not in css


# -- The theme check --------------------------------------------------------------


def test_the_theme_check_names_a_changed_template(tmp_path):
    assert theme_check.theme_problems() == []
    copy = tmp_path / "theme"
    shutil.copytree(
        theme_check.theme_dir(), copy, ignore=shutil.ignore_patterns("*.js*")
    )
    (copy / "layout.html").write_text("{# changed #}", encoding="utf-8")
    (copy / "search.html").unlink()
    assert theme_check.theme_problems(copy) == [
        "layout.html has changed",
        "search.html is missing",
    ]


def test_a_changed_theme_switches_everything_off_with_one_warning(
    tmp_path, monkeypatch
):
    monkeypatch.setitem(theme_check.EXPECTED, "layout.html", "0" * 64)
    built = build_docs(tmp_path)
    warnings = [line for line in built.warnings.splitlines() if "WARNING" in line]
    assert len(warnings) == 1, warnings
    assert "page_weight: pydata-sphinx-theme's layout.html has changed" in warnings[0]
    assert "the page-weight changes are off" in warnings[0]
    page = built.html(DRUG.removesuffix(".html"))
    assert "fontawesome.js" in page and "searchindex.js" in page
    assert not (built.outdir / "_static/icons.css").exists()


# -- The pieces -------------------------------------------------------------------


def test_scripts_are_deferred_unless_an_inline_script_needs_them_at_once():
    from page_weight.scripts import deferred
    from sphinx.builders.html._assets import _JavaScript

    options = _JavaScript("documentation_options.js", priority=200)
    pagename = _JavaScript(None, body="DOCUMENTATION_OPTIONS.pagename = 'x';")
    already = _JavaScript("overview.js", defer="defer")
    out = deferred([options, pagename, already])
    assert [js.attributes for js in out] == [
        {"defer": "defer"},
        {"body": "DOCUMENTATION_OPTIONS.pagename = 'x';", "type": "module"},
        {"defer": "defer"},
    ]
    assert out[0].priority == 200
    other = _JavaScript(None, body="var ready = true;")
    assert deferred([options, other]) == [options, other]


def test_the_head_loses_fontawesome_and_preloads_and_links_icons():
    from page_weight.head import light_css

    head = (
        "  <!-- Loaded before other Sphinx assets -->\n"
        '  <link href="../_static/styles/theme.css?digest=abc" rel="stylesheet" />\n'
        '<link href="../_static/styles/pydata-sphinx-theme.css?digest=abc"'
        ' rel="stylesheet" />\n'
        "  <!-- So that users can add custom icons -->\n"
        '  <script defer src="../_static/scripts/fontawesome.js?digest=abc"></script>\n'
        "  <!-- Pre-loaded scripts that we'll load fully later -->\n"
        '  <link rel="preload" as="script" href="../_static/scripts/bootstrap.js" />\n'
        '<link rel="preload" as="script" href="../_static/scripts/x.js" />\n'
    )
    out = light_css(head)
    assert "fontawesome" not in out and "preload" not in out
    assert 'href="../_static/basic.css?digest=abc"' in out
    assert '<link href="../_static/icons.css" rel="stylesheet" />' in out


def test_icons_come_from_the_installed_theme_with_their_aliases():
    from page_weight.icons import icons_css, read_icons

    icons = read_icons(theme_check.theme_dir() / "static/scripts/fontawesome.js")
    assert icons[("solid", "pencil-alt")] == icons[("solid", "pencil")]
    assert ("brands", "github") in icons
    css, missing = icons_css(
        {("solid", "sun"): "a.html", ("solid", "no-such-icon"): "b.html"}, icons
    )
    assert missing == ["fa-no-such-icon (solid) in b.html"]
    assert '.fa-sun{--kb-icon:url("data:image/svg+xml,' in css
    assert "Font Awesome Free" in css and "CC BY 4.0" in css


def test_the_trimmed_css_depends_only_on_which_selector_names_are_known(tmp_path):
    """The kept trim is reused for words that know the same selector names."""
    import page_weight
    from page_weight.css_trim import selector_names

    css = page_weight._TRIMMED["styles/pydata-sphinx-theme.css"]().read_text("utf-8")
    names = selector_names(css)
    words = Words({"bd-header", "navbar", "kb-trial-row"}, {"fa-"})
    known = {name for name in names if words.known(name)}
    # Only the known selector names matter: the same trim without the rest.
    assert trim_css(css, words) == trim_css(css, Words(known, set()))
    folder = tmp_path / "trim"
    first = page_weight._Trimmed(folder, words)(css)
    kept = sorted(p.name for p in folder.glob("*.css"))
    # An id no rule names (a new section, a new trial) reuses the kept trim ...
    more = Words({*words.names, "kb-trial-new-id-12345"}, {"fa-"})
    assert "kb-trial-new-id-12345" not in names
    assert page_weight._Trimmed(folder, more)(css) == first
    assert sorted(p.name for p in folder.glob("*.css")) == kept
    # ... and a name a rule requires trims again, keeping that rule.
    needed = sorted(names - known)[0]
    again = page_weight._Trimmed(folder, Words({*words.names, needed}, {"fa-"}))(css)
    assert len(list(folder.glob("*.css"))) == len(kept) + 1
    assert again == trim_css(css, Words({*words.names, needed}, {"fa-"}))
