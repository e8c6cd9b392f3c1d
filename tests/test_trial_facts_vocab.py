"""``vocab.py`` and the JSON Schemas list the same codes.

The schemas check what volunteers write; ``vocab.py`` gives each code its
reader-facing label. A code in one and not the other is either refused by the
build although a label exists, or accepted and shown to readers as a bare
code. Every ``enum`` of both schemas must be tied to a vocabulary here, so a
new enum without labels fails this test too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from trial_facts import vocab

_SCHEMAS = Path(vocab.__file__).parent / "schemas"

# (schema, path of the enum in it) -> the vocabulary that labels its codes.
_TIED = {
    ("drug", "/properties/modality"): "MODALITY",
    ("drug", "/properties/route/items"): "ROUTE",
    ("drug", "/properties/stage"): "STAGE",
    ("drug", "/$defs/approval/properties/agency"): "AGENCY",
    ("drug", "/$defs/approval/properties/kind"): "APPROVAL_KIND",
    ("trial", "/properties/phase"): "PHASES",
    ("trial", "/properties/design/items"): "DESIGN",
    ("trial", "/properties/participants/properties/type"): "PARTICIPANTS",
    ("trial", "/properties/status"): "STATUS",
    ("trial", "/properties/results/properties/outcome"): "OUTCOME",
    ("trial", "/$defs/source/properties/kind"): "SOURCE_KIND",
    ("trial", "/$defs/history_event/properties/kind"): "EVENT_KIND",
    ("drug", "/$defs/history_event/properties/kind"): "EVENT_KIND",
    ("drug", "/$defs/history_event/properties/source/properties/kind"): "SOURCE_KIND",
    ("trial", "/$defs/source/properties/note"): "SOURCE_NOTE",
    ("drug", "/$defs/history_event/properties/source/properties/note"): "SOURCE_NOTE",
}
# Codes with no label of their own: eligibility.py turns each into a whole
# sentence of the "Who can join" rows ("Riluzole allowed at a stable dose"),
# tested in tests/test_eligibility.py.
_ELIGIBILITY = "/$defs/eligibility/properties"
_UNSHOWN = {
    ("trial", f"{_ELIGIBILITY}/{field}")
    for field in (
        "onset_counted_from",
        "breathing_min/properties/measure",
        "riluzole_allowed",
        "edaravone_allowed",
        "other_trials_allowed",
        "placebo",
        "open_label_extension",
    )
}


def _enums() -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = {}

    def walk(kind: str, node: Any, path: str) -> None:
        if isinstance(node, dict):
            if "enum" in node:
                found[kind, path] = node["enum"]
            for key, value in node.items():
                walk(kind, value, f"{path}/{key}")
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(kind, value, f"{path}[{index}]")

    for schema in sorted(_SCHEMAS.glob("*.schema.json")):
        walk(schema.name.split(".")[0], json.loads(schema.read_text("utf-8")), "")
    return found


def test_every_enum_is_tied_to_a_vocabulary():
    enums = _enums()
    assert len(enums) >= 12
    assert sorted(set(enums) - set(_TIED) - _UNSHOWN) == []
    assert set(enums) >= _UNSHOWN  # none left here after it was renamed or removed


@pytest.mark.parametrize(("where", "name"), sorted(_TIED.items()))
def test_the_codes_are_the_same(where, name):
    enums = _enums()
    assert where in enums, f"{where[0]}.schema.json has no enum at {where[1]}"
    vocabulary = getattr(vocab, name, None)
    assert vocabulary is not None, name
    assert list(vocabulary) == enums[where]


def test_every_agency_has_a_region():
    assert list(vocab.REGION) == list(vocab.AGENCY)
