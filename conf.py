"""Sphinx configuration for the ALS/MND knowledge base.

The sources live in ``docs/``; this file sits at the top of the repository and
is passed to Sphinx with ``-c .``::

    sphinx-build -c . -b html -W --keep-going -n docs _build/html/en

Use ``make html`` rather than calling Sphinx by hand: the Makefile sets the
language, the output folders and the strict flags.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

_ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(_ROOT / "extensions"))

from hosting import Hosted, HostingError, hosted  # noqa: E402

from editions.known import EDITIONS  # noqa: E402

# -- Project -----------------------------------------------------------------
project = "ALS/MND Knowledge Base"
author = "The ALS/MND knowledge base volunteers"
copyright = f"{date.today().year}, {author}"
# The canonical repository, used by the "Suggest a change to this page" link at
# the foot of each page. Forks and mirrors set KB_REPOSITORY_URL so the link
# points at their own copy.
repository_url = os.environ.get(
    "KB_REPOSITORY_URL", "https://github.com/als-mnd-kb/knowledge-base"
)

extensions = [
    "myst_parser",
    "safety",  # contributor text never runs code, reads files or makes active markup
    # Faster builds, same HTML: one switch, kb_speedups (extensions/speedups/,
    # PATCHES.md lists the private parts of Sphinx, MyST and the theme replaced).
    "speedups",
    "po_locations",  # a warning about a translation points at its .po line
    "sphinx_book_theme",
    "trial_facts",
    "scaffolds",  # pages and records from make new-*: the build names each FILL IN
    "hosting",  # Read the Docs: a hosting variable that cannot be used is an error
    "front_matter",  # a page's front matter checked like a record: field and value
    "editions",
    "review_dates",  # "Last reviewed" / "Next review due" under every title
    "book",
    "navigation",
    "page_frame",  # menu, home link, header labels, search snippets (phones, no JS)
    "search_entries",  # index entries kept in incremental builds (PATCHES.md)
    "search_quality",  # search: Japanese words, accents, ranking, result count
    "staging",  # records what a build produced (extensions/staging.py)
    "page_weight",  # light pages: no fontawesome.js, search index on search only
]

# -- Sources -----------------------------------------------------------------
root_doc = "index"
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_data", "Thumbs.db", ".DS_Store"]
# Paths in this file are relative to this file, except locale_dirs and
# exclude_patterns, which Sphinx resolves from the source directory.
templates_path: list[str] = []

# Strict references: every cross-reference must resolve. The Makefile and the
# tests add -W --keep-going so that any warning fails the build.
nitpicky = True

# -- MyST --------------------------------------------------------------------
# Only the syntax the pages use. No dollarmath/amsmath: math would make Sphinx
# load MathJax from a CDN, and the site must request nothing from outside.
myst_enable_extensions = [
    "colon_fence",  # ::: fences for admonitions, readable in plain text
    "deflist",  # definition lists for short term/explanation pairs
    "fieldlist",
    "attrs_inline",
]
# No "substitution": it renders {{ ... }} with an unsandboxed Jinja2 engine that
# could run code from a page or a translation; extensions/safety refuses it.
# Raw HTML in pages (or in translations, which are parsed the same way) is
# shown as text, never made active.
myst_disable_syntax = ["html_block", "html_inline"]
# Pages link to explicit (label)= targets; auto-generated heading anchors
# collide in translated builds (MyST-Parser#357, #844), so none are made.
myst_heading_anchors = 0
suppress_warnings: list[str] = []

# -- Speed-ups (extensions/speedups) -------------------------------------------
# False builds the same HTML with plain Sphinx, MyST and the theme, slower.
kb_speedups = True

# -- Internationalisation ------------------------------------------------------
language = "en"
# Resolved from the source directory (docs/), so this is the top-level locales/.
locale_dirs = ["../locales/"]
# One catalog per page, mirroring docs/ (as python-docs-fr does): a translator
# works page by page, and a string shared by pages is still translated once per
# page it appears on, in context. Sphinx's own messages come from Sphinx.
gettext_compact = False
gettext_uuid = False
gettext_location = True
gettext_additional_targets = ["index", "literal-block", "image"]
# Paragraphs not yet translated are marked, never silently mixed in.
translation_progress_classes = True
# The editions, source language first, each named in its own language. The
# switcher on every page links to the same page in each (extensions/editions).
kb_editions = dict(EDITIONS)  # extensions/editions/known.py

# -- Hosting (Read the Docs: one project per edition) ---------------------------
# On Read the Docs the edition comes from the project's language
# (READTHEDOCS_LANGUAGE), the address of its pages from
# READTHEDOCS_CANONICAL_URL, and the switcher links to the other editions'
# projects (kb_edition_urls; KB_EDITION_URLS overrides). Without these
# variables, as in `make html`, nothing here changes (extensions/hosting.py).
try:
    _hosted = hosted(os.environ, kb_editions)
except HostingError as _error:
    # Said as a warning by the hosting extension: the strict build fails.
    kb_hosting_problem = str(_error)
    _hosted = Hosted()
if _hosted.language:
    language = _hosted.language
html_baseurl = _hosted.base_url
kb_edition_urls = _hosted.edition_urls

# -- Review dates (extensions/review_dates) -----------------------------------
# A page gives last_reviewed in its front matter, and may give next_review;
# otherwise it is due again 12 months later, as a drug-facts block is.
kb_review_interval_months = 12
kb_review_max_months = 24

# -- HTML --------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "ALS/MND Knowledge Base"
html_static_path = ["docs/_static"]
html_css_files = ["kb.css"]
# Served from the site (browsers ask for one; without it they log a 404).
html_favicon = "docs/_static/favicon.svg"
# No build date in the footer: readers took "Last updated" for the day a page
# was checked. Each page shows its own review dates (extensions/review_dates).
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
# The search weights (Sphinx's documented scorer), read by
# extensions/search_quality/static/kb-search.js, which ranks the results.
html_search_scorer = "extensions/search_quality/static/kb-search-scorer.js"
html_theme_options = {
    "logo": {"text": "ALS/MND Knowledge Base"},
    "repository_url": repository_url,
    "repository_branch": "main",
    "path_to_docs": "docs",
    # Readers' bar holds readers' controls; contributors find the page's source
    # through "Suggest a change to this page" at the foot of each article
    # (extensions/page_frame).
    "use_edit_page_button": False,
    "use_repository_button": False,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "navigation_with_keys": False,
    "search_bar_text": "Search the knowledge base",
    # The language switcher sits in the top bar of every page, before the
    # theme's buttons, so it is reachable on phones too.
    "article_header_end": ["language-switcher.html", "article-header-buttons.html"],
    # The menu button and a home link (extensions/page_frame), and no second,
    # hidden top bar: pydata-sphinx-theme 0.20 draws one with its own menu button
    # unless navbar_persistent is set, and its menu then binds to that hidden
    # button, so the visible one opened nothing below 992 px
    # (pydata-sphinx-theme#2451, sphinx-book-theme#917).
    "article_header_start": ["toggle-primary-sidebar.html", "kb-home-link.html"],
    "navbar_persistent": [],
    # "Report a mistake on this page" (a pre-filled issue) for readers, then
    # "Suggest a change to this page" for contributors (extensions/page_frame).
    "article_footer_items": ["kb-report-mistake.html", "kb-suggest-change.html"],
    # No calls to external services from the built pages.
    "analytics": {},
}
html_context = {"default_mode": "light"}


# -- Safety ------------------------------------------------------------------
def _no_raw_html(app) -> None:
    """Refuse the ``raw`` directive: no page may inject active HTML or LaTeX."""
    app.env.settings["raw_enabled"] = False


def setup(app):
    app.connect("builder-inited", _no_raw_html)
