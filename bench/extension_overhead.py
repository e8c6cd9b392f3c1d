"""Benchmark: the trial-facts extension against the same tables written by hand.

Generates a synthetic knowledge base of 500 trial records on 250 drug pages,
twice: once with ``drug-facts``/``trial-facts``/``trial-overview`` (the
extension), once with the same tables as plain MyST pipe tables. Builds each
from scratch several times and reports the medians and the overhead.

Usage (``make bench`` runs it)::

    python bench/extension_overhead.py --drugs 250 --runs 3
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET = 0.10  # the extension may cost at most 10 % over hand-written tables

_PROSE = (
    "This paragraph stands for the plain-language text of a drug page. "
    "It explains what the drug is, how it is given and what the trials showed. "
) * 3


def trial_record(drug: int, n: int) -> dict:
    """A complete, valid synthetic trial record (shared with bench/scale.py)."""
    return {
        "id": f"drug-{drug}-trial-{n}",
        "title": f"Drug {drug} in adults with ALS, study {n}",
        "drugs": [f"drug-{drug}"],
        "registry": [f"NCT{drug:04d}{n:04d}"],
        "sponsor": f"Sponsor {drug}",
        "phase": "2" if n == 1 else "3",
        "design": ["randomized", "placebo-controlled", "double-blind", "parallel"],
        "participants": {"count": 100 + drug, "type": "actual"},
        "population": "Adults with ALS who had symptoms for less than two years.",
        "intervention": f"Drug {drug} by mouth twice a day for 24 weeks.",
        "comparator": "Placebo on the same schedule.",
        "primary_outcomes": ["Change in ALSFRS-R score after 24 weeks."],
        "secondary_outcomes": ["Slow vital capacity.", "Survival."],
        "status": "completed",
        "start": f"20{10 + n}-0{1 + drug % 9}",
        "end": f"20{12 + n}-0{1 + drug % 9}",
        "results": {
            "outcome": "not-met",
            "summary": "The groups declined at the same rate.",
        },
        "safety": "Nausea was the most common side effect.",
        "sources": [
            {
                "title": "Registry entry",
                "url": f"https://clinicaltrials.gov/study/NCT{drug:04d}{n:04d}",
                "kind": "registry",
            },
            {
                "title": "Results",
                "url": "https://example.org/results",
                "kind": "publication",
            },
        ],
        "last_verified": "2026-11-26",
    }


def _rows(trial: dict) -> list[tuple[str, str]]:
    return [
        ("Drugs tested", f"[Drug](drug-{trial['drugs'][0][5:]}.md)"),
        ("Registry", f"[{trial['registry'][0]}]({trial['sources'][0]['url']})"),
        ("Sponsor", trial["sponsor"]),
        ("Phase", f"Phase {trial['phase']}"),
        ("Design", "randomised, placebo-controlled, double-blind, parallel groups"),
        ("Participants", f"{trial['participants']['count']} people took part"),
        ("Who could take part", trial["population"]),
        ("Treatment tested", trial["intervention"]),
        ("Compared with", trial["comparator"]),
        ("Main measures", trial["primary_outcomes"][0]),
        ("Other measures", " ".join(trial["secondary_outcomes"])),
        ("Status", "Completed"),
        ("Dates", f"{trial['start']} to {trial['end']}"),
        ("Results", "Main goal not met. " + trial["results"]["summary"]),
        ("Safety", trial["safety"]),
        (
            "Sources",
            "1. [Registry entry](https://clinicaltrials.gov) 2. [Results](https://example.org)",
        ),
        ("Last checked", trial["last_verified"]),
    ]


def _pipe(title: str, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    lines = [f"```{{list-table}} {title}", ":header-rows: 1", ""]
    for row in [header, *rows]:
        lines.append(f"* - {row[0]}")
        lines.extend(f"  - {cell}" for cell in row[1:])
    return "\n".join(lines) + "\n```\n"


def generate(root: Path, drugs: int, extension: bool) -> None:
    import yaml

    (root / "_data/trials").mkdir(parents=True)
    ext = "'trial_facts'" if extension else ""
    (root / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(REPO / 'extensions')!r})\n"
        f"extensions = ['myst_parser', {ext}]\nexclude_patterns = ['_build', '_data']\n"
        "html_theme = 'alabaster'\n",
        encoding="utf-8",
    )
    names = []
    overview_rows = []
    for d in range(1, drugs + 1):
        trials = [trial_record(d, 1), trial_record(d, 2)]
        parts = [f"# Drug {d}\n\n{_PROSE}\n"]
        if extension:
            parts.append(
                "```{drug-facts}\n"
                f"id: drug-{d}\nname: Drug {d}\nsponsor: Sponsor {d}\nmodality: small-molecule\n"
                "route: [oral]\nmechanism: It is thought to protect motor neurons.\n"
                'stage: in-development\nlast_reviewed: "2026-11-26"\n```\n'
            )
        else:
            parts.append(
                _pipe(
                    f"Facts about Drug {d}",
                    ("Fact", "Value"),
                    [
                        ("Made by", f"Sponsor {d}"),
                        ("Type of medicine", "Small-molecule drug"),
                        ("How it is given", "by mouth"),
                        (
                            "How it is thought to work",
                            "It is thought to protect motor neurons.",
                        ),
                        ("Stage", "In development"),
                        ("Last reviewed", "2026-11-26"),
                    ],
                )
            )
        for trial in trials:
            parts.append(f"## {trial['title']}\n\n{_PROSE}\n")
            if extension:
                (root / "_data/trials" / f"{trial['id']}.yaml").write_text(
                    yaml.safe_dump(trial, sort_keys=False), encoding="utf-8"
                )
                parts.append(f"```{{trial-facts}} {trial['id']}\n```\n")
            else:
                parts.append(
                    f"({trial['id']})=\n"
                    + _pipe(trial["title"], ("Fact", "Value"), _rows(trial))
                )
            overview_rows.append(
                (
                    f"[{trial['title']}](drug-{d}.md)",
                    f"Drug {d}",
                    f"Phase {trial['phase']}",
                    "Completed",
                    str(trial["participants"]["count"]),
                    f"{trial['start']} to {trial['end']}",
                    trial["registry"][0],
                )
            )
        (root / f"drug-{d}.md").write_text("\n".join(parts), encoding="utf-8")
        names.append(f"drug-{d}")
    if extension:
        overview = (
            "# All trials\n\n```{trial-overview}\n```\n\n```{drug-pipeline}\n```\n"
        )
    else:
        overview = "# All trials\n\n" + _pipe(
            "Clinical trials",
            ("Trial", "Drugs", "Phase", "Status", "Participants", "Dates", "Registry"),
            overview_rows,
        )
    (root / "overview.md").write_text(overview, encoding="utf-8")
    toctree = "\n".join(["overview", *names])
    (root / "index.md").write_text(
        f"# Bench\n\n```{{toctree}}\n{toctree}\n```\n", encoding="utf-8"
    )


def build_seconds(root: Path) -> float:
    out = root / "_build"
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-E",
            "-q",
            "-b",
            "html",
            str(root),
            str(out / "html"),
            "-d",
            str(out / "doctrees"),
        ],
        check=True,
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drugs", type=int, default=250)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--json", type=Path, default=REPO / "_build/bench/extension-overhead.json"
    )
    args = parser.parse_args()
    medians = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, extension in (("extension", True), ("hand-written", False)):
            root = Path(tmp) / label
            generate(root, args.drugs, extension)
            times = []
            for _ in range(
                args.runs
            ):  # interleaving would be fairer; median absorbs noise
                times.append(build_seconds(root))
            medians[label] = statistics.median(times)
            print(
                f"{label:>13}: median {medians[label]:6.1f} s over {args.runs} runs "
                f"({', '.join(f'{t:.1f}' for t in times)})"
            )
    overhead = medians["extension"] / medians["hand-written"] - 1
    verdict = "OK" if overhead <= TARGET else "OVER TARGET"
    print(f"{'overhead':>13}: {overhead:+.1%} (target at most {TARGET:.0%}) {verdict}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps(
            {
                "drugs": args.drugs,
                "trials": 2 * args.drugs,
                "runs": args.runs,
                "median_seconds": medians,
                "overhead": overhead,
                "target": TARGET,
            },
            indent=1,
        )
        + "\n"
    )
    return 0 if overhead <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
