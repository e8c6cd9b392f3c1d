"""Bring every language's catalogs in step with the English templates, losing nothing.

Usage (``make update-po`` runs it after ``make gettext``)::

    PYTHONPATH=extensions python -m editions.update_po _build/gettext locales es fr ja

It does what ``sphinx-intl update -w 76`` did, with Babel (``read_po``,
``Catalog.update``, ``write_po``): new messages are added empty, a changed
English string keeps its old translation marked ``fuzzy``, and a message that
left the English stays in the catalog as an obsolete ``#~`` entry. Three
things differ, because a translator's work must never be lost:

- **Each catalog is written atomically**: into a temporary file in the same
  folder, flushed to disk (``fsync``), checked to parse, then swapped in with
  ``os.replace``. An interrupted run (Ctrl+C, a killed job, a full disk) leaves
  every catalog either as it was or fully updated; sphinx-intl wrote in place,
  and an interrupted run left catalogs cut in half.
- **Obsolete translations come back**: when an English string returns (an edit
  reverted), its ``#~`` entry becomes a live entry again with its translation
  and flags as they were (the translation is of exactly that text, so it is
  not marked fuzzy unless it was).
- **A broken catalog is left alone** (bytes that are not UTF-8, a wrong
  charset, a broken ``Plural-Forms``, a syntax error): it is reported with its
  file and line, and the run ends with status 1 after updating the others.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from catalog_checks import file_problems

from .review import keep_review

WIDTH = 76  # one line width for every catalog: Babel rewraps (babel#787)
_TEMP_SUFFIX = ".update-po.tmp"


@dataclass
class Outcome:
    """What happened to one catalog."""

    path: Path
    status: str  # create | update | notchanged | broken
    restored: int = 0
    detail: str = ""


def _read(data: bytes, language: str | None = None) -> Catalog:
    return read_po(io.BytesIO(data), locale=language)


def _render(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH)
    return buffer.getvalue()


def write_atomically(path: Path, data: bytes) -> None:
    """Replace *path* with *data* so that readers see the old file or the new one.

    The new text goes to a temporary file in the same folder (same file
    system), is flushed to disk, and is renamed over *path*; the folder is
    flushed too, so the rename survives a power cut.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else None
    handle, name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=_TEMP_SUFFIX
    )
    try:
        with os.fdopen(handle, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(name, mode)
        os.replace(name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def _restore_obsolete(catalog: Catalog, template: Catalog) -> int:
    """Make obsolete entries whose English is back live again, translation kept."""
    restored = 0
    for message in template:
        key = message.id
        if not key or key in catalog or key not in catalog.obsolete:
            continue
        old = catalog.obsolete.pop(key)
        catalog[key] = old  # Catalog.update then merges it as an exact match
        restored += bool(old.string)
    return restored


def update_catalog(po: Path, template: Catalog, language: str) -> Outcome:
    """Update (or create) one ``.po`` from its *template*."""
    if not po.exists():
        catalog = _read(_render(template), language)  # a copy, in *language*
        write_atomically(po, _render(catalog))
        return Outcome(po, "create")
    problems = file_problems(po, language)
    if problems:
        return Outcome(po, "broken", detail="; ".join(str(p) for p in problems))
    catalog = _read(po.read_bytes(), language)
    before = {m.id for m in catalog if m.id}
    restored = _restore_obsolete(catalog, template)
    catalog.update(template)
    # As sphinx-intl: rewritten only when its messages change, so that a new
    # POT-Creation-Date or moved source lines alone do not touch every file.
    if not restored and {m.id for m in catalog if m.id} == before:
        return Outcome(po, "notchanged")
    # Babel drops header fields it does not know: the medical review comes back.
    after = keep_review(po.read_bytes(), _render(catalog))
    _read(after, language)  # never swap in a file that does not parse
    write_atomically(po, after)
    return Outcome(po, "update", restored)


def _remove_leftovers(locales: Path) -> None:
    """Temporary files of a run that was killed before it could clean up."""
    for leftover in locales.rglob(f".*{_TEMP_SUFFIX}"):
        leftover.unlink()


def update(templates: Path, locales: Path, languages: list[str]) -> list[Outcome]:
    """Update every language's catalogs from every ``.pot`` under *templates*."""
    _remove_leftovers(locales)
    outcomes = []
    for pot in sorted(templates.rglob("*.pot")):
        with pot.open("rb") as f:
            template = read_po(f)
        name = pot.relative_to(templates).with_suffix(".po")
        for language in languages:
            po = locales / language / "LC_MESSAGES" / name
            outcomes.append(update_catalog(po, template, language))
    return outcomes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("templates", type=Path, help="the folder of .pot files")
    parser.add_argument("locales", type=Path, help="the locales/ folder")
    parser.add_argument("languages", nargs="+", help="language codes, e.g. es fr ja")
    args = parser.parse_args(argv)
    if not args.templates.is_dir():
        print(f"update-po: no templates in {args.templates}; run make gettext first")
        return 1
    outcomes = update(args.templates, args.locales, args.languages)
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
        if outcome.status == "create":
            print(f"Create: {outcome.path}")
        elif outcome.status == "update":
            note = (
                f" ({outcome.restored} translations restored)"
                if outcome.restored
                else ""
            )
            print(f"Update: {outcome.path}{note}")
        elif outcome.status == "broken":
            print(
                f"{outcome.detail}. Not updated: fix it, then run make update-po again.",
                file=sys.stderr,
            )
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    print(f"update-po: {len(outcomes)} catalogs: {summary}")
    return 1 if counts.get("broken") else 0


if __name__ == "__main__":
    raise SystemExit(main())
