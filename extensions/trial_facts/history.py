"""A drug's dated history, "How we got here": the ``drug-history`` directive.

Place it on a drug's own page, below its ``drug-facts`` block (before the
"Sources" section)::

    ```{drug-history}
    ```

It draws the drug's own ``history:`` events and those of every trial record
that names the drug, oldest first, as an ordered list: each event with its date
(``<time datetime="2023-04">``, written by Babel in the edition's language), a
short label for its kind, the trial it belongs to (linked), its sentence and its
source. Under the list, a link to the drug's Atom feed (:mod:`feeds`).

The list is built at read time, so each sentence and source title is a located,
translatable node: ``make gettext`` extracts it into the page's catalog and the
Locale transform translates it, as for trial tables. After translation
(``doctree-read``) the events are kept in the ``kb`` domain as plain data
(``domain.data["events"][docname]``), for the "Recent changes" page, the latest
event in the drug overview and the feeds.

The directive sits inside the section that precedes "Sources"; its own section
("How we got here") is then moved up to sit beside that section, so it is a
heading of the same level in the page's contents (:class:`LiftHistory`).

A drug page is read again when a trial record that names its drug changes,
appears or disappears (``env-get-outdated``), so the timeline never goes stale.
"""

from __future__ import annotations

import posixpath
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from . import vocab
from .formatting import partial_date
from .i18n import _
from .loading import data_dir
from .source_note import source_note
from .tables import bullet_list
from .warnings_ import warn
from .xrefs import DOMAIN, pending

SECTION_ID = "how-we-got-here"


class event_time(nodes.inline):
    """A date: ``<time datetime="2023-04">April 2023</time>`` in HTML.

    Other writers find no visitor of their own and draw it as an ``inline``
    (Sphinx looks visitors up along the node's class hierarchy).
    """


def _visit_time(self, node: event_time) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def _depart_time(self, node: event_time) -> None:
    self.body.append("</time>")


def history_lines(record) -> dict[str, Any]:
    """Where a drug block's texts sit (for gettext): events and indications."""
    lines = []
    for index, _event in enumerate(record.data.get("history") or []):
        lines.append(
            [
                record.line("history", index, "text"),
                record.line("history", index, "source", "title"),
            ]
        )
    indications = [
        record.line("approvals", index, "indication")
        for index, _approval in enumerate(record.data.get("approvals") or [])
    ]
    return {"lines": lines, "indications": indications}


def anchor(owner: str, owner_id: str, index: int) -> str:
    """The id of one event's list item: ``kb-event-tofersen-0``."""
    middle = owner_id if owner == "drug" else f"trial-{owner_id}"
    return f"kb-event-{middle}-{index}"


def _event(event, owner, owner_id, index, source, lines, drug_id) -> dict[str, Any]:
    return {
        "drug": drug_id,
        "owner": owner,
        "owner_id": owner_id,
        "index": index,
        "date": event["date"],
        "kind": event["kind"],
        "text": event["text"],
        "title": event["source"]["title"],
        "url": event["source"]["url"],
        "source_kind": event["source"]["kind"],
        "source_note": {
            k: event["source"][k] for k in ("note", "date") if k in event["source"]
        },
        "anchor": anchor(owner, owner_id, index),
        "file": source,
        "lines": list(lines),
    }


def gather(domain, drug_id: str, source: str) -> list[dict[str, Any]]:
    """The drug's events and its trials' events, oldest first (plain data)."""
    entry = domain.drugs[drug_id]
    found = []
    at = entry.get("history_at") or {"lines": []}
    for index, event in enumerate(entry["data"].get("history") or []):
        lines = at["lines"][index] if index < len(at["lines"]) else [None, None]
        found.append(_event(event, "drug", drug_id, index, source, lines, drug_id))
    for trial_id in sorted(domain.trials):
        trial = domain.trials[trial_id]
        if drug_id not in trial["data"]["drugs"]:
            continue
        for index, event in enumerate(trial["data"].get("history") or []):
            lines = [
                trial["lines"].get(("history", index, "text"), 1),
                trial["lines"].get(("history", index, "source", "title"), 1),
            ]
            found.append(
                _event(
                    event, "trial", trial_id, index, trial["abspath"], lines, drug_id
                )
            )
    found.sort(
        key=lambda e: (e["date"], e["owner"] == "trial", e["owner_id"], e["index"])
    )
    return found


def time_node(date: str, language: str | None) -> event_time:
    text = partial_date(date, language)
    # No "translatable" attribute: Sphinx unwraps every inline that has one
    # (sphinx.transforms.i18n.RemoveTranslatableInline). Without a source, the
    # date is never extracted for translators anyway.
    return event_time(text, text, datetime=date, classes=["kb-date", "kb-localized"])


def _located(node: nodes.Element, source: str, line: int | None, key: str, field):
    node.source, node.line = source, line
    node["kb-event"], node["kb-field"] = key, field
    return node


def head(event: dict[str, Any], domain, docname: str, language) -> nodes.paragraph:
    """``April 2023 · Approval · VALOR``: date, kind and (linked) trial."""
    para = nodes.paragraph(translatable=False, classes=["kb-event-head"])
    para += time_node(event["date"], language)
    para += nodes.Text(" · ")
    kind = vocab.label(vocab.EVENT_KIND, event["kind"])
    para += nodes.inline(kind, kind, classes=["kb-event-kind"])
    if event["owner"] == "trial":
        data = domain.trials.get(event["owner_id"], {}).get("data", {})
        para += nodes.Text(" · ")
        # Without an acronym, the title is filled in when the link is resolved:
        # here, at read time, the trial's translated title may not be known
        # yet, and the English one stood in every translated edition.
        para += pending("trial", event["owner_id"], docname, data.get("acronym"))
    return para


def source_para(
    event: dict[str, Any], title: nodes.Node, language: str | None = None
) -> nodes.paragraph:
    """``Source: <title> (press release, 2 August 2021) (Regulator)``; the title
    is a link to the source, its note and date follow it in *language*."""
    para = nodes.paragraph(translatable=False, classes=["kb-event-source"])
    link = nodes.reference("", "", refuri=event["url"], classes=["external"])
    link += title
    kind = vocab.label(vocab.SOURCE_KIND, event["source_kind"])
    # A translation may put {kind} before {link}: both parts are filled.
    before, _brace, after = str(_("Source: {link} ({kind})")).partition("{link}")
    para += nodes.Text(before.format(kind=kind))
    para += link
    note = source_note(event.get("source_note", {}), language)
    if note:
        para += nodes.Text(f" ({note})")
    para += nodes.Text(after.format(kind=kind))
    return para


def feed_path(name: str) -> str:
    """Where a feed is written, relative to the edition's root."""
    return f"feeds/{name}.atom"


def feed_link(docname: str, name: str, text: str) -> nodes.paragraph:
    """A visible link from *docname* to a feed (a file beside the pages)."""
    uri = posixpath.relpath(feed_path(name), posixpath.dirname(docname) or ".")
    para = nodes.paragraph(translatable=False, classes=["kb-feed-link"])
    para += nodes.reference(text, text, refuri=uri, classes=["kb-feed"])
    return para


def _key(event: dict[str, Any]) -> str:
    return f"{event['owner']}:{event['owner_id']}:{event['index']}"


class DrugHistory(SphinxDirective):
    """The drug's timeline: ```{drug-history}`` (or ```{drug-history} <drug id>``)."""

    optional_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        domain = self.env.get_domain(DOMAIN)
        docname = self.env.docname
        drug_id = self.arguments[0].strip() if self.arguments else None
        if drug_id is None:
            declared = [
                key
                for store, key in domain.data["declared"].get(docname, [])
                if store == "drugs"
            ]
            drug_id = declared[0] if len(declared) == 1 else None
        entry = domain.drugs.get(drug_id) if drug_id else None
        if entry is None or entry["docname"] != docname:
            warn(
                f"drug-history {drug_id or ''!r}: no drug-facts block above it on this "
                "page declares that drug; put drug-history below the page's "
                "drug-facts block, and name the drug (```{drug-history} <id>) "
                "when the page declares more than one",
                self.get_location(),
                "unknown",
            )
            return []
        domain.data["history_pages"].setdefault(docname, []).append(drug_id)
        # The trial records are read before the pages; a new one is noticed by
        # _reread (below), a changed one by its file's date.
        folder = data_dir(self.env.app)
        source, _line = self.get_source_info()
        events = gather(domain, drug_id, source)
        for event in events:
            if event["owner"] == "trial":
                self.env.note_dependency(
                    str((folder / f"{event['owner_id']}.yaml").resolve())
                )
        language = self.config.language
        # On the drug's own page the timeline is a section of the page; on a
        # page about several drugs it stays inside the drug's own section.
        own = docname.rsplit("/", 1)[-1] == drug_id
        ident = SECTION_ID if own else f"{SECTION_ID}-{drug_id}"
        section = nodes.section(ids=[ident], classes=["kb-history"])
        section["names"] = [ident]
        if own:
            section["classes"].append("kb-history-lift")
        title_text = str(_("How we got here"))
        title = nodes.title(title_text, title_text)
        title["translatable"] = False
        section += title
        items = []
        for event in events:
            key = _key(event)
            text_line, title_line = event["lines"]
            sentence = _located(
                nodes.paragraph(event["text"], event["text"]),
                event["file"],
                text_line,
                key,
                "text",
            )
            cited = _located(
                nodes.inline(event["title"], event["title"], translatable=True),
                event["file"],
                title_line,
                key,
                "title",
            )
            item = nodes.container(classes=["kb-event", f"kb-event-{event['kind']}"])
            item += head(event, domain, docname, language)
            item += sentence
            item += source_para(event, cited, language)
            items.append(item)
        if items:
            timeline = bullet_list(items, enumerated=True)
            timeline["classes"].append("kb-timeline")
            for item, event in zip(timeline.children, events, strict=True):
                item["ids"] = [event["anchor"]]
            section += timeline
        else:
            empty = str(_("No dated events are recorded for this drug yet."))
            section += nodes.paragraph(empty, empty, translatable=False)
        section += feed_link(
            docname, drug_id, str(_("Follow changes to this drug (Atom feed)"))
        )
        for event in events:
            del event["file"], event["lines"]
        domain.data["events"][docname] = events
        self.set_source_info(section)
        return [section]


class LiftHistory(SphinxTransform):
    """On a drug's own page, move "How we got here" beside the section it was
    written in, so that it is a heading of the same level."""

    default_priority = 100

    def apply(self, **kwargs: Any) -> None:
        for section in list(self.document.findall(nodes.section)):
            if "kb-history-lift" not in section["classes"]:
                continue
            parent = section.parent
            if not isinstance(parent, nodes.section) or not isinstance(
                parent.parent, nodes.section
            ):
                continue
            parent.remove(section)
            grand = parent.parent
            grand.insert(grand.index(parent) + 1, section)


def _collect(app: Sphinx, doctree: nodes.document) -> None:
    """After translation: the translated sentence and source title of each event."""
    domain = app.env.get_domain(DOMAIN)
    events = domain.data["events"].get(app.env.docname)
    if not events:
        return
    texts: dict[tuple[str, str], str] = {}
    for node in doctree.findall(nodes.Element):
        if node.get("kb-event") and node.get("kb-field"):
            texts[(node["kb-event"], node["kb-field"])] = node.astext()
    for event in events:
        key = _key(event)
        event["text"] = texts.get((key, "text"), event["text"])
        event["title"] = texts.get((key, "title"), event["title"])


def _reread(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """Drug pages whose timeline shows a trial record that changed, came or went."""
    domain = env.get_domain(DOMAIN)
    drugs = {
        rest[0]
        for kind, *rest in domain.data["changed"]
        if kind == "trials-of" and rest
    }
    return sorted(
        docname
        for docname, drug_ids in domain.data["history_pages"].items()
        if drugs.intersection(drug_ids) and docname not in removed
    )


def events_by_drug(domain) -> dict[str, list[dict[str, Any]]]:
    """Every drug's events (oldest first), from the pages read."""
    found: dict[str, list[dict[str, Any]]] = {}
    for docname in sorted(domain.data["events"]):
        for event in domain.data["events"][docname]:
            found.setdefault(event["drug"], []).append({**event, "docname": docname})
    return found


def latest_event(domain, drug_id: str) -> dict[str, Any] | None:
    events = events_by_drug(domain).get(drug_id) or []
    return events[-1] if events else None


def setup_history(app: Sphinx) -> None:
    app.add_node(event_time, html=(_visit_time, _depart_time))
    app.add_directive("drug-history", DrugHistory)
    app.add_transform(LiftHistory)
    app.connect("doctree-read", _collect)
    # After loading.py's handler (priority 500) has noted which trials changed.
    app.connect("env-get-outdated", _reread, priority=600)
