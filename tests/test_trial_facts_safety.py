"""Hostile text in any record field, or in a page, comes out inert."""

from __future__ import annotations

import json
import re

import pytest

pytestmark = pytest.mark.sphinx("html", testroot="hostile")


@pytest.fixture
def html(app) -> str:
    app.build()
    assert app.warning.getvalue() == ""
    return (app.outdir / "index.html").read_text(encoding="utf-8")


def test_script_tags_are_escaped(html):
    body = html.split('<div class="body"', 1)[-1]
    for what in ("name", "mechanism", "title", "sponsor", "outcome", "source", "page"):
        assert f"<script>alert('{what}')" not in body
    assert body.count("&lt;script&gt;alert(") >= 5  # shown as text
    assert (
        "<iframe" not in body and "<img src=x" not in body and "<b>bold</b>" not in body
    )


def test_no_javascript_links(html):
    assert not re.search(r"""href=["']\s*javascript:""", html, re.IGNORECASE)
    assert "[a link](javascript:alert(1))" in html  # shown as the text it is


def test_exports_keep_text_as_text(app, html):
    trials = json.loads((app.outdir / "trials.json").read_text(encoding="utf-8"))
    # JSON carries the text as text, not as markup.
    assert trials["items"][0]["title"].startswith("<script>alert(")
    assert "evil-trial" in (app.outdir / "trials.csv").read_text(encoding="utf-8")


def test_labels_block_cannot_close_its_script(html):
    block = re.search(r'class="kb-overview-labels">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block
