"""A one-page handout per drug, for the reader to take to their neurologist.

Each edition gets ``handouts/<drug-id>.html`` for every declared drug (written
at ``html-collect-pages`` from the records and the drug page's translated
texts): what it is, its stage and approvals, its open trials with their key
eligibility and registry numbers, the sources, the review dates, the "English
prevails" notice and ruled space for the reader's own questions. In a
translated edition every fact is shown in the reader's language with the
English beside it. ``trial-handout.css`` fits it on one A4 or US-letter page.
Each drug page links to it ("Print a one-page handout for your neurologist")::

    handout_html(domain, "tofersen", "fr", page_uri="../drugs/approved/tofersen.html")

The facts come from :func:`trial_facts.handout_facts.gather`, which the book's
appendix (:mod:`trial_facts.handout_book`) draws too, so the page and the book
say the same. The English column is gathered with the extension's catalog
switched to English for a moment (``sphinx.locale.translators``, a
module-level dict of Sphinx): if that dict changes shape the handout is written
without the English column and one warning says so.

A handout is written again only when what it shows changed: the digest of its
title, body, template and the build's configuration is kept per edition in
``<doctreedir>/kb-handouts.json``, and an unchanged handout whose file is in
place is not rendered (at 2,000 drugs, rendering them all took about 45 s of
every no-op rebuild); an unchanged one is only touched, so that
``extensions/staging.py`` sees this build produced it. Without Sphinx's
``builder.build_info`` hashes every handout is written, as before. When no page
was read since (``unchanged_outputs.environment_key``) and every handout is in
place, none is even gathered again.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes

from build_files import replace_file
from unchanged_outputs import environment_key

from .handout_facts import (
    _KEY,
    QUESTION_LINES,
    Source,
    english,
    gather,
    open_trials_by_drug,
    words,
)
from .i18n import _
from .warnings_ import warn
from .xrefs import DOMAIN

__all__ = ["QUESTION_LINES", "_KEY", "english", "handout_html", "setup_handout"]

_TEMPLATES = Path(__file__).parent / "templates"


def _source_html(source: Source) -> str:
    if not source.code:
        return f'<a href="{escape(source.url or "")}">{escape(source.text)}</a>'
    if source.url:
        # dir="ltr": an ID and its address keep their order in Arabic.
        return (
            f'<a href="{escape(source.url)}" dir="ltr">{escape(source.text)}</a> '
            f'<span dir="ltr">{escape(source.url)}</span>'
        )
    return f'<span dir="ltr">{escape(source.text)}</span>'


def handout_html(
    domain, drug_id: str, language: str | None, page_uri: str, app=None
) -> str:
    facts = gather(domain, drug_id, language)
    if facts.english_missing and app is not None:
        warn(
            "sphinx.locale.translators changed shape; handouts are written "
            "without their English column: check trial_facts/handout_facts.py",
            None,
            "handout",
        )
    said = words(facts.translated)
    english_rows = facts.english_rows
    head = [
        f"<h1>{escape(facts.name)}</h1>",
        f'<p class="kb-handout-sub">{escape(said.subtitle)}</p>',
    ]
    body = ['<table class="kb-handout-facts">']
    if english_rows:
        body.append(
            f'<thead><tr><th scope="col"></th><th scope="col">{escape(said.in_your_language)}</th>'
            f'<th scope="col" lang="en" dir="ltr">English ({escape(facts.english_name)})</th></tr></thead>'
        )
    body.append("<tbody>")
    for index, (label, lines) in enumerate(facts.rows):
        cells = f'<th scope="row">{escape(label)}</th><td>{"<br>".join(escape(x) for x in lines)}</td>'
        if english_rows and index < len(english_rows):
            en_label, en_lines = english_rows[index]
            cells += (
                f'<td lang="en" dir="ltr"><span class="kb-handout-en-label">{escape(en_label)}:</span> '
                f"{'<br>'.join(escape(x) for x in en_lines)}</td>"
            )
        body.append(f"<tr>{cells}</tr>")
    body.append("</tbody></table>")
    if facts.sources:
        body.append(f'<h2>{escape(said.sources)}</h2><ul class="kb-handout-sources">')
        body += [f"<li>{_source_html(s)}</li>" for s in facts.sources]
        body.append("</ul>")
    body.append(
        f'<p class="kb-handout-page">{escape(said.full_page)} '
        f'<a href="{escape(page_uri)}">{escape(facts.name)}</a></p>'
    )
    body.append(f'<p class="kb-handout-note">{escape(said.care_team)}')
    if said.prevails:
        body.append(" " + escape(said.prevails))
    body.append("</p>")
    body.append(f"<h2>{escape(said.questions)}</h2>")
    body.append(
        '<div class="kb-handout-lines">'
        + '<div class="kb-handout-line"></div>' * QUESTION_LINES
        + "</div>"
    )
    return "\n".join(head + body)


_DIGESTS = "kb-handouts.json"
_TEMPLATE = "kb-handout.html"


def _build_key(app) -> str | None:
    """What every handout's output depends on beyond its own text, or None."""
    info = getattr(app.builder, "build_info", None)
    config_hash = getattr(info, "config_hash", None)
    tags_hash = getattr(info, "tags_hash", None)
    if not isinstance(config_hash, str) or not isinstance(tags_hash, str):
        return None
    template = (_TEMPLATES / _TEMPLATE).read_bytes()
    return hashlib.sha256(
        b"\0".join([config_hash.encode(), tags_hash.encode(), template])
    ).hexdigest()


def _digests(app) -> tuple[str | None, dict[str, str]]:
    """The environment key and each handout's digest the last build kept."""
    try:
        data = json.loads(Path(app.doctreedir, _DIGESTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None, {}
    if not isinstance(data, dict) or not isinstance(data.get("pages"), dict):
        return None, {}
    environment = data.get("environment")
    return environment if isinstance(environment, str) else None, data["pages"]


def _all_in_place(app, pages: dict[str, str]) -> bool:
    """Touch every kept handout if all are in place (staging.py keeps them)."""
    outputs = [Path(app.builder.get_outfilename(name)) for name in pages]
    if not pages or not all(output.is_file() for output in outputs):
        return False
    for output in outputs:
        os.utime(output)
    return True


def _collect(app) -> Iterator[tuple[str, dict[str, Any], str]]:
    if app.builder.format != "html" or app.builder.name != "html":
        return
    domain = app.env.get_domain(DOMAIN)
    language = app.config.language
    key = _build_key(app)
    environment, before = _digests(app) if key else (None, {})
    # No page read since the handouts were made (unchanged_outputs): each would
    # be the same, so none is gathered again (0.45 s of a no-op rebuild at
    # 2,000 drugs); the key covers the code, configuration and catalogs.
    now = environment_key(app)
    if not app.fresh_env_used and environment == now and _all_in_place(app, before):
        return
    after: dict[str, str] = {}
    domain._kb_open_trials = open_trials_by_drug(domain)
    try:
        yield from _pages(app, domain, language, key, before, after)
    finally:
        del domain._kb_open_trials
    if key:
        data = json.dumps({"environment": now, "pages": after}, sort_keys=True)
        replace_file(Path(app.doctreedir, _DIGESTS), data.encode("utf-8"))


def _pages(app, domain, language, key, before, after):
    """The handouts to write: those whose digest changed or whose file is gone."""
    for drug_id in sorted(domain.drugs):
        entry = domain.drugs[drug_id]
        pagename = f"handouts/{drug_id}"
        uri = app.builder.get_relative_uri(pagename, entry["docname"])
        context = {
            "kb_lang": (language or "en").replace("_", "-"),  # BCP 47
            "kb_title": str(_("Handout: {drug}")).format(
                drug=domain.drug_name(drug_id)
            ),
            "kb_body": handout_html(domain, drug_id, language, uri, app),
        }
        if key:
            text = "\0".join(
                [key, context["kb_lang"], context["kb_title"], context["kb_body"]]
            )
            after[pagename] = hashlib.sha256(text.encode("utf-8")).hexdigest()
            output = Path(app.builder.get_outfilename(pagename))
            if before.get(pagename) == after[pagename] and output.is_file():
                # Touched, not rendered: staging.py keeps only what this build
                # wrote or touched of the files no page accounts for.
                os.utime(output)
                continue
        yield pagename, context, _TEMPLATE


def _link(app, doctree: nodes.document, docname: str) -> None:
    """ "Print a one-page handout for your neurologist" under each drug's fact box."""
    if app.builder.format != "html":
        return
    domain = app.env.get_domain(DOMAIN)
    for table in list(doctree.findall(nodes.table)):
        drug_id = table.get("kb-drug")
        if not drug_id or drug_id not in domain.drugs:
            continue
        if domain.drugs[drug_id]["docname"] != docname:
            continue
        uri = app.builder.get_relative_uri(docname, f"handouts/{drug_id}")
        para = nodes.paragraph(classes=["kb-handout-link"])
        para += nodes.reference(
            "", str(_("Print a one-page handout for your neurologist")), refuri=uri
        )
        table.parent.insert(table.parent.index(table) + 1, para)


def _templates(app, config) -> None:
    config.templates_path = [*config.templates_path, str(_TEMPLATES)]


def setup_handout(app) -> None:
    app.connect("config-inited", _templates)
    app.connect("html-collect-pages", _collect)
    app.connect("doctree-resolved", _link)
