"""Keep a large build's memory, and the time Python spends managing it, in bounds.

Measured on 2,000 synthetic drug pages (``make bench-scale``, 2 cores), two
costs grew with the size of the site, not with what changed:

- **Every page's doctree stayed in memory from reading to writing.** Sphinx 8
  keeps each page it reads in ``env._write_doc_doctree_cache`` so that writing
  does not load it back from disk. At 2,000 pages that was about 600 MiB of a
  1,060 MiB peak. Here only the first ``kb_speedups_doctree_pages`` pages (100 by
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
- **A role object kept the last page that used it.** Sphinx's role objects
  (``SphinxRole``: ``{ref}``, ``{term}``, this project's roles) are shared
  and keep the inliner of their last call, and MyST's inliner holds the whole
  page's document; so a few pages stayed in memory until the build ended
  (frozen, below, with the environment). After each page is read, the roles
  of every domain and docutils' registered roles forget their inliner; the
  next call sets it again.
- **Sphinx's publisher kept the last page read.** Sphinx keeps one docutils
  publisher per file type, whose reader and writer hold the last document;
  once reading is done, they forget it.
- **Python's last collection, as the process ends.** Before it frees its
  modules, Python collects garbage once more over everything still alive:
  0.4 s of a 2.8 s incremental build at 500 pages. A build freezes the heap
  at exit (:func:`atexit`, once per process), so that collection has nothing
  to walk; the memory is returned to the system all the same. In a process
  that goes on after the build (the tests), this only happens when it ends.

Nothing a reader sees changes (``tests/test_build_memory.py``)::

    kb_speedups_doctree_pages = 0        # conf.py: keep no doctree in memory
    kb_speedups_skip = ["build_memory"]  # Sphinx's cache, Python's collector

It relies on Sphinx 8-9 keeping the cache in the environment's private
``_write_doc_doctree_cache`` (a plain ``dict``); if that attribute is gone or
not a ``dict``, it stays off with one warning.
"""

from __future__ import annotations

import atexit
import gc
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .guard import Place
from .speedup import SpeedUp

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


# How many pages the current build reads (env-before-read-docs).
_reading: list[int] = [0]


def _bound_doctree_cache(
    app: Sphinx, env: BuildEnvironment, docnames: list[str]
) -> None:
    _reading[0] = len(docnames)
    if SPEEDUP.active(app) and type(env._write_doc_doctree_cache) is dict:
        SPEEDUP.ran()
        env._write_doc_doctree_cache = _FirstPages(app.config.kb_speedups_doctree_pages)


_saved_thresholds: list[tuple[int, int, int]] = []


def _release_roles(app: Sphinx, doctree: Any) -> None:
    """After a page is read, no shared role object keeps its inliner (and page)."""
    if not SPEEDUP.active(app):
        return
    from docutils.parsers.rst import roles

    owners = [domain.roles for domain in app.env.domains.values()]
    owners.append(getattr(roles, "_roles", {}))
    for owner in owners:
        for role in owner.values():
            if getattr(role, "__dict__", {}).get("inliner") is not None:
                role.inliner = None


def _release_publishers(app: Sphinx) -> None:
    """Sphinx keeps one docutils publisher per file type, holding the last page read."""
    for publisher in getattr(app.registry, "publishers", {}).values():
        for holder in (publisher, publisher.reader, publisher.writer):
            if getattr(holder, "document", None) is not None:
                holder.document = None


def _freeze_environment(app: Sphinx, env: BuildEnvironment) -> list[str]:
    if SPEEDUP.active(app):
        _release_publishers(app)
    if SPEEDUP.active(app) and _saved_thresholds:
        # Reading leaves garbage (the pages' parsers and throwaway nodes): it is
        # collected before the rest is frozen. A build that read no page made
        # none worth a walk over the whole environment (0.3 s of a no-op
        # rebuild at 2,000 pages).
        if _reading[0]:
            gc.collect()
        gc.freeze()
    return []


_freezing_at_exit: list[bool] = []


class BuildMemory(SpeedUp):
    """A bounded doctree cache and fewer garbage collections while Sphinx builds.

    ``runs`` counts the builds whose doctree cache was bounded.
    """

    name = "build_memory"
    package = "sphinx"
    places = (Place("sphinx.environment", "BuildEnvironment.__init__", "self, app"),)

    def problems(self, app: Sphinx) -> list[str]:
        found = super().problems(app)
        cache = getattr(app, "env", None) and app.env.__dict__.get(
            "_write_doc_doctree_cache", None
        )
        if type(cache) is not dict:
            found.append(
                "sphinx.environment.BuildEnvironment._write_doc_doctree_cache is"
                f" not a dict ({type(cache).__name__})"
            )
        return found

    def install(self, app: Sphinx) -> None:
        if not _saved_thresholds:
            _saved_thresholds.append(gc.get_threshold())
            _young, *older = gc.get_threshold()
            gc.set_threshold(_YOUNG_THRESHOLD, *older)

    def remove(self) -> None:
        if _saved_thresholds:
            gc.unfreeze()
            gc.set_threshold(*_saved_thresholds.pop())
            if not _freezing_at_exit:
                atexit.register(gc.freeze)
                _freezing_at_exit.append(True)


def connect(app: Sphinx) -> None:
    """The events this speed-up acts on while installed (by ``speedups.setup``)."""
    app.connect("env-before-read-docs", _bound_doctree_cache)
    app.connect("doctree-read", _release_roles)
    app.connect("env-updated", _freeze_environment)


SPEEDUP = BuildMemory()
SPEEDUPS = (SPEEDUP,)
