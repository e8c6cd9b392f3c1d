""" "How we got here" and "Recent changes" as a reader meets them: on a 375-px
phone and a 1280-px screen, in every edition, without JavaScript (the lists
are plain HTML), each feed link reaching its Atom file on the same host."""

from __future__ import annotations

import pytest
from conftest import EDITIONS, REPO, require_tools

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
PAGES = ["drugs/approved/tofersen.html", "recent-changes.html"]

# What the reader sees: the section's heading, its dated items, the feed link,
# and whether anything on the page is wider than the screen.
_READ = """() => {
  const shown = (e) => { const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.left >= -1 && r.right <= innerWidth + 1; };
  const section = document.querySelector("#how-we-got-here");
  const feed = document.querySelector("a.kb-feed");
  return {
    heading: section ? section.querySelector("h2").textContent.replace("#", "").trim() : null,
    items: [...document.querySelectorAll("ol.kb-timeline > li")].length,
    dates: [...document.querySelectorAll("ol.kb-timeline time")].every(
      (t) => shown(t) && /^\\d{4}(-\\d{2}){0,2}$/.test(t.getAttribute("datetime"))),
    feed: feed && shown(feed) ? feed.href : null,
    overflow: document.documentElement.scrollWidth > innerWidth + 1,
  };
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
@pytest.mark.parametrize("language", EDITIONS)
def test_history_and_recent_changes_read_without_javascript(
    browser, served_site, language, viewport
):
    context = browser.new_context(viewport=viewport, java_script_enabled=False)
    try:
        for path in PAGES:
            tab = context.new_page()
            tab.goto(f"{served_site}/{language}/{path}")
            seen = tab.evaluate(_READ)
            assert not seen["overflow"], (language, path)
            assert seen["dates"], (language, path)
            assert seen["feed"], (language, path)
            if path.startswith("drugs/"):
                assert seen["heading"], (language, path)
            response = context.request.get(seen["feed"])
            assert response.ok, seen["feed"]
            assert response.headers["content-type"].startswith(
                ("application/atom+xml", "application/octet-stream", "text/xml")
            )
            assert b"http://www.w3.org/2005/Atom" in response.body()
            tab.close()
    finally:
        context.close()


AXE = REPO / "tests/browser/node_modules/axe-core/axe.min.js"


@pytest.mark.parametrize("language", EDITIONS)
def test_axe_finds_no_serious_violation_in_the_timeline(browser, served_site, language):
    if not AXE.is_file():
        require_tools("npm")
        pytest.fail(f"{AXE} is missing: run `make test`, which installs it with npm")
    context = browser.new_context(viewport=PHONE)
    try:
        for path, where in (
            ("drugs/approved/tofersen.html", "#how-we-got-here"),
            ("recent-changes.html", "ol.kb-recent"),
        ):
            tab = context.new_page()
            tab.goto(f"{served_site}/{language}/{path}")
            tab.add_script_tag(path=str(AXE))
            violations = tab.evaluate(
                """async (where) => (await axe.run(where, {resultTypes: ["violations"]}))
                    .violations.filter(v => ["serious", "critical"].includes(v.impact))
                    .map(v => ({id: v.id, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))""",
                where,
            )
            assert violations == [], (language, path, violations)
            tab.close()
    finally:
        context.close()
