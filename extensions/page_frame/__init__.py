"""page_frame: the controls around every page, usable on a phone and without JavaScript.

sphinx-book-theme draws the page frame (the bar above the article, the menu, the
footer of the article). This package replaces the few pieces that failed
readers on phones, keyboards and slow connections:

- :mod:`page_frame.header`: the menu button that opens the site navigation at
  every width (and, without JavaScript, a plain link to it), a link to the home
  page, the table-of-contents button in the edition's language, the language
  switcher in one row of the sticky bar, and a "Suggest a change to this page"
  link for contributors at the foot of the article instead of the repository
  buttons in the readers' bar;
- :mod:`page_frame.report`: a "Report a mistake on this page" link for readers
  that opens a pre-filled issue on the forge (a plain link, no script);
- :mod:`page_frame.search_page`: search results whose snippets are the page's
  own text, not the words of the menus around it.

Add it to ``conf.py`` after the theme and ``editions``::

    extensions = [..., "sphinx_book_theme", "editions", "page_frame"]
    html_theme_options = {
        "article_header_start": ["toggle-primary-sidebar.html", "kb-home-link.html"],
        "article_footer_items": ["kb-report-mistake.html", "kb-suggest-change.html"],
    }
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .header import setup_header
from .report import setup_report
from .search_page import setup_search_page

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, object]:
    app.setup_extension("editions")
    setup_header(app)
    setup_report(app)
    setup_search_page(app)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
