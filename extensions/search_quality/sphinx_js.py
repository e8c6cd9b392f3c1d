"""The names of Sphinx's ``searchtools.js`` that ``kb-search.js`` relies on, checked.

``kb-search.js`` replaces ``Search.query`` and ``Search.makeSearchSummary`` and
calls helpers that ``searchtools.js`` declares at its top level (some private,
named with ``_``). If a Sphinx upgrade renames one, the search page keeps
Sphinx's own search and the build warns once (``search_quality.sphinx_js``)::

    missing = missing_names()   # [] on Sphinx 8.2
"""

from __future__ import annotations

from pathlib import Path

import sphinx

SEARCHTOOLS = (
    Path(sphinx.__file__).parent / "themes" / "basic" / "static" / "searchtools.js"
)
# What kb-search.js uses, as searchtools.js spells each declaration.
NAMES = (
    "const _displayNextItem = (",
    "const _removeChildren = (",
    "const _orderResultsByScoreThenName = (",
    "class SearchResultKind",
    "var splitQuery = (",
    "const Search = {",
    "  _index: null,",
    "  _parseQuery: (query) =>",
    "  htmlToText: (htmlString, anchor) =>",
    "  setIndex: (index) =>",
    "  query: (query) =>",
    "  makeSearchSummary: (htmlText, keywords, anchor) =>",
    "const [searchQuery, searchTerms, excludedTerms, highlightTerms, objectTerms]",
)


def missing_names(searchtools: Path = SEARCHTOOLS) -> list[str]:
    """The declarations of :data:`NAMES` that *searchtools* no longer holds."""
    try:
        text = searchtools.read_text(encoding="utf-8")
    except OSError:
        return [str(searchtools)]
    return [name for name in NAMES if name not in text]
