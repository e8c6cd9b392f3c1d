# extensions/ is on sys.path: tests/conftest.py puts it there.
extensions = ["myst_parser", "front_matter", "review_dates"]
exclude_patterns = ["_build"]
nitpicky = True
