"""Load and check drug and trial records: YAML in, plain data and problems out.

Rules are written once, as JSON Schema files in ``schemas/`` (editors can use
them too); the checks that span several fields are the ``_check_*`` functions
below. Nothing here knows about Sphinx, so it is easy to test::

    >>> from trial_facts.records import load_trial
    >>> record = load_trial(Path("docs/_data/trials/tofersen-valor.yaml"))
    >>> record.problems          # [] when the record is valid
    []
    >>> record.data["phase"], record.line("phase")
    ('3', 9)

Every problem names the file, the line, the field, the bad value and what is
allowed. Records are plain data: duplicate keys, anchors and aliases, merge keys
(``<<``) and tags (``!foo``) are refused, as are files over
:data:`MAX_RECORD_BYTES` and dates that are not on the calendar.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from catalog_checks import hidden_characters
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from review_dates.schedule import TRIAL_MONTHS, TRIAL_OPEN_MONTHS, build_date

from .history_rules import check_history
from .registries import formats_help, identify
from .vocab import DESIGN_CONFLICTS, STOPPED

_SCHEMAS = Path(__file__).parent / "schemas"
# Fields whose values are dates or phases: a bare YAML number (2019, 3) is
# accepted and read as text, because that is what a volunteer meant.
_TEXT_SCALARS = {
    "phase",
    "start",
    "end",
    "last_verified",
    "last_reviewed",
    "next_review",
}
_TEXT_SCALARS_IN_APPROVALS = {"date", "withdrawn"}
# A record is a page of facts, a few KB; 256 KB leaves room for long summaries
# and stops a pasted data dump or a generated file from slowing every build.
MAX_RECORD_BYTES = 256 * 1024
# Dates "as of" which a volunteer checked the facts: never after the build.
_CHECKED_DATES = ("last_verified", "last_reviewed")
# The earliest plausible year of a trial, an approval or a review.
_FIRST_YEAR = 1900


@dataclass
class Problem:
    """One thing wrong with a record, located at a file and line."""

    path: str
    line: int
    field: str
    message: str
    kind: str = "schema"  # schema | rule | yaml: the warning subtype

    def __str__(self) -> str:
        where = f"field '{self.field}': " if self.field else ""
        return f"{where}{self.message}"


@dataclass
class Record:
    """A parsed record: its data, the line of each field, and its problems."""

    path: str
    data: dict[str, Any]
    lines: dict[tuple[str | int, ...], int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    first_line: int = 1

    def line(self, *path: str | int) -> int:
        """Return the line of the field at *path*, or of its nearest parent."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.first_line

    def problem(self, message: str, *path: str | int) -> None:
        self.problems.append(
            Problem(self.path, self.line(*path), _dotted(path), message, "rule")
        )


# libyaml's parser when PyYAML was built with it (PyPI's wheels are): the same
# nodes, lines and errors, about ten times faster than the pure-Python one.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):
    """A safe YAML loader that keeps dates as the text the volunteer wrote."""


_Loader.yaml_implicit_resolvers = {
    key: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag != "tag:yaml.org,2002:timestamp"
    ]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


_MAYBE_REFUSED = re.compile(r"[&*!]")
_MAX_DEPTH = 20


def _refuse_events(text: str, offset: int) -> list[tuple[int, str]]:
    """Anchors, aliases and tags, found in libyaml's event stream (one fast pass).

    Records never need them, and aliases can make a small file expand
    exponentially once the data is walked.
    """
    found: list[tuple[int, str]] = []
    for event in yaml.parse(text, Loader=_SafeLoader):
        line = event.start_mark.line + 1 + offset
        if isinstance(event, yaml.AliasEvent):
            found.append(
                (line, f"alias '*{event.anchor}' is not allowed; write the value out")
            )
            continue
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            found.append(
                (line, f"anchor '&{anchor}' is not allowed; records hold plain values")
            )
        tag = getattr(event, "tag", None)
        if tag is not None and not isinstance(event, yaml.DocumentStartEvent):
            found.append(
                (
                    line,
                    f"tag {tag!r} is not allowed; write plain text, numbers, "
                    "lists and 'field: value' lines",
                )
            )
    return found


def _structure_problems(
    node: yaml.Node, path: tuple, offset: int, record: Record
) -> None:
    """Duplicate keys, merge keys and keys that are not text, at any depth.

    Records are a few levels deep; deeper nesting is refused before anything
    walks it (libyaml itself stops at 1,000 levels, past Python's recursion).
    """
    if len(path) > _MAX_DEPTH:
        record.problems.append(
            Problem(
                record.path,
                node.start_mark.line + 1 + offset,
                _dotted(path[:2]),
                f"lists and mappings are nested more than {_MAX_DEPTH} levels deep; "
                "a record needs a few",
                "yaml",
            )
        )
        return
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            line = key.start_mark.line + 1 + offset
            if key.tag == "tag:yaml.org,2002:merge":
                record.problems.append(
                    Problem(
                        record.path,
                        line,
                        _dotted(path),
                        "merge keys ('<<') are not allowed; write each field out",
                        "yaml",
                    )
                )
                continue
            if not isinstance(key, yaml.ScalarNode):
                record.problems.append(
                    Problem(
                        record.path,
                        line,
                        _dotted(path),
                        "a field name must be plain text, not a list or mapping",
                        "yaml",
                    )
                )
                continue
            if key.value in seen:
                record.problems.append(
                    Problem(
                        record.path,
                        line,
                        _dotted((*path, key.value)),
                        f"duplicate key {key.value!r}: it is already given on line "
                        f"{seen[key.value]}; YAML would silently keep only the last "
                        "one. Keep one",
                        "yaml",
                    )
                )
            else:
                seen[key.value] = line
            _structure_problems(value, (*path, key.value), offset, record)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _structure_problems(item, (*path, index), offset, record)


def _dotted(path: tuple[str | int, ...] | list[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _line_map(node: yaml.Node, path: tuple, lines: dict, offset: int) -> None:
    lines[path] = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = key.value
            _line_map(value, (*path, name), lines, offset)
            # A field's line is its key's line (a block value starts below it).
            lines[(*path, name)] = key.start_mark.line + 1 + offset
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_map(item, (*path, index), lines, offset)


@cache
def _validator(kind: str) -> Draft202012Validator:
    schema = json.loads((_SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def parse(text: str, path: str, *, offset: int = 0) -> Record:
    """Parse YAML *text* into a :class:`Record` (``offset``: lines before it)."""
    record = Record(path, {}, first_line=offset + 1)
    size = len(text.encode("utf-8"))
    if size > MAX_RECORD_BYTES:
        record.problems.append(
            Problem(
                path,
                offset + 1,
                "",
                f"the record is {size:,} bytes; at most {MAX_RECORD_BYTES:,} bytes "
                "are allowed (a record holds facts, not documents)",
                "yaml",
            )
        )
        return record
    loader = _Loader(text)
    try:
        # The event pass costs as much as the parse: only when the text holds
        # a character that can start an anchor, an alias or a tag.
        refused = _refuse_events(text, offset) if _MAYBE_REFUSED.search(text) else []
        if refused:
            for line, message in refused:
                record.problems.append(Problem(path, line, "", message, "yaml"))
            return record
        node = loader.get_single_node()  # parsed once: for the lines, then the data
        if node is not None:
            _structure_problems(node, (), offset, record)
            if record.problems:
                return record
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = (mark.line + 1 + offset) if mark else offset + 1
        what = getattr(error, "problem", None) or str(error)
        record.problems.append(
            Problem(
                path,
                line,
                "",
                f"this is not valid YAML ({what}); check the "
                "indentation and quote text that contains ':' or '#'",
                "yaml",
            )
        )
        return record
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        record.problems.append(
            Problem(
                path,
                offset + 1,
                "",
                "a record must be a YAML mapping of 'field: value' lines",
                "yaml",
            )
        )
        return record
    _line_map(node, (), record.lines, offset)
    record.data = data
    _hidden_text(data, (), record)
    return record


def _hidden_text(value: Any, path: tuple, record: Record) -> None:
    """Invisible direction or width characters in any text of the record.

    They can make a fact read differently from what it is ("Trojan source",
    CVE-2021-42574); the site keeps codes and numbers left to right itself.
    """
    if isinstance(value, dict):
        for key, item in value.items():
            _hidden_text(item, (*path, key), record)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _hidden_text(item, (*path, index), record)
    elif isinstance(value, str):
        found = hidden_characters(value)
        if found:
            record.problem(
                f"invisible direction or width characters: {'; '.join(found)}; "
                "delete them (they can make text read differently from what it is)",
                *path,
            )


# YAML 1.1 reads yes / no (and NO, Norway's code) as true / false: the
# eligibility answers and country codes are read back as the text written.
_YES_NO_IN_ELIGIBILITY = {
    "riluzole_allowed",
    "edaravone_allowed",
    "other_trials_allowed",
    "placebo",
    "open_label_extension",
}


def _coerce_eligibility(rules: dict[str, Any]) -> None:
    for key in _YES_NO_IN_ELIGIBILITY & rules.keys():
        if isinstance(rules[key], bool):
            rules[key] = "yes" if rules[key] else "no"
    if isinstance(rules.get("countries"), list):
        rules["countries"] = [
            "NO" if code is False else code for code in rules["countries"]
        ]


def _coerce(data: dict[str, Any]) -> None:
    if isinstance(data.get("eligibility"), dict):
        _coerce_eligibility(data["eligibility"])
    for key in _TEXT_SCALARS & data.keys():
        if isinstance(data[key], int) and not isinstance(data[key], bool):
            data[key] = str(data[key])
    for approval in data.get("approvals") or []:
        if isinstance(approval, dict):
            for key in _TEXT_SCALARS_IN_APPROVALS & approval.keys():
                if isinstance(approval[key], int):
                    approval[key] = str(approval[key])
    for event in data.get("history") or []:
        if isinstance(event, dict) and isinstance(event.get("date"), int):
            event["date"] = str(event["date"])


def _describe(error: ValidationError) -> str:
    """Turn a JSON Schema error into a sentence naming what is allowed."""
    value = error.instance
    schema = error.schema
    if error.validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return f"{value!r} is not allowed; allowed values: {allowed}"
    if error.validator == "required":
        missing = [k for k in error.validator_value if k not in (value or {})]
        return f"missing required field(s): {', '.join(missing)}"
    if error.validator == "additionalProperties":
        allowed = ", ".join(sorted(schema.get("properties", {})))
        unknown = sorted(set(value) - set(schema.get("properties", {})))
        return f"unknown field(s) {', '.join(unknown)}; allowed fields: {allowed}"
    if error.validator == "pattern":
        expected = schema.get("description", f"text matching {error.validator_value}")
        return f"{value!r} is not valid; expected {expected}"
    if error.validator == "not":
        expected = schema.get("description", "a different value")
        return f"{value!r} is not valid; expected {expected}"
    if error.validator == "type":
        return f"{value!r} is not valid; expected a {error.validator_value}"
    if error.validator == "minItems":
        return f"needs at least {error.validator_value} item(s)"
    if error.validator == "minimum":
        return f"{value!r} is too small; the minimum is {error.validator_value}"
    if error.validator == "maximum":
        why = schema.get("description", "")
        return f"{value!r} is too large; the maximum is {error.validator_value:,}" + (
            f" ({why})" if why else ""
        )
    if error.validator == "minLength":
        return "must not be empty"
    if error.validator == "maxLength":
        return f"is longer than {error.validator_value} characters"
    if error.validator == "uniqueItems":
        return f"{value!r} lists the same value twice"
    return error.message


def _validate(record: Record, kind: str) -> None:
    _coerce(record.data)
    errors = sorted(
        _validator(kind).iter_errors(record.data),
        key=lambda e: [str(p) for p in e.path],
    )
    seen: set[tuple[str, str]] = set()
    for error in errors:
        path = tuple(error.absolute_path)
        if error.validator == "additionalProperties":
            unknown = sorted(
                set(error.instance) - set(error.schema.get("properties", {}))
            )
            path = (*path, unknown[0]) if unknown else path
        message = _describe(error)
        if (_dotted(path), message) in seen:
            continue  # one error per missing required field, one message for all
        seen.add((_dotted(path), message))
        record.problems.append(
            Problem(record.path, record.line(*path), _dotted(path), message)
        )


_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def date_problem(value: str) -> str | None:
    """Why *value* (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) is not a real date."""
    match = _DATE.fullmatch(value)
    if match is None:
        return None  # the schema names the expected shape
    year, month, day = (int(part) if part else None for part in match.groups())
    if year < _FIRST_YEAR:
        return (
            f"{value!r} is not a plausible date: the year must be {_FIRST_YEAR} "
            "or later"
        )
    if day is not None and 1 <= month <= 12:  # the schema reports other months
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            return (
                f"{value!r} is not a date: {calendar.month_name[month]} {year} "
                f"has {last} days; write a date that exists"
            )
    return None


def _check_dates(record: Record) -> None:
    """Dates on the calendar; "last checked" dates not after the build's date."""
    data = record.data
    fields: list[tuple[tuple[str | int, ...], object]] = [
        ((key,), data.get(key)) for key in sorted(_TEXT_SCALARS - {"phase"})
    ]
    for index, approval in enumerate(data.get("approvals") or []):
        if isinstance(approval, dict):
            fields += [
                (("approvals", index, key), approval.get(key))
                for key in sorted(_TEXT_SCALARS_IN_APPROVALS)
            ]
    latest = build_date() + dt.timedelta(days=1)  # a day of slack for time zones
    for path, value in fields:
        if not isinstance(value, str):
            continue
        problem = date_problem(value)
        if (
            problem is None
            and path[-1] in _CHECKED_DATES
            and _DATE.fullmatch(value)
            and value > latest.isoformat()
        ):
            problem = (
                f"{value!r} is in the future; it is the day the facts were "
                f"checked, so at the latest {latest.isoformat()} (the build's "
                "date, from SOURCE_DATE_EPOCH or today)"
            )
        if problem:
            record.problem(problem, *path)


def _check_trial(record: Record, expected_id: str) -> None:
    data = record.data
    if isinstance(data.get("id"), str) and data["id"] != expected_id:
        record.problem(
            f"{data['id']!r} must equal the file name ({expected_id!r})", "id"
        )
    design = data.get("design") if isinstance(data.get("design"), list) else []
    for first, second in DESIGN_CONFLICTS:
        if first in design and second in design:
            record.problem(f"{first!r} and {second!r} contradict each other", "design")
    registry = data.get("registry") or []
    if isinstance(registry, list):
        for index, value in enumerate(registry):
            if isinstance(value, str) and identify(value) is None:
                record.problem(
                    f"{value!r} is not a known registry ID; accepted formats: "
                    f"{formats_help()}",
                    "registry",
                    index,
                )
        if not registry and not data.get("unregistered_note"):
            record.problem(
                "no registry ID: list the trial's registry IDs, or explain in "
                "'unregistered_note' why it has none",
                "registry",
            )
    if "start" not in data and not data.get("unregistered_note"):
        record.problem(
            "missing required field(s): start (it may be left out only for an "
            "unregistered trial whose start is not reported, with 'unregistered_note')",
        )
    verified, nxt = data.get("last_verified"), data.get("next_review")
    if isinstance(verified, str) and isinstance(nxt, str) and nxt <= verified:
        record.problem(
            f"next_review {nxt!r} must be after last_verified {verified!r}; write"
            " a later day, or leave next_review out for the default interval"
            f" ({TRIAL_OPEN_MONTHS} months after last_verified for a trial that is"
            f" recruiting or running, {TRIAL_MONTHS} months otherwise)",
            "next_review",
        )
    status = data.get("status")
    if status in STOPPED and not data.get("why_stopped"):
        record.problem(
            f"'why_stopped' is required when the status is {status!r}", "status"
        )
    if status == "completed" and "results" not in data:
        record.problem("'results' is required when the status is 'completed'", "status")
    start, end = data.get("start"), data.get("end")
    if (
        isinstance(start, str)
        and isinstance(end, str)
        and end[: len(start)] < start[: len(end)]
    ):
        record.problem(f"end {end!r} is before start {start!r}", "end")


# Codes in Babel's territory list that are not countries: the EU, the euro
# area, the UN, "Outlying Oceania", "Unknown", pseudo-locales, and ISO's
# "exceptionally reserved" codes (Ascension, Clipperton, Diego Garcia, Ceuta
# and Melilla, the Canary Islands, Tristan da Cunha).
_NOT_COUNTRIES = frozenset(
    {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "AC", "CP", "DG", "EA", "IC", "TA"}
)


@cache
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes that Babel can name (``FR``, ``JP``, ...)."""
    from babel import Locale

    return frozenset(
        code
        for code in Locale.parse("en").territories
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    )


def _check_eligibility(record: Record) -> None:
    """Rules of ``eligibility`` that span fields; its shape is in the schema."""
    rules = record.data.get("eligibility")
    if not isinstance(rules, dict):
        return
    low, high = rules.get("age_min"), rules.get("age_max")
    if isinstance(low, int) and isinstance(high, int) and low > high:
        record.problem(
            f"age_max {high!r} is below age_min {low!r}; the youngest age must "
            "not be above the oldest",
            "eligibility",
            "age_max",
        )
    if "onset_counted_from" in rules and "onset_months_max" not in rules:
        record.problem(
            "'onset_counted_from' says how 'onset_months_max' is counted; give "
            "'onset_months_max' too, or leave both out",
            "eligibility",
            "onset_counted_from",
        )
    if "allocation_ratio" in rules and rules.get("placebo") != "yes":
        record.problem(
            f"'allocation_ratio' {rules['allocation_ratio']!r} is the share of "
            "placebo; it is allowed only with 'placebo: yes' (now "
            f"{rules.get('placebo', 'not given')!r})",
            "eligibility",
            "allocation_ratio",
        )
    countries = rules.get("countries")
    if isinstance(countries, list):
        known = country_codes()
        for index, code in enumerate(countries):
            if isinstance(code, str) and len(code) == 2 and code not in known:
                record.problem(
                    f"{code!r} is not an ISO 3166-1 country code; write the "
                    "two-letter code of a country, such as FR, JP or US",
                    "eligibility",
                    "countries",
                    index,
                )


def _check_drug(record: Record) -> None:
    data = record.data
    if data.get("stage") == "approved" and not data.get("approvals"):
        record.problem("'approvals' is required when the stage is 'approved'", "stage")
    for index, approval in enumerate(data.get("approvals") or []):
        if not isinstance(approval, dict):
            continue
        date, withdrawn = approval.get("date"), approval.get("withdrawn")
        if isinstance(date, str) and isinstance(withdrawn, str) and withdrawn < date:
            record.problem(
                f"withdrawn {withdrawn!r} is before the approval date {date!r}",
                "approvals",
                index,
                "withdrawn",
            )
    reviewed, nxt = data.get("last_reviewed"), data.get("next_review")
    if isinstance(reviewed, str) and isinstance(nxt, str) and nxt <= reviewed:
        record.problem(
            f"next_review {nxt!r} must be after last_reviewed {reviewed!r}",
            "next_review",
        )


def load_trial(path: Path, display: str | None = None) -> Record:
    """Read and check one trial file."""
    shown = display or str(path)
    size = path.stat().st_size
    if size > MAX_RECORD_BYTES:
        return Record(
            shown,
            {},
            problems=[
                Problem(
                    shown,
                    1,
                    "",
                    f"the file is {size:,} bytes; at most {MAX_RECORD_BYTES:,} bytes "
                    "are allowed (a record holds facts, not documents)",
                    "yaml",
                )
            ],
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return Record(shown, {}, problems=[_not_utf8(shown, raw, error)])
    record = parse(text, shown)
    if record.data:
        _validate(record, "trial")
        _check_dates(record)
        _check_trial(record, path.stem)
        _check_eligibility(record)
        check_history(record)
    return record


def _not_utf8(shown: str, raw: bytes, error: UnicodeDecodeError) -> Problem:
    """Where a byte that is not UTF-8 sits: its line, column and byte offset."""
    line = raw.count(b"\n", 0, error.start) + 1
    column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
    return Problem(
        shown,
        line,
        "",
        f"byte 0x{raw[error.start]:02X} at line {line}, column {column} (byte offset "
        f"{error.start}) is not UTF-8; save the file as UTF-8",
        "yaml",
    )


def check_drug(text: str, path: str, offset: int) -> Record:
    """Parse and check the YAML body of a ``drug-facts`` directive."""
    record = parse(text, path, offset=offset)
    if record.data:
        _validate(record, "drug")
        _check_dates(record)
        _check_drug(record)
        check_history(record)
    return record
