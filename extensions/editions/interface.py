"""The words of the page frame that conf.py sets in English, in each edition.

conf.py writes the site title, the logo text and the search box's placeholder in
English. This module gives them to translators in ``editions.po`` and puts the
translation in the configuration when the builder starts::

    html_title = "ALS/MND Knowledge Base"   # conf.py; Spanish edition shows
                                            # the msgstr from editions.po
A conf.py string without an entry here stays in English and is reported.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util import logging

from .catalog import _, load

logger = logging.getLogger(__name__)


def _words() -> dict[str, str]:
    """Each English interface string and its translation."""
    return {
        "ALS/MND Knowledge Base": _("ALS/MND Knowledge Base"),
        "Search the knowledge base": _("Search the knowledge base"),
        "The ALS/MND knowledge base volunteers": _(
            "The ALS/MND knowledge base volunteers"
        ),
    }


def _translate(app: Sphinx) -> None:
    load(app)
    if app.config.language == app.config.kb_source_language:
        return
    words = _words()

    def word(text: str) -> str:
        if text not in words:
            logger.warning(
                "conf.py: %r has no translation entry in extensions/editions/interface.py;"
                " add it there so translators can translate it",
                text,
                type="editions",
                subtype="interface",
            )
        return words.get(text, text)

    config = app.config
    config.html_title = word(config.html_title)
    options = config.html_theme_options
    if isinstance(options.get("logo"), dict) and "text" in options["logo"]:
        options["logo"] = {**options["logo"], "text": word(options["logo"]["text"])}
    if "search_bar_text" in options:
        options["search_bar_text"] = word(options["search_bar_text"])
    config.copyright = config.copyright.replace(config.author, word(config.author))


def setup_interface(app: Sphinx) -> None:
    app.connect("builder-inited", _translate, priority=100)
