"""What a speed-up replaces, checked before it replaces anything.

Each speed-up names the private objects of Sphinx, MyST or the theme it
replaces or relies on, as :class:`Place`\\ s: a module, a dotted attribute
path, and the parameters the object must take (names, defaults and kinds,
without annotations). The places are looked up when the check runs, never at
import time, so an upgrade that renames or removes one is a finding, not a
traceback::

    from speedups.guard import Place, problems

    PLACES = (
        Place("sphinx.transforms.i18n", "publish_msgstr",
              "app, source, source_path, source_line, config, settings"),
        Place("sphinx.transforms.i18n", "Locale.apply", "self, **kwargs"),
        Place("sphinx.transforms.i18n", "_NodeUpdater"),   # only that it exists
    )
    problems(PLACES)   # [] when every place is as expected

:func:`shape` gives the text to write for a function (``shape(func)``).
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import Any


@dataclass(frozen=True)
class Place:
    """A private object a speed-up replaces: ``module``, ``path`` and its parameters.

    *params* is ``None`` to check only that the object exists.
    """

    module: str
    path: str
    params: str | None = None

    @property
    def name(self) -> str:
        return f"{self.module}.{self.path}"

    def find(self) -> Any:
        """The object, or raise ``LookupError`` saying what is missing."""
        try:
            found: Any = import_module(self.module)
        except ImportError as error:
            raise LookupError(f"{self.module} cannot be imported ({error})") from None
        for part in self.path.split("."):
            found = inspect.getattr_static(found, part, _MISSING)
            if found is _MISSING:
                raise LookupError(f"{self.name} is gone")
            if isinstance(found, (staticmethod, classmethod)):
                found = found.__func__
        return found

    def problem(self) -> str | None:
        """What differs from what the speed-up expects, or ``None``."""
        try:
            found = self.find()
        except LookupError as error:
            return str(error)
        if self.params is None:
            return None
        try:
            found_shape = shape(found)
        except (TypeError, ValueError):
            return f"{self.name} is no longer a function"
        if found_shape != self.params:
            return f"{self.name} now takes ({found_shape}), expected ({self.params})"
        return None


_MISSING = object()


def shape(func: Any) -> str:
    """The parameters of *func*, as a :class:`Place` writes them.

    >>> def f(a, b=1, *args, c, d=2, **kw): ...
    >>> shape(f)
    'a, b=, *args, c, d=, **kw'
    >>> def g(a, /, b, *, c): ...
    >>> shape(g)
    'a, /, b, *, c'
    """
    parts: list[str] = []
    starred = False
    parameters = list(inspect.signature(func).parameters.values())
    for index, parameter in enumerate(parameters):
        kind = parameter.kind
        if kind is parameter.VAR_POSITIONAL:
            parts.append(f"*{parameter.name}")
            starred = True
        elif kind is parameter.VAR_KEYWORD:
            parts.append(f"**{parameter.name}")
        else:
            if kind is parameter.KEYWORD_ONLY and not starred:
                parts.append("*")
                starred = True
            default = "=" if parameter.default is not parameter.empty else ""
            parts.append(f"{parameter.name}{default}")
        following = parameters[index + 1] if index + 1 < len(parameters) else None
        if kind is parameter.POSITIONAL_ONLY and (
            following is None or following.kind is not parameter.POSITIONAL_ONLY
        ):
            parts.append("/")
    return ", ".join(parts)


def problems(places: tuple[Place, ...]) -> list[str]:
    """What differs, place by place (empty when every place is as expected)."""
    return [found for place in places if (found := place.problem()) is not None]


def installed_version(package: str) -> str:
    """The installed version of the distribution *package*, or ``"not installed"``."""
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"
