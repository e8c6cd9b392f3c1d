"""No invisible direction or width characters in a page.

A right-to-left override (U+202E), an isolate or a zero-width character typed
into a page can make a dose or a registry ID read differently from what it is
("Trojan source", CVE-2021-42574). Each one is a warning at its line, naming
the character; the build keeps codes and numbers left to right by itself
(``extensions/editions/direction.py``)::

    docs/drugs/approved/x.md:14: invisible direction or width characters:
    U+202E RIGHT-TO-LEFT OVERRIDE at column 9; delete them ...

Front matter and ``drug-facts`` blocks are YAML records, checked (with their
field) by ``trial_facts.records.parse``; they are skipped here so that each
character is reported once.
"""

from __future__ import annotations

import re

from catalog_checks import hidden_characters
from sphinx.application import Sphinx

from .warnings_ import TYPE, _logger

_RECORD_FENCE = re.compile(r"^(`{3,}|:{3,})\s*\{drug-facts\}")


def _lines_outside_records(text: str):
    """(line number, line) of *text*, front matter and drug-facts blocks left out."""
    lines = text.split("\n")
    index = 0
    if lines and lines[0].strip() == "---":
        index = next(
            (i + 1 for i in range(1, len(lines)) if lines[i].strip() == "---"),
            len(lines),
        )
    fence: str | None = None
    for number in range(index, len(lines)):
        line = lines[number]
        if fence is None:
            opened = _RECORD_FENCE.match(line)
            if opened:
                fence = opened.group(1)
                continue
            yield number + 1, line
        elif line.strip() == fence:
            fence = None


def _check(app: Sphinx, docname: str, source: list[str]) -> None:
    for line, text in _lines_outside_records(source[0]):
        found = hidden_characters(text)
        if found:
            _logger.warning(
                f"invisible direction or width characters: {'; '.join(found)};"
                " delete them (they can make text read differently from what it is;"
                " the site keeps codes and numbers left to right by itself)",
                location=(docname, line),
                type=TYPE,
                subtype="hidden",
            )


def setup_hidden(app: Sphinx) -> None:
    app.connect("source-read", _check)
