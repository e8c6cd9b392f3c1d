"""What every page loads in ``<head>``: the light version, through one wrapper template.

For each page, ``page-weight-layout.html`` extends the page's own template
(``page.html``, ``search.html``, ``genindex.html`` …) and passes three of its
blocks through the functions below, so templates of other extensions still
apply. In the theme's ``css`` block it drops ``fontawesome.js`` and the
``preload`` hints (they competed with the stylesheets for a slow line), links
Sphinx's ``basic.css`` directly instead of ``theme.css`` (which only
``@import``-ed it, a second round trip before the first paint) and adds
``icons.css``; in ``extrahead`` it drops the search index
(``lazy_search.py``)::

    app.connect("html-page-context", page_context, priority=900)
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from markupsafe import Markup
from sphinx.application import Sphinx

from .lazy_search import defer_search_scripts, drop_search_scripts
from .scripts import deferred

TEMPLATES = Path(__file__).parent / "templates"
WRAPPER = "page-weight-layout.html"
ICONS_CSS = "icons.css"

_FONTAWESOME = re.compile(
    r"[ \t]*<!-- So that users can add custom icons -->\n"
    r'[ \t]*<script defer src="[^"]*/fontawesome\.js[^"]*"></script>\n'
)
_PRELOAD = re.compile(
    r"[ \t]*(?:<!-- Pre-loaded scripts[^>]*-->\n[ \t]*)?"
    r'<link rel="preload" as="script" href="[^"]*" />\n?'
)
_THEME_CSS = re.compile(
    r'href="(?P<static>[^"]*_static/)styles/theme\.css(?P<query>\?[^"]*)?"'
)
_THEME_MAIN = re.compile(
    r'(<link href="(?P<static>[^"]*_static/)styles/pydata-sphinx-theme\.css[^"]*"'
    r' rel="stylesheet" />)'
)


def light_css(html: str) -> str:
    """The theme's ``css`` block without fontawesome.js and preloads, with icons.css."""
    html = _FONTAWESOME.sub("", html)
    html = _PRELOAD.sub("", html)
    html = _THEME_CSS.sub(
        lambda m: f'href="{m["static"]}basic.css{m["query"] or ""}"', html
    )
    return _THEME_MAIN.sub(
        lambda m: f'{m[1]}\n<link href="{m["static"]}{ICONS_CSS}" rel="stylesheet" />',
        html,
        count=1,
    )


def page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree
) -> str | None:
    """Wrap *templatename* in the light ``<head>``; defer the page's scripts."""
    context["script_files"] = deferred(context.get("script_files", []))
    search_page = pagename == "search"
    context["page_weight_base"] = templatename
    context["page_weight_css"] = lambda html: Markup(light_css(str(html)))
    context["page_weight_extrahead"] = lambda html: Markup(
        str(html) if search_page else drop_search_scripts(str(html))
    )
    context["page_weight_scripts"] = lambda html: Markup(
        defer_search_scripts(str(html), tuple(context.get("kb_search_scripts", ())))
        if search_page
        else str(html)
    )
    return WRAPPER
