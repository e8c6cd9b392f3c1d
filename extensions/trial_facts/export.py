"""Data exports written beside each HTML edition: ``trials.json``, ``drugs.json``
and ``trials.csv``, with the texts of that edition's language.

    _build/html/es/trials.json   # titles, outcomes and summaries in Spanish

Codes (status, phase, design, registry IDs) stay codes, so the files can be
joined across languages; a ``*_label`` field carries the translated label.

A spreadsheet runs a CSV cell that starts with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return as a formula. Record text is contributed, so such a cell
in ``trials.csv`` gets a leading ``'`` (OWASP's advice on CSV injection) and is
shown as text; other cells, dates and IDs among them, are written unchanged::

    >>> _cell("=1+2"), _cell("@SUM(A1)"), _cell("NCT01234567"), _cell("2024-03")
    ("'=1+2", "'@SUM(A1)", 'NCT01234567', '2024-03')
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from unchanged_outputs import UnchangedOutputs

from . import vocab
from .output_files import write_if_changed
from .trial_table import anchor as trial_anchor
from .xrefs import DOMAIN

_TEXT_FIELDS = (
    "population",
    "intervention",
    "comparator",
    "why_stopped",
    "safety",
    "unregistered_note",
    "sponsor",
)
_CSV_COLUMNS = (
    "id",
    "acronym",
    "title",
    "drugs",
    "phase",
    "status",
    "participants",
    "participants_type",
    "start",
    "end",
    "registry",
    "sponsor",
    "outcome",
    "url",
    # Who can join (empty when the source does not state it); lists are
    # space-separated codes, the breathing minimum is "FVC 60".
    "age_min",
    "age_max",
    "onset_months_max",
    "onset_counted_from",
    "breathing_min",
    "genes_required",
    "riluzole_allowed",
    "edaravone_allowed",
    "other_trials_allowed",
    "placebo",
    "allocation_ratio",
    "open_label_extension",
    "visits",
    "duration_weeks",
    "countries",
    "eligibility_source",
)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    """*value* as a CSV cell that no spreadsheet runs as a formula."""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _translated(data: dict[str, Any], texts: dict[str, str]) -> dict[str, Any]:
    out = json.loads(json.dumps(data))  # a deep copy of plain data
    out["title"] = texts.get("title", data["title"])
    for field in _TEXT_FIELDS:
        if field in out:
            out[field] = texts.get(field, out[field])
    for field in ("primary_outcomes", "secondary_outcomes"):
        for index, value in enumerate(out.get(field, [])):
            out[field][index] = texts.get(f"{field}.{index}", value)
    if "results" in out:
        out["results"]["summary"] = texts.get(
            "results.summary", out["results"]["summary"]
        )
    return out


def trials_data(app: Sphinx) -> list[dict[str, Any]]:
    domain = app.env.get_domain(DOMAIN)
    rows = []
    for trial_id in sorted(domain.trials):
        data = _translated(
            domain.trials[trial_id]["data"], domain.trial_texts(trial_id)
        )
        data["phase_label"] = vocab.label(vocab.PHASES, data["phase"])
        data["status_label"] = vocab.label(vocab.STATUS, data["status"])
        shown = domain.shown.get(trial_id)
        if shown:
            uri = app.builder.get_target_uri(shown["docname"])
            data["url"] = f"{uri}#{trial_anchor(trial_id)}"
        rows.append(data)
    return rows


def drugs_data(app: Sphinx) -> list[dict[str, Any]]:
    domain = app.env.get_domain(DOMAIN)
    rows = []
    for drug_id in sorted(domain.drugs):
        entry = domain.drugs[drug_id]
        data = json.loads(json.dumps(entry["data"]))
        texts = entry.get("texts", {})
        for field in ("name", "mechanism", "sponsor"):
            data[field] = texts.get(field, data[field])
        for index, approval in enumerate(data.get("approvals", [])):
            key = f"approvals.{index}.indication"
            if key in texts:
                approval["indication"] = texts[key]
        data["stage_label"] = vocab.label(vocab.STAGE, data["stage"])
        data["url"] = app.builder.get_target_uri(entry["docname"])
        rows.append(data)
    return rows


def _eligibility_cells(rules: dict[str, Any]) -> list[Any]:
    """The eligibility columns of one CSV row, in ``_CSV_COLUMNS`` order."""
    breathing = rules.get("breathing_min")
    genes = rules.get("genes_required")
    return [
        rules.get("age_min", ""),
        rules.get("age_max", ""),
        rules.get("onset_months_max", ""),
        rules.get("onset_counted_from", ""),
        f"{breathing['measure']} {breathing['percent']}" if breathing else "",
        # "none" tells "no genetic requirement" apart from "not stated" (empty).
        (" ".join(genes) or "none") if genes is not None else "",
        rules.get("riluzole_allowed", ""),
        rules.get("edaravone_allowed", ""),
        rules.get("other_trials_allowed", ""),
        rules.get("placebo", ""),
        rules.get("allocation_ratio", ""),
        rules.get("open_label_extension", ""),
        rules.get("visits", ""),
        rules.get("duration_weeks", ""),
        " ".join(rules.get("countries", [])),
        rules["source"]["url"] if rules else "",
    ]


def _write(app: Sphinx, exception: Exception | None) -> None:
    if (
        exception is not None
        or app.builder.format != "html"
        or app.builder.name == "singlehtml"
    ):
        return
    outputs = UnchangedOutputs(app, "trial-facts-export")
    if outputs.current():
        return
    outputs.record(write_exports(app))


def write_exports(app: Sphinx) -> list[str]:
    """Write the three exports into ``app.outdir``; their names, as written.

    write_exports(app)   # ["trials.json", "drugs.json", "trials.csv"]
    """
    out = Path(app.outdir)
    trials = trials_data(app)
    language = app.config.language
    for name, rows in (("trials.json", trials), ("drugs.json", drugs_data(app))):
        payload = {"language": language, "items": rows}
        # Compact, on one line: Python's C encoder writes it (an indented dump
        # runs in pure Python, 0.19 s of a 500-drug trial edit) and a reader on
        # a slow line downloads no indentation.
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n"
        write_if_changed(out / name, text.encode("utf-8"))
    f = io.StringIO(newline="")  # the CSV in memory, written only if it changed
    writer = csv.writer(f)
    writer.writerow(_CSV_COLUMNS)
    for t in trials:
        row = [
            t["id"],
            t.get("acronym", ""),
            t["title"],
            " ".join(t["drugs"]),
            t["phase"],
            t["status"],
            t["participants"]["count"],
            t["participants"]["type"],
            t.get("start", ""),
            t.get("end", ""),
            " ".join(t.get("registry", [])),
            t["sponsor"],
            t.get("results", {}).get("outcome", ""),
            t.get("url", ""),
            *_eligibility_cells(t.get("eligibility") or {}),
        ]
        writer.writerow([_cell(value) for value in row])
    write_if_changed(out / "trials.csv", f.getvalue().encode("utf-8"))
    return ["trials.json", "drugs.json", "trials.csv"]


def setup_export(app: Sphinx) -> None:
    app.connect("build-finished", _write)
