"""The contributors' machinery is valid: CI workflow, pre-commit, Read the Docs, issue forms.

None of these files runs here (GitHub and Read the Docs run them), so each is
checked by the tool that knows its format: actionlint and zizmor (offline) for
the workflow, pre-commit's own validation, check-jsonschema's copy of Read the
Docs' and GitHub's schemas, and the documented keys written out below.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
BIN = REPO / ".venv" / "bin"
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
FORMS = sorted(
    p
    for p in (REPO / ".github" / "ISSUE_TEMPLATE").glob("*.yml")
    if p.name != "config.yml"
)


def _tool(name: str) -> str:
    found = BIN / name
    if found.is_file():
        return str(found)
    path = shutil.which(name)
    if path is None:
        pytest.fail(
            f"{name} is missing: `make` installs it (pyproject.toml, test extra)"
        )
    return path


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        command, cwd=REPO, capture_output=True, text=True, check=False, timeout=120
    )


# -- The CI workflow -------------------------------------------------------------
def test_there_is_a_workflow():
    assert [p.name for p in WORKFLOWS] == ["ci.yml"]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actionlint_finds_nothing(workflow):
    done = _run(_tool("actionlint"), "-no-color", str(workflow))
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_zizmor_finds_nothing(workflow):
    done = _run(
        _tool("zizmor"),
        "--offline",
        "--no-progress",
        "--min-severity=low",
        str(workflow),
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_checkers_fail_on_a_bad_workflow(tmp_path):
    """The two tests above can fail: a workflow with the classic mistakes."""
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request_target\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n"
        "      - uses: actions/cache@v4\n        with:\n          pth: x\n",
        encoding="utf-8",
    )
    assert _run(_tool("actionlint"), str(bad)).returncode != 0
    assert _run(_tool("zizmor"), "--offline", "--no-progress", str(bad)).returncode != 0


_PINNED = re.compile(
    r"^\s*(?:-\s+)?uses:\s+([\w.-]+/[\w.-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+$"
)


def test_the_workflow_does_what_the_readme_says():
    text = (REPO / ".github/workflows/ci.yml").read_text(encoding="utf-8")
    flow = yaml.safe_load(text)
    # `on:` is read by YAML 1.1 as True.
    events = flow[True]
    assert set(events) == {"pull_request", "push"}
    assert events["push"] == {"branches": ["main"]}
    assert flow["permissions"] == {"contents": "read"}
    (job,) = flow["jobs"].values()
    assert "permissions" not in job or job["permissions"] == {"contents": "read"}
    steps = job["steps"]
    runs = [s.get("run", "") for s in steps]
    # Exactly the README's make test, through .ci/run (Debian packages first).
    assert "bash .ci/run" in runs
    ci_run = (REPO / ".ci/run").read_text(encoding="utf-8")
    assert "make system-packages" in ci_run and "\nmake test\n" in ci_run
    assert job["container"].startswith("debian:")
    uses = [s["uses"] for s in steps if "uses" in s]
    assert {u.split("@")[0] for u in uses} == {
        "actions/checkout",
        "actions/cache",
        "actions/upload-artifact",
    }
    # Every action at a full commit, its release in a comment.
    lines = [line for line in text.splitlines() if "uses:" in line]
    assert lines and all(_PINNED.match(line) for line in lines), lines
    checkout = next(
        s for s in steps if s.get("uses", "").startswith("actions/checkout")
    )
    assert checkout["with"]["persist-credentials"] is False
    caches = [
        s["with"]["key"] for s in steps if s.get("uses", "").startswith("actions/cache")
    ]
    assert any("hashFiles('pyproject.toml')" in k for k in caches)
    assert any("hashFiles('tests/browser/package-lock.json')" in k for k in caches)
    upload = next(
        s for s in steps if s.get("uses", "").startswith("actions/upload-artifact")
    )
    assert upload["with"]["path"] == "_build/html"


# -- pre-commit ------------------------------------------------------------------
def test_pre_commit_config_is_valid():
    done = _run(_tool("pre-commit"), "validate-config", ".pre-commit-config.yaml")
    assert done.returncode == 0, done.stdout + done.stderr


def test_pre_commit_validation_can_fail(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "repos:\n  - repo: local\n    hooks:\n      - id: x\n", encoding="utf-8"
    )
    assert _run(_tool("pre-commit"), "validate-config", str(bad)).returncode != 0


def test_every_hook_is_local_and_offline():
    """No hook repository to clone: only PyPI is reachable on CI's machines."""
    config = yaml.safe_load(
        (REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    )
    assert [r["repo"] for r in config["repos"]] == ["local"]
    hooks = config["repos"][0]["hooks"]
    assert {h["language"] for h in hooks} == {"system"}
    ids = {h["id"] for h in hooks}
    assert {
        "ruff-check",
        "ruff-format",
        "trial-records",
        "po-check",
        "trailing-whitespace",
        "end-of-file-fixer",
        "actionlint",
        "zizmor",
    } <= ids
    for hook in hooks:
        command = hook["entry"].split()
        tool = command[2] if command[0] == "env" else command[0]
        assert tool.startswith(".venv/bin/"), hook
        assert (REPO / tool).exists(), (
            f"{tool} is not installed (pyproject.toml, test extra)"
        )


def test_make_lint_runs_the_hooks():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    lint = re.search(r"^lint:.*\n((?:\t.*\n)+)", makefile, re.M)[1]
    assert "pre-commit run --all-files" in lint
    assert re.search(r"^test:.*\blint\b", makefile, re.M)


# -- Read the Docs ---------------------------------------------------------------
# The keys and values Read the Docs documents for its configuration file, version
# 2: https://docs.readthedocs.io/en/stable/config-file/v2.html (sections
# "version", "formats", "python.install", "build.os", "build.tools.python",
# "build.jobs", "build.commands"; checked 2026-12-05), as far as this project
# uses them. Read the Docs refuses a file with any other key.
RTD_TOP = {"version", "formats", "build", "python", "sphinx", "mkdocs", "conda",
           "submodules", "search"}  # fmt: skip
RTD_BUILD = {"os", "tools", "jobs", "commands", "apt_packages"}
RTD_OS = {"ubuntu-22.04", "ubuntu-24.04", "ubuntu-lts-latest"}
RTD_PYTHON = {"3", "3.10", "3.11", "3.12", "3.13", "3.14", "latest"}
RTD_JOBS = {"post_checkout", "pre_system_dependencies", "post_system_dependencies",
            "pre_create_environment", "create_environment", "post_create_environment",
            "pre_install", "install", "post_install", "pre_build", "build",
            "post_build"}  # fmt: skip
RTD_BUILD_JOB_FORMATS = {"html", "pdf", "epub", "htmlzip"}
RTD_FORMATS = {"htmlzip", "pdf", "epub"}


def _rtd_problems(config: dict) -> list[str]:
    problems = []
    if config.get("version") != 2:
        problems.append("version must be 2")
    problems += [f"unknown key {k!r}" for k in set(config) - RTD_TOP]
    build = config.get("build", {})
    problems += [f"unknown key build.{k}" for k in set(build) - RTD_BUILD]
    if build.get("os") not in RTD_OS:
        problems.append(f"build.os {build.get('os')!r}")
    python = build.get("tools", {}).get("python")
    if not isinstance(python, str) or python not in RTD_PYTHON:
        problems.append(f"build.tools.python {python!r} (quote it)")
    jobs = build.get("jobs", {})
    problems += [f"unknown job {k!r}" for k in set(jobs) - RTD_JOBS]
    for name, commands in jobs.items():
        if name == "build":
            problems += [
                f"unknown build job {k!r}"
                for k in set(commands) - RTD_BUILD_JOB_FORMATS
            ]
            commands = [c for cs in commands.values() for c in cs]
        if not all(isinstance(c, str) for c in commands):
            problems.append(f"build.jobs.{name} must be a list of commands")
    if "commands" in build and "jobs" in build:
        problems.append("build.commands replaces build.jobs: use one")
    formats = config.get("formats", [])
    if formats != "all" and not set(formats) <= RTD_FORMATS:
        problems.append(f"formats {formats!r}")
    for item in config.get("python", {}).get("install", []):
        if set(item) - {"method", "path", "extra_requirements", "requirements"}:
            problems.append(f"python.install item {item!r}")
    return problems


def test_readthedocs_file_uses_documented_keys_only():
    config = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert _rtd_problems(config) == []
    # One edition per project, built strictly into the folder Read the Docs hosts.
    (command,) = config["build"]["jobs"]["build"]["html"]
    assert "-W --keep-going -n" in command and '"$READTHEDOCS_OUTPUT/html"' in command
    assert "-D language" not in command  # conf.py reads READTHEDOCS_LANGUAGE


def test_readthedocs_check_can_fail():
    bad = {"version": 1, "build": {"os": "ubuntu-18.04", "tools": {"python": 3.1},
           "jobs": {"pre_biuld": ["x"]}}, "formats": ["docx"], "sphinx_": {}}  # fmt: skip
    assert len(_rtd_problems(bad)) == 6


def test_readthedocs_file_matches_its_published_schema(tmp_path):
    done = _run(_tool("check-jsonschema"), "--builtin-schema", "vendor.readthedocs",
                ".readthedocs.yaml")  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    bad = tmp_path / ".readthedocs.yaml"
    bad.write_text("version: 2\nbuild:\n  os: ubuntu-18.04\n", encoding="utf-8")
    done = _run(
        _tool("check-jsonschema"), "--builtin-schema", "vendor.readthedocs", str(bad)
    )
    assert done.returncode != 0


# -- Issue forms -----------------------------------------------------------------
# GitHub's issue forms: required top-level name, description and body; each body
# element a known type; ids and labels unique; every non-markdown element has an
# id and a label (docs.github.com, "Syntax for issue forms" and "Common
# validation errors when creating issue forms").
FORM_TOP = {
    "name",
    "description",
    "body",
    "title",
    "labels",
    "assignees",
    "projects",
    "type",
}
ELEMENTS = {"markdown", "textarea", "input", "dropdown", "checkboxes"}


def _form_problems(form: object) -> list[str]:
    if not isinstance(form, dict):
        return ["not a mapping"]
    problems = [
        f"missing {k}" for k in ("name", "description", "body") if not form.get(k)
    ]
    problems += [f"unknown key {k}" for k in set(form) - FORM_TOP]
    ids, labels = [], []
    for index, element in enumerate(form.get("body") or []):
        kind = element.get("type")
        attributes = element.get("attributes") or {}
        if kind not in ELEMENTS:
            problems.append(f"body[{index}] type {kind!r}")
            continue
        if kind == "markdown":
            if not attributes.get("value"):
                problems.append(f"body[{index}] markdown without value")
            continue
        if not re.fullmatch(r"[A-Za-z0-9_-]+", str(element.get("id", ""))):
            problems.append(f"body[{index}] id {element.get('id')!r}")
        ids.append(element.get("id"))
        if not attributes.get("label"):
            problems.append(f"body[{index}] without label")
        labels.append(attributes.get("label"))
        if kind in ("dropdown", "checkboxes") and not attributes.get("options"):
            problems.append(f"body[{index}] {kind} without options")
    problems += [f"id {i!r} twice" for i in set(ids) if ids.count(i) > 1]
    problems += [f"label {x!r} twice" for x in set(labels) if labels.count(x) > 1]
    if not ids:
        problems.append("no field to fill")
    return problems


def test_there_are_the_three_forms():
    assert {p.stem for p in FORMS} == {"wrong-fact", "propose-page", "join-translator"}


@pytest.mark.parametrize("form", FORMS, ids=lambda p: p.name)
def test_issue_form_is_valid(form):
    assert _form_problems(yaml.safe_load(form.read_text(encoding="utf-8"))) == []
    done = _run(_tool("check-jsonschema"), "--builtin-schema", "vendor.github-issue-forms",
                str(form))  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_issue_form_check_can_fail():
    bad = {"name": "x", "body": [{"type": "input", "id": "a b", "attributes": {}},
           {"type": "input", "id": "a b", "attributes": {"label": "L"}},
           {"type": "select"}]}  # fmt: skip
    assert _form_problems(bad) == [
        "missing description",
        "body[0] id 'a b'",
        "body[0] without label",
        "body[1] id 'a b'",
        "body[2] type 'select'",
        "id 'a b' twice",
    ]


def test_the_report_link_fills_fields_the_form_has():
    from page_frame.report import FIELDS, FORM

    form = yaml.safe_load(
        (REPO / ".github/ISSUE_TEMPLATE" / FORM).read_text(encoding="utf-8")
    )
    ids = {e.get("id") for e in form["body"]}
    assert set(FIELDS) <= ids


def test_pull_request_template_has_the_review_checklist():
    text = (REPO / ".github/pull_request_template.md").read_text(encoding="utf-8")
    for words in (
        "make test",
        "source",
        "own",
        "glossary",
        "last_reviewed",
        "medical_reviewer",
    ):
        assert words in text
    assert text.count("- [ ]") >= 6


def test_codeowners_require_medical_review():
    rules = {}
    for line in (REPO / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            path, *owners = line.split()
            rules[path] = owners
    for folder in ("/docs/drugs/", "/docs/_data/", "/docs/care/"):
        assert rules[folder] == ["@als-mnd-kb/medical-reviewers"]
    # Later lines win in CODEOWNERS: the medical rules come after the catch-all.
    assert list(rules).index("*") < list(rules).index("/docs/drugs/")


# -- The guides ------------------------------------------------------------------
def test_every_make_command_in_the_guides_exists():
    """Each `make <target>` the guides show (in code) is a target of the Makefile."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    targets = {
        name
        for group in re.findall(r"^([\w-]+(?: [\w-]+)*):", makefile, re.M)
        for name in group.split()
    }
    commands = []
    for guide in ("README.md", "CONTRIBUTING.md", "TRANSLATING.md"):
        text = (REPO / guide).read_text(encoding="utf-8")
        commands += re.findall(r"`(?:sudo )?make ([^`]+)`", text)
        for block in re.findall(r"```sh\n(.*?)```", text, re.S):
            commands += re.findall(r"^(?:sudo )?make (.+)$", block, re.M)
    named = set()
    for command in commands:
        for word in command.split("#")[0].split():
            if "=" in word:
                break
            named.add(word)
    assert {
        "live",
        "new-drug",
        "new-trial",
        "new-page",
        "pre-commit-install",
        "lint",
    } <= named
    assert sorted(named - targets) == []
