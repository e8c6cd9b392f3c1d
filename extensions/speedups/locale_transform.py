"""Sphinx's ``Locale`` transform, without the work it does twice or for nothing.

A translated edition spends most of its extra time in
``sphinx.transforms.i18n.Locale`` (Sphinx 8.2), which swaps each paragraph of a
page for its translation. Profiling a fully translated edition of 300 pages
(cProfile, ``make bench-scale``) showed seven costs that can go without
changing anything readers see:

- **Each message was parsed twice.** Phase 1 of the transform parses every
  translated message to find section titles whose name changes; phase 2 parses
  the same message again to patch the paragraph. Here phase 1's result is kept,
  untouched, and handed to phase 2 instead of a second parse (per page, and
  each kept result at most once).
- **Plain sentences went through the Markdown parser.** About half of the
  messages in the catalogs are plain text: letters, digits, single spaces and
  sentence punctuation, with nothing Markdown gives a meaning to. MyST would
  read each as one paragraph holding that text; here that paragraph is made
  directly. Everything else is parsed as before.
- **Every changed section title searched the whole page.** When a section's
  title changes in translation, Sphinx looks through every node of the page
  for targets that name the old title. Here the page's targets are listed once
  per page (and again only if a translation brings or removes one), and only
  they are searched.
- **Translated paragraphs were searched for references they do not hold.**
  For each translated paragraph Sphinx looks, five times over, for footnote,
  named, citation and cross-references in the paragraph and in its
  translation, to compare them and carry ids over. Here the kinds of node the
  two hold are listed once (nothing to list when both are plain text, as most
  are), and a search for a kind neither holds is skipped: it would find
  nothing to warn about or copy.
- **Every skipped node was dumped as XML.** ``sphinx.util.nodes.is_translatable``
  writes a debug record with an XML dump of each text element it skips (labels,
  codes, dates: about 130 per drug page in the trial tables), and builds the
  dump even when nobody reads debug output. Here those elements are skipped
  first, quietly; every other node goes to Sphinx's own function.
- **Translated pages saved a copy of the whole environment.** Each node parsed
  from a translation kept a reference to the throwaway document it was parsed
  into, whose settings hold the build environment; pickling the page then
  pickled the environment too (300 pages with links in their translations:
  1.1 MB per page instead of 38 KB, 870 MiB peak memory instead of 190 MiB).
  Here the nodes of a parsed message forget that document before they go into
  the page.
- **Each walk through the page took docutils' slowest path.** The transform
  walks every node of the page three times (messages, twice; index entries,
  once) with a test function. For a test that is not a class, docutils'
  ``findall`` calls itself on each node with five keyword arguments and reads
  each child through ``__getitem__``. Here those walks visit the same nodes in
  the same order, reading each child by its index as docutils does, so a
  change the transform makes while walking has the same effect.

The output is byte-identical (``tests/test_locale_transform.py``). Two
speed-ups live here, each installed by the package (``speedups/__init__.py``):
``locale_transform`` (everything above but the plain sentences) and
``plain_messages`` (plain sentences made without the parser). The second steps
aside when MyST's typography (``smartquotes``, ``replacements``) or
``linkify`` is on, or any MyST extension it does not know: each can change
what MyST makes of a plain sentence (quotes, ``(c)``, a bare address).
``myst_reuse`` removes one more cost: MyST's set-up for each message it parses.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from . import reading
from .guard import Place
from .speedup import SpeedUp

# Sphinx's own objects, kept while the speed-up is installed (see ``install``).
_original: dict[str, Any] = {}

# What phase 2 does to carry a paragraph's references over into its translation:
# each update, and the kind of node it looks for.
_REFERENCE_UPDATES = {
    "update_autofootnote_references": nodes.footnote_reference,
    "update_refnamed_references": nodes.reference,
    "update_refnamed_footnote_references": nodes.footnote_reference,
    "update_citation_references": nodes.citation_reference,
    "update_pending_xrefs": addnodes.pending_xref,
}

# Parsed messages of the page being translated, not yet handed out twice:
# (message, source path, line) -> an untouched copy of the first parse.
_kept: dict[tuple[str, str, int | None], nodes.Element] = {}


# The targets of the page being translated; None until listed, or when a
# translation brought or removed one.
_targets: list[nodes.target] | None = None


def _walk(node: nodes.Node, condition: Any) -> Any:
    """``node.findall(condition)``: the same nodes in the same order, with less overhead.

    Children are read by index as they are reached, as docutils reads them, so
    nodes the caller puts in while walking are visited as docutils would.

    >>> page = nodes.paragraph("", "", nodes.Text("a"), nodes.emphasis("", "b"))
    >>> [n.astext() for n in _walk(page, lambda n: isinstance(n, nodes.Element))]
    ['ab', 'b']
    """
    if condition(node):
        yield node
    parents, indexes = [node], [0]  # the path down to the next child to visit
    while parents:
        try:
            child = parents[-1].children[indexes[-1]]
        except IndexError:
            parents.pop()
            indexes.pop()
            continue
        indexes[-1] += 1
        if condition(child):
            yield child
        if not isinstance(child, nodes.Text):  # text has no children
            parents.append(child)
            indexes.append(0)


class _Page:
    """The page, as the ``Locale`` transform searches it; everything else is the page's.

    - The targets named after a section's old title
      (``NodeMatcher(nodes.target, refname=...)``, in ``update_title_mapping``)
      are looked for among the page's listed targets only.
    - Any other test function (``is_translatable``, the index entries' matcher)
      goes to ``_walk``.
    - A class, or a search with options, goes to docutils: its own walk for a
      class is already fast, and ``_walk`` knows no options.
    """

    def __init__(self, page: nodes.Node) -> None:
        self.page = page

    def __getattr__(self, name: str) -> Any:
        return getattr(self.page, name)

    def findall(self, condition: Any = None, **options: Any) -> Any:
        global _targets
        if condition is None or options or isinstance(condition, type):
            return self.page.findall(condition, **options)
        if getattr(condition, "classes", None) == (nodes.target,):
            if _targets is None:
                _targets = list(self.page.findall(nodes.target))
            return (target for target in _targets if condition(target))
        return _walk(self.page, condition)


def _extract_messages(doctree: nodes.Element) -> Any:
    return _original["extract_messages"](_Page(doctree))


def _traverse_translatable_index(doctree: nodes.Element) -> Any:
    return _original["traverse_translatable_index"](_Page(doctree))


def _update_title_mapping(self: Any) -> bool:
    page = self.document
    self.document = _Page(page)
    try:
        return _original["update_title_mapping"](self)
    finally:
        self.document = page


def _update_leaves(self: Any) -> None:
    global _targets
    if _targets is not None and any(
        next(node.findall(nodes.target), None) is not None
        for node in (self.node, self.patch)
    ):
        _targets = None  # the translation brings or removes a target
    _original["update_leaves"](self)


def _text_only(node: nodes.Element) -> bool:
    """True if *node* holds nothing but text: no reference of any kind inside."""
    return not isinstance(node, nodes.Inline) and all(
        isinstance(child, nodes.Text) for child in node.children
    )


def _kinds(updater: Any) -> frozenset[type]:
    """The kinds of element in the paragraph and its translation, listed once."""
    kinds = updater.__dict__.get("_kb_kinds")
    if kinds is None:
        if _text_only(updater.node) and _text_only(updater.patch):
            kinds = frozenset()
        else:
            kinds = frozenset(
                type(node)
                for tree in (updater.node, updater.patch)
                for node in tree.findall(nodes.Element)
            )
        updater._kb_kinds = kinds
    return kinds


def _reference_update(name: str, kind: type) -> Any:
    """Sphinx's ``_NodeUpdater.<name>``, skipped when neither side holds a *kind*.

    Each update looks for one kind of reference in the page's paragraph and in
    its translation, warns if their numbers differ and copies ids over. When
    neither holds that kind, there is nothing to find, warn about or copy.
    """

    def update(self: Any) -> None:
        if any(issubclass(found, kind) for found in _kinds(self)):
            _original[name](self)

    update.__name__ = update.__qualname__ = name
    return update


_FAST_REFERENCE_UPDATES = {
    name: _reference_update(name, kind) for name, kind in _REFERENCE_UPDATES.items()
}


# Text that MyST reads as one paragraph of plain text: it starts with a letter,
# digit or opening quote (no list, heading, field or fence marker), has no
# Markdown markup, no line break, no double space and no space at either end.
# Opening: inverted question and exclamation marks, guillemet, quotes,
# parenthesis, Japanese corner brackets and full-width parenthesis.
_OPENING = "\u00bf\u00a1\u00ab\"\u201c'(\u300c\u300e\uff08"
_PUNCTUATION = (
    # Sentence punctuation, a hyphen inside a word, closing quotes, ellipsis,
    # en and em dashes, and the no-break spaces French puts before : ; ? !
    ".,;:?!/%\\-)\u2019\u201d\u00bb\u2026\u2013\u2014\u00a0\u202f"
    # Japanese comma, full stop, closing brackets, middle dot, colon, question
    # and exclamation marks
    "\u3001\u3002\u300d\u300f\uff09\u30fb\uff1a\uff1f\uff01"
)
_PLAIN = re.compile(
    rf"(?!\d+[.)])(?:[^\W_]|[{_OPENING}])(?:[^\W_]|[{_OPENING}{_PUNCTUATION}]| (?! ))*"
)


def _is_plain(text: str) -> bool:
    return _PLAIN.fullmatch(text) is not None and not text[-1].isspace()


def _plain_paragraph(text: str, source: str) -> nodes.paragraph:
    """The paragraph MyST makes of plain *text* (first line of a message)."""
    paragraph = nodes.paragraph(text)
    leaf = nodes.Text(text)
    for node in (paragraph, leaf):
        node.source, node.line = source, 1
    paragraph += leaf
    return paragraph


def _filetype(source_suffix: Any, path: str) -> str:
    from sphinx.util import get_filetype

    return get_filetype(source_suffix, path)


def _parse(
    source: str, source_path: str, source_line: int, config: Any, parse: Any
) -> nodes.Element:
    """Plain text made directly, the rest parsed once by *parse* (Sphinx's own)."""
    if (
        PLAIN.app is not None
        and _is_plain(source)
        and _filetype(config.source_suffix, source_path) == "markdown"
    ):
        PLAIN.ran()
        return _plain_paragraph(source, f"{source_path}:{source_line}:<translated>")
    key = (source, source_path, source_line)
    kept = _kept.pop(key, None)
    if kept is not None:
        SPEEDUP.ran()
        return kept
    reading.message = (source_path, source_line)
    try:
        patch = parse()
    finally:
        reading.message = None
    if not isinstance(patch, nodes.document):
        # The caller may move this patch's children into the page: keep a copy.
        kept = _kept[key] = patch.deepcopy()
        # Their nodes go into the page: they must not keep the message's document.
        for tree in (patch, kept):
            for node in tree.findall():
                node._document = None
    return patch


def publish_msgstr(
    app: Sphinx,
    source: str,
    source_path: str,
    source_line: int,
    config: Any,
    settings: Any,
) -> nodes.Element:
    """Sphinx 8's ``publish_msgstr``: plain text unparsed, the rest parsed once."""
    return _parse(
        source,
        source_path,
        source_line,
        config,
        lambda: _original["publish_msgstr"](
            app, source, source_path, source_line, config, settings
        ),
    )


def _publish_msgstr(
    source: str,
    source_path: str,
    source_line: int,
    *,
    config: Any,
    env: Any,
    registry: Any,
    settings: Any,
) -> nodes.Element:
    """Sphinx 9's ``_publish_msgstr``: plain text unparsed, the rest parsed once."""
    return _parse(
        source,
        source_path,
        source_line,
        config,
        lambda: _original["_publish_msgstr"](
            source,
            source_path,
            source_line,
            config=config,
            env=env,
            registry=registry,
            settings=settings,
        ),
    )


def is_translatable(node: nodes.Node) -> bool:
    """Sphinx's ``is_translatable``, deciding the common "no" without a debug dump.

    A text element with no source (made by an extension) or marked
    ``translatable=False`` is never translated; Sphinx's own function says the
    same after logging the node. Everything else is Sphinx's decision.
    """
    if isinstance(node, nodes.Text):
        return False  # as Sphinx decides: text is never a message of its own
    if (
        isinstance(node, nodes.TextElement)
        and not isinstance(node, (nodes.Inline, addnodes.translatable))
        and (not node.source or not node.get("translatable", True))
    ):
        return False
    return _original["is_translatable"](node)


def _apply_locale(self: Any, **kwargs: Any) -> None:
    """``Locale.apply`` with the quiet ``is_translatable``, and nothing kept after.

    Sphinx's own ``is_translatable`` is put back as soon as the transform ends:
    the environment pickles it by name (as the gettext builder's versioning
    condition), so it must be Sphinx's function whenever the environment is saved.
    """
    from sphinx.util import nodes as sphinx_nodes

    global _targets
    _kept.clear()
    _targets = None
    sphinx_nodes.is_translatable = is_translatable
    try:
        _original["apply"](self, **kwargs)
    finally:
        sphinx_nodes.is_translatable = _original["is_translatable"]
        _kept.clear()
        _targets = None


_I18N = "sphinx.transforms.i18n"
_UPDATER = "_NodeUpdater"


# Sphinx 8.2 and Sphinx 9.0 name and call the message parser differently.
_PUBLISH = {
    "publish_msgstr": Place(
        _I18N,
        "publish_msgstr",
        "app, source, source_path, source_line, config, settings",
    ),
    "_publish_msgstr": Place(
        _I18N,
        "_publish_msgstr",
        "source, source_path, source_line, *, config, env, registry, settings",
    ),
}
_PUBLISH_REPLACEMENTS = {
    "publish_msgstr": publish_msgstr,
    "_publish_msgstr": _publish_msgstr,
}


def _publish_name() -> str | None:
    """The name of this Sphinx's message parser, if it is one this module knows."""
    for name, place in _PUBLISH.items():
        if place.problem() is None:
            return name
    return None


def _replacements() -> list[tuple[Any, str, Any]]:
    """(owner, name, replacement) for every object this speed-up replaces."""
    from sphinx.transforms import i18n

    publish = _publish_name()
    return [
        *([(i18n, publish, _PUBLISH_REPLACEMENTS[publish])] if publish else []),
        (i18n.Locale, "apply", _apply_locale),
        (i18n, "extract_messages", _extract_messages),
        (i18n, "traverse_translatable_index", _traverse_translatable_index),
        (i18n._NodeUpdater, "update_title_mapping", _update_title_mapping),
        (i18n._NodeUpdater, "update_leaves", _update_leaves),
        *((i18n._NodeUpdater, n, f) for n, f in _FAST_REFERENCE_UPDATES.items()),
    ]


class LocaleTransform(SpeedUp):
    """Sphinx's ``Locale`` transform without the work it does twice or for nothing.

    ``runs`` counts the messages handed out from phase 1's parse.
    """

    name = "locale_transform"
    package = "sphinx"
    # And one of _PUBLISH (see ``problems``).
    places = (
        Place(_I18N, "Locale.apply", "self, **kwargs"),
        Place(_I18N, "extract_messages", "doctree"),
        Place(_I18N, "traverse_translatable_index", "doctree"),
        Place(_I18N, f"{_UPDATER}.__init__", "self, node, patch, document, noqa"),
        Place(_I18N, f"{_UPDATER}.update_title_mapping", "self"),
        Place(_I18N, f"{_UPDATER}.update_leaves", "self"),
        *(Place(_I18N, f"{_UPDATER}.{name}", "self") for name in _REFERENCE_UPDATES),
        Place("sphinx.util.nodes", "is_translatable", "node"),
    )

    def problems(self, app: Sphinx) -> list[str]:
        found = super().problems(app)
        if _publish_name() is None:
            found += [" or ".join(p.problem() or "" for p in _PUBLISH.values())]
        return found

    def install(self, app: Sphinx) -> None:
        from sphinx.util import nodes as sphinx_nodes

        _original.clear()
        _original["is_translatable"] = sphinx_nodes.is_translatable
        for owner, name, replacement in _replacements():
            _original[name] = owner.__dict__[name]
            setattr(owner, name, replacement)
        _kept.clear()

    def remove(self) -> None:
        for owner, name, _replacement in _replacements():
            if name in _original:
                setattr(owner, name, _original[name])
        _original.clear()
        _kept.clear()


# MyST extensions that cannot change what MyST makes of a plain sentence: none
# gives a meaning to a letter, digit, space or the punctuation _PLAIN allows.
_PLAIN_SAFE = frozenset(
    {
        "amsmath",
        "attrs_block",
        "attrs_inline",
        "colon_fence",
        "deflist",
        "dollarmath",
        "fieldlist",
        "html_admonition",
        "html_image",
        "strikethrough",
        "substitution",
        "tasklist",
    }
)


class PlainMessages(SpeedUp):
    """A plain translated sentence made into its paragraph without MyST's parser.

    Relies on MyST making exactly that paragraph: ``smartquotes`` and
    ``replacements`` turn quotes and ``(c)`` into typography, ``linkify`` turns
    a bare address into a link, so with any of them (or an extension not known
    here) it steps aside. ``runs`` counts the sentences made directly.
    """

    name = "plain_messages"
    package = "myst-parser"
    places = (Place("sphinx.util", "get_filetype", "source_suffix, filename"),)

    def steps_aside(self, app: Sphinx) -> str | None:
        if not SPEEDUP.active(app):
            return "it works inside locale_transform, which is not installed"
        enabled = set(getattr(app.config, "myst_enable_extensions", ()) or ())
        others = sorted(enabled - _PLAIN_SAFE)
        if others:
            return f"myst_enable_extensions has {', '.join(others)}"
        return None


SPEEDUP = LocaleTransform()
PLAIN = PlainMessages()
SPEEDUPS = (SPEEDUP, PLAIN)
