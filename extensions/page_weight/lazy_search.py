"""The search index only on the search page.

pydata-sphinx-theme's ``layout.html`` puts ``searchtools.js``,
``language_data.js`` and ``searchindex.js`` (157 KB; 233 KB in Japanese) in the
``<head>`` of every page, render-blocking, for a search-as-you-type dialog this
site keeps off (``search_as_you_type`` is false). The search field of every
page sends the reader to ``search.html``, which loads them itself; there they
are deferred, so the page paints before the index arrives::

    drop_search_scripts(head_html)   # every page but search.html
    defer_search_scripts(head_html)  # search.html
    defer_search_scripts(head_html, before_index=("kb-search.js",))  # from _static
"""

from __future__ import annotations

import re

SEARCH_SCRIPTS = ("searchtools.js", "language_data.js", "searchindex.js")
_SCRIPT = re.compile(
    r'[ \t]*<script src="(?P<src>[^"]*(?:'
    + "|".join(re.escape(name) for name in SEARCH_SCRIPTS)
    + r'))"></script>\n?'
)


def drop_search_scripts(html: str) -> str:
    """*html* without the three search scripts."""
    return _SCRIPT.sub("", html)


def defer_search_scripts(html: str, before_index: tuple[str, ...] = ()) -> str:
    """*html* with the three search scripts deferred (run in order, after parsing),
    and the scripts *before_index* (names in ``_static``) deferred just before
    ``searchindex.js``: Sphinx's ``Search.init`` runs as soon as
    ``searchtools.js`` does (the page is parsed by then) and waits for the index,
    whose ``Search.setIndex`` runs the query at once."""

    def _deferred(m: re.Match[str]) -> str:
        tag = f'<script defer src="{m["src"]}"></script>\n'
        if m["src"].endswith("searchindex.js"):
            static = m["src"][: -len("searchindex.js")] + "_static/"
            tag = (
                "".join(
                    f'<script defer src="{static}{name}"></script>\n'
                    for name in before_index
                )
                + tag
            )
        return tag

    return _SCRIPT.sub(_deferred, html)


def count_search_scripts(html: str) -> int:
    return len(_SCRIPT.findall(html))
