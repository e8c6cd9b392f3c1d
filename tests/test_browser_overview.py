"""The trial overviews and the drug fact box, read as a reader reads them.

On a phone (375 px) every trial is a card whose status, phase, participants and
dates are on screen; at 1280 px no cell of any overview table is cut off; the
status filter takes several values and an empty result says so in words;
without JavaScript every row shows; printed, every column and registry number
is on paper; and each drug page answers "Approved?" and "Open trials?" in its
opening screen. Every edition.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po
from conftest import EDITIONS, REPO, SCREENSHOTS, require_tools

PHONE = {"width": 375, "height": 740}
WIDE = {"width": 1280, "height": 900}
# The columns a patient looks for first (0 is the trial, 1 the drugs).
PHASE, STATUS, PARTICIPANTS, DATES, REGISTRY = 2, 3, 4, 5, 6
# Measured before this test existed: the printed all-trials page (A4 and
# Letter, 15 mm margins) held 49 rows on 10 and 11 pages (4.9 and 4.5 a page).
ROWS_PER_PAGE_BEFORE = 4.9


def _pages_with(site_dir: Path, marker: str) -> list[str]:
    return sorted(
        str(p.relative_to(site_dir))
        for p in site_dir.rglob("*.html")
        if "_static" not in p.parts and marker in p.read_text(encoding="utf-8")
    )


def _label(language: str, msgid: str) -> str:
    """A label of the extension in *language* (the catalog the build used)."""
    if language == "en":
        return msgid
    po = REPO / "locales" / language / "LC_MESSAGES" / "trial-facts.po"
    with po.open("rb") as file:
        catalog = read_po(file)
    message = catalog.get(msgid)
    assert message is not None and message.string, (language, msgid)
    return message.string


def _shoot(tab, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def _tab(browser, viewport, javascript: bool = True):
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
    return context, context.new_page()


_CELLS = """(columns) => {
  const out = [];
  for (const t of document.querySelectorAll('table.kb-trial-overview')) {
    for (const row of t.tBodies[0].rows) {
      for (const i of columns) {
        const r = row.cells[i].getBoundingClientRect();
        out.push({row: row.cells[0].textContent.trim().slice(0, 40), col: i,
                  label: row.cells[i].dataset.label || '',
                  left: r.left, right: r.right, width: r.width, height: r.height,
                  shown: getComputedStyle(row.cells[i]).visibility !== 'hidden'});
      }
    }
  }
  return out;
}"""


@pytest.mark.parametrize("language", EDITIONS)
def test_phone_shows_each_trial_as_a_card(browser, served_site, editions, language):
    pages = _pages_with(editions[language].outdir, "kb-trial-overview")
    assert "drugs/all-trials.html" in pages
    context, tab = _tab(browser, PHONE)
    for page in pages:
        tab.goto(f"{served_site}/{language}/{page}")
        cells = tab.evaluate(_CELLS, [PHASE, STATUS, PARTICIPANTS, DATES])
        assert cells, page
        wrong = [
            c
            for c in cells
            if not c["shown"]
            or c["width"] < 1
            or c["height"] < 1
            or c["left"] < 0
            or c["right"] > PHONE["width"]
            or not c["label"]
        ]
        assert wrong == [], (page, wrong[:3])
        if page == "drugs/all-trials.html" and language in ("en", "ja"):
            tab.locator("table.kb-trial-overview").first.scroll_into_view_if_needed()
            _shoot(tab, f"overview-cards-{language}-375")
    context.close()


_CUT = """() => Array.from(document.querySelectorAll(
    'table.kb-trial-overview, table.kb-drug-pipeline')).map((t) => {
  const box = t.closest('.pst-scrollable-table-container') || t.parentElement;
  const edge = box.getBoundingClientRect();
  const cut = [];
  for (const row of t.tBodies[0].rows) {
    for (const cell of row.cells) {
      const r = cell.getBoundingClientRect();
      if (r.width < 1 || r.left < edge.left - 1 || r.right > edge.right + 1) {
        cut.push(cell.textContent.trim().slice(0, 30));
      }
    }
  }
  return {id: t.id, scroll: box.scrollWidth, client: box.clientWidth, cut};
})"""


@pytest.mark.parametrize("language", EDITIONS)
def test_wide_screen_shows_every_column(browser, served_site, editions, language):
    pages = _pages_with(editions[language].outdir, "kb-trial-overview")
    pages += _pages_with(editions[language].outdir, "kb-drug-pipeline")
    assert len(set(pages)) >= 3
    context, tab = _tab(browser, WIDE)
    for page in sorted(set(pages)):
        tab.goto(f"{served_site}/{language}/{page}")
        for table in tab.evaluate(_CUT):
            assert table["scroll"] <= table["client"], (page, table)
            assert table["cut"] == [], (page, table)
        if page == "drugs/all-trials.html" and language in ("en", "ja"):
            tab.locator("table.kb-trial-overview").first.scroll_into_view_if_needed()
            _shoot(tab, f"overview-table-{language}-1280")
    context.close()


def _visible_rows(tab):
    rows = tab.locator("table.kb-trial-overview").first.locator("tbody tr")
    return [r.get_attribute("class") for r in rows.all() if r.is_visible()]


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["375", "1280"])
@pytest.mark.parametrize("language", EDITIONS)
def test_status_filter_takes_several_values(browser, served_site, language, viewport):
    context, tab = _tab(browser, viewport)
    tab.goto(f"{served_site}/{language}/drugs/all-trials.html")
    table = tab.locator("table.kb-trial-overview").first
    every = [r.get_attribute("class") for r in table.locator("tbody tr").all()]
    wanted = {"recruiting", "not-yet-recruiting"}
    expected = [c for c in every if any(f"kb-status-{s} " in f"{c} " for s in wanted)]
    assert 0 < len(expected) < len(every)
    statuses = tab.locator("fieldset[id$='-status']").first
    assert statuses.locator("legend").inner_text() == _label(language, "Status")
    for code in sorted(wanted):
        statuses.locator(f"input[type=checkbox][value='{code}']").check()
    assert _visible_rows(tab) == expected
    live = tab.locator(".kb-overview-count").first
    assert live.get_attribute("aria-live") == "polite"
    assert str(len(expected)) in live.inner_text()
    # The keyboard reaches the boxes, and a space bar unticks one.
    box = statuses.locator("input[value='recruiting']")
    box.focus()
    tab.keyboard.press("Space")
    assert not box.is_checked()
    assert all("kb-status-not-yet-recruiting" in c for c in _visible_rows(tab))
    context.close()


def _empty_choice(tab) -> tuple[str, str]:
    """A drug stage and a status that no row of the first overview has together."""
    classes = tab.locator("table.kb-trial-overview").first.evaluate(
        "t => Array.from(t.tBodies[0].rows, r => Array.from(r.classList))"
    )
    stages = {c[9:] for row in classes for c in row if c.startswith("kb-stage-")}
    statuses = {c[10:] for row in classes for c in row if c.startswith("kb-status-")}
    for stage in sorted(stages):
        for status in sorted(statuses):
            if not any(
                f"kb-stage-{stage}" in row and f"kb-status-{status}" in row
                for row in classes
            ):
                return stage, status
    raise AssertionError("every stage has a trial of every status")


@pytest.mark.parametrize("language", EDITIONS)
def test_an_empty_result_says_so(browser, served_site, language):
    context, tab = _tab(browser, PHONE)
    tab.goto(f"{served_site}/{language}/drugs/all-trials.html")
    stage, status = _empty_choice(tab)
    tab.locator("select[id$='-stage']").first.select_option(stage)
    tab.locator(f"fieldset[id$='-status'] input[value='{status}']").first.check()
    assert _visible_rows(tab) == []
    words = _label(language, "No trial matches these filters.")
    message = tab.locator(".kb-overview-empty").first
    assert message.is_visible() and words in message.inner_text()
    live = tab.locator(".kb-overview-count").first
    assert live.get_attribute("aria-live") == "polite"
    assert words in live.text_content()
    # No empty table header left on screen.
    assert not tab.locator("table.kb-trial-overview").first.is_visible()
    if language in ("en", "ja"):
        _shoot(tab, f"overview-empty-{language}-375")
    message.get_by_role("button").click()
    assert len(_visible_rows(tab)) > 30
    assert not message.is_visible()
    context.close()


@pytest.mark.parametrize("language", EDITIONS)
def test_without_javascript_every_row_shows(browser, served_site, editions, language):
    pages = _pages_with(editions[language].outdir, "kb-trial-overview")
    for viewport in (PHONE, WIDE):
        context, tab = _tab(browser, viewport, javascript=False)
        for page in pages:
            tab.goto(f"{served_site}/{language}/{page}")
            rows = tab.locator("table.kb-trial-overview tbody tr")
            assert rows.count() > 0
            assert all(r.is_visible() for r in rows.all()), page
            # ...with every value of every row on screen, none scrolled away.
            for table in tab.evaluate(_CUT):
                assert table["scroll"] <= table["client"], (page, viewport, table)
                assert table["cut"] == [], (page, viewport, table)
            controls = ".kb-overview-controls, .kb-overview-empty, .kb-overview-count"
            assert tab.locator(controls).count() == 0, page
        context.close()


def _registry_ids_shown(html: str) -> list[str]:
    shown = set(re.findall(r'#trial-facts-([a-z0-9-]+)"', html))
    ids = []
    for path in sorted((REPO / "docs/_data/trials").glob("*.yaml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        if record["id"] in shown:
            ids.extend(record.get("registry") or [])
    return ids


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_printed_overview_holds_every_column(browser, served_site, site, paper):
    require_tools("pdftotext")
    html = site.html("drugs/all-trials")
    ids = _registry_ids_shown(html.split("</table>", 1)[0])
    rows = html.split("</table>", 1)[0].count('<tr class="kb-row')
    assert len(ids) > 40 and rows > 40
    context, tab = _tab(browser, WIDE)
    tab.goto(f"{served_site}/en/drugs/all-trials.html")
    pdf = SCREENSHOTS.parent / f"all-trials-{paper}.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    margin = {side: "15mm" for side in ("top", "right", "bottom", "left")}
    tab.pdf(path=str(pdf), format=paper, margin=margin, print_background=True)
    context.close()
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = re.sub(r"\s+", "", text)
    missing = [i for i in ids if re.sub(r"\s+", "", i) not in flat]
    assert missing == []
    for header in ("Phase", "Status", "Participants", "Dates", "Registry"):
        assert header in text, header
    # Both tables of the page (49 rows) on fewer pages than before.
    pages = text.count("\f")
    total = html.count('<tr class="kb-row')
    assert total / pages > ROWS_PER_PAGE_BEFORE * 1.25, (total, pages)


def _drug_pages(site_dir: Path) -> list[str]:
    return [
        p
        for p in _pages_with(site_dir, "kb-drug-facts")
        if p.split("/")[1] in ("approved", "in-development", "discontinued")
    ]


_ANSWERS = """() => {
  const t = document.querySelector('table.kb-drug-facts');
  return Array.from(t.tBodies[0].rows).slice(0, 2).map((row) => {
    const head = row.cells[0].getBoundingClientRect();
    const first = row.cells[1].getClientRects()[0];
    return {label: row.cells[0].textContent.trim(),
            answer: row.cells[1].textContent.trim(),
            bottom: Math.max(head.bottom, first ? first.bottom : 1e9)};
  });
}"""


@pytest.mark.parametrize("language", EDITIONS)
def test_drug_page_answers_in_its_opening_screen(
    browser, served_site, editions, language
):
    site_dir = editions[language].outdir
    pages = _drug_pages(site_dir)
    assert len(pages) >= 20
    questions = [_label(language, "Approved?"), _label(language, "Open trials?")]
    context, tab = _tab(browser, PHONE)
    late = []
    for page in pages:
        tab.goto(f"{served_site}/{language}/{page}")
        answers = tab.evaluate(_ANSWERS)
        assert [a["label"] for a in answers] == questions, page
        assert all(a["answer"] for a in answers), page
        # The question and the first line of its answer, before any scrolling.
        late += [(page, a) for a in answers if a["bottom"] > PHONE["height"]]
        if language in ("en", "ja") and page.endswith(
            ("tofersen.html", "pridopidine.html")
        ):
            _shoot(tab, f"drug-{Path(page).stem}-{language}-375")
    context.close()
    assert late == []
    # Topic pages declare drugs too: their fact boxes carry the same rows.
    for page in _pages_with(site_dir, "kb-drug-facts"):
        html = (site_dir / page).read_text(encoding="utf-8")
        boxes = html.count('class="kb-table kb-facts kb-drug-facts')
        assert html.count('class="kb-answer-row') == 2 * boxes, page
