"""Files the extension writes beside the pages, touched only when they change.

The Atom feeds and the data exports are made again after every build; writing
2,000 unchanged feeds (after deleting them all) took about 10 s of a no-op
rebuild at 2,000 drugs. An unchanged file is only touched (its time set to
now): ``extensions/staging.py`` keeps, of the files no page accounts for, only
those the build wrote or touched, and removes the rest as stale::

    write_if_changed(folder / "all.atom", data)      # True if written
    remove_others(folder, "*.atom", {"all.atom"})    # a removed drug's feed goes
"""

from __future__ import annotations

import os
from pathlib import Path

from build_files import replace_file


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write *data* to *path* (atomically) unless the file already holds it."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            os.utime(path)  # this build produced it (staging.py)
            return False
    except OSError:
        pass
    replace_file(path, data)
    return True


def remove_others(folder: Path, pattern: str, keep: set[str]) -> list[str]:
    """Remove the files of *folder* matching *pattern* whose names are not in *keep*."""
    removed = []
    for path in sorted(folder.glob(pattern)):
        if path.name not in keep:
            path.unlink(missing_ok=True)
            removed.append(path.name)
    return removed
