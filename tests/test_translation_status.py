"""Honest translation status: medical review and English changed since translation.

Each catalog records whether a fluent reader with medical knowledge reviewed it
(the ``X-Medical-Review`` header field, ``make po-review``); a catalog with fuzzy
entries is a page whose English changed after it was translated. The reader
learns both from the notice at the top of the page, and translators from
``make po-stats`` and the progress page.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from bs4 import BeautifulSoup
from conftest import EDITIONS, REPO, build_docs

from editions.extract import INTERFACE_CATALOGS
from editions.po_check import check_file
from editions.po_review import main as po_review
from editions.po_stats import report
from editions.review import FIELD, Review, read_review, with_review
from editions.stats import edition_stats
from editions.update_po import update_catalog

_PO = """\
msgid ""
msgstr ""
"Project-Id-Version: Test 1\\n"
"PO-Revision-Date: 2026-11-26 12:00+0000\\n"
"Language: es\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"

msgid "About 10 out of 100 people."
msgstr "Unas 10 de cada 100 personas."
"""


def _locales(tmp_path: Path, text: str = _PO) -> Path:
    po = tmp_path / "locales" / "es" / "LC_MESSAGES" / "care" / "index.po"
    po.parent.mkdir(parents=True)
    po.write_text(text, encoding="utf-8")
    return tmp_path / "locales"


@pytest.mark.parametrize("language", EDITIONS[1:])
def test_every_catalog_today_says_it_is_not_reviewed(language):
    # Writing a catalog with Babel alone drops the field (it keeps only the
    # header fields it knows), so every catalog of every edition is checked.
    for stats in edition_stats(REPO / "locales", language):
        assert stats.review is None and not stats.review_problem, stats.name
    for po in (REPO / "locales" / language).rglob("*.po"):
        assert f'"{FIELD}: none\\n"' in po.read_text(encoding="utf-8"), po


def test_po_review_records_a_review_and_changes_nothing_else(tmp_path, capsys):
    locales = _locales(tmp_path)
    po = locales / "es" / "LC_MESSAGES" / "care" / "index.po"
    before = po.read_text(encoding="utf-8")
    args = ["--date", "2026-12-01", str(locales), "es", "care/index", "Ana O'Brien"]
    assert po_review(args) == 0
    assert read_review(po) == Review(dt.date(2026, 12, 1), "Ana O'Brien")
    after = po.read_text(encoding="utf-8")
    assert after.replace(f'"{FIELD}: 2026-12-01 Ana O\'Brien\\n"\n', "") == before
    assert not check_file(po)
    text = report(locales, ["es"])
    assert "1/1 reviewed by a medical translator" in text
    assert "reviewed 2026-12-01 Ana O'Brien" in text

    # Marking every catalog unreviewed replaces the line, nothing else.
    assert po_review(["--none", str(locales), "es"]) == 0
    assert read_review(po) is None
    assert po.read_text(encoding="utf-8") == after.replace(
        "2026-12-01 Ana O'Brien", "none"
    )
    assert "NOT REVIEWED" in report(locales, ["es"])


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["es", "care/index", 'Ana "x"'], "without quotes"),
        (["es", "care/nothing", "Ana"], "no such catalog"),
        (["--date", "2026-13-01", "es", "care/index", "Ana"], "YYYY-MM-DD"),
    ],
)
def test_po_review_refuses_bad_input_with_a_reason(tmp_path, capsys, args, expected):
    locales = _locales(tmp_path)
    dated = args[:2] if args[0] == "--date" else []
    rest = args[2:] if dated else args
    assert po_review([*dated, str(locales), *rest]) == 1
    assert expected in capsys.readouterr().err
    assert read_review(locales / "es" / "LC_MESSAGES" / "care" / "index.po") is None


def test_po_check_reports_an_unreadable_review_field(tmp_path):
    text = with_review(_PO.encode(), "soon, by Ana").decode()
    po = _locales(tmp_path, text) / "es" / "LC_MESSAGES" / "care" / "index.po"
    problems = [str(p) for p in check_file(po)]
    assert (
        len(problems) == 1 and ":9: X-Medical-Review is 'soon, by Ana'" in (problems[0])
    ), problems


def test_update_po_keeps_the_review(tmp_path):
    locales = _locales(tmp_path, with_review(_PO.encode(), "2026-12-01 Ana").decode())
    po = locales / "es" / "LC_MESSAGES" / "care" / "index.po"
    template = Catalog(project="Test")
    template.add("About 10 out of 100 people.")
    template.add("A new sentence.")
    assert update_catalog(po, template, "es").status == "update"
    assert read_review(po) == Review(dt.date(2026, 12, 1), "Ana")
    assert "A new sentence." in po.read_text(encoding="utf-8")


def test_po_stats_names_pages_whose_english_changed(tmp_path):
    locales = _locales(tmp_path)
    po = locales / "es" / "LC_MESSAGES" / "care" / "index.po"
    catalog = read_po(io.BytesIO(po.read_bytes()))
    catalog["About 10 out of 100 people."].flags.add("fuzzy")
    with po.open("wb") as f:
        write_po(f, catalog)
    text = report(locales, ["es"])
    assert "1 outdated" in text and "OUTDATED: 1 fuzzy" in text


# -- What the reader sees: the Spanish edition with one page reviewed and one
# page whose English changed (its catalog with a fuzzy entry).


@pytest.fixture(scope="module")
def spanish(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("status")
    locales = tmp / "locales"
    shutil.copytree(REPO / "locales", locales)
    for mo in locales.rglob("*.mo"):
        mo.unlink()
    care = locales / "es" / "LC_MESSAGES" / "care" / "respiratory-care.po"
    catalog = read_po(io.BytesIO(care.read_bytes()))
    changed = next(m for m in catalog if m.id and len(m.id) > 80 and "`" not in m.id)
    changed.flags.add("fuzzy")
    data = io.BytesIO()
    write_po(data, catalog, width=76)
    care.write_bytes(data.getvalue())
    assert po_review(["--date", "2026-12-01", str(locales), "es", "index", "Ana"]) == 0
    build = build_docs(tmp, language="es", locale_dirs=[str(locales)])
    assert build.warnings == ""
    return build, changed


def _notice(build, page: str) -> str:
    soup = BeautifulSoup(build.html(page), "html.parser")
    return soup.select_one("article .kb-translation-notice").get_text(" ", strip=True)


def test_each_page_says_whether_a_medical_translator_reviewed_it(spanish):
    build, _ = spanish
    assert "Revisada por un traductor médico el 1 de diciembre de 2026." in _notice(
        build, "index"
    )
    unreviewed = "todavía no la ha revisado un traductor médico"
    assert unreviewed not in _notice(build, "index")
    for page in ("care/index", "drugs/approved/riluzole", "glossary"):
        assert unreviewed in _notice(build, page), page


def test_a_page_whose_english_changed_says_so(spanish):
    build, changed = spanish
    outdated = "El texto en inglés de esta página cambió después de traducirla"
    assert outdated in _notice(build, "care/respiratory-care")
    assert outdated not in _notice(build, "care/index")
    # The changed paragraph is shown in English (its translation is fuzzy).
    soup = BeautifulSoup(build.html("care/respiratory-care"), "html.parser")
    english = " ".join(
        n.get_text(" ", strip=True) for n in soup.select("article .untranslated")
    )
    assert changed.id.split("\n")[0][:40] in english.replace("\n", " ")


def test_the_progress_page_shows_review_and_outdated_pages(spanish):
    build, _ = spanish
    soup = BeautifulSoup(build.html("languages"), "html.parser")
    rows = soup.select("table.kb-translation-progress tbody tr")
    cells = [c.get_text(strip=True) for c in rows[0].select("td")]
    # Every page catalog of the edition counts, not the interface catalogs.
    folder = REPO / "locales/es/LC_MESSAGES"
    pages = sum(
        1
        for po in folder.rglob("*.po")
        if po.relative_to(folder).with_suffix("").as_posix() not in INTERFACE_CATALOGS
    )
    assert cells[3] == f"1 de {pages}" and cells[4] == f"1 de {pages}", cells
    details = soup.select("details.kb-translation-pages")
    assert len(details) == len(EDITIONS) - 1
    # Each page is named by its title in the edition, linked to the page.
    spanish_rows = {
        r.select_one("td a")["href"].removesuffix(".html"): [
            c.get_text(strip=True) for c in r.select("td")
        ]
        for r in details[0].select("tbody tr")
    }
    assert spanish_rows["care/respiratory-care"][0] == "Cuidados respiratorios"
    assert spanish_rows["care/respiratory-care"][3] == "sí"
    assert spanish_rows["index"][2] != "todavía no"
    assert spanish_rows["care/index"][2:] == ["todavía no", "no"]


def test_english_left_on_a_page_is_marked_for_screen_readers(spanish):
    build, _ = spanish
    soup = BeautifulSoup(build.html("care/respiratory-care"), "html.parser")
    english = soup.select("article p.untranslated")
    assert english and all(p.get("lang") == "en" for p in english)


# -- How complete each edition is (make po-stats). Every edition is whole:
# Japanese reached 4,895 of 4,895 messages (100 %) once issue 22's translators
# merged; the issue asked for at least 98 %. Arabic and Brazilian Portuguese
# (issue 25, at least 98 % asked).
FLOORS = {"es": 1.0, "fr": 1.0, "ja": 1.0, "ar": 1.0, "pt_BR": 1.0}


@pytest.mark.parametrize("language", sorted(FLOORS))
def test_each_edition_is_translated_at_least_as_far_as_measured(language):
    stats = edition_stats(REPO / "locales", language)
    done = sum(s.translated for s in stats)
    total = sum(s.total for s in stats)
    assert done / total >= FLOORS[language], f"{done}/{total}"
    assert sum(s.fuzzy for s in stats) == 0, "fuzzy entries wait for review"
    assert not [s.name for s in stats if s.broken or s.review_problem]


def test_every_translated_edition_has_a_floor():
    assert sorted(FLOORS) == sorted(EDITIONS[1:])


@pytest.mark.parametrize("language", ["ja", "ar", "pt_BR"])
def test_safety_warnings_are_translated(editions, language):
    # The warning boxes of the care pages (breathing failure, suicidal thoughts)
    # unproven treatments and NP001 (sodium chlorite) come first (issues 22, 25).
    build = editions[language]
    assert build.warnings == ""
    pages = [*sorted((build.outdir / "care").glob("*.html"))]
    pages.append(build.outdir / "research" / "unproven-treatments.html")
    pages.append(build.outdir / "drugs" / "in-development" / "np001.html")
    boxes = 0
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for box in soup.select("article .admonition"):
            boxes += 1
            assert not box.select(".untranslated"), (page.name, box.get_text()[:80])
    assert boxes >= 7
