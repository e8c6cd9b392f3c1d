"""Find what a contributor has still to fill in, in a page or a record.

The templates of :mod:`scaffolds.new` mark each field to fill with the words
``FILL IN`` (in the value, or in a comment after it). Nothing here knows about
Sphinx, so it is easy to test::

    >>> text = 'id: x\\nsponsor: "FILL IN: the company or group"\\n'
    >>> [str(gap) for gap in unfilled(text, yaml_file=True)]
    ["field 'sponsor': fill in the company or group, then delete the words 'FILL IN'"]

In a page, a line of the front matter or of a ``drug-facts`` block is named by
its YAML field; a line of text by the section it is in (its heading).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARKER = "FILL IN"
_NOTE = re.compile(r"FILL IN\b:?\s*(?P<what>[^\"]*)")
_KEY = re.compile(r"^(?P<indent>\s*)(?:- )?(?P<key>[A-Za-z_][\w-]*):(?:\s|$)")
_ITEM = re.compile(r"^(?P<indent>\s*)- ")
_HEADING = re.compile(r"^#{1,6}\s+(?P<title>.+?)\s*#*\s*$")
_FENCE = re.compile(r"^(?P<fence>`{3,}|:{3,})\s*(?P<info>\S*)")


@dataclass(frozen=True)
class Gap:
    """One field or section still to fill in, at a line (counted from 1)."""

    line: int
    field: str  # "field 'sponsor'", "the title", "section 'Who it is for'"
    what: str  # what to write there, from the template

    def __str__(self) -> str:
        what = self.what.rstrip(" .") or "this part"
        return f"{self.field}: fill in {what}, then delete the words '{MARKER}'"


def _yaml_field(lines: list[str], index: int, first: int) -> str:
    """The dotted name of the YAML field on line *index* (``sources[].title``)."""
    names: list[str] = []
    indent: int | None = None
    for position in range(index, first - 1, -1):
        line = lines[position]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _KEY.match(line)
        width = len(line) - len(line.lstrip(" -")) if match else None
        if match and (indent is None or width < indent):
            names.append(match["key"])
            indent = len(match["indent"])
            if indent == 0:
                break
        elif indent is None and _ITEM.match(line):
            indent = len(_ITEM.match(line)["indent"]) + 1
    return ".".join(reversed(names)) or "?"


def unfilled(text: str, yaml_file: bool = False) -> list[Gap]:
    """Every line of *text* that still holds the ``FILL IN`` marker.

    *yaml_file* for a record (every line is YAML); otherwise *text* is a MyST
    page, whose front matter and ``drug-facts`` blocks are YAML too.
    """
    lines = text.split("\n")
    gaps: list[Gap] = []
    section = ""
    yaml_from: int | None = 0 if yaml_file else None
    fence = ""
    for index, line in enumerate(lines):
        if not yaml_file:
            if index == 0 and line.rstrip() == "---":
                yaml_from = 1
            elif yaml_from == 1 and not fence and line.rstrip() == "---" and index:
                yaml_from = None
                continue
            opened = _FENCE.match(line)
            if opened and not fence and yaml_from is None:
                fence = opened["fence"]
                if opened["info"] == "{drug-facts}":
                    yaml_from = index + 1
                continue
            if fence and line.strip() == fence:
                fence, yaml_from = "", None
                continue
            heading = _HEADING.match(line) if not fence and yaml_from is None else None
            if heading and MARKER not in line:
                section = heading["title"]
        if MARKER not in line:
            continue
        note = _NOTE.search(line)
        what = note["what"].strip() if note else ""
        if yaml_from is not None:
            name = f"field {_yaml_field(lines, index, yaml_from)!r}"
        elif _HEADING.match(line):
            name = "the title" if line.startswith("# ") else "a heading"
        else:
            name = f"section {section!r}" if section else "the opening text"
        gaps.append(Gap(index + 1, name, what))
    return gaps
