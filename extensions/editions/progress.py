"""The ``translation-progress`` directive: how complete each edition is.

    ```{translation-progress}
    ```

draws one row per translated edition: the share of messages translated, the
pages complete, the pages a medical translator reviewed (``X-Medical-Review``,
``editions/review.py``) and the pages whose English changed after they were
translated (fuzzy entries), read from ``locales/<lang>/LC_MESSAGES/*.po``
(fuzzy entries do not count as translated). Under it, one closed
``<details>`` per edition lists the same, page by page. The page is read again whenever any catalog changes. Numbers are
formatted for the edition being built (Babel). The counts are kept for the
other editions in ``kb_shared_cache_dir`` (``stats_store.py``).
"""

from __future__ import annotations

from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent
from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from catalogs import locale_dirs

from .catalog import _
from .extract import INTERFACE_CATALOGS
from .notice import language_name
from .stats import edition_catalogs
from .stats_store import StatsStore


def _cell(text: str, classes: tuple[str, ...] = ()) -> nodes.entry:
    para = nodes.paragraph(text, text, classes=list(classes))
    para["translatable"] = False
    return nodes.entry("", para)


def _row(*texts: str) -> nodes.row:
    """A row; its first cell is a language name written by Babel (kb-localized)."""
    row = nodes.row()
    row.extend(
        _cell(t, ("kb-localized",) if i == 0 else ()) for i, t in enumerate(texts)
    )
    return row


class pages_details(nodes.General, nodes.Element):
    """A closed ``<details>`` in HTML around one edition's page-by-page table
    (its caption is the summary); the book leaves it out."""


def _visit_details_html(self, node: pages_details) -> None:
    caption = next(node.findall(nodes.title), None)
    summary = self.encode(caption.astext()) if caption else ""
    self.body.append(
        self.starttag(node, "details", "")
        + f'<summary class="kb-translation-pages-summary">{summary}</summary>'
    )


def _depart_details_html(self, node: pages_details) -> None:
    self.body.append("</details>\n")


def _skip(self, node: nodes.Element) -> None:
    """The book and other builders leave the page-by-page lists out: three tables
    of some 70 rows each are for the web, where they fold away."""
    raise nodes.SkipNode


def _plain_row(*texts: str) -> nodes.row:
    row = nodes.row()
    row.extend(_cell(t) for t in texts)
    return row


def _page_cell(name: str, docs: set[str]) -> nodes.entry:
    """The page's own title in this edition, linked (a ``{doc}`` reference);
    a catalog with no page of that name keeps its file name, marked as code."""
    if name not in docs:
        para = nodes.paragraph("", "", nodes.literal(name, name))
        para["translatable"] = False
        return nodes.entry("", para)
    ref = addnodes.pending_xref(
        "", refdomain="std", reftype="doc", reftarget="/" + name, refexplicit=False
    )
    ref += nodes.inline(name, name)
    para = nodes.paragraph("", "", ref)
    para["translatable"] = False
    return nodes.entry("", para)


class TranslationProgress(SphinxDirective):
    """Render the progress table of every translated edition."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        locale = Locale.parse(self.config.language)
        source = self.config.kb_source_language
        base = locale_dirs(self.env.app)[0]
        header = [
            _("Language"),
            _("Messages translated"),
            _("Pages fully translated"),
            _("Pages reviewed by a medical translator"),
            _("Pages whose English changed after translation"),
        ]
        # Widths given: in the book, tabulary would squeeze the language names
        # ("Japanese" ran 6 pt off the page with five columns).
        table = nodes.table(
            classes=["kb-table", "kb-translation-progress", "colwidths-given"]
        )
        title = nodes.title(_("Translation progress"), _("Translation progress"))
        title["translatable"] = False
        table += title
        group = nodes.tgroup(cols=len(header))
        group.extend(nodes.colspec(colwidth=w) for w in (24, 19, 19, 19, 19))
        table += group
        head = nodes.thead()
        head += _row(*header)
        group += head
        body = nodes.tbody()
        per_page = []
        shared = self.config.kb_shared_cache_dir
        store = StatsStore(Path(self.env.app.confdir, shared) if shared else None)
        for code in self.config.kb_editions:
            if code == source:
                continue
            for po in edition_catalogs(base, code).values():
                self.env.note_dependency(str(po))
            stats = store.edition(base, code)
            pages = [s for s in stats if s.name not in INTERFACE_CATALOGS]
            done = sum(s.translated for s in stats)
            total = sum(s.total for s in stats) or 1
            complete = sum(1 for s in pages if s.total and s.translated == s.total)

            def of(count: int, pages=pages) -> str:
                return _("{done} of {total}").format(
                    done=format_decimal(count, locale=locale),
                    total=format_decimal(len(pages), locale=locale),
                )

            name = language_name(code, self.config.language)
            body += _row(
                name,
                format_percent(done / total, locale=locale),
                of(complete),
                of(sum(1 for s in pages if s.review)),
                of(sum(1 for s in pages if s.outdated)),
            )
            per_page.append(self._pages(name, pages, locale))
        group += body
        return [table, *per_page]

    def _pages(self, name: str, pages, locale: Locale) -> nodes.container:
        """A closed ``<details>`` with one row per page of one edition."""
        box = pages_details(classes=["kb-translation-pages"])
        caption = _("{language}: page by page").format(language=name)
        header = [
            _("Page"),
            _("Messages translated"),
            _("Reviewed by a medical translator"),
            _("English changed after translation"),
        ]
        table = nodes.table(classes=["kb-table"])
        title = nodes.title(caption, caption)
        title["translatable"] = False
        table += title
        group = nodes.tgroup(cols=len(header))
        group.extend(nodes.colspec(colwidth=w) for w in (40, 20, 20, 20))
        table += group
        head = nodes.thead()
        head += _plain_row(*header)
        group += head
        body = nodes.tbody()
        for s in pages:
            reviewed = (
                format_date(s.review.date, format="medium", locale=locale)
                if s.review
                else _("not yet")
            )
            row = _plain_row(
                format_percent(s.ratio, locale=locale),
                reviewed,
                _("yes") if s.outdated else _("no"),
            )
            row.insert(0, _page_cell(s.name, self.env.found_docs))
            body += row
        group += body
        box += table
        return box


def setup_progress(app) -> None:
    app.add_directive("translation-progress", TranslationProgress)
    app.add_node(
        pages_details,
        html=(_visit_details_html, _depart_details_html),
        **{b: (_skip, None) for b in ("latex", "text", "man", "texinfo")},
    )
