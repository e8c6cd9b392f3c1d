"""editions: the translated editions of the knowledge base, side by side.

Add it to ``conf.py`` (with ``extensions/`` on ``sys.path``) and list the editions,
the source language first::

    extensions = [..., "editions"]
    kb_editions = {"en": "English", "es": "Español", "fr": "Français", "ja": "日本語"}
    html_theme_options = {"article_header_end": ["language-switcher.html", ...]}

It gives every page a language switcher (:mod:`switcher`), a notice on
translated pages (:mod:`notice`), the frame's words in each language
(:mod:`interface`) and the ``translation-progress`` directive (:mod:`progress`).
Translators' tools live here too: ``python -m editions.po_check`` and
``python -m editions.po_stats`` (``make po-check``, ``make po-stats``).
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from .direction import setup_direction
from .frame_words import setup_frame_words
from .interface import setup_interface
from .notice import setup_notice
from .progress import setup_progress
from .switcher import setup_switcher

__version__ = "0.1.0"
_STATIC = Path(__file__).parent / "static"


def _add_assets(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.config.html_static_path = [*app.config.html_static_path, str(_STATIC)]
        app.add_css_file("editions.css")


def setup(app: Sphinx) -> dict[str, object]:
    app.add_config_value("kb_editions", {"en": "English"}, "html", types=[dict])
    # The editions the site will hold after publishing (the Makefile sets it).
    app.add_config_value("kb_published_editions", [], "html", types=[list])
    # Hosted editions: edition -> https:// address of its site (conf.py fills it
    # from the environment, extensions/hosting.py); empty means relative links.
    app.add_config_value("kb_edition_urls", {}, "html", types=[dict])
    app.add_config_value("kb_source_language", "en", "env", types=[str])
    # A folder the editions of one site share for what each would otherwise
    # compute alike (stats_store.py); relative to conf.py. Empty: nothing shared.
    app.add_config_value("kb_shared_cache_dir", "", "", types=[str])
    app.setup_extension("catalog_guard")  # every catalog checked before use
    app.connect("builder-inited", _add_assets)
    setup_direction(app)  # <html dir>, kb-rtl.css in right-to-left editions
    setup_interface(app)
    setup_frame_words(app)
    setup_switcher(app)
    setup_notice(app)
    setup_progress(app)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
