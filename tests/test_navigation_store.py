"""The sidebar kept between builds is reused only while it is still the right one.

A tiny site (``tests/roots/test-navigation``) is built with ``sphinx-build`` in
its own process, as ``make html`` does, each time with another hash seed (sets
and dictionaries change order between processes). After every incremental
build, each page must be the page a fresh build draws without the cache.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.testing.util import _clean_up_global_state
from sphinx.util import logging

import navigation
from speedups import navigation as drawing
from speedups.navigation_store import _stable_text

_SAVED = "kb-navigation.pickle"
_EXTENSIONS = Path(navigation.__file__).parent


def _sphinx_build(src: Path, out: Path, seed: int, *options: str) -> None:
    command = [sys.executable, "-m", "sphinx", "-q", "-W", "-b", "html", *options]
    command += ["-d", str(out / "doctrees"), str(src), str(out / "html")]
    # The copied conf.py cannot find extensions/ from the temporary folder.
    env = {**os.environ, "PYTHONHASHSEED": str(seed), "PYTHONPATH": str(_EXTENSIONS)}
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr


def _saved(out: Path) -> tuple[int, int]:
    """Which file holds the saved sidebar: a new one each time it is saved."""
    found = (out / "doctrees" / _SAVED).stat()
    return found.st_ino, found.st_mtime_ns


def _pages(out: Path) -> dict[str, str]:
    return {
        str(p.relative_to(out / "html")): p.read_text(encoding="utf-8")
        for p in sorted((out / "html").rglob("*.html"))
    }


def _fresh_without_cache(src: Path, tmp: Path) -> dict[str, str]:
    out = tmp / "reference"
    shutil.rmtree(out, ignore_errors=True)
    _sphinx_build(src, out, 0, "-D", "kb_speedups_skip=navigation")
    assert not (out / "doctrees" / _SAVED).exists()
    return _pages(out)


@pytest.fixture
def site(tmp_path, rootdir) -> tuple[Path, Path]:
    """The test site's sources and a build folder that holds one fresh build."""
    src, out = tmp_path / "src", tmp_path / "out"
    shutil.copytree(rootdir / "test-navigation", src)
    _sphinx_build(src, out, 1)
    return src, out


def test_an_edit_that_changes_no_title_reuses_the_sidebar(site, tmp_path):
    src, out = site
    before = _saved(out)
    page = src / "care" / "eating.md"
    page.write_text(page.read_text() + "\nA soft diet is easier.\n")
    _sphinx_build(src, out, 2)
    assert _saved(out) == before  # read back, not drawn and saved again
    assert "A soft diet is easier." in (out / "html/care/eating.html").read_text()
    assert _pages(out) == _fresh_without_cache(src, tmp_path)


@pytest.mark.parametrize(
    ("page", "old", "new", "shown"),
    [
        ("care/breathing.md", "# Breathing", "# Breathing and sleep", "and sleep"),
        # The sidebar lists pages only, but a section may be shown by other options.
        ("care/breathing.md", "## At night", "## During the night", None),
        ("drugs/index.md", "riluzole\n", "riluzole\nedaravone\n", "Edaravone"),
    ],
    ids=["page-title", "section-title", "new-page-in-toctree"],
)
def test_a_changed_title_or_toctree_draws_the_sidebar_again(
    site, tmp_path, page, old, new, shown
):
    src, out = site
    before, old_pages = _saved(out), _pages(out)
    edited = page.replace(".md", ".html")
    if shown == "Edaravone":
        (src / "drugs/edaravone.md").write_text("# Edaravone\n\nGiven into a vein.\n")
    path = src / page
    path.write_text(path.read_text().replace(old, new))
    _sphinx_build(src, out, 3)
    assert _saved(out) != before
    expected, pages = _fresh_without_cache(src, tmp_path), _pages(out)
    # Every page Sphinx wrote again (the edited page and the pages that list it;
    # the others keep their old sidebar, as with any theme) is as drawn fresh.
    written = [name for name in pages if pages[name] != old_pages.get(name)]
    assert edited in written
    for name in written:
        assert pages[name] == expected[name], name
    sidebar = (
        pages[edited].split('class="bd-links bd-docs-nav"', 1)[1].split("</nav>")[0]
    )
    if shown:
        assert shown in sidebar


def test_a_fresh_environment_draws_anew(site):
    src, out = site
    before = _saved(out)
    _sphinx_build(src, out, 4, "-E")
    assert _saved(out) != before


def test_an_unreadable_saved_sidebar_is_drawn_again(site, tmp_path):
    src, out = site
    (out / "doctrees" / _SAVED).write_bytes(b"not a pickle")
    page = src / "care" / "eating.md"
    page.write_text(page.read_text() + "\nSip slowly.\n")
    _sphinx_build(src, out, 5)
    assert (out / "doctrees" / _SAVED).read_bytes() != b"not a pickle"
    assert _pages(out) == _fresh_without_cache(src, tmp_path)


def test_a_sidebar_drawn_with_a_warning_is_not_kept(tmp_path, rootdir, monkeypatch):
    """The next build must draw again, and so warn again (``-W`` fails it again)."""
    drawn = drawing._draw_once

    def warning_draw(app, kwargs):
        logging.getLogger(__name__).warning("a toctree entry has no title")
        return drawn(app, kwargs)

    monkeypatch.setattr(drawing, "_draw_once", warning_draw)
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-navigation", src)
    warnings = io.StringIO()
    app = Sphinx(
        srcdir=src,
        confdir=src,
        outdir=tmp_path / "html",
        doctreedir=tmp_path / "doctrees",
        buildername="html",
        status=io.StringIO(),
        warning=warnings,
    )
    try:
        app.build()
    finally:
        _clean_up_global_state()
    assert "a toctree entry has no title" in warnings.getvalue()
    assert (tmp_path / "html/index.html").exists()
    assert not (tmp_path / "doctrees" / _SAVED).exists()


def test_stable_text_does_not_depend_on_order_of_sets_and_dicts():
    title = nodes.title("", "Breathing", ids=["breathing"])
    one = {"care/b": [title, {"tocdepth": 2}], "care/a": {"x", "y", "z"}}
    two = {"care/a": {"z", "y", "x"}, "care/b": [title.deepcopy(), {"tocdepth": 2}]}
    assert _stable_text(one) == _stable_text(two)
    assert "Breathing" in _stable_text(one)
    two["care/b"][0]["ids"] = ["breathing-1"]  # an anchor moved: another text
    assert _stable_text(one) != _stable_text(two)


def test_a_noop_rebuild_reuses_the_table_of_contents_digest(site, tmp_path):
    # Writing out every page's table of contents took 0.6 s of a no-op rebuild
    # at 2,000 pages; while no page was read, the digest kept last time is used.
    src, out = site
    kept = out / "doctrees" / "kb-navigation-toc.json"
    before = kept.stat().st_ino, kept.stat().st_mtime_ns
    _sphinx_build(src, out, 6)
    assert (kept.stat().st_ino, kept.stat().st_mtime_ns) == before
    page = src / "care" / "eating.md"
    page.write_text(page.read_text() + "\nSmall meals help.\n")
    _sphinx_build(src, out, 7)
    assert (kept.stat().st_ino, kept.stat().st_mtime_ns) != before
    assert _pages(out) == _fresh_without_cache(src, tmp_path)
