"""Files written beside the pages (handouts, search counts) follow incremental builds.

A no-op rebuild must not render every drug's handout again or load every
page's doctree again for the search counts (at 2,000 pages those two were most
of a no-op rebuild), and an edit must still reach them.
"""

from __future__ import annotations

import shutil
import time

import pytest
from search_quality import counts


def _build(make_app, src, **kwargs):
    app = make_app("html", srcdir=src, **kwargs)
    app.build()
    app.cleanup()
    return app


@pytest.fixture
def project(tmp_path, rootdir):
    src = tmp_path / "project"
    shutil.copytree(rootdir / "test-basic", src)
    return src


def _stamp(path):
    return path.stat().st_mtime_ns, path.read_bytes()


def test_a_noop_rebuild_leaves_every_handout_untouched(project, make_app):
    app = _build(make_app, project)
    handouts = sorted((app.outdir / "handouts").glob("*.html"))
    assert [p.stem for p in handouts] == ["alpha", "beta"]
    before = {p.name: _stamp(p) for p in handouts}
    time.sleep(0.02)
    _build(make_app, project)
    assert {p.name: _stamp(p) for p in handouts} == before


def test_an_edit_rewrites_that_drugs_handout_only(project, make_app):
    app = _build(make_app, project)
    alpha, beta = app.outdir / "handouts/alpha.html", app.outdir / "handouts/beta.html"
    alpha_before, beta_before = _stamp(alpha), _stamp(beta)
    time.sleep(0.02)
    record = project / "_data/trials/beta-two.yaml"  # recruiting: on beta's handout
    record.write_text(
        record.read_text(encoding="utf-8").replace(
            "Betacept for faster-progressing ALS", "Betacept for fast-progressing ALS"
        ),
        encoding="utf-8",
    )
    _build(make_app, project)
    assert "Betacept for fast-progressing ALS" in beta.read_text(encoding="utf-8")
    assert _stamp(beta) != beta_before
    assert _stamp(alpha) == alpha_before


def test_a_deleted_handout_comes_back_on_the_next_build(project, make_app):
    app = _build(make_app, project)
    alpha = app.outdir / "handouts/alpha.html"
    text = alpha.read_text(encoding="utf-8")
    alpha.unlink()
    _build(make_app, project)
    assert alpha.read_text(encoding="utf-8") == text


def test_search_counts_load_no_doctree_on_a_noop_rebuild(
    project, make_app, monkeypatch
):
    extensions = ["myst_parser", "trial_facts", "search_quality"]
    app = _build(make_app, project, confoverrides={"extensions": extensions})
    script = app.outdir / "_static" / counts.FILENAME
    first = script.read_text(encoding="utf-8")
    counted = []
    original = counts._Page.__init__

    def _counting(self, doctree, lang):
        counted.append(doctree["source"])
        original(self, doctree, lang)

    monkeypatch.setattr(counts._Page, "__init__", _counting)
    _build(make_app, project, confoverrides={"extensions": extensions})
    assert counted == []
    assert script.read_text(encoding="utf-8") == first
    # An edited page is counted again, and only that page.
    time.sleep(0.02)
    notes = project / "notes.md"
    notes.write_text(
        notes.read_text(encoding="utf-8") + "\nPlacebo placebo placebo.\n",
        encoding="utf-8",
    )
    _build(make_app, project, confoverrides={"extensions": extensions})
    assert [source.rsplit("/", 1)[-1] for source in counted] == ["notes.md"]
    assert script.read_text(encoding="utf-8") != first


def test_an_unreadable_counts_cache_is_recounted(project, make_app):
    extensions = ["myst_parser", "trial_facts", "search_quality"]
    app = _build(make_app, project, confoverrides={"extensions": extensions})
    script = app.outdir / "_static" / counts.FILENAME
    first = script.read_text(encoding="utf-8")
    (app.doctreedir / counts._CACHE).write_bytes(b"not a pickle")
    _build(make_app, project, confoverrides={"extensions": extensions})
    assert script.read_text(encoding="utf-8") == first
