"""The speed-ups run, keep the HTML, stand down cleanly, and leave no trace.

- Every speed-up ran for every edition of the real site (its counter), and the
  site built with ``kb_speedups = False`` is the same, byte for byte.
- A speed-up whose private target has changed (a deliberately changed
  signature) stays off with one warning ``[speedups.<name>]`` naming it and
  the version found, and the output is what plain Sphinx makes.
- After a build, a second Sphinx application in the same process runs plain
  Sphinx, MyST and theme code.

The guard tests build ``tests/roots/test-speedups``: three pages with front
matter, and their Spanish translations (plain and marked-up sentences).
"""

from __future__ import annotations

import gc
import io
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import EDITIONS, Build, build_docs, different_pages
from search_quality.arabic import SearchArabic
from sphinx.application import Sphinx
from sphinx.testing.util import _clean_up_global_state

import speedups
from speedups import NAMES, status
from speedups.guard import Place, installed_version, shape


# -- What plain Sphinx, MyST and the theme hold, before any build --------------
def _live() -> dict[str, Any]:
    """Every object a speed-up replaces, as it is now."""
    from myst_parser.mdit_to_docutils import base
    from myst_parser.parsers import sphinx_
    from sphinx import search
    from sphinx.builders.html import StandaloneHTMLBuilder
    from sphinx.transforms import i18n
    from sphinx.util import nodes as sphinx_nodes

    found = {
        "publish_msgstr": i18n.publish_msgstr,
        "Locale.apply": i18n.Locale.__dict__["apply"],
        "extract_messages": i18n.extract_messages,
        "traverse_translatable_index": i18n.traverse_translatable_index,
        "is_translatable": sphinx_nodes.is_translatable,
        "make_document": base.make_document,
        "create_md_parser": sphinx_.create_md_parser,
        # Less Arabic: search_quality registers it through Sphinx's public
        # app.add_search_language, which keeps it for the process by design.
        "search.languages": {
            k: v for k, v in search.languages.items() if k != SearchArabic.lang
        },
        "gc.threshold": gc.get_threshold(),
        "load_indexer": StandaloneHTMLBuilder.__dict__["load_indexer"],
        "dump_search_index": StandaloneHTMLBuilder.__dict__["dump_search_index"],
    }
    for name, value in vars(i18n._NodeUpdater).items():
        if name.startswith("update_"):
            found[f"_NodeUpdater.{name}"] = value
    return found


_PLAIN = _live()


def _changed_from_plain() -> list[str]:
    now = _live()
    return sorted(name for name, value in _PLAIN.items() if now[name] != value)


# -- The real site, every edition ----------------------------------------------
# Speed-ups with nothing to do in English: there are no translated messages.
_TRANSLATION_ONLY = {"locale_transform", "plain_messages"}
# Speed-ups with nothing to do in a full build: they keep what a rebuild that
# writes no page would make again (tests/test_search_reuse.py).
_REBUILD_ONLY = {"search_reuse"}


@pytest.mark.parametrize("language", EDITIONS)
def test_every_speedup_ran(editions, language):
    state = status(editions[language].app)
    assert state.installed == list(NAMES)
    assert state.off == {} and state.aside == {}
    expected = set(NAMES) - _REBUILD_ONLY
    expected -= _TRANSLATION_ONLY if language == "en" else set()
    assert {name for name in NAMES if state.runs[name] > 0} == expected


@pytest.mark.parametrize("language", EDITIONS)
def test_the_switch_off_builds_the_same_site(editions, tmp_path, language):
    plain = build_docs(tmp_path, language=language, kb_speedups=False)
    assert plain.warnings == ""
    assert status(plain.app).installed == []
    assert sum(status(plain.app).runs.values()) == 0
    data = ["searchindex.js", "trials.json", "drugs.json"]
    assert different_pages(editions[language], plain, data) == []


# -- A small translated site ----------------------------------------------------
def _small(tmp: Path, rootdir: Path, **overrides: Any) -> Build:
    src = tmp / "src"
    if not src.exists():
        shutil.copytree(rootdir / "test-speedups", src)
    out = tmp / f"out-{len(list(tmp.glob('out-*')))}"
    return build_docs(out, language="es", srcdir=src, confdir=src, **overrides)


_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def _pages(build: Build) -> dict[str, str]:
    return {
        str(p.relative_to(build.outdir)): p.read_text(encoding="utf-8")
        for p in sorted(build.outdir.rglob("*.html"))
    }


def test_every_speedup_runs_on_the_small_site(tmp_path, rootdir):
    fast = _small(tmp_path, rootdir)
    assert fast.warnings == ""
    state = status(fast.app)
    assert state.installed == list(NAMES)
    assert [name for name in NAMES if state.runs[name] == 0] == sorted(_REBUILD_ONLY)
    assert "Una frase sencilla sobre el cuidado." in fast.html("index")
    assert _changed_from_plain() == []


def _delegating(original: Any, method: bool) -> Any:
    """*original* with one more keyword parameter: another signature, same work."""
    if method:

        def changed(self, *args, extra=None, **kwargs):
            return original(self, *args, **kwargs)

    else:

        def changed(*args, extra=None, **kwargs):
            return original(*args, **kwargs)

    return changed


# One place per speed-up: (speed-up, module, owner in it or "", attribute).
_CHANGED = [
    ("myst_reuse", "myst_parser.parsers.sphinx_", "", "create_md_parser"),
    ("locale_transform", "sphinx.transforms.i18n", "", "publish_msgstr"),
    ("plain_messages", "sphinx.util", "", "get_filetype"),
    ("search_index", "sphinx.search", "SearchLanguage", "stem"),
    ("search_reuse", "sphinx.builders.html", "StandaloneHTMLBuilder", "load_indexer"),
    ("build_memory", "sphinx.environment", "BuildEnvironment", "__init__"),
    ("navigation", "pydata_sphinx_theme.toctree", "", "add_toctree_functions"),
]


@pytest.mark.parametrize(("name", "module", "owner", "attribute"), _CHANGED)
def test_a_changed_signature_switches_one_speedup_off(
    tmp_path, rootdir, monkeypatch, name, module, owner, attribute
):
    from importlib import import_module

    target = import_module(module)
    if owner:
        target = getattr(target, owner)
    original = target.__dict__[attribute]
    monkeypatch.setattr(target, attribute, _delegating(original, bool(owner)))

    changed = _small(tmp_path, rootdir)
    warnings = _COLOUR.sub("", changed.warnings).strip().splitlines()
    package = next(s.package for s in speedups.SPEEDUPS if s.name == name)
    assert len(warnings) == 1, changed.warnings
    assert warnings[0].endswith(f"[speedups.{name}]")
    assert (
        f"speedups: {name} is off ({package} {installed_version(package)})"
        in (warnings[0])
    )
    assert "now takes" in warnings[0] and "expected" in warnings[0]
    assert "Traceback" not in changed.warnings
    state = status(changed.app)
    assert name in state.off and name not in state.installed
    # Everything else still ran (plain_messages works inside locale_transform).
    others = (
        set(NAMES)
        - {name}
        - ({"plain_messages"} if name == "locale_transform" else set())
    )
    assert set(state.installed) == others
    monkeypatch.undo()
    plain = _small(tmp_path, rootdir, kb_speedups=False)
    assert _pages(changed) == _pages(plain)
    assert _changed_from_plain() == []


def test_a_changed_signature_can_be_accepted_deliberately(
    tmp_path, rootdir, monkeypatch
):
    from sphinx.transforms import i18n

    monkeypatch.setattr(
        i18n, "publish_msgstr", _delegating(i18n.publish_msgstr, method=False)
    )
    built = _small(tmp_path, rootdir, suppress_warnings=["speedups.locale_transform"])
    assert built.warnings == ""
    assert "locale_transform" in status(built.app).off


def test_a_gone_place_and_a_changed_one_are_named():
    assert Place("sphinx.transforms.i18n", "publish_msgstr_gone").problem() == (
        "sphinx.transforms.i18n.publish_msgstr_gone is gone"
    )
    assert (
        Place("sphinx_not_installed", "x")
        .problem()
        .startswith("sphinx_not_installed cannot be imported")
    )
    found = Place("sphinx.util", "get_filetype", "source_suffix").problem()
    assert found == (
        "sphinx.util.get_filetype now takes (source_suffix, filename),"
        " expected (source_suffix)"
    )
    assert (
        Place("sphinx.util", "get_filetype", "source_suffix, filename").problem()
        is None
    )


def test_every_place_is_as_expected_on_the_installed_versions():
    """The tested versions: no speed-up is off (else the pin and code disagree)."""
    for speedup in speedups.SPEEDUPS:
        assert [p.problem() for p in speedup.places if p.problem()] == [], speedup.name
    assert speedups._broken == {}
    assert shape(shape) == "func"


def test_an_unknown_name_to_skip_is_a_warning(tmp_path, rootdir):
    built = _small(tmp_path, rootdir, kb_speedups_skip=["navigation", "navigatoin"])
    assert re.search(
        r"kb_speedups_skip names navigatoin; known: .*\[speedups.config\]",
        built.warnings,
    )
    assert "navigation" not in status(built.app).installed


# -- Nothing leaks into another application --------------------------------------
def test_a_second_application_runs_plain_sphinx(tmp_path, rootdir):
    seen_in_first: list[list[str]] = []
    seen_in_second: list[list[str]] = []
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-speedups", src)
    plain_conf = tmp_path / "plain"
    plain_conf.mkdir()
    conf = (src / "conf.py").read_text(encoding="utf-8")
    assert '"speedups", ' in conf
    (plain_conf / "conf.py").write_text(
        conf.replace('"speedups", ', "").replace(
            'Path(__file__).resolve().parents[2] / "extensions"',
            repr(str(Path(speedups.__file__).parents[1])),
        )
        + f"locale_dirs = [{str(src / 'locales')!r}]\n",
        encoding="utf-8",
    )

    def build(confdir: Path, out: str, seen: list[list[str]]) -> Sphinx:
        app = Sphinx(
            srcdir=src,
            confdir=confdir,
            outdir=tmp_path / out,
            doctreedir=tmp_path / f"{out}-doctrees",
            buildername="html",
            confoverrides={"language": "es"},
            status=io.StringIO(),
            warning=io.StringIO(),
        )
        app.connect(
            "doctree-read", lambda app, doctree: seen.append(_changed_from_plain())
        )
        try:
            app.build()
        finally:
            _clean_up_global_state()
        return app

    first = build(src, "first", seen_in_first)
    # While the first application built, the speed-ups were in place ...
    assert seen_in_first and all(
        {"publish_msgstr", "create_md_parser", "search.languages"} <= set(changed)
        for changed in seen_in_first
    )
    assert status(first).installed == list(NAMES)
    # ... and gone when it finished, and the second one never saw them.
    assert _changed_from_plain() == []
    second = build(plain_conf, "second", seen_in_second)
    assert seen_in_second and all(changed == [] for changed in seen_in_second)
    assert "_kb_speedups" not in second.__dict__
