"""Dates and numbers in the Arabic and Brazilian Portuguese editions come from Babel.

Babel's ``ar`` locale writes Western digits (its default numbering system is
``latn``): every date and number of the Arabic edition keeps them, never mixed
with Arabic-Indic digits; month names are Arabic. Portuguese writes
"5 de dezembro de 2026" and "1.200".
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from docutils import nodes

from review_dates.line import review_line
from trial_facts.formatting import join, number, partial_date, percent

_ARABIC_INDIC = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")


def test_arabic_dates_have_arabic_months_and_western_digits():
    for value in ("2026-12-05", "2026-12", "2026"):
        shown = partial_date(value, "ar")
        assert "2026" in shown and not _ARABIC_INDIC.search(shown), shown
    assert partial_date("2026-12-05", "ar") == "5 ديسمبر 2026"
    assert partial_date("2026-12", "ar") == "ديسمبر 2026"


def test_arabic_numbers_keep_western_digits():
    assert number(1200, "ar") == "1,200"
    assert percent(27, "ar") == "27%"
    assert not _ARABIC_INDIC.search(number(1234567, "ar"))


def test_portuguese_dates_and_numbers():
    assert partial_date("2026-12-05", "pt_BR") == "5 de dezembro de 2026"
    assert partial_date("2026-12", "pt_BR") == "dezembro de 2026"
    assert number(1200, "pt_BR") == "1.200"
    assert join(["A", "B", "C"], "pt_BR") == "A, B e C"


@pytest.mark.parametrize(
    ("language", "last", "reviewer_date"),
    [
        ("ar", "5 ديسمبر 2026", "20 نوفمبر 2026"),
        ("pt_BR", "5 de dezembro de 2026", "20 de novembro de 2026"),
    ],
)
def test_review_line_writes_each_date_in_the_language(language, last, reviewer_date):
    line = review_line(
        date(2026, 12, 5),
        date(2027, 12, 5),
        built=date(2026, 12, 5),
        language=language,
        reviewer=("Dr A", date(2026, 11, 20)),
    )
    text = line.astext()
    assert last in text and reviewer_date in text, text
    assert not _ARABIC_INDIC.search(text), text
    # Sentences are separated by a space (not run together as in Japanese).
    assert re.search(r"\.\s\S", text), text
    times = [n["datetime"] for n in line.findall(nodes.Element) if n.get("datetime")]
    assert times == ["2026-12-05", "2027-12-05", "2026-11-20"]
    if language == "ar":
        assert _ARABIC_LETTER.search(text)
