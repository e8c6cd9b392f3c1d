"""The examples in CONTRIBUTING.md build strictly: the guide never goes stale."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _examples() -> tuple[str, list[str]]:
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    record = re.search(
        r"```yaml\n(# docs/_data/trials/[^\n]+\n.*?)```", text, re.S
    ).group(1)
    pages = re.findall(r"````markdown\n(.*?)````", text, re.S)
    return record, pages


def _page_starts() -> list[str]:
    """The page openings under "Page conventions" (front matter, label, title)."""
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    return re.findall(r"(?<!`)```markdown\n(.*?)```(?!`)", text, re.S)


def test_contributing_examples_build_without_warning(tmp_path, make_app):
    record, pages = _examples()
    assert len(pages) == 2
    (tmp_path / "_data/trials").mkdir(parents=True)
    (tmp_path / "_data/trials/example-drug-phase-2.yaml").write_text(
        record, encoding="utf-8"
    )
    (tmp_path / "conf.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(REPO / 'extensions')!r})\n"
        "extensions = ['myst_parser', 'trial_facts', 'review_dates']\n"
        "exclude_patterns = ['_build', '_data']\n"
        "nitpicky = True\n",
        encoding="utf-8",
    )
    starts = _page_starts()
    assert len(starts) == 2
    names = [f"start{i}" for i in range(len(starts))]
    for name, start in zip(names, starts, strict=True):
        (tmp_path / f"{name}.md").write_text(start, encoding="utf-8")
    (tmp_path / "index.md").write_text(
        "---\nlast_reviewed: 2026-11-26\n---\n\n# Examples\n\n```{toctree}\n"
        + "\n".join(["drug", "overview", *names])
        + "\n```\n",
        encoding="utf-8",
    )
    (tmp_path / "drug.md").write_text(pages[0], encoding="utf-8")
    (tmp_path / "overview.md").write_text(pages[1], encoding="utf-8")
    app = make_app("html", srcdir=tmp_path)
    app.build()
    assert app.warning.getvalue() == ""
    # Every page example carries the front matter the build asks for.
    for name in ["drug", "overview", *names]:
        html = (app.outdir / f"{name}.html").read_text(encoding="utf-8")
        assert html.count("<time datetime=") == 2, name
    html = (app.outdir / "drug.html").read_text(encoding="utf-8")
    assert "Example drug in adults with ALS" in html
    overview = (app.outdir / "overview.html").read_text(encoding="utf-8")
    assert "EXAMPLE-2: Example drug in adults with ALS" in overview
