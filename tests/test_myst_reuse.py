"""Reusing MyST's parser between translated messages changes nothing readers see.

The Spanish edition built with ``kb_reuse_myst_parser`` (the default, as in the
``editions`` fixture) must equal, byte for byte, the same edition built with
MyST's own behaviour (a new parser and new default settings per message).
"""

from __future__ import annotations

from conftest import build_docs, different_pages
from myst_parser.parsers import sphinx_ as myst_sphinx

import myst_reuse


def test_translated_html_is_unchanged(editions, tmp_path):
    plain = build_docs(tmp_path, language="es", kb_reuse_myst_parser=False)
    assert plain.warnings == ""
    # The switch really switches: MyST's own function was used for this build.
    assert myst_sphinx.create_md_parser is not myst_reuse.create_md_parser
    data = ["searchindex.js", "trials.json", "drugs.json"]
    assert different_pages(editions["es"], plain, data) == []
