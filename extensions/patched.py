"""The places in Sphinx and MyST that the speed-up extensions replace, checked first.

``myst_reuse``, ``locale_transform`` and ``search_index`` each replace a few
functions of a library whose tested versions ``pyproject.toml`` pins. When an
upgrade renames or removes one, the build stops at once with a clear message
instead of silently running without the speed-up::

    from patched import require
    require("myst_reuse", "myst-parser", (_base, "make_document"))
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
