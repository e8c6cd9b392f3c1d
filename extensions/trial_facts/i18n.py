"""The extension's own words: labels, captions and messages, in every language.

Translators edit ``locales/<lang>/LC_MESSAGES/trial-facts.po``; it is compiled
when the builder starts (see ``extensions/catalogs.py``)::

    from trial_facts.i18n import _
    caption = _("Trial facts")   # resolved in the language being built
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.locale import get_translation

from catalogs import load_catalog

CATALOG = "trial-facts"
_ = get_translation(CATALOG)

__all__ = ["CATALOG", "_", "setup_i18n"]


def _load(app: Sphinx) -> None:
    load_catalog(app, CATALOG)


def setup_i18n(app: Sphinx) -> None:
    app.setup_extension("catalog_guard")  # every catalog checked before use
    app.connect("builder-inited", _load, priority=100)
