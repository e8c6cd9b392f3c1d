"""Links go only where a reader expects; images and other content come only from the site.

Every link target that reaches a page — a MyST link or autolink, an image's
``:target:``, a named target, a ``{download}`` of a URL, whatever made it, in a
page, a record or a translation — must be a relative URL inside the site (a
path, ``#anchor`` or ``?query``) or use an allowed scheme (``kb_allowed_url_schemes``,
``http``, ``https`` and ``mailto`` by default). No ``tel:``: the site holds no
phone numbers (CONTRIBUTING.md, rule 5).

Refused, each a located warning, and the link made plain text: any other scheme
(``javascript:``, ``vbscript:``, ``data:``, ``file:``, unknown ones) in any case,
scheme-relative ``//host`` links, control characters or surrounding spaces
(browsers drop them, so ``" java\\tscript:"`` runs), HTML entities and
backslashes (obfuscations), and text before a ``:`` that is not a scheme.

Images load from the site only: an image URI with a scheme (``http:``,
``https:``, ``data:`` …) or ``//`` is refused (the built site requests nothing
from another host). ``data:`` too, deliberately: the image should be a reviewed
file under ``docs/``, and SVG in a ``data:`` URI can carry script when opened.

Math (the ``{math}`` role and directive, built into docutils) is refused as
well: Sphinx would make the page load MathJax from a CDN.

Raw HTML nodes (``html_block``/``html_inline`` are disabled in conf.py, but a
future setting could let them through) and ``<meta>`` nodes are refused too::

    [click](javascript:alert(1))        # markdown-it already leaves this as text
    ```{image} pic.png
    :target: javascript:alert(1)
    ```                                 # -> WARNING: a link with a scheme that is
                                        #    not allowed: 'javascript:alert(1)' ...
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from .warnings_ import refuse

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# Browsers strip C0 controls and spaces around a URL and drop tabs and newlines
# inside it; an entity or a backslash in a link target is an obfuscation.
_SUSPECT = re.compile(r"[\x00-\x1f\x7f\\]|&#|&[A-Za-z][A-Za-z0-9]*;")


def has_scheme(url: str) -> bool:
    """True if *url* starts with a scheme (``https:``, ``data:``, ``c:`` …)."""
    return _SCHEME.match(url.strip()) is not None


def url_problem(url: str, allowed: tuple[str, ...]) -> str | None:
    """Why *url* may not be a link target, or None if it may.

    >>> url_problem("https://example.org", ("https",)) is None
    True
    >>> url_problem("#intro", ("https",)) is None
    True
    >>> url_problem(" JavaScript:alert(1)", ("https",))
    'a link that starts or ends with a space'
    >>> url_problem("JavaScript:alert(1)", ("https",))
    "a link with a scheme that is not allowed ('javascript:')"
    """
    if url != url.strip():
        return "a link that starts or ends with a space"
    if _SUSPECT.search(url):
        return "a link with a control character, an HTML entity or a backslash"
    match = _SCHEME.match(url)
    if match:
        scheme = match.group(1).lower()
        if scheme not in allowed:
            return f"a link with a scheme that is not allowed ({scheme + ':'!r})"
        return None
    if url.startswith("//"):
        return "a scheme-relative link (//host)"
    before = re.split(r"[/?#]", url, maxsplit=1)[0]
    if ":" in before:
        return "a link whose text before ':' is not a scheme"
    return None


def _allowed_text(allowed: tuple[str, ...]) -> str:
    schemes = ", ".join(f"{scheme}:" for scheme in allowed)
    return f"Allowed: {schemes} or a link inside the site (a relative path or #anchor)."


def _as_text(node: nodes.Element) -> None:
    """Keep what the reader sees of *node*, without its link."""
    if isinstance(node, nodes.reference):
        inline = nodes.inline("", "", *node.children)
        node.replace_self(inline)
    elif isinstance(node, addnodes.download_reference):
        node.replace_self(nodes.inline(node.astext(), node.astext()))
    elif isinstance(node, nodes.target):
        node["refuri"] = ""
        del node["refuri"]
    elif isinstance(node, nodes.raw):
        node.replace_self(nodes.literal_block(node.astext(), node.astext()))
    else:
        node.parent.remove(node)


class AllowedSchemes(SphinxTransform):
    """Refuse link targets and image sources that are not allowed (see module doc)."""

    # After docutils resolves named targets (640-660) and the Locale transform
    # (20); before Sphinx's collectors copy images and downloads (doctree-read,
    # emitted by a transform at 880).
    default_priority = 870

    def apply(self, **kwargs: Any) -> None:
        allowed = tuple(s.lower() for s in self.config.kb_allowed_url_schemes)
        for node in list(self.document.findall(nodes.Element)):
            if node.parent is None and node is not self.document:
                continue  # already replaced
            self._check(node, allowed)

    def _check(self, node: nodes.Element, allowed: tuple[str, ...]) -> None:
        env = self.env
        if isinstance(node, (nodes.reference, nodes.target)) and "refuri" in node:
            problem = url_problem(node["refuri"], allowed)
            if problem:
                refuse(
                    env, node, problem, node["refuri"], _allowed_text(allowed), "scheme"
                )
                _as_text(node)
        elif isinstance(node, addnodes.pending_xref) and node.get("reftype") == "myst":
            # A MyST link whose target MyST did not take as a URL (tel:, data:,
            # a scheme with a tab in it): refused here, not just "not found".
            target = node.get("reftarget", "")
            if _SUSPECT.search(target) or has_scheme(target) or target.startswith("//"):
                problem = url_problem(target, allowed) or "a link MyST cannot follow"
                refuse(env, node, problem, target, _allowed_text(allowed), "scheme")
                node.replace_self(nodes.inline("", "", *node.children))
        elif isinstance(node, addnodes.download_reference):
            target = node.get("reftarget", "")
            if has_scheme(target) or target.startswith("//"):
                problem = url_problem(target, allowed)
                if problem:
                    refuse(env, node, problem, target, _allowed_text(allowed), "scheme")
                    _as_text(node)
        elif isinstance(node, nodes.image):
            uri = node.get("uri", "")
            if has_scheme(uri) or uri.strip().startswith("//"):
                refuse(
                    env,
                    node,
                    "an image from another host or a data: URI (the site loads"
                    " nothing from elsewhere)",
                    uri,
                    "Store the image file under docs/ and name it by its path.",
                    "remote",
                )
                _as_text(node)
        elif isinstance(node, nodes.raw):
            refuse(
                env,
                node,
                "raw HTML or other raw output",
                node.astext(),
                "Write MyST Markdown; HTML is shown as text, never run.",
                "markup",
            )
            _as_text(node)
        elif isinstance(node, (nodes.math, nodes.math_block)):
            refuse(
                env,
                node,
                "math, which would make the page load MathJax from another host",
                node.astext(),
                "Write the formula in words or as plain text.",
                "remote",
            )
            text = nodes.literal(node.astext(), node.astext())
            if isinstance(node, nodes.math_block):
                text = nodes.literal_block(node.astext(), node.astext())
            node.replace_self(text)
        elif isinstance(node, nodes.meta):
            refuse(
                env,
                node,
                "a <meta> element",
                str(node.attributes.get("content", "")),
                "Pages cannot add <meta> elements.",
                "markup",
            )
            _as_text(node)


def setup_schemes(app: Sphinx) -> None:
    app.add_config_value(
        "kb_allowed_url_schemes",
        ("http", "https", "mailto"),
        "env",
        types=[tuple, list],
        description="URL schemes a link may use (relative links are always allowed)",
    )
    app.add_transform(AllowedSchemes)
