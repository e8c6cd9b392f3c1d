"""Bounding Sphinx's doctree cache and tuning the collector change nothing readers see.

The ``site`` fixture is built with the defaults (``kb_doctree_cache_pages`` and
``kb_tune_gc``); the same site built with no doctree kept in memory, so that
every page is loaded back from its pickle, and with Python's own collector
settings must be identical byte for byte. A build leaves the collector as it
found it, except that it asks, once per process, for the heap to be frozen when
the process ends.
"""

from __future__ import annotations

import atexit
import gc
from types import SimpleNamespace

from conftest import build_docs, different_pages

import build_memory
from build_memory import _FirstPages

# The collector's settings when the tests were collected, before any build.
_THRESHOLDS = gc.get_threshold()


def test_every_page_is_identical_without_cache_or_tuning(site, tmp_path):
    # The site fixture's build (cache bounded, collector tuned) left no trace.
    assert gc.get_threshold() == _THRESHOLDS
    assert gc.get_freeze_count() == 0
    plain = build_docs(tmp_path, kb_doctree_cache_pages=0, kb_tune_gc=False)
    assert plain.warnings == ""
    data = ["searchindex.js", "trials.json", "drugs.json"]
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
    # ... once per process, however many builds run; not with kb_tune_gc off.
    registered = []
    monkeypatch.setattr(atexit, "register", registered.append)
    monkeypatch.setattr(build_memory, "_freezing_at_exit", [])
    for tune in (False, True, True):
        app = SimpleNamespace(config=SimpleNamespace(kb_tune_gc=tune))
        build_memory._start_gc(app)
        build_memory._restore_gc(app, None)
    assert registered == [gc.freeze]
    assert gc.get_threshold() == _THRESHOLDS
