"""MyST as pages and translations may use it: no per-file settings, no ``{eval-rst}``.

Registered in place of MyST's own parser for Markdown, so it sees every page,
every translated message (Sphinx parses each ``msgstr`` with the page's parser)
and every Markdown file a page includes::

    extensions = ["myst_parser", ..., "safety"]   # conf.py; nothing else to set

Before MyST reads a text, two things are refused (each a located warning, and
made inert so that nothing runs even while the strict build goes on to fail):

- **MyST settings in front matter** (``myst:``, ``substitutions:``,
  ``html_meta:``). A page could turn ``substitution`` back on for itself
  (MyST lets front matter set ``enable_extensions``), re-enable raw HTML with
  ``disable_syntax: []``, or add ``<meta http-equiv="refresh">`` redirects.
  Other front matter keys (``last_reviewed`` …) are untouched.
- **``{eval-rst}`` blocks.** Decision: refused rather than checked. An
  ``{eval-rst}`` block is a second markup language inside the page, with its own
  directives (``meta``, ``include``, ``raw``, ``role``, substitution
  definitions), its own link syntax and its own path rules; no page uses it, and
  allowing it would put every one of those under review. The block is shown as
  literal text instead. (Links and images that do reach a page are still checked
  by ``schemes.py`` and ``paths.py``, whatever produced them.) The opening line
  is found by a pattern, so an example of one inside a longer fence is refused
  too (no page needs one; describe it in words).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from docutils import nodes
from myst_parser.config.main import TopmatterReadError, read_topmatter
from myst_parser.parsers.sphinx_ import MystParser
from sphinx.application import Sphinx

from .warnings_ import po_entry, refuse

REFUSED_KEYS = ("myst", "mystnb", "substitutions", "html_meta")
_EVAL_RST = re.compile(
    r"^(?P<open>[ \t]{0,3}(?:`{3,}|~{3,}|:{3,})[ \t]*)\{eval-rst\}", re.MULTILINE
)


# How Sphinx offers an image path to translators (sphinx.util.nodes.extract_messages).
_IMAGE_MESSAGE = re.compile(r"\.\. image:: (?P<uri>\S+)\s*")


def _front_matter_end(lines: list[str]) -> int:
    """Index of the line that closes the front matter (as MyST reads it), or 0."""
    for index, line in enumerate(lines[1:], start=1):
        if line.startswith(("---", "...")):
            return index
    return 0


def _without_keys(text: str, keys: list[str]) -> str:
    """*text* with *keys* dropped from its front matter, line numbers kept when possible."""
    lines = text.split("\n")
    end = _front_matter_end(lines)
    if not end:
        return text
    kept = {k: v for k, v in (read_topmatter(text) or {}).items() if k not in keys}
    dumped = yaml.safe_dump(kept, allow_unicode=True).splitlines()  # "{}" if empty
    body = dumped + [""] * max(0, end - 1 - len(dumped))
    return "\n".join([lines[0], *body, *lines[end:]])


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _where(env: Any, source: str, line: int, search: str) -> str:
    """``page.md:line``; for a translated message, the ``.po`` entry holding *search*."""
    if source.endswith(":<translated>"):
        page, msgid_line, _ = source.rsplit(":", 2)
        return po_entry(env, env.docname, search) or f"{page}:{msgid_line}"
    return f"{source}:{line}"


def make_inert(env: Any, text: str, source: str) -> str:
    """*text* with refused front matter keys and ``{eval-rst}`` blocks refused."""
    try:
        topmatter = read_topmatter(text)
    except TopmatterReadError:
        topmatter = None  # MyST reports it
    refused = [key for key in REFUSED_KEYS if key in (topmatter or {})]
    if refused:
        refuse(
            env,
            None,
            "MyST settings in front matter are not allowed (they could turn on"
            " template substitutions, raw HTML or <meta> redirects)",
            ", ".join(f"{key}: {topmatter[key]!r}" for key in refused),
            "Remove the key; front matter may hold page facts such as last_reviewed.",
            "markup",
            where=_where(env, source, 1, f"{refused[0]}:"),
        )
        text = _without_keys(text, refused)
    for match in list(_EVAL_RST.finditer(text)):
        refuse(
            env,
            None,
            "{eval-rst} blocks are not allowed (reStructuredText inside a page"
            " bypasses the checks made on MyST)",
            text[match.start() : text.find("\n", match.end())].strip()
            if "\n" in text[match.end() :]
            else text[match.start() :].strip(),
            "Write the content in MyST Markdown.",
            "markup",
            where=_where(env, source, _line(text, match.start()), "{eval-rst}"),
        )
    return _EVAL_RST.sub(lambda m: m.group("open") + "text", text)


class SafeMystParser(MystParser):
    """MyST's Sphinx parser, after :func:`make_inert` has read the text.

    It also reads the translation of an image path: Sphinx offers images to
    translators as ``.. image:: <path>`` (``gettext_additional_targets``) and
    parses the ``msgstr`` with the page's parser, expecting an image node; MyST
    made a paragraph of it, and Sphinx 8.2 stopped with ``KeyError: 'uri'``.
    The path it gives is checked like any other (``paths.py``, ``schemes.py``).
    """

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env = document.settings.env
        source = str(document.get("source", ""))
        image = _IMAGE_MESSAGE.fullmatch(inputstring)
        if image and source.endswith(":<translated>"):
            document += nodes.image(inputstring, uri=image.group("uri"))
            return
        inputstring = make_inert(env, inputstring, source)
        super().parse(inputstring, document)


def _included(app: Sphinx, path: Path, docname: str, content: list[str]) -> None:
    """Markdown a page includes is checked as the page itself is."""
    if str(path).endswith(".md"):
        content[0] = make_inert(app.env, content[0], str(path))


def setup_markdown(app: Sphinx) -> None:
    app.add_source_parser(SafeMystParser, override=True)
    app.connect("include-read", _included)
