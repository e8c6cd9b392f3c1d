"""Warnings about a translation point at the translation: the ``.po`` file and line.

Sphinx and MyST report a fault in a translated message at the English page
(``care/index.md:12``, or ``care/index.md:1`` for a fault MyST finds while
reading the message): the translator is sent to a file they did not edit. In a
translated edition this extension moves such a warning to the catalog entry
that holds the message, and keeps the English place in the text::

    locales/es/LC_MESSAGES/care/index.po:57: WARNING: undefined label: 'nada'
    (in the translation of docs/care/index.md:12) [ref.ref]

A warning is moved when its place is a translated message: the English line
of an entry of the page's catalog (a fault there in the English would fail the
English edition too), a place ending in ``:<translated>`` (Sphinx marks the
nodes it parsed from a ``msgstr`` so), or a warning raised while a message was
being read (``speedups.reading.message``, noted on the warning as it
is raised, since Sphinx holds warnings back until reading ends). Warnings of
records, catalogs and front matter keep their own place. The entry is found
through the catalog's ``#:`` source references (``gettext_location = True``),
read with Babel, which gives each entry's line.

    extensions = [..., "speedups", "po_locations"]   # conf.py
"""

from __future__ import annotations

import logging
import re
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po
from sphinx.application import Sphinx
from sphinx.util import logging as sphinx_logging
from sphinx.util.i18n import docname_to_domain

from speedups import reading

_PLACE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+)(?P<translated>:<translated>(?::\d+)?)?$"
)
_logger = sphinx_logging.getLogger("po_locations")


@cache
def _entries(po: Path, mtime: float) -> dict[tuple[str, int], int]:
    """``(source file, line) -> line of the entry`` for one catalog."""
    with po.open("rb") as f:
        catalog = read_po(f)
    found: dict[tuple[str, int], int] = {}
    for message in catalog:
        if not message.id or not message.string or message.fuzzy:
            continue
        for filename, line in message.locations:
            name = re.sub(r"^(?:\.\./|\./)+", "", filename)
            if isinstance(line, int):
                found.setdefault((name, line), message.lineno)
    return found


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class _ToCatalog(logging.Filter):
    """Rewrite the place of a warning about a translation (after Sphinx's own)."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__()
        self.app = app

    def _entry(self, path: str, line: int) -> str | None:
        app = self.app
        docname = app.env.path2doc(path) if app.env else None
        if docname is None:
            return None
        domain = docname_to_domain(docname, app.config.gettext_compact)
        for base in app.config.locale_dirs:
            po = Path(
                app.srcdir, base, app.config.language, "LC_MESSAGES", f"{domain}.po"
            )
            if not po.is_file():
                continue
            try:
                entries = _entries(po, po.stat().st_mtime)
            except Exception:  # a broken catalog is reported by catalog_guard
                return None
            absolute = Path(path).resolve().as_posix()
            for (name, number), lineno in entries.items():
                if number == line and (
                    absolute == name or absolute.endswith("/" + name)
                ):
                    return f"{_display(po)}:{lineno}"
        return None

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "type", None) in _OWN_PLACES:
            return True
        place = getattr(record, "location", None)
        match = _PLACE.match(place) if isinstance(place, str) else None
        reading = getattr(record, "kb_message", None)
        if reading is not None and (match is None or not match["translated"]):
            path, line = reading
        elif match:
            path, line = match["path"], int(match["line"])
        else:
            return True
        entry = self._entry(path, line)
        if entry:
            # The bare message: Sphinx's records put the place in getMessage().
            message = str(record.msg) % record.args if record.args else str(record.msg)
            note = f" (in the translation of {_display(Path(path))}:{line})"
            tag = re.search(r" \[[\w.-]+\]$", message)
            at = tag.start() if tag else len(message)
            record.msg, record.args = message[:at] + note + message[at:], ()
            record.location = entry
        return True


class _Stamp(logging.Filter):
    """Note, as a warning is raised, which message was being read (if any)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if reading.message is not None:
            record.kb_message = reading.message
        return True


# Loggers that report faults found while a message is parsed: MyST's warnings
# and docutils' system messages (through Sphinx's reporter).
_PARSE_LOGGERS = ("myst_parser.warnings_", "sphinx.util.docutils")
# Warnings that already name their own file: records, catalogs, front matter.
_OWN_PLACES = {"trial-facts", "kb-catalog", "front-matter"}


def _install(app: Sphinx) -> None:
    if app.config.language == getattr(app.config, "kb_source_language", "en"):
        return
    handler_type = getattr(sphinx_logging, "WarningStreamHandler", None)
    handlers = [
        h
        for h in logging.getLogger(sphinx_logging.NAMESPACE).handlers
        if handler_type is not None and isinstance(h, handler_type)
    ]
    if not handlers:
        _logger.warning(
            "po_locations: Sphinx's warning handler was not found (sphinx.util."
            "logging.WarningStreamHandler); warnings about translations keep the "
            "English page's place",
            type="kb-catalog",
            subtype="locations",
        )
        return
    for handler in handlers:
        handler.addFilter(_ToCatalog(app))
    for name in _PARSE_LOGGERS:
        logger = logging.getLogger(f"{sphinx_logging.NAMESPACE}.{name}")
        if not any(isinstance(f, _Stamp) for f in logger.filters):
            logger.addFilter(_Stamp())


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("builder-inited", _install)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
