"""Files written beside the pages (handouts, search counts) follow incremental builds.

A no-op rebuild must not render every drug's handout again or load every
page's doctree again for the search counts (at 2,000 pages those two were most
of a no-op rebuild), and an edit must still reach them.
"""

from __future__ import annotations

import time

from conftest import build_once
from search_quality import counts


def _rendered_handouts(make_app, src, **kwargs) -> list[str]:
    """Build once; the handouts Sphinx rendered (html-page-context) this time."""
    app = make_app("html", srcdir=src, **kwargs)
    rendered: list[str] = []

    def _seen(app, pagename, templatename, context, doctree):
        if pagename.startswith("handouts/"):
            rendered.append(pagename)

    app.connect("html-page-context", _seen)
    app.build()
    app.cleanup()
    return rendered


def test_a_noop_rebuild_renders_no_handout(project, make_app):
    assert _rendered_handouts(make_app, project) == [
        "handouts/alpha",
        "handouts/beta",
    ]
    app = make_app("html", srcdir=project)
    before = {p.name: p.read_bytes() for p in (app.outdir / "handouts").glob("*")}
    app.cleanup()
    assert _rendered_handouts(make_app, project) == []
    after = {p.name: p.read_bytes() for p in (app.outdir / "handouts").glob("*")}
    assert after == before


def test_an_edit_renders_that_drugs_handout_only(project, make_app):
    _rendered_handouts(make_app, project)
    record = project / "_data/trials/beta-two.yaml"  # recruiting: on beta's handout
    record.write_text(
        record.read_text(encoding="utf-8").replace(
            "Betacept for faster-progressing ALS", "Betacept for fast-progressing ALS"
        ),
        encoding="utf-8",
    )
    assert _rendered_handouts(make_app, project) == ["handouts/beta"]
    app = make_app("html", srcdir=project)
    beta = (app.outdir / "handouts/beta.html").read_text(encoding="utf-8")
    app.cleanup()
    assert "Betacept for fast-progressing ALS" in beta


def test_an_unchanged_handout_is_touched_so_staging_keeps_it(project, make_app):
    # extensions/staging.py removes, as stale, a file no page accounts for
    # unless this build wrote or touched it.
    app = build_once(make_app, project)
    alpha = app.outdir / "handouts/alpha.html"
    feed = app.outdir / "feeds/alpha.atom"
    start = time.time_ns()
    time.sleep(0.02)
    build_once(make_app, project)
    assert alpha.stat().st_mtime_ns >= start
    assert feed.stat().st_mtime_ns >= start


def test_a_deleted_handout_comes_back_on_the_next_build(project, make_app):
    app = build_once(make_app, project)
    alpha = app.outdir / "handouts/alpha.html"
    text = alpha.read_text(encoding="utf-8")
    alpha.unlink()
    build_once(make_app, project)
    assert alpha.read_text(encoding="utf-8") == text


def test_search_counts_load_no_doctree_on_a_noop_rebuild(
    project, make_app, monkeypatch
):
    extensions = ["myst_parser", "trial_facts", "search_quality"]
    app = build_once(make_app, project, confoverrides={"extensions": extensions})
    script = app.outdir / "_static" / counts.FILENAME
    first = script.read_text(encoding="utf-8")
    counted = []
    original = counts._Page.__init__

    def _counting(self, doctree, lang):
        counted.append(doctree["source"])
        original(self, doctree, lang)

    monkeypatch.setattr(counts._Page, "__init__", _counting)
    build_once(make_app, project, confoverrides={"extensions": extensions})
    assert counted == []
    assert script.read_text(encoding="utf-8") == first
    # An edited page is counted again, and only that page.
    time.sleep(0.02)
    notes = project / "notes.md"
    notes.write_text(
        notes.read_text(encoding="utf-8") + "\nPlacebo placebo placebo.\n",
        encoding="utf-8",
    )
    build_once(make_app, project, confoverrides={"extensions": extensions})
    assert [source.rsplit("/", 1)[-1] for source in counted] == ["notes.md"]
    assert script.read_text(encoding="utf-8") != first


def test_an_unreadable_counts_cache_is_recounted(project, make_app):
    extensions = ["myst_parser", "trial_facts", "search_quality"]
    app = build_once(make_app, project, confoverrides={"extensions": extensions})
    script = app.outdir / "_static" / counts.FILENAME
    first = script.read_text(encoding="utf-8")
    (app.doctreedir / counts._CACHE).write_bytes(b"not a pickle")
    build_once(make_app, project, confoverrides={"extensions": extensions})
    assert script.read_text(encoding="utf-8") == first
