"""Every page says when it was last reviewed and when it is due again.

- every built page of every edition shows both dates, each in a
  ``<time datetime>``, with labels and dates in the edition's language;
- no build date poses as a review date (no "Last updated" footer);
- each kind of bad front matter fails the strict build with the file, the line,
  the field, the bad value and what is allowed (``tests/roots/test-review-dates``);
- a page that goes overdue between two builds says so on the second one;
- on a phone (375 px) the review line is in the first screen, and it prints.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from babel import Locale
from babel.dates import format_date
from bs4 import BeautifulSoup
from conftest import EDITIONS, REPO

ROOT = Path(__file__).parent / "roots" / "test-review-dates"
BUILT = date(2026, 12, 5)  # the build date of the test root's builds
ENGLISH = {"Last reviewed:", "Next review due:", "awaiting re-check"}


def _epoch(day: date) -> str:
    return str(int(datetime(day.year, day.month, day.day, 12, tzinfo=UTC).timestamp()))


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _pages(outdir: Path) -> list[Path]:
    return sorted(
        p
        for p in outdir.rglob("*.html")
        # handouts/: print sheets drawn from the records, not pages with front matter
        if not {"_static", "handouts"} & set(p.parts)
        and p.name not in {"search.html", "genindex.html"}
    )


# -- The real site, every edition ----------------------------------------------
def _front_matter_dates(page: str) -> tuple[date, date]:
    from review_dates.front_matter import read_review

    text = (REPO / "docs" / f"{page}.md").read_text(encoding="utf-8")
    review = read_review(text, built=date.today())
    assert not review.problems, (page, review.problems)
    return review.last_reviewed, review.next_review


@pytest.mark.parametrize("language", EDITIONS)
def test_every_page_shows_both_review_dates_in_its_language(editions, language):
    outdir = editions[language].outdir
    pages = _pages(outdir)
    assert len(pages) == len(list((REPO / "docs").rglob("*.md"))) > 60
    locale = Locale.parse(language)
    for path in pages:
        name = path.relative_to(outdir).with_suffix("").as_posix()
        soup = _soup(path)
        lines = soup.select("article p.kb-review-dates")
        assert len(lines) == 1, path
        line = lines[0]
        # Right under the page's title, before the translation notice.
        assert line.find_previous_sibling().name == "h1", path
        times = line.select("time[datetime]")
        assert len(times) == 2, path
        last, nxt = _front_matter_dates(name)
        assert [t["datetime"] for t in times] == [last.isoformat(), nxt.isoformat()]
        for tag, day in zip(times, (last, nxt), strict=True):
            assert tag.get_text() == format_date(day, format="long", locale=locale)
        words = line.get_text()
        for tag in times:
            words = words.replace(tag.get_text(), "")
        if language == "en":
            assert "Last reviewed:" in words and "Next review due:" in words
        else:
            assert not any(label in words for label in ENGLISH), (path, words)
            assert len(words.strip(" .。")) > 10, (path, words)


def test_review_labels_differ_in_each_language(editions):
    seen = {}
    for language, build in editions.items():
        line = _soup(build.outdir / "care" / "respiratory-care.html").select_one(
            "p.kb-review-dates"
        )
        seen[language] = re.sub(r"\d+", "#", line.get_text())
    assert len(set(seen.values())) == len(EDITIONS), seen
    assert "de noviembre de" in seen["es"]
    assert "novembre" in seen["fr"]
    assert "年" in seen["ja"] and "月" in seen["ja"]


@pytest.mark.parametrize("language", EDITIONS)
def test_no_build_date_poses_as_a_review_date(editions, language):
    for path in _pages(editions[language].outdir):
        html = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        assert soup.select(".last-updated") == [], path
        assert 'name="docbuild:last-update"' not in html, path
        assert "Last updated" not in html, path


# -- Bad front matter fails the build, located ---------------------------------
# (file, line, field, bad value as shown, words of what is allowed, subtype)
BAD = [
    ("missing.md", 1, "last_reviewed", "is missing", "last_reviewed: YYYY-MM-DD", "missing"),
    ("impossible.md", 2, "last_reviewed", "'2023-02-30'", "February 2023 has 28 days", "date"),
    ("future.md", 3, "last_reviewed", "'2027-01-01'", "after the build date 2026-12-05", "date"),
    ("next-before.md", 3, "next_review", "'2026-10-01'", "is not after last_reviewed 2026-11-20", "date"),
    ("not-a-date.md", 2, "last_reviewed", "'26/11/2026'", "YYYY-MM-DD", "date"),
    ("number.md", 2, "last_reviewed", "'2026'", "YYYY-MM-DD", "date"),
    ("with-time.md", 2, "last_reviewed", "'2026-11-20 10:00'", "YYYY-MM-DD", "date"),
    ("a-list.md", 2, "last_reviewed", "'[2026-11-20]'", "is a list", "date"),
    ("empty.md", 2, "last_reviewed", "is empty", "YYYY-MM-DD", "date"),
    ("twice.md", 3, "last_reviewed", "is given twice (lines 2 and 3)", "keep one", "field"),
    ("typo.md", 2, "last_review", "is not a known field", "did you mean 'last_reviewed'", "field"),
    ("typo.md", 1, "last_reviewed", "is missing", "YYYY-MM-DD", "missing"),
    ("too-far.md", 3, "next_review", "'2030-01-01'", "more than 24 months", "date"),
    ("bad-next.md", 3, "next_review", "'soon'", "YYYY-MM-DD", "date"),
    ("bad-yaml.md", 2, "", "not valid YAML", "'key: value' per line", "yaml"),
    ("unclosed.md", 1, "", "no closing '---' line", "end it with a line '---'", "yaml"),
]  # fmt: skip


_STRICT = [
    sys.executable,
    "-m",
    "sphinx",
    "-b",
    "html",
    "-W",
    "--keep-going",
    "-n",
    "-q",
]


def _strict(src: Path) -> subprocess.CompletedProcess:
    """``sphinx-build -W --keep-going -n`` on *src* on the day ``BUILT``, uncoloured."""
    return subprocess.run(
        [*_STRICT, str(src), str(src / "_build" / "html")],
        env={
            **os.environ,
            "PYTHONPATH": str(REPO / "extensions"),
            "SOURCE_DATE_EPOCH": _epoch(BUILT),
            "NO_COLOR": "1",
        },
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )


@pytest.fixture(scope="module")
def strict_build(tmp_path_factory) -> tuple[int, list[str], Path]:
    """``sphinx-build -W --keep-going -n`` on the test root, as ``make html`` runs it."""
    src = tmp_path_factory.mktemp("review-src") / "src"
    shutil.copytree(ROOT, src)
    result = _strict(src)
    output = (result.stdout + result.stderr).replace(str(src) + "/", "")
    return result.returncode, output.splitlines(), src / "_build" / "html"


def test_bad_front_matter_fails_the_strict_build_without_a_traceback(strict_build):
    code, output, _outdir = strict_build
    assert code != 0
    assert not any("Traceback" in line or "Exception" in line for line in output)
    located = [line for line in output if "[review-dates." in line]
    assert len(located) == len(BAD), "\n".join(located)


@pytest.mark.parametrize(("file", "line", "field", "value", "allowed", "kind"), BAD)
def test_each_bad_front_matter_names_file_line_field_value_and_what_is_allowed(
    strict_build, file, line, field, value, allowed, kind
):
    _code, output, _outdir = strict_build
    where = f"{file}:{line}: WARNING: "
    found = [text for text in output if text.startswith(where) and value in text]
    assert found, f"nothing at {where} with {value!r} in:\n" + "\n".join(output)
    text = found[0]
    if field:
        assert f"field '{field}'" in text
    assert allowed in text
    assert text.endswith(f"[review-dates.{kind}]")


def test_with_front_matter_too_each_problem_is_reported_once(tmp_path):
    """The site also loads front_matter, which checks every page's YAML: no echo."""
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    conf = src / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8").replace(
            '"myst_parser", "review_dates"',
            '"myst_parser", "front_matter", "review_dates"',
        ),
        encoding="utf-8",
    )
    # Quoted, PyYAML reads it as text: only review_dates can see it is no day.
    (src / "quoted.md").write_text(
        '---\nlast_reviewed: "2023-02-30"\n---\n\n# Quoted\n', encoding="utf-8"
    )
    result = _strict(src)
    assert result.returncode != 0
    output = result.stderr.replace(str(src) + "/", "")
    assert "Traceback" not in output
    said = [
        line.split(":", 1)[0]
        for line in output.splitlines()
        if "[review-dates." in line or "[front-matter." in line
    ]
    expected = sorted([case[0] for case in BAD] + ["quoted.md"])
    assert sorted(said) == expected, output


def test_good_and_overdue_pages_of_the_test_root(strict_build):
    _code, _output, outdir = strict_build
    good = _soup(outdir / "good.html").select_one("p.kb-review-dates")
    assert good.get_text() == (
        "Last reviewed: November 20, 2026. Next review due: May 20, 2027."
    )
    assert [t["datetime"] for t in good.select("time")] == ["2026-11-20", "2027-05-20"]
    overdue = _soup(outdir / "overdue.html").select_one("p.kb-review-dates")
    assert "kb-review-overdue" in overdue["class"]
    # Overdue, the line says when the page was checked; the notice under it
    # says since when it awaits a re-check (tests/test_review_due.py).
    assert overdue.get_text() == "Last reviewed: January 10, 2025."
    notice = _soup(outdir / "overdue.html").select_one("div.kb-review-notice")
    assert (
        notice.get_text()
        .strip()
        .startswith("This page is awaiting re-check since July 10, 2025.")
    )
    assert _soup(outdir / "good.html").select("div.kb-review-notice") == []
    # 12 months after a 29 February is the last day of the next February.
    leap = _soup(outdir / "leap-day.html").select(
        "p.kb-review-dates time, div.kb-review-notice time"
    )
    assert [t["datetime"] for t in leap] == ["2024-02-29", "2025-02-28"]
    # A page with a problem shows no made-up date.
    assert _soup(outdir / "impossible.html").select("p.kb-review-dates") == []


# -- Builds over time, and the book ----------------------------------------------
def _small_project(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(ROOT / "conf.py", src / "conf.py")
    (src / "index.md").write_text(
        "---\nlast_reviewed: 2026-11-20\nnext_review: 2027-01-10\n---\n\n# Home\n\n"
        "```{toctree}\nbad\n```\n",
        encoding="utf-8",
    )
    (src / "bad.md").write_text("# No date\n\nText.\n", encoding="utf-8")
    return src


def test_a_page_that_goes_overdue_says_so_on_the_next_build(
    tmp_path, make_app, monkeypatch
):
    src = _small_project(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(date(2027, 1, 10)))
    app = make_app("html", srcdir=src)
    app.build()
    assert (
        "bad.md:1: WARNING: field 'last_reviewed' is missing" in app.warning.getvalue()
    )
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "Next review due:" in html and "overdue" not in html
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(date(2027, 1, 11)))
    again = make_app("html", srcdir=src)  # same folders: an incremental build
    again.build()
    html = (again.outdir / "index.html").read_text(encoding="utf-8")
    assert 'awaiting re-check since <time datetime="2027-01-10">' in html
    # The page without a date is still reported, though it did not change.
    assert "bad.md:1: WARNING: field 'last_reviewed' is missing" in (
        again.warning.getvalue()
    )


def test_the_book_shows_the_review_dates(tmp_path, make_app, monkeypatch):
    src = _small_project(tmp_path)
    (src / "bad.md").write_text(
        "---\nlast_reviewed: 2026-11-01\n---\n\n# Dated\n\nText.\n", encoding="utf-8"
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(BUILT))
    app = make_app("latex", srcdir=src)
    app.build()
    assert app.warning.getvalue() == ""
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "Last reviewed: November 1, 2026. Next review due: November 1, 2027." in tex


# -- In a browser, on a phone ----------------------------------------------------
PHONE_PAGES = [
    "index",
    "care/respiratory-care",
    "drugs/approved/tofersen",
    "rights/index",
    "glossary",
]


@pytest.mark.parametrize("language", EDITIONS)
def test_review_line_is_in_the_first_screen_on_a_phone_and_prints(
    browser, served_site, language
):
    context = browser.new_context(viewport={"width": 375, "height": 667})
    tab = context.new_page()
    try:
        for page in PHONE_PAGES:
            tab.goto(f"{served_site}/{language}/{page}.html")
            line = tab.locator("article p.kb-review-dates")
            assert line.is_visible(), page
            box = line.bounding_box()
            assert box is not None and box["y"] + box["height"] <= 667, (page, box)
            # Both dates on screen, in their own words (not cut off).
            assert line.locator("time").count() == 2
            assert box["width"] <= 375
            tab.emulate_media(media="print")
            assert line.is_visible(), f"{page}: the review line does not print"
            tab.emulate_media(media="screen")
    finally:
        context.close()
