"""Record the medical review of a catalog, or mark catalogs not reviewed.

Usage (the Makefile's ``po-review`` and ``po-unreviewed``)::

    PYTHONPATH=extensions python -m editions.po_review locales es care/index "Ana García"
    PYTHONPATH=extensions python -m editions.po_review --date 2026-12-01 \\
        locales es care/index "Ana García"
    PYTHONPATH=extensions python -m editions.po_review --none locales es fr ja

The first records that a fluent reader with medical knowledge reviewed one
page's catalog (today, or ``--date``) in its ``X-Medical-Review`` header field;
the last marks every catalog of those languages as not reviewed
(:mod:`editions.review`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from .review import ReviewError, mark_unreviewed, record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--none", action="store_true", help="mark all unreviewed")
    parser.add_argument("--date", help="the day of the review, YYYY-MM-DD (today)")
    parser.add_argument("locales", type=Path)
    parser.add_argument("args", nargs="+", help="LANG PAGE NAME, or with --none LANGS")
    args = parser.parse_args(argv)
    try:
        if args.none:
            changed = mark_unreviewed(args.locales, args.args)
            print(f"po-review: {changed} catalogs marked not reviewed")
            return 0
        if len(args.args) != 3 or not all(a.strip() for a in args.args):
            raise ReviewError(
                "give a language, a page and a name: make po-review LANG=es"
                ' PAGE=care/index NAME="Ana García"'
            )
        language, page, name = args.args
        try:
            date = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
        except ValueError:
            raise ReviewError(
                f"DATE is {args.date!r}: write the day as YYYY-MM-DD"
            ) from None
        path = record(args.locales, language, page, name, date)
        print(f"po-review: {path}: reviewed on {date.isoformat()} by {name.strip()}")
    except ReviewError as error:
        print(f"po-review: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
