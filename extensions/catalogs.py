"""Compile and load an extension's own gettext catalog for the language being built.

Sphinx compiles the page catalogs itself, but not an extension's: an
extension's catalog registered with ``app.add_message_catalog`` must already be
compiled. Each project extension keeps its words in
``locales/<lang>/LC_MESSAGES/<catalog>.po`` and loads them like this::

    from catalogs import load_catalog
    app.connect("builder-inited", lambda app: load_catalog(app, "editions"))

The ``.mo`` is written next to the ``.po`` when missing or older, with Babel, and
is never committed. Fuzzy entries are left out, as in Sphinx's own catalogs.

Sphinx does not know that pages show these words, so an edited catalog would
reach no page in an incremental build. The environment keeps a digest of each
catalog; when one differs from the last build's, every page is read again.
"""

from __future__ import annotations

import hashlib
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
        changed = _changed(app, catalog, po)
        if not file_problems(po, language):
            with po.open("rb") as f:
                messages = read_po(f, locale=language)
            wrong = placeholder_problems(po, messages)
            for problem, _msgid in wrong:
                warn(problem)
            for _problem, msgid in wrong:
                messages.delete(msgid)
            if (
                changed
                or wrong
                or not mo.exists()
                or mo.stat().st_mtime < po.stat().st_mtime
            ):
                with mo.open("wb") as f:
                    write_mo(f, messages, use_fuzzy=False)
        app.add_message_catalog(catalog, str(base))


def _changed(app: Sphinx, catalog: str, po: Path) -> bool:
    """Whether *po* differs from the last build's; if so every page is read again."""
    digest = hashlib.sha256(po.read_bytes()).hexdigest()
    digests = app.env.__dict__.setdefault("kb_catalog_digests", {})
    changed = digests.get(catalog) != digest and not app.fresh_env_used
    digests[catalog] = digest
    if changed:
        stale = app.__dict__.setdefault("_kb_stale_catalogs", [])
        if not stale:
            app.connect("env-get-outdated", _every_page)
        stale.append(f"{catalog}.po")
    return changed


def _every_page(app: Sphinx, env, added, changed, removed) -> list[str]:
    from sphinx.util import logging

    stale = ", ".join(app.__dict__.get("_kb_stale_catalogs", []))
    logging.getLogger(__name__).info("%s changed: every page is read again", stale)
    return sorted(env.found_docs)
