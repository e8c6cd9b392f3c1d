"""Dates in a message, read whole in English, Spanish, French, Japanese and Arabic.

``editions.po_numbers`` compares dates as dates before it compares the other
numbers, so that a changed month is caught even when it is written as a word::

    >>> [d.key for d in find_dates("Approved on 12 May 2024, filed 2023-11.")]
    ['2024-5-12', '2023-11-']
    >>> [d.key for d in find_dates("aprobado el 12 de mayo de 2024")]
    ['2024-5-12']
    >>> [d.key for d in find_dates("2024年5月12日に承認、le 1er octobre")]
    ['2024-5-12', '-10-1']

A date is a year, a month and a day, any of them possibly missing: ``2024-05-01``,
``2024-05``, ``12 May 2024``, ``May 12, 2024``, ``May 2024``, ``1 October``,
``12 de mayo de 2024``, ``mayo de 2024``, ``12 de maio de 2024``, ``1er octobre 2024``, ``2024年5月1日``,
``2024年5月``, ``5月1日``. Its :attr:`Date.key` is ``year-month-day`` with the
missing parts empty. A month is a number, or a word in one of the editions'
languages (full or abbreviated); the English modal "may" in lower case is not
a month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    # Spanish ("ago" is left out: English "ago")
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6,
    "julio": 7, "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10,
    "noviembre": 11, "diciembre": 12, "ene": 1, "abr": 4, "dic": 12,
    # Brazilian Portuguese, full names only ("set", "out" are English words;
    # "abril", "agosto" are the Spanish ones above)
    "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6,
    "julho": 7, "setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12,
    # French
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "janv": 1, "févr": 2, "avr": 4, "juil": 7, "déc": 12,
    # Arabic (Babel's month names for ar, which the Arabic edition uses)
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "مايو": 5, "يونيو": 6,
    "يوليو": 7, "أغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "نوفمبر": 11,
    "ديسمبر": 12,
}  # fmt: skip
# Arabic writes "and", "in", "to" and "so" as one letter joined to the next
# word: ويونيو is "and June", بيناير "in January".
_ARABIC_PREFIXES = ("و", "ب", "ل", "ف", "وب", "ول")
_MONTHS.update(
    {
        prefix + name: number
        for name, number in list(_MONTHS.items())
        if "\u0600" <= name[0] <= "\u06ff"
        for prefix in _ARABIC_PREFIXES
    }
)
_MONTH = (
    r"(?P<month>(?<![^\W\d_])(?:"
    + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
    + r")(?![^\W\d_])\.?)"
)
_OF = r"(?:(?:de|del|of)\s+)?"
# "1º" is "1o" once NFKC-normalised (po_numbers reads texts that way).
_ORDINAL = r"(?:st|nd|rd|th|er|re|º|°|o)?"
_PATTERNS = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"(?<![\d-])(?P<year>\d{4})-(?P<mnum>\d{2})(?:-(?P<day>\d{2}))?(?![\d-])",
        r"(?<!\d)(?P<year>\d{4})\s*年\s*(?P<mnum>\d{1,2})\s*月(?:\s*(?P<day>\d{1,2})\s*日)?",
        r"(?<![\d年])(?P<mnum>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日",
        rf"(?<![\d.,])(?P<day>\d{{1,2}}){_ORDINAL}\s+{_OF}{_MONTH}"
        rf"(?:,?\s+{_OF}(?P<year>\d{{4}}))?(?!\d)",
        rf"{_MONTH}\s+(?P<day>\d{{1,2}}){_ORDINAL}(?!\d)(?:,?\s+(?P<year>\d{{4}}))?(?!\d)",
        rf"{_MONTH}\s+{_OF}(?P<year>\d{{4}})(?!\d)",
    )
]


@dataclass(frozen=True)
class Date:
    """One date found in a text: where it is and what it says."""

    start: int
    end: int
    year: int | None
    month: int
    day: int | None

    @property
    def key(self) -> str:
        return f"{self.year or ''}-{self.month}-{self.day or ''}"

    @property
    def numbers(self) -> str:
        """Its parts as plain numbers, for a comparison part by part."""
        return " ".join(str(n) for n in (self.year, self.month, self.day) if n)


def _date(match: re.Match) -> Date | None:
    parts = match.groupdict()
    if parts.get("month"):
        word = parts["month"].rstrip(".")
        if word == "may":  # the English modal verb, not the month
            return None
        month = _MONTHS[word.lower()]
    else:
        month = int(parts["mnum"])
    day = int(parts["day"]) if parts.get("day") else None
    year = int(parts["year"]) if parts.get("year") else None
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    return Date(match.start(), match.end(), year, month, day)


def find_dates(text: str) -> list[Date]:
    """Every date in *text* (NFKC-normalised), in order; the longest wins an overlap."""
    found = [
        date
        for pattern in _PATTERNS
        for match in pattern.finditer(text)
        if (date := _date(match))
    ]
    found.sort(key=lambda d: (d.start, d.start - d.end))
    chosen: list[Date] = []
    for date in found:
        if not chosen or date.start >= chosen[-1].end:
            chosen.append(date)
    return chosen


def _replace(text: str, dates: list[Date], with_numbers: set[int]) -> str:
    """*text* with each date blanked, or written as its numbers (by index)."""
    for i, date in sorted(enumerate(dates), key=lambda x: -x[1].start):
        middle = f" {date.numbers} " if i in with_numbers else " "
        text = text[: date.start] + middle + text[date.end :]
    return text


def compare_dates(msgid: str, msgstr: str) -> tuple[list[str], str, str]:
    """The English dates missing from the translation, and both texts without dates.

    A date of the English found in the translation (in any of the forms above)
    is taken out of both. One the translation writes in a form not read here is
    compared by its parts (year, month, day as numbers), unless the translation
    has a date of its own left over: then that date is the English one changed,
    and the English date is reported missing.
    """
    wanted, offered = find_dates(msgid), find_dates(msgstr)
    left = {date.key: [] for date in offered}
    for i, date in enumerate(offered):
        left[date.key].append(i)
    matched: set[int] = set()
    unmatched = []
    for date in wanted:
        if left.get(date.key):
            matched.add(left[date.key].pop(0))
        else:
            unmatched.append(date)
    own = {i for i in range(len(offered)) if i not in matched}
    if own and unmatched:
        missing = [msgid[d.start : d.end] for d in unmatched]
        return missing, _replace(msgid, wanted, set()), _replace(msgstr, offered, set())
    # Dates read on one side only are compared as plain numbers with the rest.
    as_parts = {i for i, d in enumerate(wanted) if d in unmatched}
    return [], _replace(msgid, wanted, as_parts), _replace(msgstr, offered, own)
