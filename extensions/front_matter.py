"""A page's front matter, checked like a record before MyST reads it.

MyST reads front matter with PyYAML, whose date resolver raises on a date that
is not on the calendar: the page then gets only "Malformed YAML", with no field
and no value. Here the front matter is read first, with the records' loader
(``trial_facts.records.parse``), and each problem is a warning at the page's
line that names the field and the value::

    docs/care/index.md:3: WARNING: field 'last_reviewed': '2019-02-30' is not a
    date: February 2019 has 28 days; write a date that exists [front-matter.date]

Duplicate keys, anchors, aliases and tags are refused as in records. A date
that does not exist is handed on to MyST quoted, as text, so that the one
warning readers of the log see is this one. Add it to ``conf.py``::

    extensions = [..., "front_matter"]
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from trial_facts.records import date_problem, parse

_logger = logging.getLogger("front_matter")
_FENCE = re.compile(r"^---[ \t]*$")
# What PyYAML's date resolver takes for a date (one-digit months and days too).
_DATE_VALUE = re.compile(
    r"^(?P<key>[A-Za-z_][\w-]*):[ \t]+(?P<value>\d{4}-\d{1,2}-\d{1,2})[ \t]*$"
)


def _front_matter(text: str) -> list[str] | None:
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        return None
    for end, line in enumerate(lines[1:], 1):
        if line.startswith(("---", "...")):
            return lines[1:end]
    return None


def _why_not_a_date(value: str) -> str | None:
    """Why *value* would make PyYAML raise, in words; None if it is a real date."""
    year, month, day = (int(part) for part in value.split("-"))
    padded = f"{year:04d}-{month:02d}-{day:02d}"
    why = date_problem(padded) if 1 <= month <= 12 else None
    if why is None:
        try:
            dt.date(year, month, day)
        except ValueError:
            why = f"{value!r} is not a date; write one that exists, as YYYY-MM-DD"
    return why.replace(repr(padded), repr(value)) if why else None


def _check(app: Sphinx, docname: str, source: list[str]) -> None:
    body = _front_matter(source[0])
    if body is None:
        return
    path = app.env.doc2path(docname)
    try:
        shown = str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        shown = str(path)
    record = parse("\n".join(body), shown, offset=1)
    for problem in record.problems:
        _logger.warning(
            str(problem),
            location=f"{problem.path}:{problem.line}",
            type="front-matter",
            subtype="yaml",
        )
    lines = source[0].split("\n")
    for index, line in enumerate(body, 1):
        match = _DATE_VALUE.match(line)
        if match is None:
            continue
        why = _why_not_a_date(match["value"])
        if why is None:
            continue
        _logger.warning(
            f"field {match['key']!r}: {why}",
            location=f"{shown}:{index + 1}",
            type="front-matter",
            subtype="date",
        )
        # Quoted, MyST reads it as text and adds no vague "Malformed YAML".
        lines[index] = f'{match["key"]}: "{match["value"]}"'
    source[0] = "\n".join(lines)


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("source-read", _check)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
