"""A language switcher on every page: links to the same page in each edition.

Editions are published side by side (``_build/html/<lang>/``), so the same page
in another edition is ``../`` up to the site root, then ``<lang>/<page>.html``.
The template ``language-switcher.html`` is a ``<details>`` menu of plain links:
it opens with the keyboard and works without JavaScript. conf.py places it in
the article header::

    html_theme_options = {"article_header_end": ["language-switcher.html", ...]}
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .catalog import _

TEMPLATES = Path(__file__).parent / "templates"


def edition_links(
    editions: dict[str, str], current: str, pagename: str, suffix: str = ".html"
) -> list[dict[str, Any]]:
    """The switcher's entries for *pagename* in the edition *current*.

    >>> [e["href"] for e in edition_links({"en": "English", "es": "Español"}, "es", "drugs/index")]
    ['../../en/drugs/index.html', '../../es/drugs/index.html']
    """
    up = "../" * (pagename.count("/") + 1)
    return [
        {
            "code": code,
            "name": name,
            "href": f"{up}{code}/{pagename}{suffix}",
            "current": code == current,
        }
        for code, name in editions.items()
    ]


def _add_templates(app: Sphinx, config) -> None:
    config.templates_path.append(str(TEMPLATES))


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context, doctree
) -> None:
    editions = app.config.kb_editions
    language = app.config.language
    context["kb_editions"] = edition_links(
        editions, language, pagename, app.builder.out_suffix
    )
    context["kb_editions_label"] = _("Languages")
    context["kb_edition_name"] = editions.get(language, language)
    context["kb_edition_hint"] = _("Read this page in another language")


def setup_switcher(app: Sphinx) -> None:
    app.connect("config-inited", _add_templates)
    app.connect("html-page-context", _page_context)
