"""The drug handouts page: a linked list on the site, the handouts in the book.

``drug-handouts`` (``trial_facts/handout_book.py``) lists every drug's handout
on the site, in every edition, and prints the handouts themselves in the book,
where a record's text must stay text: LaTeX in it is escaped by the writer,
never run. The printed book itself is checked in ``tests/test_pdf.py``.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from conftest import EDITIONS, local_only

# LaTeX that would read a file, run a shell command or end a group if it were
# written into the .tex as it is, and HTML that would run in a browser.
HOSTILE = r"\input{/etc/passwd} \write18{touch pwned} } % $ <script>alert(1)</script>"


@pytest.mark.parametrize("language", EDITIONS)
def test_the_index_page_links_every_handout(editions, language):
    build = editions[language]
    html = build.html("drugs/handouts")
    main = html.split('<article class="bd-article">', 1)[1].split("</article>", 1)[0]
    listed = re.findall(
        r'<a class="reference internal" href="\.\./handouts/([^"]+)\.html"', main
    )
    domain = build.app.env.get_domain("kb")
    assert sorted(listed) == sorted(domain.drugs)
    assert len(listed) > 20
    for drug_id in listed:
        assert (build.outdir / "handouts" / f"{drug_id}.html").is_file(), drug_id
        assert re.search(
            rf'href="\.\./handouts/{re.escape(drug_id)}\.html">'
            rf"{re.escape(_html_text(domain.drug_name(drug_id)))}</a>",
            main,
        ), drug_id
    # The drugs' section links to the page in the words of the edition.
    assert 'href="handouts.html"' in build.html("drugs/index")


def _html_text(text: str) -> str:
    from html import escape

    return escape(text, quote=False)


def _project(tmp_path: Path, *, orphan: bool = True) -> Path:
    src = tmp_path / "src"
    (src / "_data" / "trials").mkdir(parents=True)
    (src / "drugs").mkdir()
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "trial_facts", "book"]\n'
        'exclude_patterns = ["_build", "_data"]\n'
        "nitpicky = True\n",
        encoding="utf-8",
    )
    toc = "evil\n" + ("" if orphan else "drugs/handouts\n")
    (src / "index.md").write_text(
        f"# Home\n\n```{{toctree}}\n{toc}```\n", encoding="utf-8"
    )
    quoted = HOSTILE.replace("\\", "\\\\").replace('"', '\\"')
    (src / "evil.md").write_text(
        textwrap.dedent(
            f"""\
            # Evil

            ```{{drug-facts}}
            id: evil
            name: "Evil {quoted}"
            sponsor: "Sponsor {quoted}"
            modality: other
            route: [oral]
            mechanism: "Mechanism {quoted}"
            stage: approved
            approvals:
              - {{agency: FDA, date: "2023-04", kind: full, indication: "Indication {quoted}"}}
            last_reviewed: "2026-01-01"
            ```

            ```{{trial-facts}} evil-trial
            ```
            """
        ),
        encoding="utf-8",
    )
    (src / "_data" / "trials" / "evil-trial.yaml").write_text(
        textwrap.dedent(
            f"""\
            id: evil-trial
            title: "Title {quoted}"
            drugs: [evil]
            registry: [NCT00000002]
            sponsor: Evil Pharma
            phase: "2"
            design: [open-label]
            participants: {{count: 10, type: planned}}
            intervention: Tablets.
            primary_outcomes: [Safety.]
            status: recruiting
            start: "2025"
            eligibility:
              age_min: 18
              source:
                title: "Source {quoted}"
                url: https://example.org/eligibility
                kind: registry
            sources:
              - {{title: Registry, url: "https://example.org/x", kind: registry}}
            last_verified: "2026-01-01"
            """
        ),
        encoding="utf-8",
    )
    (src / "drugs" / "handouts.md").write_text(
        "---\norphan: true\n---\n\n# Handouts\n\n```{drug-handouts}\n```\n",
        encoding="utf-8",
    )
    return src


def test_record_text_in_the_book_handouts_stays_text(tmp_path, make_app):
    app = make_app("latex", srcdir=_project(tmp_path))
    app.build()
    assert app.warning.getvalue() == ""
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\appendix" in tex
    appendix = tex.split(r"\appendix", 1)[1]
    # The handout is there (name, mechanism, indication, trial, source) ...
    # (XeLaTeX prints < and > as they are: in LaTeX they are plain text.)
    escaped = (
        r"\textbackslash{}input\{/etc/passwd\} \textbackslash{}write18\{touch pwned\}"
        r" \} \% \$ <script>alert(1)</script>"
    )
    for field in ("Evil", "Mechanism", "Indication", "Title", "Source"):
        assert f"{field} {escaped}" in appendix, field
    assert "NCT00000002" in appendix
    # ... and none of it is LaTeX.
    for active in (r"\input{", r"\write18"):
        assert active not in tex, active
    # The only raw LaTeX is the module's own constants.
    assert appendix.count(r"\clearpage") == 2


def test_an_appendix_in_a_toctree_is_refused(tmp_path, make_app):
    app = make_app("latex", srcdir=_project(tmp_path, orphan=False))
    app.build()
    assert (
        "drugs/handouts is printed as an appendix of the book (book.APPENDICES); "
        "take it out of every toctree" in app.warning.getvalue()
    )


AXE = Path(__file__).resolve().parent / "browser/node_modules/axe-core/axe.min.js"
VIEWPORTS = ({"width": 375, "height": 740}, {"width": 1280, "height": 900})


@pytest.mark.parametrize("language", EDITIONS)
def test_a_reader_opens_a_handout_from_the_index(browser, served_site, language):
    """At 375 and 1280 px, with and without JavaScript: every handout is a
    link, the first opens its handout, nothing is asked of another host, and
    axe finds nothing serious or critical."""

    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make test`, which installs it with npm")
    for viewport in VIEWPORTS:
        for javascript in (True, False):
            context = browser.new_context(
                viewport=viewport, java_script_enabled=javascript
            )
            outside = local_only(context)
            tab = context.new_page()
            try:
                tab.goto(f"{served_site}/{language}/drugs/handouts.html")
                links = tab.locator("ul.kb-handout-index a")
                assert links.count() > 20
                first = links.first
                assert first.is_visible()
                box = first.bounding_box()
                assert (
                    box
                    and box["x"] >= 0
                    and box["x"] + box["width"] <= viewport["width"]
                )
                if javascript:
                    tab.add_script_tag(path=str(AXE))
                    violations = tab.evaluate(
                        """async () => (await axe.run(document, {resultTypes: ["violations"]}))
                            .violations.filter(v => ["serious", "critical"].includes(v.impact))
                            .map(v => ({id: v.id, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))"""
                    )
                    assert violations == [], violations
                href = first.get_attribute("href")
                first.click()
                tab.wait_for_load_state()
                assert tab.url.endswith(href.lstrip("./")), (tab.url, href)
                assert tab.locator("main.kb-handout h1").count() == 1
            finally:
                context.close()
            assert outside == [], outside
