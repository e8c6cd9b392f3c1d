"""A page's review dates, read from its front matter and checked.

Nothing here knows about Sphinx, so it is easy to test::

    >>> from datetime import date
    >>> text = "---\\nlast_reviewed: 2026-11-26\\n---\\n\\n# Respiratory care\\n"
    >>> review = read_review(text, built=date(2026, 12, 5))
    >>> review.last_reviewed, review.next_review, review.problems
    (datetime.date(2026, 11, 26), datetime.date(2027, 11, 26), [])

The front matter is read again here (MyST reads it too) because MyST keeps
neither the line of each key nor the value as written, and says only
"Malformed YAML" when a date such as ``2023-02-30`` cannot be made. Every
:class:`Problem` names the line, the field, the bad value and what is allowed.
"""

from __future__ import annotations

import calendar
import difflib
import re
from dataclasses import dataclass, field
from datetime import date

import yaml

from .schedule import add_months

LAST = "last_reviewed"
NEXT = "next_review"
# Optional: who checked the page's medical content, and when (CONTRIBUTING.md).
MEDICAL = "medical_reviewer"
_MEDICAL_HOW = (
    f"write it as '{MEDICAL}: {{name: Dr Ana Pérez, date: 2026-11-26}}', the"
    " reviewer's name and the day they checked the page"
)
_MAX_NAME = 120
# How a date is written: the day, as on the pages' own examples.
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_HOW = "write the day as YYYY-MM-DD, for example 2026-11-26"
# Front matter as MyST (markdown-it) finds it: '---' on the first line and the next.
_OPENING = re.compile(r"---[ \t]*(\r?\n|$)")
_BLOCK = re.compile(r"---[ \t]*\r?\n(.*?\r?\n)??---[ \t]*(\r?\n|$)", re.S)
# libyaml when PyYAML was built with it (ten times faster); the same nodes.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML_TYPES = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "yes/no (a boolean)",
}


@dataclass
class Problem:
    """One thing wrong with a page's review dates, at a line of the page."""

    line: int
    field: str
    message: str
    kind: str = "date"  # date | missing | field | yaml: the warning subtype
    # Any front matter can have it (YAML syntax, a key given twice, a day not on
    # the calendar): the project's front_matter extension reports it too.
    generic: bool = False

    def __str__(self) -> str:
        if not self.field:
            return self.message
        joint = " " if self.message.startswith("is ") else ": "
        return f"field '{self.field}'{joint}{self.message}"


@dataclass
class Review:
    """The dates a page shows; both ``None`` when the page has a problem."""

    last_reviewed: date | None = None
    next_review: date | None = None
    problems: list[Problem] = field(default_factory=list)
    # (name, day) of the medical reviewer, when the page gives one.
    medical_reviewer: tuple[str, date] | None = None


def _front_matter(text: str) -> tuple[str, int] | Problem | None:
    """The YAML between the opening and closing ``---`` and the line it starts on."""
    if not _OPENING.match(text):
        return None
    block = _BLOCK.match(text)
    if block is None:
        return Problem(
            1,
            "",
            "the front matter that starts on line 1 has no closing '---' line; end"
            " it with a line '---' before the title",
            "yaml",
        )
    return block.group(1) or "", 2


def _shown(node: yaml.Node, source: str) -> str:
    """The value as the contributor wrote it, for messages."""
    if isinstance(node, yaml.ScalarNode):
        return repr(node.value)
    return repr(source[node.start_mark.index : node.end_mark.index].strip())


def _day(node: yaml.Node, name: str, line: int, source: str) -> date | Problem:
    """The date in *node* (read from the YAML *source*), or the problem with it."""
    if isinstance(node, yaml.SequenceNode):
        return Problem(line, name, f"{_shown(node, source)} is a list; {_HOW}")
    if isinstance(node, yaml.MappingNode):
        return Problem(line, name, f"{_shown(node, source)} is not a date; {_HOW}")
    if node.tag == "tag:yaml.org,2002:null":
        return Problem(line, name, f"is empty; {_HOW}")
    value = node.value.strip()
    if node.tag in _YAML_TYPES:
        return Problem(
            line, name, f"{value!r} is {_YAML_TYPES[node.tag]}, not a date; {_HOW}"
        )
    match = _ISO_DAY.fullmatch(value)
    if match is None:
        if _ISO_DAY.match(value):
            return Problem(
                line, name, f"{value!r} has a time or more after the day; {_HOW}"
            )
        return Problem(line, name, f"{value!r} is not a date; {_HOW}")
    year, month, day = (int(part) for part in match.groups())
    if year < 1:
        why = "there is no year 0"
    elif not 1 <= month <= 12:
        why = f"there is no month {month}"
    elif not 1 <= day <= (days := calendar.monthrange(year, month)[1]):
        why = f"{calendar.month_name[month]} {year} has {days} days"
    else:
        return date(year, month, day)
    # Unquoted, PyYAML itself fails on it (and front_matter reports it).
    unquoted = node.tag == "tag:yaml.org,2002:timestamp"
    return Problem(
        line, name, f"{value!r} is not a real day ({why}); {_HOW}", generic=unquoted
    )


def _fields(
    yaml_text: str, first_line: int
) -> tuple[dict[str, tuple[yaml.Node, int]], list[Problem]]:
    """Each top-level key's value node and line; duplicate keys are problems."""
    try:
        root = yaml.compose(yaml_text, Loader=_LOADER)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        # At most the last line of the block (libyaml marks the end after it).
        last = first_line + max(yaml_text.rstrip("\r\n").count("\n"), 0)
        line = min(first_line + mark.line, last) if mark else first_line
        what = getattr(error, "problem", None) or str(error).splitlines()[0]
        return {}, [
            Problem(
                line,
                "",
                f"the front matter is not valid YAML ({what}); write one"
                f" 'key: value' per line, for example '{LAST}: 2026-11-26'",
                "yaml",
                generic=True,
            )
        ]
    if root is None:
        return {}, []
    if not isinstance(root, yaml.MappingNode):
        return {}, [
            Problem(
                first_line,
                "",
                f"the front matter must be 'key: value' lines, for example"
                f" '{LAST}: 2026-11-26'",
                "yaml",
                generic=True,
            )
        ]
    found: dict[str, tuple[yaml.Node, int]] = {}
    problems = []
    for key, value in root.value:
        name = str(key.value) if isinstance(key, yaml.ScalarNode) else "?"
        line = first_line + key.start_mark.line
        if name in found:
            problems.append(
                Problem(
                    line,
                    name,
                    f"is given twice (lines {found[name][1]} and {line}); keep one",
                    "field",
                    generic=True,
                )
            )
            continue
        found[name] = (value, line)
    return found, problems


def _typos(found: dict[str, tuple[yaml.Node, int]]) -> list[Problem]:
    """Keys that look like a misspelt review field (``last_review``, ``next_reveiw``)."""
    problems = []
    for name, (_node, line) in found.items():
        if name in (LAST, NEXT, MEDICAL):
            continue
        close = difflib.get_close_matches(name, (LAST, NEXT, MEDICAL), n=1, cutoff=0.8)
        if close:
            problems.append(
                Problem(
                    line,
                    name,
                    f"is not a known field; did you mean '{close[0]}'?",
                    "field",
                )
            )
    return problems


def read_review(
    text: str, built: date, interval_months: int = 12, max_months: int = 24
) -> Review:
    """Read and check the review dates in the front matter of the page *text*.

    *built* is the build date: a page cannot have been checked after it.
    ``next_review`` defaults to *interval_months* after ``last_reviewed`` and
    may be at most *max_months* after it.
    """
    block = _front_matter(text)
    if isinstance(block, Problem):
        return Review(problems=[block])
    source = block[0] if block else ""
    found, problems = _fields(*block) if block else ({}, [])
    if problems:
        return Review(problems=problems)
    problems = _typos(found)
    if LAST not in found:
        problems.insert(
            0,
            Problem(
                1,
                LAST,
                "is missing: every page says when it was last checked. Put front"
                f" matter at the very top of the page: a line '---', a line"
                f" '{LAST}: YYYY-MM-DD' (the day you checked it, for example"
                " 2026-11-26), and a line '---'",
                "missing",
            ),
        )
        return Review(problems=problems)
    node, line = found[LAST]
    last = _day(node, LAST, line, source)
    if isinstance(last, Problem):
        return Review(problems=[last, *problems])
    if last > built:
        problems.append(
            Problem(
                line,
                LAST,
                f"'{last.isoformat()}' is after the build date {built.isoformat()};"
                " write the day the page was actually checked, today or earlier",
            )
        )
    nxt = add_months(last, interval_months)
    if NEXT in found:
        node, line = found[NEXT]
        given = _day(node, NEXT, line, source)
        latest = add_months(last, max_months)
        if isinstance(given, Problem):
            problems.append(given)
        elif given <= last:
            problems.append(
                Problem(
                    line,
                    NEXT,
                    f"'{given.isoformat()}' is not after {LAST} {last.isoformat()};"
                    f" write a later day, or leave {NEXT} out for {interval_months}"
                    f" months after {LAST}",
                )
            )
        elif given > latest:
            problems.append(
                Problem(
                    line,
                    NEXT,
                    f"'{given.isoformat()}' is more than {max_months} months after"
                    f" {LAST} {last.isoformat()}; a page is checked again by"
                    f" {latest.isoformat()} at the latest",
                )
            )
        else:
            nxt = given
    reviewer = None
    if MEDICAL in found:
        reviewer = _medical_reviewer(*found[MEDICAL], source, built, block[1])
        if isinstance(reviewer, list):
            problems.extend(reviewer)
    if problems:
        return Review(problems=problems)
    return Review(last, nxt, medical_reviewer=reviewer)


def _medical_reviewer(
    node: yaml.Node, line: int, source: str, built: date, first_line: int
) -> tuple[str, date] | list[Problem]:
    """``{name: ..., date: YYYY-MM-DD}``, checked: the name and day, or the problems."""
    if not isinstance(node, yaml.MappingNode):
        return [
            Problem(
                line,
                MEDICAL,
                f"{_shown(node, source)} is not allowed; {_MEDICAL_HOW}",
                "field",
            )
        ]
    keys: dict[str, tuple[yaml.Node, int]] = {}
    problems: list[Problem] = []
    for key, value in node.value:
        name = str(key.value) if isinstance(key, yaml.ScalarNode) else "?"
        where = first_line + key.start_mark.line
        if name not in ("name", "date"):
            problems.append(
                Problem(
                    where,
                    f"{MEDICAL}.{name}",
                    f"is not a known field; {MEDICAL} has only 'name' and 'date'",
                    "field",
                )
            )
        elif name in keys:
            problems.append(
                Problem(where, f"{MEDICAL}.{name}", "is given twice; keep one", "field")
            )
        else:
            keys[name] = (value, where)
    for needed in ("name", "date"):
        if needed not in keys:
            problems.append(
                Problem(
                    line,
                    f"{MEDICAL}.{needed}",
                    f"is missing; {_MEDICAL_HOW}",
                    "missing",
                )
            )
    if problems:
        return problems
    name_node, name_line = keys["name"]
    shown = " ".join(str(getattr(name_node, "value", "")).split())
    if (
        not isinstance(name_node, yaml.ScalarNode)
        or name_node.tag != "tag:yaml.org,2002:str"
        or not shown
        or len(shown) > _MAX_NAME
        or any(c in shown for c in "<>{}`")
    ):
        problems.append(
            Problem(
                name_line,
                f"{MEDICAL}.name",
                f"{_shown(name_node, source)} is not allowed: write the reviewer's"
                f" name as plain text (at most {_MAX_NAME} characters, no markup),"
                " for example 'Dr Ana Pérez'",
                "field",
            )
        )
    day_node, day_line = keys["date"]
    day = _day(day_node, f"{MEDICAL}.date", day_line, source)
    if isinstance(day, Problem):
        problems.append(day)
    elif day > built:
        problems.append(
            Problem(
                day_line,
                f"{MEDICAL}.date",
                f"'{day.isoformat()}' is after the build date {built.isoformat()};"
                " write the day the reviewer actually checked the page",
            )
        )
    if problems:
        return problems
    return shown, day
