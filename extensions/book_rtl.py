"""The Arabic book: right to left, Amiri for Arabic, Latin runs left to right.

:mod:`book` calls :func:`configure` for a right-to-left edition and connects
:func:`latin_runs_left_to_right` to ``doctree-resolved``::

    if is_right_to_left(language):
        elements["preamble"] += book_rtl.preamble(language)

How the book is set:

- **polyglossia and bidi after hyperref.** Sphinx loads polyglossia near the
  top of the preamble (its ``multilingual`` slot), and for Arabic polyglossia
  loads ``bidi``, which must come after ``xcolor``, ``longtable`` and
  ``hyperref``; Sphinx loads those later, so XeLaTeX stops with "you have loaded
  package xcolor after bidi package". Sphinx has no right-to-left support in
  its LaTeX writer (sphinx-doc/sphinx#10385; the Hebrew attempts in
  sphinx-doc/sphinx#4159 met the same load order). Here Sphinx's slots are
  emptied (``polyglossia`` and ``babel``) and polyglossia is loaded at the end
  of the preamble, after hyperref.
- **Fonts.** Amiri (Debian's ``fonts-hosny-amiri``) for Arabic text, FreeFont
  (as in every other book) for Latin runs.
- **Western digits** (``numerals=maghrib``) in page, chapter and table
  numbers, as the pages write numbers (``TRANSLATING.md``).
- **No tabulary.** ``tabulary`` measures its cells in trial runs that break
  under bidi ("Missing number, treated as zero" at ``\\end{tabulary}``): a
  table Sphinx would set with it (no column widths given) gets column widths
  (equal ones where the source gives none), so that Sphinx sets it with
  ``tabular`` or ``longtable``, which bidi supports (:func:`no_tabulary`).
- **Latin runs left to right.** XeTeX orders the words of a right-to-left
  paragraph from right to left, a run of Latin words too ("N Engl J Med"
  would print "Med J Engl N"). :func:`latin_runs_left_to_right` puts a
  paragraph or list with no Arabic letter (a page not yet translated, a table
  cell holding a name) in a container of class ``kbltrblock``, which Sphinx prints
  as ``\\begin{sphinxuseclass}{kbltrblock}``, set here as bidi's ``LTR``
  environment with English hyphenation and FreeSerif. In a paragraph with
  Arabic, each run of Latin text goes in an inline of class ``kbltr``
  (``\\DUrole{kbltr}{...}``), set with bidi's ``\\LR``, inside which words
  are not hyphenated (measured here: "Participants" and "Terminated" ran
  14 pt and 4 pt out of table cells when every Latin text was set so),
  hence the environment wherever a whole paragraph is Latin.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.util.texescape import escape

# A run of Latin text: from a Latin letter or digit to the last Latin letter
# or digit before the next Arabic letter; brackets and full stops around it
# stay outside, so that bidi mirrors them with the Arabic text.
_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_LATIN_LETTER = "A-Za-z\u00c0-\u024f"
_RUN = re.compile(rf"[{_LATIN_LETTER}0-9](?:[^{_ARABIC}]*[{_LATIN_LETTER}0-9])?")
_HAS_LETTER = re.compile(f"[{_LATIN_LETTER}]")
# Where Sphinx prints text as it is.
_LEAVE = (nodes.literal_block, nodes.literal, nodes.raw)
# Where Sphinx's LaTeX writer prints no \DUrole: Latin runs go in raw \kbLR.
_TITLES = (nodes.title, nodes.caption, nodes.rubric)
CLASS = "kbltr"
BLOCK = "kbltrblock"
WIDE = "kbwide"
# Tables with this many columns or more are set smaller (class kbwide).
_WIDE_COLUMNS = 7
_ANY_ARABIC = re.compile(f"[{_ARABIC}]")

PREAMBLE = (
    r"""
% Arabic (extensions/book_rtl.py): polyglossia after hyperref, since for
% Arabic it loads bidi, which must come after xcolor, longtable and hyperref.
\usepackage{polyglossia}
\setmainlanguage[numerals=maghrib]{arabic}
\setotherlanguage{english}
\newfontfamily\arabicfont[Script=Arabic]{Amiri}
\newfontfamily\arabicfontsf[Script=Arabic]{Amiri}
\newfontfamily\arabicfonttt[Script=Arabic,Scale=0.9]{Amiri}
% Latin text in FreeFont, as in the other books, with English hyphenation.
% Not polyglossia's \textenglish: it reloads every font family at each switch
% (6,700 switches took the book from 1.5 to over 15 minutes).
\newfontfamily\kblatin{FreeSerif}[Extension=.otf, UprightFont=*,
  BoldFont=*Bold, ItalicFont=*Italic, BoldItalicFont=*BoldItalic]
\makeatletter
\protected\def\kblatinwords{\kblatin\language=\l@english\relax}
\makeatother
% A Latin run inside Arabic text (class kbltr; in titles \kbLR itself), and
% as itself in PDF bookmarks.
\DeclareRobustCommand\kbLR[1]{\LR{\kblatinwords #1}}
\pdfstringdefDisableCommands{\def\kbLR#1{#1}}
\expandafter\def\csname DUrole"""
    + CLASS
    + r"""\endcsname#1{\kbLR{#1}}
% Arabic words are never hyphenated, and some are long (a transliterated
% chemical name ran 26 pt out of a table cell): tables in smaller type with
% narrower gaps between columns.
\setlength{\tabcolsep}{3pt}
\def\kbtablesize{\footnotesize}
\AtBeginEnvironment{tabular}{\kbtablesize}
\AtBeginEnvironment{longtable}{\kbtablesize}
% Tables of seven columns or more (class kbwide) smaller still.
\newenvironment{sphinxclass"""
    + WIDE
    + r"""}{\def\kbtablesize{\scriptsize}}{}
% Notes and warnings between two rules, with a bold title line, not in
% Sphinx's coloured boxes (sphinxheavybox, and \sphinxdotitlerow for the
% title): each box is set as a line of a paragraph, and in a right-to-left
% paragraph XeTeX reverses it with its colour's push and pop, so the box stood
% out into the margin and its colour stayed on: every page after the first
% note printed its text in the box's light blue or grey.
\makeatletter
\def\sphinxdotitlerow#1#2{\noindent\sphinxstrong{#2}\par\smallskip}
\renewenvironment{sphinxheavybox}{\par\medskip\hrule\smallskip}
  {\par\smallskip\hrule\medskip}
\makeatother
% A paragraph with no Arabic letter (class kbltrblock): left to right.
\newenvironment{sphinxclass"""
    + BLOCK
    + r"""}{\begin{LTR}\kblatinwords\hspace{0pt}}{\end{LTR}}
"""
)


def split_runs(text: str) -> list[tuple[str, bool]]:
    """*text* cut into pieces, each with whether it is a Latin run.

    >>> split_runs("دواء (riluzole) في NCT04856982.")
    [('دواء (', False), ('riluzole', True), (') في ', False), ('NCT04856982', True), ('.', False)]
    >>> split_runs("Dextromethorphan and quinidine (Nuedexta)")
    [('Dextromethorphan and quinidine (Nuedexta)', True)]
    """
    pieces: list[tuple[str, bool]] = []
    at = 0
    for match in _RUN.finditer(text, at):
        if match.start() < at:
            continue
        if not _HAS_LETTER.search(match.group()):
            continue  # digits alone: bidi sets numbers left to right itself
        end = match.end()
        # A bracket opened inside the run closes inside it too.
        for opening, closing in ("()", "[]"):
            while (
                text[match.start() : end].count(opening)
                > text[match.start() : end].count(closing)
                and text[end : end + 1] == closing
            ):
                end += 1
        if match.start() > at:
            pieces.append((text[at : match.start()], False))
        pieces.append((text[match.start() : end], True))
        at = end
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces


def running_title(title: str) -> str:
    """LaTeX that sets the title in the page headers (Sphinx prints ``\\@title``)."""
    return rf"\AtBeginDocument{{\title{{{latex(title)}}}}}"


def latex(text: str) -> str:
    """*text* as LaTeX for the Arabic book: escaped, each Latin run in ``\\kbLR``.

    >>> print(latex("كتاب ALS/MND Knowledge Base"))
    كتاب \\kbLR{ALS/MND Knowledge Base}
    """
    return "".join(
        rf"\kbLR{{{escape(piece)}}}" if latin else escape(piece)
        for piece, latin in split_runs(text)
    )


def latin_runs_left_to_right(doctree: nodes.document) -> None:
    """Set Latin paragraphs and Latin runs of *doctree* left to right."""
    for block in list(doctree.findall(_is_block)):
        text = block.astext()
        if _ANY_ARABIC.search(text) or not _HAS_LETTER.search(text):
            continue
        if any(
            isinstance(node, _LEAVE) or BLOCK in node.get("classes", ())
            for node in _ancestors(block)
        ):
            continue
        container = nodes.container("", classes=[BLOCK])
        block.replace_self(container)
        container += block
    for text in list(doctree.findall(nodes.Text)):
        parent = text.parent
        if parent is None or (
            isinstance(parent, nodes.inline) and CLASS in parent.get("classes", ())
        ):
            continue
        if any(
            isinstance(node, _LEAVE) or BLOCK in node.get("classes", ())
            for node in _ancestors(text)
        ):
            continue
        pieces = split_runs(str(text))
        if not any(latin for _, latin in pieces):
            continue
        if any(isinstance(node, _TITLES) for node in _ancestors(text)):
            parent.replace(text, nodes.raw("", latex(str(text)), format="latex"))
            continue
        new: list[nodes.Node] = [
            nodes.inline(piece, piece, classes=[CLASS]) if latin else nodes.Text(piece)
            for piece, latin in pieces
        ]
        index = parent.index(text)
        parent[index : index + 1] = new


def _is_block(node: nodes.Node) -> bool:
    """A paragraph or a list: what is set left to right whole when it is Latin."""
    return isinstance(node, (nodes.paragraph, nodes.bullet_list, nodes.enumerated_list))


def _ancestors(node: nodes.Node):
    while node.parent is not None:
        node = node.parent
        yield node


def no_tabulary(doctree: nodes.document) -> None:
    """Column widths for every table, so that Sphinx never sets one with tabulary."""
    for table in doctree.findall(nodes.table):
        if "colwidths-given" in table["classes"]:
            continue
        table["classes"].append("colwidths-given")
        for colspec in table.findall(nodes.colspec):
            colspec["colwidth"] = colspec.get("colwidth") or 1


def wide_tables(doctree: nodes.document) -> None:
    """Tables of many columns in a container of class ``kbwide`` (smaller type)."""
    for table in list(doctree.findall(nodes.table)):
        groups = list(table.findall(nodes.tgroup))
        if not groups or groups[0].get("cols", 0) < _WIDE_COLUMNS:
            continue
        if (
            isinstance(table.parent, nodes.container)
            and WIDE in table.parent["classes"]
        ):
            continue
        container = nodes.container("", classes=[WIDE])
        table.replace_self(container)
        container += table
