"""HTML-only touches: the stylesheet, the overview script, header-cell scopes and
column labels on the cells of overview tables.

Docutils writes header cells without ``scope``; screen readers announce a fact
table far better with ``<th scope="row">`` on its labels and ``scope="col"`` on
column headers, so pages get them after writing. The body cells of overview
tables carry their column's header as ``data-label``::

    <td data-label="Status"><p>Recruiting</p></td>

so that on a phone, where ``trial-facts.css`` turns each row into a card, every
value is labelled while the page keeps a real ``<table>`` for screen readers and
wide screens. An overview row with a review date also gets it as data
(``<tr class="... kb-review-due-2027-05-26 kb-review-overdue"
data-review-due="2027-05-26" data-review-overdue="true">``). Assets are added
only for HTML builders (LaTeX never sees them).
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx

from .tables import data_row, labelled_entry
from .warnings_ import warn

_STATIC = Path(__file__).parent / "static"


def _add_assets(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    app.config.html_static_path = [*app.config.html_static_path, str(_STATIC)]
    app.add_css_file("trial-facts.css")
    app.add_js_file("trial-overview.js", loading_method="defer")


def _add_finder_script(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """``trial-finder.js`` only on pages with a "Could this trial be open to me?" form.

    Sphinx keeps a file added during ``html-page-context`` for that page only.
    """
    if 'class="kb-finder-form"' in (context.get("body") or ""):
        app.add_js_file("trial-finder.js", loading_method="defer")


def _add_scopes(app: Sphinx, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if not body or "<th" not in body:
        return
    context["body"] = body.replace(
        '<th class="stub">', '<th class="stub" scope="row">'
    ).replace('<th class="head">', '<th class="head" scope="col">')


# An overview row's review date, from its classes (overview.py writes them from
# validated dates only): also as data attributes, for scripts and extensions.
_REVIEW_ROW = re.compile(
    r'<tr class="(?P<classes>[^"]*\bkb-review-due-(?P<due>\d{4}-\d{2}-\d{2})\b[^"]*)"'
)


def _review_row(match: re.Match[str]) -> str:
    overdue = "kb-review-overdue" in match["classes"].split()
    return (
        f'<tr class="{match["classes"]}" data-review-due="{match["due"]}"'
        f' data-review-overdue="{"true" if overdue else "false"}"'
    )


def _add_review_data(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """``data-review-due`` and ``data-review-overdue`` on overview rows."""
    body = context.get("body")
    if body and "kb-review-due-" in body:
        context["body"] = _REVIEW_ROW.sub(_review_row, body)


def _visit_labelled_entry(self, node: labelled_entry) -> None:
    """Write the cell as docutils does, then name its column in ``data-label``."""
    self.visit_entry(node)
    start = self.body[-1]
    if not start.startswith(("<td", "<th")):  # what docutils' visit_entry writes
        warn(
            "the HTML writer no longer ends a table cell's visit with its start tag; "
            "overview cells are written without data-label (cards on phones lose "
            "their labels): check trial_facts/html_output.py against this docutils",
            node,
            "writer",
        )
        return
    label = self.attval(node["kb-label"])
    self.body[-1] = f'{start[:3]} data-label="{label}"{start[3:]}'


def _depart_labelled_entry(self, node: labelled_entry) -> None:
    self.depart_entry(node)


def _visit_data_row(self, node: data_row) -> None:
    """Write the row as docutils does, then add its ``data-*`` attributes."""
    self.visit_row(node)
    start = self.body[-1]
    if not start.startswith("<tr"):  # what docutils' visit_row writes
        warn(
            "the HTML writer no longer ends a table row's visit with its start tag; "
            "overview rows are written without their data-* attributes: check "
            "trial_facts/html_output.py against this docutils",
            node,
            "writer",
        )
        return
    extra = "".join(
        f' {name}="{self.attval(value)}"' for name, value in node["kb-data"].items()
    )
    # After the class, so that '<tr class="kb-row' still starts every row.
    end = start.rindex(">")
    self.body[-1] = f"{start[:end]}{extra}{start[end:]}"


def _depart_data_row(self, node: data_row) -> None:
    self.depart_row(node)


def setup_html(app: Sphinx) -> None:
    app.add_node(labelled_entry, html=(_visit_labelled_entry, _depart_labelled_entry))
    app.add_node(data_row, html=(_visit_data_row, _depart_data_row))
    app.connect("builder-inited", _add_assets)
    app.connect("html-page-context", _add_scopes)
    app.connect("html-page-context", _add_finder_script)
    app.connect("html-page-context", _add_review_data)
