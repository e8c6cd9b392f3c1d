"""page_weight: lighter pages for readers on phones and slow connections.

A first visit to a page used to download about 950 KB (compressed) in 22
requests and draw nothing for 4.6 s at 400 kbit/s. This extension, for HTML
builds:

- draws the theme's Font Awesome icons with a small stylesheet of CSS masks
  (``icons.py``) instead of the 1.5 MB ``fontawesome.js``;
- loads the search index only on the search page (``lazy_search.py``);
- keeps only the theme CSS rules that can match the site (``css_trim.py``);
- defers every script, so none blocks the first paint (``scripts.py``).

``head.py`` applies the first, second and fourth to every page through one
wrapper template; ``css_trim`` and ``icons`` write their files once every page
is written. Each relies on pydata-sphinx-theme 0.20's templates: if the theme
changes them, nothing is changed and one warning says so (``theme_check.py``).
Set ``kb_page_weight = False`` to switch it all off. In ``conf.py``::

    extensions = [..., "page_weight"]
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

import sphinx.builders.html._assets as _assets
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from build_files import replace_file
from patched import require
from unchanged_outputs import environment_key

from .css_trim import Words, selector_names, site_words, trim_css
from .head import ICONS_CSS, TEMPLATES, page_context
from .icons import icons_css, read_icons, used_icons
from .scan_cache import ScanCache
from .theme_check import theme_dir, theme_problems

logger = logging.getLogger(__name__)
# What each built page holds for the icons and the CSS trim (scan_cache.py).
_SCANS = "kb-page-scans.pickle"
_FOUND = "kb-page-weight-found.pickle"

# The theme stylesheets trimmed, each from the installed theme's original file.
_TRIMMED = {
    "styles/pydata-sphinx-theme.css": lambda: (
        theme_dir() / "static/styles/pydata-sphinx-theme.css"
    ),
    "styles/sphinx-book-theme.css": lambda: (
        _book_theme_dir() / "static/styles/sphinx-book-theme.css"
    ),
}

# Sphinx writes basic.css afresh at the end of every HTML build (from its
# theme's template): trimmed in place and marked, so a file Sphinx did not
# rewrite is never trimmed twice. (pygments.css would keep every rule: the word
# "highlight" in sphinx_highlight.js keeps .highlight.)
_TRIMMED_IN_PLACE = ("basic.css",)
_MARK = "/* trimmed by extensions/page_weight */\n"


def _book_theme_dir() -> Path:
    import sphinx_book_theme

    return Path(sphinx_book_theme.__file__).parent / "theme" / "sphinx_book_theme"


def _config_inited(app: Sphinx, config: Config) -> None:
    if not config.kb_page_weight:
        return
    problems = theme_problems()
    if problems:
        logger.warning(
            "page_weight: pydata-sphinx-theme's %s (expected those of 0.20.0);"
            " the page-weight changes are off: every page loads fontawesome.js,"
            " the search index and the whole theme CSS again. Check"
            " extensions/page_weight against the new theme, then update"
            " theme_check.EXPECTED (PATCHES.md)",
            ", ".join(problems),
            type="page_weight",
            subtype="theme",
        )
        return
    config.templates_path = [*config.templates_path, str(TEMPLATES)]
    app.connect("html-page-context", page_context, priority=900)
    app.connect("build-finished", _write_assets)


def _write_assets(app: Sphinx, exception: Exception | None) -> None:
    """Write icons.css and the trimmed theme CSS from the finished pages."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    static = outdir / "_static"
    icons = read_icons(theme_dir() / "static/scripts/fontawesome.js")
    used, words = _scanned(app)
    css, missing = icons_css(used, icons)
    if missing:
        logger.warning(
            "page_weight: no Font Awesome outline for %s in the theme's"
            " fontawesome.js; these icons would not show",
            "; ".join(missing),
            type="page_weight",
            subtype="icons",
        )
    (static / ICONS_CSS).write_text(css, encoding="utf-8")
    trimmed = _Trimmed(Path(app.doctreedir) / "kb-css-trim", words)
    for target, source in _TRIMMED.items():
        original = source().read_text(encoding="utf-8")
        (static / target).write_text(trimmed(original), encoding="utf-8")
    for name in _TRIMMED_IN_PLACE:
        path = static / name
        if path.is_file() and not (original := path.read_text("utf-8")).startswith(
            _MARK
        ):
            path.write_text(_MARK + trimmed(original), encoding="utf-8")
    trimmed.forget_others()


def _static_sources(app: Sphinx) -> str:
    """A digest of the files Sphinx copies into ``_static/`` (size and time)."""
    found = []
    for folder in app.config.html_static_path:
        base = Path(app.confdir, folder)
        files = sorted(base.rglob("*")) if base.is_dir() else [base]
        for path in files:
            if path.is_file():
                status = path.stat()
                found.append(f"{path}\0{status.st_size}\0{status.st_mtime_ns}")
    return hashlib.sha256("\n".join(found).encode()).hexdigest()


def _scanned(app: Sphinx) -> tuple[dict, Words]:
    """The icons and words of the finished pages and scripts.

    Scanning 2,000 pages took 0.5 s of a no-op rebuild even with each page's
    scan kept (:mod:`.scan_cache`). While no page was read since the last build
    (``unchanged_outputs.environment_key``) and the static files are the same,
    the pages and scripts are the same, and so is what was found in them.
    """
    path = Path(app.doctreedir) / _FOUND
    key = (environment_key(app), _static_sources(app))
    try:
        kept = None if app.fresh_env_used else pickle.loads(path.read_bytes())
    except Exception:  # missing, damaged, or from other code: scan again
        kept = None
    if isinstance(kept, tuple) and len(kept) == 4:
        found_key, used, names, prefixes = kept
        if found_key == key:
            return used, Words(names, set(prefixes))
    outdir = Path(app.outdir)
    with ScanCache(Path(app.doctreedir) / _SCANS) as cache:
        used = used_icons(outdir, cache)
        words = site_words(outdir, cache=cache)
    replace_file(
        path, pickle.dumps((key, used, words.names, words.prefixes), protocol=5)
    )
    return used, words


class _Trimmed:
    """``trim_css(css, words)``, kept in *folder* under a digest of what it depends on.

    Trimming the theme's 377 KB stylesheet takes about a second. The result
    depends on the words only through which of the stylesheet's classes and ids
    they know (:func:`.css_trim.selector_names`), so it is kept under a digest of
    the stylesheet and of those; an edit that adds an id no rule names (a new
    section, a new trial) reuses it. The names each stylesheet requires are
    kept beside it, so that finding them is not a second trimming.
    """

    def __init__(self, folder: Path, words: Words) -> None:
        self.folder, self.words, self.kept = folder, words, set()

    def _names(self, css: str, css_digest: str) -> list[str]:
        path = self.folder / f"{css_digest}.names"
        self.kept.add(path.name)
        try:
            return path.read_text(encoding="utf-8").split("\n")
        except OSError:
            pass
        names = sorted(selector_names(css))
        replace_file(path, "\n".join(names).encode("utf-8"))
        return names

    def __call__(self, css: str) -> str:
        css_digest = hashlib.sha256(css.encode("utf-8")).hexdigest()
        known = [n for n in self._names(css, css_digest) if self.words.known(n)]
        key = "\0".join([css_digest, *known]).encode("utf-8")
        path = self.folder / f"{hashlib.sha256(key).hexdigest()}.css"
        self.kept.add(path.name)
        try:
            return path.read_text(encoding="utf-8")
        except OSError:
            pass
        result = trim_css(css, self.words)
        replace_file(path, result.encode("utf-8"))
        return result

    def forget_others(self) -> None:
        for old in [*self.folder.glob("*.css"), *self.folder.glob("*.names")]:
            if old.name not in self.kept:
                old.unlink(missing_ok=True)


def setup(app: Sphinx) -> dict[str, object]:
    require("page_weight", "sphinx", (_assets, "_JavaScript"))
    app.add_config_value(
        "kb_page_weight",
        True,
        "html",
        types=frozenset({bool}),
        description="Lighter pages: icons without fontawesome.js, the search index"
        " only on the search page, trimmed theme CSS, deferred scripts",
    )
    app.connect("config-inited", _config_inited)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
