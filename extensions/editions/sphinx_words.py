"""Sphinx's own words its catalog leaves untranslated, taken from ``editions.po``.

Sphinx 8.2's Arabic catalog has no translation for some words the site prints:
the Arabic book set "continued from previous page" above each table that runs
onto a new page (its words in reverse order, in a right-to-left line), and the
index page was titled "Index". Each word of :data:`WORDS` is translated in
``editions.po`` with the rest of the frame, and is used only where Sphinx's own
catalog for the edition has no translation: it is a gettext fallback of Sphinx's
translator (``app.translator.add_fallback``, the standard library's API), so
Sphinx's translation wins wherever it has one::

    setup_sphinx_words(app)

After the build the fallback stands aside (answers nothing), so a second
Sphinx application in the same process is not changed by it.
"""

from __future__ import annotations

import gettext

from sphinx.application import Sphinx

from .catalog import _


def N_(message: str) -> str:
    """Mark *message* for ``editions.pot`` without translating it now."""
    return message


# Sphinx's msgids, exactly as Sphinx writes them.
WORDS = frozenset(
    {
        N_("continued from previous page"),
        N_("Index"),
    }
)


class _ProjectWords(gettext.NullTranslations):
    """Answers the words of :data:`WORDS` from ``editions.po`` while active."""

    def __init__(self) -> None:
        super().__init__()
        self.active = True

    def gettext(self, message: str) -> str:
        if self.active and message in WORDS:
            return _(message)
        return super().gettext(message)


def _install(app: Sphinx) -> None:
    words = _ProjectWords()
    app.translator.add_fallback(words)
    app.connect("build-finished", lambda app, exception: _stand_aside(words))


def _stand_aside(words: _ProjectWords) -> None:
    words.active = False


def setup_sphinx_words(app: Sphinx) -> None:
    app.connect("builder-inited", _install)
