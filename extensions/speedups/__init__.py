"""The build's speed-ups, as one package with one switch.

Seven speed-ups replace or bypass private parts of Sphinx, MyST and the theme
(``PATCHES.md`` lists each part, why, and the upstream issue it stands in for):

- ``myst_reuse``: one MyST parser per configuration, docutils' defaults once;
- ``locale_transform``: each translated message parsed once;
- ``plain_messages``: a plain translated sentence made without the parser;
- ``search_index``: stems remembered for the build, faster Japanese splitting;
- ``search_reuse``: the search index file kept when no page is written;
- ``build_memory``: a bounded doctree cache and fewer garbage collections;
- ``navigation``: the sidebar drawn once per build, not once per page.

::

    extensions = ["myst_parser", "speedups", ...]   # conf.py
    kb_speedups = True                  # False: plain Sphinx, MyST and theme, slower
    kb_speedups_skip = ["navigation"]   # leave some out (to measure one)
    kb_speedups_doctree_pages = 100     # build_memory: doctrees kept in memory

For each build, at ``builder-inited``, each speed-up:

1. checks the exact objects and signatures it replaces (:mod:`speedups.guard`).
   On any difference it stays off and emits one warning
   ``[speedups.<name>]`` naming the speed-up, what differs and the version
   found; the output stays what plain Sphinx makes. ``suppress_warnings =
   ["speedups.<name>"]`` accepts it deliberately.
2. checks the settings it relies on (``SpeedUp.steps_aside``): with another
   theme, collapsed navigation or MyST's typography options it steps aside
   and says so in the build's log.
3. is installed, for this application only.

At ``build-finished`` every installed speed-up is removed, so another Sphinx
application in the same process (tests, ``sphinx-autobuild``) runs plain
Sphinx unless it loads this package too. :func:`status` tells what happened::

    from speedups import status
    status(app).runs        # Counter: work each installed speed-up did
    status(app).off         # {name: why} for speed-ups a check switched off
    status(app).aside       # {name: setting} for speed-ups that stepped aside
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from types import ModuleType

from sphinx.application import Sphinx
from sphinx.util import logging

from .guard import installed_version
from .speedup import SpeedUp

# The modules, in the order their speed-ups are installed (removed in reverse),
# each with the speed-ups it holds and the package whose code it replaces.
_MODULES = {
    "myst_reuse": (("myst_reuse",), "myst-parser"),
    "locale_transform": (("locale_transform", "plain_messages"), "sphinx"),
    "search_index": (("search_index",), "sphinx"),
    "search_reuse": (("search_reuse",), "sphinx"),
    "build_memory": (("build_memory",), "sphinx"),
    "navigation": (("navigation",), "pydata-sphinx-theme"),
}
NAMES = tuple(name for names, _package in _MODULES.values() for name in names)


def _import_all() -> tuple[list[ModuleType], dict[str, str]]:
    """Every speed-up module; one that cannot be imported is named with its error.

    A module imports the private objects it replaces only when it checks or
    installs them; this is the last net, for an upgrade that breaks even the
    public names a module imports.
    """
    modules, broken = [], {}
    for module in _MODULES:
        try:
            modules.append(import_module(f"{__name__}.{module}"))
        except Exception as error:
            broken[module] = f"{type(error).__name__}: {error}"
    return modules, broken


_modules, _broken = _import_all()
SPEEDUPS: tuple[SpeedUp, ...] = tuple(s for m in _modules for s in m.SPEEDUPS)

_logger = logging.getLogger(__name__)
_TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class Status:
    """What the speed-ups did for one application."""

    installed: list[str] = field(default_factory=list)
    runs: Counter[str] = field(default_factory=Counter)
    off: dict[str, str] = field(default_factory=dict)
    aside: dict[str, str] = field(default_factory=dict)


def status(app: Sphinx) -> Status:
    """The speed-ups' status for *app* (kept on the application, never pickled)."""
    found = app.__dict__.get("_kb_speedups")
    if found is None:
        found = app._kb_speedups = Status()  # type: ignore[attr-defined]
    return found


def _install(app: Sphinx) -> None:
    config = app.config
    state = status(app)
    if not config.kb_speedups:
        return
    unknown = sorted(set(config.kb_speedups_skip) - set(NAMES))
    if unknown:
        _logger.warning(
            "speedups: kb_speedups_skip names %s; known: %s",
            ", ".join(unknown),
            ", ".join(NAMES),
            type="speedups",
            subtype="config",
        )
    for module, error in _broken.items():
        names, package = _MODULES[module]
        skipped = set(names) & set(config.kb_speedups_skip)
        for name in sorted(set(names) - skipped):
            state.off[name] = error
            _logger.warning(
                "speedups: %s is off (%s %s): its module cannot be imported (%s);"
                " the build goes on without it, slower, with the same output",
                name,
                package,
                installed_version(package),
                error,
                type="speedups",
                subtype=name,
            )
    for speedup in SPEEDUPS:
        if speedup.name in config.kb_speedups_skip:
            continue
        if speedup.app is not None:  # an application that never finished
            speedup.remove()
            speedup.app = None
        found = speedup.problems(app)
        if found:
            state.off[speedup.name] = "; ".join(found)
            _logger.warning(
                "speedups: %s is off (%s %s): %s; the build goes on without it,"
                " slower, with the same output",
                speedup.name,
                speedup.package,
                installed_version(speedup.package),
                "; ".join(found),
                type="speedups",
                subtype=speedup.name,
            )
            continue
        setting = speedup.steps_aside(app)
        if setting:
            state.aside[speedup.name] = setting
            _logger.info("speedups: %s steps aside: %s", speedup.name, setting)
            continue
        speedup.runs = 0
        speedup.install(app)
        speedup.app = app
        state.installed.append(speedup.name)


def _remove(app: Sphinx, exception: Exception | None) -> None:
    state = status(app)
    for speedup in reversed(SPEEDUPS):
        if speedup.active(app):
            speedup.remove()
            speedup.app = None
            state.runs[speedup.name] += speedup.runs


def _add_templates(app: Sphinx, config) -> None:
    config.templates_path = [*config.templates_path, str(_TEMPLATES)]


def setup(app: Sphinx) -> dict[str, object]:
    # None of these change the output, so switching them rebuilds nothing.
    app.add_config_value("kb_speedups", True, "", types=[bool])
    app.add_config_value("kb_speedups_skip", [], "", types=[list, tuple])
    app.add_config_value("kb_speedups_doctree_pages", 100, "", types=[int])
    app.connect("config-inited", _add_templates)
    app.connect("builder-inited", _install)
    app.connect("build-finished", _remove, priority=900)
    for module in _modules:
        connect = getattr(module, "connect", None)
        if connect is not None:
            connect(app)
    return {"version": "1.0.0", "parallel_read_safe": True, "parallel_write_safe": True}
