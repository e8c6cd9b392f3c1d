"""The editions extension's own words (``locales/<lang>/LC_MESSAGES/editions.po``).

from editions.catalog import _
label = _("Languages")   # in the language being built
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.locale import get_translation

from catalogs import load_catalog

CATALOG = "editions"
_ = get_translation(CATALOG)


def load(app: Sphinx) -> None:
    """Compile and register ``editions.po`` for the language being built."""
    load_catalog(app, CATALOG)
