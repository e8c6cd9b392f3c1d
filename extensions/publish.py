"""Publish built editions and write the landing page at the root of the site.

Sphinx builds each edition into a staging folder (``_build/staging/<lang>/``,
kept trustworthy by :mod:`staging`). Only when every edition asked for has
built does this script publish them, and only if the site it would make has no
broken language-switcher link; otherwise it publishes nothing.

**Each edition is replaced in one atomic step.** ``_build/html/<lang>`` is a
symbolic link to a complete copy in ``_build/html.editions/<lang>.<id>/``. A new
copy is made beside the old one, then a new link replaces the old link with one
``rename`` (``os.replace``): a reader, ``make serve`` or a crash at any moment
sees either the old edition or the new one, never none and never a mix. Copies
left by an interrupted run are removed by the next one. Any file-system error
(a full disk, a read-only or forbidden folder) stops with one paragraph naming
the path and the cause; the last good edition stays published. Copy the site
with the links followed (``cp -rL``, ``rsync -L``, ``tar -h``).

**No switcher link leads nowhere.** The switcher lists the editions the site
will hold (``kb_published_editions``, see ``extensions/editions/switcher.py``)
and each build records that list in ``.kb-switcher.json``. Before anything is
replaced, this script checks the site as it would be (the new editions and the
editions already published): every edition a switcher names must be there,
with every page of the editions that link to it. An edition built from other
sources (a page added or removed since) or never built makes the check fail,
and nothing is published; building those editions too (``make html``) fixes
it. Editions are published together, after every one asked for has built, so
an edition whose build failed holds the others back rather than appearing in
their switchers.

The root ``index.html`` sends a reader to the edition in their browser's
language, and to English otherwise (or the only edition there is); without JavaScript it refreshes to English
and lists every edition as a plain link.

Usage (the Makefile runs it once every edition asked for is built)::

    python extensions/publish.py _build/staging _build/html en es fr ja
    python extensions/publish.py --root _build/html
"""

from __future__ import annotations

import errno
import html
import json
import os
import re
import shutil
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from babel import Locale, UnknownLocaleError

# Run as a file (``python extensions/publish.py``, or by runpy in the tests), its
# folder holds the other extensions only if Python put it on the path.
if str(Path(__file__).resolve().parent) not in map(str, sys.path):
    sys.path.insert(0, str(Path(__file__).resolve().parent))
from editions.known import EDITIONS, bcp47, is_right_to_left

_DEFAULT = "en"
SWITCHER = ".kb-switcher.json"
_CODE = re.compile(r"^[a-z]{2,3}(?:[_-][A-Za-z0-9]+)*$")
# Folders of an edition that hold no page of the switcher.
_NOT_PAGES = {"_static", "_images", "_downloads", "_sources"}

_PAGE = """<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ALS/MND Knowledge Base</title>
<link rel="icon" href="{icon}" type="image/svg+xml">
<meta http-equiv="refresh" content="0; url={default_href}">
<script>
{script}
</script>
</head>
<body>
<h1>ALS/MND Knowledge Base</h1>
<p>Choose your language:</p>
<ul>
{links}
</ul>
</body>
</html>
"""


# Editions side by side (make html): <lang>/index.html.
_LOCAL_SCRIPT = """(function () {{
  var editions = {editions_json};
  var wanted = navigator.languages || [navigator.language || "{default}"];
  for (var i = 0; i < wanted.length; i++) {{
    var code = String(wanted[i]).toLowerCase().split("-")[0];
    if (editions.indexOf(code) !== -1) {{
      window.location.replace(code + "/index.html");
      return;
    }}
  }}
  window.location.replace("{default}/index.html");
}})();"""
# Editions hosted apart (KB_EDITION_URLS): each at its own address.
_HOSTED_SCRIPT = """(function () {{
  var editions = {editions_json};
  var wanted = navigator.languages || [navigator.language || "{default}"];
  for (var i = 0; i < wanted.length; i++) {{
    var code = String(wanted[i]).toLowerCase().split("-")[0];
    if (Object.prototype.hasOwnProperty.call(editions, code)) {{
      window.location.replace(editions[code]);
      return;
    }}
  }}
  window.location.replace(editions["{default}"]);
}})();"""


class PublishError(SystemExit):
    """Nothing (more) could be published; the message says why."""


def _editions(site: Path) -> list[str]:
    """Return the language codes that have a published edition under *site*."""
    return sorted(
        child.name
        for child in site.iterdir()
        if _CODE.match(child.name)
        and child.is_dir()
        and (child / "index.html").is_file()
    )


def _native_name(code: str) -> str:
    """The language's name in that language: ``es`` -> ``Español``."""
    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:]


def _english_name(code: str) -> str:
    try:
        return Locale.parse(code).get_display_name("en") or code
    except (ValueError, UnknownLocaleError):
        return code


def _hosted_urls() -> dict[str, str]:
    """Each edition's own address when hosted apart (``KB_EDITION_URLS``)."""
    from hosting import HostingError, hosted

    try:
        return hosted(os.environ, _KNOWN).edition_urls
    except HostingError as error:
        raise PublishError(str(error)) from None


_KNOWN = tuple(EDITIONS)


def write_root(site: Path, urls: dict[str, str] | None = None) -> Path:
    """Write ``site/index.html`` for the editions found in *site*.

    Each edition is ``<lang>/index.html`` beside it, or, hosted apart, its own
    address in *urls* (by default ``KB_EDITION_URLS``, extensions/hosting.py).

    >>> write_root(Path("_build/html"))  # doctest: +SKIP
    PosixPath('_build/html/index.html')
    """
    editions = _editions(site)
    if not editions:
        raise PublishError(f"{site}: no edition to list (no <lang>/index.html)")
    urls = _hosted_urls() if urls is None else urls
    # English when there is one; a site of one translation opens that one.
    default = _DEFAULT if _DEFAULT in editions else editions[0]
    hrefs = {
        code: (f"{urls[code]}index.html" if code in urls else f"{code}/index.html")
        for code in editions
    }
    # Each name in its own language and direction: lang and hreflang in the
    # BCP 47 form (pt-BR), dir isolating an Arabic name inside English text.
    links = "\n".join(
        f'<li><a href="{html.escape(hrefs[code])}" lang="{html.escape(bcp47(code))}" '
        f'hreflang="{html.escape(bcp47(code))}" '
        f'dir="{"rtl" if is_right_to_left(code) else "ltr"}">'
        f"{html.escape(_native_name(code))}</a></li>"
        for code in editions
    )
    if urls:
        # In a <script>: no '<' can end it early.
        script = _HOSTED_SCRIPT.format(
            default=default, editions_json=json.dumps(hrefs).replace("<", "\\u003c")
        )
    else:
        script = _LOCAL_SCRIPT.format(
            default=default, editions_json=json.dumps(editions)
        )
    page = _PAGE.format(
        default_href=html.escape(hrefs[default]),
        icon=html.escape(f"{urls.get(default, default + '/')}_static/favicon.svg"),
        script=script,
        links=links,
    )
    target = site / "index.html"
    partial = site / f".index.html.{os.getpid()}"
    try:
        partial.write_text(page, encoding="utf-8")
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target


# -- Switcher links ---------------------------------------------------------------


def _pages(edition: Path) -> set[str]:
    """The pages of an edition, as paths relative to it."""
    found = set()
    for folder, dirs, names in os.walk(edition, followlinks=True):
        if Path(folder) == edition:
            dirs[:] = [d for d in dirs if d not in _NOT_PAGES]
        base = Path(folder).relative_to(edition)
        found.update((base / n).as_posix() for n in names if n.endswith(".html"))
    return found


def _switcher_links(edition: Path) -> list[str]:
    """The editions that *edition*'s switcher links to (none if it recorded none)."""
    try:
        recorded = json.loads((edition / SWITCHER).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as error:
        raise PublishError(
            f"publish: {edition / SWITCHER} is unreadable: {error}"
        ) from None
    links = recorded.get("links") if isinstance(recorded, dict) else None
    if not isinstance(links, list) or not all(isinstance(c, str) for c in links):
        raise PublishError(f"publish: {edition / SWITCHER} holds no list of links")
    return links


def broken_switcher_links(editions: dict[str, Path]) -> list[str]:
    """What the switchers of *editions* ({code: folder}) would link to in vain.

    >>> broken_switcher_links({"es": Path("_build/staging/es")})  # doctest: +SKIP
    ['the Spanish edition (es) links to the English edition (en), which is not built']
    """
    problems = []
    pages = {code: _pages(folder) for code, folder in editions.items()}
    for code in sorted(editions):
        for other in _switcher_links(editions[code]):
            if other == code:
                continue
            if other not in editions:
                problems.append(
                    f"the {_english_name(code)} edition ({code}) links to the"
                    f" {_english_name(other)} edition ({other}), which is not built"
                )
                continue
            missing = sorted(pages[code] - pages[other])
            if missing:
                shown = ", ".join(missing[:3]) + (", ..." if len(missing) > 3 else "")
                problems.append(
                    f"{len(missing)} page(s) of the {_english_name(code)} edition"
                    f" ({code}) link to pages the {_english_name(other)} edition"
                    f" ({other}) does not have: {shown}"
                )
    return problems


# -- Atomic replacement ----------------------------------------------------------


def _store(site: Path) -> Path:
    """Where the published copies live: beside *site*, never inside it."""
    return site.with_name(f"{site.name}.editions")


def _current(site: Path, language: str) -> str | None:
    """The name of the copy ``site/<language>`` links to, if it is a link."""
    target = site / language
    if target.is_symlink():
        return Path(os.readlink(target)).name
    return None


def _tidy(site: Path, language: str) -> None:
    """Remove what earlier runs left for *language*: partial copies, stray links,
    copies no longer published."""
    current = _current(site, language)
    store = _store(site)
    if store.is_dir():
        for child in store.iterdir():
            owner = child.name.lstrip(".").split(".")[0]
            if owner == language and child.name != current:
                shutil.rmtree(child, ignore_errors=True)
    if site.is_dir():
        for child in site.glob(f".{language}.*.link"):
            child.unlink(missing_ok=True)


def _swap(link: Path, target: Path, store: Path, token: str) -> None:
    """Make *target* the symbolic link *link*, in one rename."""
    if target.is_dir() and not target.is_symlink():
        # A folder published before editions were links: moved aside once.
        target.rename(store / f"{target.name}.{token}-folder")
    os.replace(link, target)


class _Copy:
    """A complete copy of one staged edition, and the link that will publish it."""

    def __init__(self, staging: Path, site: Path, language: str) -> None:
        self.site, self.language = site, language
        self.store = _store(site)
        self.token = f"{time.time_ns()}-{os.getpid()}"
        self.partial = self.store / f".{language}.{self.token}.partial"
        self.copy = self.store / f"{language}.{self.token}"
        self.link = site / f".{language}.{self.token}.link"
        self.source = staging / language

    def make(self) -> None:
        """Copy the edition beside the published ones and point a new link at it."""
        self.site.mkdir(parents=True, exist_ok=True)
        self.store.mkdir(parents=True, exist_ok=True)
        _tidy(self.site, self.language)
        shutil.copytree(self.source, self.partial, symlinks=True)
        self.partial.rename(self.copy)
        os.symlink(os.path.relpath(self.copy, self.site), self.link)

    def swap(self) -> None:
        """Publish: the new link replaces ``site/<language>`` in one rename."""
        _swap(self.link, self.site / self.language, self.store, self.token)

    def discard(self) -> None:
        """Remove what :meth:`make` made, unless it is published."""
        self.link.unlink(missing_ok=True)
        shutil.rmtree(self.partial, ignore_errors=True)
        if _current(self.site, self.language) != self.copy.name:
            shutil.rmtree(self.copy, ignore_errors=True)


def _publish_all(staging: Path, site: Path, languages: Sequence[str]) -> None:
    """Copy every edition first; only when all copies are made, swap the links.

    A full disk or a forbidden folder stops the copies and nothing is swapped.
    """
    copies = [_Copy(staging, site, language) for language in languages]
    try:
        for copy in copies:
            copy.make()
        for copy in copies:
            copy.swap()
    except BaseException:
        for copy in copies:
            copy.discard()
        raise
    for language in languages:
        _tidy(site, language)


def publish(staging: Path, site: Path, language: str, *, root: bool = True) -> Path:
    """Replace ``site/<language>`` with a copy of ``staging/<language>`` atomically.

    >>> publish(Path("_build/staging"), Path("_build/html"), "en")  # doctest: +SKIP
    PosixPath('_build/html/en')
    """
    source = staging / language
    if not (source / "index.html").is_file():
        raise PublishError(f"{source}: no built edition to publish")
    _publish_all(staging, site, [language])
    if root:
        write_root(site)
    return site / language


def publish_site(staging: Path, site: Path, languages: Sequence[str]) -> None:
    """Publish every edition in *languages*, if no switcher link would break.

    >>> publish_site(Path("_build/staging"), Path("_build/html"), ["en", "es"])  # doctest: +SKIP
    """
    for language in languages:
        if not (staging / language / "index.html").is_file():
            raise PublishError(f"{staging / language}: no built edition to publish")
    future = {
        code: site / code
        for code in (_editions(site) if site.is_dir() else [])
        if code not in languages
    }
    future.update({code: staging / code for code in languages})
    problems = broken_switcher_links(future)
    if problems:
        raise PublishError(
            "publish: nothing published, because the language switcher would link to"
            " pages that do not exist: "
            + "; ".join(problems)
            + ". Build those editions too (`make html` builds every edition); the"
            f" site in {site} is unchanged."
        )
    _publish_all(staging, site, list(dict.fromkeys(languages)))
    write_root(site)


# -- Command line -------------------------------------------------------------------


def _cause(error: OSError) -> tuple[str, str]:
    """The first cause and path of *error* (``shutil.Error`` holds a list)."""
    if (
        isinstance(error, shutil.Error)
        and error.args
        and isinstance(error.args[0], list)
    ):
        failures = error.args[0]
        _source, destination, why = failures[0]
        more = f" (and {len(failures) - 1} more files)" if len(failures) > 1 else ""
        text = str(why)
        cause = re.sub(r"^\[Errno \d+\] ", "", text).split(": '")[0] + more
        return cause, str(destination)
    cause = error.strerror or errno.errorcode.get(error.errno or 0, "") or str(error)
    return cause, str(error.filename or "")


def _report(error: OSError, site: Path, languages: Iterable[str]) -> str:
    cause, path = _cause(error)
    editions = ", ".join(languages)
    return (
        f"publish: could not publish {editions} to {site}: {cause}"
        + (f" ({path})" if path else "")
        + f". The last good site in {site} is unchanged and still served, and the"
        " partial copy is removed. Free some space or fix the folder's permissions,"
        " then run `make html` again."
    )


def main(argv: Sequence[str]) -> int:
    if len(argv) == 2 and argv[0] == "--root":
        targets, site = [], Path(argv[1])
    elif len(argv) >= 3 and argv[0] != "--root":
        targets, site = list(argv[2:]), Path(argv[1])
    else:
        print(
            "usage: python extensions/publish.py <staging> <site> <language>...\n"
            "       python extensions/publish.py --root <site>",
            file=sys.stderr,
        )
        return 2
    try:
        if targets:
            publish_site(Path(argv[0]), site, targets)
        else:
            write_root(site)
    except PublishError as error:
        print(error.code, file=sys.stderr)
        return 1
    except OSError as error:
        print(_report(error, site, targets or ["the landing page"]), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
