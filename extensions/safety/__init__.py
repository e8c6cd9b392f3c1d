"""safety: contributor text can never run code, read files or make active markup.

Pages, trial records and translations are written by volunteers and are
untrusted (SECURITY.md). This extension, one module per concern, makes the
strict build refuse what could harm the site or its readers, with a located
warning that names the file and line, what is wrong, the bad value and what is
allowed (:mod:`safety.warnings_`)::

    extensions = ["myst_parser", ..., "safety"]   # conf.py, after myst_parser

- :mod:`safety.templates`  no MyST substitutions (an unsandboxed Jinja2 engine)
- :mod:`safety.markdown`   no MyST settings in front matter, no ``{eval-rst}``
- :mod:`safety.theme`      every configured string escaped before a template
- :mod:`safety.paths`      every file confined to ``docs/``; nothing fetched
- :mod:`safety.schemes`    allowed URL schemes for links; local images only;
                           no raw HTML or ``<meta>`` nodes
- :mod:`safety.hidden`     no invisible direction or width characters (U+202E ...)
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .hidden import setup_hidden
from .markdown import setup_markdown
from .paths import setup_paths
from .schemes import setup_schemes
from .templates import setup_templates
from .theme import setup_theme

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, object]:
    app.setup_extension("myst_parser")
    setup_templates(app)
    setup_markdown(app)
    setup_theme(app)
    setup_schemes(app)
    setup_paths(app)
    setup_hidden(app)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
