"""Every configured string that reaches a template is escaped before it gets there.

Sphinx's templates are not autoescaped, and pydata-sphinx-theme 0.20 prints some
values as they are: ``logo.text`` (``navbar-logo.html``, also as the logo's
``alt``), ``search_bar_text`` (``search-field.html``, inside the ``placeholder``
and ``aria-label`` attributes) and ``html_title`` (the ``alt`` of the logo and
the ``<title>`` of ``search.html``). In translated editions these come from
``editions.po`` (``extensions/editions/interface.py``), so one catalog entry
could put a script on every page.

Each value is replaced by ``markupsafe.escape(value)``: a ``Markup`` string
that prints escaped where a template prints it raw, and that Jinja's ``|e``
leaves alone where a template escapes it (Sphinx's ``<title>``, the footer's
copyright), so nothing is escaped twice::

    html_title = "A <b>"   # conf.py or editions.po -> <title>… — A &lt;b&gt;</title>

It runs after ``editions`` has put the translations in the configuration.
"""

from __future__ import annotations

from typing import Any

from markupsafe import escape
from sphinx.application import Sphinx

# Theme options printed by a template (pydata-sphinx-theme 0.20 and
# sphinx-book-theme 1.4); for dictionaries, the keys that hold text.
TEXT_OPTIONS = ("search_bar_text",)
TEXT_IN_DICT_OPTIONS = {"logo": ("text", "alt_text")}
# Configuration values that templates print.
TEXT_CONFIG = ("html_title", "html_short_title", "copyright", "project")


def escaped(value: Any) -> Any:
    """*value* escaped for HTML, or each item of a list or tuple of strings.

    >>> str(escaped('"><script>x</script>'))
    '&#34;&gt;&lt;script&gt;x&lt;/script&gt;'
    >>> escaped(escaped("a & b")) == escaped("a & b")   # never escaped twice
    True
    """
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, (list, tuple)):
        return type(value)(escaped(item) for item in value)
    return value


def _escape_frame(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    config = app.config
    for name in TEXT_CONFIG:
        if isinstance(getattr(config, name, None), (str, list, tuple)):
            setattr(config, name, escaped(getattr(config, name)))
    options = config.html_theme_options
    for name in TEXT_OPTIONS:
        if name in options:
            options[name] = escaped(options[name])
    for name, keys in TEXT_IN_DICT_OPTIONS.items():
        if isinstance(options.get(name), dict):
            options[name] = {
                key: escaped(value) if key in keys else value
                for key, value in options[name].items()
            }


def setup_theme(app: Sphinx) -> None:
    # After editions' translation of the frame (builder-inited, priority 100).
    app.connect("builder-inited", _escape_frame, priority=900)
