"""Write the landing page at the root of the built site.

Every edition is built into its own folder (``_build/html/en/``, later
``_build/html/<lang>/``). The root ``index.html`` sends a reader to the edition
in their browser's language, and to English otherwise. Without JavaScript, the
page refreshes to English and lists every edition as a plain link.

Usage (the Makefile runs it after each HTML build)::

    python extensions/site_root.py _build/html
"""

from __future__ import annotations

import html
import json
import sys
from pathlib import Path

_DEFAULT = "en"

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ALS/MND Knowledge Base</title>
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
        f'hreflang="{html.escape(code)}">{html.escape(code)}</a></li>'
        for code in editions
    )
    page = _PAGE.format(
        default=_DEFAULT, editions_json=json.dumps(editions), links=links
    )
    target = site / "index.html"
    target.write_text(page, encoding="utf-8")
    return target


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: python extensions/site_root.py <site-folder>")
    write_root(Path(sys.argv[1]))
