"""Publish a built edition and write the landing page at the root of the site.

Sphinx builds each edition into a staging folder (``_build/staging/<lang>/``).
Only when that build succeeds does this script replace the published edition
(``_build/html/<lang>/``) in one move, so a failed build never damages the last
good site. Then it writes the root ``index.html``, which sends a reader to the
edition in their browser's language, and to English otherwise; without
JavaScript it refreshes to English and lists every edition as a plain link.

Usage (the Makefile runs it after each successful HTML build, then once more
with ``--root`` when every edition asked for is built)::

    python extensions/publish.py _build/staging _build/html en
    python extensions/publish.py --root _build/html
"""

from __future__ import annotations

import html
import json
import os
import shutil
import sys
from pathlib import Path

from babel import Locale, UnknownLocaleError

_DEFAULT = "en"

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ALS/MND Knowledge Base</title>
<link rel="icon" href="{default}/_static/favicon.svg" type="image/svg+xml">
<meta http-equiv="refresh" content="0; url={default}/index.html">
<script>
(function () {{
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
}})();
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


def _editions(site: Path) -> list[str]:
    """Return the language codes that have a built edition under *site*."""
    return sorted(
        child.name
        for child in site.iterdir()
        if child.is_dir() and (child / "index.html").is_file()
    )


def _native_name(code: str) -> str:
    """The language's name in that language: ``es`` -> ``Español``."""
    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:]


def write_root(site: Path) -> Path:
    """Write ``site/index.html`` for the editions found in *site*.

    >>> write_root(Path("_build/html"))  # doctest: +SKIP
    PosixPath('_build/html/index.html')
    """
    editions = _editions(site)
    if _DEFAULT not in editions:
        raise SystemExit(f"{site}: no English edition at {site}/{_DEFAULT}/index.html")
    links = "\n".join(
        f'<li><a href="{html.escape(code)}/index.html" lang="{html.escape(code)}" '
        f'hreflang="{html.escape(code)}">{html.escape(_native_name(code))}</a></li>'
        for code in editions
    )
    page = _PAGE.format(
        default=_DEFAULT, editions_json=json.dumps(editions), links=links
    )
    target = site / "index.html"
    # Editions may be published side by side (make -j): write, then rename.
    partial = site / f".index.html.{os.getpid()}"
    partial.write_text(page, encoding="utf-8")
    partial.replace(target)
    return target


def publish(staging: Path, site: Path, language: str) -> Path:
    """Replace ``site/<language>`` with ``staging/<language>``, then write the root.

    >>> publish(Path("_build/staging"), Path("_build/html"), "en")  # doctest: +SKIP
    PosixPath('_build/html/en')
    """
    source, target = staging / language, site / language
    if not (source / "index.html").is_file():
        raise SystemExit(f"{source}: no built edition to publish")
    site.mkdir(parents=True, exist_ok=True)
    fresh, old = site / f".{language}.new", site / f".{language}.old"
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.copytree(source, fresh)
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    write_root(site)
    return target


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--root":
        write_root(Path(sys.argv[2]))
    elif len(sys.argv) == 4:
        publish(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])
    else:
        raise SystemExit(
            "usage: python extensions/publish.py <staging> <site> <language>\n"
            "       python extensions/publish.py --root <site>"
        )
