"""search_quality: search that finds what readers type, in every edition.

Sphinx's search page splits a query at spaces and punctuation, looks each word
up in ``searchindex.js``, and ranks every page that contains a word alike,
then by title from A to Z. On this site that failed readers in three ways:

- **Japanese.** The index holds the pieces TinySegmenter cut the page's text
  into (運動 and ニューロン; 介護 with 者 dropped, as one-character pieces are
  never indexed), while the query 運動ニューロン stays whole. Of 30 everyday
  Japanese words (measured 2026-12-05, ``tests/search/recall.py``), Sphinx's
  search found 6 on no page and only 14 on every page that holds them
  (運動ニューロン on 1 of 19, 臨床試験 on 19 of 34); 325 of the 453 pages
  found in all. Now 453.
- **Accents.** French stems keep accents, and Spanish stems an unaccented
  word differently: "deglutition" and "respiracion" found nothing.
- **Ranking.** A page that names a word once ranked with the page about it:
  "placebo" listed Understanding research 46th of 47 (now 4th), "motor
  neurone" What is ALS/MND? 33rd of 33 (now 2nd, after the glossary).

- **Arabic.** Sphinx has no Arabic search language (the edition fell back to
  English, which cut words at every diacritic): :mod:`.arabic` splits,
  normalises and light-stems Arabic words, in the index and in the search
  page alike.

Apart from the Arabic words, this package changes no index. The search page loads, after Sphinx's
``searchtools.js`` and ``language_data.js`` and before ``searchindex.js``
(whose arrival runs the query):

- :file:`static/kb-search.js`: how a query is matched and ranked (accents
  folded, a Japanese word matched by the indexed pieces that cover it, pages
  ranked with BM25 plus their titles, headings and glossary terms);
- ``_static/kb-search-counts.js``, written by :mod:`.counts` after each HTML
  build: how often indexed words occur on each page and each page's length,
  counted with the edition's own search language, and the result-count
  sentences in the edition's language (``editions.po``).

The weights are in ``kb-search-scorer.js``, Sphinx's documented
``html_search_scorer``. :mod:`.sphinx_js` checks the names of Sphinx's
``searchtools.js`` that ``kb-search.js`` relies on::

    extensions = [..., "editions", "search_quality", "page_weight"]   # conf.py
    html_search_scorer = "extensions/search_quality/static/kb-search-scorer.js"

``tests/search/run_queries.js`` runs the same scripts on a built edition with
Node, without a browser (``tests/test_search_quality.py``).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from .arabic import SearchArabic
from .counts import FILENAME, setup_counts
from .sphinx_js import missing_names

logger = logging.getLogger(__name__)

__version__ = "0.1.0"

# Loaded in this order just before searchindex.js (``page_weight.lazy_search``).
SCRIPTS = (FILENAME, "kb-search.js")


def _check_sphinx(app: Sphinx) -> None:
    missing = missing_names()
    app.env.kb_search_quality_on = not missing  # type: ignore[attr-defined]
    if missing:
        logger.warning(
            "search_quality: Sphinx's searchtools.js no longer has %s; the search "
            "page keeps Sphinx's own search (update kb-search.js)",
            ", ".join(repr(name) for name in missing),
            type="search_quality",
            subtype="sphinx_js",
        )


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree
) -> None:
    if templatename == "search.html" and getattr(
        app.env, "kb_search_quality_on", False
    ):
        context["kb_search_scripts"] = SCRIPTS


def setup(app: Sphinx) -> dict[str, object]:
    app.setup_extension("editions")
    setup_counts(app)
    # Arabic words found with or without diacritics and hamza forms (.arabic).
    app.add_search_language(SearchArabic)
    app.connect("builder-inited", _check_sphinx)
    app.connect("html-page-context", _page_context)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
