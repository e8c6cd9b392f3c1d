"""A drug's dated history: the rules of a ``history:`` list, the "How we got here"
timeline, the approvals drawn from the record, the trial-status role and the
check of approvals named in prose (extensions/trial_facts/history.py,
history_rules.py, approvals.py)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from conftest import write_catalog

from trial_facts.records import check_drug, load_trial

REPO = Path(__file__).resolve().parent.parent

_DRUG = """\
id: gamma
name: Gamma
sponsor: Gamma Labs
modality: small-molecule
route: [oral]
mechanism: Gamma does something.
stage: in-development
last_reviewed: "2026-01-15"
history:
{events}"""


def _event(date: str, kind: str = "results", url: str = "https://example.org/x"):
    return (
        f'  - date: "{date}"\n'
        f"    kind: {kind}\n"
        "    text: Something happened.\n"
        "    source: {title: A source, url: '" + url + "', kind: press}\n"
    )


def _problems(*events: str) -> list[str]:
    record = check_drug(_DRUG.format(events="".join(events)), "docs/gamma.md", 10)
    return [f"{p.path}:{p.line}: {p}" for p in record.problems]


@pytest.fixture
def build_day(monkeypatch):
    """The build's date is 5 December 2026 (SOURCE_DATE_EPOCH)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796428800")  # 2026-12-05


def test_valid_history_has_no_problem(build_day):
    assert _problems(_event("2019"), _event("2019-03"), _event("2026-12-05")) == []


def test_future_date_is_refused_with_file_line_field_and_limit(build_day):
    problems = _problems(_event("2024-01"), _event("2027-02"))
    assert len(problems) == 1
    # The second event's date is line 14 of the block, line 24 of the page.
    assert problems[0].startswith("docs/gamma.md:24: field 'history[1].date': ")
    assert "'2027-02' is in the future" in problems[0]
    assert "at the latest 2026-12-06" in problems[0]


def test_events_out_of_order_are_refused(build_day):
    problems = _problems(_event("2024-05"), _event("2024-03-10"))
    assert len(problems) == 1
    assert "field 'history[1].date'" in problems[0]
    assert "comes after history[0] dated '2024-05'" in problems[0]
    assert "oldest first" in problems[0]
    # A year and a month of that year may come in either order.
    assert _problems(_event("2024-03"), _event("2024")) == []


def test_date_not_on_the_calendar(build_day):
    (problem,) = _problems(_event("2023-02-30"))
    assert "February 2023 has 28 days" in problem


def test_unknown_kind_names_the_allowed_kinds(build_day):
    (problem,) = _problems(_event("2023", kind="rumour"))
    assert "field 'history[0].kind': 'rumour' is not allowed" in problem
    assert "correction" in problem and "trial-start" in problem


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,x", "ftp://example.org/x"]
)
def test_source_url_must_be_http(build_day, url):
    (problem,) = _problems(_event("2023", url=url))
    assert "field 'history[0].source.url'" in problem
    assert "http:// or https://" in problem


def test_trial_history_is_checked_too(build_day, tmp_path):
    source = (REPO / "tests/roots/test-history/_data/trials/alpha-one.yaml").read_text()
    path = tmp_path / "alpha-one.yaml"
    path.write_text(source.replace('"2022-09"', '"2018-01"'))
    record = load_trial(path, "alpha-one.yaml")
    [problem] = record.problems
    assert problem.field == "history[1].date" and problem.line == 32
    assert "'2018-01' comes after history[0] dated '2019-03'" in problem.message


# -- the timeline, built ---------------------------------------------------------


def _items(html: str) -> list[str]:
    timeline = html.split('<ol class="arabic kb-timeline">', 1)[1].split("</ol>", 1)[0]
    return re.findall(r"<li id=\"([^\"]+)\">", timeline)


@pytest.mark.sphinx("html", testroot="history")
def test_timeline_oldest_first_with_dates_kinds_trials_and_sources(app):
    app.build()
    assert app.warning.getvalue() == ""
    html = (app.outdir / "alpha.html").read_text(encoding="utf-8")
    # Drug events and the trial's events, merged in date order.
    assert _items(html) == [
        "kb-event-alpha-0",
        "kb-event-trial-alpha-one-0",
        "kb-event-trial-alpha-one-1",
        "kb-event-alpha-1",
    ]
    assert (
        '<time class="kb-date kb-localized" datetime="2018-06">June 2018</time>' in html
    )
    assert 'datetime="2023-04-25">April 25, 2023</time>' in html
    assert '<span class="kb-event-kind">Trial started</span>' in html
    assert 'href="#trial-facts-alpha-one"' in html  # the trial, linked
    assert (
        'Source: <a class="external reference" href="https://example.org/fda">'
        "FDA letter</a> (Regulator)" in html
    )
    # Its own heading of the page's second level, just before "Sources".
    history = html.index(
        '<section class="kb-history kb-history-lift" id="how-we-got-here">'
    )
    assert html.index('id="related-pages"') < history < html.index('id="sources"')
    assert "<h2>How we got here" in html
    assert html.count("</section>", html.index('id="related-pages"'), history) == 1
    # The feed: a visible link and one in the head for feed readers.
    assert 'href="feeds/alpha.atom">Follow changes to this drug (Atom feed)</a>' in html
    assert (
        '<link rel="alternate" type="application/atom+xml" '
        'title="Alphazumab: changes" href="feeds/alpha.atom">' in html
    )


@pytest.mark.sphinx("html", testroot="history")
def test_contributed_markup_comes_out_as_text(app):
    app.build()
    html = (app.outdir / "alpha.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "<b>bold</b>" not in html
    assert "orphan drug &lt;script&gt;alert(1)&lt;/script&gt; &amp; more." in html
    assert "FDA orphan list &lt;b&gt;bold&lt;/b&gt;" in html
    assert 'href="https://example.org/orphan?a=1&amp;b=2"' in html


@pytest.mark.sphinx("html", testroot="history")
def test_drug_without_events_says_so_and_still_has_a_feed(app):
    app.build()
    html = (app.outdir / "beta.html").read_text(encoding="utf-8")
    assert "No dated events are recorded for this drug yet." in html
    assert 'href="feeds/beta.atom"' in html
    assert (app.outdir / "feeds/beta.atom").is_file()


@pytest.mark.sphinx("html", testroot="history")
def test_recent_changes_newest_first_linking_each_event(app):
    app.build()
    html = (app.outdir / "recent.html").read_text(encoding="utf-8")
    dates = re.findall(r'<time class="kb-date kb-localized" datetime="([^"]+)"', html)
    assert dates == ["2023-04-25", "2022-09", "2019-03", "2018-06"]
    assert (
        'href="alpha.html#kb-event-trial-alpha-one-1">Alphazumab (ALPHA-1)</a>' in html
    )
    assert 'href="feeds/all.atom">Follow all changes (Atom feed)</a>' in html


@pytest.mark.sphinx("html", testroot="history")
def test_latest_event_in_the_drug_overview(app):
    (app.srcdir / "recent.md").write_text(
        "# Recent changes\n\n```{recent-changes}\n```\n\n```{drug-pipeline}\n```\n"
    )
    app.build()
    html = (app.outdir / "recent.html").read_text(encoding="utf-8")
    assert '<th class="head" scope="col"><p>Latest event</p></th>' in html
    assert 'datetime="2023-04-25">April 25, 2023</time> · Approval' in html


# -- approvals and status from the record ------------------------------------------


@pytest.mark.sphinx("html", testroot="history")
def test_drug_approvals_listed_from_the_record(app):
    app.build()
    html = (app.outdir / "alpha.html").read_text(encoding="utf-8")
    listing = html.split('<ul class="kb-approvals">', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r"<strong>([^<]+)</strong>", listing) == [
        "United States",
        "European Union",
    ]
    assert (
        "<strong>United States</strong> — US Food and Drug Administration (FDA): "
        "accelerated approval, April 2023" in listing
    )
    assert "approval under exceptional circumstances, May 2024" in listing
    assert "<p>Adults with ALS.</p>" in listing
    assert (
        'Status of the main trial: <span class="kb-status kb-status-completed">'
        'Completed</span>; <span class="kb-results kb-results-not-met">'
        "Main goal not met</span>." in html
    )


def test_unlisted_agencies_reads_claims_only():
    from trial_facts.approvals import unlisted_agencies

    assert unlisted_agencies("Health Canada approved it in 2022.", {"FDA"}) == [
        (0, "Health Canada")
    ]
    assert unlisted_agencies("The MHRA authorised it.", {"MHRA"}) == []
    japan = "The MHLW approved it after review by the PMDA."
    assert unlisted_agencies(japan, {"MHLW"}) == []
    assert unlisted_agencies(japan, {"FDA"}) == [(0, "PMDA"), (0, "MHLW")]
    for sentence in (
        "Health Canada has not approved it.",
        "The company asked the FDA to approve it.",
        "The EMA refused the application.",
        "It plans to seek FDA approval.",
        "Spain authorised the new trial, and the FDA authorised it too.",
        "In 2024 the FDA approved it as Miplyffa for Niemann-Pick disease type C.",
    ):
        assert unlisted_agencies(sentence, set()) == [], sentence


@pytest.fixture
def history_copy(tmp_path, rootdir):
    src = tmp_path / "history"
    shutil.copytree(rootdir / "test-history", src)
    return src


def test_prose_naming_an_agency_missing_from_the_record_fails(history_copy, make_app):
    page = history_copy / "alpha.md"
    text = page.read_text()
    text = text.replace(
        "Alpha is approved in the United States.\n",
        "Alpha is approved in the United States.\n"
        "Health Canada approved alphazumab in 2024.\n"
        "The MHRA has not approved it.\n",
    ).replace(
        "## Trials\n",
        "## Trials\n\nThe TGA approved a trial of alphazumab, and the MFDS approved it.\n",
    )
    page.write_text(text)
    line = text.splitlines().index("Health Canada approved alphazumab in 2024.") + 1
    app = make_app("html", srcdir=history_copy)
    app.build()
    warnings = app.warning.getvalue()
    assert (
        f"alpha.md:{line}: WARNING: the text says 'Health Canada' approved" in warnings
    )
    assert "no approval by Health Canada" in warnings
    assert "[trial-facts.prose]" in warnings
    assert "MHRA" not in warnings
    assert "MFDS" not in warnings  # only the opening and "Where it is approved"
    assert warnings.count("WARNING") == 1


def test_unknown_trial_status_is_a_located_warning(history_copy, make_app):
    page = history_copy / "alpha.md"
    text = page.read_text().replace("{trial-status}`alpha-one`", "{trial-status}`nope`")
    page.write_text(text)
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "`nope`" in t)
    app = make_app("html", srcdir=history_copy)
    app.build()
    assert f"alpha.md:{line}: WARNING: trial-status 'nope': no valid trial record" in (
        app.warning.getvalue()
    )


def test_bad_event_in_a_trial_record_fails_the_build_at_its_line(
    history_copy, make_app
):
    record = history_copy / "_data/trials/alpha-one.yaml"
    record.write_text(record.read_text().replace('"2022-09"', '"2099-09"'))
    app = make_app("html", srcdir=history_copy)
    app.build()
    warnings = app.warning.getvalue()
    assert (
        "alpha-one.yaml:32: WARNING: field 'history[1].date': '2099-09' is in the future"
        in warnings
    )


# -- translation -------------------------------------------------------------------


def test_gettext_offers_event_sentences_and_source_titles(history_copy, make_app):
    app = make_app("gettext", srcdir=history_copy)
    app.build()
    with (app.outdir / "kb.pot").open("rb") as f:
        ids = {m.id for m in read_po(f) if m.id}
    for text in (
        "The FDA gave accelerated approval.",
        "FDA letter",
        "The first participant joined ALPHA-1.",
        "Results paper",
    ):
        assert text in ids, text
    assert not any("June 2018" in i or "Designation" in i for i in ids)


def test_translated_timeline(history_copy, make_app):
    # The extension's own words, as the real site's Spanish catalog has them.
    (history_copy / "locales/es/LC_MESSAGES").mkdir(parents=True)
    shutil.copy(
        REPO / "locales/es/LC_MESSAGES/trial-facts.po",
        history_copy / "locales/es/LC_MESSAGES/trial-facts.po",
    )
    write_catalog(
        history_copy / "locales/es/LC_MESSAGES/kb.po",
        {
            "The FDA gave accelerated approval.": "La FDA dio una aprobación acelerada.",
            "FDA letter": "Carta de la FDA",
            "The main goal was not met.": "No se alcanzó el objetivo principal.",
        },
    )
    app = make_app("html", srcdir=history_copy, confoverrides={"language": "es"})
    app.build()
    assert app.warning.getvalue() == ""
    html = (app.outdir / "alpha.html").read_text(encoding="utf-8")
    assert "<h2>Cómo hemos llegado hasta aquí" in html
    assert "<p>La FDA dio una aprobación acelerada.</p>" in html
    assert ">Carta de la FDA</a> (Agencia reguladora)" in html
    assert 'datetime="2018-06">junio de 2018</time>' in html
    assert '<span class="kb-event-kind">Designación</span>' in html
    recent = (app.outdir / "recent.html").read_text(encoding="utf-8")
    assert "<p>No se alcanzó el objetivo principal.</p>" in recent
    feed = (app.outdir / "feeds/alpha.atom").read_text(encoding="utf-8")
    assert 'xml:lang="es"' in feed
    assert "La FDA dio una aprobación acelerada." in feed
    assert "Fuente: Carta de la FDA (Agencia reguladora)" in feed


# -- the real site ------------------------------------------------------------------


def _real_drugs() -> dict[str, int]:
    """Each drug declared in docs/ and the number of sourced events it has."""
    counts: dict[str, int] = {}
    fence = re.compile(r"^```\{drug-facts\}\n(.*?)^```$", re.S | re.M)
    for page in sorted((REPO / "docs").rglob("*.md")):
        for match in fence.finditer(page.read_text(encoding="utf-8")):
            record = check_drug(match.group(1), str(page), 0)
            events = record.data.get("history") or []
            counts[record.data["id"]] = sum(1 for e in events if e.get("source"))
    for path in sorted((REPO / "docs/_data/trials").glob("*.yaml")):
        record = load_trial(path)
        for drug in record.data.get("drugs", []):
            events = record.data.get("history") or []
            counts[drug] = counts.get(drug, 0) + len(events)
    return counts


def test_every_drug_in_the_real_site_has_a_sourced_history():
    """Fails until the fact sweeps' history data is merged (issue 20)."""
    counts = _real_drugs()
    assert len(counts) >= 20
    assert [drug for drug, n in sorted(counts.items()) if n == 0] == []


def test_every_drug_page_shows_its_timeline():
    """One ``drug-history`` per declared drug, on the page that declares it."""
    missing = []
    for page in sorted((REPO / "docs/drugs").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for drug in re.findall(r"^```\{drug-facts\}\nid: (\S+)", text, re.M):
            own = page.stem == drug
            if not re.search(
                r"^```\{drug-history\}"
                + ("( " + re.escape(drug) + ")?" if own else " " + re.escape(drug))
                + "$",
                text,
                re.M,
            ):
                missing.append(f"{page.relative_to(REPO)}: {drug}")
    assert missing == []


def test_a_trial_without_acronym_is_named_in_the_language_of_the_edition(
    history_copy, make_app
):
    record = history_copy / "_data/trials/alpha-one.yaml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("acronym: ALPHA-1\n", ""),
        encoding="utf-8",
    )
    write_catalog(
        history_copy / "locales/es/LC_MESSAGES/kb.po",
        {"Alphazumab in adults with ALS": "Alfazumab en adultos con ELA"},
    )
    app = make_app("html", srcdir=history_copy, confoverrides={"language": "es"})
    app.build()
    assert app.warning.getvalue() == ""
    html = (app.outdir / "alpha.html").read_text(encoding="utf-8")
    heads = re.findall(r'<p class="kb-event-head">.*?</p>', html, re.S)
    trial_heads = [h for h in heads if "trial-facts-alpha-one" in h]
    assert len(trial_heads) == 2
    for head in trial_heads:
        assert '<span class="xref kb-trial">Alfazumab en adultos con ELA</span>' in head
        assert "Alphazumab" not in head
