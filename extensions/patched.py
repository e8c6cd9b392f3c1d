"""The places in Sphinx, MyST and the theme that an extension needs, checked first.

``safety``, ``search_entries`` and ``page_weight`` each use a few private
objects of a library whose tested versions ``pyproject.toml`` pins. When an
upgrade renames or removes one, the build stops at once with a clear message
instead of silently running without it::

    from patched import require
    require("safety", "myst-parser", (mocking, "MockIncludeDirective"))

The speed-ups (``extensions/speedups/``) do not stop the build: each checks
its places before each build and stays off with one warning
(``speedups.guard``).
"""

from __future__ import annotations

from sphinx.errors import ExtensionError


def require(extension: str, package: str, *places: tuple[object, str]) -> None:
    """Raise ``ExtensionError`` naming each ``(owner, name)`` in *places* that is gone."""
    missing = [
        f"{getattr(owner, '__name__', owner)}.{name}"
        for owner, name in places
        if getattr(owner, name, None) is None
    ]
    if missing:
        raise ExtensionError(
            f"{extension}: {', '.join(missing)} is gone; this {package} version is not"
            " supported (pyproject.toml pins the tested range)"
        )
