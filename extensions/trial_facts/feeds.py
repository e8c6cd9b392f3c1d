"""Atom feeds (RFC 4287) of the dated events, written beside each HTML edition.

    _build/html/es/feeds/all.atom        # every event, newest first, in Spanish
    _build/html/es/feeds/tofersen.atom   # the events of one drug and its trials

A reader follows a drug without an account: any feed reader polls the file.
The feeds hold what the timelines show (:mod:`history`), in the edition's
language (``xml:lang``), and are written again at the end of every build, so
they stay current in incremental builds.

- **Stable ids.** Each entry's id is a ``tag:`` URI made of the event's owner
  (drug or trial id), date and kind, e.g.
  ``tag:als-mnd-kb.example,2026:en/tofersen-valor/2022-09/results``; each feed's
  id names the edition and the drug. Nothing comes from the build's time.
- **Reproducible.** ``updated`` is the newest event's date (a feed without
  events: the drug's ``last_reviewed``), never the clock; the same sources
  give the same bytes.
- **Links.** Absolute when ``html_baseurl`` is set (the edition's address);
  otherwise relative to the edition's root, resolved through ``xml:base="../"``
  (the feeds sit in ``feeds/``).
- **Escaped.** Every text goes through :mod:`xml.etree.ElementTree`, never
  string concatenation; characters XML cannot carry are dropped.

Configuration (``conf.py``)::

    kb_feed_tag = "tag:als-mnd-kb.example,2026:"   # the ids' prefix
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from unchanged_outputs import UnchangedOutputs

from . import vocab
from .history import events_by_drug, feed_path
from .i18n import _
from .output_files import remove_others, write_if_changed
from .recent import unique_events
from .source_note import source_note
from .xrefs import DOMAIN

ATOM = "http://www.w3.org/2005/Atom"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
# Characters XML 1.0 cannot hold (a translation could carry them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str):
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = _clean(text)
    return element


def timestamp(date: str) -> str:
    """An RFC 3339 time for a partial date: ``2023-04`` -> ``2023-04-01T00:00:00Z``."""
    parts = [*date.split("-"), "01", "01"]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"


def _links(app: Sphinx) -> tuple[str | None, Any]:
    """The feed's ``xml:base`` (or None) and a function turning a path into a URL."""
    base = (app.config.html_baseurl or "").strip()
    if base:
        root = base.rstrip("/") + "/"
        return None, lambda path: root + path
    return "../", lambda path: path


def _entry_ids(app: Sphinx, events: list[dict[str, Any]]) -> list[str]:
    prefix = app.config.kb_feed_tag
    language = app.config.language or "en"
    seen: dict[str, int] = {}
    ids = []
    for event in events:
        # Oldest first, so that an event keeps its id when newer ones are added.
        stem = f"{prefix}{language}/{event['owner_id']}/{event['date']}/{event['kind']}"
        seen[stem] = seen.get(stem, 0) + 1
        ids.append(stem if seen[stem] == 1 else f"{stem}/{seen[stem]}")
    return ids


def _entry_title(domain, event: dict[str, Any]) -> str:
    drug = domain.drug_name(event["drug"]) if event["drug"] in domain.drugs else ""
    kind = vocab.label(vocab.EVENT_KIND, event["kind"])
    if event["owner"] == "trial" and event["owner_id"] in domain.trials:
        data = domain.trials[event["owner_id"]]["data"]
        trial = data.get("acronym") or domain.trial_title(event["owner_id"])
        return str(_("{drug} ({trial}): {kind}")).format(
            drug=drug, trial=trial, kind=kind
        )
    return str(_("{drug}: {kind}")).format(drug=drug, kind=kind)


def build_feed(
    app: Sphinx,
    name: str,
    title: str,
    page: str,
    events: list[dict[str, Any]],
    fallback: str,
) -> bytes:
    """One Atom document: *events* oldest first, written newest first."""
    domain = app.env.get_domain(DOMAIN)
    base, url = _links(app)
    language = app.config.language or "en"
    ET.register_namespace("", ATOM)
    # xml:lang takes the BCP 47 form (pt-BR), as the pages' lang does.
    feed = ET.Element(f"{{{ATOM}}}feed", {_XML_LANG: language.replace("_", "-")})
    if base:
        feed.set(_XML_BASE, base)
    _sub(feed, "id", f"{app.config.kb_feed_tag}{language}/feeds/{name}")
    _sub(feed, "title", title)
    newest = max((e["date"] for e in events), default=fallback)
    _sub(feed, "updated", timestamp(newest))
    author = _sub(feed, "author")
    _sub(author, "name", app.config.author or app.config.project)
    _sub(
        feed, "link", rel="self", type="application/atom+xml", href=url(feed_path(name))
    )
    _sub(feed, "link", rel="alternate", type="text/html", href=url(page))
    ids = _entry_ids(app, events)
    for event, entry_id in reversed(list(zip(events, ids, strict=True))):
        entry = _sub(feed, "entry")
        _sub(entry, "id", entry_id)
        _sub(entry, "title", _entry_title(domain, event))
        _sub(entry, "updated", timestamp(event["date"]))
        target = app.builder.get_target_uri(event["docname"]) + "#" + event["anchor"]
        _sub(entry, "link", rel="alternate", type="text/html", href=url(target))
        _sub(entry, "category", term=event["kind"])
        note = source_note(event.get("source_note", {}), app.config.language)
        source = str(_("Source: {title} ({kind})")).format(
            title=event["title"] + (f" ({note})" if note else ""),
            kind=vocab.label(vocab.SOURCE_KIND, event["source_kind"]),
        )
        _sub(
            entry,
            "content",
            f"{event['text']}\n\n{source}\n{event['url']}",
            type="text",
        )
    ET.indent(feed, space=" ")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _recent_page(domain) -> str:
    """The page that shows "Recent changes" (the root page if none does)."""
    return min(domain.data["recent"] or ["index"])


def _write(app: Sphinx, exception: Exception | None) -> None:
    if (
        exception is not None
        or app.builder.format != "html"
        or app.builder.name == "singlehtml"
    ):
        return
    outputs = UnchangedOutputs(app, "trial-facts-feeds")
    if outputs.current():
        return
    domain = app.env.get_domain(DOMAIN)
    folder = Path(app.outdir, "feeds")
    folder.mkdir(parents=True, exist_ok=True)
    reviewed = [e["data"]["last_reviewed"] for e in domain.drugs.values()]
    everything = sorted(
        unique_events(domain),
        key=lambda e: (e["date"], e["drug"], e["owner_id"], e["index"]),
    )
    feeds = [
        (
            "all",
            str(_("{site}: recent changes")).format(site=app.config.project),
            app.builder.get_target_uri(_recent_page(domain)),
            everything,
            max(reviewed, default="1970-01-01"),
        )
    ]
    # One feed per declared drug, even one without events yet: its page links to it.
    by_drug = events_by_drug(domain)
    for drug_id in sorted(domain.drugs):
        events = by_drug.get(drug_id, [])
        entry = domain.drugs[drug_id]
        feeds.append(
            (
                drug_id,
                str(_("{drug}: changes")).format(drug=domain.drug_name(drug_id)),
                app.builder.get_target_uri(entry["docname"]),
                events,
                entry["data"]["last_reviewed"],
            )
        )
    for name, title, page, events, fallback in feeds:
        write_if_changed(
            folder / f"{name}.atom",
            build_feed(app, name, title, page, events, fallback),
        )
    # A removed drug loses its feed; an unchanged feed is not written again.
    remove_others(folder, "*.atom", {f"{name}.atom" for name, *_ in feeds})
    outputs.record([f"feeds/{name}.atom" for name, *_ in feeds])


def _head_links(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """``<link rel="alternate" type="application/atom+xml">`` in each page's head."""
    domain = app.env.get_domain(DOMAIN)
    pathto = context.get("pathto")
    if pathto is None:
        return
    links = [("all", str(_("{site}: recent changes")).format(site=app.config.project))]
    for drug_id in reversed(domain.data["history_pages"].get(pagename, [])):
        if drug_id in domain.drugs:
            title = str(_("{drug}: changes")).format(drug=domain.drug_name(drug_id))
            links.insert(0, (drug_id, title))
    tags = "".join(
        '<link rel="alternate" type="application/atom+xml" '
        f'title="{html.escape(title)}" href="{html.escape(pathto(feed_path(name), 1))}">\n'
        for name, title in links
    )
    context["metatags"] = context.get("metatags", "") + tags


def setup_feeds(app: Sphinx) -> None:
    app.add_config_value(
        "kb_feed_tag",
        "tag:als-mnd-kb.example,2026:",
        "html",
        types=[str],
        description="the prefix of every Atom id (a tag: URI, RFC 4151)",
    )
    app.connect("build-finished", _write)
    app.connect("html-page-context", _head_links)
