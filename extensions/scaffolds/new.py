"""Start a new drug page, trial record or page from the templates in ``templates/``.

Run from the top of the repository (``make new-drug`` and friends call it)::

    python extensions/scaffolds/new.py drug --id tofersen --stage approved
    python extensions/scaffolds/new.py trial --id tofersen-valor --drug tofersen
    python extensions/scaffolds/new.py page --section care --name sleep

Each writes one file under ``docs/`` and prints its path. The file passes the
records' schema, but every field and section to fill holds the words
``FILL IN``, and the strict build fails with one message per such line (file,
line, field, what to write) until each is filled (``scaffolds`` extension).

Input is checked before anything is written: an ID or name must be lower-case
letters, digits and single hyphens; the section must be a folder of ``docs/``
that has an ``index.md``; the stage one the schema allows; an existing file is
never overwritten; nothing is written outside ``docs/``. Each refusal is one
line on standard error and exit status 2.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

_HERE = Path(__file__).resolve().parent
_TEMPLATES = _HERE / "templates"
_REPO_DOCS = _HERE.parent.parent / "docs"
_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_MAX_ID = 60
STAGES = ("approved", "in-development", "discontinued")
_FIELD = re.compile(r"\{(id|label|stage|today|month|drug|approvals)\}")
# An approved drug needs at least one approval (a rule of the drug schema).
_APPROVALS = (
    'approvals:\n  - {agency: other, date: "%s", kind: full}'
    "  # FILL IN: each approval: agency (FDA, EMA, MHRA, Health Canada, PMDA,"
    " TGA, MFDS, NMPA, Swissmedic, ANMAT or other), date as YYYY-MM, kind (full,"
    " conditional, accelerated or exceptional)\n"
)
_DRUG_FACTS = re.compile(r"^```\{drug-facts\}[^\n]*\n(.*?)^```", re.S | re.M)


class Refused(Exception):
    """A bad request: said in one line, nothing written."""


def _check_id(value: str, what: str) -> str:
    if not _ID.fullmatch(value or "") or len(value) > _MAX_ID:
        raise Refused(
            f"{what} {value!r} is not allowed: use lower-case letters, digits and"
            f" single hyphens (at most {_MAX_ID} characters), for example"
            " 'tofersen' or 'tofersen-valor'"
        )
    return value


def _fill(template: str, values: dict[str, str]) -> str:
    text = (_TEMPLATES / template).read_text(encoding="utf-8")
    return _FIELD.sub(lambda m: values.get(m[1], m[0]), text)


def _write(docs: Path, relative: str, text: str) -> Path:
    root = docs.resolve()
    target = (root / relative).resolve()
    if not target.is_relative_to(root) or target == root:
        raise Refused(f"{relative!r} is outside {docs}; nothing written")
    if target.exists() or target.is_symlink():
        raise Refused(
            f"{target.relative_to(root.parent)} already exists; edit it instead"
            " (nothing written)"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as file:  # never replaces a file
        file.write(text)
    return target


def _today(today: date | None) -> dict[str, str]:
    day = today or date.today()
    return {"today": day.isoformat(), "month": day.strftime("%Y-%m")}


def _drug_ids(docs: Path) -> dict[str, Path]:
    """Every drug declared in a ``drug-facts`` block under ``docs/drugs/``."""
    found = {}
    for page in sorted((docs / "drugs").rglob("*.md")):
        for block in _DRUG_FACTS.findall(page.read_text(encoding="utf-8")):
            match = re.search(r"^id:\s*[\"']?([\w-]+)", block, re.M)
            if match:
                found[match[1]] = page
    return found


def new_drug(docs: Path, drug_id: str, stage: str, today: date | None = None) -> Path:
    _check_id(drug_id, "ID")
    if stage not in STAGES:
        raise Refused(f"STAGE {stage!r} is not allowed: use one of {', '.join(STAGES)}")
    if drug_id in (known := _drug_ids(docs)):
        raise Refused(
            f"drug {drug_id!r} is already declared in"
            f" {known[drug_id].relative_to(docs.parent)}; edit that page"
        )
    values = {
        "id": drug_id,
        "label": f"drug-{drug_id}",
        "stage": stage,
        **_today(today),
    }
    values["approvals"] = _APPROVALS % values["month"] if stage == "approved" else ""
    return _write(docs, f"drugs/{stage}/{drug_id}.md", _fill("drug.md", values))


def new_trial(
    docs: Path, trial_id: str, drug_id: str, today: date | None = None
) -> Path:
    _check_id(trial_id, "ID")
    _check_id(drug_id, "DRUG")
    known = _drug_ids(docs)
    if drug_id not in known:
        raise Refused(
            f"DRUG {drug_id!r} is not declared on any drug page; start it with"
            f" `make new-drug ID={drug_id} STAGE=in-development`, or use one of:"
            f" {', '.join(sorted(known)) or '(none yet)'}"
        )
    if not trial_id.startswith(f"{drug_id}-"):
        raise Refused(
            f"ID {trial_id!r} must start with the drug's ID: {drug_id}-<short-name>,"
            f" for example {drug_id}-phase-2"
        )
    values = {"id": trial_id, "drug": drug_id, **_today(today)}
    written = _write(docs, f"_data/trials/{trial_id}.yaml", _fill("trial.yaml", values))
    _show_on(known[drug_id], trial_id)
    return written


def _show_on(page: Path, trial_id: str) -> None:
    """Add the trial's table to its drug page, under ``## Trials`` (or at the end)."""
    text = page.read_text(encoding="utf-8")
    block = (
        f"```{{trial-facts}} {trial_id}\n```\n\n"
        "FILL IN: a short neutral reading of what this trial found, or that it has"
        " not reported yet.\n\n"
    )
    heading = re.search(r"^## Trials[ \t]*\n", text, re.M)
    if heading is None:
        text = text.rstrip("\n") + "\n\n## Trials\n\n" + block.rstrip("\n") + "\n"
    else:
        following = re.compile(r"^## ", re.M).search(text, heading.end())
        at = following.start() if following else len(text)
        before = text[:at].rstrip("\n") + "\n\n"
        text = (
            before + block + text[at:]
            if following
            else before + block.rstrip("\n") + "\n"
        )
    page.write_text(text, encoding="utf-8")


def new_page(docs: Path, section: str, name: str, today: date | None = None) -> Path:
    _check_id(section, "SECTION")
    _check_id(name, "NAME")
    sections = sorted(
        p.parent.name
        for p in docs.glob("*/index.md")
        if not p.parent.name.startswith("_")
    )
    if section not in sections or section == "drugs":
        raise Refused(
            f"SECTION {section!r} is not allowed: use one of"
            f" {', '.join(s for s in sections if s != 'drugs')}"
            " (drug pages: make new-drug)"
        )
    if name == "index":
        raise Refused("NAME 'index' is the section's own page; choose another name")
    values = {"label": f"{section}-{name}", **_today(today)}
    written = _write(docs, f"{section}/{name}.md", _fill("page.md", values))
    _add_to_toctree(docs / section / "index.md", name)
    return written


def _add_to_toctree(index: Path, name: str) -> None:
    """List *name* last in the first toctree of the section's index page."""
    text = index.read_text(encoding="utf-8")
    tree = re.search(
        r"^(`{3,}|:{3,})\{toctree\}[^\n]*\n(.*?)^\1[ \t]*$", text, re.S | re.M
    )
    if tree is None:
        return
    entries = tree[2].rstrip("\n")
    if ":glob:" in entries:
        return  # the new page is listed already
    at = tree.start(2) + len(entries)
    index.write_text(text[:at] + f"\n{name}" + text[at:], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--docs", type=Path, default=_REPO_DOCS, help="the docs/ folder"
    )
    kinds = parser.add_subparsers(dest="kind", required=True)
    drug = kinds.add_parser("drug", help="a drug page in docs/drugs/<stage>/")
    drug.add_argument("--id", required=True)
    drug.add_argument("--stage", required=True)
    trial = kinds.add_parser("trial", help="a trial record in docs/_data/trials/")
    trial.add_argument("--id", required=True)
    trial.add_argument("--drug", required=True)
    page = kinds.add_parser("page", help="a page in a section of docs/")
    page.add_argument("--section", required=True)
    page.add_argument("--name", required=True)
    args = parser.parse_args(argv)
    try:
        if args.kind == "drug":
            written = new_drug(args.docs, args.id, args.stage)
        elif args.kind == "trial":
            written = new_trial(args.docs, args.id, args.drug)
        else:
            written = new_page(args.docs, args.section, args.name)
    except Refused as refused:
        print(f"error: {refused}", file=sys.stderr)
        return 2
    shown = written.relative_to(args.docs.resolve().parent)
    print(f"Wrote {shown}. Fill in each 'FILL IN', then run: make html LANGS=en")
    if args.kind == "trial":
        print(f"Its table was added to the page of {args.drug}, under 'Trials'.")
    if args.kind == "page":
        print(
            f"It was listed last in the table of contents of {args.section}/index.md."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
