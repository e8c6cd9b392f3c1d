"""Facts fixed by the fact sweep of issue 20 (approved and discontinued drugs).

Each test pins a fact that a source contradicted or that was missing before
the sweep, so that an edit which brings the old error back fails here::

    .venv/bin/python -m pytest tests/test_sweep_facts.py -q

The sources behind each fact are cited in the records and pages themselves.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]

#: The drugs the sweep (part A) re-checked: approved and discontinued drugs.
SWEPT_DRUGS = (
    "dextromethorphan-quinidine",
    "edaravone",
    "methylcobalamin",
    "riluzole",
    "tofersen",
    "amx0035",
    "arimoclomol",
    "cuatsm",
    "reldesemtiv",
    "tudca",
)


@pytest.fixture(scope="module")
def domain(site):
    return site.app.env.get_domain("kb")


def _approvals(domain, drug: str) -> list[dict]:
    return domain.drugs[drug]["data"].get("approvals") or []


def test_valor_extension_is_completed_with_published_final_results(domain):
    # The extension finished in August 2024; the final integrated analysis of
    # VALOR and the extension was published in JAMA Neurology in December 2025.
    data = domain.trials["tofersen-valor-ole"]["data"]
    assert data["status"] == "completed"
    assert data["end"] == "2024-08"
    assert data["results"]["outcome"] != "pending"
    assert any(
        s["kind"] == "publication" and "JAMA Neurology" in s["title"]
        for s in data["sources"]
    )


def test_tofersen_record_lists_every_sourced_approval(domain):
    agencies = {a["agency"] for a in _approvals(domain, "tofersen")}
    assert agencies == {"FDA", "EMA", "NMPA", "MHLW", "Health Canada", "MHRA", "MFDS"}


def test_amx0035_record_has_the_canadian_conditional_approval(domain):
    canada = [
        a for a in _approvals(domain, "amx0035") if a["agency"] == "Health Canada"
    ]
    assert len(canada) == 1
    assert canada[0]["kind"] == "conditional"
    assert canada[0]["date"] == "2022-06"
    assert canada[0].get("withdrawn")


def test_japanese_approvals_are_credited_to_the_ministry(domain):
    # Japan's PMDA reviews a medicine; the MHLW grants the approval.
    for drug, entry in domain.drugs.items():
        for approval in entry["data"].get("approvals") or []:
            assert approval["agency"] != "PMDA", drug
    assert {a["agency"] for a in _approvals(domain, "methylcobalamin")} == {"MHLW"}
    assert "MHLW" in {a["agency"] for a in _approvals(domain, "edaravone")}


def test_approved_index_does_not_call_nuedexta_an_als_treatment(site):
    html = site.html("drugs/approved/index")
    assert "approved for ALS/MND by at least one regulator" not in html
    assert "pseudobulbar affect" in html


def test_agency_labels_and_schema():
    from trial_facts.vocab import AGENCY, REGION, label

    assert label(AGENCY, "PMDA") == (
        "Japan's Pharmaceuticals and Medical Devices Agency (PMDA)"
    )
    assert label(AGENCY, "MHLW") == (
        "Japan's Ministry of Health, Labour and Welfare (MHLW)"
    )
    assert label(REGION, "MHLW") == "Japan"
    schema = json.loads(
        (ROOT / "extensions/trial_facts/schemas/drug.schema.json").read_text()
    )
    agency = schema["$defs"]["approval"]["properties"]["agency"]["enum"]
    assert "MHLW" in agency


@pytest.mark.parametrize("lang", ["es", "fr", "ja"])
def test_new_agency_label_is_translated(lang):
    path = ROOT / f"locales/{lang}/LC_MESSAGES/trial-facts.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for msgid in (
        "Japan's Pharmaceuticals and Medical Devices Agency (PMDA)",
        "Japan's Ministry of Health, Labour and Welfare (MHLW)",
    ):
        message = catalog.get(msgid)
        assert message is not None and message.string, (lang, msgid)
        # The agency code is kept in every language (translations keep codes).
        assert msgid[-5:-1] in message.string, (lang, message.string)


def _check_history(events: list[dict], where: str) -> None:
    assert events, f"{where} has no history"
    for event in events:
        assert event["source"]["url"].startswith(("https://", "http://")), where
    dates = [event["date"] for event in events]
    assert dates == sorted(dates), f"{where}: history not oldest first: {dates}"


@pytest.mark.parametrize("drug", SWEPT_DRUGS)
def test_swept_drug_and_its_trials_have_a_dated_sourced_history(domain, drug):
    _check_history(domain.drugs[drug]["data"].get("history") or [], drug)
    for trial, entry in domain.trials.items():
        if drug in entry["data"]["drugs"]:
            _check_history(entry["data"].get("history") or [], trial)
