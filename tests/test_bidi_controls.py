"""Invisible direction and width characters are refused in translations and records.

A right-to-left override (U+202E) or an isolate typed into a translation or a
trial record can make a dose or a registry ID read differently from what it
is ("Trojan source", CVE-2021-42574). ``make po-check`` and the record parser
name each one, with the file and line; the build isolates codes and numbers
itself (extensions/editions/direction.py), so nobody needs to type them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from catalog_checks import hidden_characters

from editions.po_check import check_file
from trial_facts.records import parse

# Every character the rule refuses, with the name the message gives it.
HIDDEN = {
    "\u200e": "LEFT-TO-RIGHT MARK",
    "\u200f": "RIGHT-TO-LEFT MARK",
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
    "\u061c": "ARABIC LETTER MARK",
    "\u200b": "ZERO WIDTH SPACE",
    "\u200c": "ZERO WIDTH NON-JOINER",
    "\u200d": "ZERO WIDTH JOINER",
    "\u2060": "WORD JOINER",
    "\ufeff": "ZERO WIDTH NO-BREAK SPACE",
}


def _po(folder: Path, msgid: str, msgstr: str, language: str = "ar") -> Path:
    path = folder / language / "LC_MESSAGES" / "page.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Language: {language}\\n"\n\n#: page.md:3\n'
        f'msgid "{msgid}"\nmsgstr "{msgstr}"\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("character", HIDDEN, ids=[f"U+{ord(c):04X}" for c in HIDDEN])
def test_po_check_refuses_each_hidden_character(tmp_path, character):
    msgid = "The dose is 100 mg (NCT01234567)."
    msgstr = f"الجرعة 100 mg ({character}NCT01234567)."
    problems = check_file(_po(tmp_path, msgid, msgstr))
    assert len(problems) == 1, problems
    text = str(problems[0])
    assert text.startswith(f"{tmp_path / 'ar/LC_MESSAGES/page.po'}:7: "), text
    column = msgstr.index(character) + 1
    assert f"U+{ord(character):04X} {HIDDEN[character]} at column {column}" in text


def test_po_check_accepts_arabic_with_latin_names_and_digits(tmp_path):
    msgid = "Riluzole (NCT01234567) is taken twice a day, 50 mg each time."
    msgstr = "يُؤخذ Riluzole (NCT01234567) مرتين في اليوم، 50 mg في كل مرة."
    assert check_file(_po(tmp_path, msgid, msgstr)) == []


def test_every_hidden_character_is_named():
    text = "a" + "".join(HIDDEN)
    found = hidden_characters(text)
    assert [f.split(" at ")[0] for f in found] == [
        f"U+{ord(c):04X} {name}" for c, name in HIDDEN.items()
    ]


def test_record_text_with_an_override_is_refused_at_its_line():
    text = "id: alpha\nname: Alpha\nregistry_ids:\n  - NCT0123\u202e4567\n"
    record = parse(text, "docs/_data/trials/alpha.yaml")
    hidden = [p for p in record.problems if "invisible" in p.message]
    assert len(hidden) == 1, record.problems
    assert hidden[0].line == 4 and hidden[0].field == "registry_ids[0]"
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in hidden[0].message


def test_record_without_hidden_characters_has_no_such_problem():
    record = parse("id: alpha\nname: ألفا\n", "docs/_data/trials/alpha.yaml")
    assert not [p for p in record.problems if "invisible" in p.message]


def test_a_page_with_an_override_fails_the_build_at_its_line(tmp_path):
    from conftest import REPO, build_docs

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(REPO / 'extensions')!r})\n"
        'extensions = ["myst_parser", "safety"]\n',
        encoding="utf-8",
    )
    (src / "index.md").write_text(
        "---\nlast_reviewed: 2026-12-01\n---\n# Doses\n\nTake 100\u202e mg daily.\n",
        encoding="utf-8",
    )
    built = build_docs(tmp_path, srcdir=src, confdir=src)
    lines = [w for w in built.warnings.splitlines() if "invisible" in w]
    assert len(lines) == 1, built.warnings
    assert "index.md:6:" in lines[0]
    assert "U+202E RIGHT-TO-LEFT OVERRIDE at column 9" in lines[0]
    assert "[safety.hidden]" in lines[0]


def test_a_page_without_hidden_characters_builds_clean(tmp_path):
    from conftest import REPO, build_docs

    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(REPO / 'extensions')!r})\n"
        'extensions = ["myst_parser", "safety"]\n',
        encoding="utf-8",
    )
    page = "# Doses\n\nالجرعة 100 mg (NCT01234567).\n"  # noqa: RUF001 (Arabic)
    (src / "index.md").write_text(page, encoding="utf-8")
    assert "invisible" not in build_docs(tmp_path, srcdir=src, confdir=src).warnings
