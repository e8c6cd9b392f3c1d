"""Parallel builds give the same pages; incremental builds keep overviews fresh."""

from __future__ import annotations

import re
import shutil
import time

from conftest import build_once

PAGES = ("alpha", "beta", "overview", "pipeline", "links", "notes", "index")


def _body(html: str) -> str:
    return html.split('<div class="body" role="main">', 1)[1].split(
        '<div class="sphinxsidebar"', 1
    )[0]


def test_parallel_build_equals_serial(tmp_path, rootdir, make_app):
    pages = {}
    for jobs in (1, 2):
        src = tmp_path / f"j{jobs}"
        shutil.copytree(rootdir / "test-basic", src)
        app = build_once(make_app, src, parallel=jobs)
        assert app.warning.getvalue() == ""
        pages[jobs] = {
            p: _body((app.outdir / f"{p}.html").read_text(encoding="utf-8"))
            for p in PAGES
        }
        pages[jobs]["trials.json"] = (app.outdir / "trials.json").read_text(
            encoding="utf-8"
        )
    assert pages[1] == pages[2]


def test_editing_a_trial_refreshes_its_page_and_every_overview(project, make_app):
    app = build_once(make_app, project)
    assert "Phase 3" in (app.outdir / "overview.html").read_text(encoding="utf-8")

    time.sleep(0.01)
    record = project / "_data/trials/alpha-one.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(
        text.replace('phase: "3"', 'phase: "4"').replace(
            "Alphazumab in adults with ALS", "Alphazumab in adults living with ALS"
        ),
        encoding="utf-8",
    )
    app2 = build_once(make_app, project)
    assert app2.warning.getvalue() == ""
    status = app2.status.getvalue()
    assert re.search(r"1 changed", status), status
    alpha = (app2.outdir / "alpha.html").read_text(encoding="utf-8")
    overview = (app2.outdir / "overview.html").read_text(encoding="utf-8")
    pipeline = (app2.outdir / "pipeline.html").read_text(encoding="utf-8")
    links = (app2.outdir / "links.html").read_text(encoding="utf-8")
    assert "<p>Phase 4</p>" in alpha
    assert (
        "Alphazumab in adults living with ALS" in overview
        and "<p>Phase 4</p>" in overview
    )
    assert "<p>Phase 4</p>" in pipeline
    # The role's link text is the title too: pages that link to the trial are rewritten.
    assert "Alphazumab in adults living with ALS" in links


def test_noop_rebuild_writes_nothing(project, make_app):
    build_once(make_app, project)
    app = build_once(make_app, project)
    assert "0 added, 0 changed, 0 removed" in app.status.getvalue()
    assert (
        "writing output"
        not in app.status.getvalue().split("0 added, 0 changed, 0 removed", 1)[1]
        or "no targets are out of date" in app.status.getvalue()
    )


def test_removing_a_drug_declaration_is_reported(project, make_app):
    build_once(make_app, project)
    page = project / "beta.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("id: beta\n", "id: beta-renamed\n"),
        encoding="utf-8",
    )
    app = build_once(make_app, project)
    warnings = app.warning.getvalue()
    assert "no page declares drug 'beta'" in warnings


def test_page_is_read_again_when_its_missing_trial_becomes_valid(project, make_app):
    record = project / "_data/trials/beta-two.yaml"
    good = record.read_text(encoding="utf-8")
    record.write_text(good.replace('phase: "2"', 'phase: "two"'), encoding="utf-8")
    broken = build_once(make_app, project)
    assert "trial-facts 'beta-two': its record has errors" in broken.warning.getvalue()
    record.write_text(good, encoding="utf-8")
    fixed = build_once(make_app, project)
    assert fixed.warning.getvalue() == ""
    assert 'id="trial-facts-beta-two"' in (fixed.outdir / "beta.html").read_text(
        encoding="utf-8"
    )


def _written(app) -> set[str]:
    """The pages an incremental build wrote, from its progress lines."""
    status = re.sub(r"\x1b\[[0-9;]*m", "", app.status.getvalue())
    writing = status.split("writing output", 1)[1].split("generating indices", 1)[0]
    return set(re.findall(r"\]\s+(\S+?)\s*(?:\x1b|\n|$)", writing))


def test_editing_a_trial_rewrites_only_the_pages_that_show_it(project, make_app):
    # A page that links only to the other drug: nothing on it changes.
    (project / "other.md").write_text(
        "---\norphan: true\n---\n# Other\n\nSee {drug}`beta`.\n", encoding="utf-8"
    )
    build_once(make_app, project)
    time.sleep(0.01)
    record = project / "_data/trials/alpha-one.yaml"
    record.write_text(
        record.read_text(encoding="utf-8").replace(
            "Alphazumab in adults with ALS", "Alphazumab in adults living with ALS"
        ),
        encoding="utf-8",
    )
    app = build_once(make_app, project)
    written = _written(app)
    # The page showing the trial, the overviews and the page linking to it...
    assert {"alpha", "overview", "pipeline", "links"} <= written, written
    # ...but not pages that neither show it nor link to it or to its drug.
    assert not {"other", "notes"} & written, written


def test_renaming_a_drug_rewrites_the_pages_that_link_to_it(project, make_app):
    build_once(make_app, project)
    time.sleep(0.01)
    page = project / "beta.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("name: Betacept", "name: Betacept XR"),
        encoding="utf-8",
    )
    app = build_once(make_app, project)
    assert app.warning.getvalue() == ""
    assert "the beta drug" in (app.outdir / "links.html").read_text(encoding="utf-8")
    pipeline = (app.outdir / "pipeline.html").read_text(encoding="utf-8")
    assert "Betacept XR" in pipeline
    assert "notes" not in _written(app)


def test_a_trial_shown_elsewhere_refreshes_its_drugs_open_trials(project, make_app):
    """shared-platform is shown on beta's page; alpha's fact box counts it too."""
    app = build_once(make_app, project)
    assert "None open" in (app.outdir / "alpha.html").read_text(encoding="utf-8")
    time.sleep(0.01)
    record = project / "_data/trials/shared-platform.yaml"
    text = record.read_text(encoding="utf-8")
    assert "status: terminated" in text
    text = text.replace("status: terminated", "status: recruiting")
    record.write_text(re.sub(r"why_stopped:.*\n", "", text), encoding="utf-8")
    app2 = build_once(make_app, project)
    assert app2.warning.getvalue() == ""
    assert "alpha" in _written(app2)
    alpha = (app2.outdir / "alpha.html").read_text(encoding="utf-8")
    box = alpha.split('id="drug-facts-alpha"', 1)[1].split("</table>", 1)[0]
    assert "(Recruiting)" in box and "None open" not in box
