"""The frame's words that Sphinx and the theme leave in English, from ``editions.po``.

Sphinx and pydata-sphinx-theme translate the page frame with their own catalogs,
but some of their words have no translation in some languages (in Sphinx 8.2 and
pydata-sphinx-theme 0.20: "Link to this heading" in Spanish and Japanese, "Color
mode" and "System Settings" in Japanese; "Link to this term" and "Link to this
table" in both; pydata-sphinx-theme has no Arabic or Portuguese catalog), and Sphinx's Spanish and Japanese
``translations.js`` hold an empty translation of the search page's result count,
so the page showed no count at all. The words are listed here, translators
translate them in ``editions.po`` like the rest of the frame, and the build

- gives them to Sphinx and the theme as a last fallback catalog (``sphinx`` and
  ``booktheme``, through the public ``app.add_message_catalog``): a translation
  that Sphinx or the theme has is kept;
- fills the empty or missing search messages of ``_static/translations.js``
  and drops the other empty ones, so a reader sees English rather than
  nothing. If Sphinx changes that file's form, the file is left alone with one
  warning (listed in PATCHES.md).

::

    app.setup_extension("editions")   # nothing to configure
"""

from __future__ import annotations

import gettext
import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from .catalog import _

logger = logging.getLogger(__name__)

# The theme's catalogs that take the fallback (pydata: "sphinx"; book: "booktheme").
_CATALOGS = ("sphinx", "booktheme")
_JS_START, _JS_END = "Documentation.addTranslations(", ");"
_SINGULAR = "Search finished, found one page matching the search query."
_PLURAL = "Search finished, found ${resultCount} pages matching the search query."
# Numbers that meet every plural form of the languages Sphinx ships.
_SAMPLES = (*range(0, 201), 1000, 1_000_000, 2_000_000)


def theme_words() -> dict[str, str]:
    """Each word of the theme's and Sphinx's templates, and its translation."""
    return {
        "Link to this heading": _("Link to this heading"),
        "Link to this term": _("Link to this term"),
        "Link to this table": _("Link to this table"),
        "Color mode": _("Color mode"),
        "System Settings": _("System Settings"),
        # pydata-sphinx-theme 0.20 has no Arabic or Portuguese catalog at all:
        # every word of its templates that a reader meets, so that the Arabic
        # and Brazilian Portuguese frames are not half English.
        "Skip to main content": _("Skip to main content"),
        "Back to top": _("Back to top"),
        "Search": _("Search"),
        "Error": _("Error"),
        "Please activate JavaScript to enable the search functionality.": _(
            "Please activate JavaScript to enable the search functionality."
        ),
        "Breadcrumb": _("Breadcrumb"),
        "Home": _("Home"),
        "On this page": _("On this page"),
        "previous page": _("previous page"),
        "previous": _("previous"),
        "next page": _("next page"),
        "next": _("next"),
        "Click to expand": _("Click to expand"),
        "Click to collapse": _("Click to collapse"),
        "Collapse Sidebar": _("Collapse Sidebar"),
        "Expand Sidebar": _("Expand Sidebar"),
        "Section Navigation": _("Section Navigation"),
        "Site navigation": _("Site navigation"),
        "Light": _("Light"),
        "Dark": _("Dark"),
        "Version warning": _("Version warning"),
        "Announcement": _("Announcement"),
    }


def search_words() -> dict[str, str]:
    """The search page's result count (Sphinx's ``searchtools.js``), translated.

    Translators keep ``${resultCount}``: the page puts the number there.
    """
    return {
        _SINGULAR: _("Search finished, found one page matching the search query."),
        _PLURAL: _(
            "Search finished, found ${resultCount} pages matching the search query."
        ),
    }


def _translated(words: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in words.items() if v and v != k}


def _fallback_catalogs(app: Sphinx) -> None:
    """Register the theme words as the last fallback of the theme's catalogs."""
    if app.builder.format != "html":
        return
    language = app.config.language
    if language == app.config.kb_source_language:
        return
    words = _translated(theme_words())
    if not words:
        return
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    base = Path(app.doctreedir) / "kb-frame-words"
    folder = base / language / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    catalog = Catalog(locale=language)
    for english, translation in words.items():
        catalog.add(english, translation)
    for name in _CATALOGS:
        with (folder / f"{name}.mo").open("wb") as file:
            write_mo(file, catalog)
        app.add_message_catalog(name, str(base))


def _forms(plural_expr: str, count: int) -> list[str]:
    """Which message (singular or plural) each of Sphinx's plural forms needs.

    >>> _forms("n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2", 3)
    ['singular', 'plural', 'plural']
    >>> _forms("0", 1)
    ['plural']
    """
    plural = gettext.c2py(plural_expr)
    forms = []
    for index in range(count):
        numbers = [n for n in _SAMPLES if plural(n) == index]
        forms.append("singular" if numbers == [1] else "plural")
    return forms


def fix_translations_js(path: Path, words: dict[str, str]) -> bool:
    """Fill the search count in Sphinx's *path* from *words*; drop empty entries.

    Returns False, changing nothing, when the file is not in the form Sphinx
    8.2 writes.
    """
    text = path.read_text(encoding="utf-8")
    start, end = text.find(_JS_START), text.rfind(_JS_END)
    if start < 0 or end < start:
        return False
    try:
        data: dict[str, Any] = json.loads(text[start + len(_JS_START) : end])
        messages: dict[str, Any] = data["messages"]
        plural_expr = str(data["plural_expr"])
    except (ValueError, KeyError, TypeError):
        return False
    if not isinstance(messages, dict):
        return False
    entry = messages.get(_SINGULAR)
    if (_SINGULAR in words or _PLURAL in words) and (
        not isinstance(entry, list) or "" in entry
    ):
        count = len(entry) if isinstance(entry, list) and entry else None
        if count is None:
            count = 1 + max(gettext.c2py(plural_expr)(n) for n in _SAMPLES)
        pick = {
            "singular": words.get(_SINGULAR) or words.get(_PLURAL),
            "plural": words.get(_PLURAL) or words.get(_SINGULAR),
        }
        messages[_SINGULAR] = [pick[form] for form in _forms(plural_expr, count)]
    for key in [
        k for k, v in messages.items() if v == "" or (isinstance(v, list) and "" in v)
    ]:
        del messages[key]  # an empty translation shows nothing; English is better
    body = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    path.write_text(f"{text[:start]}{_JS_START}{body}{text[end:]}", encoding="utf-8")
    return True


def _fix_search_count(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    path = Path(app.outdir, "_static", "translations.js")
    if not path.is_file():
        return
    if not fix_translations_js(path, _translated(search_words())):
        logger.warning(
            "%s: not in the form Sphinx 8.2 writes; the search page's result count"
            " is left as Sphinx wrote it (extensions/editions/frame_words.py)",
            path,
            type="editions",
            subtype="translations_js",
        )


def setup_frame_words(app: Sphinx) -> None:
    # After editions.po is loaded (interface.py, priority 100).
    app.connect("builder-inited", _fallback_catalogs, priority=600)
    app.connect("build-finished", _fix_search_count)
