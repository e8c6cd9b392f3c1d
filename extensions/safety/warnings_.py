"""Every refusal of the safety extension: one located warning with a type and subtype.

Builds are strict (``-W``), so each warning fails the build. A warning names the
file and line (for a translation, the ``.po`` entry that holds the bad text),
what is wrong, the bad value (shortened) and what is allowed::

    refuse(env, node, "a link with a scheme that is not allowed", "javascript:x",
           "http:, https:, mailto: or a link inside the site", "scheme")

Subtypes (``safety.<subtype>``; never silenced in this project):

``template``  ``{{ ... }}`` substitutions, or a setting that would enable them
``markup``    active markup: ``{eval-rst}``, raw HTML, ``<meta>``, MyST settings
              in front matter
``path``      a file outside the sources (``docs/``), or one read from the network
``scheme``    a link or image target whose URL scheme is not allowed
``remote``    an image that would load from another host
``hidden``    an invisible direction or width character in a page (U+202E ...)
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from docutils import nodes
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

TYPE = "safety"
SUBTYPES = ("template", "markup", "path", "scheme", "remote", "hidden")
_logger = logging.getLogger("safety")
_TRANSLATED = re.compile(r"^(?P<page>.*):(?P<line>\d+|None):<translated>$")


def shorten(value: str, limit: int = 60) -> str:
    """*value* as a quoted literal, cut to about *limit* characters.

    >>> shorten("javascript:" + "a" * 100)[:20]
    "'javascript:aaaaaaaa"
    """
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@lru_cache(maxsize=64)
def _catalog(path: Path, mtime: float) -> tuple[tuple[int, str], ...]:
    from babel.messages.pofile import read_po

    with path.open("rb") as file:
        catalog = read_po(file)
    entries = []
    for message in catalog:
        strings = (
            message.string if isinstance(message.string, tuple) else (message.string,)
        )
        for string in strings:
            if string:
                entries.append((message.lineno, string))
    return tuple(entries)


def _catalogs(env: BuildEnvironment, docname: str) -> list[Path]:
    """The page's own catalog, then the extensions' (trial-facts, editions)."""
    language = env.config.language
    found = []
    for base in env.config.locale_dirs:
        folder = Path(env.srcdir, base, language, "LC_MESSAGES").resolve()
        for name in (f"{docname}.po", "trial-facts.po", "editions.po"):
            if (folder / name).is_file():
                found.append(folder / name)
    return found


def po_entry(env: BuildEnvironment, docname: str, value: str) -> str | None:
    """``file.po:line`` of the translation of *docname* that holds *value*, if any."""
    source_language = getattr(env.config, "kb_source_language", "en")
    if not value or env.config.language in (None, "", source_language):
        return None
    for po in _catalogs(env, docname):
        for line, string in _catalog(po, po.stat().st_mtime):
            if value in string:
                return f"{_shown_path(env, po)}:{line}"
    return None


def _shown_path(env: BuildEnvironment, path: Path) -> str:
    """*path* relative to the repository (the folder above ``docs/``) when it can be."""
    top = Path(env.srcdir).resolve().parent
    try:
        return str(path.relative_to(top))
    except ValueError:
        return str(path)


def _docname(env: BuildEnvironment) -> str:
    try:
        return env.docname or ""
    except (AttributeError, KeyError):
        return ""


def location(env: BuildEnvironment, node: nodes.Node | None, value: str) -> str:
    """Where *value* was written: the ``.po`` entry, or the page (or record) and line."""
    docname = _docname(env)
    source, line = (None, None)
    current = node
    while current is not None and (source is None or line is None):
        source = source or getattr(current, "source", None)
        line = line or getattr(current, "line", None)
        current = current.parent
    if docname:
        entry = po_entry(env, docname, value)
        if entry:
            return entry
    if source:
        match = _TRANSLATED.match(source)
        if match:  # parsed from a translation we could not find again
            return f"{match.group('page')}:{match.group('line')}"
        return f"{source}:{line}" if line else source
    return env.doc2path(docname) if docname else "conf.py"


def field(node: nodes.Node | None) -> str:
    """`` (trial record field 'x')`` when *node* shows text of a record, else ``""``."""
    while node is not None:
        if isinstance(node, nodes.Element) and node.get("kb-field"):
            return f" (record field {node['kb-field']!r})"
        node = node.parent
    return ""


def refuse(
    env: BuildEnvironment,
    node: nodes.Node | None,
    what: str,
    value: str,
    allowed: str,
    subtype: str,
    where: str | None = None,
) -> None:
    """Warn that *what* (*value*) is refused, and say what is *allowed*."""
    assert subtype in SUBTYPES, subtype
    _logger.warning(
        "%s%s: %s. %s",
        what,
        field(node),
        shorten(value),
        allowed,
        location=where or location(env, node, value),
        type=TYPE,
        subtype=subtype,
    )
