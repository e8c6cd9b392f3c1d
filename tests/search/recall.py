"""How many of the pages that contain a query does the search page find?

    .venv/bin/python tests/search/recall.py _build/html/ja 運動ニューロン 胃ろう ...

For each query: the pages whose article text contains it (letter case and
Latin accents ignored), and how many of them the search finds, with Sphinx's
search alone (``SEARCH_PLAIN=1``) and with this site's ``kb-search.js``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from html import unescape
from pathlib import Path

_HERE = Path(__file__).parent
_ARTICLE = re.compile(r'<article class="bd-article"[^>]*>(.*?)</article>', re.S)
_DROP = re.compile(r"<(script|style|noscript)\b.*?</\1>", re.S)
_TAG = re.compile(r"<[^>]+>")


def fold(text: str) -> str:
    """Lower case, Latin accents removed (as kb-search.js folds)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not 0x300 <= ord(c) <= 0x36F)
    )


def article_texts(edition: Path) -> dict[str, str]:
    """docname -> the folded text of its article, for every page in the index."""
    index = (edition / "searchindex.js").read_text(encoding="utf-8")
    docnames = json.loads(index[index.index("(") + 1 : index.rindex(")")])["docnames"]
    texts = {}
    for name in docnames:
        html = (edition / f"{name}.html").read_text(encoding="utf-8")
        found = _ARTICLE.search(html)
        body = _DROP.sub(" ", found[1] if found else "")
        texts[name] = fold(re.sub(r"\s+", " ", unescape(_TAG.sub(" ", body))))
    return texts


def search(edition: Path, queries: list[str], plain: bool = False) -> dict[str, list]:
    """query -> its results, best first: [docname, title, anchor, kind, score]."""
    env = dict(os.environ, SEARCH_PLAIN="1" if plain else "")
    out = subprocess.run(
        ["node", str(_HERE / "run_queries.js"), str(edition), *queries],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    return {d["query"]: d["results"] for d in map(json.loads, out.splitlines())}


def main(edition: Path, queries: list[str]) -> None:
    texts = article_texts(edition)
    before, after = search(edition, queries, plain=True), search(edition, queries)
    totals = [0, 0, 0, 0, 0]
    for query in queries:
        containing = {name for name, text in texts.items() if fold(query) in text}
        pages = [{r[0] for r in res} for res in (before[query], after[query])]
        row = [
            len(containing),
            len(containing & pages[0]),
            len(pages[0] - containing),
            len(containing & pages[1]),
            len(pages[1] - containing),
        ]
        totals = [a + b for a, b in zip(totals, row, strict=True)]
        print(query, _row(row), sep="\t")
    print("total", _row(totals), sep="\t")


def _row(row: list[int]) -> str:
    return (
        f"{row[0]} pages hold it\tSphinx finds {row[1]} (+{row[2]} without it)"
        f"\tkb-search finds {row[3]} (+{row[4]} without it)"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2:])
