"""What a cited document is and its date are fields of the source, not words in
its title: the reader sees them in their own language.

    - title: "Avanir agrees the STAR trial design with the FDA; ..."
      note: news-report          # copy | summary | press-release | ...
      date: "2007-10"
"""

from __future__ import annotations

import re
import shutil

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, build_docs

from trial_facts.records import load_trial

STAR = REPO / "docs" / "_data" / "trials" / "dextromethorphan-quinidine-star.yaml"
_NOTE_IN_TITLE = re.compile(
    r"title: .*\((?:copy|summary|press release|press|company statement|"
    r"conference abstract|news report|archived|(?:\d{1,2} )?[A-Z][a-z]+ \d{4})[^()]*\)\"?$",
    re.M,
)


def test_no_record_or_drug_page_writes_a_note_inside_a_source_title():
    files = [*(REPO / "docs" / "_data" / "trials").glob("*.yaml")]
    files += [*(REPO / "docs" / "drugs").rglob("*.md")]
    found = [
        f"{path.relative_to(REPO)}: {m.group(0)}"
        for path in files
        for m in _NOTE_IN_TITLE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_a_note_written_inside_a_title_is_a_build_error(tmp_path):
    bad = tmp_path / STAR.name
    text = STAR.read_text(encoding="utf-8")
    text = text.replace(
        '- title: "ClinicalTrials.gov results for NCT00573443"\n    note: copy\n',
        '- title: "ClinicalTrials.gov results for NCT00573443 (copy)"\n',
    )
    bad.write_text(text, encoding="utf-8")
    problems = [str(p) for p in load_trial(bad).problems]
    assert len(problems) == 1, problems
    assert (
        "'ClinicalTrials.gov results for NCT00573443 (copy)' is not valid"
        in (problems[0])
    )
    assert "note: and date:" in problems[0]
    assert not load_trial(STAR).problems


@pytest.fixture(scope="module")
def spanish_star(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("notes")
    locales = tmp / "locales"
    shutil.copytree(REPO / "locales", locales)
    for mo in locales.rglob("*.mo"):
        mo.unlink()
    build = build_docs(tmp, language="es", locale_dirs=[str(locales)])
    assert build.warnings == ""
    return build.html("drugs/approved/dextromethorphan-quinidine")


def test_notes_and_dates_are_shown_in_the_reader_s_language(spanish_star):
    sources = BeautifulSoup(spanish_star, "html.parser").select(".kb-sources li")
    text = {li.get_text(" ", strip=True) for li in sources}
    assert any(
        t.startswith("Avanir agrees the STAR trial design")
        and "(noticia, octubre de 2007)" in t
        for t in text
    ), text
    assert any("NCT00573443 (copia)" in t for t in text), text
    assert not any("(press" in t or "(copy)" in t for t in text)
