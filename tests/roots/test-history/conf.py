import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "extensions"))
extensions = ["myst_parser", "trial_facts"]
exclude_patterns = ["_build", "_data", "locales"]
nitpicky = True
project = "History test"
author = "Test volunteers"
locale_dirs = ["locales/"]
gettext_compact = "kb"
