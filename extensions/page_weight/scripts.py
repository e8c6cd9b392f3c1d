"""Sphinx's scripts deferred, so none blocks the first paint.

Sphinx writes ``documentation_options.js``, ``doctools.js``,
``sphinx_highlight.js`` and the theme's scripts as plain ``<script src>`` tags
in ``<head>``: the browser stops drawing until each has arrived. Here each file
gets ``defer``, and each inline script that only sets a
``DOCUMENTATION_OPTIONS`` value (pydata-sphinx-theme adds two) becomes
``type="module"``, which is deferred too, so everything still runs in the order
written, after ``documentation_options.js``. A page with any other inline
script keeps its scripts as they were::

    context["script_files"] = deferred(context["script_files"])
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

_OPTION_ONLY = re.compile(r"(\s*DOCUMENTATION_OPTIONS\.\w+\s*=\s*[^;]*;\s*)+")
_ALREADY = ("defer", "async", "type")


def _rebuilt(js: Any, **extra: str) -> Any:
    return type(js)(js.filename, priority=js.priority, **{**js.attributes, **extra})


def deferred(scripts: Sequence[Any]) -> list[Any]:
    """*scripts* (Sphinx's script entries) deferred, or unchanged if one cannot be."""
    result = []
    for js in scripts:
        if not hasattr(js, "attributes") or not hasattr(js, "filename"):
            return list(scripts)  # old-style string entries: leave the page alone
        if any(key in js.attributes for key in _ALREADY):
            result.append(js)
        elif js.filename:
            result.append(_rebuilt(js, defer="defer"))
        elif _OPTION_ONLY.fullmatch(js.attributes.get("body", "")):
            result.append(_rebuilt(js, type="module"))
        else:
            return list(scripts)
    return result
