"""How much of each edition is translated, read from the ``.po`` files.

    >>> stats = catalog_stats(Path("locales/es/LC_MESSAGES/index.po"))  # doctest: +SKIP
    >>> stats.translated, stats.total, stats.revised
    (12, 12, datetime.date(2026, 11, 26))

A message counts as translated when its ``msgstr`` is not empty and it is not
fuzzy: fuzzy entries are never shown to readers, so they are not counted either.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from catalog_checks import checked_catalog

from .review import Review, ReviewError, read_review


@dataclass(frozen=True)
class CatalogStats:
    """Counts for one catalog (one page, or one extension's words)."""

    name: str
    translated: int
    fuzzy: int
    total: int
    revised: dt.date | None
    # The medical review its header records (editions/review.py); None: not
    # reviewed. ``review_problem`` says why the field could not be read.
    review: Review | None = None
    review_problem: str = ""
    # Why the catalog cannot be used ("file:line: ..."), or "" when it can: the
    # build shows its pages in English, so none of it counts as translated.
    broken: str = ""
    # The header's PO-Revision-Date as written, whatever is translated (the
    # translation notice shows it); None when the catalog could not be read.
    header_revised: dt.date | None = None

    @property
    def ratio(self) -> float:
        return self.translated / self.total if self.total else 1.0

    @property
    def outdated(self) -> bool:
        """The English changed after the translation: some entries are fuzzy.

        ``make update-po`` keeps the old translation of a changed English
        string, marked fuzzy and hidden from readers, so each fuzzy entry is a
        part of the page whose English is newer than its translation.
        """
        return self.fuzzy > 0


@cache
def _read(path: Path, mtime: float) -> CatalogStats:
    return counted(path, *checked_catalog(path))  # Babel reads it once


def counted(path: Path, problems: list, catalog: Catalog | None) -> CatalogStats:
    """The counts of *path*, from what :func:`catalog_checks.checked_catalog` gave."""
    if problems or catalog is None:
        text = path.read_bytes().decode("utf-8", errors="replace")
        try:
            total = sum(1 for m in read_po(io.StringIO(text)) if m.id)
        except Exception:  # unreadable: the count is unknown
            total = 0
        return CatalogStats(path.stem, 0, 0, total, None, broken=str(problems[0]))
    translated = fuzzy = total = 0
    for message in catalog:
        if not message.id:
            continue  # the header
        total += 1
        strings = (
            message.string if isinstance(message.string, tuple) else (message.string,)
        )
        if message.fuzzy:
            fuzzy += 1
        elif all(strings):
            translated += 1
    revised = catalog.revision_date
    try:
        review, review_problem = read_review(path), ""
    except ReviewError as error:
        review, review_problem = None, f"{path}: {error}"
    return CatalogStats(
        name=path.stem,
        translated=translated,
        fuzzy=fuzzy,
        total=total,
        revised=revised.date()
        if isinstance(revised, dt.datetime) and translated
        else None,
        review=review,
        review_problem=review_problem,
        header_revised=revised.date() if isinstance(revised, dt.datetime) else None,
    )


# Counts another edition's build kept (stats_store.py), for this process.
_KEPT: dict[tuple[Path, float], CatalogStats] = {}


def catalog_stats(path: Path) -> CatalogStats:
    """Read one ``.po`` (cached until the file changes)."""
    mtime = path.stat().st_mtime
    kept = _KEPT.get((path, mtime))
    return kept if kept is not None else _read(path, mtime)


def keep(path: Path, stats: CatalogStats) -> None:
    """Let :func:`catalog_stats` answer for *path* as it is now with *stats*."""
    _KEPT[(path, path.stat().st_mtime)] = stats


def revision_date(path: Path) -> dt.date | None:
    """The ``PO-Revision-Date`` of one ``.po``, read from its header entry alone.

    The header is the file's first entry, ending at its first blank line; the
    messages after it are not read. When the catalog guard has parsed the file
    as it is now (:func:`keep`), its date is taken from that parse instead.

        >>> revision_date(Path("locales/es/LC_MESSAGES/index.po"))  # doctest: +SKIP
        datetime.date(2026, 11, 26)
    """
    kept = _KEPT.get((path, path.stat().st_mtime))
    if kept is not None and not kept.broken:
        return kept.header_revised
    header, in_entry = [], False
    with path.open("rb") as f:
        for line in f:
            if in_entry and not line.strip():
                break
            in_entry = in_entry or line.startswith(b"msgid")
            header.append(line)
    try:
        revised = read_po(io.BytesIO(b"".join(header))).revision_date
    except (ValueError, LookupError):  # reported by catalog_guard at its line
        return None
    return revised.date() if isinstance(revised, dt.datetime) else None


def edition_catalogs(locales: Path, language: str) -> dict[str, Path]:
    """Map each catalog of *language* to its file: ``{"drugs/index": Path(...)}``."""
    base = locales / language / "LC_MESSAGES"
    return {
        po.relative_to(base).with_suffix("").as_posix(): po
        for po in sorted(base.rglob("*.po"))
    }


def edition_stats(locales: Path, language: str) -> list[CatalogStats]:
    """Stats of every catalog of *language*, named by its path under LC_MESSAGES."""
    return [
        replace(catalog_stats(po), name=name)
        for name, po in edition_catalogs(locales, language).items()
    ]


def languages(locales: Path) -> list[str]:
    """The languages that have a catalog folder under *locales*."""
    return sorted(p.name for p in locales.iterdir() if (p / "LC_MESSAGES").is_dir())
