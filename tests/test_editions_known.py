"""The editions are declared once (extensions/editions/known.py); the Makefile,
Read the Docs and the publisher agree with it."""

from __future__ import annotations

import re

from conftest import REPO
from hosting import RTD_LANGUAGES, hosted

from editions.known import EDITIONS, bcp47, is_right_to_left


def test_makefile_lists_the_same_editions_in_the_same_order():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    line = re.search(r"^EDITIONS\s*:=\s*(.+)$", makefile, re.MULTILINE)
    assert line, "Makefile: no EDITIONS := line"
    assert line.group(1).split() == list(EDITIONS)


def test_every_edition_has_a_catalog_folder_but_english():
    for code in EDITIONS:
        assert (REPO / "locales" / code).is_dir() == (code != "en"), code


def test_read_the_docs_codes_reach_every_edition():
    for code in EDITIONS:
        assert RTD_LANGUAGES[code.lower()] == code
    site = hosted(
        {
            "READTHEDOCS": "True",
            "READTHEDOCS_LANGUAGE": "pt-br",
            "READTHEDOCS_CANONICAL_URL": "https://kb.readthedocs.io/pt-br/latest/",
        },
        EDITIONS,
    )
    assert site.language == "pt_BR"
    assert site.edition_urls["ar"] == "https://kb.readthedocs.io/ar/latest/"
    assert site.edition_urls["pt_BR"] == "https://kb.readthedocs.io/pt-br/latest/"


def test_direction_and_lang_attribute():
    assert [c for c in EDITIONS if is_right_to_left(c)] == ["ar"]
    assert is_right_to_left("ar-EG") and not is_right_to_left("arn")
    assert bcp47("pt_BR") == "pt-BR"
