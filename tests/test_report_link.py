""" "Report a mistake on this page": on every page of every edition, pre-filled, a plain link.

The link opens a new issue with the form ``wrong-fact.yml``, its title naming
the page and the edition, and the form's fields filled with the page's
address, the edition and the section. It is an ordinary link (no script, no
request until it is clicked), every value URL-encoded.
"""

from __future__ import annotations

import html
import re
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import EDITIONS
from docutils import nodes

from editions.known import EDITIONS as KNOWN_EDITIONS

REPOSITORY = "https://github.com/als-mnd-kb/knowledge-base"
NAMES = dict(KNOWN_EDITIONS)
LABELS = {
    "en": "Report a mistake on this page",
    "es": "Informar de un error en esta página",
    "fr": "Signaler une erreur sur cette page",
    "ja": "このページの誤りを報告する",
    "ar": "الإبلاغ عن خطأ في هذه الصفحة",
    "pt_BR": "Informar um erro nesta página",
}
# Characters an address may hold as written; anything else must be %-encoded.
_URL_SAFE = re.compile(r"[A-Za-z0-9%._~:/?#@!$&'()*+,;=-]+")


def _report(page: str) -> list:
    soup = BeautifulSoup(page, "html.parser")
    return soup.select(".bd-footer-article .kb-report-mistake a")


@pytest.mark.parametrize("language", EDITIONS)
def test_every_page_has_a_prefilled_report_link(editions, language):
    built = editions[language]
    env = built.app.env
    checked = 0
    for docname in sorted(env.found_docs):
        page = built.html(docname)
        links = _report(page)
        assert len(links) == 1, docname
        link = links[0]
        assert link.get_text() == LABELS[language], docname
        assert set(link.attrs) == {"href", "rel"}, docname  # no onclick, no target
        href = link["href"]
        assert _URL_SAFE.fullmatch(href), (docname, href)
        parts = urlsplit(href)
        assert (
            f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPOSITORY}/issues/new"
        )
        query = {k: v[0] for k, v in parse_qs(parts.query, strict_parsing=True).items()}
        title = " ".join(env.titles[docname].astext().split())
        assert query == {
            "template": "wrong-fact.yml",
            "title": f"Mistake on “{title}” [{language}]",
            "page": f"{language}/{docname}.html",
            "edition": f"{NAMES[language]} ({language})",
            "section": query["section"],
        }, docname
        if docname.startswith("care/"):
            care = " ".join(env.titles["care/index"].astext().split())
            assert query["section"] == f"{care} (care)"
        # The page's own heading is the title the issue names.
        heading = BeautifulSoup(page, "html.parser").select_one("article h1")
        assert heading is not None, docname
        assert title in " ".join(heading.get_text().split()), docname
        checked += 1
    assert checked > 60
    # Pages without a source (search, index of terms) have no report link.
    assert _report((built.outdir / "search.html").read_text(encoding="utf-8")) == []


def test_hostile_title_is_encoded_and_escaped():
    from page_frame.report import report_url

    hostile = 'Care" onmouseover="alert(1)" <script>x</script> & more'
    title = nodes.title(text=hostile)
    app = SimpleNamespace(
        config=SimpleNamespace(
            html_theme_options={"repository_url": REPOSITORY},
            language="fr",
            kb_editions={"fr": "Français"},
            html_baseurl="https://example.org/fr/latest/",
            root_doc="index",
        ),
        env=SimpleNamespace(
            found_docs={"care/x", "care/index", "index"},
            titles={"care/x": title, "care/index": title, "index": title},
        ),
        builder=SimpleNamespace(get_target_uri=lambda name: f"{name}.html"),
    )
    url = report_url(app, "care/x")
    assert _URL_SAFE.fullmatch(url), url
    assert html.escape(url) == url.replace("&", "&amp;")
    query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    assert query["title"] == f"Mistake on “{hostile}” [fr]"
    assert query["page"] == "https://example.org/fr/latest/care/x.html"
    app.config.html_theme_options = {"repository_url": "javascript:alert(1)//"}
    assert report_url(app, "care/x") is None
