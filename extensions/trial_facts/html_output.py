"""HTML-only touches: the stylesheet, the overview script and header-cell scopes.

Docutils writes header cells without ``scope``; screen readers announce a fact
table far better with ``<th scope="row">`` on its labels and ``scope="col"`` on
column headers, so pages get them after writing. Assets are added only for
HTML builders (LaTeX never sees them).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

_STATIC = Path(__file__).parent / "static"


def _add_assets(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    app.config.html_static_path.append(str(_STATIC))
    app.add_css_file("trial-facts.css")
    app.add_js_file("trial-overview.js", loading_method="defer")


def _add_scopes(app: Sphinx, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if not body or "<th" not in body:
        return
    context["body"] = body.replace(
        '<th class="stub">', '<th class="stub" scope="row">'
    ).replace('<th class="head">', '<th class="head" scope="col">')


def setup_html(app: Sphinx) -> None:
    app.connect("builder-inited", _add_assets)
    app.connect("html-page-context", _add_scopes)
