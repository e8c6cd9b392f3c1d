"""Whether a fluent reader with medical knowledge reviewed a catalog.

Each catalog records it in one header field, beside ``PO-Revision-Date``::

    "X-Medical-Review: none\\n"                      not reviewed (the default)
    "X-Medical-Review: 2026-12-01 Ana García\\n"     reviewed on that day, by her

A catalog without the field counts as not reviewed. The field is read from the
header alone (:func:`read_review`) and written by editing that one line of the
file (:func:`with_review`), so that the rest of a translator's file stays byte
for byte as it was. Babel drops header fields it does not know when it writes a
catalog, so ``make update-po`` puts the field back (:func:`keep_review`).

The commands ``make po-review`` and ``make po-unreviewed`` use :func:`record`
and :func:`mark_unreviewed` (``editions/po_review.py``)::

    >>> record(Path("locales"), "es", "care/index", "Ana García", dt.date(2026, 12, 1))  # doctest: +SKIP
    PosixPath('locales/es/LC_MESSAGES/care/index.po')
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

FIELD = "X-Medical-Review"
NONE = "none"
_VALUE = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2}) (?P<name>\S.*)$")
# A reviewer's name is written in a quoted header line: no quotes, backslashes,
# braces, markup or line breaks, and not too long.
_NAME = re.compile(r"^[^\"\\{}<>&`\x00-\x1f\x7f]{1,80}$")
_LINE = re.compile(rb'^"' + FIELD.encode() + rb":\s*(?P<value>.*?)(?:\\n)?\"\s*$")


@dataclass(frozen=True)
class Review:
    """A recorded medical review: when, and by whom."""

    date: dt.date
    name: str


class ReviewError(ValueError):
    """A review field or a command's input that cannot be used; says why."""


def parse(value: str) -> Review | None:
    """The review a header value records, ``None`` for ``none``.

    >>> parse("2026-12-01 Ana García")
    Review(date=datetime.date(2026, 12, 1), name='Ana García')
    >>> parse("none") is None
    True
    """
    value = value.strip()
    if value == NONE:
        return None
    match = _VALUE.match(value)
    if not match:
        raise ReviewError(
            f"{FIELD} is {value!r}: write 'none' or a date and a name,"
            " e.g. '2026-12-01 Ana García'"
        )
    try:
        date = dt.date.fromisoformat(match["date"])
    except ValueError:
        raise ReviewError(
            f"{FIELD} has the date {match['date']!r}, which is not a day of the"
            " calendar (YYYY-MM-DD)"
        ) from None
    name = match["name"].strip()
    if not _NAME.match(name):
        raise ReviewError(
            f"{FIELD} has the name {name!r}: up to 80 characters, without quotes,"
            " backslashes, braces, <, >, & or backticks"
        )
    return Review(date, name)


def _header(data: bytes) -> tuple[int, int]:
    """(start, end) byte offsets of the header entry's lines in *data*."""
    start = data.find(b'msgid ""')
    if start == -1:
        return 0, 0
    blank = re.compile(rb"\n[ \t]*(?:\n|$)").search(data, start)
    return start, blank.start() + 1 if blank else len(data)


def field_value(data: bytes) -> str | None:
    """The raw value of the field in the header of *data*, ``None`` if absent."""
    start, end = _header(data)
    for line in data[start:end].splitlines():
        match = _LINE.match(line)
        if match:
            return match["value"].decode("utf-8", errors="replace").strip()
    return None


def read_review(path: Path) -> Review | None:
    """The review recorded in the catalog at *path* (``None``: not reviewed).

    Raises :class:`ReviewError` when the field is there but unreadable.
    """
    with path.open("rb") as f:
        head = f.read(8192)
    value = field_value(head)
    return None if value is None else parse(value)


def with_review(data: bytes, value: str) -> bytes:
    """*data* with the field set to *value*: its line replaced, or added last."""
    start, end = _header(data)
    if end == 0:
        raise ReviewError('the catalog has no header entry (msgid "")')
    line = f'"{FIELD}: {value}\\n"'.encode()
    lines = data[start:end].split(b"\n")
    for i, old in enumerate(lines):
        if _LINE.match(old):
            lines[i] = line
            break
    else:
        # Added after the header's last line (a blank line may follow).
        last = max(i for i, old in enumerate(lines) if old.strip())
        lines.insert(last + 1, line)
    return data[:start] + b"\n".join(lines) + data[end:]


def keep_review(before: bytes, after: bytes) -> bytes:
    """*after* (a catalog Babel rewrote) with the field *before* had, if any."""
    value = field_value(before)
    if value is None or field_value(after) == value:
        return after
    return with_review(after, value)


def _write(path: Path, value: str) -> bool:
    """Set the field of one catalog; ``True`` when the file changed."""
    from .update_po import write_atomically

    data = path.read_bytes()
    new = with_review(data, value)
    if new == data:
        return False
    write_atomically(path, new)
    return True


def record(locales: Path, language: str, page: str, name: str, date: dt.date) -> Path:
    """Record that *name* reviewed the catalog of *page* in *language* on *date*."""
    path = locales / language / "LC_MESSAGES" / f"{page.removesuffix('.po')}.po"
    if not path.is_file():
        raise ReviewError(
            f"{path}: no such catalog. PAGE is a page's path under docs/ without"
            " .md, e.g. care/index, or trial-facts or editions"
        )
    value = f"{date.isoformat()} {name.strip()}"
    parse(value)  # the same checks as reading it back
    _write(path, value)
    return path


def mark_unreviewed(locales: Path, languages: list[str]) -> int:
    """Write ``none`` in every catalog of *languages*; how many files changed."""
    changed = 0
    for language in languages:
        for path in sorted((locales / language / "LC_MESSAGES").rglob("*.po")):
            changed += _write(path, NONE)
    return changed
