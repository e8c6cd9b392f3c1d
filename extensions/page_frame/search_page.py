"""Search results that quote the page, not the menus around it.

Sphinx 8.2's ``searchtools.js`` fetches each found page and quotes the text of
its ``[role=main]`` element (``Search.htmlToText``). pydata-sphinx-theme puts
that role on ``<main>``, which also holds the bar above the article (the colour
menu: "System Settings Light Dark", the language switcher), the print-only
table of contents and the article's footer, so every snippet began with menu
words. The search page loads ``kb-search-snippets.js``, which takes the frame out
of each site page the search parses (it wraps the browser's
``DOMParser.parseFromString`` on that page only: Sphinx's scripts are deferred, so
replacing ``Search.htmlToText`` could come after the first result). A page
without ``[role=main] article.bd-article`` is left as parsed (listed in
PATCHES.md)::

    extensions = [..., "page_frame"]   # conf.py; nothing to configure
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

SCRIPT = "kb-search-snippets.js"


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree
) -> None:
    # Called during html-page-context, add_js_file adds the script to this page only.
    if templatename == "search.html":
        app.add_js_file(SCRIPT, loading_method="defer")


def setup_search_page(app: Sphinx) -> None:
    app.connect("html-page-context", _page_context)
