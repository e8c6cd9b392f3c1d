"""Review governance: when pages and records fall due, and what readers and editors see.

- the intervals (12 months for pages and drug-facts, 6 for trials that recruit
  or run, 12 for other trials) come from one place, and a changed interval
  changes every part that shows a date;
- a build dated after a next review date (``SOURCE_DATE_EPOCH``) shows the
  "awaiting re-check" notice on the page, in English and Spanish, marks the
  overview row in words, logs one INFO line per item and still passes strictly;
  the same build dated today shows none of it;
- a bad ``next_review`` in a trial record is a located error;
- ``make review-due`` (``review_dates.due.main``) lists the right items, by date,
  with their sources, and exits 0;
- on the real site, a build dated the day after its first record falls due
  shows the notice on the page of that record's drug, readable at 375 px,
  without JavaScript, and in print.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, build_docs

ROOT = Path(__file__).parent / "roots" / "test-review-due"
NOW = date(2026, 12, 5)  # the day these records were last checked, and after
LATER = date(2027, 6, 1)  # after care.md (2027-03-01) and alpha-open (2027-05-20)


def _epoch(day: date) -> str:
    return str(int(datetime(day.year, day.month, day.day, 12, tzinfo=UTC).timestamp()))


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


# -- The intervals, declared once ------------------------------------------------
@pytest.mark.parametrize(
    ("status", "due"),
    [
        ("recruiting", date(2027, 2, 28)),
        ("not-yet-recruiting", date(2027, 2, 28)),
        ("enrolling-by-invitation", date(2027, 2, 28)),
        ("active-not-recruiting", date(2027, 2, 28)),
        ("completed", date(2027, 8, 31)),
        ("terminated", date(2027, 8, 31)),
        ("unknown", date(2027, 8, 31)),
    ],
)
def test_a_trial_record_is_due_6_months_on_while_it_runs_12_otherwise(status, due):
    from review_dates.schedule import record_due

    # 31 August + 6 months is the last day of February.
    assert record_due({"status": status, "last_verified": "2026-08-31"}) == due
    given = {
        "status": status,
        "last_verified": "2026-08-31",
        "next_review": "2027-01-15",
    }
    assert record_due(given) == date(2027, 1, 15)


def test_one_build_date_for_every_part(monkeypatch):
    import trial_facts.records
    from review_dates import build_date as exported
    from review_dates.schedule import build_date

    assert trial_facts.records.build_date is build_date is exported
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(LATER))
    assert build_date() == LATER
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    assert build_date() == date.today()  # and builder-inited warns (test_review_dates)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_date() == date.today()


# -- Bad dates in a trial record ---------------------------------------------------
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            'next_review: "2026-11-01"',
            "field 'next_review': next_review '2026-11-01' must be after"
            " last_verified '2026-11-20'; write a later day, or leave next_review"
            " out for the default interval (6 months",
        ),
        ('next_review: "2027-02-30"', "February 2027 has 28 days"),
        ('next_review: "soon"', "field 'next_review'"),
    ],
)
def test_a_bad_next_review_in_a_record_is_a_located_error(tmp_path, line, expected):
    from trial_facts.records import load_trial

    text = (ROOT / "_data" / "trials" / "alpha-open.yaml").read_text(encoding="utf-8")
    path = tmp_path / "alpha-open.yaml"
    path.write_text(text + line + "\n", encoding="utf-8")
    record = load_trial(path, "alpha-open.yaml")
    found = [p for p in record.problems if expected in f"{p.path}:{p.line}: {p}"]
    assert found, record.problems
    assert found[0].line == text.count("\n") + 1
    assert "soon" not in line or "'soon'" in str(found[0])


# -- Builds before and after the due dates -----------------------------------------
def _build(src: Path, out: Path, day: date, language: str = "en", *extra: str):
    """``sphinx-build -W --keep-going -n`` (not quiet: INFO lines are kept) on *day*."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-W",
            "--keep-going",
            "-n",
            "-D",
            f"language={language}",
            *extra,
            "-d",
            str(out / "doctrees"),
            str(src),
            str(out / "html"),
        ],
        env={
            **os.environ,
            "PYTHONPATH": str(REPO / "extensions"),
            "SOURCE_DATE_EPOCH": _epoch(day),
            "NO_COLOR": "1",
        },
        capture_output=True,
        text=True,
        cwd=src,
        check=False,
    )
    pages = {
        p.stem: (out / "html" / f"{p.stem}.html").read_text(encoding="utf-8")
        for p in src.glob("*.md")
        if (out / "html" / f"{p.stem}.html").is_file()
    }
    return result.returncode, result.stdout + result.stderr, pages


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, tuple[int, str, dict[str, str]]]:
    """The test root built on NOW, then again (incrementally) on LATER; es on LATER."""
    src = tmp_path_factory.mktemp("review-due") / "src"
    shutil.copytree(ROOT, src)
    catalogs = src / "locales" / "es" / "LC_MESSAGES"
    catalogs.mkdir(parents=True)
    for name in ("editions.po", "trial-facts.po"):
        shutil.copy(REPO / "locales" / "es" / "LC_MESSAGES" / name, catalogs / name)
    out = src.parent / "out"
    found = {"now": _build(src, out / "en", NOW)}
    found["later"] = _build(src, out / "en", LATER)  # same folders: incremental
    found["es"] = _build(src, out / "es", LATER, "es")
    found["six"] = _build(
        src, out / "six", NOW, "en", "-D", "kb_review_interval_months=6"
    )
    return found


def _notices(html: str) -> list[BeautifulSoup]:
    return _soup(html).select(
        "article div.kb-review-notice, div.body div.kb-review-notice"
    )


def _rows(html: str) -> dict[str, BeautifulSoup]:
    """The overview's rows, by trial id (from the link to the trial's table)."""
    rows = {}
    for row in _soup(html).select("table.kb-trial-overview tbody tr"):
        link = row.select_one("a[href*='#trial-facts-']")
        rows[link["href"].rsplit("#trial-facts-", 1)[1]] = row
    return rows


def test_built_on_the_day_nothing_is_awaiting_a_recheck(builds):
    code, log, pages = builds["now"]
    assert code == 0, log
    assert "WARNING" not in log
    assert "awaiting re-check" not in log
    for name, html in pages.items():
        assert _notices(html) == [], name
        assert "kb-review-overdue" not in html, name
    rows = _rows(pages["trials"])
    assert sorted(rows) == ["alpha-done", "alpha-open"]
    assert "kb-review-due-2027-05-20" in rows["alpha-open"]["class"]
    assert "kb-review-due-2027-11-20" in rows["alpha-done"]["class"]


def test_built_after_the_due_date_the_page_says_it_awaits_a_recheck(builds):
    code, log, pages = builds["later"]
    assert code == 0, log  # a due date never breaks the strict build
    assert "WARNING" not in log
    # The drug page's own date is November 2027; its recruiting trial's is May.
    (notice,) = _notices(pages["alpha"])
    assert notice.get_text(" ", strip=True) == (
        "This page is awaiting re-check since May 20, 2027 . Some facts on it may"
        " be out of date: check with your care team before you act on them."
    )
    assert notice.select_one("time")["datetime"] == "2027-05-20"
    # Right under the review line, before the fact box.
    line = notice.find_previous_sibling()
    assert "kb-review-dates" in line["class"]
    assert line.get_text() == (
        "Last reviewed: November 20, 2026. Next review due: November 20, 2027."
    )
    assert notice.find_next_sibling().name == "table"
    # A page past its own date: the line says when it was checked.
    (notice,) = _notices(pages["care"])
    assert notice.select_one("time")["datetime"] == "2027-03-01"
    line = _soup(pages["care"]).select_one("p.kb-review-dates")
    assert line.get_text() == "Last reviewed: November 20, 2026."
    assert _notices(pages["index"]) == _notices(pages["trials"]) == []


def test_the_overview_marks_the_overdue_row_in_words(builds):
    _code, _log, pages = builds["later"]
    rows = _rows(pages["trials"])
    overdue, current = rows["alpha-open"], rows["alpha-done"]
    assert "kb-review-overdue" in overdue["class"]
    assert "kb-review-overdue" not in current["class"]
    assert overdue["data-review-due"] == "2027-05-20"
    assert overdue["data-review-overdue"] == "true"
    assert current["data-review-due"] == "2027-11-20"
    assert current["data-review-overdue"] == "false"
    status = overdue.select_one("td[data-label='Status']")
    assert status.get_text(" ", strip=True) == (
        "Recruiting Awaiting re-check since May 20, 2027"
    )
    assert "re-check" not in current.get_text()


def test_the_log_lists_each_overdue_item_once_as_information(builds):
    _code, log, _pages = builds["later"]
    lines = [line for line in log.splitlines() if "awaiting re-check" in line]
    assert lines == [
        "review-dates: care.md: awaiting re-check since 2027-03-01",
        "review-dates: _data/trials/alpha-open.yaml:28: awaiting re-check since 2027-05-20",
    ]


def test_the_notice_and_the_mark_are_translated(builds):
    code, log, pages = builds["es"]
    assert code == 0, log
    (notice,) = _notices(pages["alpha"])
    text = notice.get_text(" ", strip=True)
    assert text.startswith(
        "Esta página está pendiente de revisión desde el 20 de mayo de 2027 ."
    )
    assert "equipo asistencial" in text
    status = _rows(pages["trials"])["alpha-open"].select("td")[3]
    assert "Pendiente de revisión desde el 20 de mayo de 2027" in status.get_text()
    for html in pages.values():
        assert "re-check" not in _soup(html).get_text()


def test_one_interval_moves_the_line_and_the_fact_box_together(builds):
    code, log, pages = builds["six"]
    assert code == 0, log
    soup = _soup(pages["alpha"])
    line = soup.select_one("p.kb-review-dates")
    assert [t["datetime"] for t in line.select("time")] == ["2026-11-20", "2027-05-20"]
    box = soup.select_one("table.kb-drug-facts")
    cells = {
        row.th.get_text(strip=True): row.td.get_text(strip=True)
        for row in box.select("tr")
        if row.th
    }
    assert cells["Next review due"] == "May 20, 2027"
    _code, _log, default = builds["now"]
    box = _soup(default["alpha"]).select_one("table.kb-drug-facts")
    assert "November 20, 2027" in box.get_text()


# -- make review-due -----------------------------------------------------------------
def _due(tmp_path: Path, capsys, *args: str) -> tuple[int, list[str]]:
    from review_dates.due import main

    src = tmp_path / "src"
    if not src.exists():
        shutil.copytree(ROOT, src)
    cwd = Path.cwd()
    os.chdir(src.parent)
    try:
        code = main([*args, "--conf", str(src / "conf.py"), "src"])
    finally:
        os.chdir(cwd)
    return code, capsys.readouterr().out.splitlines()


def test_review_due_lists_what_falls_due_with_its_sources(tmp_path, capsys):
    code, out = _due(tmp_path, capsys, "--today", "2027-05-01", "--days", "30")
    assert code == 0
    assert out == [
        "Review due by 2027-05-31 (build date 2027-05-01, DAYS=30): 2 of 7 pages"
        " and records",
        "2027-03-01  OVERDUE  page   src/care.md",
        "    re-check: https://example.org/guideline_(2026)",
        "    re-check: https://example.org/study",
        "2027-05-20  due      trial  src/_data/trials/alpha-open.yaml:28",
        "    re-check: https://clinicaltrials.gov/study/NCT01234560",
        "    re-check: https://example.org/alpha-open",
    ]


def test_review_due_with_more_days_and_a_bad_file(tmp_path, capsys):
    code, out = _due(tmp_path, capsys, "--today", "2026-12-05", "--days", "0")
    assert code == 0
    assert out == [
        "Review due by 2026-12-05 (build date 2026-12-05, DAYS=0): 0 of 7 pages"
        " and records"
    ]
    (tmp_path / "src" / "bad.md").write_text(
        "---\nlast_reviewed: 2026-02-30\n---\n\n# Bad\n", encoding="utf-8"
    )
    code, out = _due(tmp_path, capsys, "--today", "2027-12-01", "--days", "30")
    assert code == 0
    dated = [line for line in out if re.match(r"\d{4}-", line)]
    assert [line.split()[0] for line in dated] == sorted(
        line.split()[0] for line in dated
    )
    assert len(dated) == 7  # the 4 pages, the drug and both records: all overdue
    assert "2027-11-20  OVERDUE  drug   src/alpha.md:15" in dated
    assert out[-2:] == [
        "Dates that could not be read (1):",
        "    src/bad.md:2: field 'last_reviewed': '2026-02-30' is not a real day"
        " (February 2026 has 28 days); write the day as YYYY-MM-DD, for example"
        " 2026-11-26",
    ]


def test_review_due_never_prints_control_characters(tmp_path, capsys):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "conf.py").write_text("", encoding="utf-8")
    (tmp_path / "src" / "evil.md").write_text(
        "---\nlast_reviewed: 2026-01-10\n---\n\n# Evil\n\n## Sources\n\n"
        "- [x](https://example.org/\x1b]0;owned\x07\x1b[2J)\n",
        encoding="utf-8",
    )
    code, out = _due(tmp_path, capsys, "--today", "2027-06-01")
    assert code == 0
    assert "    re-check: https://example.org/\\x1b" in out  # written, not sent
    assert not any("\x1b" in line or "\x07" in line for line in out)


# -- The real site, built on the day after its first record falls due ------------------
class Future:
    """The real site's first record to fall due, the page showing it, and one that
    is due later, read from the files (so the test follows the sweeps' edits)."""

    def __init__(self) -> None:
        import yaml

        from review_dates.schedule import record_due

        dues = {}
        for path in sorted((REPO / "docs" / "_data" / "trials").glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            dues[path.stem] = record_due(data)
        self.first = min(dues, key=lambda t: (dues[t], t))
        self.due = dues[self.first]
        self.day = self.due + timedelta(days=1)  # the build date
        self.later = max(dues, key=lambda t: (dues[t], t))
        assert dues[self.later] > self.day, dues
        pattern = re.compile(rf"^```{{trial-facts}} {re.escape(self.first)}$", re.M)
        (self.page,) = [
            p.relative_to(REPO / "docs").with_suffix("").as_posix()
            for p in sorted((REPO / "docs").rglob("*.md"))
            if pattern.search(p.read_text(encoding="utf-8"))
        ]


FUTURE = Future()


def test_make_review_due_runs_from_the_repository(tmp_path):
    result = subprocess.run(
        ["make", "--no-print-directory", "review-due", "DAYS=30"],
        cwd=REPO,
        env={**os.environ, "SOURCE_DATE_EPOCH": _epoch(FUTURE.day)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"(build date {FUTURE.day.isoformat()}, DAYS=30)" in result.stdout
    assert re.search(
        rf"^{FUTURE.due.isoformat()}  OVERDUE  trial  "
        rf"docs/_data/trials/{re.escape(FUTURE.first)}\.yaml:\d+$",
        result.stdout,
        re.M,
    ), result.stdout
    assert "    re-check: https://" in result.stdout


@pytest.fixture(scope="module")
def future_site(tmp_path_factory):
    """The English site built strictly the day after its first record fell due."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = _epoch(FUTURE.day)
    try:
        return build_docs(tmp_path_factory.mktemp("future"))
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def test_the_real_site_in_the_future(future_site):
    assert future_site.warnings == ""
    (notice,) = _soup(future_site.html(FUTURE.page)).select(
        "article div.kb-review-notice"
    )
    assert notice.select_one("time")["datetime"] == FUTURE.due.isoformat()
    care = _soup(future_site.html("care/respiratory-care"))
    assert care.select("div.kb-review-notice") == []
    rows = _rows(future_site.html("drugs/all-trials"))
    assert "kb-review-overdue" in rows[FUTURE.first]["class"]
    assert "kb-review-overdue" not in rows[FUTURE.later]["class"]


@pytest.mark.parametrize("width", [375, 1280])
def test_the_notice_reads_on_a_phone_without_javascript_and_prints(
    browser, future_site, width
):
    context = browser.new_context(
        viewport={"width": width, "height": 800}, java_script_enabled=False
    )
    tab = context.new_page()
    try:
        tab.goto((future_site.outdir / f"{FUTURE.page}.html").as_uri())
        notice = tab.locator("article div.kb-review-notice")
        assert notice.is_visible()
        box = notice.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
        assert box["y"] + box["height"] <= 800, box  # in the first screen
        # Set apart from the text (a border and a background), not only by colour.
        style = notice.evaluate(
            "n => [getComputedStyle(n).borderLeftWidth, getComputedStyle(n).paddingLeft]"
        )
        assert style[0] == "4px" and style[1] != "0px"
        assert "awaiting re-check since" in notice.inner_text()
        tab.emulate_media(media="print")
        assert notice.is_visible()
        tab.emulate_media(media="screen")
        # In the overview's cards, the mark sits under the status, not under
        # the cell's label.
        tab.goto((future_site.outdir / "drugs" / "all-trials.html").as_uri())
        row = tab.locator("tr.kb-review-overdue").first
        mark = row.locator(".kb-review-mark")
        status = row.locator("td[data-label='Status'] p").first
        assert mark.is_visible() and "Awaiting re-check since" in mark.inner_text()
        assert mark.bounding_box()["x"] == status.bounding_box()["x"]
        assert mark.bounding_box()["y"] > status.bounding_box()["y"]
    finally:
        context.close()


@pytest.mark.parametrize("page", [FUTURE.page, "drugs/all-trials"])
def test_the_notice_and_the_marks_pass_axe(browser, future_site, page):
    """Contrast and structure of the notice and the marked rows (axe-core)."""
    from test_browser_accessibility import AXE

    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make test`, which installs it with npm")
    context = browser.new_context(viewport={"width": 375, "height": 800})
    tab = context.new_page()
    try:
        tab.goto((future_site.outdir / f"{page}.html").as_uri())
        assert tab.locator(".kb-review-notice, .kb-review-mark").count() > 0
        tab.add_script_tag(path=str(AXE))
        violations = tab.evaluate(
            """async () => (await axe.run(document, {resultTypes: ["violations"]}))
                .violations.filter(v => ["serious", "critical"].includes(v.impact))
                .map(v => ({id: v.id, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))"""
        )
        assert violations == [], violations
    finally:
        context.close()


def test_the_book_is_dated_by_the_same_build_date(tmp_path, make_app, monkeypatch):
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "book", "review_dates"]\n', encoding="utf-8"
    )
    (src / "index.md").write_text(
        "---\nlast_reviewed: 2026-11-20\n---\n\n# Home\n\n```{toctree}\nold\n```\n",
        encoding="utf-8",
    )
    (src / "old.md").write_text(
        "---\nlast_reviewed: 2026-01-10\n---\n\n# Old\n\nText.\n", encoding="utf-8"
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(LATER))
    app = make_app("latex", srcdir=src)
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "Built on June 1, 2027" in tex
    # ... and the page, due in January 2027, says it awaits a re-check there too.
    assert r"awaiting re\sphinxhyphen{}check since January 10, 2027." in tex
