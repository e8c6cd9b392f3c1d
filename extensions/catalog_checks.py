"""What makes a ``.po`` catalog unusable, found with its file and line.

A translator's ``.po`` file is untrusted input. These checks are shared by the
build (``catalog_guard``), ``make po-check`` (``editions.po_check``),
``make update-po`` (``editions.update_po``) and ``make po-stats``::

    >>> from catalog_checks import file_problems
    >>> [str(p) for p in file_problems(Path("locales/es/LC_MESSAGES/index.po"), "es")]
    []

:func:`file_problems` finds what makes a whole catalog unusable:

- bytes that are not UTF-8 (with line, column and byte offset), or a header
  ``charset`` other than UTF-8 (``charset=ISO-8859-1`` or ``charset=CHARSET``
  would show mangled text, or the English, without a word);
- a ``Plural-Forms`` that is not ``nplurals=<n>; plural=<C expression>;``
  giving a form below ``n`` for every count (a broken one makes gettext drop
  the whole catalog silently);
- a line that is not gettext (an unclosed quote, words after the string), an
  entry Babel refuses, and a msgid given twice (Babel keeps one of the two
  without a word).

:func:`placeholder_problems` finds translated messages whose ``{placeholders}``
are not the msgid's, written the same way (the extensions' own catalogs fill
them in with ``str.format``).

:func:`hidden_characters` names the invisible characters that reorder or hide
text (direction marks, embeddings, overrides and isolates, zero-width
characters): the "Trojan source" trick (CVE-2021-42574) can make a dose or a
registry ID read differently from what it is. The build isolates codes and
numbers itself, so no translator or writer needs to type them::

    >>> hidden_characters("NCT\u202e12345")
    ['U+202E RIGHT-TO-LEFT OVERRIDE at column 4']
"""

from __future__ import annotations

import gettext
import io
import re
import string
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural
from babel.messages.pofile import PoFileError, denormalize, read_po

_CHARSET = re.compile(r"charset\s*=\s*([^;\s]+)", re.I)
_PLURAL = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$")


@dataclass(frozen=True)
class CatalogProblem:
    """One fault of a catalog, at its file and line (``kind``: the warning subtype)."""

    path: Path
    line: int
    message: str
    kind: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def _not_utf8(path: Path, raw: bytes) -> CatalogProblem | None:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return CatalogProblem(
            path,
            line,
            f"byte 0x{raw[error.start]:02X} at line {line}, column {column} (byte "
            f"offset {error.start}) is not UTF-8; save the catalog as UTF-8 (Poedit "
            "does)",
            "encoding",
        )
    return None


@cache  # every catalog of a language has the same header
def _plural_problem(value: str, language: str | None) -> str | None:
    """Why a ``Plural-Forms`` value is unusable, or None."""
    match = _PLURAL.match(value)
    problem = None
    if match is None:
        problem = "it must read 'nplurals=<number>; plural=<expression>;'"
    else:
        count = int(match.group(1))
        try:
            choose = gettext.c2py(match.group(2))
            forms = {choose(n) for n in range(1001)}
        except (ValueError, SyntaxError, RecursionError, OverflowError) as error:
            problem = f"its plural expression is not valid ({error})"
        else:
            if not 1 <= count <= 6:
                problem = "nplurals must be 1 to 6"
            elif not all(isinstance(f, int) and 0 <= f < count for f in forms):
                problem = f"its expression gives forms outside 0 to {count - 1}"
    if problem is None:
        return None
    expected = ""
    if language:
        try:
            plural = get_plural(language)
            expected = f"; for {language} write: nplurals={plural.num_plurals}; plural={plural.plural_expr};"
        except (ValueError, UnknownLocaleError):
            pass
    return f"Plural-Forms {value!r} is not usable: {problem}{expected}"


def _header_fields(text: str) -> list[tuple[int, str, str]]:
    """``(line, name, value)`` of each header field; a value may span quoted lines."""
    fields: list[tuple[int, str, str]] = []
    in_header = in_msgstr = False
    pending = ""  # the text since the last "\\n", and the line it starts on
    pending_line = 0
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped:
            if in_header:
                break
            continue
        if stripped.startswith("msgid"):
            in_header = True
            continue
        if stripped.startswith("msgstr"):
            in_msgstr = True
            stripped = stripped[len("msgstr") :].strip()
        if not in_msgstr or not stripped.startswith('"'):
            if in_msgstr and not stripped.startswith("#"):
                break
            continue
        piece = stripped[1:-1] if stripped.endswith('"') else stripped[1:]
        if not pending:
            pending_line = number
        pending += piece
        while "\\n" in pending:
            field, pending = pending.split("\\n", 1)
            if ":" in field:
                name, value = field.split(":", 1)
                fields.append((pending_line, name.strip(), value.strip()))
            pending_line = number
    if pending and ":" in pending:
        name, value = pending.split(":", 1)
        fields.append((pending_line, name.strip(), value.strip()))
    return fields


def _header_problems(
    path: Path, text: str, language: str | None
) -> list[CatalogProblem]:
    """The charset and the Plural-Forms of the header entry (its first entry)."""
    problems: list[CatalogProblem] = []
    for number, name, value in _header_fields(text):
        if name.lower() == "content-type":
            charset = _CHARSET.search(value)
            if charset and charset.group(1).lower().replace("_", "-") not in (
                "utf-8",
                "utf8",
            ):
                problems.append(
                    CatalogProblem(
                        path,
                        number,
                        f"charset {charset.group(1)!r} is not allowed; catalogs are "
                        'UTF-8: write "Content-Type: text/plain; charset=UTF-8\\n"',
                        "charset",
                    )
                )
        elif name.lower() == "plural-forms":
            why = _plural_problem(value, language)
            if why:
                problems.append(CatalogProblem(path, number, why, "plural-forms"))
    return problems


_STRING = r'"(?:[^"\\]|\\.)*"'
_LINE = re.compile(
    rf"^\s*(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?{_STRING}\s*$"
)


def _syntax_problem(path: Path, text: str) -> CatalogProblem | None:
    """A line that is neither a comment, a keyword with its string, nor a string.

    Babel reads an unclosed ``"`` or words after the closing one without a
    word; GNU gettext refuses them, and so does this check.
    """
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#") or _LINE.match(line):
            continue
        return CatalogProblem(
            path,
            number,
            f"this line is not valid gettext: {line.strip()[:60]!r}; each line is "
            'a keyword with its text in double quotes (msgstr "..."), a "..." '
            'line that continues it, or a # comment; write " for a quote inside',
            "syntax",
        )
    return None


def _duplicates(path: Path, text: str, catalog: Catalog) -> list[CatalogProblem]:
    """Entries whose msgid is already in the catalog: Babel keeps one without a word."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines, 1) if line.startswith("msgid ")]
    kept = {m.lineno for m in catalog if m.lineno}
    problems = []
    for start in starts[1:] if catalog.get("") is not None else starts:
        if start in kept:
            continue
        parts = [lines[start - 1][len("msgid ") :]]
        for line in lines[start:]:
            if not line.startswith('"'):
                break
            parts.append(line)
        msgid = denormalize("\n".join(parts))
        first = catalog.get(msgid)
        where = first.lineno if first is not None and first.lineno else None
        if where is None:
            continue
        second, other = max(start, where), min(start, where)
        problems.append(
            CatalogProblem(
                path,
                second,
                f"msgid {msgid[:60]!r} is already translated at line {other}; gettext "
                "would use one of the two without a word: keep one entry",
                "duplicate",
            )
        )
    return problems


def file_problems(path: Path, language: str | None = None) -> list[CatalogProblem]:
    """Faults that make a whole catalog unusable: bytes, charset, Plural-Forms, syntax."""
    return checked_catalog(path, language)[0]


def checked_catalog(
    path: Path, language: str | None = None
) -> tuple[list[CatalogProblem], Catalog | None]:
    """:func:`file_problems` and the catalog Babel read, so it is parsed once.

    The catalog is None when the file could not be read as one::

        problems, catalog = checked_catalog(Path("locales/fr/LC_MESSAGES/index.po"))
    """
    raw = path.read_bytes()
    bad_bytes = _not_utf8(path, raw)
    if bad_bytes:
        return [bad_bytes], None
    text = raw.decode("utf-8")
    problems = _header_problems(path, text, language)
    if problems:
        return problems, None
    bad_line = _syntax_problem(path, text)
    if bad_line:
        return [bad_line], None
    try:
        catalog = read_po(io.BytesIO(raw), abort_invalid=True)
    except PoFileError as error:
        return [
            CatalogProblem(
                path,
                error.lineno + 1,  # Babel counts lines from 0
                f"this is not valid gettext ({error.args[0] if error.args else error}); "
                "check the quotes and the msgid/msgstr lines around it",
                "syntax",
            )
        ], None
    except (ValueError, LookupError) as error:
        return [
            CatalogProblem(path, 1, f"the header is not valid ({error})", "syntax")
        ], None
    return _duplicates(path, text, catalog), catalog


# Direction marks (LRM, RLM, ALM), embeddings and overrides (U+202A-U+202E),
# isolates (U+2066-U+2069), zero-width space/joiners, word joiner and BOM.
_HIDDEN = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def hidden_characters(text: str) -> list[str]:
    """Each invisible direction or width control in *text*, named, with its column."""
    return [
        f"U+{ord(m.group()):04X} {unicodedata.name(m.group(), 'CONTROL')}"
        f" at column {m.start() + 1}"
        for m in _HIDDEN.finditer(text)
    ]


def translated(catalog: Catalog) -> Iterator[tuple[Message, tuple, tuple]]:
    """Each shown message of *catalog*, with its ids and strings as tuples.

    Fuzzy and header entries are skipped (readers never see them); a plural
    message gives all its forms::

        for message, ids, strings in translated(catalog):
            check(ids[0], strings)
    """
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = (
            message.string if isinstance(message.string, tuple) else (message.string,)
        )
        yield message, ids, strings


def _fields(text: str) -> Counter:
    """The replacement fields of a format string, each as written (ValueError if broken)."""
    return Counter(
        (name, spec, conversion)
        for _literal, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    )


def _show(fields: Counter) -> str:
    shown = []
    for name, spec, conversion in sorted(fields.elements()):
        shown.append(
            "{"
            + name
            + (f"!{conversion}" if conversion else "")
            + (f":{spec}" if spec else "")
            + "}"
        )
    return ", ".join(shown) or "none"


def placeholder_problems(
    path: Path, catalog: Catalog
) -> list[tuple[CatalogProblem, object]]:
    """Translated messages whose ``{placeholders}`` are not the msgid's.

    Returns each problem with the message's id, so that it can be left out.
    """
    found = []
    for message, ids, strings in translated(catalog):
        try:
            expected = _fields(ids[0])
        except ValueError:
            continue  # the English is not a format string
        if not expected:
            continue
        for msgstr in strings:
            if not msgstr:
                continue
            try:
                fields = _fields(msgstr)
            except ValueError as error:
                text = (
                    f"msgstr: the braces do not pair up ({error}); keep "
                    f"{_show(expected)} exactly, and write {{{{ or }}}} for a brace "
                    "readers should see"
                )
            else:
                if fields == expected:
                    continue
                text = (
                    f"msgstr: placeholders {_show(fields)} differ from the msgid's "
                    f"{_show(expected)}; copy each {{placeholder}} exactly (the build "
                    "fills them in; the word order around them may change)"
                )
            found.append(
                (CatalogProblem(path, message.lineno, text, "placeholder"), message.id)
            )
            break
    return found
