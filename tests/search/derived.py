"""Search queries for the Arabic and Portuguese editions, derived, not written by hand.

Their catalogs are translated by volunteers; these queries come from the
words translators must use, so they follow the translation:

- the key-terms table of ``TRANSLATING.md`` (the edition's column: each term,
  and each plural the cell gives), and
- the built edition's own page titles that differ from the English ones.

Each query comes with variants a reader types, which must find the same
pages: Arabic with diacritics added, and typed plainly (bare alef for أ إ آ,
ه for a final ة, ى for a final ي); Portuguese without its accents, and in the
other number (plural or singular)::

    >>> variants("ar", "الآثار الجانبية")
    ['اَلآَثار اَلجَانبية', 'الاثار الجانبيه']
    >>> variants("pt_BR", "ensaio clínico")
    ['ensaio clinico', 'ensaio clínicos']

:func:`holding` says which pages hold a query, word for word (as the search
index normalises words), so a test can ask that search finds them all.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from search_quality.arabic import SearchArabic, normalise

from editions.known import EDITIONS

TRANSLATING = Path(__file__).resolve().parents[2] / "TRANSLATING.md"
_ARABIC = re.compile("[\u0600-\u06ff]")
_PLURAL = re.compile(r"\((?:الجمع|plural|plural:)\s*[:：]?\s*([^)]*)\)")
_BRACKETS = re.compile(r"\([^)]*\)")


def key_terms(language: str) -> list[str]:
    """The terms of *language*'s column of the key-terms table, plurals too."""
    lines = TRANSLATING.read_text(encoding="utf-8").splitlines()
    start = lines.index("## Key terms")
    header = next(line for line in lines[start:] if line.startswith("| English"))
    columns = [cell.strip() for cell in header.strip("|").split("|")]
    column = columns.index(EDITIONS[language])
    terms: list[str] = []
    for line in lines[lines.index(header) + 2 :]:
        if not line.startswith("|"):
            break
        cell = [c.strip() for c in line.strip("|").split("|")][column]
        extra = [p for found in _PLURAL.findall(cell) for p in re.split("[،,]", found)]
        cell = _BRACKETS.sub("", cell)
        for term in [*re.split("[،,]", cell), *extra]:
            term = " ".join(term.split())
            # In Arabic, a term in Latin letters (ALS/MND) is no Arabic query.
            if (
                term
                and term not in terms
                and (language != "ar" or _ARABIC.search(term))
            ):
                terms.append(term)
    return terms


def _fold_latin(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not 0x300 <= ord(c) <= 0x36F)


_SPLIT = SearchArabic({}).split


def words(language: str, text: str) -> list[str]:
    """*text* as a list of words, compared as the search compares them."""
    if language == "ar":
        return [normalise(w).lower() for w in _SPLIT(text)]
    return [_fold_latin(w) for w in re.findall(r"\w+", text)]


def holding(language: str, query: str, texts: dict[str, str]) -> set[str]:
    """The pages of *texts* (docname -> text) that hold *query* word for word."""
    wanted = " " + " ".join(words(language, query)) + " "
    return {
        name
        for name, text in texts.items()
        if wanted in " " + " ".join(words(language, text)) + " "
    }


def _diacritised(word: str) -> str:
    """*word* with a fatha after its first and third letters (Arabic words only)."""
    if not _ARABIC.search(word) or len(word) < 2:
        return word
    out = word[0] + "\u064e" + word[1:3]
    if len(word) > 3:
        out += "\u064e"
    return out + word[3:]


def _plain(word: str) -> str:
    word = re.sub("[أإآ]", "ا", word)
    if word.endswith("ة"):
        word = word[:-1] + "ه"
    elif word.endswith("ي"):
        word = word[:-1] + "ى"
    return word


def _other_number(word: str) -> str:
    """A Portuguese word in the other number: ensaio/ensaios, cuidador/cuidadores."""
    if re.search(r"[rz]es$", word):
        return word[:-2]
    if re.search(r"[aeiou]s$", word) and len(word) > 3:
        return word[:-1]
    if re.search(r"[aeiou]$", word):
        return word + "s"
    if re.search(r"[rz]$", word):
        return word + "es"
    return word


def variants(language: str, query: str) -> list[str]:
    """How else a reader types *query* (see the module); each differs from it."""
    parts = query.split()
    if language == "ar":
        found = [" ".join(map(_diacritised, parts)), " ".join(map(_plain, parts))]
    else:
        bare = "".join(
            c
            for c in unicodedata.normalize("NFD", query)
            if not 0x300 <= ord(c) <= 0x36F
        )
        found = [
            unicodedata.normalize("NFC", bare),
            " ".join([*parts[:-1], _other_number(parts[-1])]) if parts else "",
        ]
    return [v for v in found if v and v != query]
