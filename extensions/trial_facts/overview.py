"""The cross-knowledge-base tables: ``trial-overview`` and ``drug-pipeline``.

The directives leave an :class:`overview_placeholder`; once every page has been
read (``doctree-resolved``), it is replaced by a table built from the domain's
plain data. Titles come from the domain already translated (collected after the
Locale transform), labels from the extension's catalog, dates and numbers from
Babel, so every word is in the edition's language.

Rows carry classes (``kb-status-completed``, ``kb-phase-3``, ``kb-stage-approved``,
``kb-start-2019-03``) that the optional script uses to filter and sort; the full
table is in the page for readers without JavaScript. A row whose record is past
its next review date (``review_dates.schedule``) also carries
``kb-review-overdue`` and ``kb-review-due-2026-05-26``, and its status cell says
"Awaiting re-check since …" in words, not only by colour.
"""

from __future__ import annotations

import json
from typing import Any

from docutils import nodes

from . import vocab
from .eligibility import overview_cells, overview_headers, row_data
from .formatting import number, partial_date
from .i18n import _
from .recent import latest_cell
from .tables import caption, data_row, grid_table, plain
from .trial_table import dates_text, registry_nodes
from .xrefs import DOMAIN, drug_links, pending, resolve_late

#: Keys accepted by ``:sort:`` (prefix ``-`` for descending order).
SORT_KEYS = ("drug", "start", "phase", "status", "title", "participants")


class overview_placeholder(nodes.General, nodes.Element):
    """Replaced by a table at ``doctree-resolved``; never written."""


def _status_codes(selected: list[str]) -> set[str]:
    codes: set[str] = set()
    for value in selected:
        codes.update(vocab.STATUS_GROUPS.get(value, (value,)))
    return codes


def select_trials(domain, options: dict[str, Any]) -> list[str]:
    """Return the trial ids an overview with *options* shows, in order."""
    ids = []
    stages = set(options.get("drug-stage", ()))
    statuses = _status_codes(options.get("status", []))
    phases = set(options.get("phase", ()))
    drugs = set(options.get("drugs", ()))
    for trial_id, entry in domain.trials.items():
        data = entry["data"]
        if statuses and data["status"] not in statuses:
            continue
        if phases and data["phase"] not in phases:
            continue
        if drugs and not drugs & set(data["drugs"]):
            continue
        if stages and not any(
            _drug_field(domain, d, "stage", "") in stages for d in data["drugs"]
        ):
            continue
        ids.append(trial_id)
    key = options.get("sort", "drug")
    reverse = key.startswith("-")
    ids.sort(key=lambda t: _sort_key(domain, t, key.lstrip("-")), reverse=reverse)
    return ids


def _drug_field(domain, drug_id: str, field: str, default: str) -> str:
    """A field of a declared drug (*default* if no page declares it)."""
    return domain.drugs.get(drug_id, {}).get("data", {}).get(field, default)


def _drug_name(domain, drug_id: str) -> str:
    return domain.drug_name(drug_id) if drug_id in domain.drugs else drug_id


def _sort_key(domain, trial_id: str, key: str) -> tuple:
    data = domain.trials[trial_id]["data"]
    start = data.get("start", "")
    if key == "drug":
        return (_drug_name(domain, data["drugs"][0]).casefold(), start, trial_id)
    if key == "phase":
        return (vocab.PHASE_RANK.get(data["phase"], -1), start, trial_id)
    if key == "status":
        return (list(vocab.STATUS).index(data["status"]), start, trial_id)
    if key == "title":
        return (domain.trial_title(trial_id).casefold(), trial_id)
    if key == "participants":
        return (data["participants"]["count"], trial_id)
    return (start, trial_id)


def _trial_ref(domain, trial_id: str, docname: str) -> nodes.paragraph:
    """The trial's title, linked to its table (plain text if no page shows it yet)."""
    title = domain.trial_title(trial_id)
    if trial_id not in domain.shown:
        return plain(title)  # already reported as "not shown on any page"
    para = nodes.paragraph(translatable=False)
    para += pending("trial", trial_id, docname, title)
    return para


def _row_classes(domain, trial_id: str) -> list[str]:
    data = domain.trials[trial_id]["data"]
    stages = sorted({_drug_field(domain, d, "stage", "unknown") for d in data["drugs"]})
    return [
        "kb-row",
        f"kb-status-{data['status']}",
        f"kb-phase-{data['phase'].replace('/', '-')}",
        f"kb-phase-rank-{vocab.PHASE_RANK.get(data['phase'], 0)}",
        f"kb-start-{data.get('start', 'unknown')}",
        *(f"kb-stage-{s}" for s in stages),
        *_review_classes(domain, trial_id),
    ]


def _review_classes(domain, trial_id: str) -> list[str]:
    """``kb-review-due-<date>``, and ``kb-review-overdue`` once that date has passed."""
    due = domain.data.get("due", {}).get(trial_id)
    if not due:
        return []
    overdue = trial_id in domain.data.get("overdue", ())
    return [f"kb-review-due-{due}", *(["kb-review-overdue"] if overdue else [])]


def _status_cell(domain, trial_id: str, language: str | None) -> list[nodes.Node]:
    """The trial's status; for an overdue record, since when it awaits a re-check."""
    data = domain.trials[trial_id]["data"]
    cell = [plain(vocab.label(vocab.STATUS, data["status"]))]
    if trial_id in domain.data.get("overdue", ()):
        since = partial_date(domain.data["due"][trial_id], language)
        mark = plain(str(_("Awaiting re-check since {date}")).format(date=since))
        mark["classes"].append("kb-review-mark")
        cell.append(mark)
    return cell


def trial_overview(
    domain,
    options: dict[str, Any],
    docname: str,
    language: str | None,
    title: nodes.title | None = None,
):
    headers = [
        str(_("Trial")),
        str(_("Drugs")),
        str(_("Phase")),
        str(_("Status")),
        str(_("Participants")),
        str(_("Dates")),
        str(_("Registry")),
    ]
    rows = []
    selected = select_trials(domain, options)
    for trial_id in selected:
        data = domain.trials[trial_id]["data"]
        count = number(data["participants"]["count"], language)
        if data["participants"]["type"] == "planned":
            count = str(_("{count} (planned)")).format(count=count)
        cells = [
            [_trial_ref(domain, trial_id, docname)],
            [drug_links(data["drugs"], docname)],
            [plain(vocab.label(vocab.PHASES, data["phase"]))],
            _status_cell(domain, trial_id, language),
            [plain(count)],
            [plain(dates_text(data, language))],
            registry_nodes(data["registry"]) if data.get("registry") else [plain("")],
        ]
        if "eligibility" in options:
            cells += overview_cells(data, language)
        rows.append((_row_classes(domain, trial_id), cells))
    if not rows:
        return [plain(str(_("No trial matches this selection.")))]
    if title is None:
        title = caption(str(_("Clinical trials")))
    else:
        title.parent.remove(title)  # moved from the placeholder into the table
    widths: tuple[int, ...] = (20, 16, 9, 12, 11, 13, 19)
    classes = ["kb-trial-overview"]
    if "eligibility" in options:
        headers += overview_headers()
        widths = (13, 10, 6, 8, 7, 9, 11, 7, 11, 7, 11)
        classes.append("kb-with-eligibility")  # trial-facts.css: print widths
    table = grid_table(title, headers, widths, rows, classes)
    body_rows = [
        r for r in table.findall(nodes.row) if isinstance(r.parent, nodes.tbody)
    ]
    for row, trial_id in zip(body_rows, selected, strict=True):
        row["kb-trial"] = trial_id
    _add_row_data(domain, table)
    return [table, _script_labels()]


def _add_row_data(domain, table: nodes.table) -> None:
    """Each body row carries its trial's eligibility as ``data-*`` attributes."""
    for row in list(table.findall(nodes.row)):
        if not isinstance(row.parent, nodes.tbody):
            continue
        trial_id = row.get("kb-trial")
        attributes = row_data(domain.trials[trial_id]["data"]) if trial_id else {}
        if not attributes:
            continue
        new = data_row(**{k: v for k, v in row.attributes.items() if k != "ids"})
        new["ids"] = list(row["ids"])
        new["kb-data"] = attributes
        new.extend(row.children)
        row.replace_self(new)


def _script_labels() -> nodes.raw:
    """The words of the filter script, in this edition's language (HTML only)."""
    labels = {
        "filter": str(_("Filter the trials")),
        "stage": str(_("Drug stage")),
        "status": str(_("Status")),
        "phase": str(_("Phase")),
        "all": str(_("All")),
        "sort": str(_("Sort by this column")),
        "count": str(_("{shown} of {total} trials shown")),
        "empty": str(_("No trial matches these filters.")),
        "reset": str(_("Show all trials")),
        "sortBy": str(_("Sort by:")),
        "stages": {code: vocab.label(vocab.STAGE, code) for code in vocab.STAGE},
    }
    payload = json.dumps(labels, ensure_ascii=False).replace("<", "\\u003c")
    html = (
        f'<script type="application/json" class="kb-overview-labels">{payload}</script>'
    )
    return nodes.raw("", html, format="html")


def _trials_by_drug(domain) -> dict[str, list[str]]:
    """Each drug's trials, found in one pass over the records."""
    found: dict[str, list[str]] = {}
    for trial_id, entry in domain.trials.items():
        for drug_id in entry["data"]["drugs"]:
            found.setdefault(drug_id, []).append(trial_id)
    return found


def _latest_trial(domain, trials: list[str]) -> str | None:
    return (
        max(trials, key=lambda t: (domain.trials[t]["data"].get("start", ""), t))
        if trials
        else None
    )


def _furthest_phase(domain, trials: list[str]) -> str | None:
    phases = [
        phase
        for phase in (domain.trials[t]["data"]["phase"] for t in trials)
        if phase in vocab.PHASE_RANK
    ]
    return max(phases, key=vocab.PHASE_RANK.__getitem__) if phases else None


def drug_pipeline(domain, docname: str, language: str | None) -> list[nodes.Node]:
    headers = [
        str(_("Drug")),
        str(_("Type of medicine")),
        str(_("Furthest phase reached")),
        str(_("Latest trial")),
        str(_("Status of latest trial")),
        str(_("Latest event")),
    ]
    out: list[nodes.Node] = []
    trials_of = _trials_by_drug(domain)
    for stage in vocab.STAGE:
        drug_ids = sorted(
            (d for d, e in domain.drugs.items() if e["data"]["stage"] == stage),
            key=lambda d: _drug_name(domain, d).casefold(),
        )
        if not drug_ids:
            continue
        rows = []
        for drug_id in drug_ids:
            data = domain.drugs[drug_id]["data"]
            phase = _furthest_phase(domain, trials_of.get(drug_id, []))
            latest = _latest_trial(domain, trials_of.get(drug_id, []))
            rows.append(
                (
                    [f"kb-stage-{stage}"],
                    [
                        [drug_links([drug_id], docname)],
                        [plain(vocab.label(vocab.MODALITY, data["modality"]))],
                        [plain(vocab.label(vocab.PHASES, phase) if phase else "")],
                        [
                            _trial_ref(domain, latest, docname)
                            if latest and latest in domain.shown
                            else plain("")
                        ],
                        [
                            plain(
                                vocab.label(
                                    vocab.STATUS,
                                    domain.trials[latest]["data"]["status"],
                                )
                                if latest
                                else ""
                            )
                        ],
                        latest_cell(domain, drug_id, language),
                    ],
                )
            )
        title = caption(vocab.label(vocab.STAGE, stage))
        out.append(
            grid_table(
                title,
                headers,
                (20, 15, 13, 24, 12, 16),
                rows,
                ["kb-drug-pipeline", f"kb-pipeline-{stage}"],
            )
        )
    return out


def _fill(app, doctree: nodes.document, docname: str) -> None:
    domain = app.env.get_domain(DOMAIN)
    language = app.config.language
    for index, node in enumerate(list(doctree.findall(overview_placeholder)), start=1):
        if node["kind"] == "trials":
            # The caption is a located title node, translated with the page; it
            # moves into the table, so `make gettext` still extracts it.
            given = next(iter(node.findall(nodes.title)), None)
            options = dict(node["options"])
            if app.builder.format != "html":
                # Eleven columns do not fit a printed page of the book, which
                # shows each trial's eligibility in its fact table anyway.
                options.pop("eligibility", None)
            new = trial_overview(domain, options, docname, language, given)
        else:
            new = drug_pipeline(domain, docname, language)
        for table in new:
            if isinstance(table, nodes.table):
                stage = next(
                    (c for c in table["classes"] if c.startswith("kb-pipeline-")), None
                )
                table["ids"] = [f"{stage}-{index}" if stage else f"kb-overview-{index}"]
        # The references inside were made after resolution: resolve them now.
        for ref in [
            n
            for part in new
            for n in part.findall(lambda n: n.tagname == "pending_xref")
        ]:
            resolve_late(app, ref, docname)
        node.replace_self(new)


def setup_overview(app) -> None:
    app.add_node(overview_placeholder)
    app.connect("doctree-resolved", _fill)
