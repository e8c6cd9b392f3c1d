"""The extensions' own words as ``.pot`` files, and pseudo-translated catalogs.

``make gettext`` runs Sphinx's gettext builder for the pages, then this module
for the words the extensions write themselves (table labels, the notice, the
book's title page)::

    PYTHONPATH=extensions python -m editions.extract _build/gettext

:data:`INTERFACE_CATALOGS` is the one list of which source files feed which
catalog; the pseudo-translation test and ``bench/scale.py`` use it too, through
:func:`pseudo_catalogs`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po, write_po

EXTENSIONS = Path(__file__).resolve().parents[1]
# Catalog name -> the modules and packages (under extensions/) whose _() it holds.
INTERFACE_CATALOGS: dict[str, tuple[str, ...]] = {
    "trial-facts": ("trial_facts",),
    "editions": (
        "editions",
        "book.py",
        "navigation.py",
        "page_frame",
        "review_dates",
        "search_quality",
    ),
}


def _messages(source: Path):
    """(file, line, message, comments, context) for every _() in *source*."""
    if source.is_dir():
        for filename, lineno, message, comments, context in extract_from_dir(source):
            yield source / filename, lineno, message, comments, context
    else:
        for lineno, message, comments, context in extract_from_file("python", source):
            yield source, lineno, message, comments, context


def extract_interface(pot_dir: Path) -> list[Path]:
    """Write one ``<catalog>.pot`` per interface catalog into *pot_dir*.

    Locations are relative to the repository, as ``pybabel extract`` run from
    its top writes them, so ``make update-po`` leaves the ``#:`` lines alone.
    """
    written = []
    root = EXTENSIONS.parent
    for name, sources in INTERFACE_CATALOGS.items():
        catalog = Catalog(project="ALS/MND Knowledge Base")
        for source in sources:
            for path, lineno, message, comments, context in _messages(
                EXTENSIONS / source
            ):
                location = (path.relative_to(root).as_posix(), lineno)
                catalog.add(
                    message, None, [location], auto_comments=comments, context=context
                )
        target = pot_dir / f"{name}.pot"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as f:
            write_po(f, catalog, width=0, sort_by_file=True)
        written.append(target)
    return written


def pseudo_catalogs(
    pot_dir: Path, locale_dir: Path, language: str, translate: Callable[[str], str]
) -> Path:
    """Write ``<locale_dir>/<language>/LC_MESSAGES/*.po`` translating every message.

    >>> pseudo_catalogs(Path("_build/gettext"), Path("/tmp/pseudo"), "es",
    ...                 lambda text: f"[{text}]")  # doctest: +SKIP
    PosixPath('/tmp/pseudo')
    """
    for template in sorted(pot_dir.rglob("*.pot")):
        with template.open("rb") as f:
            messages = read_po(f)
        catalog = Catalog(locale=language)
        for message in messages:
            if message.id:
                catalog.add(
                    message.id, translate(message.id), flags=message.flags - {"fuzzy"}
                )
        target = locale_dir / language / "LC_MESSAGES" / template.relative_to(pot_dir)
        target = target.with_suffix(".po")
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as f:
            write_po(f, catalog)
    return locale_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pot_dir", type=Path, help="where the .pot files go")
    args = parser.parse_args(argv)
    extract_interface(args.pot_dir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
