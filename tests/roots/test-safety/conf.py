"""A small project laid out like the real one (conf.py above docs/ and locales/),
with the project's MyST settings and the safety extension: tests/test_hostile_markup.py
writes a hostile page, record or catalog into a copy of it and builds it."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "extensions"))
extensions = ["myst_parser", "trial_facts", "safety"]
exclude_patterns = ["_build", "_data"]
nitpicky = True
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "attrs_inline"]
myst_disable_syntax = ["html_block", "html_inline"]
myst_heading_anchors = 0
locale_dirs = ["../locales/"]
gettext_compact = False
gettext_additional_targets = ["image"]
html_theme = "basic"


def _no_raw_html(app) -> None:
    app.env.settings["raw_enabled"] = False


def setup(app):
    app.connect("builder-inited", _no_raw_html)
