"""Index entries kept in the search index of an incremental build.

Sphinx 8.2 puts every index entry (the 108 glossary terms among them) into
``searchindex.js`` under ``indexentries``. On an incremental build it loads the
previous ``searchindex.js`` to keep what unchanged pages contributed, but its
``IndexBuilder.load`` restores the titles and words only, not the index entries,
and the entries it keeps in the environment were pickled before any page was
indexed. So every incremental build drops the index entries of every page it
does not rewrite: after editing one page, searching for a glossary term no
longer finds it (``PATCHES.md`` has the upstream report and a reproduction).

When a page is removed, its words also stay in the index with an empty list of
pages (``IndexBuilder.prune`` empties the sets but keeps them).

This extension restores the entries when the index is loaded, and before the
index is written drops the entries of removed pages and the words of no page,
and puts the pages in the order a clean build feeds them (sorted), so an
incremental build writes the same ``searchindex.js`` as a clean one
(``tests/test_hostile_build.py``)::

    extensions = [..., "search_entries"]   # conf.py

It replaces ``IndexBuilder.load`` and ``IndexBuilder.freeze`` with wrappers that
call the originals. If a Sphinx upgrade renames what they use, the wrappers are
not installed and the build warns once.
"""

from __future__ import annotations

import io
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.search import IndexBuilder
from sphinx.util import logging

from patched import require

logger = logging.getLogger(__name__)

_ORIGINAL_LOAD = IndexBuilder.load
_ORIGINAL_FREEZE = IndexBuilder.freeze


def _restored_entries(frozen: Any) -> dict[str, list[tuple[str, str, str]]]:
    """The index entries of each page in a loaded index, as ``feed`` keeps them.

    >>> _restored_entries({"docnames": ["a", "b"],
    ...                    "indexentries": {"als": [[1, "term-ALS", True]]}})
    {'a': [], 'b': [('als', 'term-ALS', 'main')]}
    """
    docnames = frozen["docnames"]
    entries: dict[str, list[tuple[str, str, str]]] = {name: [] for name in docnames}
    for entry, places in frozen.get("indexentries", {}).items():
        for index, target, main in places:
            entries[docnames[index]].append((entry, target, "main" if main else ""))
    return {name: sorted(found) for name, found in entries.items()}


def _load(self: IndexBuilder, stream: Any, format: Any) -> None:
    data = stream.read()
    again = io.StringIO(data) if isinstance(data, str) else io.BytesIO(data)
    _ORIGINAL_LOAD(self, again, format)
    if isinstance(format, str):
        format = self.formats[format]
    frozen = format.loads(data)
    if isinstance(getattr(self, "_index_entries", None), dict):
        self._index_entries = _restored_entries(frozen)


def _freeze(self: IndexBuilder) -> dict[str, Any]:
    # A removed page's words stay with no page left (prune empties the sets).
    for name in ("_mapping", "_title_mapping"):
        mapping = getattr(self, name, None)
        if isinstance(mapping, dict):
            for word in [word for word, pages in mapping.items() if not pages]:
                del mapping[word]
    entries = getattr(self, "_index_entries", None)
    titles = getattr(self, "_titles", None)
    if isinstance(entries, dict) and isinstance(titles, dict):
        self._index_entries = {
            name: entries[name] for name in sorted(entries) if name in titles
        }
    return _ORIGINAL_FREEZE(self)


def _install() -> bool:
    try:
        require(
            "search_entries",
            "Sphinx",
            (IndexBuilder, "load"),
            (IndexBuilder, "freeze"),
            (IndexBuilder, "formats"),
        )
    except ExtensionError as error:
        logger.warning("%s; index entries may be lost in incremental builds", error)
        return False
    IndexBuilder.load = _load  # type: ignore[method-assign]
    IndexBuilder.freeze = _freeze  # type: ignore[method-assign]
    return True


def setup(app: Sphinx) -> dict[str, object]:
    if IndexBuilder.load is not _load:
        _install()
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True}
