"""Read every trial record at the start of each build and check the whole set.

Trial records are files, not pages, so they are loaded (and checked) once per
build, before any page is read. Checks that need every page come after reading
(``env-check-consistency``). When anything changed, the pages holding overviews
are handed back to Sphinx to be written again (``env-updated``), so they never
go stale in an incremental build (sphinx-doc/sphinx#9706).

Configuration (``conf.py``)::

    kb_trial_data_dir = "_data/trials"   # relative to the source folder
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from review_dates.schedule import build_date, intervals, record_due

from .records import load_trial
from .registries import identify
from .warnings_ import warn, warn_problem
from .xrefs import DOMAIN


def data_dir(app: Sphinx) -> Path:
    return Path(app.srcdir, app.config.kb_trial_data_dir)


def display_path(app: Sphinx, path: Path) -> str:
    """A path as readers of a warning know it: relative to the current folder."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _load_all(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """Load every record before Sphinx decides what to read (``env-get-outdated``).

    Returns the pages that asked for a trial that was missing or broken then and
    is valid now, so that they are read again.
    """
    domain = env.get_domain(DOMAIN)
    folder = data_dir(app)
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    trials, fingerprint = {}, {}
    previous, before = domain.data["trials"], domain.data["fingerprint"]
    for path in files:
        stat = path.stat()
        fingerprint[path.stem] = (stat.st_mtime_ns, stat.st_size)
        if path.stem in previous and before.get(path.stem) == fingerprint[path.stem]:
            # Unchanged since the last build, and valid then: no need to parse it
            # again (an invalid record is never kept, so it is reported each time).
            trials[path.stem] = previous[path.stem]
            continue
        record = load_trial(path, display_path(app, path))
        for problem in record.problems:
            warn_problem(problem)
        if record.problems:
            continue
        trials[path.stem] = {
            "data": record.data,
            "path": record.path,
            "abspath": str(path.resolve()),
            "lines": record.lines,
        }
    for extra in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        warn(
            f"trial records end in .yaml; rename {extra.name}",
            f"{display_path(app, extra)}:1",
            "schema",
        )
    _check_registry_duplicates(trials)
    domain.data["dirty"] = fingerprint != domain.data["fingerprint"]
    domain.data["changed"] = [
        ["trial", trial_id]
        for trial_id in sorted({*fingerprint, *domain.data["fingerprint"]})
        if fingerprint.get(trial_id) != domain.data["fingerprint"].get(trial_id)
    ]
    # The drugs a changed trial names, before and after the change (a removed
    # or re-assigned trial no longer says which drug it belonged to).
    for _kind, trial_id in list(domain.data["changed"]):
        for entry in (previous.get(trial_id), trials.get(trial_id)):
            for drug_id in entry["data"]["drugs"] if entry else ():
                domain.note_changed("trials-of", drug_id)
    if removed:
        # A removed page may have declared drugs or shown trials that others
        # link to; it is already forgotten, so every linking page is rewritten.
        domain.data["dirty"] = True
        domain.data["changed"].append(["*"])
    domain.data["trials"] = trials
    domain.data["fingerprint"] = fingerprint
    _note_review_dates(app, domain)
    return sorted(
        docname
        for docname, wanted in domain.data["wanted"].items()
        if any(trial_id in trials for trial_id in wanted)
    )


def _note_review_dates(app: Sphinx, domain) -> None:
    """Each record's next review date (``data["due"]``) and which are overdue.

    When the set of overdue records changes (a record was re-checked, or the
    build date passed a due date), the overviews are written again to mark them.
    """
    months = intervals(app.config)
    built = build_date()
    due = {
        trial_id: record_due(entry["data"], months["open"], months["other"])
        for trial_id, entry in domain.trials.items()
    }
    domain.data["due"] = {t: d.isoformat() for t, d in due.items() if d}
    overdue = sorted(t for t, d in due.items() if d and d < built)
    if overdue != domain.data.get("overdue", []):
        domain.data["dirty"] = True
    domain.data["overdue"] = overdue


def _targets_on(domain, docnames: set[str]) -> list[tuple[str, str]]:
    """The drugs declared and the trials shown on *docnames*."""
    return [
        *(("drug", d) for d, e in domain.drugs.items() if e["docname"] in docnames),
        *(("trial", t) for t, e in domain.shown.items() if e["docname"] in docnames),
    ]


def _note_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Before pages are read again: what they declared may change or go away."""
    domain = env.get_domain(DOMAIN)
    domain.data["read"] = sorted(docnames)
    if docnames:
        domain.data["dirty"] = True
        for kind, target in _targets_on(domain, set(docnames)):
            domain.note_changed(kind, target)


def _check_registry_duplicates(trials: dict) -> None:
    """One registry ID, one record: name both files, blame the later one.

    Files are read in sorted order, so "later" is not "newer": the warning names
    both places, and the contributor decides which record is wrong.
    """
    seen: dict[str, tuple[str, str, int]] = {}
    for trial_id, entry in trials.items():
        for index, raw in enumerate(entry["data"].get("registry") or []):
            found = identify(raw)
            value = found.number if found else raw
            line = entry["lines"].get(("registry", index), 1)
            if value in seen:
                first_id, first_path, first_line = seen[value]
                warn(
                    f"field 'registry[{index}]': {raw} in {entry['path']}:{line} is "
                    f"already the registry ID of trial {first_id!r} in "
                    f"{first_path}:{first_line}; one registry entry is one trial "
                    "record: fix the ID in the wrong file, or merge the two records",
                    f"{entry['path']}:{line}",
                    "duplicate",
                )
            else:
                seen[value] = (trial_id, entry["path"], line)


def _check_consistency(app: Sphinx, env: BuildEnvironment) -> None:
    domain = env.get_domain(DOMAIN)
    for trial_id, entry in sorted(domain.trials.items()):
        for index, drug in enumerate(entry["data"]["drugs"]):
            if drug not in domain.drugs:
                line = entry["lines"].get(("drugs", index), 1)
                warn(
                    f"field 'drugs[{index}]': no page declares drug {drug!r}; declare it "
                    "with a drug-facts block, or use one of: "
                    + ", ".join(sorted(domain.drugs)),
                    f"{entry['path']}:{line}",
                    "unknown",
                )
        if trial_id not in domain.shown:
            warn(
                f"trial {trial_id!r} is not shown on any page; add "
                f"'```{{trial-facts}} {trial_id}' to the page of one of its drugs",
                f"{entry['path']}:1",
                "unshown",
            )


def _overview_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    domain = env.get_domain(DOMAIN)
    # What the pages read now declare (new names, new drugs) changed too.
    for kind, target in _targets_on(domain, set(domain.data["read"])):
        domain.note_changed(kind, target)
    pages = domain.pages_to_rewrite() if domain.data["dirty"] else []
    domain.data["changed"], domain.data["read"] = [], []
    return pages


def setup_loading(app: Sphinx) -> None:
    app.add_config_value("kb_trial_data_dir", "_data/trials", "env", types=[str])
    app.connect("env-get-outdated", _load_all)
    app.connect("env-before-read-docs", _note_reading)
    app.connect("env-check-consistency", _check_consistency)
    app.connect("env-updated", _overview_pages)
