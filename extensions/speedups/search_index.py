"""The search index, built with less repeated work; the index itself is unchanged.

Sphinx builds each edition's search index as it writes the pages. Profiling
every edition at 300 pages (cProfile, ``make bench-scale``) showed the
language's own word handling as a large, repeated cost:

- **Stemming.** Sphinx remembers a word's stem only within one page, so the
  Snowball stemmer runs again for the same word on every page: about 8 % of an
  English or Spanish build. Here each edition's search language remembers
  every stem for the whole build.
- **Japanese word splitting.** Sphinx's built-in splitter (TinySegmenter) makes
  42 weight lookups, each through a method call, for every character: 40 % of
  the Japanese edition's build. Here the same algorithm, with the same weights
  (read from Sphinx's class), remembers its decision for each window of text
  it has seen before (:class:`FastSplitter`): at 2,000 pages the splitting
  took 6.4 s of a 95 s Japanese build (py-spy) before this; the same texts
  at 300 pages split in 0.48 s instead of 0.87 s. It is used only when
  ``html_search_options`` names no other splitter.

``searchindex.js`` is byte-identical (``tests/test_search_index.py``). How
words are split and scored is Sphinx's: only the repeated work is saved. The
speed-up puts its language class in ``sphinx.search.languages`` for the build
and puts Sphinx's entry back after; if another extension registered its own
search language for the edition, it steps aside and leaves that one alone.
"""

from __future__ import annotations

import functools
from importlib import import_module
from itertools import pairwise
from typing import Any

from sphinx import search as _search
from sphinx.application import Sphinx
from sphinx.search.ja import DefaultSplitter

from .guard import Place
from .speedup import SpeedUp

# Sphinx's own search languages, as this module found them on import.
_SPHINX_LANGUAGES = dict(_search.languages)


class FastSplitter(DefaultSplitter):
    """Sphinx's ``DefaultSplitter`` (TinySegmenter): same weights, same output.

    TinySegmenter scores each gap between two characters and splits where the
    score is positive. The score adds 42 weights: 26 depend only on the six
    characters around the gap (and their kinds), 16 also on the last three
    decisions. So the decision at a gap depends only on the six characters
    around it and the last three decisions: each decision is remembered, keyed
    by those, and a window of text seen before costs one lookup instead of 42.
    The splitter walks from one "last three decisions" to the next through
    linked states, and cuts the text once at the end, where Sphinx's loop
    builds each word a character at a time.

    >>> FastSplitter({}).split("私はALSの患者です")
    ['私', 'は', 'ALS', 'の', '患者', 'です']
    """

    # Decisions remembered at most (about 20 MiB); then the memory starts afresh.
    _MAX_DECISIONS = 100_000
    # Texts remembered whole, with their words: Sphinx's index and the search
    # counts (search_quality/counts.py) split the same text nodes of every
    # page, which was 2 s of a 10 s Japanese build. Then afresh, as above.
    _MAX_TEXTS = 50_000

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self._kinds: dict[str, str] = {}
        self._around: dict[tuple[str, ...], int] = {}
        self._history: dict[tuple[str, ...], int] = {}
        self._states: dict[str, list] = {}
        self._remembered = 0
        self._texts: dict[str, tuple[str, ...]] = {}

    def _kind(self, char: str) -> str:
        kind = self._kinds.get(char)
        if kind is None:
            kind = self._kinds[char] = self.ctype_(char)
        return kind

    def _around_score(self, w: tuple[str, ...], c: tuple[str, ...]) -> int:
        """The weights of the six characters *w* around a gap and their kinds *c*."""
        w1, w2, w3, w4, w5, w6 = w
        c1, c2, c3, c4, c5, c6 = c
        return sum(
            table.get(key, 0)
            for table, key in (
                (self.UW1__, w1), (self.UW2__, w2), (self.UW3__, w3),
                (self.UW4__, w4), (self.UW5__, w5), (self.UW6__, w6),
                (self.BW1__, w2 + w3), (self.BW2__, w3 + w4), (self.BW3__, w4 + w5),
                (self.TW1__, w1 + w2 + w3), (self.TW2__, w2 + w3 + w4),
                (self.TW3__, w3 + w4 + w5), (self.TW4__, w4 + w5 + w6),
                (self.UC1__, c1), (self.UC2__, c2), (self.UC3__, c3),
                (self.UC4__, c4), (self.UC5__, c5), (self.UC6__, c6),
                (self.BC1__, c2 + c3), (self.BC2__, c3 + c4), (self.BC3__, c4 + c5),
                (self.TC1__, c1 + c2 + c3), (self.TC2__, c2 + c3 + c4),
                (self.TC3__, c3 + c4 + c5), (self.TC4__, c4 + c5 + c6),
            )
        )  # fmt: skip

    def _history_score(self, recent: tuple[str, ...]) -> int:
        """The weights of the last three decisions with the kinds of four characters."""
        p1, p2, p3, c1, c2, c3, c4 = recent
        return sum(
            table.get(key, 0)
            for table, key in (
                (self.UP1__, p1), (self.UP2__, p2), (self.UP3__, p3),
                (self.BP1__, p1 + p2), (self.BP2__, p2 + p3),
                # Sphinx adds UQ1 twice (not UQ3): kept, for the same output.
                (self.UQ1__, p1 + c1), (self.UQ2__, p2 + c2), (self.UQ1__, p3 + c3),
                (self.BQ1__, p2 + c2 + c3), (self.BQ2__, p2 + c3 + c4),
                (self.BQ3__, p3 + c2 + c3), (self.BQ4__, p3 + c3 + c4),
                (self.TQ1__, p2 + c1 + c2 + c3), (self.TQ2__, p2 + c2 + c3 + c4),
                (self.TQ3__, p3 + c1 + c2 + c3), (self.TQ4__, p3 + c2 + c3 + c4),
            )
        )  # fmt: skip

    def _state(self, name: str) -> list:
        """The splitter after the decisions *name*: [name, decided windows, after
        a split, after no split] (the last two found when first needed)."""
        state = self._states.get(name)
        if state is None:
            state = self._states[name] = [name, {}, None, None]
        return state

    def _next(self, state: list, decision: bool) -> list:
        following = state[2 if decision else 3] = self._state(
            state[0][1:] + ("B" if decision else "O")
        )
        return following

    def _decide(self, state: list, window: tuple, kinds: tuple) -> bool:
        score = self._around.get(window)
        if score is None:
            score = self._around[window] = self.BIAS__ + self._around_score(
                window, kinds
            )
        recent = (*state[0], *kinds[:4])
        extra = self._history.get(recent)
        if extra is None:
            extra = self._history[recent] = self._history_score(recent)
        state[1][window] = decision = score + extra > 0
        self._remembered += 1
        return decision

    def split(self, input: str) -> list[str]:
        words = self._texts.get(input)
        if words is None:
            if len(self._texts) >= self._MAX_TEXTS:
                self._texts.clear()
            words = self._texts[input] = tuple(self._split(input))
        return list(words)

    def _split(self, input: str) -> list[str]:
        if not input:
            return []
        if self._remembered > self._MAX_DECISIONS:
            self._around.clear()
            self._states.clear()
            self._remembered = 0
        seg = ("B3", "B2", "B1", *input, "E1", "E2", "E3")
        kinds = None
        state = self._state("UUU")
        cuts = [0]
        for i in range(4, len(seg) - 3):
            window = seg[i - 3 : i + 3]
            decision = state[1].get(window)
            if decision is None:
                if kinds is None:
                    kinds = ("O", "O", "O", *map(self._kind, input), "O", "O", "O")
                decision = self._decide(state, window, kinds[i - 3 : i + 3])
            if decision:
                cuts.append(i - 3)
                state = state[2] or self._next(state, True)
            else:
                state = state[3] or self._next(state, False)
        cuts.append(len(input))
        return [input[a:b].strip() for a, b in pairwise(cuts)]


def _remembering(base: type[_search.SearchLanguage]) -> type[_search.SearchLanguage]:
    """*base* with every stem remembered for the build, and the fast splitter."""

    class Remembering(base):  # type: ignore[misc,valid-type]
        def __init__(self, options: dict[str, Any]) -> None:
            super().__init__(options)
            SPEEDUP.ran()
            self.stem = functools.cache(super().stem)  # type: ignore[method-assign]
            if type(getattr(self, "splitter", None)) is DefaultSplitter:
                self.splitter = FastSplitter(options)

    Remembering.__name__ = Remembering.__qualname__ = f"Remembering{base.__name__}"
    return Remembering


def _language_key(language: str) -> str:
    """The key of ``sphinx.search.languages`` Sphinx reads for *language*."""
    if language not in _search.languages and "_" in language:
        return language.split("_")[0]
    return language


def _language_class(value: Any) -> type[_search.SearchLanguage]:
    if value is None:
        return _search.SearchEnglish
    if isinstance(value, str):
        module, name = value.rsplit(".", 1)
        return getattr(import_module(module), name)
    return value


_TABLES = ("BIAS__", "UP1__", "UQ1__", "TQ4__", "TC4__", "TW4__", "UW1__", "BW1__")


class SearchIndex(SpeedUp):
    """Stems remembered for the build; Japanese split by :class:`FastSplitter`.

    ``runs`` counts the search languages made (one per index built or loaded).
    """

    name = "search_index"
    package = "sphinx"
    places = (
        Place("sphinx.search", "languages"),
        Place(
            "sphinx.search",
            "IndexBuilder.__init__",
            "self, env, lang, options, scoring",
        ),
        Place("sphinx.search", "SearchLanguage.__init__", "self, options"),
        Place("sphinx.search", "SearchLanguage.stem", "self, word"),
        Place("sphinx.search.ja", "DefaultSplitter.split", "self, input"),
        Place("sphinx.search.ja", "DefaultSplitter.ctype_", "self, char"),
        *(Place("sphinx.search.ja", f"DefaultSplitter.{t}") for t in _TABLES),
    )

    def __init__(self) -> None:
        super().__init__()
        self._key: str | None = None
        self._previous: Any = None

    def _key_for(self, app: Sphinx) -> str:
        config = app.config
        return _language_key(config.html_search_language or config.language or "en")

    def steps_aside(self, app: Sphinx) -> str | None:
        key = self._key_for(app)
        registered = _search.languages.get(key)
        # This project's own languages (search_quality.arabic) say their stems
        # depend on the word alone, so remembering them is safe.
        if registered != _SPHINX_LANGUAGES.get(key) and not getattr(
            registered, "kb_stems_may_be_remembered", False
        ):
            return f"another extension registered the search language {key!r}"
        return None

    def install(self, app: Sphinx) -> None:
        key = self._key_for(app)
        self._key, self._previous = key, _search.languages.get(key)
        base = _language_class(self._previous)
        _search.languages[key] = _remembering(base)

    def remove(self) -> None:
        if self._key is None:
            return
        if self._previous is None:
            _search.languages.pop(self._key, None)
        else:
            _search.languages[self._key] = self._previous
        self._key = self._previous = None


SPEEDUP = SearchIndex()
SPEEDUPS = (SPEEDUP,)
