"""Every page the project promises exists, is dated, cites a source, and every
drug the Alliance follows has a page, a stage and at least one sourced trial."""

from __future__ import annotations

import re

import pytest
from conftest import PLACEHOLDER
from docutils import nodes

DRUGS = {
    # drug id: expected stage
    "dextromethorphan-quinidine": "approved",
    "edaravone": "approved",
    "riluzole": "approved",
    "methylcobalamin": "approved",
    "tofersen": "approved",
    "masitinib": "in-development",
    "nurown": "in-development",
    "cnm-au8": "in-development",
    "tikomed": "in-development",
    "astrorx": "in-development",
    "lenzumestrocel": "in-development",
    "primec": "in-development",
    "np001": "in-development",
    "pridopidine": "in-development",
    "ulefnersen": "in-development",
    "amx0035": "discontinued",
    "cuatsm": "discontinued",
    "reldesemtiv": "discontinued",
    "arimoclomol": "discontinued",
    "tudca": "discontinued",
}
STAGE_FOLDER = {
    "approved": "approved",
    "in-development": "in-development",
    "discontinued": "discontinued",
}

PAGES = [
    "what-is-als-mnd/index",
    "rights/index",
    "rights/best-care",
    "rights/information",
    "rights/choice",
    "rights/voice-in-policy",
    "rights/quality-of-life",
    "rights/privacy",
    "rights/caregiver-support",
    "care/genetic-counselling-testing",
    "care/mental-health",
    "care/nursing-symptoms",
    "care/nutrition-swallowing",
    "care/occupational-therapy",
    "care/physiotherapy-mobility",
    "care/respiratory-care",
    "care/speech-communication",
    "care/family-caregivers",
    "care/technology",
    "care/finding-a-clinic",
    "research/understanding-research",
    "research/voice-preservation",
    "research/open-science",
    "research/expanded-access",
    "research/open-label-extension",
    "research/right-to-try",
    "research/orphan-drug-designation",
    "research/regulatory-pathways",
    "research/unproven-treatments",
    "advocacy/advocacy-toolkit",
    "advocacy/emergency-preparedness",
    "advocacy/equitable-access",
    "advocacy/trial-sponsors",
    "professionals/breaking-the-news",
    "professionals/diagnostic-delay",
    "drugs/topics/sod1-therapies",
    "drugs/topics/treg-therapies",
]
GLOSSARY_TERMS = [
    "ALSFRS-R",
    "Slow vital capacity",
    "FVC",
    "Neurofilament light",
    "Intrathecal",
    "Antisense oligonucleotide",
    "Open-label",
    "Placebo",
    "Phase 1",
    "Phase 4",
    "Expanded access",
    "PEG",
    "RIG",
    "NIV",
    "Pseudobulbar affect",
]


@pytest.fixture(scope="module")
def domain(site):
    return site.app.env.get_domain("kb")


@pytest.mark.parametrize(("drug", "stage"), DRUGS.items())
def test_each_drug_has_a_page_a_stage_and_a_sourced_trial(site, domain, drug, stage):
    entry = domain.drugs[drug]
    assert entry["data"]["stage"] == stage
    assert entry["docname"] == f"drugs/{STAGE_FOLDER[stage]}/{drug}"
    trials = [t for t, e in domain.trials.items() if drug in e["data"]["drugs"]]
    assert trials, f"{drug} has no trial record"
    for trial in trials:
        kinds = {s["kind"] for s in domain.trials[trial]["data"]["sources"]}
        assert kinds & {
            "publication",
            "regulator",
            "sponsor",
            "press",
            "conference",
            "review",
        }
        if domain.trials[trial]["data"].get("registry"):
            assert "registry" in kinds, f"{trial} does not cite its registry entry"
    html = site.html(entry["docname"])
    assert f'id="drug-facts-{drug}"' in html
    # The fact box itself carries its review date (the page's review line,
    # extensions/review_dates, says "Last reviewed" too: look inside the box).
    box = html.split(f'id="drug-facts-{drug}"', 1)[1].split("</table>", 1)[0]
    assert "Last reviewed" in box


def test_overview_and_pipeline_show_every_drug_and_trial(site, domain):
    overview = site.html("drugs/all-trials")
    full = overview.split('id="kb-overview-1"', 1)[1].split("</table>", 1)[0]
    for trial in domain.trials:
        assert f"#trial-facts-{trial}" in full, trial
    pipeline = site.html("drugs/index")
    for drug, entry in domain.drugs.items():
        assert entry["data"]["name"] in pipeline, drug


@pytest.mark.parametrize("page", PAGES)
def test_each_page_exists_is_dated_and_cites_a_source(site, page):
    metadata = site.app.env.metadata[page]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(metadata.get("last_reviewed", ""))), (
        page
    )
    doctree = site.app.env.get_doctree(page)
    sections = [s for s in doctree.findall(nodes.section) if s[0].astext() == "Sources"]
    assert sections, f"{page} has no Sources section"
    links = [
        r["refuri"] for r in sections[-1].findall(nodes.reference) if "refuri" in r
    ]
    assert any(u.startswith(("https://", "http://")) for u in links), (
        f"{page} cites nothing"
    )


@pytest.mark.parametrize("term", GLOSSARY_TERMS)
def test_glossary_defines_the_core_terms(site, term):
    html = site.html("glossary")
    assert re.search(rf'<dt id="term-[^"]*">{re.escape(term)}<', html), term


def test_no_placeholder_text(site):
    for path in site.outdir.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not PLACEHOLDER.search(text), path
