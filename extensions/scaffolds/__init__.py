"""scaffolds: new pages and records from templates, and a build that says what to fill.

``make new-drug``, ``make new-trial`` and ``make new-page`` (:mod:`scaffolds.new`)
write a file from ``templates/`` in which each field and section to fill holds
the words ``FILL IN``. This extension makes the strict build fail until each is
filled, with one warning per line that names the file, the line and the field::

    docs/_data/trials/tofersen-valor.yaml:9: WARNING: field 'sponsor': fill in the
    company or group that runs the trial, then delete the words 'FILL IN'
    [scaffold.unfilled]

Pages are checked as they are read; trial records (``kb_trial_data_dir``)
at the start of every build. Add it to ``conf.py``::

    extensions = [..., "trial_facts", "scaffolds"]
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from .unfilled import MARKER, unfilled

__version__ = "0.1.0"
_logger = logging.getLogger("scaffolds")


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _warn(gap, location: str) -> None:
    _logger.warning(str(gap), location=location, type="scaffold", subtype="unfilled")


def _check_page(app: Sphinx, docname: str, source: list[str]) -> None:
    if MARKER not in source[0]:
        return
    path = _shown(Path(app.env.doc2path(docname)))
    for gap in unfilled(source[0]):
        _warn(gap, f"{path}:{gap.line}")


def _check_records(app: Sphinx) -> None:
    folder = Path(app.srcdir, getattr(app.config, "kb_trial_data_dir", "_data/trials"))
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        text = path.read_text(encoding="utf-8", errors="replace")
        if MARKER not in text:
            continue
        for gap in unfilled(text, yaml_file=True):
            _warn(gap, f"{_shown(path)}:{gap.line}")


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("source-read", _check_page)
    app.connect("builder-inited", _check_records)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
