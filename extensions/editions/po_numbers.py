"""Numbers kept in translations: "95 of 108" must not come back as "59 of 180".

``editions.po_check`` calls :func:`number_problems` for every translated message::

    >>> number_problems("95 of 108 people", "59 de 180 personas")[0][:78]
    "numbers differ from the English (missing '108', '95'; not in the English '180'"
    >>> number_problems("1,200.5 mg in 2024-05-01", "1.200,5 mg el 2024-05-01")
    []
    >>> number_problems("100,000 people", "10万人")
    []

Every number is compared by its value: digits with thousands separators
(``1,200`` = ``1.200`` = ``1 200``), decimals in either convention (``2.5`` =
``2,5``), percentages, dates (read whole by ``editions.po_dates``: ``2024-05-01``,
``12 May 2024`` and ``May 2024`` are found as ``1 de mayo de 2024``, ``le 12 mai
2024``, ``2024年5月`` and the like, and a changed day or month is reported even
when the month is a word), full-width digits (``\uff11\uff12``) and Japanese
``万``/``億`` multipliers. Ordinals keep their number (``1st`` = ``1er``). Digits inside codes
(``NCT01234567``, ``SOD1``,
``AMX0035``) are the codes check's business: a number touching an ASCII
letter is skipped here.

Where a number is rightly written in words ("for every 1 who gets placebo" as
"por cada persona que recibe placebo"), the translator says so with a comment
line ``# po-check: numbers in words`` above the entry (:data:`WAIVER`).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from .po_dates import compare_dates

# A number: digits, optionally grouped by . , or spaces and with one decimal
# part, not touching an ASCII letter or another digit.
_NUMBER = re.compile(
    r"(?<![A-Za-z0-9])\d+(?:(?:[.,]|[ \u00a0\u202f](?=\d{3}(?!\d)))\d+)*"
    # an ordinal's ending is part of the number: 1st, 2nd, 1er, 1re, 2e, 3ème
    r"(?:(?:st|nd|rd|th|er|re|e|ème|ère)(?![A-Za-z]))?"
    r"(?![A-Za-z0-9])([万億])?"
)
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th|er|re|e|ème|ère)$")
# A translator comment that says the numbers are written as words on purpose
# ("for every 1" -> "por cada persona"; "50/50" -> "une chance sur deux").
WAIVER = "po-check: numbers in words"
_MULTIPLIER = {"万": Decimal(10_000), "億": Decimal(100_000_000)}
# Scale words after a number, in the editions' languages: "1 million" may be
# written "100万" or "1 millón" ("mil millones" is 1,000 millones).
_SCALE = {
    **dict.fromkeys(
        ["million", "millions", "millón", "millon", "millones"], Decimal(10**6)
    ),
    **dict.fromkeys(["billion", "billions", "milliard", "milliards"], Decimal(10**9)),
}
_SCALE_WORD = re.compile(
    r"[ \u00a0\u202f]+(" + "|".join(_SCALE) + r")(?![^\W\d_])", re.I
)


def _groups_ok(groups: list[str]) -> bool:
    return (
        bool(groups[0]) and len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
    )


def _read(token: str, group: str, decimal: str) -> Decimal | None:
    """*token* read with *group* as thousands separator and *decimal* as decimal mark."""
    whole, _, fraction = (
        token.partition(decimal) if decimal in token else (token, "", "")
    )
    if decimal in fraction or (decimal in token and not fraction):
        return None
    groups = whole.split(group)
    if len(groups) > 1 and not _groups_ok(groups):
        return None
    digits = "".join(groups)
    if not digits.isdigit() or (fraction and not fraction.isdigit()):
        return None
    try:
        return Decimal(f"{digits}.{fraction}" if fraction else digits)
    except InvalidOperation:
        return None


def _values(token: str) -> set[Decimal]:
    """What a number as written may mean, in English or in a decimal-comma language."""
    plain = re.sub(r"[ \u00a0\u202f]", "", token)
    found = {
        v for v in (_read(plain, ",", "."), _read(plain, ".", ",")) if v is not None
    }
    if not found:  # "1.2.3": a version or a list, compared part by part
        found = {Decimal(part) for part in re.split(r"[.,]", plain) if part}
    return {v.normalize() for v in found}


def _numbers(text: str) -> list[tuple[str, set[Decimal]]]:
    text = unicodedata.normalize("NFKC", text)
    out = []
    for match in _NUMBER.finditer(text):
        token = match.group(0)
        multiplier = match.group(1)
        number = _ORDINAL.sub("", token[:-1] if multiplier else token)
        values = _values(number)
        if multiplier:
            values = {(v * _MULTIPLIER[multiplier]).normalize() for v in values}
        scale = _SCALE_WORD.match(text, match.end())
        if scale:
            # "1 million" is also 1,000,000 (100万); it stays 1 for "1 millón".
            factor = _SCALE[scale.group(1).lower()]
            values = values | {(v * factor).normalize() for v in values}
        out.append((token, values))
    return out


def number_problems(msgid: str, msgstr: str) -> list[str]:
    """The numbers of *msgid* missing from *msgstr* (and what stands in their place)."""
    msgid, msgstr = (unicodedata.normalize("NFKC", t) for t in (msgid, msgstr))
    missing, msgid, msgstr = compare_dates(msgid, msgstr)
    wanted = _numbers(msgid)
    offered = _numbers(msgstr)
    for token, values in wanted:
        match = next((i for i, (_, v) in enumerate(offered) if v & values), None)
        if match is None:
            missing.append(token)
        else:
            offered.pop(match)
    # A number the English does not have, unless it repeats an English one.
    known = set().union(*(v for _, v in wanted)) if wanted else set()
    extra = [token for token, values in offered if not values & known]
    if not missing:
        # Numbers written for words ("three doses" -> "3回") are not a change;
        # added numbers are shown only beside a missing one ("59 of 180").
        return []
    detail = []
    if missing:
        detail.append("missing " + ", ".join(sorted(repr(t) for t in missing)))
    if extra:
        detail.append("not in the English " + ", ".join(sorted(repr(t) for t in extra)))
    return [
        f"numbers differ from the English ({'; '.join(detail)}). Keep every number, "
        "date, dose and count exactly; only the digit grouping may follow your "
        "language (1,200 = 1.200 = 1 200)."
    ]
