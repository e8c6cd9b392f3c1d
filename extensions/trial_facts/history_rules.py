"""The rules of a ``history:`` list that its JSON Schema cannot express.

A record's history is a list of dated events, oldest first. The schema checks
each event's shape (date written ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, a known
kind, one sentence, a source with an http(s) address); this module checks what
spans events or needs the calendar::

    >>> record = parse('history:\\n  - {date: "2030-01", kind: results, ...}', "x.yaml")
    >>> check_history(record)
    >>> record.problems[0].message
    "'2030-01' is in the future; an event is recorded once it has happened ..."

- every date is on the calendar (no 31 April);
- no date is after the build's date (``SOURCE_DATE_EPOCH`` or today, with a
  day of slack for time zones): a history records what happened, and plans
  belong in the page's prose;
- events are oldest first. Dates of different precision compare on what both
  say: ``2024`` and ``2024-03`` may come in either order, ``2024-05`` may not
  come before ``2024-03-10``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .records import Record


def before(later: str, earlier: str) -> bool:
    """Whether *later* is strictly before *earlier*, on what both dates say.

    >>> before("2024-05", "2024-03-10"), before("2024", "2024-03")
    (False, False)
    >>> before("2024-02", "2024-03-10")
    True
    """
    size = min(len(later), len(earlier))
    return later[:size] < earlier[:size]


def check_history(record: Record) -> None:
    """Add a located problem for each event that breaks a rule above."""
    from .records import build_date, date_problem  # records imports this module

    events = record.data.get("history")
    if not isinstance(events, list):
        return
    latest = (build_date() + dt.timedelta(days=1)).isoformat()
    previous: tuple[int, str] | None = None
    for index, event in enumerate(events):
        if not isinstance(event, dict) or not isinstance(event.get("date"), str):
            continue
        value = event["date"]
        problem = date_problem(value)
        if problem:
            record.problem(problem, "history", index, "date")
            continue
        if len(value) not in (4, 7, 10) or not value[:4].isdigit():
            continue  # the schema reports the shape
        if before(latest, value):
            record.problem(
                f"{value!r} is in the future; an event is recorded once it has "
                f"happened, so its date is at the latest {latest} (the build's "
                "date, from SOURCE_DATE_EPOCH or today). Write plans in the "
                "page's text instead",
                "history",
                index,
                "date",
            )
        if previous is not None and before(value, previous[1]):
            record.problem(
                f"{value!r} comes after history[{previous[0]}] dated "
                f"{previous[1]!r}; list the events oldest first",
                "history",
                index,
                "date",
            )
        previous = (index, value)
