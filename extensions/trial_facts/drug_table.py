"""The fact box of one drug, built at read time from its ``drug-facts`` block.

table = drug_table(record, source="/abs/docs/drugs/approved/tofersen.md",
                   language="en")
"""

from __future__ import annotations

from docutils import nodes

from review_dates.schedule import PAGE_MONTHS, drug_due

from . import vocab
from .drug_summary import approved_cell, open_trials_cell
from .formatting import partial_date
from .i18n import _
from .records import Record
from .tables import (
    bullet_list,
    caption,
    fact_table,
    fixed,
    localized,
    plain,
    translatable,
)


def anchor(drug_id: str) -> str:
    return f"drug-facts-{drug_id}"


def _approvals(record: Record, source: str, language: str | None) -> nodes.Element:
    items = []
    for index, approval in enumerate(record.data["approvals"]):
        item = nodes.container()
        head = str(_("{agency}: {kind}, {date}")).format(
            agency=vocab.label(vocab.AGENCY, approval["agency"]),
            kind=vocab.label(vocab.APPROVAL_KIND, approval["kind"]),
            date=partial_date(approval["date"], language),
        )
        item += plain(head)
        if approval.get("withdrawn"):
            item += plain(
                str(_("Withdrawn: {date}")).format(
                    date=partial_date(approval["withdrawn"], language)
                )
            )
        if approval.get("indication"):
            item += translatable(
                approval["indication"],
                source,
                record.line("approvals", index, "indication"),
                f"approvals.{index}.indication",
            )
        items.append(item)
    return bullet_list(items)


def drug_table(
    record: Record, source: str, language: str | None, months: int = PAGE_MONTHS
) -> nodes.table:
    """Build the fact box for a valid drug record.

    Its next review is *months* (``kb_review_interval_months``) after
    ``last_reviewed`` unless the block gives ``next_review``: the same date,
    from the same function, as the line under a page's title.
    """
    data = record.data
    due = drug_due(data, months)
    # What a reader asks first, in the first screen of the page.
    rows: list[tuple[str, list[nodes.Node]]] = [
        (str(_("Approved?")), approved_cell(data, language)),
        (str(_("Open trials?")), open_trials_cell(data)),
    ]
    if data.get("brand_names"):
        rows.append((str(_("Brand names")), [fixed(", ".join(data["brand_names"]))]))
    rows.append(
        (
            str(_("Made by")),
            [translatable(data["sponsor"], source, record.line("sponsor"), "sponsor")],
        )
    )
    rows.append(
        (
            str(_("Type of medicine")),
            [plain(vocab.label(vocab.MODALITY, data["modality"]))],
        )
    )
    routes = ", ".join(vocab.label(vocab.ROUTE, r) for r in data["route"])
    rows.append((str(_("How it is given")), [plain(routes)]))
    rows.append(
        (
            str(_("How it is thought to work")),
            [
                translatable(
                    data["mechanism"], source, record.line("mechanism"), "mechanism"
                )
            ],
        )
    )
    rows.append((str(_("Stage")), [plain(vocab.label(vocab.STAGE, data["stage"]))]))
    if data.get("approvals"):
        rows.append((str(_("Approvals")), [_approvals(record, source, language)]))
    # Kept, though a drug's own page says the same under its title: on a topic
    # page (docs/drugs/topics/) each box's dates are its drug's, not the page's.
    rows.append(
        (
            str(_("Last reviewed")),
            [localized(partial_date(data["last_reviewed"], language))],
        )
    )
    rows.append(
        (
            str(_("Next review due")),
            [localized(partial_date(due.isoformat(), language))],
        )
    )
    # The caption is the drug's name, translated with the page; links and
    # overviews elsewhere reuse the translation (TrialFactsDomain.drug_name).
    title = caption(data["name"], source=source, line=record.line("name"), field="name")
    table = fact_table(title, rows, ["kb-drug-facts"], ids=[anchor(data["id"])])
    for row in list(table.findall(nodes.row))[:2]:
        row["classes"].append("kb-answer-row")  # one line each on a phone
    table["kb-drug"] = data["id"]
    # For review_dates: the page awaits a re-check once this date passes.
    table["kb-review-due"] = due.isoformat()
    table["kb-review-file"] = f"{record.path}:{record.line('last_reviewed')}"
    return table
