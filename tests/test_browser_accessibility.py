"""Accessibility in a real browser: axe-core, keyboard-only use and visible focus.

axe-core comes from the npm registry (``tests/browser/package.json``, installed by
``make test``) and is injected into each page.
"""

from __future__ import annotations

import pytest
from conftest import REPO, require_tools

AXE = REPO / "tests/browser/node_modules/axe-core/axe.min.js"
KEY_PAGES = [
    "en/index.html",
    "en/drugs/approved/tofersen.html",
    "en/care/respiratory-care.html",
    "en/drugs/all-trials.html",
    "en/glossary.html",
    "es/drugs/all-trials.html",
    "ja/drugs/approved/riluzole.html",
]


@pytest.fixture(scope="module")
def axe_script() -> str:
    if not AXE.is_file():
        require_tools("npm")
        pytest.fail(f"{AXE} is missing: run `make test`, which installs it with npm")
    return str(AXE)


@pytest.mark.parametrize("path", KEY_PAGES)
def test_axe_finds_no_serious_violation(page, served_site, axe_script, path):
    page.goto(f"{served_site}/{path}")
    page.add_script_tag(path=axe_script)
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]}))
            .violations.filter(v => ["serious", "critical"].includes(v.impact))
            .map(v => ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))"""
    )
    assert violations == [], violations


def _focus_path(page, presses: int) -> list[dict]:
    """Press Tab repeatedly; describe each focused element and its focus ring."""
    seen = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        seen.append(
            page.evaluate(
                """() => {
                  const e = document.activeElement;
                  const s = getComputedStyle(e);
                  const ring = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2)
                      || (s.boxShadow && s.boxShadow !== "none");
                  return {tag: e.tagName.toLowerCase(), id: e.id, cls: String(e.className),
                          text: (e.innerText || e.getAttribute("aria-label") || "").trim().slice(0, 40),
                          ring: ring,
                          inSwitcher: !!e.closest("nav.kb-editions")};
                }"""
            )
        )
    return seen


def test_keyboard_reaches_search_switcher_and_filters_with_visible_focus(
    page, served_site
):
    page.goto(f"{served_site}/en/drugs/all-trials.html")
    path = _focus_path(page, 120)
    search = [f for f in path if "search-button" in f["cls"]]
    switcher = [f for f in path if f["inSwitcher"] and f["tag"] == "summary"]
    filters = [
        f
        for f in path
        if f["tag"] in ("select", "input") and f["id"].startswith("kb-filter-")
    ]
    assert search, "the search button is not reachable with Tab"
    assert switcher, "the language switcher is not reachable with Tab"
    assert len(filters) >= 3, "the overview filters are not reachable with Tab"
    for focused in search + switcher + filters:
        assert focused["ring"], f"no visible focus on {focused}"


def test_switcher_opens_and_follows_with_the_keyboard(page, served_site):
    page.goto(f"{served_site}/en/care/index.html")
    summary = page.locator("nav.kb-editions summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("nav.kb-editions details").get_attribute("open") is not None
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # English (current), then Español
    assert page.evaluate("document.activeElement.getAttribute('hreflang')") == "es"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{served_site}/es/care/index.html")
