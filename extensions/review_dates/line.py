"""The review line under a page's title, in the edition's language.

    line = review_line(date(2026, 11, 26), date(2027, 11, 26),
                       built=date(2026, 12, 5), language="es")
    line.astext()  # in the Spanish build, where editions.po is loaded:
    # 'Última revisión: 26 de noviembre de 2026. Próxima revisión prevista:
    #  26 de noviembre de 2027.'

Each date is a
:class:`review_date` node: ``<time datetime="2026-11-26">`` in HTML, plain text
in the book and every other format. The labels come from the editions catalog,
because the line is made after Sphinx has translated the page.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from editions.catalog import _

CLASS = "kb-review-dates"
OVERDUE = "kb-review-overdue"
NOTICE = "kb-review-notice"
_PLACEHOLDER = re.compile(r"\{(last|next|date|name)\}")


class review_date(nodes.inline):  # docutils names its nodes in lower case
    """A date a reader sees, with the machine-readable day in ``datetime``."""


def visit_review_date_html(self: HTML5Translator, node: review_date) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def depart_review_date_html(self: HTML5Translator, node: review_date) -> None:
    self.body.append("</time>")


@cache
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


@cache
def _shown(day: date, language: str) -> str:
    """*day* written out in *language* (most pages share a few review days)."""
    return format_date(day, format="long", locale=_locale(language))


def _with_dates(
    template: str, dates: dict[str, date | str], language: str
) -> list[nodes.Node]:
    """*template* (a translated message) with each ``{name}`` as a date node."""
    found: list[nodes.Node] = []
    parts = _PLACEHOLDER.split(template)
    for index, part in enumerate(parts):
        if index % 2 == 0:
            if part:
                found.append(nodes.Text(part))
            continue
        day = dates.get(part)
        if not isinstance(day, date):  # a name: plain text, never markup
            found.append(nodes.Text(str(day or "")))
            continue
        shown = _shown(day, language)
        found.append(review_date(shown, shown, datetime=day.isoformat()))
    return found


def review_line(
    last: date,
    nxt: date,
    built: date,
    language: str,
    reviewer: tuple[str, date] | None = None,
) -> nodes.paragraph:
    """The paragraph that says when the page was checked and when it is due again.

    Once the page is overdue, it says only when it was checked: the notice
    under it (:func:`review_notice`) says since when it awaits a re-check.
    With *reviewer* (name, day), it goes on to say who checked the medical
    content and when: "Medical review: Dr Ana Pérez, November 20, 2026."
    """
    line = nodes.paragraph(classes=[CLASS, "no-search"], translatable=False)
    if nxt < built:
        line["classes"].append(OVERDUE)
        template = _("Last reviewed: {last}.")
        wanted: tuple[str, ...] = ("last",)
    else:
        template = _("Last reviewed: {last}. Next review due: {next}.")
        wanted = ("last", "next")
    if not all(f"{{{name}}}" in template for name in wanted):
        # po-check reports a lost placeholder; the reader still sees the dates.
        template = " / ".join(f"{{{name}}}" for name in wanted)
    line += _with_dates(template, {"last": last, "next": nxt}, language)
    if reviewer is not None:
        medical = _("Medical review: {name}, {date}.")
        if not all(f"{{{name}}}" in medical for name in ("name", "date")):
            medical = "{name}, {date}."
        # Japanese sentences follow each other without a space.
        line += nodes.Text("" if language.startswith(("ja", "zh")) else " ")
        line += _with_dates(
            medical, {"name": reviewer[0], "date": reviewer[1]}, language
        )
    return line


def review_notice(since: date, language: str) -> nodes.container:
    """The notice near the top of a page whose facts await a re-check since *since*.

    A container with one paragraph, so HTML draws it as a boxed note (``kb.css``)
    and the book prints it as a paragraph; made at read time, so every builder has it.
    """
    template = _(
        "This page is awaiting re-check since {date}. Some facts on it may be"
        " out of date: check with your care team before you act on them."
    )
    if "{date}" not in template:
        template = "{date}"  # po-check reports the lost placeholder
    para = nodes.paragraph(translatable=False)
    para += _with_dates(template, {"date": since}, language)
    box = nodes.container(classes=[NOTICE, "no-search"])
    box += para
    return box
