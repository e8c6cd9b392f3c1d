"""Who can join a trial: the ``eligibility`` rules, their table rows in English
and Spanish, the overview's columns and ``data-*`` attributes, and the exports.

The small project is ``tests/roots/test-eligibility`` (an open trial with every
field, a completed one without any); the checks on bad records read files
directly with :func:`trial_facts.records.load_trial`.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from trial_facts.records import load_trial

ROOT = Path(__file__).parent / "roots" / "test-eligibility"
GOOD = (ROOT / "_data" / "trials" / "gamma-open.yaml").read_text(encoding="utf-8")


def _record(tmp_path: Path, text: str):
    path = tmp_path / "gamma-open.yaml"
    path.write_text(text, encoding="utf-8")
    return load_trial(path)


def _with(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def _problem(record, field: str) -> tuple[int, str]:
    found = [(p.line, p.message) for p in record.problems if p.field == field]
    assert found, f"no problem at {field!r}: {[str(p) for p in record.problems]}"
    return found[0]


def test_the_example_record_is_valid(tmp_path):
    record = _record(tmp_path, GOOD)
    assert record.problems == []
    rules = record.data["eligibility"]
    # YAML 1.1 reads yes / no / NO as booleans: they come back as written.
    assert rules["placebo"] == "yes"
    assert rules["edaravone_allowed"] == "no"
    assert rules["countries"] == ["ES", "FR", "NO"]


@pytest.mark.parametrize(
    ("old", "new", "field", "expected"),
    [
        (
            "age_max: 80",
            "age_max: 16",
            "eligibility.age_max",
            ["16", "below age_min 18"],
        ),
        (
            "age_min: 18",
            'age_min: "eighteen"',
            "eligibility.age_min",
            ["'eighteen' is not valid", "integer"],
        ),
        (
            "genes_required: [SOD1]",
            'genes_required: ["<b>SOD1</b>"]',
            "eligibility.genes_required[0]",
            ["'<b>SOD1</b>' is not valid", "gene symbol such as SOD1"],
        ),
        (
            'allocation_ratio: "2:1"',
            'allocation_ratio: "2:0"',
            "eligibility.allocation_ratio",
            ["'2:0' is not valid", "placebo last, e.g. 2:1"],
        ),
        (
            "placebo: yes",
            "placebo: no",
            "eligibility.allocation_ratio",
            ["allowed only with 'placebo: yes'", "'no'"],
        ),
        (
            "countries: [ES, FR, NO]",
            "countries: [ES, XY, FR]",
            "eligibility.countries[1]",
            ["'XY' is not an ISO 3166-1 country code"],
        ),
        (
            "countries: [ES, FR, NO]",
            "countries: [ES, EU]",
            "eligibility.countries[1]",
            ["'EU' is not an ISO 3166-1 country code"],
        ),
        (
            "countries: [ES, FR, NO]",
            "countries: [es]",
            "eligibility.countries[0]",
            ["'es' is not valid", "two-letter ISO 3166-1 country code in capitals"],
        ),
        (
            "  onset_months_max: 24\n",
            "",
            "eligibility.onset_counted_from",
            ["give 'onset_months_max' too"],
        ),
    ],
)
def test_bad_eligibility_is_a_located_error(tmp_path, old, new, field, expected):
    text = _with(old, new)
    line, message = _problem(_record(tmp_path, text), field)
    key = field.split(".")[1].split("[")[0]
    assert line == _line_of(text, f"  {key}:"), (line, message)
    for part in expected:
        assert part in message, message


def test_a_closed_trial_needs_no_eligibility(tmp_path):
    path = tmp_path / "gamma-closed.yaml"
    path.write_text(
        (ROOT / "_data" / "trials" / "gamma-closed.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    assert load_trial(path).problems == []


def test_eligibility_holds_no_free_text():
    """Codes and numbers only: nothing to translate, nothing to inject."""
    schema = json.loads(
        (
            Path(__file__).parent.parent
            / "extensions/trial_facts/schemas/trial.schema.json"
        ).read_text(encoding="utf-8")
    )
    fields = schema["$defs"]["eligibility"]["properties"]
    for name, spec in fields.items():
        if name == "source":
            continue
        items = spec.get("items", spec)
        assert (
            "enum" in items
            or items.get("type") in {"integer", "object"}
            or ("pattern" in items)
        ), name


# -- rendering ---------------------------------------------------------------


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _facts(html: str, trial: str) -> str:
    start = html.index(f'id="trial-facts-{trial}"')
    return html[start : html.index("</table>", start)]


@pytest.mark.sphinx("html", testroot="eligibility")
def test_who_can_join_rows_in_english(app):
    app.build()
    assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()
    html = (Path(app.outdir) / "gamma.html").read_text(encoding="utf-8")
    table = _text(_facts(html, "gamma-open"))
    for sentence in (
        "Who can join",
        "only the trial team can confirm",
        "Age 18 to 80",
        "First symptoms no more than 24 months ago",
        "Breathing: forced vital capacity (FVC) at least 60% of predicted",
        "Needs a known change in the SOD1 gene",
        "Riluzole allowed at a stable dose",
        "Edaravone not allowed",
        "2 of 3 people receive the drug, 1 of 3 a placebo",
        "Open-label extension offered",
        "About 12 visits over 48 weeks",
        "Sites in: France, Norway, and Spain",
    ):
        assert sentence in table, sentence
    # A field the source leaves out is said to be unstated, never guessed.
    assert re.search(r"Other trials Not stated in the registry", table), table
    assert 'href="https://clinicaltrials.gov/study/NCT07654321#eligibility"' in (
        _facts(html, "gamma-open")
    )
    # A closed trial without eligibility shows no such rows.
    assert "Who can join" not in _text(_facts(html, "gamma-closed"))


@pytest.mark.sphinx("html", testroot="eligibility", confoverrides={"language": "es"})
def test_who_can_join_rows_in_spanish(app):
    app.build()
    assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()
    html = (Path(app.outdir) / "gamma.html").read_text(encoding="utf-8")
    table = _text(_facts(html, "gamma-open"))
    for sentence in (
        "Quién puede participar",
        "Edad de 18 a 80 años",
        "Primeros síntomas hace 24 meses como máximo",
        "al menos el 60 % del valor previsto",  # a no-break space, collapsed
        "Requiere un cambio conocido en el gen SOD1",
        "Se permite tomar Riluzol a dosis estable",
        "2 de cada 3 personas reciben el medicamento y 1 de cada 3, placebo",
        "Unas 12 visitas a lo largo de 48 semanas",
        "Centros en: España, Francia y Noruega",
        "No consta en el registro",
    ):
        assert sentence in table, sentence
    assert "Who can join" not in table


@pytest.mark.sphinx("html", testroot="eligibility")
def test_overview_columns_and_row_data(app):
    app.build()
    html = (Path(app.outdir) / "overview.html").read_text(encoding="utf-8")
    tables = html.split("<table")[1:]
    assert len(tables) == 2
    open_table, all_table = tables
    # The flagged overview shows the eligibility columns, for readers without
    # JavaScript; the other keeps its seven columns.
    for header in ("Age", "Time since ALS began", "Genes", "Countries"):
        assert f"<p>{header}</p></th>" in open_table, header
    assert "Time since ALS began" not in all_table
    cells = _text(open_table)
    assert "Age 18 to 80" in cells and "France, Norway, and Spain" in cells
    assert 'data-label="Genes"><p class="notranslate">SOD1</p>' in open_table
    row = re.search(r"<tr [^>]*kb-status-recruiting[^>]*>", open_table).group(0)
    for attribute in (
        'data-age-min="18"',
        'data-age-max="80"',
        'data-onset-max="24"',
        'data-onset-from="symptom-onset"',
        'data-genes="SOD1"',
        'data-countries="ES FR NO"',
    ):
        assert attribute in row, (attribute, row)
    closed = re.search(r"<tr [^>]*kb-status-completed[^>]*>", all_table).group(0)
    for attribute in ("data-age", "data-onset", "data-genes", "data-countries"):
        assert attribute not in closed, closed


@pytest.mark.sphinx("html", testroot="eligibility")
def test_exports_carry_eligibility(app):
    app.build()
    out = Path(app.outdir)
    items = {
        t["id"]: t
        for t in json.loads((out / "trials.json").read_text(encoding="utf-8"))["items"]
    }
    assert items["gamma-open"]["eligibility"]["onset_months_max"] == 24
    assert items["gamma-open"]["eligibility"]["countries"] == ["ES", "FR", "NO"]
    assert "eligibility" not in items["gamma-closed"]
    with (out / "trials.csv").open(encoding="utf-8", newline="") as f:
        rows = {row["id"]: row for row in csv.DictReader(f)}
    row = rows["gamma-open"]
    assert (row["age_min"], row["age_max"], row["onset_months_max"]) == (
        "18",
        "80",
        "24",
    )
    assert row["onset_counted_from"] == "symptom-onset"
    assert row["breathing_min"] == "FVC 60"
    assert row["genes_required"] == "SOD1"
    assert row["allocation_ratio"] == "2:1"
    assert row["countries"] == "ES FR NO"
    assert row["eligibility_source"].startswith("https://clinicaltrials.gov/")
    assert rows["gamma-closed"]["age_min"] == ""
    # No cell of the file starts a spreadsheet formula.
    for cells in rows.values():
        for value in cells.values():
            assert not value.startswith(("=", "+", "-", "@")), value


def test_contributing_example_is_valid(tmp_path):
    """The eligibility example in CONTRIBUTING.md passes every rule."""
    guide = (Path(__file__).parent.parent / "CONTRIBUTING.md").read_text(
        encoding="utf-8"
    )
    example = re.search(r"```yaml\n(eligibility:\n.*?)```", guide, re.S).group(1)
    text = (
        GOOD[: GOOD.index("eligibility:")] + example + 'last_verified: "2026-01-15"\n'
    )
    record = _record(tmp_path, text)
    assert record.problems == []
    assert record.data["eligibility"]["countries"] == ["ES", "FR", "NO"]
