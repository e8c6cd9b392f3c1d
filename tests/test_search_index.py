"""Remembering stems and splitting Japanese faster leave the search index unchanged.

The Japanese and Spanish editions built with the ``search_index`` speed-up (the
default, as in the ``editions`` fixture) must equal, byte for byte, the same
editions built with Sphinx's own search languages. The fast splitter must split
every text of the Japanese catalogs, English and Japanese, as Sphinx's does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_docs, catalog_texts, different_pages
from sphinx import search
from sphinx.search.ja import DefaultSplitter

from speedups import status
from speedups.search_index import FastSplitter


def test_fast_splitter_splits_as_sphinx_does():
    texts = catalog_texts("ja")
    assert len(texts) > 1000
    # Full-width letters and digits are their own kinds of character.
    texts += [
        "",
        "a",
        "薬",
        "\uff21\uff2c\uff33\uff11\uff12\uff13",
        "第3相試験は2023年4月に始まりました。",
    ]
    fast, forgetful, sphinx = FastSplitter({}), FastSplitter({}), DefaultSplitter({})
    forgetful._MAX_DECISIONS = 50  # starts afresh every few texts
    forgetful._MAX_TEXTS = 1  # remembers no whole text: splits each again
    # Twice: the second time every text comes from what the splitter remembers
    # (fast), or every decision (forgetful).
    for _ in range(2):
        assert [t for t in texts if fast.split(t) != sphinx.split(t)] == []
        assert [t for t in texts if forgetful.split(t) != sphinx.split(t)] == []
    # What a caller does with the words it got does not change the next answer.
    words = fast.split(texts[-1])
    words.append("X")
    assert fast.split(texts[-1]) == sphinx.split(texts[-1])


@pytest.mark.parametrize("language", ["ja", "es"])
def test_search_index_is_unchanged(editions, tmp_path: Path, language):
    assert status(editions[language].app).runs["search_index"] >= 1
    plain = build_docs(tmp_path, language=language, kb_speedups_skip=["search_index"])
    assert plain.warnings == ""
    assert "search_index" not in status(plain.app).installed
    # The switch really switches: Sphinx's own language class was used.
    assert (
        search.languages[language]
        == f"sphinx.search.{language}."
        + {
            "ja": "SearchJapanese",
            "es": "SearchSpanish",
        }[language]
    )
    assert different_pages(editions[language], plain, ["searchindex.js"]) == []
