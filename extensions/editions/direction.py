"""The writing direction of each edition on its pages: ``<html lang dir>``.

Sphinx writes ``<html lang="ar">`` (the BCP 47 form: ``pt-BR``) but no ``dir``
(sphinx-doc/sphinx#10385), and pydata-sphinx-theme 0.20 writes its own
``<html>`` tag in a top-level ``{% set html_tag %}`` of its ``layout.html``,
which no child template can replace. So this module gives the builder a
template bridge through Sphinx's documented ``template_bridge`` setting: the
builtin loader, with ``dir`` added to the ``<html>`` tag of every page it
renders (pages, handouts, the compare page). The page is right to left with
or without JavaScript::

    >>> with_direction('<!DOCTYPE html>\\n<html lang="ar" data-x="1">', "ar")
    '<!DOCTYPE html>\\n<html dir="rtl" lang="ar" data-x="1">'
    >>> with_direction('<html lang="pt-BR">', "pt_BR")
    '<html dir="ltr" lang="pt-BR">'

A right-to-left edition also gets ``kb-rtl.css`` (the theme's mirrored parts
and the Arabic fonts), linked only on its pages: other editions' readers
never download it. Templates read ``kb_dir`` and ``kb_lang``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.jinja2glue import BuiltinTemplateLoader
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from .known import bcp47, is_right_to_left

logger = logging.getLogger(__name__)

_BRIDGE = "editions.direction.DirectionTemplates"
_HTML_TAG = re.compile(r"<html(?=[\s>])(?![^>]*\sdir=)")
STYLESHEET = "kb-rtl.css"
# Link texts that must read left to right inside Arabic: an address, or a
# registry ID alone (NCT…, EU CT numbers, ISRCTN…, jRCT…, ACTRN…).
_LEFT_TO_RIGHT_TEXT = re.compile(
    r"^(?:(?:https?://|www\.)\S+|NCT\d{8}|\d{4}-\d{6}-\d{2}(?:-\d{2})?"
    r"|ISRCTN\d+|jRCT\w+|ACTRN\d+|EUCTR[\w-]+)$"
)
LTR_CLASS = "kb-ltr"
# In running right-to-left text, what must keep its left-to-right order: after
# an Arabic word, the bidi algorithm reads digits as Arabic numbers and a
# hyphen as neutral, so "2024-05-01" shows as "01-05-2024" and "100 mg" as
# "mg 100". Each is wrapped in <span class="kb-ltr"> (isolated, trial-facts.css).
_LEFT_TO_RIGHT_RUN = re.compile(
    r"(?<![\w.-])(?:"
    r"\d{4}-\d{6}-\d{2}(?:-\d{2})?"  # EU CT number
    r"|\d{4}-\d{2}(?:-\d{2})?"  # ISO date
    r"|(?:NCT|ISRCTN|ACTRN|jRCT)\w*\d\w*"  # registry IDs
    r"|\d+(?:[.,]\d+)*(?:\s|\u00a0)?(?:mg|mcg|µg|g|kg|mL|ml|L|IU|mmol|µmol)"
    r"(?:/(?:kg|day|d|mL|ml|L|m²))?"  # a number with a Latin unit
    r")(?![\w-])"
)
# Where text is not wrapped: code is isolated already, and a title's text
# becomes the page title and the navigation's (no markup there).
_NOT_IN = (nodes.literal, nodes.literal_block, nodes.raw, nodes.title, nodes.reference)
_STATIC = Path(__file__).parent / "static"


def direction(language: str | None) -> str:
    """``rtl`` or ``ltr`` for a Sphinx language code (``None`` is English)."""
    return "rtl" if is_right_to_left(language or "en") else "ltr"


def with_direction(page: str, language: str | None) -> str:
    """*page* with ``dir`` on its ``<html>`` tag (unchanged if it has one)."""
    return _HTML_TAG.sub(f'<html dir="{direction(language)}"', page, count=1)


class DirectionTemplates(BuiltinTemplateLoader):
    """Sphinx's own template loader; each rendered page gets its ``dir``."""

    def render(self, template: str, context: dict[str, Any]) -> str:  # type: ignore[override]
        return with_direction(
            super().render(template, context), context.get("kb_language")
        )


class IsolateLeftToRight(SphinxPostTransform):
    """Mark links whose text is an address or a registry ID ``kb-ltr``.

    ``trial-facts.css`` isolates ``.kb-ltr`` left to right, so in Arabic
    ``https://clinicaltrials.gov/`` or ``NCT02623699`` keep their order
    whatever surrounds them. Done in every edition: the HTML stays the same
    shape, and the rule only shows in right-to-left text.
    """

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for reference in self.document.findall(nodes.reference):
            if LTR_CLASS not in reference["classes"] and _LEFT_TO_RIGHT_TEXT.match(
                reference.astext().strip()
            ):
                reference["classes"].append(LTR_CLASS)


def isolate_runs(text: str) -> list[nodes.Node]:
    """*text* as nodes, each left-to-right run (dates, IDs, doses) in a span.

    >>> [n.astext() for n in isolate_runs("الجرعة 100 mg منذ 2024-05-01")]
    ['الجرعة ', '100 mg', ' منذ ', '2024-05-01']
    """
    found: list[nodes.Node] = []
    last = 0
    for match in _LEFT_TO_RIGHT_RUN.finditer(text):
        if match.start() > last:
            found.append(nodes.Text(text[last : match.start()]))
        found.append(nodes.inline(match.group(), match.group(), classes=[LTR_CLASS]))
        last = match.end()
    if last < len(text):
        found.append(nodes.Text(text[last:]))
    return found


class IsolateLeftToRightRuns(SphinxPostTransform):
    """In right-to-left editions, wrap dates, IDs and doses in running text."""

    default_priority = 910
    formats = ("html",)

    def is_supported(self) -> bool:
        return super().is_supported() and direction(self.config.language) == "rtl"

    def run(self, **kwargs: Any) -> None:
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if parent is None or not _LEFT_TO_RIGHT_RUN.search(text):
                continue
            if any(isinstance(a, _NOT_IN) for a in _ancestors(text)):
                continue
            if LTR_CLASS in parent.get("classes", ()):
                continue
            parent.replace(text, isolate_runs(str(text)))


def _ancestors(node: nodes.Node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def _use_bridge(app: Sphinx, config: Config) -> None:
    if config.template_bridge in (None, "", _BRIDGE):
        config.template_bridge = _BRIDGE
        return
    # Another bridge is set: the pages keep Sphinx's <html> tag (no dir).
    logger.warning(
        "template_bridge is %r: right-to-left editions get no dir attribute"
        " (editions/direction.py needs its own bridge)",
        config.template_bridge,
        type="editions",
        subtype="direction",
    )


def _add_stylesheet(app: Sphinx) -> None:
    if app.builder.format == "html" and direction(app.config.language) == "rtl":
        # After the theme's and the project's stylesheets, so its rules win ties.
        app.add_css_file(STYLESHEET, priority=900)


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context, doctree
) -> None:
    language = app.config.language or "en"
    context["kb_language"] = language
    context["kb_lang"] = bcp47(language)
    context["kb_dir"] = direction(language)


def setup_direction(app: Sphinx) -> None:
    app.add_post_transform(IsolateLeftToRight)
    app.add_post_transform(IsolateLeftToRightRuns)
    app.connect("config-inited", _use_bridge)
    app.connect("builder-inited", _add_stylesheet)
    app.connect("html-page-context", _page_context, priority=100)
