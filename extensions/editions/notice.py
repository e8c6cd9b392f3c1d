"""On translated pages: a notice that the English text prevails, and English marked.

At the top of every page of a translated HTML edition the reader learns:

- that volunteers translated it and the English text prevails where they differ;
- when it was last translated (the ``PO-Revision-Date`` of the page's ``.po``);
- whether a medical translator reviewed it (``X-Medical-Review``, see
  :mod:`editions.review`): "not yet reviewed" unless the catalog records a review;
- that the English changed after the translation, when the page's catalog holds
  fuzzy entries (``make update-po`` keeps a changed string's old translation as
  fuzzy, hidden from readers, so those parts are shown in English);
- that parts still in English are marked, or that the page is not translated yet
  (counted on the page as it is written: the parts Sphinx marks translated or
  untranslated, so the notice and the marks always agree);
- where the English page is.

Paragraphs Sphinx marks ``untranslated`` (``translation_progress_classes``) get
``lang="en"``, so that screen readers read them with an English voice, and a
dotted line in ``editions.css``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from docutils import nodes
from sphinx.application import Sphinx

from catalogs import locale_dirs

from .catalog import _
from .stats import CatalogStats, catalog_stats, revision_date
from .switcher import listed_editions


def language_name(code: str, in_language: str) -> str:
    """The name of language *code*, written in *in_language* (Babel).

    >>> language_name("en", "es"), language_name("en", "ja")
    ('inglés', '英語')
    """
    return Locale.parse(code).get_display_name(Locale.parse(in_language)) or code


def page_catalog(app: Sphinx, docname: str) -> Path | None:
    """The page's own catalog in the language being built, if there is one."""
    for base in locale_dirs(app):
        po = base / app.config.language / "LC_MESSAGES" / f"{docname}.po"
        if po.is_file():
            return po
    return None


def page_revised(app: Sphinx, docname: str) -> dt.date | None:
    """When the page's own catalog in the language being built was last revised."""
    po = page_catalog(app, docname)
    return revision_date(po) if po else None


def _status(app: Sphinx, docname: str) -> CatalogStats | None:
    po = page_catalog(app, docname)
    return catalog_stats(po) if po else None


def _review_sentence(stats: CatalogStats | None, language: str) -> str:
    """Whether a medical translator reviewed the page (editions/review.py)."""
    if stats is None or stats.review is None:
        return _("Translated by volunteers; not yet reviewed by a medical translator.")
    when = format_date(stats.review.date, format="long", locale=Locale.parse(language))
    return _("Reviewed by a medical translator on {date}.").format(date=when)


def _paragraph(
    *children: nodes.Node, classes: list[str] | None = None
) -> nodes.paragraph:
    para = nodes.paragraph(classes=classes or [])
    para.extend(children)
    return para


def _source_link(app: Sphinx, docname: str, english: str) -> list[nodes.Node]:
    """The link to the page in the source language, if the site will hold it.

    ``make html LANGS=es`` on a fresh clone publishes a Spanish site alone: a
    link to its English pages would lead nowhere, so it is left out (the
    language switcher lists the same editions, see ``switcher.listed_editions``).
    """
    source = app.config.kb_source_language
    if source not in listed_editions(app):
        return []
    up = "../" * (docname.count("/") + 1)
    return [
        nodes.reference(
            "",
            _("Read this page in {language}").format(language=english),
            refuri=f"{up}{source}/{docname}{app.builder.out_suffix}",
            classes=["kb-source-page"],
        )
    ]


def _outdated() -> nodes.paragraph:
    """Said when the page's catalog holds fuzzy entries: they are hidden, so the
    parts whose English changed are shown in English."""
    return _paragraph(
        nodes.Text(
            _(
                "The English of this page changed after it was translated; "
                "some parts are shown in English until the translation is "
                "updated."
            )
        ),
        classes=["kb-translation-outdated"],
    )


def notice(app: Sphinx, docname: str, translated: int, total: int) -> nodes.container:
    """The notice for *docname*, *translated* of its *total* messages translated."""
    language = app.config.language
    source = app.config.kb_source_language
    english = language_name(source, language)
    link = _source_link(app, docname, english)
    box = nodes.container(classes=["kb-translation-notice"])
    stats = _status(app, docname)
    if translated == 0:
        if stats is not None and stats.outdated:
            box += _outdated()
        box += _paragraph(
            nodes.Text(
                _(
                    "This page is not translated yet, so it is shown in {language}."
                ).format(language=english)
                + " "
            ),
            *link,
        )
        return box
    box += _paragraph(
        nodes.Text(
            _(
                "Volunteers translated this page from {language}. "
                "Where the two differ, the {language} text prevails."
            ).format(language=english)
        )
    )
    box += _paragraph(
        nodes.Text(_review_sentence(stats, language)),
        classes=["kb-review-status"],
    )
    if stats is not None and stats.outdated:
        box += _outdated()
    if translated < total:
        box += _paragraph(
            nodes.Text(
                _(
                    "Some parts are not translated yet: they are shown in "
                    "{language}, marked with a dotted line."
                ).format(language=english)
            )
        )
    details = []
    revised = page_revised(app, docname)
    if revised:
        when = format_date(revised, format="long", locale=Locale.parse(language))
        details.append(
            nodes.Text(_("Last translated: {date}.").format(date=when) + " ")
        )
    if details or link:
        box += _paragraph(*details, *link)
    return box


def _mark_english(doctree: nodes.document) -> tuple[int, int]:
    """Mark the parts left in English; count (translated, total) parts on the page.

    A part is a node Sphinx translated or looked up in vain (``translated`` set
    by its ``Locale`` transform) that is still on the page as it is written.
    """
    translated = total = 0
    for node in doctree.findall(nodes.Element):
        if "translated" not in node.attributes:
            continue
        total += 1
        if node["translated"]:
            translated += 1
        elif "untranslated" in node["classes"]:
            node["classes"].append("language-en")
    return translated, total


def _add_notice(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if (
        app.builder.format != "html"
        or app.config.language == app.config.kb_source_language
    ):
        return
    translated, total = _mark_english(doctree)
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    titles = [
        i for i, child in enumerate(section.children) if isinstance(child, nodes.title)
    ]
    box = notice(app, docname, translated, total)
    index = titles[0] + 1 if titles else 0
    # Under the review dates and the "awaiting re-check" notice
    # (extensions/review_dates), which stay next to the title.
    while index < len(section) and {"kb-review-dates", "kb-review-notice"} & set(
        section[index].get("classes", ())
    ):
        index += 1
    section.insert(index, box)


def setup_notice(app: Sphinx) -> None:
    app.connect("doctree-resolved", _add_notice)
