"""The printed book of every edition: complete, translated, fonts embedded, nothing off the page.

Each edition is written by Sphinx's LaTeX builder and typeset with latexmk and
XeLaTeX, as ``make pdf`` does. These tests need Debian's LaTeX packages; without
them they are skipped with a message (and fail in CI, see ``require_tools``).
"""

from __future__ import annotations

import gettext
import re
import subprocess
import tempfile
import unicodedata
from pathlib import Path
from typing import NamedTuple

import pytest
import sphinx
import yaml
from babel.messages.pofile import read_po
from conftest import EDITIONS, REPO, build_docs, require_tools

from editions.known import is_right_to_left
from latex_log import problems
from trial_facts.formatting import partial_date

DRUG_PAGES = sorted(
    p.relative_to(REPO / "docs").with_suffix("").as_posix()
    for stage in ("approved", "in-development", "discontinued")
    for p in (REPO / "docs/drugs" / stage).glob("*.md")
    if p.name != "index.md"
)


def _squash(text: str) -> str:
    """Text without any whitespace: PDF text breaks lines and spaces CJK.

    Nor brackets or direction controls: pdftotext marks each run of a
    right-to-left page (U+202A-U+202C) and gives the brackets around a Latin
    word in Arabic text as they face on the page, ")(Nuedexta".
    """
    return re.sub(r"[\s()\u200e\u200f\u202a-\u202e\u2066-\u2069]+", "", text)


def _words(language: str, catalog: str) -> dict[str, str]:
    if language == "en":
        return {}
    with (REPO / "locales" / language / "LC_MESSAGES" / f"{catalog}.po").open(
        "rb"
    ) as f:
        return {m.id: m.string for m in read_po(f) if m.id and m.string and not m.fuzzy}


# Trials whose handout lists them (the "open or upcoming" trials).
OPEN = {"recruiting", "not-yet-recruiting", "enrolling-by-invitation"}


class Handout(NamedTuple):
    """What a drug's handout in the book must show (read from the build)."""

    name: str
    registry: list[str]
    reviewed: str


class Book:
    def __init__(
        self,
        pdf: Path,
        log: str,
        titles: dict[str, str],
        handouts: list[Handout] | None = None,
    ) -> None:
        self.pdf, self.log, self.titles = pdf, log, titles
        self.handouts = handouts or []
        self.text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout


@pytest.fixture(scope="module", params=EDITIONS)
def book(request, tmp_path_factory) -> Book:
    require_tools("xelatex", "latexmk", "pdftotext", "pdffonts")
    language = request.param
    tmp = tmp_path_factory.mktemp(f"book-{language}")
    build = build_docs(tmp, builder="latex", language=language)
    assert build.warnings == ""
    result = subprocess.run(
        [
            "make",
            "-C",
            str(build.outdir),
            "all-pdf",
            "LATEXMKOPTS=-silent -halt-on-error -interaction=nonstopmode",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    name = f"als-mnd-knowledge-base-{language}"
    log = (build.outdir / f"{name}.log").read_text(encoding="utf-8", errors="replace")
    assert result.returncode == 0, log[-3000:]
    titles = {doc: build.app.env.titles[doc].astext() for doc in DRUG_PAGES}
    return Book(build.outdir / f"{name}.pdf", log, titles, _handouts(build, language))


def _handouts(build, language: str) -> list[Handout]:
    """Every declared drug's handout, by name in the edition's language."""
    domain = build.app.env.get_domain("kb")
    handouts = []
    for drug_id, entry in domain.drugs.items():
        registry = [
            code
            for trial in domain.trials.values()
            if drug_id in trial["data"]["drugs"] and trial["data"]["status"] in OPEN
            for code in trial["data"].get("registry") or []
        ]
        reviewed = partial_date(str(entry["data"]["last_reviewed"]), language)
        handouts.append(Handout(domain.drug_name(drug_id), registry, reviewed))
    return sorted(handouts, key=lambda h: h.name.casefold())


def test_title_page_names_the_edition_and_the_english_rule(book):
    language = book.pdf.stem.rsplit("-", 1)[1]
    first_page = book.text.split("\f", 1)[0]
    words = _words(language, "editions")
    title = words.get("ALS/MND Knowledge Base", "ALS/MND Knowledge Base")
    assert _squash(title) in _squash(first_page)
    assert re.search(r"20\d\d", first_page)  # the build date
    prevails = "Where the two differ, the {language} text prevails."
    if language == "en":
        assert "prevails" not in first_page
    else:
        english = "Volunteers translated this book from {language}. " + prevails
        # In English until editions.po translates it (a new edition).
        rule = words.get(english, english)
        stem = rule.split("{language}")[0]
        assert _squash(stem) in _squash(first_page)


def test_every_drug_page_and_its_trial_values_are_printed(book):
    text = _squash(book.text)
    language = book.pdf.stem.rsplit("-", 1)[1]
    for docname, title in book.titles.items():
        if is_right_to_left(language):
            # pdftotext gives the runs of a mixed title in the order they
            # stand on the page: "Radicava، Radicava ORS" reads from the right.
            for word in re.findall(r"[\u0600-\u06ff]+|[^\s\u0600-\u06ff(),،-]+", title):
                assert _squash(word) in text, (docname, word)
        else:
            assert _squash(title) in text, docname
    # Values from the trial tables: registry IDs, and the translated labels.
    for record in sorted((REPO / "docs/_data/trials").glob("*.yaml"))[:20]:
        data = yaml.safe_load(record.read_text(encoding="utf-8"))
        for registry in data.get("registry", [])[:1]:
            assert _squash(registry.split()[-1]) in text, record.name
    labels = _words(language, "trial-facts")
    for label in ("Phase", "Sponsor", "Main measures", "Sources"):
        assert _squash(labels.get(label, label)) in text, label


# pdftotext may give Arabic's lam-alef ligature as its two letters in visual
# order and move a vowel sign or shadda: Arabic words are compared without them.
_ARABIC_NOISE = re.compile("[\u0644\u0627\u0623\u0625\u0622\u064b-\u065f\u0670\u0640]")


def _printed(text: str, page: str, language: str) -> bool:
    """*text* is on *page*; in Arabic word by word (pdftotext gives the runs
    of a mixed line in the order they stand on the page). Case aside: the
    book sets chapter titles in capitals."""
    page = _squash(page).casefold()
    if not is_right_to_left(language):
        return _squash(text).casefold() in page
    page = _ARABIC_NOISE.sub("", unicodedata.normalize("NFKC", page))
    # Arabic letters and marks (not the Arabic comma), or runs of other text.
    words = re.findall(r"[\u0621-\u065f\u0670-\u06d3]+|[^\s\u0600-\u06ff(),.:-]+", text)
    return all(
        _ARABIC_NOISE.sub("", unicodedata.normalize("NFKC", _squash(word).casefold()))
        in page
        for word in words
    )


def test_the_appendix_holds_one_handout_per_drug_each_on_its_own_page(book):
    """The handouts for the neurologist close every book, one drug per page."""
    language = book.pdf.stem.rsplit("-", 1)[1]
    pages = book.text.rstrip("\f").split("\f")
    words = _words(language, "trial-facts")
    page_words = _words(language, "drugs/handouts")
    title = page_words.get(
        "Handouts for your neurologist", "Handouts for your neurologist"
    )
    subtitle = "A one-page handout for your neurologist"
    questions = "My questions for the neurologist"
    prevails = (
        "Volunteers translated this handout from English. "
        "Where the two differ, the English text prevails."
    )
    # One handout a page, on the last pages of the book, in order: were one to
    # run over (even its ruled lines alone), the others would shift a page.
    count = len(book.handouts)
    assert count > 20
    opening, handouts = pages[-count - 1], pages[-count:]
    assert _printed(title, opening, language)
    if not is_right_to_left(language):  # (in Arabic each word is on it)
        assert not _printed(words.get(subtitle, subtitle), opening, language)
    for handout, page in zip(book.handouts, handouts, strict=True):
        assert _printed(words.get(subtitle, subtitle), page, language), handout.name
        assert _printed(handout.name, page, language), handout.name
        for code in handout.registry:
            assert _squash(code.split()[-1]) in _squash(page), (handout.name, code)
        assert _printed(handout.reviewed, page, language), handout.name
        assert _printed(words.get(questions, questions), page, language)
        if language == "en":
            assert "prevails" not in page
        else:
            assert _printed(words.get(prevails, prevails), page, language)
            assert "Howitisthoughttowork" in _squash(page), handout.name


def test_every_font_is_embedded(book):
    fonts = subprocess.run(
        ["pdffonts", str(book.pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts
    for line in fonts:
        assert re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", line), line
        embedded = line.split()[-5]
        assert embedded == "yes", line


def test_nothing_runs_off_the_page(book):
    assert problems(book.log, max_overfull=3.0) == []


def test_the_arabic_book_prints_arabic_letters_and_codes_whole(book):
    """Arabic text is there as text, and Latin codes inside it are not reversed."""
    language = book.pdf.stem.rsplit("-", 1)[1]
    if language != "ar":
        pytest.skip("the Arabic book only")
    arabic = re.findall(r"[\u0621-\u064a]", book.text)
    assert len(arabic) > 1000  # the edition's name, dates, translated pages
    # The tofersen trial (ATLAS) and the riluzole-era registry IDs, left to right.
    for code in ("NCT04856982", "ALS/MND"):
        assert code in book.text, code
    assert "2989045840TCN" not in book.text
    # Tables that run onto a new page say so in Arabic (editions/sphinx_words.py).
    assert "continued from previous page" not in book.text
    assert _squash("تابع من الصفحة السابقة") in _squash(book.text)
    fonts = subprocess.run(
        ["pdffonts", str(book.pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert "Amiri" in fonts and "FreeSerif" in fonts


def _dark_share(pdf: Path, page: int) -> float:
    """Of the inked pixels of *page* (150 dpi, grey), the share that is dark."""
    with tempfile.TemporaryDirectory() as folder:
        pages = ["-f", str(page), "-l", str(page)]
        subprocess.run(
            ["pdftoppm", *pages, "-r", "150", "-gray", str(pdf), f"{folder}/page"],
            check=True,
        )
        image = next(Path(folder).glob("*.pgm")).read_bytes()
    pixels = image.split(b"\n", 3)[3]  # after "P5", the size and the depth
    ink = [value for value in pixels if value < 225]
    return sum(1 for value in ink if value < 128) / len(ink)


def test_text_around_a_note_is_printed_black(book):
    """A note's box leaves no colour behind it.

    In the Arabic book, XeTeX reversed the coloured box of each note with its
    colour's push and pop: every page after the first note printed its text in
    the box's light blue or grey from the note on page 60 on (a tenth to a
    quarter of the ink of each page with a note was dark, against three fifths;
    English pages with notes, in their tinted boxes, have more than two fifths).
    """
    language = book.pdf.stem.rsplit("-", 1)[1]
    sphinx_words = gettext.translation(
        "sphinx", Path(sphinx.__file__).parent / "locale", [language], fallback=True
    )
    note = _squash(sphinx_words.gettext("Note"))
    pages = [
        number
        for number, text in enumerate(book.text.split("\f"), 1)
        if note in _squash(text)
    ]
    assert len(pages) >= 3, note
    for page in pages:
        assert _dark_share(book.pdf, page) > 0.4, page


def test_the_log_check_names_missing_glyphs_and_hyphenation_patterns():
    log = (
        "Missing character: There is no \u0628 (U+0628) in font FreeSerif:mode=node!\n"
        "Package polyglossia Warning: No hyphenation patterns were loaded for `brazil'\n"
    )
    found = problems(log)
    assert [p.line for p in found] == [1, 2]
    assert "FreeSerif" in found[0].message and "brazil" in found[1].message
