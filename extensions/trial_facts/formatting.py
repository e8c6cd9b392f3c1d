"""Dates and numbers written the way each language writes them (Babel).

>>> from trial_facts.formatting import partial_date, number
>>> partial_date("2023-04", "en"), partial_date("2023-04", "es")
('April 2023', 'abril de 2023')
>>> number(1200, "fr")
'1\u202f200'
>>> join(["Japan", "Canada", "China"], "en"), join(["日本", "中国"], "ja")
('Japan, Canada, and China', '日本、中国')
"""

from __future__ import annotations

from datetime import date
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent


@cache
def _locale(language: str | None) -> Locale:
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


def partial_date(value: str, language: str | None) -> str:
    """Format ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` for *language*."""
    locale = _locale(language)
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return format_skeleton("y", date(parts[0], 1, 1), locale=locale)
    if len(parts) == 2:
        return format_skeleton("yMMMM", date(parts[0], parts[1], 1), locale=locale)
    return format_date(date(*parts), format="long", locale=locale)


def number(value: int, language: str | None) -> str:
    """Format a whole number for *language* (thousands separators and digits)."""
    return format_decimal(value, locale=_locale(language))


def percent(value: int, language: str | None) -> str:
    """Write *value* per cent for *language* ("60%", "60 %", "60 %")."""
    return format_percent(value / 100, locale=_locale(language))


@cache
def territory_names(language: str | None) -> dict[str, str]:
    """Country names by ISO 3166-1 code, in *language* (Babel's CLDR data)."""
    return dict(_locale(language).territories)


def join(items: list[str], language: str | None) -> str:
    """Join *items* as *language* writes a list ("A, B, and C"; "A、B、C")."""
    return format_list(items, locale=_locale(language)) if items else ""


def separator(language: str | None) -> str:
    """The separator between two items of a list in *language* (", " or "、")."""
    pattern = format_list(["\x00", "\x01", "\x02"], locale=_locale(language))
    return pattern.split("\x00", 1)[1].split("\x01", 1)[0]
