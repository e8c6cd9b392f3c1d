# extensions/ is on sys.path: tests/conftest.py puts it there (by hand:
# PYTHONPATH=extensions sphinx-build tests/roots/test-review-dates out).
extensions = ["myst_parser", "review_dates"]
exclude_patterns = ["_build"]
nitpicky = True
