"""Every catalog of the edition being built is checked before Sphinx uses it.

Each problem found by ``catalog_checks`` is a warning at the catalog's file and
line, so a strict build fails on it::

    locales/es/LC_MESSAGES/care/index.po:14: WARNING: byte 0xE9 at line 14,
    column 9 (byte offset 402) is not UTF-8; save the catalog as UTF-8 [kb-catalog.encoding]

A catalog that cannot be used is replaced, for this build, by an empty compiled
catalog (its pages are shown in English, never half-translated or mangled). In
the extensions' own catalogs (``trial-facts.po``, ``editions.po``), a message
whose ``{placeholders}`` differ is left out by ``catalogs.load_catalog``, so
the English is used, never a ``KeyError``. The language being built must be
one Babel knows: ``-D language=xx`` is a warning naming the editions of
``kb_editions``, and the build goes on in English.

Each extension that uses catalogs calls ``app.setup_extension("catalog_guard")``
(Sphinx sets it up once).
"""

from __future__ import annotations

import io
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from catalog_checks import CatalogProblem, checked_catalog
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

_logger = logging.getLogger("catalog_guard")
TYPE = "kb-catalog"


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def warn(problem: CatalogProblem) -> None:
    _logger.warning(
        problem.message,
        location=f"{_display(problem.path)}:{problem.line}",
        type=TYPE,
        subtype=problem.kind,
    )


def language_catalogs(app: Sphinx) -> list[Path]:
    """Every ``.po`` of the language being built, in every locale folder."""
    found = []
    for base in app.config.locale_dirs:
        folder = Path(app.srcdir, base, app.config.language, "LC_MESSAGES")
        if folder.is_dir():
            found += sorted(folder.rglob("*.po"))
    return found


def _empty_mo(po: Path, language: str) -> None:
    """Stand an empty compiled catalog in for a broken one: its page shows English."""
    buffer = io.BytesIO()
    write_mo(buffer, Catalog(locale=language))
    po.with_suffix(".mo").write_bytes(buffer.getvalue())


def _check_catalogs(app: Sphinx) -> None:
    language = app.config.language
    if not language or language == getattr(app.config, "kb_source_language", "en"):
        return
    from editions.stats import counted, keep

    for po in language_catalogs(app):
        problems, catalog = checked_catalog(po, language)
        for problem in problems:
            warn(problem)
        if problems:
            _empty_mo(po, language)
        else:  # the page's translation notice needs its counts: Babel read it now
            keep(po.resolve(), counted(po, problems, catalog))


def _check_language(app: Sphinx, config: Config) -> None:
    """``-D language=xx``: a language Babel cannot name or format is refused."""
    language = config.language
    try:
        Locale.parse((language or "en").replace("-", "_"))
        return
    except (ValueError, UnknownLocaleError):
        pass
    editions = getattr(config, "kb_editions", None) or {}
    allowed = ", ".join(editions) or "a language code such as es, fr, ja, pt_BR"
    _logger.warning(
        f"language {language!r} is not a language Babel knows, so dates, numbers "
        f"and names cannot be written in it; use one of: {allowed} (the editions); "
        "the build goes on in English and fails",
        type=TYPE,
        subtype="language",
    )
    config.language = "en"


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("config-inited", _check_language, priority=100)
    app.connect("builder-inited", _check_catalogs, priority=10)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
