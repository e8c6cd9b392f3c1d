"""The bar above the article and the foot of the article, for readers and contributors.

**The menu.** sphinx-book-theme 1.4 draws its menu button in the bar above the
article; pydata-sphinx-theme 0.20 draws a second one, hidden, in its own top bar
whenever ``navbar_persistent`` is not set, and binds the menu to the first
button in the page: the visible one then opens nothing below 992 px
(pydata-sphinx-theme#2451, sphinx-book-theme#917). conf.py sets
``navbar_persistent = []`` so the hidden bar is not drawn; the button here is
the theme's own, named in the edition's language, with an inline icon; without
JavaScript a plain link to the navigation takes its place, and
``page-frame.css`` shows the navigation as a panel when it is the link's target
(pydata-sphinx-theme#2466: the theme's menu needs JavaScript).

**Contributors.** The repository and "edit this page" buttons are not in the
readers' bar; the foot of each article has a small "Suggest a change to this
page" link to the page's source (in a translated edition, to the page's
catalog, which is what a translator edits; see CONTRIBUTING.md and
TRANSLATING.md)::

    html_theme_options = {
        "article_header_start": ["toggle-primary-sidebar.html", "kb-home-link.html"],
        "article_footer_items": ["kb-suggest-change.html"],
    }
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from sphinx.application import Sphinx

from catalogs import locale_dirs
from editions.catalog import _

_HERE = Path(__file__).parent


def labels() -> dict[str, str]:
    """The frame's words in the language being built."""
    return {
        "menu": _("Site menu"),
        "site_nav": _("Site navigation"),
        "close": _("Close the menu"),
        "home": _("Home page"),
        "contents": _("Contents of this page"),
        "suggest": _("Suggest a change to this page"),
    }


def source_url(app: Sphinx, pagename: str, suffix: str | None) -> str | None:
    """Where a contributor changes *pagename*: its source, or its catalog.

    ``None`` for pages without a source (search, index) and for a repository
    address that is not ``https://``. For ``care/index``: in English
    ``<repository>/edit/main/docs/care/index.md``; in Spanish
    ``<repository>/edit/main/locales/es/LC_MESSAGES/care/index.po``.
    """
    options = app.config.html_theme_options
    repository = str(options.get("repository_url", "")).rstrip("/")
    if not repository.startswith("https://") or not suffix:
        return None
    if pagename not in app.env.found_docs:
        return None
    branch = quote(str(options.get("repository_branch", "main")), safe="")
    language = app.config.language
    if language != app.config.kb_source_language:
        root = Path(app.confdir).resolve()
        for base in locale_dirs(app):
            po = base / language / "LC_MESSAGES" / f"{pagename}.po"
            # A catalog outside the repository (a test's or a fork's copy) has
            # no address in it: such a page links to its English source.
            if po.is_file() and po.resolve().is_relative_to(root):
                path = po.resolve().relative_to(root).as_posix()
                return f"{repository}/edit/{branch}/{quote(path)}"
    docs = str(options.get("path_to_docs", "")).strip("/")
    path = f"{docs}/{pagename}{suffix}" if docs else f"{pagename}{suffix}"
    return f"{repository}/edit/{branch}/{quote(path)}"


def _add_templates(app: Sphinx, config) -> None:
    # Before the theme's folders: toggle-primary-sidebar.html and
    # toggle-secondary-sidebar.html replace the theme's components.
    config.templates_path = [str(_HERE / "templates"), *config.templates_path]


def _add_assets(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.config.html_static_path = [
            *app.config.html_static_path,
            str(_HERE / "static"),
        ]
        app.add_css_file("page-frame.css")


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree
) -> None:
    context["kb_frame"] = labels()
    context["kb_source_url"] = source_url(
        app, pagename, context.get("page_source_suffix")
    )


def _sidebar_close(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree
) -> None:
    """Put the link back to the page first in the sidebar (before the theme reads it)."""
    sidebars = context.get("sidebars")
    if isinstance(sidebars, list) and _CLOSE not in sidebars:
        context["sidebars"] = [_CLOSE, *sidebars]


_CLOSE = "kb-sidebar-close.html"


def setup_header(app: Sphinx) -> None:
    app.connect("config-inited", _add_templates)
    app.connect("builder-inited", _add_assets)
    app.connect("html-page-context", _page_context, priority=450)
    # pydata-sphinx-theme reads the sidebar list at priority 500.
    app.connect("html-page-context", _sidebar_close, priority=450)
