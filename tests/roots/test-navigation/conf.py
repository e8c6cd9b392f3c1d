# The tests copy this site to a temporary folder and build it with extensions/
# on PYTHONPATH (tests/test_navigation_store.py).
extensions = ["myst_parser", "editions", "navigation", "speedups"]
exclude_patterns = ["_build"]
html_theme = "sphinx_book_theme"
nitpicky = True
