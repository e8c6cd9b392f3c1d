"""The two answers a drug's fact box gives first: "Approved?" and "Open trials?".

Both come only from what the records hold. "Approved?" reads the drug block
(``approvals``, ``stage``, ``last_reviewed``) at read time::

    rows.insert(0, (str(_("Approved?")), approved_cell(record.data, language)))

"Open trials?" depends on every trial record that names the drug, so the fact
box carries an :class:`open_trials_placeholder` that is filled once every page
is read (``doctree-resolved``), like the overviews; a drug page is written
again whenever one of its drug's trials changes (``TrialFactsDomain.pages_to_rewrite``).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from . import vocab
from .formatting import join, partial_date, separator
from .i18n import _
from .tables import plain
from .xrefs import DOMAIN, pending, resolve_late


class open_trials_placeholder(nodes.General, nodes.Element):
    """Replaced by the drug's open trials at ``doctree-resolved``; never written."""


def _year(value: str, language: str | None) -> str:
    return partial_date(value[:4], language)


def _places(groups: list[tuple[str, str, str | None]], language: str | None) -> str:
    """``United States (2017), Japan (2015, conditional approval)``."""
    texts = []
    for agency, date, kind in groups:
        region = vocab.label(vocab.REGION, agency)
        if kind:
            texts.append(
                str(_("{region} ({year}, {kind})")).format(
                    region=region,
                    year=_year(date, language),
                    kind=vocab.label(vocab.APPROVAL_KIND, kind),
                )
            )
        else:
            texts.append(
                str(_("{region} ({year})")).format(
                    region=region, year=_year(date, language)
                )
            )
    return join(texts, language)


def _by_agency(approvals: list[dict]) -> tuple[list, list]:
    """Agencies whose approval stands, and agencies that withdrew every approval.

    Standing: the earliest standing approval's date, and its kind unless the
    agency granted a full approval. Withdrawn: the latest withdrawal's date.
    """
    standing: dict[str, list[dict]] = {}
    withdrawn: dict[str, list[dict]] = {}
    for approval in approvals:
        store = withdrawn if approval.get("withdrawn") else standing
        store.setdefault(approval["agency"], []).append(approval)
    active = []
    for agency, items in standing.items():
        first = min(items, key=lambda a: a["date"])
        full = any(a["kind"] == "full" for a in items)
        active.append((agency, first["date"], None if full else first["kind"]))
    gone = [
        (agency, max(a["withdrawn"] for a in items), None)
        for agency, items in withdrawn.items()
        if agency not in standing
    ]
    return sorted(active, key=lambda g: g[1]), sorted(gone, key=lambda g: g[1])


def approved_cell(data: dict, language: str | None) -> list[nodes.Node]:
    """Whether and where the drug is approved, from its block only."""
    active, gone = _by_agency(data.get("approvals") or [])
    cell: list[nodes.Node] = []
    if active:
        # An approval may cover one group of people, or a symptom, not ALS
        # itself: the answer says where to read what each one covers.
        cell.append(
            plain(
                str(
                    _("Yes, in: {places}. For what use: see “Approvals” below.")
                ).format(places=_places(active, language))
            )
        )
        if gone:
            cell.append(
                plain(
                    str(_("Withdrawn in: {places}")).format(
                        places=_places(gone, language)
                    )
                )
            )
    elif gone:
        cell.append(
            plain(
                str(_("No longer approved: withdrawn in {places}")).format(
                    places=_places(gone, language)
                )
            )
        )
    elif data["stage"] == "approved":
        cell.append(plain(str(_("Yes"))))
    else:
        cell.append(
            plain(
                str(_("No: not approved for ALS anywhere (as of {date})")).format(
                    date=partial_date(data["last_reviewed"], language)
                )
            )
        )
    for para in cell:
        para["classes"].append("kb-answer")
    return cell


def open_trials_cell(data: dict) -> list[nodes.Node]:
    """A placeholder for the drug's open trials (filled when every page is read)."""
    return [open_trials_placeholder(drug=data["id"], checked=data["last_reviewed"])]


def _with_nodes(template: str, **parts: nodes.Node | str) -> list[nodes.Node]:
    """Fill a translated ``{name}`` template with nodes (links) and strings."""
    out: list[nodes.Node] = []
    rest = template
    while "{" in rest:
        before, _brace, after = rest.partition("{")
        name, _close, rest = after.partition("}")
        if before:
            out.append(nodes.Text(before))
        part = parts.get(name, "{" + name + "}")
        out.append(nodes.Text(part) if isinstance(part, str) else part)
    if rest:
        out.append(nodes.Text(rest))
    return out


def _open_trials(domain, node: open_trials_placeholder, docname: str, language):
    drug_id = node["drug"]
    trials = sorted(
        (t for t, e in domain.trials.items() if drug_id in e["data"]["drugs"]),
        key=lambda t: (domain.trials[t]["data"].get("start", ""), t),
    )
    open_ = [
        t
        for t in trials
        if domain.trials[t]["data"]["status"] in vocab.STATUS_GROUPS["open"]
    ]
    para = nodes.paragraph(translatable=False, classes=["kb-answer"])
    if not open_:
        checked = min(
            (domain.trials[t]["data"]["last_verified"] for t in trials),
            default=node["checked"],
        )
        template = str(_("None open (as of {date})"))
        para += nodes.Text(
            template.format(date=partial_date(checked, language)),
        )
        return para
    items: list[nodes.Node] = []
    for index, trial_id in enumerate(open_):
        data = domain.trials[trial_id]["data"]
        name = data.get("acronym") or domain.trial_title(trial_id)
        link: nodes.Node = (
            pending("trial", trial_id, docname, name)
            if trial_id in domain.shown
            else nodes.Text(name)
        )
        if index:
            items.append(nodes.Text(separator(language)))
        items.extend(
            _with_nodes(
                str(_("{trial} ({status})")),
                trial=link,
                status=vocab.label(vocab.STATUS, data["status"]),
            )
        )
    span = nodes.inline()
    span.extend(items)
    para.extend(_with_nodes(str(_("Yes: {trials}")), trials=span))
    return para


def _fill(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    domain = app.env.get_domain(DOMAIN)
    for node in list(doctree.findall(open_trials_placeholder)):
        para = _open_trials(domain, node, docname, app.config.language)
        for ref in list(para.findall(lambda n: n.tagname == "pending_xref")):
            resolve_late(app, ref, docname)
        node.replace_self(para)


def setup_drug_summary(app: Sphinx) -> None:
    app.add_node(open_trials_placeholder)
    app.connect("doctree-resolved", _fill)
