"""Search in Arabic: words matched with or without diacritics, hamza forms and the article.

Sphinx has no Arabic search language: the Arabic edition fell back to English,
whose splitter (``\\w+``, and ``splitQuery`` in ``searchtools.js``) cuts a word
at every diacritic (مُقَدِّم became م, ق, د, م), and whose index kept أ, إ, آ
and ا, ة and ه, ى and ي apart, so a reader who typed a word the way most
people type it found nothing. :class:`SearchArabic` is registered for ``ar``
(``app.add_search_language``, Sphinx's public API)::

    >>> normalise("مُقَدِّمُ الرِّعايةِ")
    'مقدم الرعايه'
    >>> stem("الإستشارة"), stem("والعلاج")
    ('استشاره', 'علاج')

- **Split** at what is neither a letter, a digit, a mark nor ``_`` (in Python
  and, through ``js_splitter_code``, in the search page), so diacritics stay
  inside their word.
- **Normalise** (:func:`normalise`): no tashkeel (U+064B–U+065F, U+0670) or
  tatweel (U+0640); أ إ آ ٱ → ا; ى → ي; ة → ه; Persian ی ک → ي ك; Arabic-Indic
  digits → 0–9; presentation forms → letters. ؤ and ئ are kept: they are
  letters of their own, and folding them (to و, ي) merges words that differ
  (as Lucene's Arabic normaliser does, they stay).
- **Stem** (:func:`stem`): the prefixes of Larkey's "light10" light stemmer:
  و, then one of ال وال بال كال فال لل, never leaving fewer than two letters,
  so that علاج finds العلاج and بالعلاج. Measured on the translated edition
  (2026-12-05; the 103 key terms and page titles on a page, 988 pages holding
  them): typed without the article (77 of them), normalising alone found
  33 % of the pages holding them, with the prefixes 97 %. Light10's suffixes
  (ها ان ات ون ين يه ه ي) are not stripped: with them, three times as many
  pages not holding the words were listed (691 against 219 for the terms as
  written), and سريري (clinical) and سرير (bed) became one word, for no
  page found that the prefixes alone missed.

The same steps run in the search page: ``arabic.js`` holds them in
JavaScript, loaded as the edition's ``Stemmer`` (Latin words keep Sphinx's
English stemmer, as before). ``tests/search/arabic_cases.json`` is the one
table of cases both are tested with.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from sphinx.search.en import SearchEnglish

JS = Path(__file__).with_name("arabic.js")

_ARABIC_LETTER = re.compile(
    "[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"
)
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_FOLD = str.maketrans(
    {
        "\u0623": "\u0627",  # أ
        "\u0625": "\u0627",  # إ
        "\u0622": "\u0627",  # آ
        "\u0671": "\u0627",  # ٱ
        "\u0649": "\u064a",  # ى -> ي
        "\u0629": "\u0647",  # ة -> ه
        "\u06cc": "\u064a",  # Persian ی
        "\u06a9": "\u0643",  # Persian ک
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)
_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
# Letters, digits, marks (every script) and "_": what a word is made of.
_WORD = re.compile(
    r"(?:\w|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed])+"
)
# The same in the search page (Sphinx's own splitQuery, with \p{Mark} added).
_JS_SPLITTER = """
var splitQuery = (query) => query
  .split(/[^\\p{Letter}\\p{Number}\\p{Mark}_\\p{Emoji_Presentation}]+/gu)
  .filter((term) => term);
"""
# Words too common to find anything, as written and as normalised.
STOPWORDS = frozenset(
    [
        "في",
        "من",
        "على",
        "إلى",
        "الى",
        "عن",
        "مع",
        "أو",
        "او",
        "ما",
        "لا",
        "أن",
        "ان",
        "إن",
        "هذا",
        "هذه",
        "ذلك",
        "التي",
        "الذي",
        "هو",
        "هي",
        "كان",
        "قد",
        "ثم",
        "أي",
        "اي",
    ]
)
_NORMAL_STOPWORDS = frozenset()


def normalise(text: str) -> str:
    """*text* with Arabic letters as the index holds them (see the module)."""
    if _PRESENTATION.search(text):
        text = unicodedata.normalize("NFKC", text)
    return _MARKS.sub("", text).translate(_FOLD)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The light stem of one Arabic *word* (normalised first)."""
    word = normalise(word)
    if len(word) > 3 and word[0] == "و":
        word = word[1:]
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            word = word[len(prefix) :]
            break
    return word


_NORMAL_STOPWORDS = frozenset(normalise(word) for word in STOPWORDS)


class SearchArabic(SearchEnglish):
    """Arabic words split, normalised and light-stemmed; Latin words as in English."""

    lang = "ar"
    language_name = "Arabic"
    # A word's stem depends on the word alone: speedups may remember it.
    kb_stems_may_be_remembered = True
    # As written and normalised: the search page compares what was typed.
    stopwords = set(SearchEnglish.stopwords) | STOPWORDS | _NORMAL_STOPWORDS
    js_splitter_code = _JS_SPLITTER
    js_stemmer_code = (
        SearchEnglish.js_stemmer_code
        + "\nvar KbEnglishStemmer = Stemmer;\n"
        + JS.read_text(encoding="utf-8")
        + """
Stemmer = function () {
  const english = new KbEnglishStemmer();
  this.stemWord = (word) =>
    KB_ARABIC_LETTER.test(word) ? kbArabicStem(word) : english.stemWord(word);
};
"""
    )

    def split(self, input: str) -> list[str]:
        return _WORD.findall(input)

    def stem(self, word: str) -> str:
        if _ARABIC_LETTER.search(word):
            if normalise(word) in _NORMAL_STOPWORDS:
                return normalise(word)
            return stem(word)
        return super().stem(word)

    def word_filter(self, word: str) -> bool:
        if _ARABIC_LETTER.search(word):
            normal = normalise(word)
            return len(normal) >= 2 and normal not in _NORMAL_STOPWORDS
        return super().word_filter(word)
