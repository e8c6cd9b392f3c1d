"""The "Recent changes" list: the newest dated events across all drugs and trials.

    ```{recent-changes}
    :limit: 40
    ```

Newest first; each event with its date, its kind, the drug (linked to the event
on the drug's page) and its sentence, in the edition's language. Above the
list, a link to the site's Atom feed (:mod:`feeds`). The directive leaves a
placeholder that is filled once every page is read (``doctree-resolved``), like
the overviews, and the page is written again whenever a record or a drug page
changes (it counts as an overview in the ``kb`` domain).

The drug overview (``drug-pipeline``) takes the latest event of each drug from
here too (:func:`latest_cell`).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from . import vocab
from .history import events_by_drug, feed_link, time_node
from .i18n import _
from .tables import bullet_list, plain
from .xrefs import DOMAIN

DEFAULT_LIMIT = 50


class recent_placeholder(nodes.General, nodes.Element):
    """Replaced by the list of recent events at ``doctree-resolved``; never written."""


def unique_events(domain) -> list[dict[str, Any]]:
    """Every dated event once (a trial of two drugs counts once), newest first."""
    seen: set[tuple[str, str, int]] = set()
    found = []
    for _drug_id, events in sorted(events_by_drug(domain).items()):
        for event in events:
            key = (event["owner"], event["owner_id"], event["index"])
            if key in seen:
                continue
            seen.add(key)
            found.append(event)
    found.sort(
        key=lambda e: (e["date"], e["drug"], e["owner_id"], e["index"]), reverse=True
    )
    return found


class RecentChanges(SphinxDirective):
    has_content = False
    option_spec = {"limit": directives.positive_int}  # noqa: RUF012 (docutils API)

    def run(self) -> list[nodes.Node]:
        domain = self.env.get_domain(DOMAIN)
        domain.note_overview(self.env.docname)
        domain.data["recent"][self.env.docname] = 1
        node = recent_placeholder(limit=self.options.get("limit", DEFAULT_LIMIT))
        self.set_source_info(node)
        return [node]


def _item(app: Sphinx, event: dict[str, Any], docname: str) -> nodes.Element:
    domain = app.env.get_domain(DOMAIN)
    language = app.config.language
    head = nodes.paragraph(translatable=False, classes=["kb-event-head"])
    head += time_node(event["date"], language)
    head += nodes.Text(" · ")
    kind = vocab.label(vocab.EVENT_KIND, event["kind"])
    head += nodes.inline(kind, kind, classes=["kb-event-kind"])
    head += nodes.Text(" · ")
    name = domain.drug_name(event["drug"]) if event["drug"] in domain.drugs else ""
    if event["owner"] == "trial" and event["owner_id"] in domain.trials:
        data = domain.trials[event["owner_id"]]["data"]
        trial = data.get("acronym") or domain.trial_title(event["owner_id"])
        name = str(_("{drug} ({trial})")).format(drug=name, trial=trial)
    uri = app.builder.get_relative_uri(docname, event["docname"])
    head += nodes.reference(
        name, name, refuri=f"{uri}#{event['anchor']}", internal=True
    )
    item = nodes.container(classes=["kb-event", f"kb-event-{event['kind']}"])
    item += head
    item += plain(event["text"])
    return item


def _fill(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    domain = app.env.get_domain(DOMAIN)
    for node in list(doctree.findall(recent_placeholder)):
        events = unique_events(domain)[: node["limit"]]
        new: list[nodes.Node] = [
            feed_link(docname, "all", str(_("Follow all changes (Atom feed)")))
        ]
        if events:
            listing = bullet_list(
                [_item(app, event, docname) for event in events], enumerated=True
            )
            listing["classes"].extend(["kb-timeline", "kb-recent"])
            new.append(listing)
        else:
            new.append(plain(str(_("No dated events are recorded yet."))))
        node.replace_self(new)


def latest_cell(domain, drug_id: str, language: str | None) -> list[nodes.Node]:
    """The drug's latest event for an overview cell: ``April 2023 · Approval``."""
    events = events_by_drug(domain).get(drug_id) or []
    if not events:
        return [plain("")]
    event = events[-1]
    para = nodes.paragraph(translatable=False)
    para += time_node(event["date"], language)
    para += nodes.Text(" · " + vocab.label(vocab.EVENT_KIND, event["kind"]))
    return [para]


def setup_recent(app: Sphinx) -> None:
    app.add_node(recent_placeholder)
    app.add_directive("recent-changes", RecentChanges)
    app.connect("doctree-resolved", _fill)
