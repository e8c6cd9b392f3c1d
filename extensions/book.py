"""The printed book: one PDF per edition, built with XeLaTeX (``make pdf``).

Add it to ``conf.py`` after ``editions``; it needs no settings::

    extensions = [..., "editions", "book"]

For the language being built it sets the LaTeX engine (XeLaTeX, so every
script prints, Japanese included), the file name
``als-mnd-knowledge-base-<lang>.pdf``, fonts from Debian packages (FreeFont,
and Noto CJK for Japanese), and a title page that names the edition, the build
date and, in a translated edition, that the English text prevails. A
right-to-left edition (Arabic) is set by :mod:`book_rtl`: polyglossia after
hyperref, Amiri, Latin runs left to right. The words
come from the editions catalog (``editions.po``), so translators translate the
title page with the rest of the frame.

The book's appendices (Sphinx's ``latex_appendices``) are declared once, in
:data:`APPENDICES`: the drug handouts (``docs/drugs/handouts.md``, whose
``drug-handouts`` directive prints one handout per drug, each on its own page;
``trial_facts/handout_book.py``). An appendix page is in no table of contents
(``orphan: true`` in its front matter), or the book would print it twice; the
build warns if one is. A project without the page gets no appendix.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.texescape import escape as _escape

import book_rtl
from editions.catalog import _
from editions.known import is_right_to_left
from editions.notice import language_name
from review_dates.schedule import build_date

_BASENAME = "als-mnd-knowledge-base-{language}"
# The pages printed after the chapters, as appendices (orphan pages).
APPENDICES = ("drugs/handouts",)
_logger = logging.getLogger(__name__)
# Polyglossia has no Japanese: xeCJK sets the CJK fonts instead.
_FONTS = {
    "ja": r"""
\usepackage{xeCJK}
\setCJKmainfont{Noto Serif CJK JP}
\setCJKsansfont{Noto Sans CJK JP}
\setCJKmonofont{Noto Sans Mono CJK JP}
""",
}
_PREAMBLE = r"""
\setlength{\emergencystretch}{3em}
\setlength{\headheight}{14pt}
% Tables in a slightly smaller type, so that wide ones fit the page.
\usepackage{etoolbox}
\AtBeginEnvironment{longtable}{\small}
\AtBeginEnvironment{tabulary}{\small}
% The drug handouts of the appendix (trial_facts/handout_book.py) in smaller
% type, their tables smaller still, as the site prints them: one page each.
% (\kbtablesize: the Arabic book's table size, book_rtl.py; Amiri's rows are
% taller, and tofersen's seven approvals ran onto a second page at 9 pt.)
\newenvironment{sphinxclasskbhandout}{\small}{}
\newenvironment{sphinxclasskbhandoutfacts}{\footnotesize\def\kbtablesize{\scriptsize}}{}
"""
# After hyperref: addresses printed after links may break anywhere (xurl).
_HYPERREF = r"""
\usepackage{hyperref}
\usepackage{hypcap}
\usepackage{xurl}
"""


def _configure(app: Sphinx, config: Config) -> None:
    language = config.language
    name = _BASENAME.format(language=language)
    config.latex_engine = "xelatex"
    # toctree_only: the chapters are the sections the home page lists, in its order.
    config.latex_documents = [
        (config.root_doc, f"{name}.tex", config.project, config.author, "manual", True)
    ]
    # Addresses are printed after links by _addresses_after_links (breakable
    # anywhere); as footnotes, hundreds of source links overflow the pages.
    config.latex_show_urls = "no"
    config.latex_show_pagerefs = False
    # Sphinx picks pLaTeX classes (jsbook) for Japanese; XeLaTeX uses the
    # standard ones in every language.
    config.latex_docclass = {"manual": "report", "howto": "article"}
    if not config.latex_appendices:
        config.latex_appendices = _appendices(Path(app.srcdir), config.source_suffix)
    elements = {
        "papersize": "a4paper",
        "pointsize": "11pt",
        "preamble": _PREAMBLE,
        "hyperref": _HYPERREF,
        "printindex": "",
        "figure_align": "H",
    }
    if language in _FONTS:
        elements["fontpkg"] = _FONTS[language]
        elements["polyglossia"] = ""
        elements["babel"] = ""
    if is_right_to_left(language):
        # Polyglossia at the end of the preamble, after hyperref (book_rtl).
        elements["polyglossia"] = ""
        elements["babel"] = ""
        elements["preamble"] += book_rtl.PREAMBLE
    config.latex_elements = {**elements, **config.latex_elements}


def _appendices(srcdir: Path, suffixes) -> list[str]:
    """The docnames of :data:`APPENDICES` whose page this project has."""
    if isinstance(suffixes, str):
        suffixes = [suffixes]
    return [
        docname
        for docname in APPENDICES
        if any((srcdir / f"{docname}{suffix}").is_file() for suffix in suffixes)
    ]


def _appendix_outside_toctrees(app: Sphinx, env: BuildEnvironment) -> None:
    """An appendix in a toctree would be printed twice: once in its chapter."""
    included = set().union(*env.toctree_includes.values())
    for docname in app.config.latex_appendices:
        if docname in included:
            _logger.warning(
                "%s is printed as an appendix of the book (book.APPENDICES); "
                "take it out of every toctree and give it 'orphan: true' in its "
                "front matter, or the book prints it twice",
                docname,
                location=docname,
                type="book",
                subtype="appendix",
            )


def title_page(language: str, source: str, built: date) -> str:
    """The LaTeX of the title page for *language*, in that language."""
    # Right to left: Latin runs (an untranslated title) set left to right.
    escape = book_rtl.latex if is_right_to_left(language) else _escape
    locale = Locale.parse(language)
    edition = _("{language} edition").format(language=language_name(language, language))
    lines = [
        r"\begin{titlepage}",
        r"\centering\vspace*{4cm}",
        r"{\Huge\sffamily\bfseries " + escape(_("ALS/MND Knowledge Base")) + r"\par}",
        r"\vspace{1.5cm}",
        r"{\Large " + escape(edition[:1].upper() + edition[1:]) + r"\par}",
        r"\vspace{0.75cm}",
        r"{\large "
        + escape(
            _("Built on {date}").format(
                date=format_date(built, format="long", locale=locale)
            )
        )
        + r"\par}",
        r"\vfill",
    ]
    if language != source:
        english = language_name(source, language)
        lines.append(
            r"\begin{minipage}{0.8\textwidth}\centering "
            + escape(
                _(
                    "Volunteers translated this book from {language}. "
                    "Where the two differ, the {language} text prevails."
                ).format(language=english)
            )
            + r"\end{minipage}\par\vspace{1cm}"
        )
    lines.append(
        r"{\small "
        + escape(
            _(
                "These pages explain. They do not replace advice from your own care team."
            )
        )
        + r"\par}"
    )
    lines.append(r"\end{titlepage}")
    return "\n".join(lines)


def _sources_after_tables(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Print a trial's sources after its table, where the list may break pages.

    A table row never breaks across pages, and a row of sources with their
    addresses can be taller than a page; in the book the row points below.
    """
    if app.builder.name != "latex":
        return
    for table in list(doctree.findall(nodes.table)):
        lists = [
            n
            for n in table.findall(nodes.enumerated_list)
            if "kb-sources" in n["classes"]
        ]
        if not lists:
            continue
        after = []
        for sources in lists:
            sources.replace_self(
                nodes.paragraph("", _("Listed after the table."), translatable=False)
            )
            title = _("Sources")
            after += [nodes.rubric(title, title), sources]
        table.parent.insert(table.parent.index(table) + 1, after)


def _latex_url(uri: str) -> str:
    """``\\sphinxnolinkurl`` escaping, as Sphinx's LaTeX writer does it."""
    for char in "\\{}%#":
        uri = uri.replace(char, "\\" + char)
    return uri


def _addresses_after_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Print each web address after its link, so a reader of paper can type it.

    Registry IDs in tables are left alone: the ID is the address's key. Links in
    titles and captions are left alone too (LaTeX moves those around).
    """
    if app.builder.name != "latex":
        return
    for ref in list(doctree.findall(nodes.reference)):
        uri = ref.get("refuri", "")
        if not uri.startswith(("http://", "https://")) or ref.astext() == uri:
            continue
        parent = ref.parent
        if "notranslate" in parent.get("classes", ()) or any(
            isinstance(a, (nodes.title, nodes.caption, nodes.rubric))
            for a in _ancestors(ref)
        ):
            continue
        latex = rf"\sphinxnolinkurl{{{_latex_url(uri)}}}"
        if is_right_to_left(app.config.language):
            latex = rf"\DUrole{{{book_rtl.CLASS}}}{{{latex}}}"
        address = nodes.raw("", latex, format="latex")
        index = parent.index(ref)
        parent[index + 1 : index + 1] = [nodes.Text(" ("), address, nodes.Text(")")]


def _latin_runs(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In a right-to-left book, Latin runs are set left to right (book_rtl)."""
    if app.builder.name == "latex" and is_right_to_left(app.config.language):
        book_rtl.latin_runs_left_to_right(doctree)
        book_rtl.no_tabulary(doctree)
        book_rtl.wide_tables(doctree)


def _ancestors(node: nodes.Node):
    while node.parent is not None:
        node = node.parent
        yield node


def _title_page(app: Sphinx) -> None:
    if app.builder.name != "latex":
        return
    if is_right_to_left(app.config.language):
        # The title in the page headers, its Latin runs left to right.
        app.builder.context["preamble"] += book_rtl.running_title(
            _("ALS/MND Knowledge Base")
        )
    app.builder.context["maketitle"] = title_page(
        # The build date: SOURCE_DATE_EPOCH when set, so a book can be rebuilt
        # byte for byte (the same function dates the review notices).
        app.config.language,
        app.config.kb_source_language,
        build_date(),
    )


def setup(app: Sphinx) -> dict[str, object]:
    app.setup_extension("editions")
    app.connect("config-inited", _configure, priority=800)
    # After the editions catalog is loaded (priority 100), before writing.
    app.connect("builder-inited", _title_page, priority=600)
    app.connect("env-check-consistency", _appendix_outside_toctrees)
    app.connect("doctree-resolved", _sources_after_tables)
    app.connect("doctree-resolved", _addresses_after_links)
    app.connect("doctree-resolved", _latin_runs)
    return {"version": "0.1.0", "parallel_read_safe": True, "parallel_write_safe": True}
