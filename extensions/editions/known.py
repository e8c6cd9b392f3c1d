"""The editions of the knowledge base, declared once.

``conf.py`` (``kb_editions``), the publisher, the Read the Docs settings and
the tests all read this mapping; the Makefile's ``EDITIONS`` must list the
same codes in the same order (``tests/test_editions_known.py`` checks it)::

    >>> from editions.known import EDITIONS, is_right_to_left
    >>> list(EDITIONS)[:2], EDITIONS["pt_BR"]
    (['en', 'es'], 'Português (Brasil)')
    >>> is_right_to_left("ar"), is_right_to_left("pt_BR")
    (True, False)

Each edition is named in its own language. The source language comes first.
Codes are Sphinx's (``pt_BR``); the page's ``lang`` attribute is the BCP 47
form (``pt-BR``).
"""

from __future__ import annotations

EDITIONS: dict[str, str] = {
    "en": "English",
    "es": "Español",
    "fr": "Français",
    "ja": "日本語",
    "ar": "العربية",
    "pt_BR": "Português (Brasil)",
}

# The name on the switcher's button where the full name is too wide for a
# 375 px phone's top bar ("Português (Brasil)" pushed the page 86 px sideways);
# the menu's list keeps the full names.
SHORT_NAMES: dict[str, str] = {"pt_BR": "Português"}

# Scripts written right to left, by the language part of the code.
_RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur"})


def is_right_to_left(language: str) -> bool:
    """Whether *language* (``ar``, ``ar_EG``, ``ar-EG``) is written right to left."""
    return language.replace("-", "_").split("_")[0].lower() in _RIGHT_TO_LEFT


def bcp47(language: str) -> str:
    """The ``lang`` attribute's form of a Sphinx code: ``pt_BR`` -> ``pt-BR``.

    >>> bcp47("pt_BR"), bcp47("ar")
    ('pt-BR', 'ar')
    """
    return language.replace("_", "-")
