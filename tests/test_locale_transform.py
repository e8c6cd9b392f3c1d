"""Parsing each translated message once changes nothing readers see.

The Spanish edition built with the ``locale_transform`` and ``plain_messages``
speed-ups (the default, as in the ``editions`` fixture) must equal, byte for byte, the same edition built with
Sphinx's own ``Locale`` transform, which parses each message twice and logs each
node it skips. The Spanish pages hold every case the transform treats apart:
section titles, glossary terms, links, roles and the trial tables.
"""

from __future__ import annotations

import pickle
from typing import Any

from conftest import build_docs, catalog_texts, different_pages
from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import i18n
from sphinx.util import nodes as sphinx_nodes
from sphinx.util.nodes import NodeMatcher

from speedups import locale_transform, status
from speedups.locale_transform import _is_plain, _plain_paragraph

# Sphinx's own objects, as they are whenever no build is running.
_SPHINX_IS_TRANSLATABLE = sphinx_nodes.is_translatable
_SPHINX_PUBLISH = i18n.publish_msgstr
_SPHINX_APPLY = i18n.Locale.apply
_SPHINX_UPDATE_LEAVES = i18n._NodeUpdater.update_leaves


def test_translated_html_is_unchanged(editions, tmp_path):
    # After the fast builds, Sphinx's own function is back in place: the
    # environment pickles it by name (the gettext builder's versioning).
    assert sphinx_nodes.is_translatable is _SPHINX_IS_TRANSLATABLE
    # Both speed-ups ran for the fast build: messages reused, sentences made.
    runs = status(editions["es"].app).runs
    assert runs["locale_transform"] > 500 and runs["plain_messages"] > 500
    skip = ["locale_transform", "plain_messages"]
    plain = build_docs(tmp_path, language="es", kb_speedups_skip=skip)
    assert plain.warnings == ""
    # The switch really switches: Sphinx's own functions were used for this build.
    assert not {"locale_transform", "plain_messages"} & set(status(plain.app).installed)
    assert i18n.publish_msgstr is _SPHINX_PUBLISH
    assert i18n.Locale.apply is _SPHINX_APPLY
    assert i18n._NodeUpdater.update_leaves is _SPHINX_UPDATE_LEAVES
    data = ["searchindex.js", "trials.json", "drugs.json"]
    assert different_pages(editions["es"], plain, data) == []


def test_skipped_nodes_are_decided_as_sphinx_decides(monkeypatch):
    monkeypatch.setitem(
        locale_transform._original, "is_translatable", _SPHINX_IS_TRANSLATABLE
    )
    made_by_extension = nodes.paragraph("Phase", "Phase")  # no source
    label = nodes.paragraph("Phase", "Phase", translatable=False)
    label.source, label.line = "page.md", 3
    prose = nodes.paragraph("Text", "Text")
    prose.source, prose.line = "page.md", 4
    marked_inline = nodes.inline("x", "x", translatable=True)
    literal = nodes.literal_block("code", "code")
    literal.source = "page.md"
    text = nodes.Text("Text")
    for node in (made_by_extension, label, prose, marked_inline, literal, text):
        assert locale_transform.is_translatable(node) is _SPHINX_IS_TRANSLATABLE(
            node
        ), node
    assert locale_transform.is_translatable(prose)
    assert not locale_transform.is_translatable(label)


def _text_elements(node: nodes.Node) -> bool:
    return isinstance(node, nodes.TextElement)


def test_walks_visit_the_nodes_docutils_visits(site, monkeypatch):
    monkeypatch.setitem(
        locale_transform._original, "is_translatable", _SPHINX_IS_TRANSLATABLE
    )
    for docname in ("index", "drugs/approved/tofersen", "drugs/all-trials"):
        page = site.app.env.get_doctree(docname)
        for condition in (_text_elements, locale_transform.is_translatable):
            walked = list(locale_transform._walk(page, condition))
            assert len(walked) >= 5
            assert [id(n) for n in walked] == [id(n) for n in page.findall(condition)]
        # As the transform sees the page: a class or a matcher finds what it finds.
        for condition in (
            nodes.paragraph,
            NodeMatcher(nodes.Element, translatable=Any),
        ):
            expected = [id(n) for n in page.findall(condition)]
            found = locale_transform._Page(page).findall(condition)
            assert [id(n) for n in found] == expected


def test_walks_follow_changes_made_while_walking_as_docutils_does():
    def page() -> nodes.section:
        return nodes.section(
            "",
            nodes.title("", "Title"),
            nodes.paragraph("", "one ", nodes.emphasis("", "two")),
            nodes.bullet_list("", nodes.list_item("", nodes.paragraph("", "three"))),
        )

    def visit(walk) -> list[str]:
        # As the Locale transform does: a paragraph met gets the children of its
        # translation; the first one met also gets a new sibling.
        seen, added = [], False
        for node in walk(page()):
            seen.append(f"{node.tagname}:{node.astext()}")
            if isinstance(node, nodes.paragraph) and not node.get("done"):
                patch = nodes.paragraph("", "", nodes.strong("", node.astext()))
                for child in patch.children:
                    child.parent = node
                node.children = patch.children
                node["done"] = True
                if not added:
                    node.parent.insert(
                        node.parent.index(node) + 1, nodes.paragraph("", "new")
                    )
                    added = True
        return seen

    docutils = visit(lambda tree: tree.findall(_text_elements))
    assert "strong:one two" in docutils and "paragraph:new" in docutils
    assert visit(lambda tree: locale_transform._walk(tree, _text_elements)) == docutils


def test_plain_messages_become_the_paragraph_myst_makes(site):
    """Every plain text of the catalogs: the paragraph made directly is MyST's."""
    app = site.app
    settings = app.env.get_doctree("index").settings
    path = str(app.srcdir / "index.md")
    texts = sorted(
        {t for lang in ("es", "fr", "ja") for t in catalog_texts(lang) if _is_plain(t)}
    )
    assert len(texts) > 2000
    for text in texts:
        parsed = _SPHINX_PUBLISH(app, text, path, 7, app.config, settings)
        made = _plain_paragraph(text, f"{path}:7:<translated>")
        assert made.pformat() == parsed.pformat(), text
        assert [(n.source, n.line) for n in made.findall()] == [
            (n.source, n.line) for n in parsed.findall()
        ], text


def test_markup_is_never_taken_for_plain_text():
    for text in (
        "1. Primero",
        "- punto",
        "# Título",
        ":::{note}",
        "Ver [la guía](guide.md)",
        "La {term}`ELA`",
        "**importante**",
        "a_b",
        "Línea\nsiguiente",
        "Dos  espacios",
        " inicio",
        "fin\u00a0",
        "<b>x</b>",
        "a &amp; b",
        "a\\b",
        "",
    ):
        assert not _is_plain(text), text
    assert _is_plain("Un ensayo de fase 3 (2023\u20132025): ¿funcionó?")


def test_translated_pages_do_not_carry_the_environment(editions, site_root):
    """Nodes parsed from translations belong to their page, not to a message's
    throwaway document (whose settings hold the whole build environment)."""
    doctrees = sorted((site_root / ".work-es" / "doctrees").rglob("*.doctree"))
    assert len(doctrees) > 60
    with_links = 0
    for path in doctrees:
        doctree = pickle.loads(path.read_bytes())
        strangers = [
            node
            for node in doctree.findall(include_self=False)
            if node._document is not None and node._document is not doctree
        ]
        assert strangers == [], path
        with_links += any(True for _ in doctree.findall(addnodes.pending_xref))
    assert with_links > 20  # translations with roles and links were checked


def test_reference_updates_run_for_each_kind_either_side_holds(monkeypatch):
    """Each of Sphinx's reference updates is skipped only when it has nothing to find."""
    calls = []
    for name in locale_transform._REFERENCE_UPDATES:
        monkeypatch.setitem(
            locale_transform._original,
            name,
            lambda self, name=name: calls.append(name),
        )
    text = nodes.paragraph("Texto", "Texto")
    linked = nodes.paragraph("", "", nodes.reference("x", "x", refname="x"))
    xref = addnodes.pending_xref("", nodes.Text("t"), refdomain="kb", reftype="trial")
    with_xref = nodes.paragraph("", "", nodes.Text("See "), xref)
    footnote = nodes.footnote_reference("[#]_", "1", auto=1, refname="n")
    cited = nodes.citation_reference("[c]_", "c", refname="c")
    with_notes = nodes.paragraph("", "", nodes.strong("", "", footnote), cited)
    links, xrefs = {"update_refnamed_references"}, {"update_pending_xrefs"}
    notes = {
        "update_autofootnote_references",
        "update_refnamed_footnote_references",
        "update_citation_references",
    }
    for node, patch, expected in (
        (text, nodes.paragraph("Text", "Text"), set()),
        (linked, nodes.paragraph("Text", "Text"), links),  # a link lost: Sphinx warns
        (text, with_xref, xrefs),  # a cross-reference added: Sphinx warns
        (with_xref, with_xref.deepcopy(), xrefs),
        (xref, nodes.paragraph("t", "t"), xrefs),  # an inline node is searched too
        (with_notes, nodes.paragraph("Text", "Text"), notes),  # notes, nested or not
        (with_notes, linked, notes | links),
    ):
        calls.clear()
        updater = i18n._NodeUpdater(node, patch, None, noqa=False)
        for name in locale_transform._REFERENCE_UPDATES:
            locale_transform._FAST_REFERENCE_UPDATES[name](updater)
        assert set(calls) == expected, (node, patch)
        assert len(calls) == len(expected)
