"""No template engine runs on contributor text: MyST substitutions stay off.

MyST's ``substitution`` extension renders ``{{ … }}`` with a Jinja2 environment
that is not sandboxed and holds the Sphinx environment: text in a page, in a
``msgstr`` or in a trial record's translation could run Python, and so shell
commands, at build time (measured on this site: ``{{ 7*7 }}`` rendered ``49``).
Substitutions were also never translatable (sphinx-doc/sphinx#4293). With the
extension off, ``{{ 7*7 }}`` is plain text everywhere.

If ``conf.py`` turns the extension back on or defines substitutions, this
module warns (which fails the strict build) and takes them out again before
MyST reads its configuration, so no page is ever rendered with them::

    myst_enable_extensions = ["colon_fence", "substitution"]   # conf.py
    # -> conf.py: WARNING: MyST's 'substitution' extension is not allowed ...
    #    [safety.template]

A page or a translation cannot turn it on either: ``markdown.py`` refuses MyST
settings in front matter.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

# Extensions of MyST that evaluate or load something: substitution runs Jinja2;
# dollarmath and amsmath make Sphinx load MathJax from a CDN.
REFUSED_MYST_EXTENSIONS = {
    "substitution": "it renders {{ ... }} with an unsandboxed Jinja2 template engine,"
    " so page or translation text could run code at build time",
    "dollarmath": "math makes every page that has it load MathJax from another host",
    "amsmath": "math makes every page that has it load MathJax from another host",
}


_logger = logging.getLogger("safety")


def _warn(app: Sphinx, message: str, setting: str) -> None:
    """Warn at the line of conf.py that names *setting* (or its first line)."""
    conf = Path(app.confdir, "conf.py")
    line = 1
    try:
        for number, text in enumerate(conf.read_text(encoding="utf-8").splitlines(), 1):
            if setting in text:
                line = number
                break
    except OSError:
        pass
    _logger.warning(
        message, location=f"{conf}:{line}", type="safety", subtype="template"
    )


def _check(app: Sphinx, config: Any) -> None:
    """Warn about, and take out, what would evaluate or load something."""
    enabled = list(getattr(config, "myst_enable_extensions", None) or ())
    refused = [name for name in enabled if name in REFUSED_MYST_EXTENSIONS]
    for name in refused:
        _warn(
            app,
            f"MyST's {name!r} extension is not allowed in myst_enable_extensions"
            f" ({REFUSED_MYST_EXTENSIONS[name]}). Remove it from conf.py; pass values"
            " to pages another way (a directive of an extension, or plain text).",
            f'"{name}"',
        )
    if refused:
        config.myst_enable_extensions = [n for n in enabled if n not in refused]
    if getattr(config, "myst_substitutions", None):
        _warn(
            app,
            "myst_substitutions is set, but substitutions are not allowed (they need"
            " MyST's unsandboxed template engine). Remove it from conf.py.",
            "myst_substitutions",
        )
        config.myst_substitutions = {}


def setup_templates(app: Sphinx) -> None:
    # Early, before MyST turns its configuration into a parser configuration.
    app.connect("config-inited", _check, priority=100)
