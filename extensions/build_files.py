"""Files a build writes beside its pages or keeps for the next build.

One way to write them, so that a build killed half-way never leaves half a
file (a cache read back next time, a feed a server is sending)::

    replace_file(Path(app.doctreedir) / "kb-handouts.json", data)

No ``fsync``: these files are made again by the next build, and a first build
writes thousands of them (``editions.update_po.write_atomically`` syncs,
for the translators' catalogs, which cannot be made again).
"""

from __future__ import annotations

import os
from pathlib import Path


def replace_file(path: Path, data: bytes) -> None:
    """Write *data* to a temporary file beside *path*, then rename it over *path*."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # One temporary name per process: two editions built side by side may
    # write the same shared file (editions/stats_store.py) at once.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def file_state(path: Path) -> list[int] | None:
    """Size, modification and change times and inode of *path*, or None if missing.

    Any write, rename or ``touch`` changes one of them, so a file whose state
    is the one recorded is the file that was recorded (``staging.py`` judges
    its manifest the same way)::

        file_state(Path(app.outdir) / "searchindex.js")   # [size, mtime, ctime, inode]
    """
    try:
        status = path.stat()
    except OSError:
        return None
    return [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino]
