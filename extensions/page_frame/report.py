"""'Report a mistake on this page': a plain link to a pre-filled issue on the forge.

At the foot of every article, beside "Suggest a change to this page", readers
find a link that opens a new issue with the form
``.github/ISSUE_TEMPLATE/wrong-fact.yml``, its fields already filled: the
title of the page, its address, the edition and the section of the site. It is
an ordinary ``<a href>``: nothing is loaded and no script runs until the reader
clicks it, and it works without JavaScript. Every value is URL-encoded, and the
whole address HTML-escaped by the template::

    https://github.com/als-mnd-kb/knowledge-base/issues/new?template=wrong-fact.yml
        &title=Mistake%20on%20%E2%80%9CRespiratory%20care%E2%80%9D%20%5Ben%5D
        &page=https%3A%2F%2F...%2Fcare%2Frespiratory-care.html
        &edition=English%20%28en%29&section=Care%20%28care%29

The form's field ids (``page``, ``edition``, ``section``) are the query's keys;
``tests/test_workflow_files.py`` checks that the form still has them. Without
``html_baseurl`` (a local build) the page's address is its path in the site,
such as ``en/care/respiratory-care.html``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from sphinx.application import Sphinx

from editions.catalog import _

FORM = "wrong-fact.yml"
# The ids of the form's fields this link fills (.github/ISSUE_TEMPLATE/wrong-fact.yml).
FIELDS = ("page", "edition", "section")
_MAX_TITLE = 200  # characters of a page title in the title


def _title(app: Sphinx, docname: str) -> str:
    node = app.env.titles.get(docname)
    return " ".join(node.astext().split()) if node is not None else docname


def page_address(app: Sphinx, pagename: str) -> str:
    """The page's address: absolute under ``html_baseurl``, else its path in the site."""
    page = app.builder.get_target_uri(pagename)
    base = str(app.config.html_baseurl or "")
    if base.startswith(("https://", "http://")):
        return base.rstrip("/") + "/" + page
    return f"{app.config.language}/{page}"


def report_url(app: Sphinx, pagename: str) -> str | None:
    """The address of a new issue about *pagename*, or ``None`` without a forge.

    ``None`` for pages without a source (search, genindex) and for a repository
    address that is not ``https://``.
    """
    options = app.config.html_theme_options
    repository = str(options.get("repository_url", "")).rstrip("/")
    if not repository.startswith("https://") or pagename not in app.env.found_docs:
        return None
    language = app.config.language or "en"
    edition = app.config.kb_editions.get(language, language)
    folder = pagename.split("/", 1)[0] if "/" in pagename else ""
    section = (
        f"{_title(app, f'{folder}/index')} ({folder})"
        if folder and f"{folder}/index" in app.env.found_docs
        else _title(app, app.config.root_doc)
    )
    title = _title(app, pagename)
    if len(title) > _MAX_TITLE:
        title = title[: _MAX_TITLE - 1] + "…"
    query = {
        "template": FORM,
        "title": f"Mistake on “{title}” [{language}]",
        "page": page_address(app, pagename),
        "edition": f"{edition} ({language})",
        "section": section,
    }
    return f"{repository}/issues/new?{urlencode(query, quote_via=quote)}"


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree
) -> None:
    context["kb_report_url"] = report_url(app, pagename)
    context["kb_report_label"] = _("Report a mistake on this page")


def setup_report(app: Sphinx) -> None:
    app.connect("html-page-context", _page_context, priority=450)
