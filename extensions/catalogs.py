"""Compile and load an extension's own gettext catalog for the language being built.

Sphinx compiles the page catalogs itself, but not an extension's (see
``PITFALLS.md``). Each project extension keeps its words in
``locales/<lang>/LC_MESSAGES/<catalog>.po`` and loads them like this::

    from catalogs import load_catalog
    app.connect("builder-inited", lambda app: load_catalog(app, "editions"))

The ``.mo`` is written next to the ``.po`` when missing or older, with Babel, and
is never committed. Fuzzy entries are left out, as in Sphinx's own catalogs.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx


def locale_dirs(app: Sphinx) -> list[Path]:
    """Return the project's locale folders (``locale_dirs``, from the sources)."""
    return [Path(app.srcdir, d).resolve() for d in app.config.locale_dirs]


def load_catalog(app: Sphinx, catalog: str) -> None:
    """Compile ``<catalog>.po`` for ``app.config.language`` and register it.

    Faults of the whole file were reported by ``catalog_guard`` (the catalog is
    then an empty stand-in). Here each translated message must keep the msgid's
    ``{placeholders}``: one that does not is reported at its ``.po`` line and
    left out, so the build fails with that warning, never with a ``KeyError``.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from catalog_checks import file_problems, placeholder_problems
    from catalog_guard import warn

    language = app.config.language
    for base in locale_dirs(app):
        po = base / language / "LC_MESSAGES" / f"{catalog}.po"
        if not po.is_file():
            continue
        mo = po.with_suffix(".mo")
        if not file_problems(po, language):
            with po.open("rb") as f:
                messages = read_po(f, locale=language)
            wrong = placeholder_problems(po, messages)
            for problem, _msgid in wrong:
                warn(problem)
            for _problem, msgid in wrong:
                messages.delete(msgid)
            if wrong or not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
                with mo.open("wb") as f:
                    write_mo(f, messages, use_fuzzy=False)
        app.add_message_catalog(catalog, str(base))
