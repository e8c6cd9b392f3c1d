"""The search page finds what readers type, in every edition, and ranks it well.

Each edition's own search scripts (Sphinx's ``searchtools.js`` and
``language_data.js`` with this site's ``kb-search-scorer.js``, the edition's
``searchindex.js``, ``kb-search-counts.js`` and ``kb-search.js``) run in Node on
the built site, without a browser, through ``tests/search/run_queries.js``: the
same code the search page runs. ``SEARCH_PLAIN=1`` runs Sphinx's search alone,
as it was before ``extensions/search_quality``: these tests fail with it.

``tests/search/queries.yaml`` holds at least 30 queries per edition, each with
the page about it; ``tests/test_browser_search.py`` types some of them into the
search page of a real browser. The Arabic and Portuguese queries are derived
from the words their translators must use (``tests/search/derived.py``: the
key terms of ``TRANSLATING.md`` and the edition's translated page titles),
each in the variants a reader types (Arabic with or without diacritics and
hamza; Portuguese with or without accents, singular or plural).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po
from conftest import EDITIONS, REPO, require_tools
from page_weight.lazy_search import defer_search_scripts
from search.derived import holding, key_terms, variants
from search.recall import article_texts, fold, search
from search_quality.sphinx_js import SEARCHTOOLS, missing_names

from editions.stats import edition_stats

QUERIES = yaml.safe_load(
    (Path(__file__).parent / "search" / "queries.yaml").read_text(encoding="utf-8")
)
RUNNER = Path(__file__).parent / "search" / "run_queries.js"
# Editions whose queries are derived from their key terms and titles, not
# written in queries.yaml (tests/search/derived.py).
DERIVED = ("ar", "pt_BR")
HAND_WRITTEN = tuple(e for e in EDITIONS if e not in DERIVED)
# Below this share of messages translated, the derived queries are not run.
_TRANSLATED_ENOUGH = 0.9
STATIC = Path(__file__).parent.parent / "extensions" / "search_quality" / "static"

# Japanese words on the Japanese pages that Sphinx's search alone did not find
# on every page that holds them (measured 2026-12-05: 運動ニューロン on 1 page
# of 19, 臨床試験 on 19 of 34, 副作用 on 8 of 18, 呼吸 on 31 of 33, and
# 筋萎縮性側索硬化症, 介護者, 人工呼吸, 経管栄養 on none).
JAPANESE_WORDS = [
    "運動ニューロン",
    "筋萎縮性側索硬化症",
    "胃ろう",
    "介護者",
    "人工呼吸",
    "臨床試験",
    "言語聴覚士",
    "理学療法",
    "経管栄養",
    "患者会",
    "副作用",
    "呼吸",
]


@pytest.fixture(scope="module")
def node():
    require_tools("node")


def _plain() -> bool:
    """``SEARCH_PLAIN=1``: run Sphinx's search alone (these tests should fail)."""
    return bool(os.environ.get("SEARCH_PLAIN"))


def _results(editions, language: str, queries: list[str]) -> dict[str, list]:
    return search(editions[language].outdir, queries, plain=_plain())


def test_every_edition_has_at_least_30_queries_each_with_a_page():
    assert set(QUERIES) == set(HAND_WRITTEN)
    for language in DERIVED:
        assert len(key_terms(language)) >= 30, language
    for language, pairs in QUERIES.items():
        assert len(pairs) >= 30, language
        assert all(len(pair) == 2 and all(pair) for pair in pairs), language


@pytest.mark.parametrize("language", HAND_WRITTEN)
def test_the_page_about_each_query_is_among_the_first_ten(node, editions, language):
    pairs = QUERIES[language]
    results = _results(editions, language, [query for query, _ in pairs])
    missed = []
    for query, page in pairs:
        pages = [result[0] for result in results[query]]
        if page not in pages[:10]:
            rank = pages.index(page) + 1 if page in pages else None
            missed.append(
                f"{query!r}: {page} at {rank} of {len(pages)}; first {pages[:3]}"
            )
    assert not missed, "\n".join(missed)


@pytest.mark.parametrize("language", HAND_WRITTEN)
def test_each_page_is_listed_once(node, editions, language):
    queries = [query for query, _ in QUERIES[language]]
    for query, results in _results(editions, language, queries).items():
        pages = [result[0] for result in results]
        assert len(pages) == len(set(pages)), query


def test_japanese_words_are_found_on_every_page_that_holds_them(node, editions):
    texts = article_texts(editions["ja"].outdir)
    results = _results(editions, "ja", JAPANESE_WORDS)
    missed = {}
    for word in JAPANESE_WORDS:
        holding = {name for name, text in texts.items() if fold(word) in text}
        assert holding, f"{word} is on no Japanese page: choose another word"
        found = {result[0] for result in results[word]}
        if holding - found:
            missed[word] = sorted(holding - found)
    assert not missed, missed


@pytest.mark.parametrize(
    ("language", "typed", "written"),
    [
        ("es", "traquea", "tráquea"),
        ("es", "respiracion", "respiración"),
        ("es", "gastrostomia", "gastrostomía"),
        ("es", "cuidadores", "cuidador"),
        ("fr", "deglutition", "déglutition"),
        ("fr", "kinesitherapie", "kinésithérapie"),
        ("fr", "essai", "essais"),
        ("fr", "edaravone", "édaravone"),
    ],
)
def test_a_word_without_its_accent_or_in_the_plural_finds_the_same_pages(
    node, editions, language, typed, written
):
    texts = article_texts(editions[language].outdir)
    holding = {name for name, text in texts.items() if fold(written) in text}
    results = _results(editions, language, [typed, written])
    found = [{result[0] for result in results[query]} for query in (typed, written)]
    assert holding <= found[0], sorted(holding - found[0])
    assert holding <= found[1], sorted(holding - found[1])


@pytest.mark.parametrize("language", EDITIONS)
def test_the_counts_file_follows_the_index_and_speaks_the_language(editions, language):
    outdir = editions[language].outdir
    index = (outdir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(index[index.index("(") + 1 : index.rindex(")")])
    counts = (outdir / "_static" / "kb-search-counts.js").read_text(encoding="utf-8")
    assert counts.startswith("var KB_SEARCH = ") and "<" not in counts
    data = json.loads(counts[len("var KB_SEARCH = ") : counts.rindex(";")])
    assert len(data["lengths"]) == len(index["docnames"])
    keys = set(index["terms"]) | set(index["titleterms"])
    assert set(data["counts"]) <= keys
    words = data["words"]
    assert "{count}" in words["other"] and "{count}" not in words["one"]
    if language != "en":
        # In the edition's language, once editions.po translates it.
        english = "Found {count} pages matching your search."
        assert words["other"] == _translation(language, english)


def test_the_search_page_loads_the_search_scripts_after_the_index(editions):
    html = (editions["en"].outdir / "search.html").read_text(encoding="utf-8")
    order = [
        html.index(f'src="{name}"')
        for name in (
            "_static/searchtools.js",
            "_static/language_data.js",
            "_static/kb-search-counts.js",
            "_static/kb-search.js",
            "searchindex.js",
        )
    ]
    assert order == sorted(order)
    page = (editions["en"].outdir / "care" / "index.html").read_text(encoding="utf-8")
    assert "kb-search" not in page.replace("kb-search-snippets", "")


def test_scripts_before_the_index_are_deferred_in_order():
    head = (
        '<script src="../_static/searchtools.js"></script>\n'
        '<script src="../searchindex.js"></script>\n'
    )
    assert defer_search_scripts(head, ("a.js", "b.js")) == (
        '<script defer src="../_static/searchtools.js"></script>\n'
        '<script defer src="../_static/a.js"></script>\n'
        '<script defer src="../_static/b.js"></script>\n'
        '<script defer src="../searchindex.js"></script>\n'
    )


def test_the_runner_prints_one_line_per_query(node, editions):
    out = subprocess.run(
        ["node", str(RUNNER), str(editions["en"].outdir), "riluzole", "zzzz"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    first, second = map(json.loads, out)
    assert first["results"][0][0] == "drugs/approved/riluzole"
    assert second == {"query": "zzzz", "results": []}


def test_a_renamed_searchtools_declaration_is_named(tmp_path):
    assert missing_names() == []
    changed = tmp_path / "searchtools.js"
    text = SEARCHTOOLS.read_text(encoding="utf-8")
    changed.write_text(text.replace("const _displayNextItem", "const displayNext"))
    assert missing_names(changed) == ["const _displayNextItem = ("]


def _tiny_site(tmp_path: Path, index: dict, counts: dict | None = None) -> Path:
    """A search page's scripts around a hand-made index (no Sphinx build)."""
    static = tmp_path / "_static"
    static.mkdir()
    shutil.copy(SEARCHTOOLS, static / "searchtools.js")
    scorer = (STATIC / "kb-search-scorer.js").read_text(encoding="utf-8")
    (static / "language_data.js").write_text(
        "var stopwords = [];\n"
        "var Stemmer = function () { this.stemWord = (w) => w; };\n" + scorer,
        encoding="utf-8",
    )
    shutil.copy(STATIC / "kb-search.js", static / "kb-search.js")
    data = {"counts": {}, "lengths": [], "words": {}, **(counts or {})}
    (static / "kb-search-counts.js").write_text(
        f"var KB_SEARCH = {json.dumps(data)};", encoding="utf-8"
    )
    full = {"alltitles": {}, "indexentries": {}, "objects": {}, "objnames": {}}
    full.update(index)
    full.setdefault("filenames", [f"{n}.md" for n in full["docnames"]])
    (tmp_path / "searchindex.js").write_text(
        f"Search.setIndex({json.dumps(full, ensure_ascii=False)})", encoding="utf-8"
    )
    return tmp_path


def test_a_japanese_word_is_matched_by_the_pieces_that_cover_it(node, tmp_path):
    site = _tiny_site(
        tmp_path,
        {
            "docnames": ["whole", "pieces", "half", "caregiver", "other"],
            "titles": ["A", "B", "C", "D", "E"],
            # As TinySegmenter cut each page: 運動|ニューロン, 介護|者 (者 dropped).
            "terms": {
                "運動": [1, 2],
                "ニューロン": 1,
                "運動ニューロン": 0,
                "介護": 3,
                "試験": 4,
            },
            "titleterms": {},
        },
    )
    results = search(site, ["運動ニューロン", "介護者", "臨床"], plain=_plain())
    pages = {query: [r[0] for r in found] for query, found in results.items()}
    # Whole on one page, in two pieces on another; never on a page with half.
    assert sorted(pages["運動ニューロン"]) == ["pieces", "whole"]
    # One kanji that the index never holds may be missing.
    assert pages["介護者"] == ["caregiver"]
    assert pages["臨床"] == []


def test_accents_case_and_ranking_on_a_tiny_index(node, tmp_path):
    site = _tiny_site(
        tmp_path,
        {
            "docnames": ["about", "mentions", "glossary"],
            "titles": ["Tráquea y respiración", "Otra cosa", "Glosario"],
            "terms": {"tráquea": [1, 2], "respiración": 1},
            "titleterms": {"tráquea": 0, "respiración": 0},
            "indexentries": {"tráquea": [[2, "term-traquea", 1]]},
        },
        {"counts": {"tráquea": [1, 3]}, "lengths": [10, 100, 50]},
    )
    found = search(site, ["TRAQUEA", "tráquea"], plain=_plain())
    assert [r[0] for r in found["TRAQUEA"]] == ["about", "glossary", "mentions"]
    assert found["TRAQUEA"] == found["tráquea"]
    assert found["TRAQUEA"][1][2] == "#term-traquea"


def _translation(language: str, message: str) -> str:
    """*message* as the edition's ``editions.po`` translates it (else English)."""
    path = REPO / "locales" / language / "LC_MESSAGES" / "editions.po"
    with path.open("rb") as file:
        for entry in read_po(file):
            if entry.id == message and entry.string and not entry.fuzzy:
                return entry.string
    return message


def _translated_share(language: str) -> float:
    stats = edition_stats(REPO / "locales", language)
    total = sum(s.total for s in stats)
    return sum(s.translated for s in stats) / total if total else 0.0


def _titles(outdir: Path) -> dict[str, str]:
    index = (outdir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(index[index.index("(") + 1 : index.rindex(")")])
    return dict(zip(index["docnames"], index["titles"], strict=True))


def derived_queries(editions, language: str) -> list[tuple[str, str | None]]:
    """(query, the page it is the title of, or None): key terms, then titles."""
    queries: list[tuple[str, str | None]] = [(t, None) for t in key_terms(language)]
    english = _titles(editions["en"].outdir)
    for docname, title in _titles(editions[language].outdir).items():
        if title != english.get(docname) and title not in dict(queries):
            queries.append((title, docname))
    return queries


@pytest.mark.parametrize("language", DERIVED)
def test_key_terms_and_titles_find_every_page_that_holds_them(node, editions, language):
    """Each query, and each way a reader types it, finds every page holding it.

    A query on no page of the edition is reported (a warning), never counted;
    fewer than 30 queries with a page fail the test. Before the edition is 90 %
    translated (from its catalogs) the test is skipped and says so.
    """
    queries = derived_queries(editions, language)
    texts = article_texts(editions[language].outdir)
    pages = {query: holding(language, query, texts) for query, _ in queries}
    absent = [query for query, held in pages.items() if not held]
    if absent:
        warnings.warn(
            f"{language}: {len(absent)} of {len(queries)} search queries are on no "
            f"page of the edition: {', '.join(absent)}",
            stacklevel=1,
        )
    share = _translated_share(language)
    if share < _TRANSLATED_ENOUGH:
        pytest.skip(
            f"NOT RUN: the {language} edition is {share:.0%} translated (its "
            f"catalogs), under {_TRANSLATED_ENOUGH:.0%}; "
            f"{len(queries) - len(absent)} of its {len(queries)} queries are on a page"
        )
    assert len(queries) - len(absent) >= 30, (
        f"only {len(queries) - len(absent)} queries are on a page; on none: {absent}"
    )
    typed = {q: [q, *variants(language, q)] for q, _ in queries if pages[q]}
    results = _results(
        editions, language, sorted({t for v in typed.values() for t in v})
    )
    missed = []
    for query, page in queries:
        for form in typed.get(query, []):
            found = [result[0] for result in results[form]]
            if pages[query] - set(found):
                missed.append(f"{form!r} misses {sorted(pages[query] - set(found))}")
            if page and page not in found[:10]:
                missed.append(f"{form!r}: its page {page} is not in the first ten")
    assert not missed, "\n".join(missed)
