"""Benchmark: build speed at scale, with the project's real configuration and theme.

For each size N it generates a synthetic knowledge base: N drug pages (each with
its ``drug-facts``, two trial records and prose of realistic length), spread over
the three stages, plus the overview pages (``drug-pipeline`` and
``trial-overview``). The project's ``conf.py``, extensions and sphinx-book-theme
are used unchanged. For each N it measures, side by side in one run:

- a full build (``-E``), with sphinx-book-theme and with alabaster;
- a no-op rebuild;
- an edit of one page;
- an edit of one trial record, checking that every overview shows the change;
- the peak memory of any full build (maximum resident set size);
- each translated edition, fully pseudo-translated, against English;
- all the editions built side by side (two at a time) against one.

Each time is the median of ``--runs`` runs, and each ratio the median of the
runs' ratios: run *k* makes every full build of every size back to back, so the
builds a ratio compares ran on the machine as it was at that moment. It prints
one table and writes the figures, with every run's, as JSON. ``make
bench-scale`` runs it; ``bench/README.md`` explains the table.

    python bench/scale.py --sizes 100 500 2000 --runs 3 --json _build/bench/scale.json
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

from extension_overhead import trial_record

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "extensions"))
from editions.known import EDITIONS as KNOWN_EDITIONS

REPO = Path(__file__).resolve().parents[1]
STAGES = ("approved", "in-development", "discontinued")
# The editions `make html` builds, in its order (extensions/editions/known.py);
# each translated one is fully pseudo-translated, as if every message had a
# translation.
EDITIONS = tuple(KNOWN_EDITIONS)
TRANSLATED = [language for language in EDITIONS if language != "en"]
# About 450 words of prose per page, in sections, like a real drug page. The
# sentences are drawn per page from a pool, so pages differ in wording as real
# ones do, and about half of the paragraphs hold inline markup (a link to
# another drug, a trial and some emphasis), as about half of the real catalogs'
# messages do: a translated build parses those again, and not the plain ones.
_SENTENCES = (
    "This medicine is taken by mouth once or twice a day.",
    "It is given as an infusion into a vein every four weeks.",
    "A nurse gives it by injection into the fluid around the spinal cord.",
    "Doctors hope it slows the loss of strength in the arms and legs.",
    "It is thought to protect motor neurons from stress inside the cell.",
    "Researchers measured breathing, speech and swallowing during the study.",
    "People who took part were followed for about one year.",
    "Some people had headaches, tiredness or an upset stomach.",
    "The results were published after a review by other scientists.",
    "Regulators looked at the evidence before deciding on approval.",
    "It is not yet known whether it helps people with later stages of the disease.",
    "Ask your care team whether you can join a study near you.",
    "The study compared the medicine with a placebo, which contains no medicine.",
    "Neither the participants nor their doctors knew who received which treatment.",
    "A change in the ALSFRS-R score shows how daily activities are affected.",
    "Blood tests checked the liver and the kidneys every month.",
    "Caregivers were asked about sleep, mood and quality of life.",
    "The dose was lowered when side effects were hard to bear.",
    "Only people with a change in a particular gene could take part.",
    "The company stopped the programme after an early look at the data.",
    "Another trial with more participants started two years later.",
    "Health insurers in some countries now pay for this treatment.",
    "Patient groups helped to design the questions asked during the study.",
    "More studies are needed to know who benefits most.",
)
_SECTIONS = ("What it is", "How it is given", "Who it is for", "What is still unknown")


def _paragraph(rng: random.Random, d: int, n: int, markup: bool) -> str:
    text = " ".join(rng.sample(_SENTENCES, 3))
    text += f" Drug {d} was first studied in {2000 + d % 25} in {5 + d % 40} clinics."
    if markup:
        other = d % n + 1
        text += (
            f" It is often compared with {{drug}}`drug-{other}`; see"
            f" {{trial}}`drug-{d}-trial-1` for **the first results**."
        )
    return text


_CONF = """\
import sys
from pathlib import Path

REPO = Path({repo!r})
__file__ = str(REPO / "conf.py")
exec(compile((REPO / "conf.py").read_text(encoding="utf-8"), __file__, "exec"))
html_static_path = [str(REPO / "docs/_static")]
html_favicon = str(REPO / "docs/_static/favicon.svg")
locale_dirs = ["locales/"]
exclude_patterns = ["_build", "_data", "locales"]
THEME = {theme!r}
if THEME != "sphinx_book_theme":
    html_theme = THEME
    html_theme_options = {{}}
    # These two draw the book theme's frame and trim its files: nothing to do here.
    extensions = [e for e in extensions if e not in ("page_frame", "page_weight")]
"""


# Every page gives the day it was last reviewed (extensions/review_dates).
_FRONT_MATTER = "---\nlast_reviewed: 2026-11-26\n---\n\n"


def _drug_page(d: int, n: int, stage: str) -> str:
    rng = random.Random(d)
    trials = [trial_record(d, 1), trial_record(d, 2)]
    paragraphs = iter(
        _paragraph(rng, d, n, markup=k % 2 == 0) for k in range(1 + 2 * len(_SECTIONS))
    )
    parts = [f"{_FRONT_MATTER}(drug-{d})=\n# Drug {d}\n\n{next(paragraphs)}\n"]
    parts.append(
        "```{drug-facts}\n"
        f"id: drug-{d}\nname: Drug {d}\nsponsor: Sponsor {d}\nmodality: small-molecule\n"
        "route: [oral]\nmechanism: It is thought to protect motor neurons.\n"
        f'stage: {stage}\nlast_reviewed: "2026-11-26"\n'
        + (
            'approvals:\n  - {agency: FDA, kind: full, date: "2020-05"}\n'
            if stage == "approved"
            else ""
        )
        + "```\n"
    )
    for title in _SECTIONS:
        parts.append(f"## {title}\n\n{next(paragraphs)}\n\n{next(paragraphs)}\n")
    parts.append("## Trials\n")
    for trial in trials:
        parts.append(f"```{{trial-facts}} {trial['id']}\n```\n")
    return "\n".join(parts)


def generate(root: Path, n: int, theme: str) -> None:
    """Write a knowledge base of *n* drug pages into *root* (built with *theme*)."""
    (root / "_data/trials").mkdir(parents=True)
    (root / "conf.py").write_text(
        _CONF.format(repo=str(REPO), theme=theme), encoding="utf-8"
    )
    for stage in STAGES:
        (root / "drugs" / stage).mkdir(parents=True)
        (root / "drugs" / stage / "index.md").write_text(
            f"{_FRONT_MATTER}# {stage.title()} drugs\n\n{_SENTENCES[0]}\n\n```{{toctree}}\n:glob:\n:maxdepth: 1\n\n*\n```\n",
            encoding="utf-8",
        )
    for d in range(1, n + 1):
        stage = STAGES[d % 3]
        (root / "drugs" / stage / f"drug-{d}.md").write_text(
            _drug_page(d, n, stage), encoding="utf-8"
        )
        for k in (1, 2):
            trial = trial_record(d, k)
            (root / "_data/trials" / f"{trial['id']}.yaml").write_text(
                yaml.safe_dump(trial, sort_keys=False), encoding="utf-8"
            )
    (root / "drugs/index.md").write_text(
        f"{_FRONT_MATTER}# Drugs\n\n```{{drug-pipeline}}\n```\n\n"
        "```{toctree}\n:maxdepth: 1\n\n"
        + "\n".join(f"{s}/index" for s in STAGES)
        + "\nall-trials\n```\n",
        encoding="utf-8",
    )
    (root / "drugs/all-trials.md").write_text(
        f"{_FRONT_MATTER}# All trials\n\n```{{trial-overview}}\n```\n",
        encoding="utf-8",
    )
    (root / "index.md").write_text(
        f"{_FRONT_MATTER}# Bench\n\n{_SENTENCES[1]}\n\n```{{toctree}}\n:maxdepth: 1\n\ndrugs/index\n```\n",
        encoding="utf-8",
    )


def pseudo_translate(root: Path, languages: list[str]) -> None:
    """Translate every message of *root* (pages and extension words) by marking it."""
    sys.path.insert(0, str(REPO / "extensions"))
    from editions.extract import extract_interface, pseudo_catalogs

    pot = root / "_build/gettext"
    _sphinx(root, "gettext", pot, fresh=True)
    extract_interface(pot)
    for language in languages:
        pseudo_catalogs(pot, root / "locales", language, lambda text: f"«{text}»")


def _sphinx(
    root: Path, builder: str, out: Path, fresh: bool, language: str = "en"
) -> tuple[float, int]:
    """Run one build in its own process: (seconds, peak resident memory in MiB)."""
    args = [
        sys.executable,
        "-m",
        "sphinx",
        "-q",
        "-W",
        "--keep-going",
        "-b",
        builder,
        "-D",
        f"language={language}",
        "-d",
        str(out.parent / f"doctrees-{out.name}"),
        str(root),
        str(out),
    ]
    if fresh:
        args.insert(3, "-E")
    start = time.perf_counter()
    process = subprocess.Popen(args, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    errors = process.stderr.read()
    if status != 0:
        raise SystemExit(f"build of {root} failed:\n{errors}")
    return seconds, usage.ru_maxrss // 1024


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _prepare(n: int, work: Path) -> tuple[Path, Path]:
    """Generate size *n* with both themes; pseudo-translate the book's editions."""
    roots = []
    for theme in ("sphinx_book_theme", "alabaster"):
        roots.append(work / f"{n}-{theme}")
        generate(roots[-1], n, theme)
    pseudo_translate(roots[0], TRANSLATED)
    return roots[0], roots[1]


def _full_builds(book: Path, plain: Path, samples: dict[str, list]) -> None:
    """One run of every full build of one size, back to back, added to *samples*.

    Builds that are compared run one after another, so that the ratio of each
    pair is taken on the machine as it was at that moment. English, the base of
    most ratios, is built first and last; its time in the run is the mean of
    the two, so that a machine that speeds up or slows down during the run
    weighs on both sides of each ratio alike.
    """

    def english() -> float:
        seconds, peak = _sphinx(book, "html", book / "_build/html", fresh=True)
        samples["peak_mib"].append(peak)
        return seconds

    first = english()
    samples["alabaster_s"].append(
        _sphinx(plain, "html", plain / "_build/html", fresh=True)[0]
    )
    for language in TRANSLATED:
        seconds, peak = _sphinx(
            book, "html", book / f"_build/{language}", True, language
        )
        samples[f"translated_{language}_s"].append(seconds)
        samples["peak_mib"].append(peak)

    def edition(language: str) -> tuple[float, int]:
        out = book / f"_build/all-{language}"
        return _sphinx(book, "html", out, fresh=True, language=language)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:  # make -j2 html
        builds = list(pool.map(edition, EDITIONS))
    samples["all_editions_s"].append(time.perf_counter() - start)
    samples["peak_mib"].extend(peak for _, peak in builds)
    last = english()
    samples["english_first_s"].append(first)
    samples["english_last_s"].append(last)
    samples["full_s"].append((first + last) / 2)


def _incremental_builds(n: int, book: Path, runs: int, samples: dict) -> None:
    """No-op, page-edit and record-edit rebuilds, checking the overviews."""
    out = book / "_build/html"
    for _ in range(runs):
        samples["noop_s"].append(_sphinx(book, "html", out, fresh=False)[0])
    page = book / "drugs" / STAGES[1] / "drug-1.md"
    for run in range(runs):
        page.write_text(page.read_text() + f"\nOne more sentence, edit {run}.\n")
        samples["edit_page_s"].append(_sphinx(book, "html", out, fresh=False)[0])
    record = book / "_data/trials/drug-1-trial-2.yaml"  # in the pipeline too
    for run in range(runs):
        data = yaml.safe_load(record.read_text())
        data["title"] = f"Drug 1 in adults with ALS, edited title {run}"
        record.write_text(yaml.safe_dump(data, sort_keys=False))
        samples["edit_trial_s"].append(_sphinx(book, "html", out, fresh=False)[0])
        for overview in ("drugs/all-trials.html", "drugs/index.html"):
            html = (out / overview).read_text(encoding="utf-8")
            if data["title"] not in html:
                raise SystemExit(
                    f"N={n}: {overview} does not show the edited trial title"
                )


def _ratios(samples: dict, key: str, base: str) -> list[float]:
    """The ratio of *key* to *base* in each run."""
    return [a / b for a, b in zip(samples[key], samples[base], strict=True)]


def _summary(n: int, samples: dict) -> dict:
    result: dict = {"n": n, "runs": dict(samples), "overviews_correct": True}
    for key, values in samples.items():
        result[key] = max(values) if key == "peak_mib" else _median(values)
    result["per_page_ms"] = 1000 * result["full_s"] / n
    result["theme_ratio"] = _median(_ratios(samples, "full_s", "alabaster_s"))
    for language in TRANSLATED:
        key = f"translated_{language}"
        result[f"{key}_ratio"] = _median(_ratios(samples, f"{key}_s", "full_s"))
    result["editions_ratio"] = _median(_ratios(samples, "all_editions_s", "full_s"))
    return result


def measure(sizes: list[int], runs: int, work: Path) -> list[dict]:
    """Every figure for every size, the full builds of all sizes interleaved.

    Run *k* builds every size in turn, so that a machine that slows down for a
    while (seen here: the same build 60 % slower for an hour) weighs on every
    size and every ratio alike instead of on the sizes measured at that time.
    """
    projects = {n: _prepare(n, work) for n in sizes}
    samples: dict[int, dict[str, list]] = {n: defaultdict(list) for n in sizes}
    for run in range(runs):
        for n in sizes:
            _full_builds(*projects[n], samples[n])
            print(f"run {run + 1}/{runs}, N={n}: full builds done", file=sys.stderr)
    for n in sizes:
        _incremental_builds(n, projects[n][0], runs, samples[n])
    results = [_summary(n, samples[n]) for n in sizes]
    if len(sizes) > 1:
        first, last = samples[sizes[0]]["full_s"], samples[sizes[-1]]["full_s"]
        growth = [
            (b / sizes[-1]) / (a / sizes[0]) for a, b in zip(first, last, strict=True)
        ]
        results[-1]["per_page_growth"] = _median(growth)
    return results


def table(results: list[dict]) -> str:
    rows = [
        ("full build, sphinx-book-theme (s)", "full_s", "{:.1f}"),
        ("full build, alabaster (s)", "alabaster_s", "{:.1f}"),
        ("theme / alabaster", "theme_ratio", "{:.2f}x"),
        ("time per page (ms)", "per_page_ms", "{:.0f}"),
        ("no-op rebuild (s)", "noop_s", "{:.1f}"),
        ("edit one page (s)", "edit_page_s", "{:.1f}"),
        ("edit one trial record (s)", "edit_trial_s", "{:.1f}"),
        ("peak memory, any build (MiB)", "peak_mib", "{:.0f}"),
        *(
            row
            for language in TRANSLATED
            for row in (
                (f"translated {language} (s)", f"translated_{language}_s", "{:.1f}"),
                (
                    f"translated {language} / English",
                    f"translated_{language}_ratio",
                    "{:.2f}x",
                ),
            )
        ),
        (f"{len(EDITIONS)} editions, 2 at a time (s)", "all_editions_s", "{:.1f}"),
        (f"{len(EDITIONS)} editions / one", "editions_ratio", "{:.2f}x"),
    ]
    head = f"| {'N':<34} | " + " | ".join(f"{r['n']:>8}" for r in results) + " |"
    lines = [head, "|" + "-" * 36 + "|" + "|".join("-" * 10 for _ in results) + "|"]
    for label, key, fmt in rows:
        cells = " | ".join(f"{fmt.format(r[key]):>8}" for r in results)
        lines.append(f"| {label:<34} | {cells} |")
    if len(results) > 1:
        growth = results[-1]["per_page_growth"]
        lines.append(
            f"\ntime per page at N={results[-1]['n']} / at N={results[0]['n']}:"
            f" {growth:.2f}x (median of the runs' ratios)"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, default=REPO / "_build/bench/scale.json")
    parser.add_argument(
        "--keep", action="store_true", help="keep the generated projects"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kb-scale-"))
    try:
        results = measure(args.sizes, args.runs, work)
        print(table(results))
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps({"runs": args.runs, "results": results}, indent=2)
        )
        print(f"\nFigures written to {args.json}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
