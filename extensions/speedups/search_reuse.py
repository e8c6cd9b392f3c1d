"""A rebuild that writes no page keeps the search index file as it is.

Sphinx's HTML builder loads ``searchindex.js`` before writing, drops the
entries of the pages it is about to write, adds them again as it writes them,
and dumps the whole index at the end. When it writes no page (a no-op
rebuild), that round trip gives back the index it loaded: at 2,000 pages it
took 0.7 s of a 3.1 s no-op rebuild (py-spy), loading, pruning and dumping
an index nothing changed.

This speed-up skips the round trip when all of these hold, and then only
touches the file (``staging.py`` keeps what the build wrote or touched):

- the build writes no page (``load_indexer`` is given no page);
- the environment is the one the index was dumped from
  (``unchanged_outputs.environment_key``: no page read since, same builder,
  configuration, language, day, code, libraries and catalogs);
- ``searchindex.js`` is as the last dump left it (size, times, inode);
- the environment is not fresh (``-E``).

Otherwise Sphinx's own methods run, and the dumped file is recorded in the
doctree folder (``kb-search-index.json``) for the next build::

    kb_speedups_skip = ["search_reuse"]   # conf.py: load and dump every time

It replaces ``StandaloneHTMLBuilder.load_indexer`` and
``StandaloneHTMLBuilder.dump_search_index`` of Sphinx 8-9, for the builder of
the application it is installed for; any other builder runs Sphinx's own.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from build_files import file_state, replace_file
from unchanged_outputs import environment_key

from .guard import Place
from .speedup import SpeedUp

_RECORD = "kb-search-index.json"
_METHODS = ("load_indexer", "dump_search_index")


def _index_file(builder: Any) -> Path:
    return Path(builder.outdir) / builder.searchindex_filename


def _record(builder: Any) -> None:
    """Remember the index file as this environment's."""
    data = {
        "environment": environment_key(builder.app),
        "file": file_state(_index_file(builder)),
    }
    replace_file(Path(builder.app.doctreedir) / _RECORD, json.dumps(data).encode())


def _still_current(builder: Any) -> bool:
    app = builder.app
    if app.fresh_env_used:
        return False
    try:
        kept = json.loads((Path(app.doctreedir) / _RECORD).read_text("utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(kept, dict) or kept.get("file") is None:
        return False
    return kept.get("environment") == environment_key(app) and kept.get(
        "file"
    ) == file_state(_index_file(builder))


def _load_indexer(self: Any, docnames: Any) -> None:
    """Sphinx's ``load_indexer``, skipped when no page is written and nothing changed."""
    if SPEEDUP.active(self.app):
        SPEEDUP.skipping = not docnames and _still_current(self)
        if SPEEDUP.skipping:
            return
    SPEEDUP.original["load_indexer"](self, docnames)


def _dump_search_index(self: Any) -> None:
    """Sphinx's ``dump_search_index``; after a skipped load, the file is touched."""
    if not SPEEDUP.active(self.app):
        SPEEDUP.original["dump_search_index"](self)
        return
    if SPEEDUP.skipping:
        SPEEDUP.skipping = False
        os.utime(_index_file(self))
        SPEEDUP.ran()
    else:
        SPEEDUP.original["dump_search_index"](self)
    if self.indexer is not None:
        _record(self)


class SearchReuse(SpeedUp):
    """The search index file kept when no page is written and nothing changed.

    ``runs`` counts the builds that kept it.
    """

    name = "search_reuse"
    package = "sphinx"
    places = (
        Place(
            "sphinx.builders.html",
            "StandaloneHTMLBuilder.load_indexer",
            "self, docnames",
        ),
        Place(
            "sphinx.builders.html", "StandaloneHTMLBuilder.dump_search_index", "self"
        ),
    )

    def __init__(self) -> None:
        super().__init__()
        self.original: dict[str, Any] = {}
        self.skipping = False

    def install(self, app: Sphinx) -> None:
        from sphinx.builders.html import StandaloneHTMLBuilder

        self.skipping = False
        self.original = {
            name: StandaloneHTMLBuilder.__dict__[name] for name in _METHODS
        }
        StandaloneHTMLBuilder.load_indexer = _load_indexer
        StandaloneHTMLBuilder.dump_search_index = _dump_search_index

    def remove(self) -> None:
        from sphinx.builders.html import StandaloneHTMLBuilder

        for name, method in self.original.items():
            setattr(StandaloneHTMLBuilder, name, method)
        self.original = {}
        self.skipping = False


SPEEDUP = SearchReuse()
SPEEDUPS = (SPEEDUP,)
