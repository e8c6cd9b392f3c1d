"""Format-neutral table building blocks shared by every table the extension draws.

    >>> table = fact_table(caption("Facts"), [("Phase", [plain("Phase 3")])], ["kb-x"])

Text that comes from a record is made *translatable* (``source`` and ``line`` set,
so ``make gettext`` extracts it and the Locale transform translates it);
everything else is marked ``translatable=False`` so that labels, codes and
numbers never reach the page catalogs. Of those, values that stay the same in
every language are :func:`fixed` (class ``notranslate``) and dates written by
Babel are :func:`localized` (class ``kb-localized``).

The body cells of a :func:`grid_table` are :class:`labelled_entry` nodes: each
knows its column's header, which HTML writes as ``data-label`` so that on a phone
every row can become a card whose values are labelled (``trial-facts.css``).
Other writers treat them as ordinary cells.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes


def plain(text: str) -> nodes.paragraph:
    """A paragraph that translators never see (a label, a code, a number)."""
    para = nodes.paragraph(text, text)
    para["translatable"] = False
    return para


def fixed(text: str) -> nodes.paragraph:
    """A value that is the same in every language (a code, a brand, an ID).

    Marked ``notranslate`` so that browsers' machine translation leaves it alone.
    """
    para = plain(text)
    para["classes"].append("notranslate")
    return para


def localized(text: str) -> nodes.paragraph:
    """A value already written in the edition's language by Babel (a date)."""
    para = plain(text)
    para["classes"].append("kb-localized")
    return para


def translatable(text: str, source: str, line: int, field: str) -> nodes.paragraph:
    """A paragraph of record text, extracted for translators and tagged by field."""
    para = nodes.paragraph(text, text)
    para.source, para.line = source, line
    para["kb-field"] = field
    return para


def caption(
    text: str,
    *,
    source: str | None = None,
    line: int | None = None,
    field: str | None = None,
) -> nodes.title:
    """A table caption; translatable when *source* is given."""
    title = nodes.title(text, text)
    if source:
        title.source, title.line = source, line
        title["kb-field"] = field
    else:
        title["translatable"] = False
    return title


def link(text: str, url: str, *classes: str) -> nodes.reference:
    """An external link. Callers only pass http(s) URLs checked by the schema."""
    return nodes.reference(text, text, refuri=url, classes=["external", *classes])


def bullet_list(items: Sequence[nodes.Node], enumerated: bool = False) -> nodes.Element:
    container = (
        nodes.enumerated_list(enumtype="arabic") if enumerated else nodes.bullet_list()
    )
    for item in items:
        container += nodes.list_item("", item)
    return container


class labelled_entry(nodes.entry):
    """A body cell that names its column in ``["kb-label"]`` (``data-label`` in HTML).

    Sphinx's writers find a visitor by the node's class hierarchy, so every
    writer but HTML (see ``html_output.py``) draws it as a plain ``entry``.
    """


class data_row(nodes.row):
    """A body row with ``data-*`` attributes (``["kb-data"]``) in HTML.

    Other writers draw it as a plain ``row`` (see :class:`labelled_entry`).
    """


def _row(
    cells: Sequence[Sequence[nodes.Node]], labels: Sequence[str] | None = None
) -> nodes.row:
    row = nodes.row()
    for index, content in enumerate(cells):
        if labels is None:
            entry = nodes.entry()
        else:
            entry = labelled_entry()
            entry["kb-label"] = labels[index]
        entry.extend(content)
        row += entry
    return row


def _table(
    title: nodes.title, widths: Sequence[int], classes: Sequence[str], stub: bool
) -> tuple[nodes.table, nodes.tgroup]:
    table = nodes.table(classes=["kb-table", *classes])
    # LaTeX honours the widths (and wraps long text) only with this class.
    table["classes"].append("colwidths-given")
    table += title
    tgroup = nodes.tgroup(cols=len(widths))
    for index, width in enumerate(widths):
        spec = nodes.colspec(colwidth=width)
        if stub and index == 0:
            spec["stub"] = 1
        tgroup += spec
    table += tgroup
    return table, tgroup


def fact_table(
    title: nodes.title,
    rows: Sequence[tuple[str, Sequence[nodes.Node]]],
    classes: Sequence[str],
    ids: Sequence[str] = (),
) -> nodes.table:
    """A two-column label | value table; labels are row headers."""
    table, tgroup = _table(title, (28, 72), ["kb-facts", *classes], stub=True)
    table["ids"] = list(ids)
    tbody = nodes.tbody()
    for label, value in rows:
        tbody += _row([[plain(label)], value])
    tgroup += tbody
    return table


def grid_table(
    title: nodes.title,
    headers: Sequence[str],
    widths: Sequence[int],
    rows: Sequence[tuple[Sequence[str], Sequence[Sequence[nodes.Node]]]],
    classes: Sequence[str],
) -> nodes.table:
    """A table with a header row; each row is ``(row classes, cells)``."""
    table, tgroup = _table(title, widths, classes, stub=False)
    table["classes"].append("longtable")
    thead = nodes.thead()
    thead += _row([[plain(h)] for h in headers])
    tgroup += thead
    tbody = nodes.tbody()
    for row_classes, cells in rows:
        row = _row(cells, headers)
        row["classes"].extend(row_classes)
        tbody += row
    tgroup += tbody
    return table
