"""Every rule produces a warning that names the file, the line, the field and
what is allowed; the strict build fails on any of them."""

from __future__ import annotations

import re

import pytest


@pytest.fixture
def warnings(app) -> list[str]:
    app.build()
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    return [line.replace(str(app.srcdir) + "/", "") for line in text.splitlines()]


def _has(warnings: list[str], location: str, *parts: str) -> None:
    for line in warnings:
        if location in line and all(part in line for part in parts):
            return
    pytest.fail(f"no warning at {location} with {parts!r} in:\n" + "\n".join(warnings))


pytestmark = pytest.mark.sphinx("html", testroot="invalid")


def test_schema_rules(warnings):
    bad = "_data/trials/bad-fields.yaml"
    _has(
        warnings,
        f"{bad}:4:",
        "field 'registry[0]'",
        "'NCT123' is not a known registry ID",
        "NCT02623699",
    )
    _has(
        warnings,
        f"{bad}:6:",
        "field 'phase'",
        "'5' is not allowed",
        "1, 1b, 1/2, 1/2a, 2, 2a, 2b, 2/3, 3, 4, na",
        "[trial-facts.schema]",
    )
    _has(warnings, f"{bad}:8:", "field 'participants.count'", "the minimum is 1")
    _has(warnings, f"{bad}:10:", "field 'primary_outcomes'", "needs at least 1 item")
    _has(
        warnings,
        f"{bad}:15:",
        "field 'sources[0].url'",
        "'javascript:alert(1)'",
        "http:// or https://",
    )
    _has(
        warnings,
        f"{bad}:15:",
        "field 'sources[0].kind'",
        "'blog' is not allowed",
        "registry, publication",
    )
    _has(warnings, f"{bad}:16:", "field 'last_verified'", "YYYY-MM-DD")


def test_cross_field_rules(warnings):
    bad = "_data/trials/bad-fields.yaml"
    _has(
        warnings,
        f"{bad}:7:",
        "field 'design'",
        "'randomized' and 'non-randomized' contradict",
        "[trial-facts.rule]",
    )
    _has(warnings, f"{bad}:7:", "'open-label' and 'double-blind' contradict")
    _has(
        warnings,
        f"{bad}:11:",
        "'why_stopped' is required when the status is 'terminated'",
    )
    _has(
        warnings, f"{bad}:13:", "field 'end'", "end '2020-01' is before start '2021-05'"
    )
    _has(
        warnings,
        "_data/trials/copy.yaml:1:",
        "field 'id'",
        "'copy-of-good' must equal the file name ('copy')",
    )
    _has(
        warnings,
        "_data/trials/copy.yaml:11:",
        "'why_stopped' is required when the status is 'withdrawn'",
    )
    _has(
        warnings,
        "_data/trials/no-results.yaml:11:",
        "'results' is required when the status is 'completed'",
    )


def test_yaml_errors(warnings):
    _has(warnings, "_data/trials/broken.yaml:", "not valid YAML", "[trial-facts.yaml]")


def test_drug_rules_are_located_in_the_page(warnings):
    _has(
        warnings,
        "drug.md:7:",
        "field 'modality'",
        "'pill' is not allowed",
        "small-molecule",
    )
    _has(
        warnings,
        "drug.md:10:",
        "field 'stage'",
        "'approvals' is required when the stage is 'approved'",
    )
    _has(
        warnings,
        "drug.md:52:",
        "field 'colour'",
        "unknown field(s) colour",
        "allowed fields:",
    )


def test_references_that_do_not_resolve(warnings):
    _has(
        warnings,
        "drug.md:25:",
        "trial-facts 'bad-fields': its record has errors",
        "[trial-facts.unknown]",
    )
    _has(
        warnings,
        "drug.md:28:",
        "trial-facts 'no-such-trial': there is no file",
        "no-such-trial.yaml",
    )
    _has(
        warnings,
        "drug.md:34:",
        "trial 'good' is already shown in drug (line 31)",
        "[trial-facts.duplicate]",
    )
    _has(warnings, "drug.md:", "unknown drug id 'omega'", "known ids: delta")
    _has(
        warnings, "drug.md:", "status: finished is not allowed", "open, ongoing, closed"
    )


def test_whole_set_rules(warnings):
    _has(
        warnings,
        "_data/trials/good.yaml:3:",
        "field 'drugs[0]': no page declares drug 'epsilon'",
        "delta",
    )


def test_unshown_and_duplicate_registry(tmp_path, make_app, rootdir):
    import shutil

    src = tmp_path / "root"
    shutil.copytree(rootdir / "test-basic", src)
    (src / "_data/trials/orphan.yaml").write_text(
        (src / "_data/trials/beta-two.yaml")
        .read_text()
        .replace("id: beta-two", "id: orphan"),
        encoding="utf-8",
    )
    app = make_app("html", srcdir=src)
    app.build()
    text = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    assert "orphan.yaml:1: WARNING: trial 'orphan' is not shown on any page" in text
    # Blamed on the later file, naming the earlier one with its line too.
    assert re.search(
        r"orphan\.yaml:4: WARNING: field 'registry\[0\]': EudraCT 2020-001234-56 in "
        r"\S*orphan\.yaml:4 is already the registry ID of trial 'beta-two' in "
        r"\S*beta-two\.yaml:4;",
        text,
    ), text


def test_strict_build_fails(tmp_path, rootdir):
    """With -W (as make html runs it), any of these problems fails the build."""
    import subprocess
    import sys

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-W",
            "--keep-going",
            "-q",
            str(rootdir / "test-invalid"),
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "[trial-facts.schema]" in result.stderr
