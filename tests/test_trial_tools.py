"""The reader's trial tools, used as a reader uses them, in every edition.

"Could this trial be open to me?" (``finder.py``, ``trial-finder.js``): at 375 px
a reader 30 months from first symptoms sees every trial that requires first
symptoms within fewer months marked as not matching, with that reason in the
edition's words, and a live region gives the counts; nothing leaves 127.0.0.1;
without JavaScript the form is not drawn and every row and eligibility column is
there; the script is loaded only on pages with the form; axe finds nothing
serious or critical on the page with the form filled in.

Compare trials side by side (``compare.py``, ``trial-compare.js``): choosing two
trials shows only their columns and writes them in the URL fragment; the shared
address, opened afresh or reloaded, shows the same view; a fifth choice is
refused; without JavaScript every column shows; axe finds nothing serious.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from babel.messages.pofile import read_po
from conftest import EDITIONS, REPO, local_only

PHONE = {"width": 375, "height": 740}
AXE = REPO / "tests/browser/node_modules/axe-core/axe.min.js"
OVERVIEW = "drugs/all-trials.html"


def _label(language: str, msgid: str) -> str:
    if language == "en":
        return msgid
    po = REPO / "locales" / language / "LC_MESSAGES" / "trial-facts.po"
    with po.open("rb") as file:
        message = read_po(file).get(msgid)
    assert message is not None and message.string, (language, msgid)
    return message.string


def _tab(browser, javascript: bool = True):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    tab = context.new_page()
    return context, tab, local_only(context)


@pytest.mark.parametrize("language", EDITIONS)
def test_reader_30_months_sees_the_shorter_window_trials_excluded(
    browser, served_site, language
):
    context, tab, outside = _tab(browser)
    try:
        tab.goto(f"{served_site}/{language}/{OVERVIEW}")
        form = tab.locator("form.kb-finder-form")
        assert form.count() == 1 and form.is_visible()
        form.locator("input[name=months]").fill("30")
        form.locator("button[type=submit]").click()
        rows = tab.locator("table.kb-with-eligibility tbody tr")
        assert rows.count() >= 3
        no = _label(language, "Does not match:")
        unknown = _label(language, "Not enough information to tell")
        reason = _label(language, "requires first symptoms within {months} months")
        excluded = 0
        for index in range(rows.count()):
            row = rows.nth(index)
            limit = row.get_attribute("data-onset-max")
            counted = row.get_attribute("data-onset-from")
            result = row.locator(".kb-finder-result")
            assert result.count() == 1, index
            text = result.inner_text()
            assert result.is_visible()
            if limit is not None and counted == "symptom-onset" and int(limit) < 30:
                assert text.startswith(no), text
                assert reason.format(months=limit) in text, text
                excluded += 1
            elif limit is None:
                assert text == unknown, text
        assert excluded >= 2  # PREVAiLS (18 months) and ALSTARS (24 months)
        status = form.locator(".kb-finder-status")
        assert status.get_attribute("role") == "status"
        assert str(excluded) in status.inner_text()
        # Clearing the form takes every mark away.
        form.locator("button[type=reset]").click()
        tab.wait_for_timeout(50)
        assert tab.locator(".kb-finder-result").count() == 0
    finally:
        context.close()
    assert outside == []


@pytest.mark.parametrize("language", EDITIONS)
def test_finder_targets_are_large_and_labelled(browser, served_site, language):
    context, tab, outside = _tab(browser)
    try:
        tab.goto(f"{served_site}/{language}/{OVERVIEW}")
        controls = tab.locator("form.kb-finder-form :is(input, select, button)")
        assert controls.count() == 6
        for index in range(controls.count()):
            box = controls.nth(index).bounding_box()
            assert box["height"] >= 44 and box["width"] >= 44, index
            assert box["x"] + box["width"] <= PHONE["width"], index
        for name in ("months", "age", "country", "gene"):
            ident = tab.locator(f"form.kb-finder-form [name={name}]").get_attribute(
                "id"
            )
            assert tab.locator(f'label[for="{ident}"]').inner_text().strip()
        note = tab.locator("p.kb-finder-note")
        assert note.is_visible()
        link = note.locator("a")
        assert link.get_attribute("href").endswith(
            "open-label-extension.html#research-ole-questions"
        )
    finally:
        context.close()
    assert outside == []


@pytest.mark.parametrize("language", EDITIONS)
def test_without_javascript_every_row_and_eligibility_column_shows(
    browser, served_site, editions, language
):
    html = editions[language].html("drugs/all-trials")
    rows_in_html = len(
        re.findall(r'<tr class="kb-row', html.split("kb-with-eligibility", 1)[1])
    )
    context, tab, _outside = _tab(browser, javascript=False)
    try:
        tab.goto(f"{served_site}/{language}/{OVERVIEW}")
        assert not tab.locator("form.kb-finder-form").is_visible()
        assert tab.locator("p.kb-finder-note").is_visible()
        table = tab.locator("table.kb-with-eligibility")
        rows = table.locator("tbody tr")
        assert rows.count() == rows_in_html > 0
        for index in range(rows.count()):
            assert rows.nth(index).is_visible()
            assert rows.nth(index).locator("td").count() == 11
        for header in ("Age", "Time since ALS began", "Genes", "Countries"):
            label = _label(language, header)
            cells = table.locator(f'td[data-label="{label}"]')
            assert cells.count() == rows_in_html, header
    finally:
        context.close()


def test_script_only_on_pages_with_the_form(editions):
    for language, built in editions.items():
        for path in built.outdir.rglob("*.html"):
            text = path.read_text(encoding="utf-8")
            assert ("trial-finder.js" in text) == ('class="kb-finder-form"' in text), (
                language,
                path,
            )
        assert "trial-finder.js" in built.html("drugs/all-trials")
        assert "trial-finder.js" in built.html("drugs/in-development/pridopidine")


@pytest.mark.parametrize("language", EDITIONS)
def test_finder_words_are_the_editions(editions, language):
    html = editions[language].html("drugs/all-trials")
    block = re.search(r'class="kb-finder-labels">(.*?)</script>', html).group(1)
    for msgid in ("Does not match:", "May match: ask the trial team"):
        assert _label(language, msgid) in block
    legend = re.search(r"<legend>(.*?)</legend>", html).group(1)
    assert legend == _label(language, "Could this trial be open to me?").replace(
        "'", "&#x27;"
    )


@pytest.mark.parametrize("language", EDITIONS)
def test_axe_on_the_filled_finder(browser, served_site, language):
    assert AXE.is_file()
    context, tab, outside = _tab(browser)
    try:
        tab.goto(f"{served_site}/{language}/{OVERVIEW}")
        form = tab.locator("form.kb-finder-form")
        form.locator("input[name=months]").fill("30")
        form.locator("input[name=age]").fill("80")
        form.locator("button[type=submit]").click()
        tab.add_script_tag(path=str(AXE))
        violations = tab.evaluate(
            """async () => (await axe.run(document, {resultTypes: ["violations"]}))
                .violations.filter(v => ["serious", "critical"].includes(v.impact))
                .map(v => ({id: v.id, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))"""
        )
        assert violations == [], violations
    finally:
        context.close()
    assert outside == []


COMPARE = "drugs/compare.html"


def _shown_columns(tab) -> list[str]:
    return tab.evaluate(
        """() => Array.from(document.querySelectorAll('#kb-compare-table thead th'))
            .filter(th => th.offsetParent !== null && th.className.includes('kb-cmp-'))
            .map(th => th.className.match(/kb-cmp-([a-z0-9-]+)/)[1])"""
    )


@pytest.mark.parametrize("language", EDITIONS)
def test_compare_two_trials_and_reload_the_shared_address(
    browser, served_site, language
):
    context, tab, outside = _tab(browser)
    try:
        tab.goto(f"{served_site}/{language}/{COMPARE}")
        every = _shown_columns(tab)
        assert {"pridopidine-prevails", "coya-302-alstars"} <= set(every)
        assert len(every) >= 5
        boxes = tab.locator(".kb-compare-controls input[type=checkbox]")
        assert boxes.count() == len(every)
        for trial in ("pridopidine-prevails", "coya-302-alstars"):
            box = tab.locator(f'.kb-compare-controls input[value="{trial}"]')
            assert box.locator("xpath=..").bounding_box()["height"] >= 44
            box.check()
        assert sorted(_shown_columns(tab)) == [
            "coya-302-alstars",
            "pridopidine-prevails",
        ]
        url = tab.url
        assert url.endswith("#t=pridopidine-prevails,coya-302-alstars") or url.endswith(
            "#t=coya-302-alstars,pridopidine-prevails"
        )
        status = tab.locator(".kb-compare-status")
        assert status.get_attribute("role") == "status" and "2" in status.inner_text()
        # The shared address, opened afresh, shows the same two columns.
        other = context.new_page()
        other.goto(url)
        assert sorted(_shown_columns(other)) == sorted(_shown_columns(tab))
        checked = other.locator(".kb-compare-controls input:checked")
        assert checked.count() == 2
        tab.reload()
        assert sorted(_shown_columns(tab)) == [
            "coya-302-alstars",
            "pridopidine-prevails",
        ]
        # A fifth choice is refused in words.
        tab.locator(".kb-compare-controls button").click()
        assert len(_shown_columns(tab)) == len(every)
        for index in range(4):
            boxes.nth(index).check()
        boxes.nth(4).click()
        assert boxes.nth(4).is_checked() is False
        assert len(_shown_columns(tab)) == 4
    finally:
        context.close()
    assert outside == []


@pytest.mark.parametrize("language", EDITIONS)
def test_compare_without_javascript_shows_every_trial(
    browser, served_site, editions, language
):
    html = editions[language].html("drugs/compare")
    columns = set(re.findall(r'<th class="[^"]*kb-cmp-([a-z0-9-]+)', html))
    context, tab, _outside = _tab(browser, javascript=False)
    try:
        tab.goto(
            f"{served_site}/{language}/{COMPARE}#t=pridopidine-prevails,coya-302-alstars"
        )
        assert set(_shown_columns(tab)) == columns and len(columns) >= 5
        assert not tab.locator(".kb-compare-controls").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("language", EDITIONS)
def test_axe_on_the_comparison(browser, served_site, language):
    context, tab, outside = _tab(browser)
    try:
        tab.goto(
            f"{served_site}/{language}/{COMPARE}#t=pridopidine-prevails,coya-302-alstars"
        )
        tab.add_script_tag(path=str(AXE))
        violations = tab.evaluate(
            """async () => (await axe.run(document, {resultTypes: ["violations"]}))
                .violations.filter(v => ["serious", "critical"].includes(v.impact))
                .map(v => ({id: v.id, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))"""
        )
        assert violations == [], violations
    finally:
        context.close()
    assert outside == []


HANDOUT_DRUGS = ("tofersen", "pridopidine", "riluzole")


# pdftotext wraps right-to-left runs in U+202B ... U+202C, gives Arabic's
# lam-alef ligature (لأ, لا) as its two letters in visual order (ال, أل) and
# may attach a vowel sign or shadda to the next letter: compared without
# those, Arabic text is found as Chromium printed it.
_PDF_NOISE = re.compile(
    "[\\s\u202a-\u202e\u0644\u0627\u0623\u0625\u0622\u064b-\u065f\u0670]"
)


def _comparable(text: str) -> str:
    return _PDF_NOISE.sub("", unicodedata.normalize("NFKC", text))


def _pdf_pages_and_text(path) -> tuple[int, str]:
    import subprocess

    info = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True
    )
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))
    text = subprocess.run(
        ["pdftotext", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return pages, text


@pytest.mark.parametrize("language", EDITIONS)
def test_handout_prints_on_one_page_in_the_readers_language(
    browser, served_site, editions, language, tmp_path
):
    context, tab, outside = _tab(browser)
    try:
        for drug in HANDOUT_DRUGS:
            tab.goto(f"{served_site}/{language}/handouts/{drug}.html")
            assert tab.locator("html").get_attribute("lang") == language.replace(
                "_", "-"
            )
            for paper in ("A4", "Letter"):
                pdf = tmp_path / f"{drug}-{paper}.pdf"
                tab.pdf(path=str(pdf), format=paper)
                pages, text = _pdf_pages_and_text(pdf)
                assert pages == 1, (drug, paper, pages)
            # NFKC: pdftotext gives some CJK characters as their compatibility
            # forms (Kangxi radicals) when the font maps them so.
            flat = _comparable(text)

            def printed(msgid: str, flat: str = flat) -> bool:
                wanted = _label(language, msgid)
                if language != "ar":
                    return _comparable(wanted) in flat
                # Word by word: pdftotext gives the right-to-left runs of one
                # printed line in visual order, so clauses come out swapped.
                words = re.split(r"[\s.،,؛:]+", wanted)
                return all(_comparable(w) in flat for w in words if _comparable(w))

            assert printed("My questions for the neurologist")
            # Table cells may be interleaved in the PDF's text: read them in the page.
            assert (
                tab.locator(
                    "th", has_text=_label(language, "How it is thought to work")
                ).count()
                == 1
            )
            if language != "en":
                # The English facts beside the reader's language, and the notice.
                assert "Howitisthoughttowork" in flat
                assert printed(
                    "Volunteers translated this handout from English. "
                    "Where the two differ, the English text prevails."
                )
        # Linked from the drug page, in words of the edition.
        tab.goto(f"{served_site}/{language}/drugs/approved/tofersen.html")
        link = tab.get_by_role(
            "link",
            name=_label(language, "Print a one-page handout for your neurologist"),
        )
        assert link.count() == 1
        link.click()
        assert tab.url.endswith("/handouts/tofersen.html")
        tab.add_script_tag(path=str(AXE))
        violations = tab.evaluate(
            """async () => (await axe.run(document, {resultTypes: ["violations"]}))
                .violations.filter(v => ["serious", "critical"].includes(v.impact))
                .map(v => ({id: v.id, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))"""
        )
        assert violations == [], violations
    finally:
        context.close()
    assert outside == []
