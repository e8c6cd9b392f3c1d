"""The drug handouts as a page: a list of links on the site, the handouts in the book.

A page holds::

    ```{drug-handouts}
    ```

On the site (the ``html`` builder) it becomes a list of every declared drug,
each linking to its one-page handout (``handouts/<drug-id>.html``, written by
:mod:`trial_facts.handout`). In the book (``latex``) it becomes the handouts
themselves, one section per drug, each starting on a new page: the same facts
in the same order as the HTML handout, from the same
:func:`~trial_facts.handout_facts.gather`, built as docutils nodes (sections,
a table, paragraphs, a bullet list), so the LaTeX writer escapes every value.
The only LaTeX written here is constant (a page break and the ruled lines for
the reader's questions). ``book.py`` prints the page as an appendix of every
edition's book (Sphinx's ``latex_appendices``). Other builders get the list of
names without links.

Drugs are listed by their name in the edition's language, so a reader finds
theirs as in an index.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from . import vocab
from .handout_facts import Handout, Source, Words, gather, words
from .handout_facts import open_trials_by_drug as _open_trials_by_drug
from .tables import bullet_list, link, plain
from .warnings_ import warn
from .xrefs import DOMAIN, pending, resolve_late


class handouts_placeholder(nodes.General, nodes.Element):
    """Where the handouts go, filled at ``doctree-resolved``."""


# Constant LaTeX, never built from a record or a translation. The reader's
# question lines: at least _BOOK_LINES, then as many as fill the page (vertical
# leaders over \vfill, which never push anything onto the next page); a fixed
# six lines, as on the site (QUESTION_LINES), ran onto a second page in the
# Japanese and Arabic books.
_NEW_PAGE = r"\clearpage"
_BOOK_LINES = 3
_LINE = r"\vbox to 2em{\vfil\hrule width\linewidth}"
_QUESTION_RULES = "\n".join(
    [r"\par\nobreak", *[_LINE] * _BOOK_LINES, rf"\leaders{_LINE}\vfill"]
)
# The classes the book sets in smaller type (book.py's preamble).
BODY_CLASS = "kbhandout"
TABLE_CLASS = "kbhandoutfacts"
# Column widths: label | facts, or label | in your language | English.
_WIDTHS = (24, 76)
_WIDTHS_TRANSLATED = (18, 41, 41)


def ordered(domain) -> list[str]:
    """Every declared drug, by its name in the edition's language."""
    return sorted(domain.drugs, key=lambda d: (domain.drug_name(d).casefold(), d))


def _lines(lines: list[str]) -> list[nodes.Node]:
    return [plain(line) for line in lines] or [plain("")]


def _english_cell(label: str, lines: list[str]) -> list[nodes.Node]:
    """The English beside a fact: its label in bold, then its lines."""
    first = nodes.paragraph(translatable=False)
    first += nodes.strong(f"{label}:", f"{label}:")
    if lines:
        first += nodes.Text(f" {lines[0]}")
    return [first, *(plain(line) for line in lines[1:])]


def _facts_table(facts: Handout, said: Words) -> nodes.table:
    english = facts.english_rows
    widths = _WIDTHS_TRANSLATED if english else _WIDTHS
    table = nodes.table(classes=["kb-table", "kb-handout-facts", "colwidths-given"])
    tgroup = nodes.tgroup(cols=len(widths))
    for index, width in enumerate(widths):
        spec = nodes.colspec(colwidth=width)
        if index == 0:
            spec["stub"] = 1
        tgroup += spec
    table += tgroup
    if english:
        thead = nodes.thead()
        row = nodes.row()
        heads = ["", said.in_your_language, f"English ({facts.english_name})"]
        for text in heads:
            row += nodes.entry("", plain(text)) if text else nodes.entry()
        thead += row
        tgroup += thead
    tbody = nodes.tbody()
    for index, (label, lines) in enumerate(facts.rows):
        row = nodes.row()
        row += nodes.entry("", plain(label))
        row += nodes.entry("", *_lines(lines))
        if english:
            if index < len(english):
                row += nodes.entry("", *_english_cell(*english[index]))
            else:
                row += nodes.entry()
        tbody += row
    tgroup += tbody
    return table


def _source(source: Source) -> nodes.paragraph:
    """A registry number or a document, linked; the book prints the address after it."""
    para = nodes.paragraph(translatable=False)
    if source.url:
        para += link(source.text, source.url)
    else:
        para += nodes.Text(source.text)
    return para


def handout_section(facts: Handout, said: Words, docname: str) -> nodes.section:
    """One handout as a section: what the HTML handout shows, in its order.

    Its body is a container of class ``kbhandout`` and its table one of class
    ``kbhandoutfacts``, which the book sets in smaller type (``book.py``), as
    the site's print style does, so that each handout fits on its page.
    """
    section = nodes.section(ids=[f"kb-handout-{facts.drug_id}"])
    section += nodes.title(facts.name, facts.name)
    body = nodes.container(classes=[BODY_CLASS])
    body += plain(said.subtitle)
    body += nodes.container("", _facts_table(facts, said), classes=[TABLE_CLASS])
    if facts.sources:
        body += nodes.rubric(said.sources, said.sources)
        body += bullet_list([_source(s) for s in facts.sources])
    page = nodes.paragraph(translatable=False)
    page += nodes.Text(f"{said.full_page} ")
    page += pending("drug", facts.drug_id, docname)
    body += page
    note = said.care_team + (f" {said.prevails}" if said.prevails else "")
    body += plain(note)
    body += nodes.rubric(said.questions, said.questions)
    body += nodes.raw("", _QUESTION_RULES, format="latex")
    section += body
    section += nodes.raw("", _NEW_PAGE, format="latex")
    return section


def _book(app, domain, docname: str) -> list[nodes.Node]:
    language = app.config.language
    said = words(bool(language and language != "en"))
    out: list[nodes.Node] = [nodes.raw("", _NEW_PAGE, format="latex")]
    domain._kb_open_trials = _open_trials_by_drug(domain)
    try:
        for drug_id in ordered(domain):
            facts = gather(domain, drug_id, language)
            if facts.english_missing and len(out) == 1:
                warn(
                    "sphinx.locale.translators changed shape; the book's handouts "
                    "are printed without their English column: check "
                    "trial_facts/handout_facts.py",
                    None,
                    "handout",
                )
            out.append(handout_section(facts, said, docname))
    finally:
        del domain._kb_open_trials
    for ref in [
        n for part in out for n in part.findall(lambda n: n.tagname == "pending_xref")
    ]:
        resolve_late(app, ref, docname)
    return out


def _index(app, domain, docname: str) -> list[nodes.Node]:
    """The list of handouts, each name linked to its page (html builder only)."""
    items = []
    for drug_id in ordered(domain):
        name = domain.drug_name(drug_id)
        stage = vocab.label(vocab.STAGE, domain.drugs[drug_id]["data"]["stage"])
        para = nodes.paragraph(translatable=False)
        if app.builder.name == "html":
            uri = app.builder.get_relative_uri(docname, f"handouts/{drug_id}")
            para += nodes.reference(name, name, refuri=uri, internal=True)
        else:
            para += nodes.Text(name)
        para += nodes.Text(f" ({stage})")
        items.append(para)
    result = bullet_list(items)
    result["classes"].append("kb-handout-index")
    return [result]


def _fill(app, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(handouts_placeholder))
    if not placeholders:
        return
    domain = app.env.get_domain(DOMAIN)
    for node in placeholders:
        if app.builder.name == "latex":
            node.replace_self(_book(app, domain, docname))
        else:
            node.replace_self(_index(app, domain, docname))


class DrugHandouts(SphinxDirective):
    """Every drug's handout: linked on the site, printed in the book."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        # Rewritten whenever a drug or trial changes, like the overviews.
        self.env.get_domain(DOMAIN).note_overview(self.env.docname)
        node = handouts_placeholder()
        self.set_source_info(node)
        return [node]


def setup_handout_book(app) -> None:
    app.add_node(handouts_placeholder)
    app.add_directive("drug-handouts", DrugHandouts)
    app.connect("doctree-resolved", _fill)
