"""Parsing each translated message once changes nothing readers see.

The Spanish edition built with ``kb_fast_locale_transform`` (the default, as in
the ``editions`` fixture) must equal, byte for byte, the same edition built with
Sphinx's own ``Locale`` transform, which parses each message twice and logs each
node it skips. The Spanish pages hold every case the transform treats apart:
section titles, glossary terms, links, roles and the trial tables.
"""

from __future__ import annotations

from conftest import build_docs, different_pages
from docutils import nodes
from sphinx.transforms import i18n
from sphinx.util import nodes as sphinx_nodes

import locale_transform


def test_translated_html_is_unchanged(editions, tmp_path):
    plain = build_docs(tmp_path, language="es", kb_fast_locale_transform=False)
    assert plain.warnings == ""
    # The switch really switches: Sphinx's own functions were used for this build.
    assert i18n.publish_msgstr is not locale_transform.publish_msgstr
    assert sphinx_nodes.is_translatable is not locale_transform.is_translatable
    data = ["searchindex.js", "trials.json", "drugs.json"]
    assert different_pages(editions["es"], plain, data) == []


def test_skipped_nodes_are_decided_as_sphinx_decides():
    made_by_extension = nodes.paragraph("Phase", "Phase")  # no source
    label = nodes.paragraph("Phase", "Phase", translatable=False)
    label.source, label.line = "page.md", 3
    prose = nodes.paragraph("Text", "Text")
    prose.source, prose.line = "page.md", 4
    marked_inline = nodes.inline("x", "x", translatable=True)
    literal = nodes.literal_block("code", "code")
    literal.source = "page.md"
    for node in (made_by_extension, label, prose, marked_inline, literal):
        assert locale_transform.is_translatable(
            node
        ) is locale_transform._ORIGINAL_IS_TRANSLATABLE(node), node
    assert locale_transform.is_translatable(prose)
    assert not locale_transform.is_translatable(label)
