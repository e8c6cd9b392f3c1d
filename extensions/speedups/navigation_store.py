"""The drawn sidebar kept between builds, for as long as what it shows is the same.

Drawing the sidebar once per build (:mod:`navigation`) still cost 0.26 s of
every incremental build at 500 pages (``make bench-scale``), even when the edit
changed no title and no toctree. This module saves the drawn sidebar in the
doctree folder with a fingerprint of everything it is drawn from, and gives it
back to the next build only if the fingerprint is the same::

    key = fingerprint(app, kwargs, words)
    navigation = load(app, key)
    if navigation is None:
        with warnings_seen(app) as warned:
            navigation = draw()
        if not warned:
            save(app, key, navigation)

The fingerprint covers every page's table of contents, title, toctrees,
``tocdepth`` and section numbers as the environment holds them after reading
(sorted, so that reading order does not matter), the HTML configuration and
tags as Sphinx hashes them for ``.buildinfo``, the builder, the language and
the toggle's words, the arguments the theme passes, and the versions of Sphinx,
the two themes and the navigation code. A build with a fresh environment
(``-E``) draws anew and does not read the saved sidebar. The tables of
contents enter the fingerprint as a digest, kept (``kb-navigation-toc.json``)
while no page has been read since (``unchanged_outputs.environment_key``). Nothing is saved when
drawing warned: the next build must draw again, so that it warns again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.logging import NAMESPACE, is_suppressed_warning

from build_files import replace_file
from unchanged_outputs import environment_key

_FILE = "kb-navigation.pickle"
_TOC_FILE = "kb-navigation-toc.json"
_CODE = Path(__file__).parent


def _code_versions() -> tuple:
    """The libraries and the code that draw the sidebar."""
    return (
        *(version(p) for p in ("sphinx", "pydata-sphinx-theme", "sphinx-book-theme")),
        *(
            hashlib.sha256((_CODE / name).read_bytes()).hexdigest()
            for name in (
                "navigation.py",
                "navigation_store.py",
                "../navigation.py",  # the toggles' names
            )
        ),
    )


def _toc_state(app: Sphinx) -> str:
    """What the environment knows that the sidebar shows, as stable text.

    Pickling the nodes would not do: the same tree pickles differently once it
    has been read back from the environment (pickle records which objects are
    shared), so each node is written out with its attributes instead.
    """
    env = app.env
    rows = [
        (
            docname,
            env.tocs.get(docname),
            env.titles.get(docname),
            env.toctree_includes.get(docname),
            env.metadata.get(docname, {}).get("tocdepth"),
            env.toc_secnumbers.get(docname),
        )
        for docname in sorted(env.found_docs)
    ]
    return _stable_text(
        [
            rows,
            env.glob_toctrees,
            env.numbered_toctrees,
            env.config.include_patterns,
            env.config.exclude_patterns,
            # The root page's toctrees are read from its doctree.
            env.all_docs.get(app.config.root_doc),
        ]
    )


def _stable_text(value: Any) -> str:
    """*value* written out the same way in every process, whatever the hash seed.

    >>> from docutils import nodes
    >>> _stable_text({"b": {2, 1}, "a": [nodes.Text("x"), None]})
    "{'a':[x\\n,None],'b':{1,2}}"
    """
    if isinstance(value, nodes.Node):
        return value.pformat()
    if isinstance(value, dict):
        items = sorted((_stable_text(k), _stable_text(v)) for k, v in value.items())
        return "{" + ",".join(f"{k}:{v}" for k, v in items) + "}"
    if isinstance(value, (set, frozenset)):
        return "{" + ",".join(sorted(_stable_text(v) for v in value)) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_stable_text(v) for v in value) + "]"
    return repr(value)


def fingerprint(app: Sphinx, kwargs: dict[str, Any], words: str) -> str:
    """A digest of every input of the sidebar drawn with *kwargs* and toggle *words*."""
    builder = app.builder
    info = getattr(builder, "build_info", None)
    inputs = (
        _code_versions(),
        builder.name,
        builder.out_suffix,
        builder.link_suffix,
        getattr(info, "config_hash", ""),
        getattr(info, "tags_hash", ""),
        app.config.language,
        app.config.root_doc,
        words,
        kwargs,
    )
    digest = hashlib.sha256(_stable_text(inputs).encode())
    digest.update(_toc_digest(app).encode())
    return digest.hexdigest()


def _toc_digest(app: Sphinx) -> str:
    """The digest of :func:`_toc_state`, kept while the environment is unchanged.

    Writing out every page's table of contents took 0.6 s of a no-op rebuild
    at 2,000 pages. When no page was read since the last build
    (``unchanged_outputs.environment_key``), the digest kept then is used.
    """
    path = Path(app.doctreedir) / _TOC_FILE
    key = environment_key(app)
    try:
        kept = None if app.fresh_env_used else json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        kept = None
    if isinstance(kept, dict) and kept.get("environment") == key:
        found = kept.get("toc")
        if isinstance(found, str):
            return found
    digest = hashlib.sha256(_toc_state(app).encode()).hexdigest()
    replace_file(path, json.dumps({"environment": key, "toc": digest}).encode("utf-8"))
    return digest


def load(app: Sphinx, key: str) -> Any | None:
    """The sidebar saved with *key*, or ``None`` (none saved, another key, unreadable)."""
    if app.fresh_env_used:
        return None
    try:
        with open(Path(app.doctreedir) / _FILE, "rb") as file:
            saved = pickle.load(file)
    except Exception:  # a missing, truncated or outdated file is drawn anew
        return None
    found = saved.get(key) if isinstance(saved, dict) else None
    if found is not None:
        _used(app)[key] = found
    return found


def save(app: Sphinx, key: str, navigation: Any) -> None:
    """Keep *navigation* for the next build, with the other sidebars this build used.

    The file holds the sidebars of the latest build only, so it does not grow.
    """
    used = _used(app)
    used[key] = navigation
    folder = Path(app.doctreedir)
    folder.mkdir(parents=True, exist_ok=True)
    # Written aside, then moved: a build that stops half-way leaves the old file.
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=_FILE, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            pickle.dump(used, file, protocol=5)
        os.replace(temporary, folder / _FILE)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def warnings_seen(app: Sphinx) -> Iterator[list[logging.LogRecord]]:
    """Collect the warnings logged inside the block (not those suppressed).

    Sphinx holds back the warnings of the writing phase until it ends, so its
    own count cannot tell whether drawing the sidebar warned::

        with warnings_seen(app) as seen:
            navigation = draw()
        if not seen:
            save(app, key, navigation)
    """
    seen: list[logging.LogRecord] = []
    suppressed = app.config.suppress_warnings

    class _Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            kind = getattr(record, "type", "") or ""
            subtype = getattr(record, "subtype", "") or ""
            if not is_suppressed_warning(kind, subtype, suppressed):
                seen.append(record)

    handler = _Collect(logging.WARNING)
    logger = logging.getLogger(NAMESPACE)
    logger.addHandler(handler)
    try:
        yield seen
    finally:
        logger.removeHandler(handler)


def _used(app: Sphinx) -> dict[str, Any]:
    """The sidebars this build loaded or drew, by key."""
    return app.builder.__dict__.setdefault("_kb_navigation_used", {})
