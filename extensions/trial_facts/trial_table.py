"""The fact table of one trial, built at read time from its record.

    table = trial_table(record, source="/abs/docs/_data/trials/x.yaml",
                        docname="drugs/approved/tofersen", language="en")

Record text becomes translatable paragraphs located at the YAML file and line,
so ``make gettext`` offers it to translators beside the page's own text.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

from . import vocab
from .eligibility import eligibility_rows
from .formatting import number, partial_date
from .i18n import _
from .records import Record
from .registries import identify
from .source_note import source_note
from .tables import (
    bullet_list,
    caption,
    fact_table,
    fixed,
    link,
    localized,
    plain,
    translatable,
)
from .xrefs import drug_links


def anchor(trial_id: str) -> str:
    # Not "trial-<id>": Sphinx's search would then rebuild the anchor from the
    # display name (sphinx/search/__init__.py shortanchor "-") and miss it.
    return f"trial-facts-{trial_id}"


def registry_nodes(ids: list[str]) -> list[nodes.Node]:
    """Registry IDs as links to their registry (plain text where none exists)."""
    para = nodes.paragraph(translatable=False, classes=["notranslate"])
    for index, value in enumerate(ids):
        if index:
            para += nodes.Text(", ")
        found = identify(value)
        url = found.url if found else None
        # kb-ltr: an ID keeps its left-to-right order inside Arabic text.
        para += link(value, url, "kb-ltr") if url else nodes.literal(value, value)
    return [para]


def dates_text(data: dict[str, Any], language: str | None) -> str:
    if not data.get("start"):
        return str(_("Dates not reported"))
    start = partial_date(data["start"], language)
    if data.get("end"):
        return str(_("{start} to {end}")).format(
            start=start, end=partial_date(data["end"], language)
        )
    return str(_("from {start}")).format(start=start)


def participants_text(participants: dict[str, Any], language: str | None) -> str:
    template = vocab.label(vocab.PARTICIPANTS, participants["type"])
    return template.format(count=number(participants["count"], language))


def _sources(record: Record, language: str | None) -> nodes.Element:
    items = []
    for source in record.data["sources"]:
        para = nodes.paragraph(translatable=False)
        # Cited titles stay in their own language; note, date and kind are
        # translated (a note written inside the title could not be).
        para += link(source["title"], source["url"], "notranslate")
        note = source_note(source, language)
        if note:
            para += nodes.Text(f" ({note})")
        para += nodes.Text(f" ({vocab.label(vocab.SOURCE_KIND, source['kind'])})")
        if source.get("doi"):
            doi = source["doi"]
            para += nodes.Text(" DOI ")
            para += link(doi, f"https://doi.org/{doi}")
        if source.get("pmid"):
            para += nodes.Text(f" PMID {source['pmid']}")
        items.append(para)
    sources = bullet_list(items, enumerated=True)
    sources["classes"].append("kb-sources")  # the book prints it after the table
    return sources


def trial_table(
    record: Record, source: str, docname: str, language: str | None
) -> nodes.table:
    """Build the fact table for *record* (a valid trial record)."""
    data = record.data

    def text(field: str, *path: str | int) -> nodes.paragraph:
        value = data
        for part in (field, *path):
            value = value[part]
        key = ".".join(str(p) for p in (field, *path))
        return translatable(value, source, record.line(field, *path), key)

    rows: list[tuple[str, list[nodes.Node]]] = []
    if data.get("acronym"):
        rows.append((str(_("Short name")), [fixed(data["acronym"])]))
    rows.append((str(_("Drugs tested")), [drug_links(data["drugs"], docname)]))
    if data.get("registry"):
        rows.append((str(_("Registry")), registry_nodes(data["registry"])))
    if data.get("unregistered_note"):
        rows.append((str(_("Not registered")), [text("unregistered_note")]))
    rows.append((str(_("Sponsor")), [text("sponsor")]))
    rows.append((str(_("Phase")), [plain(vocab.label(vocab.PHASES, data["phase"]))]))
    design = ", ".join(vocab.label(vocab.DESIGN, tag) for tag in data["design"])
    rows.append((str(_("Design")), [plain(design)]))
    rows.append(
        (
            str(_("Participants")),
            [plain(participants_text(data["participants"], language))],
        )
    )
    if data.get("population"):
        rows.append((str(_("Who could take part")), [text("population")]))
    rows.append((str(_("Treatment tested")), [text("intervention")]))
    if data.get("comparator"):
        rows.append((str(_("Compared with")), [text("comparator")]))
    primary = [
        text("primary_outcomes", i) for i in range(len(data["primary_outcomes"]))
    ]
    rows.append((str(_("Main measures")), [bullet_list(primary)]))
    if data.get("secondary_outcomes"):
        secondary = [
            text("secondary_outcomes", i)
            for i in range(len(data["secondary_outcomes"]))
        ]
        rows.append((str(_("Other measures")), [bullet_list(secondary)]))
    rows.append((str(_("Status")), [plain(vocab.label(vocab.STATUS, data["status"]))]))
    rows.append((str(_("Dates")), [plain(dates_text(data, language))]))
    if data.get("why_stopped"):
        rows.append((str(_("Why it stopped")), [text("why_stopped")]))
    if data.get("results"):
        outcome = plain(vocab.label(vocab.OUTCOME, data["results"]["outcome"]))
        outcome["classes"].append(f"kb-outcome-{data['results']['outcome']}")
        rows.append((str(_("Results")), [outcome, text("results", "summary")]))
    if data.get("safety"):
        rows.append((str(_("Safety")), [text("safety")]))
    rows.extend(eligibility_rows(data, language))
    rows.append((str(_("Sources")), [_sources(record, language)]))
    rows.append(
        (
            str(_("Last checked")),
            [localized(partial_date(data["last_verified"], language))],
        )
    )

    title = caption(
        data["title"], source=source, line=record.line("title"), field="title"
    )
    table = fact_table(title, rows, ["kb-trial-facts"], ids=[anchor(data["id"])])
    table["kb-trial"] = data["id"]
    return table
