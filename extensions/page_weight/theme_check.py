"""The theme files page_weight changes, checked before anything is changed.

page_weight rewrites what pydata-sphinx-theme 0.20 puts in every page's
``<head>``: its ``layout.html`` (the ``css`` and ``extrahead`` blocks), the
asset macros of ``static/webpack-macros.html``, ``search.html`` (which loads
the search index) and ``static/styles/theme.css`` (which only imports Sphinx's
``basic.css``). Each file must be the one it was written against; when a theme
upgrade changes one, the extension changes nothing and says so in one warning
(an error in this project's strict builds)::

    from page_weight.theme_check import theme_problems
    theme_problems()  # [] while the theme is the tested one
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pydata_sphinx_theme

# sha256 of each file page_weight relies on, as pydata-sphinx-theme 0.20.0 ships it.
EXPECTED = {
    "layout.html": "1f98508aa73a49d0afc5f175214cb82c846a2a9f5b95b914e705b292b3dfbce2",
    "search.html": "098d19aa34f7874cf084d8285df89fb61c15e88b67ea98a43c989c88146ba65b",
    "static/webpack-macros.html": (
        "ca92b021a603a336886ebb857ae4fa805d61a133ae57bf650e9610a586b8616a"
    ),
    "static/styles/theme.css": (
        "c5ad46e4d126fbddecf0ece57fc8345279fac39110306ac7e643f0d4505423f7"
    ),
}


def theme_dir() -> Path:
    """The folder of pydata-sphinx-theme's templates and static files."""
    return Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"


def theme_problems(root: Path | None = None) -> list[str]:
    """Each expected theme file that is missing or has changed, as a short phrase."""
    root = root or theme_dir()
    problems = []
    for name, digest in EXPECTED.items():
        path = root / name
        if not path.is_file():
            problems.append(f"{name} is missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            problems.append(f"{name} has changed")
    return problems
