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
