"""Reuse MyST's Markdown parser and docutils' default settings between texts.

MyST parses every page, and in a translated edition Sphinx hands every
translated message back to it on its own (``publish_msgstr``). For each call,
myst-parser 4-5:

- builds a new markdown-it parser with all its plugins (``create_md_parser``);
- builds docutils' default settings from scratch, for a document it then throws
  away (``setup_render`` evaluates ``options.get("document", make_document())``,
  and ``make_document`` calls ``get_default_settings``).

Together that was 40 % of a translated build (measured with cProfile, 60
pseudo-translated pages: 7.6 s of 17.7 s). This speed-up keeps one parser per
MyST configuration *value* and one copy of the default settings.

Two things keep memory bounded on real pages:

- MyST makes a new configuration object for every page with front matter
  (``merge_file_level``), so parsers are found by equal configuration, not by
  the object's identity (keyed on ``id(config)``, the cache never hit on real
  pages and grew by one parser per page).
- After each parse, the parser and its renderer forget everything the parse
  gave them (the page's document, its current node, the environment), so a
  kept parser keeps no page alive (``tests/test_speedups_memory.py``).

A parser in use is never reused: a parse that starts while another is running
(an include inside a page) gets its own parser, as before. At most
``_MAX_PARSERS`` parsers are kept.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sphinx.application import Sphinx

from .guard import Place
from .speedup import SpeedUp

_MAX_PARSERS = 8


@cache
def _default_settings(parser_cls: type) -> Any:
    from docutils.frontend import get_default_settings

    return get_default_settings(parser_cls)


def _make_document(source_path: str = "notset", parser_cls: type | None = None):
    """MyST's ``make_document``, with docutils' default settings built once."""
    from docutils.parsers.rst import Parser as RSTParser
    from docutils.utils import new_document

    settings = copy.copy(_default_settings(parser_cls or RSTParser))
    return new_document(source_path, settings=settings)


@dataclass
class _Entry:
    config: Any
    renderer: Any
    parser: Any
    options: dict[str, Any] = field(default_factory=dict)
    state: dict[str, Any] = field(default_factory=dict)
    busy: bool = False


class MystReuse(SpeedUp):
    name = "myst_reuse"
    package = "myst-parser"
    places = (
        Place(
            "myst_parser.mdit_to_docutils.base",
            "make_document",
            "source_path=, parser_cls=",
        ),
        Place("myst_parser.parsers.sphinx_", "create_md_parser", "config, renderer"),
        Place(
            "myst_parser.parsers.sphinx_",
            "MystParser.parse",
            "self, inputstring, document",
        ),
        Place(
            "myst_parser.mdit_to_docutils.base",
            "DocutilsRenderer.setup_render",
            "self, options, env",
        ),
    )

    def __init__(self) -> None:
        super().__init__()
        self._entries: list[_Entry] = []
        self._originals: dict[str, Any] = {}

    def install(self, app: Sphinx) -> None:
        from myst_parser.mdit_to_docutils import base
        from myst_parser.parsers import sphinx_

        self._originals = {
            "make_document": base.make_document,
            "create_md_parser": sphinx_.create_md_parser,
        }
        self._entries = []
        base.make_document = _make_document
        sphinx_.create_md_parser = self.create_md_parser

    def remove(self) -> None:
        from myst_parser.mdit_to_docutils import base
        from myst_parser.parsers import sphinx_

        if self._originals:
            base.make_document = self._originals["make_document"]
            sphinx_.create_md_parser = self._originals["create_md_parser"]
        self._originals = {}
        self._entries = []

    def create_md_parser(self, config: Any, renderer: Any) -> Any:
        """One markdown-it parser per MyST configuration value, unless it is busy."""
        for entry in self._entries:
            if (
                entry.renderer is renderer
                and not entry.busy
                and (entry.config is config or entry.config == config)
            ):
                self.ran()
                if entry.config is not config:
                    # Same values: the parser reads this page's object, as MyST would.
                    entry.parser.options["myst_config"] = config
                    entry.config = config
                return entry.parser
        entry = self._new_entry(config, renderer)
        self._entries.append(entry)
        if len(self._entries) > _MAX_PARSERS:
            del self._entries[0]
        return entry.parser

    def _new_entry(self, config: Any, renderer: Any) -> _Entry:
        parser = self._originals["create_md_parser"](config, renderer)
        entry = _Entry(
            config,
            renderer,
            parser,
            options=dict(parser.options),
            state=dict(parser.renderer.__dict__),
        )
        render = parser.render

        def tracked_render(src: str, env: Any = None) -> Any:
            entry.busy = True
            try:
                return render(src, env)
            finally:
                # Forget the page: its document, nodes and environment.
                parser.options.clear()
                parser.options.update(entry.options)
                parser.options["myst_config"] = entry.config
                parser.renderer.__dict__.clear()
                parser.renderer.__dict__.update(entry.state)
                entry.busy = False

        parser.render = tracked_render
        return entry


SPEEDUP = MystReuse()
SPEEDUPS = (SPEEDUP,)
