"""When a page or a record is due for review, and what "today" is for a build.

The intervals are declared once, here, as Sphinx configuration; every part that
shows or checks a review date (the line under each title, the drug fact box, the
trial overviews, ``make review-due``) uses these functions with them::

    >>> from datetime import date
    >>> record_due({"status": "recruiting", "last_verified": "2026-11-26"})
    datetime.date(2027, 5, 26)
    >>> record_due({"status": "completed", "last_verified": "2026-11-26"})
    datetime.date(2027, 11, 26)
    >>> page_due(date(2026, 11, 26), None)
    datetime.date(2027, 11, 26)

``conf.py`` may change the intervals (these are the defaults)::

    kb_review_interval_months = 12        # pages and drug-facts blocks
    kb_trial_review_months_open = 6       # trials recruiting or still running
    kb_trial_review_months = 12           # every other trial

The build date is :func:`build_date`: ``SOURCE_DATE_EPOCH`` when set (so a
build can be reproduced, and tests can build "in the future"), today otherwise.
Nothing but :func:`setup` knows about Sphinx.
"""

from __future__ import annotations

import calendar
import os
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

#: Default intervals, in months (the configuration values' defaults).
PAGE_MONTHS = 12
MAX_MONTHS = 24
TRIAL_OPEN_MONTHS = 6
TRIAL_MONTHS = 12
#: Trials whose facts change fastest: still recruiting or still running.
OPEN_STATUSES = frozenset(
    {
        "recruiting",
        "not-yet-recruiting",
        "enrolling-by-invitation",
        "active-not-recruiting",
    }
)


def epoch_problem() -> str | None:
    """Why ``SOURCE_DATE_EPOCH`` cannot be read, or ``None`` when it is fine or unset."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    try:
        datetime.fromtimestamp(int(epoch), tz=UTC)
    except (ValueError, OverflowError, OSError):
        return (
            f"SOURCE_DATE_EPOCH {epoch!r} is not a number of seconds since"
            " 1970-01-01; the build date for review dates is today instead"
        )
    return None


def build_date() -> date:
    """``SOURCE_DATE_EPOCH`` as a UTC day when set (reproducible builds), else today."""
    if epoch_problem() is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        if epoch:
            return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


def add_months(day: date, months: int) -> date:
    """*day* moved *months* later; the last day of the month when it is shorter.

    >>> add_months(date(2028, 2, 29), 12), add_months(date(2026, 8, 31), 6)
    (datetime.date(2029, 2, 28), datetime.date(2027, 2, 28))
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if year > date.max.year:
        return date.max
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _day(value: object) -> date | None:
    """A ``YYYY-MM-DD`` value as a date (``None`` for anything else: checked elsewhere)."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def page_due(last: date, given: date | None, months: int = PAGE_MONTHS) -> date:
    """A page's next review: the date it gives, or *months* after *last*."""
    return given or add_months(last, months)


def drug_due(data: Mapping[str, Any], months: int = PAGE_MONTHS) -> date | None:
    """A drug-facts block's next review: ``next_review``, or *months* after ``last_reviewed``."""
    last = _day(data.get("last_reviewed"))
    return page_due(last, _day(data.get("next_review")), months) if last else None


def record_months(
    data: Mapping[str, Any],
    open_months: int = TRIAL_OPEN_MONTHS,
    months: int = TRIAL_MONTHS,
) -> int:
    """How long a trial record's facts hold: shorter while the trial runs."""
    return open_months if data.get("status") in OPEN_STATUSES else months


def record_due(
    data: Mapping[str, Any],
    open_months: int = TRIAL_OPEN_MONTHS,
    months: int = TRIAL_MONTHS,
) -> date | None:
    """A trial record's next review: ``next_review``, or an interval after ``last_verified``."""
    last = _day(data.get("last_verified"))
    if last is None:
        return None
    return page_due(
        last, _day(data.get("next_review")), record_months(data, open_months, months)
    )


def intervals(config: object) -> dict[str, int]:
    """The configured intervals, by name, from a Sphinx config (or any object)."""
    return {
        "page": getattr(config, "kb_review_interval_months", PAGE_MONTHS),
        "open": getattr(config, "kb_trial_review_months_open", TRIAL_OPEN_MONTHS),
        "other": getattr(config, "kb_trial_review_months", TRIAL_MONTHS),
    }


def setup(app: Any) -> dict[str, object]:
    """Declare the intervals once (trial_facts and review_dates both load this)."""
    app.add_config_value(
        "kb_review_interval_months",
        PAGE_MONTHS,
        "env",
        types=[int],
        description="months until a page or drug-facts block is due for review",
    )
    app.add_config_value(
        "kb_review_max_months",
        MAX_MONTHS,
        "env",
        types=[int],
        description="the latest next_review a page may give, in months",
    )
    app.add_config_value(
        "kb_trial_review_months_open",
        TRIAL_OPEN_MONTHS,
        "env",
        types=[int],
        description="months until a recruiting or running trial's record is due",
    )
    app.add_config_value(
        "kb_trial_review_months",
        TRIAL_MONTHS,
        "env",
        types=[int],
        description="months until any other trial's record is due for review",
    )
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True}
