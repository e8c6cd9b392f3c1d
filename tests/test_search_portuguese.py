"""Portuguese search: accents folded, plurals and Snowball stems, on a tiny project.

Sphinx indexes the Brazilian Portuguese edition with its Portuguese Snowball
stemmer (``pt_BR`` falls back to ``pt``); ``kb-search.js`` folds accents and
matches a word typed without them to the stem of the accented word. The
search page's own scripts run in Node (``tests/search/run_queries.js``), with
and without ``kb-search.js`` (``plain``: Sphinx's search alone, which these
tests show failing).
"""

from __future__ import annotations

import pytest
from conftest import require_tools
from search.recall import search

# What a reader types, and the page about it: without accents, singular for
# plural, masculine for feminine.
QUERIES = [
    ("ventilação não invasiva", "respiracao"),
    ("ventilacao nao invasiva", "respiracao"),
    ("ventilacao", "respiracao"),
    ("mascaras", "respiracao"),
    ("máscara", "respiracao"),
    ("cuidador", "respiracao"),
    ("cuidadores", "respiracao"),
    ("respirar", "respiracao"),
    ("ensaio clinico", "ensaios"),
    ("ensaios clínicos", "ensaios"),
    ("ensaio", "ensaios"),
    ("randomizado", "ensaios"),
    ("participantes", "ensaios"),
    ("placebos", "ensaios"),
    ("degluticao", "degluticao"),
    ("deglutição", "degluticao"),
    ("fonoaudiologa", "degluticao"),
    ("fonoaudiólogo", "degluticao"),
    ("gastrostomias", "degluticao"),
    ("alimentacao", "degluticao"),
    ("nutricao", "degluticao"),
]


def _missed(outdir, plain: bool) -> list[str]:
    results = search(outdir, [query for query, _ in QUERIES], plain=plain)
    return [
        f"{query!r}: {page} not in {[r[0] for r in results[query]]}"
        for query, page in QUERIES
        if page not in [r[0] for r in results[query]][:3]
    ]


@pytest.mark.sphinx("html", testroot="search-portuguese")
def test_portuguese_words_are_found_with_or_without_accents(app):
    require_tools("node")
    app.build()
    assert app.warning.getvalue() == ""
    assert _missed(app.outdir, plain=False) == []
    # Sphinx's search alone (measured 2026-12-05: 8 of the 21 missed).
    assert len(_missed(app.outdir, plain=True)) >= 5
