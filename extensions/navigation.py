"""Named toggles in the sidebar navigation.

sphinx-book-theme draws the sidebar with pydata-sphinx-theme's
``generate_toctree_html``; each section with pages below it gets a
``<details><summary>`` toggle that holds only an icon, so screen readers
announce an unnamed control (axe-core: ``summary-name``, serious). This module
wraps that function for every page and gives each toggle a visually hidden
name in the edition's language::

    extensions = [..., "editions", "navigation"]   # conf.py, after the theme

The speed-up ``navigation`` (``extensions/speedups/navigation.py``) draws the
sidebar once per build, with these names.
"""

from __future__ import annotations

import re
from html import escape, unescape
from typing import Any

from markupsafe import Markup
from sphinx.application import Sphinx

from editions.catalog import _

_TOGGLE = re.compile(
    r"(<a [^>]*>(?P<title>[^<]*)</a>\s*<details[^>]*>\s*<summary>)(?P<icon>.*?)(</summary>)",
    re.S,
)


def name_toggles(html: str, template: str) -> str:
    """Put a hidden name in each section toggle: *template* with ``{section}``.

    Works on the HTML text (parsing the whole sidebar again for every page would
    cost a fifth of a large build).

    >>> html = '<li class="has-children"><a href="r.html">Research</a>'
    >>> html += '<details><summary><span class="toctree-toggle"></span></summary></details></li>'
    >>> name_toggles(html, "Pages of {section}")  # doctest: +ELLIPSIS
    '...<summary><span class="toctree-toggle"></span><span class="visually-hidden">Pages of Research</span></summary>...'
    """

    def label(match: re.Match) -> str:
        name = template.format(section=unescape(match.group("title")).strip())
        return (
            f"{match.group(1)}{match.group('icon')}"
            f'<span class="visually-hidden">{escape(name, quote=False)}</span>'
            f"{match.group(4)}"
        )

    return _TOGGLE.sub(label, html)


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree
) -> None:
    generate = context.get("generate_toctree_html")
    if generate is None:
        return
    template = _("Show or hide the pages of {section}")

    def generate_named(kind: str, *args, **kwargs):
        result = generate(kind, *args, **kwargs)
        if kind != "sidebar":
            return result
        return Markup(name_toggles(str(result), template))

    context["generate_toctree_html"] = generate_named


def setup(app: Sphinx) -> dict[str, object]:
    app.setup_extension("editions")
    # After pydata-sphinx-theme adds its functions (priority 500).
    app.connect("html-page-context", _page_context, priority=900)
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True}
