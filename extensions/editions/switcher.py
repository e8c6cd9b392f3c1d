"""A language switcher on every page: links to the same page in each edition.

Editions are published side by side (``_build/html/<lang>/``), so the same page
in another edition is ``../`` up to the site root, then ``<lang>/<page>.html``.
The template ``language-switcher.html`` is a ``<details>`` menu of plain links:
it opens with the keyboard and works without JavaScript. conf.py places it in
the article header::

    html_theme_options = {"article_header_end": ["language-switcher.html", ...]}

Hosted apart (Read the Docs: one project per edition), each link is the
edition's own address, from ``kb_edition_urls`` (conf.py and
``extensions/hosting.py`` read it from the environment).

Which editions it lists: those of ``kb_editions`` that the site will hold once
this run is published, named in ``kb_published_editions`` (the Makefile passes
the editions it builds plus those already published; empty means all). So
``make html LANGS=es`` on a fresh clone makes a Spanish site with no switcher
links to editions that were never built. Each build records the list it used
in ``.kb-switcher.json`` beside its pages, and ``extensions/publish.py``
publishes nothing while any switcher link would lead to a missing edition or
page (an edition built from other sources, a page added since, an edition
whose build failed). A careful maintainer wants both: the list keeps readers
away from editions that do not exist, and the check catches what a list made
before the build cannot know.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .catalog import _
from .direction import direction
from .known import SHORT_NAMES, bcp47

TEMPLATES = Path(__file__).parent / "templates"
# Read by extensions/publish.py (its SWITCHER), which checks every link exists.
SWITCHER_RECORD = ".kb-switcher.json"


def edition_links(
    editions: dict[str, str],
    current: str,
    pagename: str,
    suffix: str = ".html",
    urls: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    """The switcher's entries for *pagename* in the edition *current*.

    >>> [e["href"] for e in edition_links({"en": "English", "es": "Español"}, "es", "drugs/index")]
    ['../../en/drugs/index.html', '../../es/drugs/index.html']

    With *urls* (editions hosted apart, ``kb_edition_urls``), each edition's
    own address instead::

    >>> edition_links({"en": "English"}, "es", "drugs/index",
    ...     urls={"en": "https://kb.readthedocs.io/en/latest/"})[0]["href"]
    'https://kb.readthedocs.io/en/latest/drugs/index.html'
    """
    up = "../" * (pagename.count("/") + 1)
    urls = urls or {}
    return [
        {
            "code": code,
            "name": name,
            "href": (
                f"{urls[code].rstrip('/')}/{pagename}{suffix}"
                if code in urls
                else f"{up}{code}/{pagename}{suffix}"
            ),
            "current": code == current,
            # Each name in its own language and direction (isolated by dir).
            "lang": bcp47(code),
            "dir": direction(code),
        }
        for code, name in editions.items()
    ]


def _add_templates(app: Sphinx, config) -> None:
    config.templates_path = [*config.templates_path, str(TEMPLATES)]


def listed_editions(app: Sphinx) -> dict[str, str]:
    """The editions the switcher links to: ``kb_editions`` that will be published."""
    language = app.config.language
    published = set(app.config.kb_published_editions or app.config.kb_editions)
    return {
        code: name
        for code, name in app.config.kb_editions.items()
        if code in published or code == language
    }


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context, doctree
) -> None:
    editions = listed_editions(app)
    language = app.config.language
    context["kb_editions"] = edition_links(
        editions,
        language,
        pagename,
        app.builder.out_suffix,
        app.config.kb_edition_urls,
    )
    context["kb_editions_label"] = _("Languages")
    context["kb_edition_name"] = SHORT_NAMES.get(
        language, editions.get(language, language)
    )
    context["kb_edition_hint"] = _("Read this page in another language")


def _record_links(app: Sphinx, exception: Exception | None) -> None:
    """Write which editions the switcher links to, for ``publish.py`` to check."""
    if exception is not None or app.builder.format != "html":
        return
    record = {"edition": app.config.language, "links": list(listed_editions(app))}
    (Path(app.outdir) / SWITCHER_RECORD).write_text(
        json.dumps(record) + "\n", encoding="utf-8"
    )


def setup_switcher(app: Sphinx) -> None:
    app.connect("config-inited", _add_templates)
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _record_links)
