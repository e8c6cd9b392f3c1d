# A small translated site for the speed-ups' guard tests (tests/test_speedups.py):
# pages with front matter, a section with pages below it, plain and marked-up
# sentences, and their Spanish translations.
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "extensions"))
extensions = ["myst_parser", "speedups", "navigation"]
exclude_patterns = ["_build", "locales"]
html_theme = "sphinx_book_theme"
nitpicky = True
locale_dirs = ["locales/"]
gettext_compact = False
# Words the editions extension knows how to translate (editions/interface.py).
project = html_title = "ALS/MND Knowledge Base"
author = copyright = "The ALS/MND knowledge base volunteers"
