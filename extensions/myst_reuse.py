"""Reuse MyST's Markdown parser and docutils' default settings between messages.

In a translated edition Sphinx hands every translated message back to the MyST
parser on its own (``sphinx.transforms.i18n.publish_msgstr``). For each call,
myst-parser 4-5:

- builds a new markdown-it parser with all its plugins (``create_md_parser``);
- builds docutils' default settings from scratch, for a document it then throws
  away (``setup_render`` evaluates ``options.get("document", make_document())``,
  and ``make_document`` calls ``get_default_settings``).

Together that was 40 % of a translated build (measured with cProfile, 60
pseudo-translated pages: 7.6 s of 17.7 s). This extension keeps one parser per
MyST configuration and one copy of the default settings, so a translated edition
costs little more than the English one. The output is byte-identical
(``tests/test_myst_reuse.py``)::

    extensions = ["myst_parser", "myst_reuse", ...]   # conf.py
    kb_reuse_myst_parser = False                       # to measure without it

A parser in use is never reused: a parse that starts while another is running
gets its own parser, as before.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import cache
from typing import Any

from docutils.frontend import get_default_settings
from docutils.utils import new_document
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

from patched import require

try:
    from docutils.parsers.rst import Parser as RSTParser
    from myst_parser.mdit_to_docutils import base as _base
    from myst_parser.parsers import sphinx_ as _sphinx_parser
except ImportError as error:  # pragma: no cover
    raise ExtensionError(f"myst_reuse needs myst-parser: {error}") from error

_ORIGINAL_MAKE_DOCUMENT = _base.make_document
_ORIGINAL_CREATE_PARSER = _sphinx_parser.create_md_parser


@cache
def _default_settings(parser_cls: type) -> Any:
    return get_default_settings(parser_cls)


def make_document(source_path: str = "notset", parser_cls: type = RSTParser):
    """``make_document`` with docutils' default settings built once (then copied)."""
    return new_document(source_path, settings=copy.copy(_default_settings(parser_cls)))


@dataclass
class _Entry:
    config: Any
    parser: Any
    busy: bool = False


_parsers: dict[tuple[int, Any], _Entry] = {}


def _tracked(entry: _Entry) -> None:
    render = entry.parser.render

    def tracked_render(src: str, env: Any = None) -> Any:
        entry.busy = True
        try:
            return render(src, env)
        finally:
            entry.busy = False

    entry.parser.render = tracked_render


def create_md_parser(config: Any, renderer: Any) -> Any:
    """One markdown-it parser per MyST configuration object, unless it is busy."""
    key = (id(config), renderer)
    entry = _parsers.get(key)
    if entry is None or entry.config is not config or entry.busy:
        entry = _Entry(config, _ORIGINAL_CREATE_PARSER(config, renderer))
        _tracked(entry)
        _parsers[key] = entry
    return entry.parser


def _apply(app: Sphinx, config) -> None:
    if config.kb_reuse_myst_parser:
        _base.make_document = make_document
        _sphinx_parser.create_md_parser = create_md_parser
    else:
        _base.make_document = _ORIGINAL_MAKE_DOCUMENT
        _sphinx_parser.create_md_parser = _ORIGINAL_CREATE_PARSER
    _parsers.clear()


def setup(app: Sphinx) -> dict[str, object]:
    require(
        "myst_reuse",
        "myst-parser",
        (_base, "make_document"),
        (_sphinx_parser, "create_md_parser"),
    )
    # Output does not change, so no rebuild is needed when it is switched.
    app.add_config_value("kb_reuse_myst_parser", True, "", types=[bool])
    app.connect("config-inited", _apply)
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True}
