"""The sidebar navigation: named toggles, for screen readers and keyboards.

sphinx-book-theme draws the sidebar with pydata-sphinx-theme's
``generate_toctree_html``; each section with pages below it gets a
``<details><summary>`` toggle that holds only an icon, so screen readers
announce an unnamed control (axe-core: ``summary-name``, serious). This module
wraps that function for every page and gives each toggle a visually hidden
name in the edition's language::

    extensions = [..., "editions", "navigation"]   # conf.py, after the theme
"""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup
from sphinx.application import Sphinx

from editions.catalog import _


def name_toggles(soup: BeautifulSoup, template: str) -> BeautifulSoup:
    """Put a hidden name in each section toggle: *template* with ``{section}``.

    >>> html = '<li class="has-children"><a href="r.html">Research</a>'
    >>> html += '<details><summary><span class="toctree-toggle"></span></summary></details></li>'
    >>> str(name_toggles(BeautifulSoup(html, "html.parser"), "Pages of {section}"))  # doctest: +ELLIPSIS
    '...<summary><span class="toctree-toggle"></span><span class="visually-hidden">Pages of Research</span></summary>...'
    """
    for item in soup.select("li.has-children"):
        link, summary = item.find("a"), item.select_one(":scope > details > summary")
        if link is None or summary is None or summary.select_one(".visually-hidden"):
            continue
        label = soup.new_tag("span", attrs={"class": "visually-hidden"})
        label.string = template.format(section=link.get_text(" ", strip=True))
        summary.append(label)
    return soup


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree
) -> None:
    generate = context.get("generate_toctree_html")
    if generate is None:
        return
    template = _("Show or hide the pages of {section}")
    named: dict[tuple, Any] = {}

    def generate_named(kind: str, *args, **kwargs):
        key = (kind, args, tuple(sorted(kwargs.items())))
        if key not in named:
            result = generate(kind, *args, **kwargs)
            if kind == "sidebar" and isinstance(result, BeautifulSoup):
                # The theme caches its soup per page: work on a copy.
                result = name_toggles(
                    BeautifulSoup(str(result), "html.parser"), template
                )
            named[key] = result
        return named[key]

    context["generate_toctree_html"] = generate_named


def setup(app: Sphinx) -> dict[str, object]:
    app.setup_extension("editions")
    # After pydata-sphinx-theme adds its functions (default priority 500).
    app.connect("html-page-context", _page_context, priority=900)
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True}
