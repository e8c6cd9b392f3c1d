"""With settings a speed-up does not serve, it steps aside and the HTML is plain Sphinx's.

Each test builds the real site with one ordinary setting changed, once with
the speed-ups and once with ``kb_speedups = False``, and compares every page
byte for byte; the speed-up that relies on the setting must have stepped
aside (and said why), the others must still have run.

- ``collapse_navbar``: the theme then draws, for each page, only the branch
  of the current page, so one drawing cannot serve every page.
- MyST's ``smartquotes``, ``replacements`` and ``linkify``: MyST then turns
  straight quotes and ``(c)`` in a translated sentence into typography (or an
  address into a link), so a sentence made without the parser would differ.
  These build the small site's Spanish edition, whose translation holds such
  a sentence (without the step aside: ``“comillas”`` against ``«comillas»``,
  ``©`` against ``(c)``).
- Another theme (alabaster): it has no sidebar of the book theme to draw once.
"""

from __future__ import annotations

import shutil
from typing import Any

import pytest
from conftest import build_docs, different_pages

from speedups import status

_DATA = ["searchindex.js", "trials.json", "drugs.json"]


def _both(tmp_path, language: str, **settings: Any):
    fast = build_docs(tmp_path / "fast", language=language, **settings)
    plain = build_docs(
        tmp_path / "plain", language=language, kb_speedups=False, **settings
    )
    assert fast.warnings == "" and plain.warnings == ""
    return fast, plain


def test_collapsed_navigation(tmp_path):
    fast, plain = _both(
        tmp_path, "en", **{"html_theme_options.collapse_navbar": "True"}
    )
    state = status(fast.app)
    assert state.aside == {"navigation": "html_theme_options['collapse_navbar'] is on"}
    assert "navigation" not in state.installed
    assert different_pages(fast, plain, _DATA) == []


@pytest.mark.parametrize("typography", ["smartquotes", "replacements", "linkify"])
def test_myst_typography_on_a_small_site(tmp_path, rootdir, typography):
    """The small site's Spanish page holds a plain sentence with quotes and (c)."""
    if typography == "linkify":
        pytest.importorskip("linkify_it")
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-speedups", src)
    builds = [
        build_docs(
            tmp_path / name,
            language="es",
            srcdir=src,
            confdir=src,
            myst_enable_extensions=[typography],
            kb_speedups=on,
        )
        for name, on in (("fast", True), ("plain", False))
    ]
    fast, plain = builds
    assert fast.warnings == "" and plain.warnings == ""
    assert status(fast.app).aside == {
        "plain_messages": f"myst_enable_extensions has {typography}"
    }
    assert status(fast.app).runs["locale_transform"] > 0
    page = "care/breathing.html"
    assert (fast.outdir / page).read_bytes() == (plain.outdir / page).read_bytes()
    if typography == "replacements":
        assert "Imágenes © los autores" in plain.html("care/breathing")


def test_another_theme(tmp_path, rootdir):
    # The small site: the real one's page_weight and page_frame expect the book theme.
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-speedups", src)
    fast, plain = (
        build_docs(
            tmp_path / name,
            language="es",
            srcdir=src,
            confdir=src,
            html_theme="alabaster",
            kb_speedups=on,
        )
        for name, on in (("fast", True), ("plain", False))
    )
    assert fast.warnings == "" and plain.warnings == ""
    state = status(fast.app)
    assert state.aside == {
        "navigation": "html_theme is 'alabaster', not 'sphinx_book_theme'"
    }
    assert state.runs["locale_transform"] > 0
    pages = sorted(p.relative_to(fast.outdir) for p in fast.outdir.rglob("*.html"))
    assert len(pages) >= 3
    for page in pages:
        assert (fast.outdir / page).read_bytes() == (plain.outdir / page).read_bytes()
