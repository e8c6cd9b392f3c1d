"""``make new-drug``, ``make new-trial`` and ``make new-page``: files to fill, then a clean build.

A new file passes the records' schema but fails the strict build with one
warning per field left to fill (file, line, field, "fill in ..."); once each is
filled it builds without a warning. Bad input is refused before anything is
written.
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sphinx.testing.util import _clean_up_global_state

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "extensions"))

from scaffolds.new import Refused, new_drug, new_page, new_trial  # noqa: E402
from scaffolds.unfilled import unfilled  # noqa: E402

TODAY = date(2026, 12, 1)
CONF = (
    "import sys\n"
    f"sys.path.insert(0, {str(REPO / 'extensions')!r})\n"
    "extensions = ['myst_parser', 'front_matter', 'trial_facts', 'review_dates',"
    " 'scaffolds']\n"
    "exclude_patterns = ['_build', '_data']\n"
    "nitpicky = True\n"
)
FRONT = "---\nlast_reviewed: 2026-11-26\n---\n\n"
TREE = "```{{toctree}}\n:maxdepth: 1\n{glob}\n{entries}\n```\n"
BASE_DRUG = (
    FRONT + "(drug-base-drug)=\n# Base drug\n\n```{drug-facts}\nid: base-drug\n"
    "name: Base drug\nsponsor: Example Pharma\nmodality: small-molecule\n"
    "route: [oral]\nmechanism: It is thought to protect motor neurons.\n"
    'stage: in-development\nlast_reviewed: "2026-11-26"\n```\n\n'
    "Base drug is a tablet.\n\n## Trials\n\nNone yet.\n\n## Sources\n\n- A source.\n"
)


def _project(root: Path) -> Path:
    """A small site shaped like docs/: sections, drug stages, no records yet."""
    docs = root / "docs"
    pages = {
        "index.md": "# Home\n\n"
        + TREE.format(glob="", entries="drugs/index\ncare/index"),
        "drugs/index.md": "# Drugs\n\n"
        + TREE.format(
            glob="", entries="in-development/index\napproved/index\ndiscontinued/index"
        ),
        "care/index.md": "# Care\n\n" + TREE.format(glob="", entries="breathing"),
        "care/breathing.md": "(care-breathing)=\n# Breathing\n\nText.\n",
        "drugs/in-development/base-drug.md": BASE_DRUG,
    }
    for stage in ("in-development", "approved", "discontinued"):
        pages[f"drugs/{stage}/index.md"] = f"# {stage}\n\n" + TREE.format(
            glob=":glob:", entries="*"
        )
        pages[f"drugs/{stage}/about.md"] = f"# About {stage}\n\nText.\n"
    for name, text in pages.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            text if text.startswith("---") else FRONT + text, encoding="utf-8"
        )
    (docs / "_data/trials").mkdir(parents=True)
    (docs / "conf.py").write_text(CONF, encoding="utf-8")
    return docs


def _build(make_app, docs: Path) -> list[str]:
    app = make_app("html", srcdir=docs, freshenv=True)
    try:
        app.build()
    finally:
        _clean_up_global_state()  # a second build in the same test starts clean
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line for line in text.splitlines() if line.strip()]


def _filled(path: Path) -> None:
    """What a contributor does: write each value and delete each note."""
    lines = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        line = re.sub(r"\s+# FILL IN.*$", "", line)
        lines.append(line.replace("FILL IN: ", ""))
    path.write_text("\n".join(lines), encoding="utf-8")


def _expected(path: Path, docs: Path) -> list[tuple[str, int, str]]:
    text = path.read_text(encoding="utf-8")
    return [
        (str(path), gap.line, gap.field)
        for gap in unfilled(text, path.suffix == ".yaml")
    ]


def _located(warnings: list[str]) -> list[tuple[str, int, str]]:
    found = []
    for warning in warnings:
        match = re.match(
            r"(.+?):(\d+): WARNING: ((?:field|section) '[^']*'|the title|the opening text|a heading): fill in .+ \[scaffold\.unfilled\]$",
            warning,
        )
        assert match, warning
        found.append((str(Path(match[1]).resolve()), int(match[2]), match[3]))
    return found


def test_new_drug_and_trial_fail_until_filled_then_build(tmp_path, make_app):
    docs = _project(tmp_path)
    drug = new_drug(docs, "new-drug", "in-development", TODAY)
    trial = new_trial(docs, "new-drug-phase-2", "new-drug", TODAY)
    assert drug == (docs / "drugs/in-development/new-drug.md").resolve()
    assert trial == (docs / "_data/trials/new-drug-phase-2.yaml").resolve()
    assert "```{trial-facts} new-drug-phase-2" in drug.read_text(encoding="utf-8")
    expected = _expected(drug, docs) + _expected(trial, docs)
    # Every field of the skeleton to fill, each named once.
    fields = {field for _, _, field in expected}
    assert {
        "field 'sponsor'",
        "field 'phase'",
        "field 'sources.url'",
        "the title",
        "section 'Trials'",
        "field 'last_reviewed'",
        "field 'mechanism'",
    } <= fields
    warnings = _build(make_app, docs)
    # Nothing but the unfilled fields: the skeleton passes the schema.
    assert sorted(_located(warnings)) == sorted(
        (str(Path(p).resolve()), line, field) for p, line, field in expected
    )
    assert len(warnings) == len(expected) >= 25
    _filled(drug)
    _filled(trial)
    assert _build(make_app, docs) == []


def test_new_approved_drug_has_an_approval_to_fill(tmp_path, make_app):
    docs = _project(tmp_path)
    drug = new_drug(docs, "older-drug", "approved", TODAY)
    warnings = _build(make_app, docs)
    assert any("field 'approvals': fill in each approval" in w for w in warnings)
    assert all("[scaffold.unfilled]" in w for w in warnings), warnings
    _filled(drug)
    assert _build(make_app, docs) == []


def test_new_page_is_listed_and_fails_until_filled(tmp_path, make_app):
    docs = _project(tmp_path)
    page = new_page(docs, "care", "sleep", TODAY)
    assert page == (docs / "care/sleep.md").resolve()
    assert "breathing\nsleep\n```" in (docs / "care/index.md").read_text(
        encoding="utf-8"
    )
    warnings = _build(make_app, docs)
    assert sorted(_located(warnings)) == sorted(
        (str(page), line, field) for _, line, field in _expected(page, docs)
    )
    assert any(
        ":2: WARNING: field 'last_reviewed': fill in the day" in w for w in warnings
    )
    _filled(page)
    assert _build(make_app, docs) == []


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda d: new_drug(d, "../../etc/x", "approved"), "is not allowed"),
        (lambda d: new_drug(d, "Tofersen", "approved"), "is not allowed"),
        (lambda d: new_drug(d, "x" * 61, "approved"), "is not allowed"),
        (lambda d: new_drug(d, "a--b", "approved"), "is not allowed"),
        (lambda d: new_drug(d, "new", "../../tmp"), "STAGE '../../tmp' is not allowed"),
        (lambda d: new_drug(d, "base-drug", "approved"), "already declared"),
        (lambda d: new_drug(d, "x\n---", "approved"), "is not allowed"),
        (lambda d: new_trial(d, "other-x", "base-drug"), "must start with"),
        (lambda d: new_trial(d, "ghost-x", "ghost"), "not declared on any drug page"),
        (lambda d: new_trial(d, "base-drug-/x", "base-drug"), "is not allowed"),
        (lambda d: new_page(d, "..", "x"), "SECTION '..' is not allowed"),
        (lambda d: new_page(d, "drugs", "x"), "is not allowed"),
        (lambda d: new_page(d, "_data", "x"), "is not allowed"),
        (lambda d: new_page(d, "care", "breathing"), "already exists"),
        (lambda d: new_page(d, "care", "index"), "section's own page"),
        (lambda d: new_page(d, "care", "a b"), "is not allowed"),
    ],
)
def test_bad_input_is_refused_and_nothing_written(tmp_path, call, message):
    docs = _project(tmp_path)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    with pytest.raises(Refused, match=re.escape(message)):
        call(docs)
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before


def test_existing_file_behind_a_link_is_not_replaced(tmp_path):
    docs = _project(tmp_path)
    outside = tmp_path / "outside.md"
    outside.write_text("keep", encoding="utf-8")
    (docs / "care/sleep.md").symlink_to(outside)
    with pytest.raises(Refused):
        new_page(docs, "care", "sleep")
    assert outside.read_text(encoding="utf-8") == "keep"


def test_make_targets_call_the_scaffolds(tmp_path):
    """The Makefile passes its variables through; a refusal is one line, status 2."""
    docs = _project(tmp_path)
    done = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-s",
            "new-page",
            "SECTION=care",
            "NAME=sleep",
            f"DOCS={docs}",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (docs / "care/sleep.md").is_file()
    again = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-s",
            "new-drug",
            "ID=$(rm -rf x)",
            "STAGE=approved",
            f"DOCS={docs}",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode != 0
    assert "error: ID '$(rm -rf x)' is not allowed" in again.stderr
