"""The editions extension's own words (``locales/<lang>/LC_MESSAGES/editions.po``).

from editions.catalog import _
label = _("Languages")   # in the language being built
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.locale import get_translation

from catalogs import load_catalog

CATALOG = "editions"
_translate = get_translation(CATALOG)


def _(message: str) -> str:
    """The translation of *message* now, as a plain string.

    Sphinx returns a lazy proxy while no catalog is loaded for the language; the
    words here go into configuration values and templates, which need strings.
    """
    return str(_translate(message))


def load(app: Sphinx) -> None:
    """Compile and register ``editions.po`` for the language being built."""
    load_catalog(app, CATALOG)
