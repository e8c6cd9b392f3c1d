"""``_static/kb-search-counts.js``: how often each indexed word occurs on each page.

Written after every HTML build (incremental ones too), next to
``searchindex.js``, whose words and page order it follows. A page is counted
again only when its doctree changed: what each page adds is kept in
``<doctreedir>/kb-search-counts.pickle``, keyed by the doctree file's size and
time, so a no-op rebuild of 2,000 pages loads no doctree (it loaded all 2,000,
about 30 of a 50-second no-op). The file is a cache the build writes and reads
itself; a missing, unreadable or older one is recounted::

    var KB_SEARCH = {
      "counts": {"placebo": [12, 5, 40, 3]},  // page 12: 5 times, page 40: 3 times
      "lengths": [812, 1204, ...],            // indexed words on each page
      "captionWords": {"placebo": [12]},      // a title word of page 12 only
                                              // because a table's title has it
      "captions": {"12": ["trial-facts-x"]},  // anchors of table titles
      "factPages": [12],                      // pages with tables of facts
      "joined": {"副作用": [3]},              // held whole elsewhere, cut here
      "words": {"one": "...", "other": "... {count} ...", "none": "..."}
    };

Only counts of 3 or more of words on more than one page are listed: a page in
the index's list for a word and not in ``counts`` has it once. A word is counted as Sphinx indexes it: split,
stemmed and filtered by the edition's search language; in a table of facts
drawn from the records it counts a quarter.
"""

from __future__ import annotations

import json
import os
import pickle
import re
from collections import Counter
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from build_files import replace_file
from editions.catalog import _
from unchanged_outputs import UnchangedOutputs

logger = logging.getLogger(__name__)

_STATIC = Path(__file__).parent / "static"
FILENAME = "kb-search-counts.js"
# Text Sphinx's indexer skips too (``sphinx.search.WordCollector``).
_SKIPPED = (nodes.comment, nodes.raw, nodes.Invisible, nodes.system_message)
# Tables of facts drawn from the trial and drug records (``trial_facts``): one
# line per trial repeats "placebo", "phase", "randomised" on every drug page,
# so their words count a quarter: a page is about what its prose says.
_FACTS = "kb-facts"
_FACTS_WEIGHT = 0.25
# Fewer occurrences on a page count as one.
_MIN_COUNT = 3
_SINGLE = re.compile(r"^[\u4e00-\u9fff\u30a0-\u30ff]$")  # one kanji or katakana
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _words() -> dict[str, str]:
    """The result-count sentences in the edition's language."""
    return {
        "one": _("Found 1 page matching your search."),
        "other": _("Found {count} pages matching your search."),
        "none": _(
            "No page matches your search. Check the spelling, "
            "or try fewer or shorter words."
        ),
    }


def _load_index(path: Path) -> dict[str, Any] | None:
    text = path.read_text(encoding="utf-8")
    start, end = text.find("("), text.rfind(")")
    if not text.startswith("Search.setIndex(") or end < start:
        return None
    return json.loads(text[start + 1 : end])


class _Page:
    """What one page's text adds to ``kb-search-counts.js``."""

    def __init__(self, doctree: nodes.document, lang: Any) -> None:
        self.words: Counter[str] = Counter()
        self.heading_words: set[str] = set()
        self.captions: list[str] = []
        self.has_facts = False
        # Words the splitter cut a single character off ("副作用" as 副|作用).
        self.joined: set[str] = set()
        for node in doctree.findall(nodes.title):
            parent = node.parent
            if isinstance(parent, nodes.section):
                self.heading_words |= set(self._split(node.astext(), lang))
            elif parent is not None and parent.get("ids"):
                self.captions.append(parent["ids"][0])
        for text in doctree.findall(nodes.Text):
            ancestors = list(_ancestors(text))
            if any(isinstance(parent, _SKIPPED) for parent in ancestors):
                continue
            facts = any(_FACTS in parent.get("classes", ()) for parent in ancestors)
            self.has_facts = self.has_facts or facts
            weight = _FACTS_WEIGHT if facts else 1.0
            pieces = lang.split(text.astext())
            for word in self._stemmed(pieces, lang):
                self.words[word] += weight
            self.joined |= _joined(pieces)
        self.length = round(sum(self.words.values()))

    @classmethod
    def _split(cls, text: str, lang: Any) -> list[str]:
        return cls._stemmed(lang.split(text), lang)

    @staticmethod
    def _stemmed(pieces: list[str], lang: Any) -> list[str]:
        words = []
        for word in pieces:
            stemmed = lang.stem(word).lower()
            if not lang.word_filter(stemmed) and lang.word_filter(word):
                stemmed = word.lower()
            words.append(stemmed)
        return words


def _joined(pieces: list[str]) -> set[str]:
    """Each one-character Japanese piece joined to the piece before and after it.

    Sphinx never indexes a one-character piece, so where TinySegmenter cut
    副作用 into 副|作用 the page is indexed under 作用 only.

    >>> sorted(_joined(["薬", "の", "副", "作用", "を"]))
    ['の副', '副作用', '薬の']
    """
    joined = set()
    for at, piece in enumerate(pieces):
        if not _SINGLE.match(piece):
            continue
        if at and _JAPANESE.search(pieces[at - 1]):
            joined.add(pieces[at - 1] + piece)
        if at + 1 < len(pieces) and _JAPANESE.search(pieces[at + 1]):
            joined.add(piece + pieces[at + 1])
    return joined


def _ancestors(node: nodes.Node):  # type: ignore[no-untyped-def]
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.document):
        yield parent
        parent = parent.parent


def counts_script(index: dict[str, Any], pages: list[_Page]) -> str:
    """The text of ``kb-search-counts.js`` for *index* and its pages."""
    # Words on one page need no count to rank pages; a word twice on a page
    # ranks it about as a word once: left out, the file is 40 % smaller
    # (12 KB instead of 21 KB compressed in English).
    found_on: Counter[str] = Counter()
    for table in ("terms", "titleterms"):
        for word, found in index.get(table, {}).items():
            found_on[word] += len(found) if isinstance(found, list) else 1
    counts: dict[str, list[int]] = {}
    for number, page in enumerate(pages):
        for word, count in page.words.items():
            if round(count) >= _MIN_COUNT and found_on[word] > 1:
                counts.setdefault(word, []).extend((number, round(count)))
    # Words Sphinx indexed as title words only because a table's title holds them.
    caption_words: dict[str, list[int]] = {}
    for word, found in index.get("titleterms", {}).items():
        for number in found if isinstance(found, list) else [found]:
            if word not in pages[number].heading_words:
                caption_words.setdefault(word, []).append(number)
    # A word the index holds whole on some pages, and cut on these.
    joined: dict[str, list[int]] = {}
    for number, page in enumerate(pages):
        for word in page.joined:
            if found_on[word] and not _holds(index, word, number):
                joined.setdefault(word, []).append(number)
    data = {
        "counts": dict(sorted(counts.items())),
        "joined": dict(sorted(joined.items())),
        "lengths": [page.length for page in pages],
        "captionWords": dict(sorted(caption_words.items())),
        "captions": {
            str(number): page.captions
            for number, page in enumerate(pages)
            if page.captions
        },
        "factPages": [number for number, page in enumerate(pages) if page.has_facts],
        "words": _words(),
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # Inert inside any HTML or script context.
    text = text.replace("<", "\\u003c")
    return f"var KB_SEARCH = {text};\n"


def _holds(index: dict[str, Any], word: str, number: int) -> bool:
    for table in ("terms", "titleterms"):
        found = index.get(table, {}).get(word)
        if found == number or (isinstance(found, list) and number in found):
            return True
    return False


# Bump when _Page changes what it holds: an older cache is then recounted.
_CACHE_VERSION = 1
_CACHE = "kb-search-counts.pickle"


def _stamp(app: Sphinx, docname: str) -> tuple[int, int] | None:
    try:
        status = os.stat(Path(app.doctreedir, f"{docname}.doctree"))
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def _load_cache(path: Path, language: str) -> dict[str, Any]:
    try:
        with path.open("rb") as file:
            cache = pickle.load(file)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return {}
    if not isinstance(cache, dict) or cache.get("key") != (_CACHE_VERSION, language):
        return {}
    pages = cache.get("pages")
    return pages if isinstance(pages, dict) else {}


def _pages(app: Sphinx, docnames: list[str], lang: Any) -> list[_Page]:
    """Each page's counts, from the cache when its doctree has not changed."""
    path = Path(app.doctreedir, _CACHE)
    cached = _load_cache(path, app.config.language)
    pages, fresh = [], {}
    for name in docnames:
        stamp = _stamp(app, name)
        entry = cached.get(name)
        if stamp is not None and entry is not None and entry[0] == stamp:
            page = entry[1]
        else:
            page = _Page(app.env.get_doctree(name), lang)
        if stamp is not None:
            fresh[name] = (stamp, page)
        pages.append(page)
    key = (_CACHE_VERSION, app.config.language)
    replace_file(path, pickle.dumps({"key": key, "pages": fresh}))
    return pages


def _write_counts(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    indexer = getattr(app.builder, "indexer", None)
    lang = getattr(indexer, "lang", None)
    index_file = Path(app.outdir, "searchindex.js")
    if lang is None or not index_file.is_file():
        return
    outputs = UnchangedOutputs(app, "search-counts")
    if outputs.current():
        return
    index = _load_index(index_file)
    if index is None:
        logger.warning(
            "search_quality: %s is not a Sphinx search index; search ranks pages "
            "without word counts",
            index_file,
            type="search_quality",
            subtype="index",
        )
        return
    pages = _pages(app, index["docnames"], lang)
    Path(app.outdir, "_static", FILENAME).write_text(
        counts_script(index, pages), encoding="utf-8"
    )
    outputs.record([f"_static/{FILENAME}"])


def _add_assets(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.config.html_static_path = [*app.config.html_static_path, str(_STATIC)]


def setup_counts(app: Sphinx) -> None:
    app.connect("builder-inited", _add_assets)
    app.connect("build-finished", _write_counts)
