"""The extension's own words: labels, captions and messages, in every language.

Translators edit ``locales/<lang>/LC_MESSAGES/trial-facts.po``. Sphinx compiles
page catalogs itself but not an extension's, so :func:`compile_catalog` turns the
``.po`` into a ``.mo`` when the builder starts (the ``.mo`` is never committed)::

    from trial_facts.i18n import _
    caption = _("Trial facts")   # resolved in the language being built
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.locale import get_translation
from sphinx.util import logging

CATALOG = "trial-facts"
_ = get_translation(CATALOG)
logger = logging.getLogger(__name__)


def locale_dirs(app: Sphinx) -> list[Path]:
    """Return the project's locale folders (``locale_dirs``, from the sources)."""
    return [Path(app.srcdir, d).resolve() for d in app.config.locale_dirs]


def compile_catalog(app: Sphinx) -> None:
    """Compile and load ``trial-facts.po`` for the language being built."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    language = app.config.language
    for base in locale_dirs(app):
        po = base / language / "LC_MESSAGES" / f"{CATALOG}.po"
        if not po.is_file():
            continue
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            with po.open("rb") as f:
                catalog = read_po(f, locale=language)
            with mo.open("wb") as f:
                write_mo(f, catalog)
        app.add_message_catalog(CATALOG, str(base))


def setup_i18n(app: Sphinx) -> None:
    app.connect("builder-inited", compile_catalog, priority=100)
