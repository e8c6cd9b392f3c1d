"""Bounding Sphinx's doctree cache and tuning the collector change nothing readers see.

The ``site`` fixture is built with the ``build_memory`` speed-up; the same site
built with no doctree kept in memory (``kb_speedups_doctree_pages = 0``), so
that every page is loaded back from its pickle, and the same site built
without the speed-up (Sphinx's cache, Python's own collector settings) must be
identical byte for byte. A build leaves the collector as it
found it, except that it asks, once per process, for the heap to be frozen when
the process ends.
"""

from __future__ import annotations

import atexit
import gc
from types import SimpleNamespace

from conftest import build_docs, different_pages

from speedups import build_memory, status
from speedups.build_memory import _FirstPages

# The collector's settings when the tests were collected, before any build.
_THRESHOLDS = gc.get_threshold()


def test_every_page_is_identical_without_cache_or_tuning(site, tmp_path):
    # The site fixture's build (cache bounded, collector tuned) left no trace.
    assert gc.get_threshold() == _THRESHOLDS
    assert gc.get_freeze_count() == 0
    assert status(site.app).runs["build_memory"] == 1
    data = ["searchindex.js", "trials.json", "drugs.json"]
    no_cache = build_docs(tmp_path / "a", kb_speedups_doctree_pages=0)
    assert no_cache.warnings == ""
    assert different_pages(site, no_cache, data) == []
    plain = build_docs(tmp_path / "b", kb_speedups_skip=["build_memory"])
    assert plain.warnings == ""
    assert "build_memory" not in status(plain.app).installed
    assert different_pages(site, plain, data) == []


def test_cache_holds_the_first_pages_only():
    cache = _FirstPages(2)
    for name in ("a", "b", "c"):
        cache[name] = name.upper()
    cache["a"] = "A2"  # a page already held may be replaced
    assert cache == {"a": "A2", "b": "B"}
    assert cache.pop("c", None) is None


def test_a_build_freezes_the_heap_once_when_the_process_ends(site, monkeypatch):
    # The site fixture's build asked for it ...
    assert build_memory._freezing_at_exit == [True]
    # ... once per process, however many builds run.
    registered = []
    monkeypatch.setattr(atexit, "register", registered.append)
    monkeypatch.setattr(build_memory, "_freezing_at_exit", [])
    for _ in range(3):
        build_memory.SPEEDUP.install(SimpleNamespace())
        build_memory.SPEEDUP.remove()
    assert registered == [gc.freeze]
    assert gc.get_threshold() == _THRESHOLDS


def test_only_a_build_that_read_pages_collects_before_freezing(
    project, make_app, monkeypatch
):
    """A no-op rebuild freezes the environment without a full collection first."""
    from conftest import build_once

    collected = []
    fake_gc = SimpleNamespace(
        **{name: getattr(gc, name) for name in dir(gc) if not name.startswith("_")}
    )
    fake_gc.collect = lambda *args: collected.append(args) or 0
    monkeypatch.setattr(build_memory, "gc", fake_gc)
    extensions = {"extensions": ["myst_parser", "trial_facts", "speedups"]}
    build_once(make_app, project, confoverrides=extensions)
    assert len(collected) == 1
    build_once(make_app, project, confoverrides=extensions)
    assert len(collected) == 1  # nothing read: no walk over the whole heap
    notes = project / "notes.md"
    notes.write_text(notes.read_text(encoding="utf-8") + "\nMore.\n", "utf-8")
    build_once(make_app, project, confoverrides=extensions)
    assert len(collected) == 2
    assert gc.get_threshold() == _THRESHOLDS
