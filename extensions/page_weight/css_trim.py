"""The theme's stylesheets without the rules that can match nothing on this site.

pydata-sphinx-theme's stylesheet (377 KB; 65 KB compressed) holds all of
Bootstrap 5 and a Font Awesome rule for each of its 2,000 icons. After every
page is written, this module reads the theme's original stylesheets, keeps each
rule of which at least one selector can match, and writes the result over the
copies in ``_static/``. A selector can match unless it needs a class or an id
that appears nowhere in the built pages, nor as a word in any script of
``_static/`` (scripts add classes such as ``show``, ``active`` or
``bs-tooltip-`` + a side); a word of a Bootstrap component that no page
uses (``offcanvas``, ``modal``, ``carousel``, ``toast``, ``popover``) counts
only if the component's own class is on a page. Classes and ids inside ``:not()``, ``:is()``,
``:has()`` … and inside ``[attribute]`` tests are not required. A rule keeps
its whole selector list, so browsers read it exactly as before. ``@media``
(print included) and ``@supports`` blocks are trimmed inside; ``@keyframes``
that no kept rule animates, and the Font Awesome web fonts (``icons.py``
replaces them) are dropped. License comments stay::

    words = site_words(outdir)
    trimmed = trim_css(original_css, words)
"""

from __future__ import annotations

import re
from pathlib import Path

from .scan_cache import ScanCache

_CLASS_ATTR = re.compile(r'\b(?:class|id)="([^"]*)"')
_WORD = re.compile(r"[A-Za-z_][\w-]*")
_FUNCTIONAL = re.compile(r":[\w-]+\(")
_NEEDS = re.compile(r"([.#])((?:\\.|[\w-])+)")
_ANIMATION = re.compile(r"animation(?:-name)?\s*:([^;}]*)")
_TRIMMED_AT = ("@media", "@supports", "@layer", "@container")
# Bootstrap components bootstrap.js can drive, but only on an element that
# already carries the component's class in the page.
_COMPONENTS = ("offcanvas", "modal", "carousel", "toast", "popover")


class Words:
    """The classes and ids the site can have, and the prefixes scripts build them from."""

    def __init__(self, names: set[str], prefixes: set[str]) -> None:
        self.names, self.prefixes = names, tuple(sorted(prefixes))

    def known(self, name: str) -> bool:
        return name in self.names or name.startswith(self.prefixes)


def _class_names(text: str) -> frozenset[str]:
    return frozenset(
        name for value in _CLASS_ATTR.findall(text) for name in value.split()
    )


def site_words(
    outdir: Path,
    skip_scripts: tuple[str, ...] = ("fontawesome.js",),
    cache: ScanCache | None = None,
) -> Words:
    """Every class and id in *outdir*'s pages, and every word of its scripts.

    With a *cache* (:mod:`.scan_cache`), a page unchanged since the last build
    is not read again.
    """
    names: set[str] = set()
    prefixes: set[str] = set()
    cache = cache or ScanCache(None)
    for _page, found in cache.scan("classes", outdir.rglob("*.html"), _class_names):
        names.update(found)
    unused = {c for c in _COMPONENTS if c not in names}
    for script in (outdir / "_static").rglob("*.js"):
        if script.name in skip_scripts:
            continue
        for word in _WORD.findall(script.read_text(encoding="utf-8", errors="replace")):
            if (
                word.split("-")[0] in unused
                or word.removeprefix("bs-").split("-")[0] in unused
            ):
                continue
            (prefixes if word.endswith("-") else names).add(word)
    return Words(names, prefixes)


def _skip(css: str, i: int) -> int:
    """The index after the string or comment starting at *i* (or *i* itself)."""
    if css.startswith("/*", i):
        end = css.find("*/", i + 2)
        return len(css) if end < 0 else end + 2
    if css[i] in "\"'":
        quote, j = css[i], i + 1
        while j < len(css) and css[j] != quote:
            j += 2 if css[j] == "\\" else 1
        return j + 1
    return i


def _blocks(css: str) -> list[tuple[str, str | None]]:
    """Top-level items of *css*: ``(prelude, body)``, body None for ``@x …;``/comments."""
    items: list[tuple[str, str | None]] = []
    i = start = 0
    while i < len(css):
        if css.startswith("/*", i):
            end = _skip(css, i)
            if css.startswith("/*!", i):
                items.append((css[i:end], None))
            i = start = end
            continue
        char = css[i]
        if char in "\"'":
            i = _skip(css, i)
        elif char == ";" and css[start:i].lstrip().startswith("@"):
            items.append((css[start : i + 1].strip(), None))
            i = start = i + 1
        elif char == "{":
            depth, j = 1, i + 1
            while j < len(css) and depth:
                if css.startswith("/*", j) or css[j] in "\"'":
                    j = _skip(css, j)
                    continue
                depth += {"{": 1, "}": -1}.get(css[j], 0)
                j += 1
            items.append((css[start:i].strip(), css[i + 1 : j - 1]))
            i = start = j
        else:
            i += 1
    return items


def _split_selectors(prelude: str) -> list[str]:
    parts, depth, current = [], 0, []
    for char in prelude:
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _required(selector: str) -> str:
    """*selector* without what it does not require: functional pseudo-classes, [tests]."""
    out, depth = [], 0
    i = 0
    while i < len(selector):
        match = _FUNCTIONAL.match(selector, i) if depth == 0 else None
        char = selector[i]
        if match:
            depth, i = 1, match.end()
            while i < len(selector) and depth:
                depth += {"(": 1, ")": -1}.get(selector[i], 0)
                i += 1
            continue
        if char == "[":
            i = selector.find("]", i) + 1 or len(selector)
            continue
        out.append(char)
        i += 1
    return "".join(out)


def can_match(selector: str, words: Words) -> bool:
    """Whether every class and id *selector* requires is one the site can have."""
    needed = _required(selector)
    return all(
        words.known(name.replace("\\", "")) for _, name in _NEEDS.findall(needed)
    )


def _drop_font(prelude: str, body: str) -> bool:
    return prelude.startswith("@font-face") and "Font Awesome" in body


def _trim(css: str, words: Words) -> list[str]:
    kept = []
    for prelude, body in _blocks(css):
        if body is None:
            kept.append(prelude)
        elif prelude.startswith(_TRIMMED_AT):
            inner = _trim(body, words)
            if any(not part.startswith("/*") for part in inner):
                kept.append(f"{prelude}{{{''.join(inner)}}}")
        elif prelude.startswith("@"):
            if not _drop_font(prelude, body):
                kept.append(f"{prelude}{{{body}}}")
        elif any(can_match(s, words) for s in _split_selectors(prelude)):
            kept.append(f"{prelude}{{{body}}}")
    return kept


def selector_names(css: str) -> set[str]:
    """Every class and id a rule of *css* requires, as :func:`trim_css` asks about them.

    :func:`trim_css` depends on the site's words only through which of these
    are known, so two sets of words that know the same ones trim alike::

        >>> sorted(selector_names(".a .b, #c:hover {color: red} @media print {.d {}}"))
        ['a', 'b', 'c', 'd']
    """
    names: set[str] = set()
    for prelude, body in _blocks(css):
        if body is None:
            continue
        if prelude.startswith(_TRIMMED_AT):
            names |= selector_names(body)
        elif not prelude.startswith("@"):
            for selector in _split_selectors(prelude):
                needed = _required(selector)
                names.update(n.replace("\\", "") for _, n in _NEEDS.findall(needed))
    return names


def _drop_unused_keyframes(parts: list[str]) -> list[str]:
    used = {
        name
        for part in parts
        if not part.startswith("@keyframes")
        for value in _ANIMATION.findall(part)
        for name in _WORD.findall(value)
    }
    return [
        part
        for part in parts
        if not part.startswith("@keyframes") or part[10:].split("{")[0].strip() in used
    ]


def trim_css(css: str, words: Words) -> str:
    """*css* with only the rules that can match (see the module's docstring)."""
    parts = _drop_unused_keyframes(_trim(css, words))
    return "\n".join(parts) + "\n"
