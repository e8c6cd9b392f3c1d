"""Files made at the end of a build, not made again when nothing they come from changed.

The data exports, the Atom feeds and the search counts are computed from the
whole environment after every build. On a no-op rebuild at 2,000 drugs that
was about 1 s of a 4.5 s build (``make bench-scale``), spent making files
identical to those already there. A writer asks first whether its files are
still what it would write::

    outputs = UnchangedOutputs(app, "trial-facts-export")
    if outputs.current():
        return                      # nothing read since; every file as written
    ...                             # compute and write the files
    outputs.record(["trials.json", "drugs.json", "trials.csv"])

:meth:`UnchangedOutputs.current` is true only when all of these hold:

- the environment is the one the files were made from: no page was read since
  (every page's read time in ``env.all_docs`` is the same), with the same
  builder, configuration and tags (Sphinx's own ``.buildinfo`` hashes), the
  same language and the same day (a writer may show today's date);
- the code is the same: every file of ``extensions/`` (code, templates,
  styles, scripts) and the versions of Sphinx, MyST-Parser, docutils and the
  themes;
- the edition's catalogs are the same files (size and time);
- every file the writer recorded is there with the same size, modification
  and change times and inode, as ``staging.py`` judges a file untouched (any
  write, rename or ``touch`` changes one of them; hashing 2,000 feeds instead
  took 0.2 s).

Then the files are touched (their time set to now), as an unchanged file the
writer rewrites would be, and recorded again with their new times:
``staging.py`` keeps, of the files no page accounts for, only those the build
wrote or touched. A fresh environment (``-E``)
never reuses anything. The record is kept in the doctree folder; a missing or
damaged record means the files are made again.

A writer records only after it has written every file without a warning, so
a build that warned warns again the next time (strict builds).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import weakref
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from build_files import file_state, replace_file

_FILE = "kb-unchanged-outputs.json"
_CODE = Path(__file__).parent
_LIBRARIES = (
    "sphinx",
    "myst-parser",
    "docutils",
    "pydata-sphinx-theme",
    "sphinx-book-theme",
)


def _versions() -> list[str]:
    found = []
    for name in _LIBRARIES:
        try:
            found.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name} missing")
    return found


def _stats(paths: list[Path], base: Path) -> list[list]:
    """(relative path, size, modification time) of each file, sorted."""
    found = []
    for path in paths:
        try:
            status = path.stat()
        except OSError:
            continue
        found.append(
            [path.relative_to(base).as_posix(), status.st_size, status.st_mtime_ns]
        )
    return sorted(found)


def _code_files() -> list[Path]:
    """Every file of ``extensions/``: code, templates, styles and scripts."""
    return [
        path
        for path in _CODE.rglob("*")
        if "__pycache__" not in path.parts and path.is_file()
    ]


def _catalogs(app: Any) -> list[list]:
    found = []
    for folder in app.config.locale_dirs:
        base = Path(app.srcdir, folder, app.config.language or "en", "LC_MESSAGES")
        if base.is_dir():
            found.append(_stats(list(base.rglob("*.[pm]o")), base))
    return found


# One key per application while no page is read: every writer asks for it.
_KEYS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def environment_key(app: Any) -> str:
    """A digest of everything the end-of-build files are made from.

    Ask for it once reading is over (while writing, or at ``build-finished``)::

        >>> environment_key(app) == environment_key(app)  # doctest: +SKIP
        True
    """
    # A page read again gets a later read time, so the sum changes and the key
    # is computed again (an application may build twice, as tests do).
    reads = app.env.all_docs.values()
    token = (id(app.env), len(reads), sum(reads))
    kept = _KEYS.get(app)
    if kept is None or kept[0] != token:
        kept = _KEYS[app] = (token, _environment_key(app))
    return kept[1]


def _environment_key(app: Any) -> str:
    builder = app.builder
    info = getattr(builder, "build_info", None)
    state = {
        "pages": sorted(app.env.all_docs.items()),
        "builder": builder.name,
        "config": getattr(info, "config_hash", ""),
        "tags": getattr(info, "tags_hash", ""),
        "language": app.config.language,
        "day": dt.date.today().isoformat(),
        "code": _stats(_code_files(), _CODE),
        "libraries": _versions(),
        "catalogs": _catalogs(app),
    }
    return hashlib.sha256(json.dumps(state, default=str).encode()).hexdigest()


class UnchangedOutputs:
    """The files one writer (*name*) made in the output folder, and what they came from."""

    def __init__(self, app: Any, name: str) -> None:
        self.app, self.name = app, name
        self.record_file = Path(app.doctreedir) / _FILE

    @property
    def key(self) -> str:
        return environment_key(self.app)

    def _records(self) -> dict:
        try:
            records = json.loads(self.record_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return records if isinstance(records, dict) else {}

    def current(self) -> bool:
        """True if the recorded files are still what the writer would make now."""
        if self.app.fresh_env_used:
            return False
        record = self._records().get(self.name)
        if not isinstance(record, dict) or record.get("key") != self.key:
            return False
        files = record.get("files")
        if not isinstance(files, dict) or not files:
            return False
        out = Path(self.app.outdir)
        paths = []
        for relative, digest in files.items():
            name = Path(relative)
            if name.is_absolute() or ".." in name.parts:
                return False  # only files inside the output folder are trusted
            path = out / name
            if not isinstance(digest, list) or file_state(path) != digest:
                return False
            paths.append(path)
        for path in paths:
            os.utime(path)  # produced by this build too (staging.py)
        self.record([p.relative_to(out).as_posix() for p in paths])
        return True

    def record(self, files: list[str]) -> None:
        """Remember *files* (relative to the output folder) as made from this environment."""
        out = Path(self.app.outdir)
        records = self._records()
        records[self.name] = {
            "key": self.key,
            "files": {name: file_state(out / name) for name in sorted(files)},
        }
        replace_file(
            self.record_file,
            json.dumps(records, indent=0, sort_keys=True).encode("utf-8"),
        )
