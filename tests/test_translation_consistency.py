"""One word for one idea: the key terms of TRANSLATING.md hold in every catalog."""

from __future__ import annotations

import re

from babel.messages.pofile import read_po
from conftest import REPO

# "persona cuidadora" is the Spanish key term for caregiver (TRANSLATING.md).
_OTHER_CAREGIVER = re.compile(r"(?<!persona )(?<!personas )\b[Cc]uidador(?:a|es|as)?\b")


def _translations(language: str):
    for po in sorted((REPO / "locales" / language).rglob("*.po")):
        with po.open("rb") as f:
            for message in read_po(f):
                if message.id and isinstance(message.string, str) and message.string:
                    yield po, message


def test_spanish_uses_one_term_for_caregivers():
    found = [
        f"{po.relative_to(REPO)}:{m.lineno}: {hit.group(0)}"
        for po, m in _translations("es")
        for hit in _OTHER_CAREGIVER.finditer(m.string)
    ]
    assert found == []


def test_the_glossary_defines_randomised_once():
    text = (REPO / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert re.search(r"^Randomised\n  Describes a trial", text, re.M)
    # The American spelling stays as a redirect: pages link it.
    assert re.search(r"^Randomized\n  The American spelling of \{term\}", text, re.M)
