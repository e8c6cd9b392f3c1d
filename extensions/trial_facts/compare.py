"""Compare trials side by side: one column per trial, one row per question.

A page holds::

    ```{trial-compare}
    :ended-since: 2023
    ```

and gets, once every page is read, a static table of every trial that is open,
ongoing, or ended in or after that year: design, placebo share, who can join,
visits, extension, status, results and sources in aligned rows. Every word is
the extension's catalog or the record's text as translated on its drug page
(``domain.trial_texts``), so each edition reads in its language. Each cell
carries the class ``kb-cmp-<trial id>``; ``trial-compare.js`` (added only to
this page) draws check boxes and shows only the 2 to 4 trials chosen, kept in
the URL fragment (``#t=tofersen-atlas,pridopidine-prevails``) so the view can
be shared. Without JavaScript, and in print with nothing chosen, the whole table
shows. Other builders (the PDF book) get one fact table per trial instead, as
a page cannot hold the columns.
"""

from __future__ import annotations

import json
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from . import vocab
from .eligibility import eligibility_rows, not_stated
from .i18n import _
from .overview import _trial_ref
from .tables import _table, fact_table, plain
from .trial_table import dates_text, participants_text, registry_nodes
from .xrefs import DOMAIN, drug_links, resolve_late


class compare_placeholder(nodes.General, nodes.Element):
    """Where the comparison goes, filled at ``doctree-resolved``."""


def _year(value: str) -> int:
    return int(str(value)[:4])


def select(domain, since: int) -> list[str]:
    """Open or ongoing trials, then those that ended in or after *since*."""
    ongoing = set(vocab.STATUS_GROUPS["ongoing"])
    chosen = []
    for trial_id, entry in domain.trials.items():
        data = entry["data"]
        ended = data.get("end") or data.get("start")
        if data["status"] in ongoing or (ended and _year(ended) >= since):
            chosen.append(trial_id)
    rank = {code: i for i, code in enumerate(vocab.STATUS)}
    chosen.sort(key=lambda t: (rank[domain.trials[t]["data"]["status"]], t))
    return chosen


def _text(domain, trial_id: str, field: str, data: dict[str, Any]) -> str | None:
    value = domain.trial_texts(trial_id).get(field)
    if value:
        return value
    parts = field.split(".")
    for part in parts:
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data if isinstance(data, str) else None


def _aspects(
    domain, trial_id: str, docname: str, language: str | None
) -> list[tuple[str, list[nodes.Node]]]:
    data = domain.trials[trial_id]["data"]
    design = ", ".join(vocab.label(vocab.DESIGN, tag) for tag in data["design"])
    rows: list[tuple[str, list[nodes.Node]]] = [
        (str(_("Drugs tested")), [drug_links(data["drugs"], docname)]),
        (str(_("Phase")), [plain(vocab.label(vocab.PHASES, data["phase"]))]),
        (str(_("Design")), [plain(design)]),
        (str(_("Status")), [plain(vocab.label(vocab.STATUS, data["status"]))]),
        (
            str(_("Participants")),
            [plain(participants_text(data["participants"], language))],
        ),
        (str(_("Dates")), [plain(dates_text(data, language))]),
    ]
    comparator = _text(domain, trial_id, "comparator", data)
    rows.append((str(_("Compared with")), [plain(comparator or not_stated())]))
    results: list[nodes.Node] = []
    if data.get("results"):
        outcome = data["results"]["outcome"]
        results.append(plain(vocab.label(vocab.OUTCOME, outcome)))
        summary = _text(domain, trial_id, "results.summary", data)
        if summary:
            results.append(plain(summary))
    else:
        results.append(plain(vocab.label(vocab.OUTCOME, "pending")))
    rows.append((str(_("Results")), results))
    rows.extend(
        eligibility_rows(data, language)
        or [(str(_("Who can join")), [plain(not_stated())])]
    )
    if data.get("registry"):
        rows.append((str(_("Registry")), registry_nodes(data["registry"])))
    return rows


def _column_class(trial_id: str) -> str:
    return f"kb-cmp-{trial_id}"


def _html_table(
    domain, trials: list[str], docname: str, language: str | None
) -> nodes.table:
    per_trial = {t: dict(_aspects(domain, t, docname, language)) for t in trials}
    labels: list[str] = []
    for rows in per_trial.values():
        labels.extend(label for label in rows if label not in labels)
    title = nodes.title("", str(_("Trials side by side")))
    table, tgroup = _table(
        title, (14, *([12] * len(trials))), ["kb-compare"], stub=True
    )
    thead = nodes.thead()
    head = nodes.row()
    head += nodes.entry("", plain(str(_("Trial"))))
    for trial_id in trials:
        entry = nodes.entry("", _trial_ref(domain, trial_id, docname))
        entry["classes"].append(_column_class(trial_id))
        head += entry
    thead += head
    tgroup += thead
    tbody = nodes.tbody()
    for label in labels:
        row = nodes.row()
        row += nodes.entry("", plain(label))
        for trial_id in trials:
            content = per_trial[trial_id].get(label) or [plain(not_stated())]
            entry = nodes.entry("", *content)
            entry["classes"].append(_column_class(trial_id))
            row += entry
        tbody += row
    tgroup += tbody
    table["ids"] = ["kb-compare-table"]
    return table


def _labels() -> nodes.raw:
    words = {
        "choose": str(_("Choose 2 to 4 trials to compare")),
        "showing": str(_("Showing {count} trials side by side.")),
        "all": str(_("Showing every trial. Choose 2 to 4 to compare them.")),
        "tooMany": str(_("You can compare at most 4 trials at a time.")),
        "clear": str(_("Show every trial")),
        "link": str(
            _(
                "The address of this page now keeps your choice: copy it to share this view."
            )
        ),
    }
    payload = json.dumps(words, ensure_ascii=False).replace("<", "\\u003c")
    return nodes.raw(
        "",
        f'<script type="application/json" class="kb-compare-labels">{payload}</script>'
        f'<div class="kb-compare-controls" hidden></div>'
        '<p class="kb-compare-status" role="status" aria-live="polite"></p>',
        format="html",
    )


def _fill(app, doctree: nodes.document, docname: str) -> None:
    domain = app.env.get_domain(DOMAIN)
    language = app.config.language
    for node in list(doctree.findall(compare_placeholder)):
        trials = select(domain, node["since"])
        if app.builder.format == "html":
            new: list[nodes.Node] = [
                _labels(),
                _html_table(domain, trials, docname, language),
            ]
        else:
            new = []
            for trial_id in trials:
                title = nodes.title("", domain.trial_title(trial_id))
                new.append(
                    fact_table(
                        title,
                        _aspects(domain, trial_id, docname, language),
                        ["kb-trial-facts"],
                    )
                )
        for ref in [
            n
            for part in new
            for n in part.findall(lambda n: n.tagname == "pending_xref")
        ]:
            resolve_late(app, ref, docname)
        node.replace_self(new)


class TrialCompare(SphinxDirective):
    """Every open or recent trial side by side (a placeholder filled when written)."""

    has_content = False
    option_spec = {"ended-since": directives.nonnegative_int}  # noqa: RUF012

    def run(self) -> list[nodes.Node]:
        self.env.get_domain(DOMAIN).note_overview(self.env.docname)
        node = compare_placeholder(since=self.options.get("ended-since", 0))
        self.set_source_info(node)
        return [node]


def _add_script(app, pagename, templatename, context, doctree) -> None:
    if 'id="kb-compare-table"' in (context.get("body") or ""):
        app.add_js_file("trial-compare.js", loading_method="defer")


def setup_compare(app) -> None:
    app.add_node(compare_placeholder)
    app.add_directive("trial-compare", TrialCompare)
    app.connect("doctree-resolved", _fill)
    app.connect("html-page-context", _add_script)
