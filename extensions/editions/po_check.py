"""Check translation catalogs before they reach readers.

Usage (``make po-check``; ``make test`` runs it too)::

    PYTHONPATH=extensions python -m editions.po_check locales          # every .po
    PYTHONPATH=extensions python -m editions.po_check locales/es/LC_MESSAGES/index.po

Each problem is printed as ``file:line: what is wrong. What to do.``, and the
exit status is 1 if there is any. The checks:

- the file is valid gettext (``msgfmt --check-header --check-domain``, from
  Debian's ``gettext``; format strings are checked by this module instead);
- MyST markup is kept between ``msgid`` and ``msgstr``: link targets, roles with
  their targets, inline code and substitutions (link *text* and ``{term}`` text
  may be translated);
- no raw HTML and no ``javascript:`` in a ``msgstr``;
- codes and registry IDs (``NCT04856982``, ``AMX0035``) are copied unchanged;
- every number, date and percentage is kept (``editions.po_numbers``; digit
  grouping may follow the language);
- the bytes and the ``charset`` are UTF-8 and ``Plural-Forms`` is usable
  (``catalog_checks``, the checks the build runs too);
- the ``{placeholders}`` of the extensions' words are kept;
- the ``X-Medical-Review`` header field, if any, reads ``none`` or a date and a
  name (``editions.review``);
- no invisible direction or width controls (U+200E, U+200F, U+202A-U+202E,
  U+2066-U+2069, U+061C, U+200B-U+200D, U+2060, U+FEFF) in a ``msgstr``: they
  can make a fact read differently from what it is (``catalog_checks.hidden_characters``);
- a translation does not start like a list, heading or quote (``1.``, ``-``,
  ``#``, ``>``) unless the English does: Sphinx would silently show the English;
- in the interface catalogs (``editions.po``, ``trial-facts.po``), whose words go
  into titles, attributes and scripts of every page: no markup at all (``<``,
  ``>``, ``"``, ``&``, backticks, ``{{``/``{%``, control characters, ``javascript:``
  and other script or data schemes), see :func:`check_interface_message`.

Fuzzy and empty entries are skipped: readers never see them.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import PoFileError, read_po
from catalog_checks import file_problems, hidden_characters, translated

from trial_facts.registries import REGISTRIES, identify

from .po_numbers import WAIVER, number_problems
from .review import FIELD, ReviewError, read_review

_ROLE = re.compile(r"\{([A-Za-z][\w:+-]*)\}`([^`]*)`")
_ROLE_TARGET = re.compile(r"^(.*?)\s*<([^<>]+)>$", re.S)
# Roles whose text may be translated: the glossary term is translated with the
# glossary, and inline formatting carries no target.
_FREE_ROLES = {"term", "abbr", "sub", "sup", "kbd", "dfn"}
_LINK = re.compile(r"\]\(\s*<?([^()\s<>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_CODE = re.compile(r"(`+)(.+?)\1", re.S)
_SUBSTITUTION = re.compile(r"\{\{\s*([\w.-]+)\s*\}\}")
_PLACEHOLDER = re.compile(r"\{(\w*)\}(?!`)|%\(\w+\)[sd]")
_HTML = re.compile(r"<\s*/?\s*[A-Za-z][\w-]*(?:\s[^<>]*)?/?\s*>")
_SCRIPT_URL = re.compile(r"javascript\s*:", re.I)
# A message is parsed again on its own: a translation that starts like a list,
# a heading or a quote becomes one, and Sphinx silently keeps the English.
_BLOCK_START = re.compile(r"^(?:\d{1,9}[.)]|[-*+]|#{1,6}|>)(?:\s|$)")
# A code is a word of ASCII letters and digits with a capital and a digit
# (AMX0035, CNM-Au8, SOD1), even when Japanese text touches it.
_CODE_WORD = re.compile(
    r"(?<![A-Za-z0-9-])(?=[A-Za-z0-9-]*\d)(?=[A-Za-z0-9-]*[A-Z])[A-Z0-9][A-Za-z0-9]*"
    r"(?:-[A-Za-z0-9]+)*(?![A-Za-z0-9-])"
)
# Registry IDs in every format the trial records accept (trial_facts.registries),
# compared by their number ("EudraCT 2010-024423-24" -> "2010-024423-24").
_REGISTRY_ID = re.compile(
    r"(?<![\w/-])(?:"
    + "|".join(f"(?:{registry.pattern.pattern})" for registry in REGISTRIES)
    + r")(?![\w/-])"
)


def _codes(text: str) -> Counter:
    """The codes and registry numbers in *text*, which translations keep as they are."""
    numbers = [identify(m.group(0)).number for m in _REGISTRY_ID.finditer(text)]
    return Counter(numbers) + Counter(_CODE_WORD.findall(_REGISTRY_ID.sub(" ", text)))


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def _roles(text: str) -> Counter:
    found = Counter()
    for name, content in _ROLE.findall(text):
        if name in _FREE_ROLES:
            found[(name, None)] += 1
            continue
        explicit = _ROLE_TARGET.match(content)
        found[(name, explicit.group(2) if explicit else content)] += 1
    return found


def _without_markup(text: str) -> str:
    """The text with roles, links' targets and code removed (for word checks)."""
    text = _ROLE.sub(" ", text)
    text = _LINK.sub("] ", text)
    text = _AUTOLINK.sub(" ", text)
    return _CODE.sub(" ", text)


def _show(items) -> str:
    return ", ".join(sorted(repr(i) for i in items)) or "nothing"


def _diff(what: str, source: Counter, translation: Counter, fix: str) -> Iterator[str]:
    missing, extra = source - translation, translation - source
    if missing or extra:
        detail = []
        if missing:
            detail.append(f"missing {_show(missing.elements())}")
        if extra:
            detail.append(f"not in the English {_show(extra.elements())}")
        yield f"{what} differ from the English ({'; '.join(detail)}). {fix}"


def check_message(msgid: str, msgstr: str) -> list[str]:
    """Problems of one translated message; an empty list when it is fine.

    >>> check_message("Read `NCT04856982`.", "Lea `NCT04856982`.")
    []
    >>> len(check_message("See [the FDA](https://www.fda.gov).", "Ver la FDA."))
    1
    """
    problems: list[str] = []
    problems += _diff(
        "roles",
        _roles(msgid),
        _roles(msgstr),
        "Keep every {role}`...` with its name and target; translate only the text "
        "before <target>, or the text of {term}.",
    )
    problems += _diff(
        "link targets",
        Counter(_LINK.findall(msgid) + _AUTOLINK.findall(msgid)),
        Counter(_LINK.findall(msgstr) + _AUTOLINK.findall(msgstr)),
        "Keep each link as [translated text](same target).",
    )
    code_source = Counter(m[1] for m in _CODE.findall(_ROLE.sub(" ", msgid)))
    code_translation = Counter(m[1] for m in _CODE.findall(_ROLE.sub(" ", msgstr)))
    problems += _diff(
        "inline code spans",
        code_source,
        code_translation,
        "Copy `code` spans unchanged, with their backticks.",
    )
    problems += _diff(
        "substitutions",
        Counter(_SUBSTITUTION.findall(msgid)),
        Counter(_SUBSTITUTION.findall(msgstr)),
        "Copy {{ name }} substitutions unchanged.",
    )
    bare_source, bare_translation = _without_markup(msgid), _without_markup(msgstr)
    problems += _diff(
        "placeholders",
        Counter(m.group(0) for m in _PLACEHOLDER.finditer(bare_source)),
        Counter(m.group(0) for m in _PLACEHOLDER.finditer(bare_translation)),
        "Copy {placeholders} unchanged; they are filled in by the build.",
    )
    html_source = Counter(_HTML.findall(bare_source))
    html_added = Counter(_HTML.findall(bare_translation)) - html_source
    if html_added:
        problems.append(
            f"raw HTML {_show(html_added.elements())} is not allowed. Remove the tags;"
            " use MyST markup from the English text instead."
        )
    start = _BLOCK_START.match(msgstr)
    if start and msgstr != msgid:
        problems.append(
            f"the translation starts with {start.group(0).strip()!r}, which Markdown reads"
            " as a list, heading or quote, so readers would see the English. Escape it"
            f" with a backslash ({start.group(0).strip()[:-1]}\\{start.group(0).strip()[-1]})"
            " or reword."
        )
    hidden = hidden_characters(msgstr)
    if hidden:
        problems.append(
            f"invisible direction or width characters: {'; '.join(hidden)}. They can"
            " make text read differently from what it is; delete them (the site keeps"
            " codes, numbers and Latin names left to right by itself)."
        )
    if _SCRIPT_URL.search(msgstr) and not _SCRIPT_URL.search(msgid):
        problems.append("'javascript:' is not allowed in a translation. Remove it.")
    missing_codes = _codes(bare_source) - _codes(bare_translation)
    if missing_codes:
        problems.append(
            f"codes or registry IDs {_show(missing_codes.elements())} are missing or"
            " changed. Copy them exactly as in the English text."
        )
    return problems


def _number_problems(message, msgid: str, msgstr: str) -> list[str]:
    """Numbers kept (``po_numbers``), unless a translator comment waives it.

    Markup and registry IDs are left to the markup and codes checks.
    """
    if any(WAIVER in comment for comment in message.user_comments):
        return []
    return number_problems(
        _REGISTRY_ID.sub(" ", _without_markup(msgid)),
        _REGISTRY_ID.sub(" ", _without_markup(msgstr)),
    )


def _file_problems(path: Path) -> list[Problem]:
    """Bytes, charset, Plural-Forms and syntax, as the build checks them."""
    language = next(
        (
            part
            for part, nxt in zip(path.parts, path.parts[1:], strict=False)
            if nxt == "LC_MESSAGES"
        ),
        None,
    )
    return [
        Problem(path, problem.line, problem.message)
        for problem in file_problems(path, language)
    ]


def _msgfmt(path: Path) -> list[Problem]:
    """Syntax check with GNU msgfmt; Babel's parser when msgfmt is missing."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt:
        result = subprocess.run(
            # --check without --check-format: Babel flags any page sentence with
            # "%" as python-format ("27 % m..." would fail); placeholders are
            # checked below instead, for the catalogs that have them.
            [
                msgfmt,
                "--check-header",
                "--check-domain",
                "--output-file=/dev/null",
                str(path),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode == 0:
            return []
        return [Problem(path, 0, f"msgfmt: {result.stderr.strip()}")]
    try:
        with path.open("rb") as f:
            read_po(f, abort_invalid=True)
    except (PoFileError, ValueError) as error:
        return [Problem(path, getattr(error, "lineno", 0), f"invalid catalog: {error}")]
    return []


def check_file(path: Path) -> list[Problem]:
    """Every problem of one ``.po`` file."""
    problems = _file_problems(path) or _msgfmt(path)
    if problems:
        return problems
    with path.open("rb") as f:
        catalog = read_po(f)
    for message, ids, strings in translated(catalog):
        for msgstr in strings:
            if not msgstr:
                continue
            found = check_message(ids[0], msgstr)
            found += _number_problems(message, ids[0], msgstr)
            for text in found:
                problems.append(Problem(path, message.lineno, f"msgstr: {text}"))
    return problems + _review_problems(path) + _interface_problems(path)


def _review_problems(path: Path) -> list[Problem]:
    """The ``X-Medical-Review`` header field, when there is one, is readable."""
    try:
        read_review(path)
    except ReviewError as error:
        data = path.read_bytes()
        line = data[: data.find(FIELD.encode())].count(b"\n") + 1
        return [
            Problem(
                path,
                line,
                f"{error}. Record a review with make po-review (TRANSLATING.md).",
            )
        ]
    return []


# The interface catalogs: their words reach templates (site title, search box,
# language menu) and script blocks, not the Markdown parser.
_INTERFACE_CATALOGS = {"editions.po", "trial-facts.po"}
_INTERFACE_MARKUP = re.compile(r"[<>\"&`\x00-\x1f\x7f]|\{\{|\{%|%\}|\}\}")
# A scheme that runs or embeds, even with spaces, tabs or case games inside.
_ACTIVE_SCHEME = re.compile(
    r"(?:j\W*a\W*v\W*a|v\W*b)\W*s\W*c\W*r\W*i\W*p\W*t\W*:|\b(?:data|file)\s*:",
    re.IGNORECASE,
)


def check_interface_message(msgid: str, msgstr: str) -> list[str]:
    """Markup in a translation of the site's frame (``editions.po``, ``trial-facts.po``).

    >>> len(check_interface_message("Search the knowledge base", 'Buscar" onfocus="x'))
    1
    >>> check_interface_message("Languages", "Langues d'édition")
    []
    """
    problems = []
    found = sorted(
        set(_INTERFACE_MARKUP.findall(msgstr)) - set(_INTERFACE_MARKUP.findall(msgid))
    )
    if found:
        problems.append(
            f"markup {_show(found)} is not allowed in the words of the site's frame"
            " (they go into page titles, attributes and scripts). Use plain words;"
            " typographic quotes such as « » “ ” are fine."
        )
    scheme = _ACTIVE_SCHEME.search(msgstr)
    if scheme and not _ACTIVE_SCHEME.search(msgid):
        problems.append(
            f"{scheme.group(0)!r} is not allowed in the words of the site's frame."
            " Remove it."
        )
    return problems


def _interface_problems(path: Path) -> list[Problem]:
    """Markup in the translations of an interface catalog (none in other catalogs)."""
    if path.name not in _INTERFACE_CATALOGS:
        return []
    with path.open("rb") as f:
        catalog = read_po(f)
    problems = []
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        strings = (
            message.string if isinstance(message.string, tuple) else (message.string,)
        )
        for msgstr in filter(None, strings):
            for text in check_interface_message(msgid, msgstr):
                problems.append(Problem(path, message.lineno, f"msgstr: {text}"))
    return problems


def _files(targets: list[Path]) -> list[Path]:
    files = []
    for target in targets:
        files += sorted(target.rglob("*.po")) if target.is_dir() else [target]
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="+", type=Path, help=".po files or folders")
    args = parser.parse_args(argv)
    if not shutil.which("msgfmt"):
        message = (
            "po-check: msgfmt not found, so only Babel's parser checks syntax. "
            "Install GNU gettext: sudo apt-get install gettext"
        )
        if os.environ.get("KB_REQUIRE_ALL_TOOLS"):
            print(message, file=sys.stderr)
            return 1
        print(f"WARNING: {message}", file=sys.stderr)
    files = _files(args.targets)
    problems = [problem for path in files for problem in check_file(path)]
    for problem in problems:
        print(problem)
    print(f"po-check: {len(files)} catalogs, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
