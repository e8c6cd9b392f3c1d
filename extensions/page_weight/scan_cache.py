"""What each built page holds, read once and kept while the page is unchanged.

The icons and the trimmed CSS are worked out from every page of the finished
site. A no-op or one-page rebuild rewrites few pages, so reading all of them
again (about 120 MB at 2,000 pages) would make the smallest rebuild as slow as
the site is large. :class:`ScanCache` keeps, per scan and per file, what a scan
found, keyed by the file's size and modification time, in one pickle in the
doctree folder (a cache of the build's own making; a missing or unreadable one
is rebuilt)::

    with ScanCache(Path(app.doctreedir) / "kb-page-scans.pickle") as cache:
        for path, found in cache.scan("classes", pages, _classes_of):
            ...
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from build_files import replace_file

T = TypeVar("T")
# Bump when a scan changes what it returns: an older cache is then ignored.
_VERSION = 1


class ScanCache:
    """Per-file results of named scans; *path* None keeps nothing between builds."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._old: dict[str, dict[str, Any]] = self._load() if path else {}
        self._new: dict[str, dict[str, Any]] = {}

    def _load(self) -> dict[str, dict[str, Any]]:
        try:
            with self.path.open("rb") as file:  # type: ignore[union-attr]
                data = pickle.load(file)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return {}
        if not isinstance(data, dict) or data.get("version") != _VERSION:
            return {}
        scans = data.get("scans")
        return scans if isinstance(scans, dict) else {}

    def scan(
        self, name: str, files: Iterable[Path], read: Callable[[str], T]
    ) -> Iterator[tuple[Path, T]]:
        """Each file and ``read(its text)``, from the cache while it is unchanged."""
        old = self._old.get(name, {})
        new = self._new.setdefault(name, {})
        for path in files:
            status = path.stat()
            stamp = (status.st_size, status.st_mtime_ns)
            entry = old.get(str(path))
            if entry is not None and entry[0] == stamp:
                found = entry[1]
            else:
                found = read(path.read_text(encoding="utf-8", errors="replace"))
            new[str(path)] = (stamp, found)
            yield path, found

    def __enter__(self) -> ScanCache:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.path is None or exc[0] is not None:
            return
        replace_file(self.path, pickle.dumps({"version": _VERSION, "scans": self._new}))
