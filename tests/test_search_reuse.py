"""A rebuild that writes no page keeps the search index file (``speedups.search_reuse``).

Each rebuild is compared with the same rebuild made by Sphinx's own load and
dump (``kb_speedups_skip = ["search_reuse"]``): the index must be the same
bytes, and any change must reach it.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from conftest import build_once

from speedups import status

_EXTENSIONS = ["myst_parser", "trial_facts", "speedups"]


def _build(make_app, src: Path, **overrides):
    app = build_once(
        make_app, src, confoverrides={"extensions": _EXTENSIONS, **overrides}
    )
    return app, (app.outdir / "searchindex.js").read_bytes()


def _twin(project: Path, tmp_path: Path) -> Path:
    """A copy of *project* with its build, to rebuild with Sphinx's own methods."""
    twin = tmp_path / "twin"
    shutil.copytree(project, twin, symlinks=True)
    return twin


def test_a_noop_rebuild_keeps_the_index_sphinx_would_dump(project, make_app, tmp_path):
    app, first = _build(make_app, project)
    assert status(app).runs["search_reuse"] == 0  # a full build: nothing to keep
    twin = _twin(project, tmp_path)
    start = time.time_ns()
    time.sleep(0.02)
    app, kept = _build(make_app, project)
    assert status(app).runs["search_reuse"] == 1
    assert kept == first
    # Touched: staging.py keeps what the build wrote or touched.
    assert (app.outdir / "searchindex.js").stat().st_mtime_ns >= start
    plain, dumped = _build(make_app, twin, kb_speedups_skip=["search_reuse"])
    assert status(plain).runs["search_reuse"] == 0
    assert dumped == kept


def test_an_edit_reaches_the_index(project, make_app):
    _build(make_app, project)
    notes = project / "notes.md"
    notes.write_text(
        notes.read_text(encoding="utf-8") + "\nZanzibarish words.\n", "utf-8"
    )
    app, index = _build(make_app, project)
    assert status(app).runs["search_reuse"] == 0
    assert b"zanzibarish" in index


def test_a_changed_index_file_or_record_is_not_trusted(project, make_app):
    app, first = _build(make_app, project)
    path = app.outdir / "searchindex.js"
    path.write_bytes(first.replace(b"Search.setIndex(", b"Search.setIndex( "))
    app, _ = _build(make_app, project)
    assert status(app).runs["search_reuse"] == 0  # loaded and dumped by Sphinx
    for damaged in (b"not json", b"[]", b'{"environment": 1, "file": null}'):
        (app.doctreedir / "kb-search-index.json").write_bytes(damaged)
        app, _ = _build(make_app, project)
        assert status(app).runs["search_reuse"] == 0
    app, _ = _build(make_app, project)
    assert status(app).runs["search_reuse"] == 1


def test_a_fresh_environment_loads_and_dumps(project, make_app):
    _build(make_app, project)
    app = build_once(
        make_app, project, confoverrides={"extensions": _EXTENSIONS}, freshenv=True
    )
    assert status(app).runs["search_reuse"] == 0
