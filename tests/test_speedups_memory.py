"""No page's document outlives its render: the speed-ups keep no page alive.

Every real page has front matter, so MyST makes a new configuration object for
each. The real English site and the Spanish edition of a small site are built
with the speed-ups and no doctree kept for writing
(``kb_speedups_doctree_pages = 0``); once every page is read, a collection
runs and no page's document may still be alive. The MyST parsers kept for
reuse must stay few: one per configuration *value*, not one per page.
"""

from __future__ import annotations

import gc
import shutil
import weakref
from pathlib import Path
from typing import Any

from conftest import build_docs
from sphinx.application import Sphinx

from speedups import myst_reuse, status


class _Watch:
    """Weak references to every page's document, and how many were alive later."""

    def __init__(self) -> None:
        self.documents: list[weakref.ref] = []
        self.alive: list[str] = []
        self.parsers = 0

    def setup(self, app: Sphinx) -> None:
        app.connect("doctree-read", self.read)
        app.connect("env-updated", self.after_reading)

    def read(self, app: Sphinx, doctree: Any) -> None:
        self.documents.append(weakref.ref(doctree))

    def after_reading(self, app: Sphinx, env: Any) -> list[str]:
        gc.collect()
        self.alive = [ref()["source"] for ref in self.documents if ref() is not None]
        self.parsers = len(myst_reuse.SPEEDUP._entries)
        return []


def _watched_build(tmp: Path, **options: Any) -> tuple[_Watch, Any]:
    watch = _Watch()
    conf = tmp / "conf"
    shutil.copytree(options.pop("confdir"), conf, dirs_exist_ok=True)
    # The copied conf.py loads the watch as an extension of its own.
    (conf / "conf.py").write_text(
        (conf / "conf.py").read_text(encoding="utf-8")
        + "\nimport builtins\n"
        + "_kb_previous_setup = globals().get('setup')\n"
        + "def setup(app):\n"
        + "    if _kb_previous_setup:\n"
        + "        _kb_previous_setup(app)\n"
        + "    builtins._kb_watch.setup(app)\n",
        encoding="utf-8",
    )
    import builtins

    builtins._kb_watch = watch  # type: ignore[attr-defined]
    try:
        build = build_docs(tmp, confdir=conf, kb_speedups_doctree_pages=0, **options)
    finally:
        del builtins._kb_watch  # type: ignore[attr-defined]
    return watch, build


def test_no_page_document_outlives_its_render_on_the_real_site(tmp_path):
    from conftest import REPO

    conf = tmp_path / "repo"
    conf.mkdir()
    shutil.copy(REPO / "conf.py", conf / "conf.py")
    text = (conf / "conf.py").read_text(encoding="utf-8")
    # The copy finds extensions/ and the static files where the repository has them.
    text = text.replace(
        "_ROOT = Path(__file__).resolve().parent", f"_ROOT = Path({str(REPO)!r})"
    )
    text = text.replace('"docs/_static', f'"{REPO}/docs/_static')
    (conf / "conf.py").write_text(text, encoding="utf-8")
    watch, build = _watched_build(tmp_path / "en", confdir=conf)
    assert build.warnings == ""
    assert status(build.app).runs["myst_reuse"] > 60  # parsers were reused
    assert len(watch.documents) > 60
    assert watch.alive == []
    assert watch.parsers <= 2


def test_no_page_document_outlives_its_render_in_a_translation(tmp_path, rootdir):
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-speedups", src)
    watch, build = _watched_build(tmp_path, confdir=src, srcdir=src, language="es")
    assert build.warnings == ""
    assert status(build.app).runs["locale_transform"] > 0
    assert len(watch.documents) == 3
    assert watch.alive == []
