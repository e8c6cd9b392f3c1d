"""Keep a large build's memory, and the time Python spends managing it, in bounds.

Measured on 2,000 synthetic drug pages (``make bench-scale``, 2 cores), two
costs grew with the size of the site, not with what changed:

- **Every page's doctree stayed in memory from reading to writing.** Sphinx 8
  keeps each page it reads in ``env._write_doc_doctree_cache`` so that writing
  does not load it back from disk. At 2,000 pages that was about 600 MiB of a
  1,060 MiB peak. Here only the first ``kb_doctree_cache_pages`` pages (100 by
  default, about 30 MiB) are kept; the others are loaded back from their
  pickles when written, about 1 ms a page.
- **Python's garbage collector scanned the whole heap again and again.**
  With its default thresholds it made 25 to 109 full collections per build,
  16 to 35 s of a 100 s build, each one walking every node of every page still
  in memory. Here, while Sphinx builds, collections of young objects wait for
  20,000 new objects instead of 700, and once reading is done everything then
  alive (the environment: titles, tables of contents, domain data) is frozen
  with :func:`gc.freeze`, so that later collections skip it. GC time fell to
  about 9 s. Both are undone when the build finishes.
- **Python's last collection, as the process ends.** Before it frees its
  modules, Python collects garbage once more over everything still alive:
  0.4 s of a 2.8 s incremental build at 500 pages. A build freezes the heap
  at exit (:func:`atexit`, once per process), so that collection has nothing
  to walk; the memory is returned to the system all the same. In a process
  that goes on after the build (the tests), this only happens when it ends.

Nothing a reader sees changes (``tests/test_build_memory.py``)::

    extensions = [..., "build_memory"]   # conf.py
    kb_doctree_cache_pages = 0           # keep no doctree in memory
    kb_tune_gc = False                   # Python's own collector settings
"""

from __future__ import annotations

import atexit
import gc
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

# Young objects a collection waits for (Python's default is 700).
_YOUNG_THRESHOLD = 20_000


class _FirstPages(dict):
    """Sphinx's doctree cache, holding at most *limit* pages.

    A page it does not hold is loaded from its pickle when written, which is
    what Sphinx does for every page in an incremental or parallel build.
    """

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def __setitem__(self, docname: str, doctree: Any) -> None:
        if docname in self or len(self) < self.limit:
            super().__setitem__(docname, doctree)


def _bound_doctree_cache(
    app: Sphinx, env: BuildEnvironment, docnames: list[str]
) -> None:
    env._write_doc_doctree_cache = _FirstPages(app.config.kb_doctree_cache_pages)


_saved_thresholds: list[tuple[int, int, int]] = []


def _start_gc(app: Sphinx) -> None:
    if app.config.kb_tune_gc and not _saved_thresholds:
        _saved_thresholds.append(gc.get_threshold())
        _young, *older = gc.get_threshold()
        gc.set_threshold(_YOUNG_THRESHOLD, *older)


def _freeze_environment(app: Sphinx, env: BuildEnvironment) -> list[str]:
    if _saved_thresholds:
        gc.collect()
        gc.freeze()
    return []


def _restore_gc(app: Sphinx, exception: Exception | None) -> None:
    if _saved_thresholds:
        gc.unfreeze()
        gc.set_threshold(*_saved_thresholds.pop())
        if not _freezing_at_exit:
            atexit.register(gc.freeze)
            _freezing_at_exit.append(True)


_freezing_at_exit: list[bool] = []


def setup(app: Sphinx) -> dict[str, object]:
    # Neither setting changes the output, so switching them rebuilds nothing.
    app.add_config_value("kb_doctree_cache_pages", 100, "", types=[int])
    app.add_config_value("kb_tune_gc", True, "", types=[bool])
    app.connect("builder-inited", _start_gc)
    app.connect("env-before-read-docs", _bound_doctree_cache)
    app.connect("env-updated", _freeze_environment)
    app.connect("build-finished", _restore_gc)
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True}
