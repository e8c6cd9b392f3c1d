"""The directives and roles render the records as readers should see them."""

from __future__ import annotations

import json
import re

import pytest


@pytest.mark.sphinx("html", testroot="basic")
def test_basic_builds_without_warning(app):
    app.build()
    assert app.warning.getvalue() == ""


@pytest.mark.sphinx("html", testroot="basic")
def test_trial_facts_table(app):
    app.build()
    html = (app.outdir / "alpha.html").read_text(encoding="utf-8")
    table = html.split('id="trial-facts-alpha-one"', 1)[1].split("</table>", 1)[0]
    assert "<caption>" in html.split('id="trial-facts-alpha-one"', 1)[0][-400:] + table
    assert "Alphazumab in adults with ALS" in table
    assert '<th class="stub" scope="row"><p>Phase</p></th>' in table
    assert "<p>Phase 3</p>" in table
    assert "randomised, placebo-controlled, double-blind, parallel groups" in table
    assert "1,200 people took part" in table
    assert "March 2019 to July 15, 2021" in table
    assert re.search(
        r'<a class="[^"]*external[^"]*" href="https://clinicaltrials.gov/study/NCT01234567">'
        r"NCT01234567</a>",
        table,
    )
    assert "Main goal not met" in table
    assert re.search(
        r'<ol class="arabic[^"]*">\s*<li><p><a class="[^"]*" '
        r'href="https://clinicaltrials.gov/study/NCT01234567">Alpha trial registry entry</a> '
        r"\(Trial registry\)",
        table,
    )
    assert 'href="https://doi.org/10.1000/alpha.1"' in table
    assert 'href="#drug-facts-alpha"' not in table
    assert ">Alphazumab<" in table  # the drug, linked by name


@pytest.mark.sphinx("html", testroot="basic")
def test_drug_facts_box(app):
    app.build()
    html = (app.outdir / "beta.html").read_text(encoding="utf-8")
    box = html.split('id="drug-facts-beta"', 1)[1].split("</table>", 1)[0]
    assert '<span class="caption-text">Betacept</span>' in box
    assert "by mouth" in box
    assert "Beta calms overactive support cells." in box
    assert "In development" in box
    assert "February 1, 2026" in box and "August 1, 2026" in box
    alpha = (app.outdir / "alpha.html").read_text(encoding="utf-8")
    assert (
        "US Food and Drug Administration (FDA): accelerated approval, April 2023"
        in alpha
    )
    # next_review defaults to 12 months after last_reviewed
    assert "January 15, 2027" in alpha


@pytest.mark.sphinx("html", testroot="basic")
def test_roles_link_with_titles(app):
    app.build()
    html = (app.outdir / "links.html").read_text(encoding="utf-8")
    assert re.search(
        r'<a class="reference internal" href="alpha.html"[^>]*><span class="[^"]*">Alphazumab</span></a>',
        html,
    )
    assert re.search(
        r'href="beta.html"[^>]*><span class="[^"]*">the beta drug</span>', html
    )
    assert re.search(
        r'href="alpha.html#trial-facts-alpha-one"[^>]*><span class="[^"]*">ALPHA-1: Alphazumab in adults with ALS</span>',
        html,
    )


@pytest.mark.sphinx("html", testroot="basic")
def test_overview_rows_filters_and_sort(app):
    app.build()
    html = (app.outdir / "overview.html").read_text(encoding="utf-8")
    full = html.split('id="kb-overview-1"', 1)[1]
    open_only = html.split('id="kb-overview-2"', 1)[1]
    rows = re.findall(r"<tr class=\"kb-row ([^\"]+)\"", full.split("</table>", 1)[0])
    assert len(rows) == 3
    # Default sort: by first drug name, then start
    order = re.findall(r'#trial-facts-([a-z-]+)"', full.split("</table>", 1)[0])
    assert order == ["alpha-one", "shared-platform", "beta-two"]
    assert '<th class="head" scope="col"><p>Trial</p></th>' in full
    assert "kb-status-completed" in rows[0] and "kb-stage-approved" in rows[0]
    open_rows = re.findall(
        r'#trial-facts-([a-z-]+)"', open_only.split("</table>", 1)[0]
    )
    assert open_rows == ["beta-two"]
    assert "40 (planned)" in open_only
    assert "EudraCT 2020-001234-56" in open_only
    labels = json.loads(
        re.search(r'class="kb-overview-labels">(.*?)</script>', html).group(1)
    )
    assert labels["status"] == "Status"
    assert "trial-overview.js" in html


@pytest.mark.sphinx("html", testroot="basic")
def test_pipeline_groups_drugs_by_stage(app):
    app.build()
    html = (app.outdir / "pipeline.html").read_text(encoding="utf-8")
    approved = html.split("kb-pipeline-approved", 1)[1].split("</table>", 1)[0]
    developing = html.split("kb-pipeline-in-development", 1)[1].split("</table>", 1)[0]
    assert "Alphazumab" in approved and "Betacept" not in approved
    assert "<p>Phase 3</p>" in approved  # furthest phase of alpha
    assert "Betacept" in developing
    assert "<p>Phase 2/3</p>" in developing  # the platform trial is beta's furthest
    assert "Recruiting" in developing  # status of beta's latest trial (2025)
    assert "kb-pipeline-discontinued" not in html


@pytest.mark.sphinx("html", testroot="basic")
def test_exports(app):
    app.build()
    trials = json.loads((app.outdir / "trials.json").read_text(encoding="utf-8"))
    assert trials["language"] == "en"
    by_id = {t["id"]: t for t in trials["items"]}
    assert set(by_id) == {"alpha-one", "beta-two", "shared-platform"}
    assert by_id["alpha-one"]["status_label"] == "Completed"
    assert by_id["alpha-one"]["url"] == "alpha.html#trial-facts-alpha-one"
    drugs = json.loads((app.outdir / "drugs.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in drugs["items"]] == ["alpha", "beta"]
    csv_text = (app.outdir / "trials.csv").read_text(encoding="utf-8")
    assert csv_text.splitlines()[0].startswith("id,acronym,title,drugs,phase,status")
    assert (
        "alpha-one,ALPHA-1,Alphazumab in adults with ALS,alpha,3,completed,1200,actual"
        in csv_text
    )


@pytest.mark.sphinx("latex", testroot="basic")
def test_latex_tables_fit_the_page(app):
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "\\begin{longtable}" in tex
    assert "Alphazumab in adults with ALS" in tex
    assert "kb-overview-labels" not in tex  # the script labels are HTML only
    # Column widths are given, so long text wraps instead of running off the page.
    assert re.search(r"\\X\{\d+\}\{\d+\}", tex)


@pytest.mark.sphinx("html", testroot="basic")
def test_overview_cells_name_their_column(app):
    """On a phone each row is a card: every body cell carries its column's name."""
    app.build()
    html = (app.outdir / "overview.html").read_text(encoding="utf-8")
    table = html.split('id="kb-overview-1"', 1)[1].split("</table>", 1)[0]
    body = table.split("<tbody>", 1)[1]
    labels = re.findall(r'<td data-label="([^"]*)"', body)
    headers = ["Trial", "Drugs", "Phase", "Status", "Participants", "Dates"]
    assert labels == [*headers, "Registry"] * 3
    assert "data-label" not in table.split("<tbody>", 1)[0]  # header cells
    assert '<td data-label="Status"><p>Completed</p></td>' in body
    pipeline = (app.outdir / "pipeline.html").read_text(encoding="utf-8")
    assert '<td data-label="Furthest phase reached"><p>Phase 3</p></td>' in pipeline
    # Fact tables keep their row headers and carry no column names.
    alpha = (app.outdir / "alpha.html").read_text(encoding="utf-8")
    assert "data-label" not in alpha


def _answers(html: str, drug: str) -> list[tuple[str, str]]:
    box = html.split(f'id="drug-facts-{drug}"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<tr class="kb-answer-row[^"]*">(.*?)</tr>', box, re.S)
    return [
        tuple(re.sub(r"<[^>]+>", "", cell).strip() for cell in row.split("</th>"))
        for row in rows
    ]


@pytest.mark.sphinx("html", testroot="basic")
def test_drug_facts_answer_approved_and_open_trials_first(app):
    app.build()
    assert app.warning.getvalue() == ""
    alpha = (app.outdir / "alpha.html").read_text(encoding="utf-8")
    assert _answers(alpha, "alpha") == [
        (
            "Approved?",
            "Yes, in: United States (2023, accelerated approval). "
            "For what use: see “Approvals” below.",
        ),
        # alpha-one completed, shared-platform terminated: the oldest check.
        ("Open trials?", "None open (as of January 15, 2026)"),
    ]
    beta = (app.outdir / "beta.html").read_text(encoding="utf-8")
    assert _answers(beta, "beta") == [
        ("Approved?", "No: not approved for ALS anywhere (as of February 1, 2026)"),
        ("Open trials?", "Yes: Betacept for faster-progressing ALS (Recruiting)"),
    ]
    # The open trial links to its table; the answers come before "Made by".
    box = beta.split('id="drug-facts-beta"', 1)[1].split("</table>", 1)[0]
    assert re.search(r'href="#trial-facts-beta-two"', box)
    assert box.index("Open trials?") < box.index("Made by")


@pytest.mark.parametrize(
    ("approvals", "stage", "expected"),
    [
        (
            [
                {"agency": "FDA", "date": "2017-05", "kind": "full"},
                {"agency": "PMDA", "date": "2015", "kind": "full"},
                {"agency": "FDA", "date": "2022-05", "kind": "full"},
            ],
            "approved",
            ["Yes, in: Japan (2015) and United States (2017). For what use: see"],
        ),
        (
            [
                {"agency": "FDA", "date": "2010-10", "kind": "full"},
                {
                    "agency": "EMA",
                    "date": "2013-06",
                    "kind": "full",
                    "withdrawn": "2016-02",
                },
            ],
            "approved",
            [
                "Yes, in: United States (2010). For",
                "Withdrawn in: European Union (2016)",
            ],
        ),
        (
            [
                {
                    "agency": "FDA",
                    "date": "2022-09",
                    "kind": "full",
                    "withdrawn": "2025-08",
                }
            ],
            "discontinued",
            ["No longer approved: withdrawn in United States (2025)"],
        ),
        (
            [{"agency": "MFDS", "date": "2014-07", "kind": "conditional"}],
            "in-development",
            ["Yes, in: South Korea (2014, conditional approval). For"],
        ),
        ([], "approved", ["Yes"]),
        (
            [],
            "in-development",
            ["No: not approved for ALS anywhere (as of May 4, 2026)"],
        ),
    ],
)
def test_approved_answer_comes_from_the_record_only(approvals, stage, expected):
    from trial_facts.drug_summary import approved_cell

    data = {"stage": stage, "approvals": approvals, "last_reviewed": "2026-05-04"}
    texts = [para.astext() for para in approved_cell(data, "en")]
    assert len(texts) == len(expected)
    assert all(t.startswith(e) for t, e in zip(texts, expected, strict=True)), texts
