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

The English column is written by rendering the same labels with the
extension's catalog switched to English for a moment
(``sphinx.locale.translators``, a module-level dict of Sphinx): if that dict
changes shape the handout is written without the English column and one
warning says so.

A handout is written again only when what it shows changed: the digest of its
title, body, template and the build's configuration is kept per edition in
``<doctreedir>/kb-handouts.json``, and an unchanged handout whose file is in
place is not rendered (at 2,000 drugs, rendering them all took about 45 s of
every no-op rebuild); an unchanged one is only touched, so that
``extensions/staging.py`` sees this build produced it. Without Sphinx's ``builder.build_info`` hashes every
handout is written, as before.
"""

from __future__ import annotations

import contextlib
import gettext
import hashlib
import json
import os
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any

import sphinx.locale
from docutils import nodes

from build_files import replace_file

from . import vocab
from .eligibility import (
    age_text,
    breathing_text,
    countries_text,
    genes_text,
    onset_text,
)
from .formatting import partial_date
from .i18n import CATALOG, _
from .registries import identify
from .warnings_ import warn
from .xrefs import DOMAIN

_TEMPLATES = Path(__file__).parent / "templates"
_KEY = ("general", CATALOG)
QUESTION_LINES = 6


@contextlib.contextmanager
def english() -> Iterator[bool]:
    """The extension's words in English inside the block (False if impossible)."""
    table = getattr(sphinx.locale, "translators", None)
    if not isinstance(table, dict):
        yield False
        return
    if _KEY not in table:
        # No catalog of the extension in this build (a project without its
        # translations): its words are English already.
        yield True
        return
    saved = table[_KEY]
    table[_KEY] = gettext.NullTranslations()
    try:
        yield True
    finally:
        table[_KEY] = saved


def _open_trials_by_drug(domain) -> dict[str, list[str]]:
    """Each drug's open trials, sorted: one pass over every trial."""
    open_codes = set(vocab.STATUS_GROUPS["open"])
    found: dict[str, list[str]] = {}
    for trial_id in sorted(domain.trials):
        data = domain.trials[trial_id]["data"]
        if data["status"] in open_codes:
            for drug_id in data["drugs"]:
                found.setdefault(drug_id, []).append(trial_id)
    return found


def _open_trials(domain, drug_id: str) -> list[str]:
    # While _collect writes every handout it keeps the index on the domain:
    # looking through every trial for each drug made 2,000 handouts take
    # about 7 s (quadratic); otherwise (one handout) the index is made here.
    index = getattr(domain, "_kb_open_trials", None)
    if index is None:
        index = _open_trials_by_drug(domain)
    return list(index.get(drug_id, []))


def _facts(
    domain, drug_id: str, language: str | None, local: bool
) -> list[tuple[str, list[str]]]:
    """(label, lines) pairs; record text translated when *local*, English otherwise."""
    entry = domain.drugs[drug_id]
    data = entry["data"]
    texts = entry.get("texts", {}) if local else {}
    rows: list[tuple[str, list[str]]] = [
        (str(_("Type of medicine")), [vocab.label(vocab.MODALITY, data["modality"])]),
        (
            str(_("How it is given")),
            [", ".join(vocab.label(vocab.ROUTE, r) for r in data["route"])],
        ),
        (
            str(_("How it is thought to work")),
            [texts.get("mechanism") or data["mechanism"]],
        ),
        (str(_("Stage")), [vocab.label(vocab.STAGE, data["stage"])]),
    ]
    approvals = []
    for index, approval in enumerate(data.get("approvals") or []):
        line = str(_("{agency}: {kind}, {date}")).format(
            agency=vocab.label(vocab.AGENCY, approval["agency"]),
            kind=vocab.label(vocab.APPROVAL_KIND, approval["kind"]),
            date=partial_date(approval["date"], language),
        )
        if approval.get("withdrawn"):
            line += " — " + str(_("Withdrawn: {date}")).format(
                date=partial_date(approval["withdrawn"], language)
            )
        indication = texts.get(f"approvals.{index}.indication") or approval.get(
            "indication"
        )
        approvals.append(f"{line}. {indication}" if indication else line)
    rows.append(
        (
            str(_("Approvals")),
            approvals or [str(_("No approval is recorded for this drug."))],
        )
    )
    for trial_id in _open_trials(domain, drug_id):
        trial = domain.trials[trial_id]["data"]
        title = (domain.trial_texts(trial_id).get("title") if local else None) or trial[
            "title"
        ]
        rules = trial.get("eligibility") or {}
        lines = [vocab.label(vocab.STATUS, trial["status"])]
        lines += [
            text
            for text in (
                age_text(rules, language),
                onset_text(rules, language),
                breathing_text(rules, language),
                genes_text(rules, language),
                countries_text(rules, language),
            )
            if text
        ]
        if len(lines) == 1:
            lines.append(str(_("Not stated in the registry")))
        rows.append((title, lines))
    rows.append(
        (
            str(_("Last reviewed")),
            [partial_date(str(data["last_reviewed"]), language)],
        )
    )
    return rows


def _registry_links(domain, drug_id: str) -> list[str]:
    out = []
    for trial_id in _open_trials(domain, drug_id):
        trial = domain.trials[trial_id]["data"]
        for value in trial.get("registry") or []:
            found = identify(value)
            if found and found.url:
                # dir="ltr": an ID and its address keep their order in Arabic.
                out.append(
                    f'<a href="{escape(found.url)}" dir="ltr">{escape(value)}</a> '
                    f'<span dir="ltr">{escape(found.url)}</span>'
                )
            else:
                out.append(f'<span dir="ltr">{escape(value)}</span>')
        source = (trial.get("eligibility") or {}).get("source")
        if source:
            out.append(
                f'<a href="{escape(source["url"])}">{escape(source["title"])}</a>'
            )
    return out


def handout_html(
    domain, drug_id: str, language: str | None, page_uri: str, app=None
) -> str:
    local = _facts(domain, drug_id, language, local=True)
    english_rows: list[tuple[str, list[str]]] | None = None
    if language and language != "en":
        with english() as ok:
            if ok:
                english_rows = _facts(domain, drug_id, "en", local=False)
        if english_rows is None and app is not None:
            warn(
                "sphinx.locale.translators changed shape; handouts are written "
                "without their English column: check trial_facts/handout.py",
                None,
                "handout",
            )
    name = domain.drug_name(drug_id)
    english_name = domain.drugs[drug_id]["data"]["name"]
    # Each _() outside the f-strings below: Babel does not extract a call
    # inside an f-string, so `make update-po` would drop its translations.
    _w = [
        escape(str(message))
        for message in (
            _("A one-page handout for your neurologist"),
            _("In your language"),
            _("Sources"),
            _("Full page on this drug:"),
            _(
                "Only your care team and the trial team can say whether a treatment or a trial suits you."
            ),
            _("My questions for the neurologist"),
        )
    ]
    head = [
        f"<h1>{escape(name)}</h1>",
        f'<p class="kb-handout-sub">{_w[0]}</p>',
    ]
    body = ['<table class="kb-handout-facts">']
    if english_rows:
        body.append(
            f'<thead><tr><th scope="col"></th><th scope="col">{_w[1]}</th>'
            f'<th scope="col" lang="en" dir="ltr">English ({escape(english_name)})</th></tr></thead>'
        )
    body.append("<tbody>")
    for index, (label, lines) in enumerate(local):
        cells = f'<th scope="row">{escape(label)}</th><td>{"<br>".join(escape(x) for x in lines)}</td>'
        if english_rows and index < len(english_rows):
            en_label, en_lines = english_rows[index]
            cells += (
                f'<td lang="en" dir="ltr"><span class="kb-handout-en-label">{escape(en_label)}:</span> '
                f"{'<br>'.join(escape(x) for x in en_lines)}</td>"
            )
        body.append(f"<tr>{cells}</tr>")
    body.append("</tbody></table>")
    sources = _registry_links(domain, drug_id)
    if sources:
        body.append(f'<h2>{_w[2]}</h2><ul class="kb-handout-sources">')
        body += [f"<li>{s}</li>" for s in sources]
        body.append("</ul>")
    body.append(
        f'<p class="kb-handout-page">{_w[3]} '
        f'<a href="{escape(page_uri)}">{escape(name)}</a></p>'
    )
    body.append(f'<p class="kb-handout-note">{_w[4]}')
    if language and language != "en":
        body.append(
            " "
            + escape(
                str(
                    _(
                        "Volunteers translated this handout from English. "
                        "Where the two differ, the English text prevails."
                    )
                )
            )
        )
    body.append("</p>")
    body.append(f"<h2>{_w[5]}</h2>")
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


def _digests(app) -> dict[str, str]:
    try:
        data = json.loads(Path(app.doctreedir, _DIGESTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _collect(app) -> Iterator[tuple[str, dict[str, Any], str]]:
    if app.builder.format != "html" or app.builder.name != "html":
        return
    domain = app.env.get_domain(DOMAIN)
    language = app.config.language
    key = _build_key(app)
    before = _digests(app) if key else {}
    after: dict[str, str] = {}
    domain._kb_open_trials = _open_trials_by_drug(domain)
    try:
        yield from _pages(app, domain, language, key, before, after)
    finally:
        del domain._kb_open_trials
    if key:
        data = json.dumps(after, sort_keys=True).encode("utf-8")
        replace_file(Path(app.doctreedir, _DIGESTS), data)


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
