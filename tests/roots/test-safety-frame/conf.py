"""The page frame of the real site (sphinx-book-theme, the editions extension,
the same conf.py strings), for tests/test_hostile_markup.py: a hostile
editions.po must not put markup into the title, logo, search box or footer."""

project = "ALS/MND Knowledge Base"
author = "The ALS/MND knowledge base volunteers"
copyright = f"2026, {author}"
extensions = ["myst_parser", "sphinx_book_theme", "editions", "safety"]
exclude_patterns = ["_build"]
nitpicky = True
locale_dirs = ["../locales/"]
gettext_compact = False
kb_editions = {"en": "English", "es": "Español"}
html_theme = "sphinx_book_theme"
html_title = "ALS/MND Knowledge Base"
html_theme_options = {
    "logo": {"text": "ALS/MND Knowledge Base"},
    "search_bar_text": "Search the knowledge base",
    "article_header_end": ["language-switcher.html"],
}
