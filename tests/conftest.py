"""Shared fixtures: Sphinx's own testing fixtures and a strict build of docs/.

Each behaviour of the extension has a tiny project in ``tests/roots/test-<name>/``
used with ``@pytest.mark.sphinx("html", testroot="<name>")``.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlparse

import pytest
from sphinx.application import Sphinx
from sphinx.testing.util import _clean_up_global_state

pytest_plugins = ["sphinx.testing.fixtures"]

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "extensions"))

from editions.known import EDITIONS as KNOWN_EDITIONS  # noqa: E402


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).resolve().parent / "roots"


@pytest.fixture
def project(tmp_path: Path, rootdir: Path) -> Path:
    """A copy of the small test project ``roots/test-basic`` to edit and build."""
    src = tmp_path / "project"
    shutil.copytree(rootdir / "test-basic", src)
    return src


def local_only(context) -> list[str]:  # type: ignore[no-untyped-def]
    """Let a Playwright *context* reach the test server alone.

    Every request to another host is aborted and its address kept in the list
    returned, which a test asserts empty: nothing leaves the reader's browser::

        outside = local_only(context)
        ...
        assert outside == []
    """
    outside: list[str] = []

    def _guard(route) -> None:  # type: ignore[no-untyped-def]
        if urlparse(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", _guard)
    return outside


def build_once(make_app, src: Path, **kwargs):  # type: ignore[no-untyped-def]
    """Build *src* once with Sphinx's ``make_app`` and clear its global state,
    so the next build in the test starts clean::

        app = build_once(make_app, project, confoverrides={"language": "fr"})
    """
    app = make_app("html", srcdir=src, **kwargs)
    app.build()
    app.cleanup()
    return app


class Build:
    """The outcome of one Sphinx build: its output folder and what it printed."""

    def __init__(self, outdir: Path, warnings: str, app: Sphinx) -> None:
        self.outdir, self.warnings, self.app = outdir, warnings, app

    def html(self, page: str) -> str:
        return (self.outdir / f"{page}.html").read_text(encoding="utf-8")


def write_catalog(path: Path, messages: dict[str, str], locale: str = "es") -> None:
    """Write a small gettext catalog for a test translation::

    write_catalog(src / "locales/es/LC_MESSAGES/index.po", {"Hello": "Hola"})
    """
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalog = Catalog(locale=locale)
    for msgid, msgstr in messages.items():
        catalog.add(msgid, msgstr)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        write_po(file, catalog)


def build_docs(
    tmp: Path,
    builder: str = "html",
    language: str = "en",
    outdir: Path | None = None,
    *,
    srcdir: Path = REPO / "docs",
    confdir: Path = REPO,
    **overrides,
) -> Build:
    """Build the real ``docs/`` with ``conf.py`` strictly, as ``make html`` does.

    *srcdir* and *confdir* build a copy instead (a project in ``tmp_path``)::

        build_docs(tmp_path, language="es", srcdir=repo / "docs", confdir=repo)
    """
    warnings = io.StringIO()
    outdir = outdir or tmp / builder
    app = Sphinx(
        srcdir=srcdir,
        confdir=confdir,
        outdir=outdir,
        doctreedir=tmp / "doctrees",
        buildername=builder,
        confoverrides={"language": language, **overrides},
        status=io.StringIO(),
        warning=warnings,
        warningiserror=False,
        keep_going=True,
    )
    try:
        app.build()
    finally:
        # Sphinx registers nodes and roles in docutils' global state; clear it
        # as SphinxTestApp.cleanup() does, so later test builds start clean.
        _clean_up_global_state()
    return Build(outdir, warnings.getvalue(), app)


def different_pages(built: Build, other: Build, data: Sequence[str] = ()) -> list[str]:
    """The HTML pages (and *data* files) that differ, byte for byte, between two builds.

    Both builds must hold the same pages, and enough of them (the real site) for
    the comparison to mean something::

        assert different_pages(fast, plain, ["searchindex.js"]) == []
    """
    pages = sorted(
        p.relative_to(built.outdir)
        for p in built.outdir.rglob("*.html")
        if "_static" not in p.parts
    )
    assert len(pages) > 70
    assert pages == sorted(
        p.relative_to(other.outdir)
        for p in other.outdir.rglob("*.html")
        if "_static" not in p.parts
    )
    return [
        str(name)
        for name in [*pages, *data]
        if (built.outdir / name).read_bytes() != (other.outdir / name).read_bytes()
    ]


def catalog_texts(language: str) -> list[str]:
    """Every source text and translation in *language*'s catalogs (a real corpus)."""
    from babel.messages.pofile import read_po

    texts = []
    for po in sorted((REPO / "locales" / language).rglob("*.po")):
        with po.open("rb") as file:
            for message in read_po(file):
                for text in (message.id, message.string):
                    if isinstance(text, str) and text:
                        texts.append(text)
    return texts


# Text a writer or translator left to fill in. Case matters: "todo" is an
# ordinary Spanish word ("everything"); the markers are written in capitals.
PLACEHOLDER = re.compile(r"\b(lorem ipsum|TODO|TBD|FIXME|XXX|coming soon)\b")

# The editions `make html` builds, English first (the Makefile's EDITIONS).
EDITIONS = tuple(KNOWN_EDITIONS)


@pytest.fixture(scope="session")
def site_root(tmp_path_factory) -> Path:
    """The folder that holds every edition, like ``_build/html``."""
    return tmp_path_factory.mktemp("site")


@pytest.fixture(scope="session")
def site(site_root) -> Build:
    """The English site, built once per test session into ``<root>/en``."""
    return build_docs(site_root / ".work-en", outdir=site_root / "en")


@pytest.fixture(scope="session")
def editions(site, site_root) -> dict[str, Build]:
    """Every edition, each built strictly into ``<root>/<lang>``, once per session."""
    built = {"en": site}
    for language in EDITIONS[1:]:
        built[language] = build_docs(
            site_root / f".work-{language}",
            language=language,
            outdir=site_root / language,
        )
    return built


def require_tools(*commands: str) -> None:
    """Skip loudly when a system tool is missing; fail instead in CI.

    ``.ci/run`` installs every Debian package and sets ``KB_REQUIRE_ALL_TOOLS=1``,
    so there these tests always run.
    """
    missing = [c for c in commands if shutil.which(c) is None]
    if not missing:
        return
    message = (
        f"NOT RUN: {', '.join(missing)} not installed. Install the Debian packages"
        " with `sudo make system-packages` (see README.md) to run these tests."
    )
    if os.environ.get("KB_REQUIRE_ALL_TOOLS"):
        pytest.fail(message)
    pytest.skip(message)


# -- A real browser on the built site (tests/test_browser_*.py) ------------------
CHROMIUM = "/usr/bin/chromium"
# As root and on a closed network, Chromium needs these: without the
# background-networking flags it opens connections the network refuses, many at
# a time, and looks up Google's hosts at every start.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = REPO / "_build" / "screenshots"


@pytest.fixture(scope="session")
def served_site(editions, site_root):
    """Every edition served on 127.0.0.1, as ``make serve`` does: yields the base URL."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from publish import write_root

    write_root(site_root)

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(site_root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    if not os.path.exists(CHROMIUM):
        require_tools("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the test extra installs it
        pytest.fail("Playwright is missing: run `make test`, which installs it")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh desktop-sized page (the crawl in test_browser_site checks requests)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()
