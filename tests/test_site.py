"""The real knowledge base builds strictly and has every section readers expect."""

from __future__ import annotations

import re

import pytest

SECTIONS = {
    "index": "ALS/MND Knowledge Base",
    "what-is-als-mnd/index": "What is ALS/MND",
    "rights/index": "Fundamental rights",
    "research/index": "Research",
    "advocacy/index": "Advocacy",
    "care/index": "Clinical care",
    "drugs/index": "Drugs",
    "drugs/approved/index": "Approved drugs",
    "drugs/in-development/index": "Drugs in development",
    "drugs/discontinued/index": "Drugs no longer in development",
    "professionals/index": "Support for health professionals",
    "glossary": "Glossary",
}


def test_build_emits_no_warning(site):
    assert site.warnings == ""


@pytest.mark.parametrize(("page", "title"), SECTIONS.items())
def test_section_page_exists_with_title(site, page, title):
    html = site.html(page)
    assert re.search(rf"<h1>{re.escape(title)}<a class=\"headerlink\"", html), page
    # A real introduction, not just a heading: some sentences of running text.
    main = html.split('<article class="bd-article">', 1)[1].split("</article>", 1)[0]
    words = sum(
        len(re.sub(r"<[^>]+>", " ", p).split())
        for p in re.findall(r"<p>(.*?)</p>", main, re.S)
    )
    assert words >= 30, f"{page} has no real introduction ({words} words)"


def test_sidebar_lists_every_section(site):
    html = site.html("index")
    nav = html.split("bd-docs-nav", 1)[1].split("</nav>", 1)[0]
    for title in SECTIONS.values():
        if title != "ALS/MND Knowledge Base":
            assert title in nav, f"sidebar misses {title}"


def test_nothing_is_requested_from_outside(site):
    pattern = re.compile(r"""(?:src|href)=["'](?:https?:)?//""")
    for path in site.outdir.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        head = html.split("</head>", 1)[0]
        assert not pattern.search(head), (
            f"{path} loads something from outside in <head>"
        )
        for tag in re.findall(r"<(?:script|img|link|iframe)[^>]*>", html):
            assert not pattern.search(tag), f"{path}: {tag}"
