"""The sidebar navigation drawn once per build, not once per page.

sphinx-book-theme asks pydata-sphinx-theme's ``generate_toctree_html`` for the
whole site's navigation on every page: Sphinx resolves the global toctree and
BeautifulSoup rewrites it, once per page, so a build grows with the square of
the number of pages (sphinx-book-theme#561; profiled here: 80 % of the writing
time at 300 pages). This speed-up draws the navigation once, from the root
page, with placeholders where pages differ (the ``current`` marks of the
page's branch, the open ``<details>``, the relative links), fills in the links
once for each folder, and for each page changes only the entries on its
branch (at 2,000 pages, filling every placeholder for every page had made the
time per page grow with the size of the site). An incremental build that
changed no title and no toctree reuses the sidebar the last build drew
(:mod:`speedups.navigation_store`). The HTML is the theme's, unchanged
(``tests/test_navigation.py`` compares every page's sidebar with and without
it, after a fresh and after an incremental build).

It relies on the theme drawing the same tree for every page: with another
theme, or with ``collapse_navbar`` (the tree then holds only the current
page's branch), it steps aside. The toggles' names (``extensions/navigation.py``)
are put in by the drawing, as that module puts them in the theme's own tree.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from editions.catalog import _
from navigation import name_toggles

from . import navigation_store
from .guard import Place
from .speedup import SpeedUp

_MARK = re.compile(r"@@(LI|D|U|A|H)(\d+)@@|@@TOP@@")
# What a placeholder becomes on an entry of the current page's branch.
_ON_BRANCH = {"LI": " current active", "D": ' open="open"', "U": ' class="current"'}


class _Navigation:
    """The site's sidebar with placeholders, and what each placeholder needs.

    The sidebar is kept as a list of pieces: the HTML between placeholders, and
    one piece per placeholder. Off the current page's branch, a placeholder is
    empty or, for a link, the link from the page's folder; so each folder's
    pieces are filled once, and a page changes only the few entries on its
    branch (a large site has thousands of entries and a branch of three).
    """

    def __init__(self, html: str, targets: list[str], branches: dict[str, set[int]]):
        self.targets, self.branches = targets, branches
        self._pieces: list[str] = []
        # (kind, entry) -> index of the placeholder's piece; kind "TOP" has entry -1.
        self._at: dict[tuple[str, int], int] = {}
        end = 0
        for match in _MARK.finditer(html):
            self._pieces += [html[end : match.start()], ""]
            key = (match.group(1) or "TOP", int(match.group(2) or -1))
            self._at[key] = len(self._pieces) - 1
            end = match.end()
        self._pieces.append(html[end:])
        self._folders: dict[str, list[str]] = {}

    def __getstate__(self) -> dict[str, Any]:
        # Saved between builds (navigation_store) without the folders' links,
        # which are quick to fill again.
        return {**self.__dict__, "_folders": {}}

    def _folder_pieces(self, here: str) -> list[str]:
        """The pieces for a page in the folder of *here*, every entry off-branch.

        A relative link depends only on the page's folder (the page's own entry
        is ``#``, set apart), so each folder's links are computed once.
        """
        folder = here.rpartition("/")[0]
        if folder not in self._folders:
            # A file name no entry has, so that no link collapses to "".
            base = f"{folder}/\0" if folder else "\0"
            pieces = self._pieces.copy()
            for index, target in enumerate(self.targets):
                if ("H", index) in self._at:
                    pieces[self._at["H", index]] = relative_uri(base, target)
            self._folders[folder] = pieces
        return self._folders[folder]

    def for_page(self, app: Sphinx, pagename: str) -> str:
        """The sidebar of *pagename*, as the theme would draw it."""
        branch = self.branches.get(pagename, set())
        here = app.builder.get_target_uri(pagename)
        pieces = self._folder_pieces(here).copy()
        at = self._at
        if branch:
            pieces[at["TOP", -1]] = "current "
        for index in branch:
            own = self.targets[index] == here
            for kind in ("LI", "D"):
                if (kind, index) in at:
                    pieces[at[kind, index]] = _ON_BRANCH[kind]
            # The list under the page itself is not on the way to it.
            if ("U", index) in at and not own:
                pieces[at["U", index]] = _ON_BRANCH["U"]
            if ("A", index) in at and own:
                pieces[at["A", index]] = "current "
            if ("H", index) in at and own:
                pieces[at["H", index]] = "#"
        return "".join(pieces)


def _draw_once(app: Sphinx, kwargs: dict[str, Any]) -> _Navigation:
    """Draw the sidebar from the root page (where no entry is current)."""
    from pydata_sphinx_theme.toctree import add_toctree_functions

    root = app.config.root_doc
    builder = app.builder
    root_context: dict[str, Any] = {
        "toctree": lambda **kw: builder._get_local_toctree(root, **kw),
    }
    add_toctree_functions(app, root, "page.html", root_context, None)
    soup = root_context["generate_toctree_html"]("sidebar", **kwargs)
    root_uri = builder.get_target_uri(root)
    targets: list[str] = []
    branches: dict[str, set[int]] = {}
    top = soup.find("ul")
    if top is not None:
        top["class"] = ["@@TOP@@" + top["class"][0], *top["class"][1:]]
    for index, item in enumerate(soup.select("li")):
        link = item.find("a", recursive=False)
        href = link["href"] if link is not None else ""
        target = urljoin(root_uri, href) if href and href != "#" else root_uri
        targets.append(target)
        docname = (
            target[: -len(builder.out_suffix)]
            if target.endswith(builder.out_suffix)
            else target
        )
        # The page's entry and every entry above it form its branch.
        ancestors = {index} | {
            int(li["data-kb-index"])
            for li in item.find_parents("li")
            if li.has_attr("data-kb-index")
        }
        item["data-kb-index"] = str(index)
        branches.setdefault(docname, set()).update(ancestors)
        classes = item.get("class", [])
        item["class"] = (
            [classes[0] + f" @@LI{index}@@", *classes[1:]] if classes else []
        )
        if link is not None:
            link["href"] = f"@@H{index}@@"
            link["class"] = [f"@@A{index}@@" + link["class"][0], *link["class"][1:]]
        details = item.find("details", recursive=False)
        if details is not None:
            details.name = f"details@@D{index}@@"
            child = details.find("ul", recursive=False)
            if child is not None:
                child.name = f"ul@@U{index}@@"
    for item in soup.select("li[data-kb-index]"):
        del item["data-kb-index"]
    html = str(soup)
    html = re.sub(r"</details@@D\d+@@>", "</details>", html)
    html = re.sub(r"</ul@@U\d+@@>", "</ul>", html)
    html = html.replace(" @@LI", "@@LI")
    html = name_toggles(html, _("Show or hide the pages of {section}"))
    return _Navigation(html, targets, branches)


def _cached(app: Sphinx, kwargs: dict[str, Any]) -> _Navigation:
    cache = app.builder.__dict__.setdefault("_kb_navigation", {})
    key = tuple(sorted(kwargs.items()))
    if key not in cache:
        cache[key] = _saved_or_drawn(app, kwargs)
    return cache[key]


def _saved_or_drawn(app: Sphinx, kwargs: dict[str, Any]) -> _Navigation:
    """The sidebar the last build saved, if drawn from the same inputs; else drawn."""
    digest = navigation_store.fingerprint(
        app, kwargs, str(_("Show or hide the pages of {section}"))
    )
    navigation = navigation_store.load(app, digest)
    if navigation is None:
        with navigation_store.warnings_seen(app) as warned:
            navigation = _draw_once(app, kwargs)
        if not warned:  # else the next build must draw it, and warn, again
            navigation_store.save(app, digest, navigation)
    return navigation


_THEME_NAV, _OUR_NAV = "sbt-sidebar-nav.html", "kb-sidebar-nav.html"
_THEMES = ("sphinx_book_theme",)


def _before_theme(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree
) -> None:
    """Before the theme checks for empty sidebars: don't let it draw the tree."""
    sidebars = context.get("sidebars")
    if SPEEDUP.active(app) and isinstance(sidebars, list) and _THEME_NAV in sidebars:
        context["sidebars"] = [_OUR_NAV if s == _THEME_NAV else s for s in sidebars]
    context["kb_sidebar_ready"] = False


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree
) -> None:
    """After the theme (and the toggles' names): the sidebar from the drawing."""
    context["kb_sidebar_ready"] = True
    generate = context.get("generate_toctree_html")
    if generate is None or not SPEEDUP.active(app):
        return

    def generate_once(kind: str, *args, **kwargs):
        if (
            kind == "sidebar"
            and not args
            and kwargs.get("startdepth") == 0
            and not kwargs.get("collapse")
        ):
            SPEEDUP.ran()
            return Markup(_cached(app, kwargs).for_page(app, pagename))
        return generate(kind, *args, **kwargs)

    context["generate_toctree_html"] = generate_once


class Navigation(SpeedUp):
    """The sidebar drawn once per build. ``runs`` counts the sidebars filled in."""

    name = "navigation"
    package = "pydata-sphinx-theme"
    places = (
        Place(
            "pydata_sphinx_theme.toctree",
            "add_toctree_functions",
            "app, pagename, templatename, context, doctree",
        ),
        Place(
            "sphinx.builders.html",
            "StandaloneHTMLBuilder._get_local_toctree",
            "self, docname, collapse=, **kwargs",
        ),
    )

    def steps_aside(self, app: Sphinx) -> str | None:
        config = app.config
        if config.html_theme not in _THEMES:
            return f"html_theme is {config.html_theme!r}, not {_THEMES[0]!r}"
        options = config.html_theme_options or {}
        if str(options.get("collapse_navbar", False)).lower() not in ("false", "0", ""):
            return "html_theme_options['collapse_navbar'] is on"
        return None


def connect(app: Sphinx) -> None:
    """The events this speed-up acts on while installed (by ``speedups.setup``).

    pydata-sphinx-theme adds its functions, then renders every sidebar template
    to drop empty ones, both at priority 500; ``extensions/navigation.py`` names
    the toggles at 900: step in before and after.
    """
    app.connect("html-page-context", _before_theme, priority=499)
    app.connect("html-page-context", _page_context, priority=910)


SPEEDUP = Navigation()
SPEEDUPS = (SPEEDUP,)
