"""What a cited document is and its date, in the reader's language.

A source's ``note`` (``press-release``, ``copy``...) and ``date`` are fields,
never words inside its title, so that readers see them in their language::

    >>> source_note({"note": "press-release", "date": "2021-08-02"}, "en")
    'press release, 2 August 2021'
    >>> source_note({"date": "2007-10"}, "en"), source_note({}, "en")
    ('October 2007', '')

The trial tables (:mod:`trial_table`), the drug timelines (:mod:`history`) and
the feeds (:mod:`feeds`) write it in brackets after the title.
"""

from __future__ import annotations

from typing import Any

from . import vocab
from .formatting import partial_date


def source_note(source: dict[str, Any], language: str | None) -> str:
    """``"press release, 2 August 2021"`` for *source*, or ``""`` for neither field."""
    date = partial_date(source["date"], language) if source.get("date") else ""
    note = source.get("note")
    if note and date:
        return vocab.label(vocab.SOURCE_NOTE_DATED, note).format(date=date)
    return vocab.label(vocab.SOURCE_NOTE, note) if note else date
