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
allowed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

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
    loader = _Loader(text)
    try:
        node = loader.get_single_node()  # parsed once: for the lines, then the data
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
    return record


def _coerce(data: dict[str, Any]) -> None:
    for key in _TEXT_SCALARS & data.keys():
        if isinstance(data[key], int) and not isinstance(data[key], bool):
            data[key] = str(data[key])
    for approval in data.get("approvals") or []:
        if isinstance(approval, dict):
            for key in _TEXT_SCALARS_IN_APPROVALS & approval.keys():
                if isinstance(approval[key], int):
                    approval[key] = str(approval[key])


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
    if error.validator == "type":
        return f"{value!r} is not valid; expected a {error.validator_value}"
    if error.validator == "minItems":
        return f"needs at least {error.validator_value} item(s)"
    if error.validator == "minimum":
        return f"{value!r} is too small; the minimum is {error.validator_value}"
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
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return Record(
            shown,
            {},
            problems=[Problem(shown, 1, "", "the file is not UTF-8 text", "yaml")],
        )
    record = parse(text, shown)
    if record.data:
        _validate(record, "trial")
        _check_trial(record, path.stem)
    return record


def check_drug(text: str, path: str, offset: int) -> Record:
    """Parse and check the YAML body of a ``drug-facts`` directive."""
    record = parse(text, path, offset=offset)
    if record.data:
        _validate(record, "drug")
        _check_drug(record)
    return record
