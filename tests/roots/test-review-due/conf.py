# extensions/ is on sys.path: tests/conftest.py puts it there (by hand:
# PYTHONPATH=extensions sphinx-build tests/roots/test-review-due out).
# tests/test_review_due.py copies the es catalogs into locales/ for -D language=es.
extensions = ["myst_parser", "trial_facts", "review_dates"]
exclude_patterns = ["_build", "_data", "locales"]
locale_dirs = ["locales"]
nitpicky = True
# Words the editions extension translates in the page frame (editions.po).
project = html_title = "ALS/MND Knowledge Base"
author = "The ALS/MND knowledge base volunteers"
