"""The ``translation-progress`` directive: how complete each edition is.

    ```{translation-progress}
    ```

draws one row per translated edition: the share of messages translated and the
pages complete, read from ``locales/<lang>/LC_MESSAGES/*.po`` (fuzzy entries do
not count). The page is read again whenever any catalog changes. Numbers are
formatted for the edition being built (Babel).
"""

from __future__ import annotations

from babel import Locale
from babel.numbers import format_decimal, format_percent
from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from catalogs import locale_dirs

from .catalog import _
from .extract import INTERFACE_CATALOGS
from .notice import language_name
from .stats import edition_catalogs, edition_stats


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


class TranslationProgress(SphinxDirective):
    """Render the progress table of every translated edition."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        locale = Locale.parse(self.config.language)
        source = self.config.kb_source_language
        base = locale_dirs(self.env.app)[0]
        header = [_("Language"), _("Messages translated"), _("Pages fully translated")]
        table = nodes.table(classes=["kb-table", "kb-translation-progress"])
        title = nodes.title(_("Translation progress"), _("Translation progress"))
        title["translatable"] = False
        table += title
        group = nodes.tgroup(cols=len(header))
        group.extend(nodes.colspec(colwidth=w) for w in (30, 35, 35))
        table += group
        head = nodes.thead()
        head += _row(*header)
        group += head
        body = nodes.tbody()
        for code in self.config.kb_editions:
            if code == source:
                continue
            for po in edition_catalogs(base, code).values():
                self.env.note_dependency(str(po))
            stats = edition_stats(base, code)
            pages = [s for s in stats if s.name not in INTERFACE_CATALOGS]
            done = sum(s.translated for s in stats)
            total = sum(s.total for s in stats) or 1
            complete = sum(1 for s in pages if s.total and s.translated == s.total)
            body += _row(
                language_name(code, self.config.language),
                format_percent(done / total, locale=locale),
                _("{done} of {total}").format(
                    done=format_decimal(complete, locale=locale),
                    total=format_decimal(len(pages), locale=locale),
                ),
            )
        group += body
        return [table]


def setup_progress(app) -> None:
    app.add_directive("translation-progress", TranslationProgress)
