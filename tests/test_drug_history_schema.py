"""A ``drug-facts`` block may carry a dated ``history`` of events, with the same
shape as a trial record's (date, kind, one sentence, source); a bad event is a
located problem, never silently kept::

    .venv/bin/python -m pytest tests/test_drug_history_schema.py -q
"""

from __future__ import annotations

from trial_facts.records import check_drug

_DRUG = """\
id: example-drug
name: Example drug
sponsor: Example Pharma
modality: small-molecule
route: [oral]
mechanism: It is thought to protect motor neurons.
stage: in-development
last_reviewed: "2026-11-26"
history:
  - date: "2024-08"
    kind: {kind}
    text: >-
      The trial ended.
    source:
      title: ClinicalTrials.gov record NCT00000000
      url: {url}
      kind: registry
"""


def _problems(kind: str = "trial-end", url: str = "https://example.org/x") -> list:
    return check_drug(_DRUG.format(kind=kind, url=url), "drug.md", 10).problems


def test_a_dated_sourced_history_is_accepted():
    assert _problems() == []


def test_an_unknown_event_kind_is_refused_at_its_line():
    (problem,) = _problems(kind="rumour")
    assert problem.field == "history[0].kind"
    assert "'rumour' is not allowed" in problem.message
    assert "trial-stopped" in problem.message  # the allowed kinds are listed
    assert problem.line == 21  # offset 10 + line 11 of the block


def test_a_source_link_must_be_http():
    (problem,) = _problems(url="javascript:alert(1)")
    assert problem.field == "history[0].source.url"
    assert "http:// or https://" in problem.message
