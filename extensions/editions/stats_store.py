"""The catalog counts of the progress page, kept on disk for the other editions.

Every edition's build shows how far every other edition is translated
(``progress.py``), so each of the six builds of ``make html`` read all five
translated editions' catalogs: about 1.1 s of Babel parsing per build, the same
answer six times. The counts of one language are kept in one file of a folder
the editions share (``kb_shared_cache_dir``, which the Makefile sets to
``_build/cache``), each catalog under the SHA-256 of its bytes, so that a
changed, restored or checked-out catalog is counted again and never mistaken::

    store = StatsStore(Path("_build/cache"))
    stats = store.edition(Path("locales"), "fr")   # read, or counted and kept

Without a folder (a plain ``sphinx-build``) nothing is kept between builds.
Each file is replaced whole (``build_files.replace_file``): two editions built
side by side may both count a language, and the last to finish wins; a file
that cannot be read (another version of this code, damage) is counted again.
The folder is build output, trusted as Sphinx trusts its own pickled
environment in the doctree folder.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import fields, replace
from pathlib import Path

from build_files import replace_file

from .stats import CatalogStats, catalog_stats, edition_catalogs, keep

# Changes when CatalogStats changes shape: an older file is then not read.
_FORMAT = (2, tuple(f.name for f in fields(CatalogStats)))


class StatsStore:
    """Catalog counts per language, in *folder* (or nowhere when it is None)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.counted = 0  # catalogs not found in the folder, so counted here

    def edition(self, locales: Path, language: str) -> list[CatalogStats]:
        """Stats of every catalog of *language*, named by its path under LC_MESSAGES."""
        catalogs = edition_catalogs(locales, language)
        kept = self._load(language)
        result, digests = [], {}
        for name, po in catalogs.items():
            digest = hashlib.sha256(po.read_bytes()).hexdigest()
            stats = kept.get((str(po), digest))
            if stats is None:
                stats = catalog_stats(po)
                self.counted += 1
            else:  # the page's translation notice asks for it again
                keep(po, stats)
            digests[(str(po), digest)] = stats
            result.append(replace(stats, name=name))
        if self.folder is not None and digests != kept:
            replace_file(
                self._file(language), pickle.dumps((_FORMAT, digests), protocol=5)
            )
        return result

    def _file(self, language: str) -> Path:
        assert self.folder is not None
        return self.folder / f"kb-catalog-stats-{language}.pickle"

    def _load(self, language: str) -> dict:
        if self.folder is None:
            return {}
        try:
            stored, digests = pickle.loads(self._file(language).read_bytes())
        except Exception:  # missing, damaged, or written by other code: count again
            return {}
        return digests if stored == _FORMAT and isinstance(digests, dict) else {}
