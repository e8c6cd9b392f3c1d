from pathlib import Path

import trial_facts  # on sys.path: tests/conftest.py adds extensions/

# Sphinx's test fixtures build a copy of this folder: find the repository
# from the extension, not from this file.
REPO = Path(trial_facts.__file__).resolve().parents[2]
extensions = ["myst_parser", "trial_facts"]
exclude_patterns = ["_build", "_data"]
nitpicky = True
# The project's own catalogs: the eligibility labels as translators wrote them.
locale_dirs = [str(REPO / "locales")]
gettext_compact = "kb"
