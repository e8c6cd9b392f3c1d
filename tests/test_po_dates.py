"""po-check compares dates as dates, and numbers with their scale words, in the
translated language's own way.

Each case gives an English message, a faithful translation that must pass and a
changed one that must be reported (a day or month changed, often written as a
word). The codes check for registry IDs and drug codes is covered here too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from editions.po_check import check_file
from editions.po_dates import find_dates


def _po(folder: Path, msgid: str, msgstr: str, language: str) -> Path:
    path = folder / language / "LC_MESSAGES" / "page.po"
    path.parent.mkdir(parents=True)
    quote = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'  # noqa: E731
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Language: {language}\\n"\n\n#: page.md:3\n'
        f"msgid {quote(msgid)}\nmsgstr {quote(msgstr)}\n",
        encoding="utf-8",
    )
    return path


CASES = [
    # (English, faithful, changed, language)
    ("Approved on 12 May 2024.", "Aprobado el 12 de mayo de 2024.",
     "Aprobado el 12 de junio de 2024.", "es"),
    ("Results came in 2024-05.", "Los resultados llegaron en mayo de 2024.",
     "Los resultados llegaron en junio de 2024.", "es"),
    ("Approved on 2024-05-01.", "Aprobado el 1 de mayo de 2024.",
     "Aprobado el 5 de enero de 2024.", "es"),
    ("Approved on 2024-05-01.", "2024年5月1日に承認。", "2024年1月5日に承認。", "ja"),
    ("Press release, October 2007", "Communiqué, octobre 2007",
     "Communiqué, novembre 2007", "fr"),
    ("Approved on 12 May 2024.", "2024年5月12日に承認。", "2024年12月5日に承認。", "ja"),
    ("Approved on May 12, 2024.", "Autorisé le 12 mai 2024.",
     "Autorisé le 12 mars 2024.", "fr"),
    ("Approved in May 2024.", "2024年5月に承認。", "2024年6月に承認。", "ja"),
    ("Approved on 24 September 2024.", "Aprovado em 24 de setembro de 2024.",
     "Aprovado em 24 de outubro de 2024.", "pt_BR"),
    ("Filed in March 2023.", "Pedido em março de 2023.", "Pedido em maio de 2023.",
     "pt_BR"),
    ("Stopped on 1 October 2024.", "Interrompido em 1º de outubro de 2024.",
     "Interrompido em 1º de novembro de 2024.", "pt_BR"),
    ("Stopped on 1 October.", "Arrêté le 1er octobre.", "Arrêté le 1er novembre.", "fr"),
    ("Stopped on 1 October.", "10月1日に中止。", "1月10日に中止。", "ja"),
    ("Registered as jRCT2051190042.", "jRCT2051190042 として登録。",
     "jRCT2051190024 として登録。", "ja"),
    ("EudraCT 2010-024423-24", "EudraCT 2010-024423-24", "EudraCT 2010-024432-24", "es"),
    ("ACTRN12618000534280", "ACTRN12618000534280", "ACTRN12618000534208", "es"),
    ("Drugs CNM-Au8 and MN-166", "Fármacos CNM-Au8 y MN-166",
     "Fármacos CNM-Au8 y MN-116", "es"),
    # Scale words: "1 million" is 100万 in Japanese, 1 millón in Spanish.
    ("1 million international units", "100万国際単位", "10万国際単位", "ja"),
    ("about 1.5 billion cells", "約15億個の細胞", "約1.5億個の細胞", "ja"),
    ("1 million units", "1 millón de unidades", "2 millones de unidades", "es"),
    # Arabic month names (Babel's, as the Arabic edition writes dates)
    ("Approved on 12 December 1995.", "اعتُمد في 12 ديسمبر 1995.",
     "اعتُمد في 12 نوفمبر 1995.", "ar"),
    ("Results in May 2023.", "النتائج في مايو 2023.", "النتائج في يونيو 2023.", "ar"),
    # ... with "and" joined to the month: ويونيو is "and June"
    ("Between January 2021 and June 2024.", "بين يناير 2021 ويونيو 2024.",
     "بين يناير 2021 ويوليو 2024.", "ar"),
]  # fmt: skip


@pytest.mark.parametrize(("msgid", "good", "bad", "language"), CASES)
def test_po_check_reads_dates_and_codes_the_language_s_way(
    tmp_path, msgid, good, bad, language
):
    assert check_file(_po(tmp_path / "good", msgid, good, language)) == []
    problems = [str(p) for p in check_file(_po(tmp_path / "bad", msgid, bad, language))]
    assert problems, "the changed translation must be reported"
    assert all(":7: msgstr: " in p for p in problems), problems
    assert all("missing" in p or "changed" in p for p in problems), problems


def test_the_modal_may_is_not_a_month():
    assert find_dates("You may 12 times a day") == []
    assert [d.key for d in find_dates("In May 2024, 12 people")] == ["2024-5-"]
