"""``make review-due [DAYS=30]``: what is overdue or due for review soon, and what to re-read.

Lists every page, drug-facts block and trial record whose next review date is
before the build date or within *DAYS* days of it, oldest first, each with its
file, its date due and the sources to re-check (a record's ``sources`` links;
for a page or a drug, the links in the page's "Sources" section)::

    PYTHONPATH=extensions python -m review_dates.due --days 30 docs
    PYTHONPATH=extensions python -m review_dates.due --today 2027-06-01 docs

It reads the files themselves (no Sphinx build needed), with the intervals of
``conf.py`` and the same functions as the build (:mod:`review_dates.schedule`).
It is a report: the exit status is 0 even when something is overdue. A file
whose dates cannot be read is listed with the reason, so nothing is skipped
without a word.
"""

from __future__ import annotations

import argparse
import re
import runpy
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from .front_matter import read_review
from .schedule import (
    MAX_MONTHS,
    PAGE_MONTHS,
    TRIAL_MONTHS,
    TRIAL_OPEN_MONTHS,
    build_date,
    drug_due,
    record_due,
)

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
_FENCE = re.compile(r"^(`{3,}|~{3,})\{drug-facts\}[ \t]*$")
# A web address; balanced parentheses inside it are kept, the link's ')' is not.
_URL = re.compile(r"https?://(?:[^\s()<>\[\]]|\([^\s()<>]*\))+")


@dataclass(order=True)
class Item:
    """One thing to re-check: when it is due, what it is, and where to look."""

    due: date
    file: str
    kind: str = "page"  # page | drug | trial
    line: int = 1
    sources: list[str] = field(default_factory=list, compare=False)


def _intervals(conf: Path | None) -> dict[str, int]:
    """The intervals set in *conf* (the project's own ``conf.py``), else the defaults."""
    values: dict[str, object] = {}
    if conf is not None and conf.is_file():
        values = runpy.run_path(str(conf))
    return {
        "page": int(values.get("kb_review_interval_months", PAGE_MONTHS)),
        "max": int(values.get("kb_review_max_months", MAX_MONTHS)),
        "open": int(values.get("kb_trial_review_months_open", TRIAL_OPEN_MONTHS)),
        "other": int(values.get("kb_trial_review_months", TRIAL_MONTHS)),
    }


def page_sources(text: str) -> list[str]:
    """The web addresses in the page's "Sources" section, in order, once each.

    >>> page_sources("# T\\n\\n## Sources\\n\\n- [A](https://a.org/x_(1))\\n\\n## Next\\n")
    ['https://a.org/x_(1)']
    """
    found: list[str] = []
    level = 0
    fence = ""
    for line in text.splitlines():
        if line.startswith(("```", "~~~")):
            fence = "" if fence and line.startswith(fence) else fence or line[:3]
            continue
        heading = _HEADING.match(line) if not fence else None
        if heading:
            depth = len(heading.group(1))
            if level and depth <= level:
                break
            if heading.group(2).strip().casefold() == "sources":
                level = depth
            continue
        if level:
            for url in _URL.findall(line):
                if url not in found:
                    found.append(url)
    return found


def _drug_blocks(text: str) -> list[tuple[int, str]]:
    """``(line of the fence, YAML body)`` of each drug-facts block in a page."""
    lines = text.splitlines()
    blocks = []
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        end = index + 1
        while end < len(lines) and not lines[end].startswith(opening.group(1)):
            end += 1
        blocks.append((index + 1, "\n".join(lines[index + 1 : end])))
        index = end + 1
    return blocks


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def collect(
    docs: Path, today: date, months: dict[str, int], root: Path | None = None
) -> tuple[list[Item], list[str]]:
    """Every dated page, drug and trial record under *docs*, and the problems found."""
    from trial_facts.records import check_drug, load_trial

    root = root or Path.cwd()
    items: list[Item] = []
    problems: list[str] = []
    for path in sorted(docs.rglob("*.md")):
        if any(part.startswith(("_", ".")) for part in path.relative_to(docs).parts):
            continue
        shown = _shown(path, root)
        text = path.read_text(encoding="utf-8")
        sources = page_sources(text)
        review = read_review(
            text, built=today, interval_months=months["page"], max_months=months["max"]
        )
        if review.problems:
            problems += [f"{shown}:{p.line}: {p}" for p in review.problems]
        elif review.next_review:
            items.append(Item(review.next_review, shown, "page", 1, sources))
        for line, body in _drug_blocks(text):
            record = check_drug(body, shown, line)
            if record.problems:
                problems += [f"{p.path}:{p.line}: {p}" for p in record.problems]
                continue
            due = drug_due(record.data, months["page"])
            at = record.line("last_reviewed")
            if due:
                items.append(Item(due, f"{shown}:{at}", "drug", at, sources))
    trials = docs / "_data" / "trials"
    for path in sorted(trials.glob("*.yaml")) if trials.is_dir() else []:
        shown = _shown(path, root)
        record = load_trial(path, shown)
        if record.problems:
            problems += [f"{p.path}:{p.line}: {p}" for p in record.problems]
            continue
        due = record_due(record.data, months["open"], months["other"])
        urls = [s["url"] for s in record.data.get("sources", []) if s.get("url")]
        at = record.line("last_verified")
        if due:
            items.append(Item(due, f"{shown}:{at}", "trial", at, urls))
    return sorted(items), problems


def _safe(text: str) -> str:
    """*text* with control characters written as ``\\x1b``: page text is untrusted,
    and an escape sequence must not reach the editor's terminal."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


def report(items: list[Item], problems: list[str], today: date, days: int) -> str:
    """The text ``make review-due`` prints."""
    horizon = today + timedelta(days=days)
    due = [item for item in items if item.due <= horizon]
    out = [
        f"Review due by {horizon.isoformat()} (build date {today.isoformat()},"
        f" DAYS={days}): {len(due)} of {len(items)} pages and records"
    ]
    for item in due:
        state = "OVERDUE" if item.due < today else "due    "
        out.append(f"{item.due.isoformat()}  {state}  {item.kind:<5}  {item.file}")
        if item.sources:
            out += [f"    re-check: {url}" for url in item.sources]
        else:
            out.append("    re-check: (no sources listed)")
    if problems:
        out.append(f"Dates that could not be read ({len(problems)}):")
        out += [f"    {problem}" for problem in problems]
    return "\n".join(_safe(line) for line in out) + "\n"


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a day; write YYYY-MM-DD, for example 2027-01-31"
        ) from None


def _days(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a number of days; write a whole number, for example 30"
        )
    return int(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="make review-due",
        description="List pages and records overdue or due for review soon.",
    )
    parser.add_argument("docs", nargs="?", default="docs", type=Path)
    parser.add_argument("--days", type=_days, default=30, help="look ahead (30)")
    parser.add_argument(
        "--today", type=_day, default=None, help="the build date (SOURCE_DATE_EPOCH)"
    )
    parser.add_argument("--conf", type=Path, default=Path("conf.py"))
    args = parser.parse_args(argv)
    today = args.today or build_date()
    months = _intervals(args.conf)
    items, problems = collect(args.docs, today, months)
    sys.stdout.write(report(items, problems, today, args.days))
    return 0


if __name__ == "__main__":
    sys.exit(main())
