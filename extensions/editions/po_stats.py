"""Print how much of each edition is translated, per language and per page.

Usage (``make po-stats`` runs it on ``locales/``)::

    PYTHONPATH=extensions python -m editions.po_stats locales [--language es]

Each line gives a catalog's translated messages, its total, the share, whether
a medical translator reviewed it (``reviewed 2026-12-01 Name`` or ``NOT
REVIEWED``, from its ``X-Medical-Review`` header, see ``editions/review.py``) and
whether its English changed after it was translated (``OUTDATED: n fuzzy``: the
changed parts are shown in English, because fuzzy entries are never shown).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .stats import edition_stats, languages


def _percent(done: int, total: int) -> str:
    return f"{100 * done / total:5.1f} %" if total else "  -   "


def report(locales: Path, only: list[str] | None = None) -> str:
    """The report as text, one block per language."""
    lines = []
    for language in only or languages(locales):
        stats = edition_stats(locales, language)
        done = sum(s.translated for s in stats)
        total = sum(s.total for s in stats)
        fuzzy = sum(s.fuzzy for s in stats)
        complete = sum(1 for s in stats if s.translated == s.total)
        reviewed = sum(1 for s in stats if s.review)
        outdated = sum(1 for s in stats if s.outdated)
        lines.append(
            f"{language}: {done}/{total} messages translated ({_percent(done, total).strip()}),"
            f" {complete}/{len(stats)} catalogs complete,"
            f" {reviewed}/{len(stats)} reviewed by a medical translator,"
            f" {outdated} outdated, {fuzzy} fuzzy to review"
        )
        width = max((len(s.name) for s in stats), default=10)
        for s in stats:
            note = (
                f"  reviewed {s.review.date.isoformat()} {s.review.name}"
                if s.review
                else "  NOT REVIEWED"
            )
            note += f"  OUTDATED: {s.fuzzy} fuzzy" if s.fuzzy else ""
            note += (
                f"  REVIEW FIELD UNREADABLE: {s.review_problem}"
                if s.review_problem
                else ""
            )
            note += f"  NOT USED: {s.broken}" if s.broken else ""
            lines.append(
                f"  {s.name:<{width}}  {s.translated:>4}/{s.total:<4} "
                f"{_percent(s.translated, s.total)}{note}"
            )
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("locales", type=Path, help="the locales/ folder")
    parser.add_argument("--language", action="append", help="only this language")
    args = parser.parse_args(argv)
    print(report(args.locales, args.language), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
