"""The shape every speed-up has: what it replaces, what it relies on, on and off.

A speed-up is a subclass of :class:`SpeedUp`, one instance per module::

    class MystReuse(SpeedUp):
        name = "myst_reuse"
        package = "myst-parser"          # named, with its version, in warnings
        places = (Place("myst_parser.parsers.sphinx_", "create_md_parser",
                        "config, renderer"),)

        def steps_aside(self, app):      # a setting it cannot serve, or None
            return None

        def install(self, app): ...      # replace; originals kept on self
        def remove(self): ...            # put every original back

    SPEEDUP = MystReuse()

The package (``speedups/__init__.py``) checks :attr:`places` (and anything
more ``problems`` adds) at set-up,
installs at ``builder-inited`` and removes at ``build-finished``. Replaced code
counts its work with ``SPEEDUP.ran()``, so a test can tell a speed-up that ran
from one that silently stood by.
"""

from __future__ import annotations

from typing import Any, ClassVar

from sphinx.application import Sphinx

from .guard import Place, problems


class SpeedUp:
    """One speed-up: its places, the settings it needs, and how to (un)install it."""

    name: ClassVar[str] = ""
    package: ClassVar[str] = "sphinx"
    places: ClassVar[tuple[Place, ...]] = ()

    def __init__(self) -> None:
        self.runs = 0
        self.app: Sphinx | None = None  # the application it is installed for

    def ran(self, times: int = 1) -> None:
        """Count work done by the replaced code (read as ``status(app).runs``)."""
        self.runs += times

    def problems(self, app: Sphinx) -> list[str]:
        """What differs from what this speed-up replaces or relies on (empty: none)."""
        return problems(self.places)

    def steps_aside(self, app: Sphinx) -> str | None:
        """The setting of *app* this speed-up cannot keep the output of, or ``None``."""
        return None

    def install(self, app: Sphinx) -> None:
        """Replace what :attr:`places` name; keep every original on ``self``."""

    def remove(self) -> None:
        """Put back every original :meth:`install` replaced."""

    def active(self, app: Any) -> bool:
        """Whether this speed-up is installed for *app* (and not another application)."""
        return self.app is not None and self.app is app
