"""A translator's first command: ``make html LANGS=es`` on a fresh clone.

The Makefile builds the Spanish edition alone into a fresh build folder (as in a
new clone: no ``_build/``); it must exit 0 and publish a site whose links all
lead somewhere: no switcher entry, translation notice or landing-page link to
an edition that was never built.
"""

from __future__ import annotations

import re
import shutil
import subprocess

from conftest import REPO

_LINK = re.compile(r'\b(?:href|src)="([^"#?]+)')


def test_make_html_builds_one_edition_from_scratch(tmp_path):
    if shutil.which("make") is None:  # pragma: no cover - make is a build tool
        raise AssertionError("make is needed to build the site")
    build = tmp_path / "_build"
    done = subprocess.run(
        ["make", "--no-print-directory", "html", "LANGS=es", f"BUILDDIR={build}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    site = build / "html"
    assert sorted(p.name for p in site.iterdir() if not p.name.startswith(".")) == [
        "es",
        "index.html",
    ]
    root = (site / "index.html").read_text(encoding="utf-8")
    assert "en/index.html" not in root and 'href="es/index.html"' in root
    pages = [p for p in (site / "es").rglob("*.html") if "_static" not in p.parts]
    assert len(pages) > 60
    broken = set()
    for page in pages:
        for href in _LINK.findall(page.read_text(encoding="utf-8")):
            if ":" in href or href.startswith("/"):
                continue  # other hosts are checked by the site crawl
            if not (page.parent / href).resolve().exists():
                broken.add(f"{page.relative_to(site)}: {href}")
    assert not broken, sorted(broken)[:10]
