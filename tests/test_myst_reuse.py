"""Reusing MyST's parser between translated messages changes nothing readers see.

The Spanish edition built with the ``myst_reuse`` speed-up (the default, as in
the ``editions`` fixture) must equal, byte for byte, the same edition built with
MyST's own behaviour (a new parser and new default settings per message).
"""

from __future__ import annotations

from conftest import build_docs, different_pages
from myst_parser.parsers import sphinx_ as myst_sphinx

from speedups import status

_MYST_CREATE_PARSER = myst_sphinx.create_md_parser


def test_translated_html_is_unchanged(editions, tmp_path):
    # It ran: a parser was reused for (almost) every page and message.
    assert status(editions["es"].app).runs["myst_reuse"] > 1000
    plain = build_docs(tmp_path, language="es", kb_speedups_skip=["myst_reuse"])
    assert plain.warnings == ""
    # The switch really switches: MyST's own function was used for this build.
    assert "myst_reuse" not in status(plain.app).installed
    assert myst_sphinx.create_md_parser is _MYST_CREATE_PARSER
    data = ["searchindex.js", "trials.json", "drugs.json"]
    assert different_pages(editions["es"], plain, data) == []
