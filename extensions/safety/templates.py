"""No template engine runs on contributor text: MyST substitutions stay off.

MyST's ``substitution`` extension renders ``{{ … }}`` with a Jinja2 environment
that is not sandboxed and holds the Sphinx environment: text in a page, in a
``msgstr`` or in a trial record's translation could run Python, and so shell
commands, at build time (measured on this site: ``{{ 7*7 }}`` rendered ``49``).
Substitutions were also never translatable (sphinx-doc/sphinx#4293). With the
extension off, ``{{ 7*7 }}`` is plain text everywhere.

This module stops the build, before any page is read, if ``conf.py`` (or
``-D``) turns the extension back on or defines substitutions::

    myst_enable_extensions = ["colon_fence", "substitution"]   # conf.py
    # -> Configuration error: safety: MyST's 'substitution' extension ...

A page or a translation cannot turn it on either: ``markdown.py`` refuses MyST
settings in front matter.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ConfigError

# Extensions of MyST that evaluate or load something: substitution runs Jinja2;
# dollarmath and amsmath make Sphinx load MathJax from a CDN.
REFUSED_MYST_EXTENSIONS = {
    "substitution": "it renders {{ ... }} with an unsandboxed Jinja2 template engine,"
    " so page or translation text could run code at build time",
    "dollarmath": "math makes every page that has it load MathJax from another host",
    "amsmath": "math makes every page that has it load MathJax from another host",
}


def _check(app: Sphinx, config: Any) -> None:
    enabled = set(getattr(config, "myst_enable_extensions", None) or ())
    for name in sorted(enabled & REFUSED_MYST_EXTENSIONS.keys()):
        raise ConfigError(
            f"safety: MyST's {name!r} extension is not allowed in myst_enable_extensions"
            f" ({REFUSED_MYST_EXTENSIONS[name]}). Remove it from conf.py; pass values"
            " to pages another way (a directive of an extension, or plain text)."
        )
    if getattr(config, "myst_substitutions", None):
        raise ConfigError(
            "safety: myst_substitutions is set in conf.py, but substitutions are not"
            " allowed (they need MyST's unsandboxed template engine). Remove it."
        )


def setup_templates(app: Sphinx) -> None:
    # Early, before MyST turns its configuration into a parser configuration.
    app.connect("config-inited", _check, priority=100)
