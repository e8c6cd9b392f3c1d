"""Files come from the sources only: every path a page or a translation names is
confined to the source folder (``docs/``), after ``..`` and symlinks are resolved.

Two levels, so that nothing outside is ever opened:

- **Directives that read a file while the page is parsed** check the path before
  reading: ``include`` (MyST and reStructuredText), ``literalinclude`` (and its
  ``:diff:``), ``csv-table :file:`` (``:url:`` is refused: nothing is fetched)
  and ``raw :file:`` / ``:url:`` (``raw`` is disabled anyway).
- **Nodes that name a file Sphinx copies later** are checked after the page is
  read and translated, before Sphinx collects them: every image (``{image}``,
  ``{figure}``, and image paths in catalogs) and every ``{download}``. A bad one
  is dropped from the page.

Paths follow Sphinx's rules: relative to the page, or, starting with ``/``,
relative to ``docs/``. docutils' "standard" includes (``<isonum.txt>``) live
outside the sources and are refused::

    ```{literalinclude} ../../etc/passwd
    ```
    -> docs/page.md:3: WARNING: a file outside the sources (docs/): '../../etc/passwd'.
       Use a file stored under docs/, named relative to the page or from docs/ with
       a leading /. [safety.path]
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst.directives import flag, nonnegative_int
from docutils.parsers.rst.directives import path as path_option
from docutils.parsers.rst.directives.misc import Raw
from myst_parser import mocking
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.directives.code import LiteralInclude
from sphinx.directives.other import Include
from sphinx.directives.patches import CSVTable
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from patched import require

from .schemes import has_scheme
from .warnings_ import po_entry, refuse

ALLOWED = (
    "Use a file stored under docs/, named relative to the page or from docs/ with a"
    " leading /."
)


def inside_sources(env: Any, target: str, base: Path | None = None) -> Path | None:
    """The file *target* names, resolved, if it lies inside the sources; else None.

    Relative to *base* (a folder) when given, else Sphinx's rule for the current
    page: relative to the page, or to ``docs/`` with a leading ``/``.
    """
    if not target or "\x00" in target or target.startswith("<") or has_scheme(target):
        return None
    srcdir = Path(env.srcdir).resolve()
    try:
        if base is not None and not target.startswith(("/", "\\")):
            resolved = (base / target).resolve()
        else:
            resolved = Path(env.relfn2path(target, env.docname)[1]).resolve()
    except (OSError, RuntimeError, ValueError, KeyError):
        return None
    return resolved if resolved.is_relative_to(srcdir) else None


def _page_folder(env: Any) -> Path:
    return Path(env.doc2path(env.docname)).resolve().parent


def _env(directive: Any) -> Any:
    return directive.state.document.settings.env


def _refuse_path(directive: Any, what: str, value: str) -> list[nodes.Node]:
    refuse(
        _env(directive),
        None,
        what,
        value,
        ALLOWED,
        "path",
        where=_where(directive, value),
    )
    return []


def _where(directive: Any, value: str) -> str:
    """The directive's page and line; for a translation, its ``.po`` entry."""
    source, line = directive.state_machine.get_source_and_line(directive.lineno)
    source = str(source or "")
    if source.endswith(":<translated>"):
        env = _env(directive)
        entry = po_entry(env, env.docname, value)
        if entry:
            return entry
        page, msgid_line, _ = source.rsplit(":", 2)
        return f"{page}:{msgid_line}"
    return f"{source}:{line}"


class SafeInclude(SphinxDirective):
    """``include``, for a file inside the sources only.

    Not a subclass of docutils' ``Include``: MyST would then run its own
    include code and never this check. After the check, the include is done by
    MyST's code (in Markdown) or Sphinx's (in reStructuredText).
    """

    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {
        **Include.option_spec,
        # MyST's own options for Markdown includes.
        "relative-images": flag,
        "relative-docs": path_option,
        "heading-offset": nonnegative_int,
    }

    def run(self) -> list[nodes.Node]:
        target = "".join(line.strip() for line in self.arguments[0].splitlines())
        if inside_sources(self.env, target) is None:
            return _refuse_path(
                self, "include of a file outside the sources (docs/)", target
            )
        renderer = getattr(self.state, "_renderer", None)
        if renderer is not None:  # MyST's mock state: MyST's include code
            return mocking.MockIncludeDirective(
                renderer,
                name=self.name,
                klass=Include,
                arguments=self.arguments,
                options=self.options,
                body=list(self.content),
                lineno=self.lineno,
            ).run()
        if isinstance(self.state, mocking.MockState):  # MyST changed: refuse safely
            return _refuse_path(
                self, "include is unavailable with this myst-parser version", target
            )
        return Include(
            self.name,
            self.arguments,
            self.options,
            self.content,
            self.lineno,
            self.content_offset,
            self.block_text,
            self.state,
            self.state_machine,
        ).run()


class SafeLiteralInclude(LiteralInclude):
    """``literalinclude`` (and its ``:diff:`` file), inside the sources only."""

    def run(self) -> list[nodes.Node]:
        for target in (self.arguments[0], self.options.get("diff")):
            if target is not None and inside_sources(self.env, target) is None:
                return _refuse_path(
                    self, "literalinclude of a file outside the sources (docs/)", target
                )
        return super().run()


class SafeCSVTable(CSVTable):
    """``csv-table``: ``:file:`` inside the sources only, ``:url:`` never."""

    def run(self) -> list[nodes.Node]:
        if "url" in self.options:
            return _refuse_path(
                self,
                "csv-table :url: (nothing is fetched from the network)",
                self.options["url"],
            )
        if "file" in self.options:
            target = self.options["file"]
            env = _env(self)
            resolved = inside_sources(env, target, base=_page_folder(env))
            if resolved is None:
                return _refuse_path(
                    self, "csv-table :file: outside the sources (docs/)", target
                )
            # docutils reads it relative to the current source's folder.
            folder = os.path.dirname(
                os.path.abspath(self.state.document.current_source)
            )
            self.options["file"] = os.path.relpath(resolved, folder)
        return super().run()


class SafeRaw(Raw):
    """``raw``: never a file or a URL (the directive itself is disabled in conf.py)."""

    def run(self) -> list[nodes.Node]:
        for option in ("file", "url"):
            if option in self.options:
                return _refuse_path(
                    self,
                    f"raw :{option}: (raw output is not allowed, nor reading files)",
                    self.options[option],
                )
        return super().run()


def _drop(node: nodes.Element) -> None:
    """Replace *node* by its text (a download) or nothing (an image)."""
    if isinstance(node, nodes.image):
        node.parent.remove(node)
    else:
        node.replace_self(nodes.inline(node.astext(), node.astext()))


class ConfinedFiles(SphinxTransform):
    """Drop images and downloads whose file lies outside the sources."""

    # After the Locale transform (20) and schemes.py (870); before Sphinx's
    # collectors copy the files (doctree-read, emitted by a transform at 880).
    default_priority = 871

    def apply(self, **kwargs: Any) -> None:
        checks = (
            (nodes.image, "uri", "an image file outside the sources (docs/)"),
            (
                addnodes.download_reference,
                "reftarget",
                "a download outside the sources (docs/)",
            ),
        )
        for kind, attribute, what in checks:
            for node in list(self.document.findall(kind)):
                target = node.get(attribute, "")
                if has_scheme(target) or target.startswith("//"):
                    continue  # schemes.py decides on URLs
                lookup = target.replace("*", "x") if "*" in target else target
                if inside_sources(self.env, lookup) is None:
                    refuse(self.env, node, what, target, ALLOWED, "path")
                    _drop(node)


def setup_paths(app: Sphinx) -> None:
    require(
        "safety",
        "myst-parser",
        (mocking, "MockIncludeDirective"),
        (mocking, "MockState"),
    )
    app.add_directive("include", SafeInclude, override=True)
    app.add_directive("literalinclude", SafeLiteralInclude, override=True)
    app.add_directive("csv-table", SafeCSVTable, override=True)
    app.add_directive("raw", SafeRaw, override=True)
    app.add_transform(ConfinedFiles)
