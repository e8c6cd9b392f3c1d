"""review_dates: every page says when it was last reviewed and when it is due again.

Add it to ``conf.py`` (with ``extensions/`` on ``sys.path``)::

    extensions = [..., "editions", "review_dates"]
    kb_review_interval_months = 12   # next_review when a page gives none
    kb_review_max_months = 24        # the latest next_review a page may give
    kb_trial_review_months_open = 6  # trial records of recruiting/running trials
    kb_trial_review_months = 12      # other trial records

(declared once, in :mod:`review_dates.schedule`, which trial_facts loads too)

and give every page front matter::

    ---
    last_reviewed: 2026-11-26
    next_review: 2027-05-26     # optional; 12 months after last_reviewed otherwise
    medical_reviewer: {name: Dr Ana Pérez, date: 2026-11-20}   # optional
    ---

Under each page's title the reader then sees "Last reviewed: November 26, 2026.
Next review due: November 26, 2027." in the edition's language (labels from
``editions.po``, dates by Babel, each date a ``<time datetime>``), in HTML and
in the book alike; with ``medical_reviewer``, the line goes on "Medical review:
Dr Ana Pérez, November 20, 2026."

Once a next review date has passed (against the build date: ``SOURCE_DATE_EPOCH``
when set, today otherwise), a notice under that line says "This page is
awaiting re-check since …" and what that means for the reader. The date is the
page's own, or, on a page with drug-facts or trial-facts tables, the earliest
date of the drugs and trial records shown on it (each such table carries its
due date and file in ``table["kb-review-due"]`` and ``["kb-review-file"]``,
set by trial_facts). The build does not fail for that (time passing is not a
contributor's error): it lists each overdue page and record in its log, one
``INFO`` line each, and ``make review-due`` lists what falls due soon.

A missing ``last_reviewed``, a value that is not a day (``26/11/2026``,
``2023-02-30``), a day after the build date, a ``next_review`` not after
``last_reviewed`` or too far after it, a key given twice or misspelt: each is a
warning at the page's file and line (so the strict build fails) of type
``review-dates`` and subtype ``missing``, ``date``, ``field`` or ``yaml``.
When the project's ``front_matter`` extension is loaded too, the problems any
front matter can have (YAML syntax, a key given twice, a day not on the
calendar) are left to it, so that each is reported once.

The line is made when the page is read, so it is in the doctree every builder
writes. A page whose overdue state changed since it was read, or that had a
problem, is read again on the next build.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from datetime import date
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .front_matter import Review, read_review
from .line import (
    depart_review_date_html,
    review_date,
    review_line,
    review_notice,
    visit_review_date_html,
)
from .schedule import build_date, epoch_problem

__all__ = ["ReviewDomain", "build_date", "setup"]
__version__ = "0.2.0"
logger = logging.getLogger(__name__)
#: Attributes trial_facts sets on the tables of drugs and trial records.
DUE, FILE = "kb-review-due", "kb-review-file"


class ReviewDomain(Domain):
    """Each page's review dates, as plain data: ``data["pages"][docname]``.

    A page is ``{"file": "docs/care/index.md", "last": "2026-11-26",
    "next": "2027-11-26", "due": "2027-05-26", "overdue": False,
    "problems": False, "records": [["docs/_data/trials/x.yaml:42", "2027-05-26"]]}``:
    ``due`` is the earliest of ``next`` and the dates of the records shown on
    the page (dates ``None`` when the page has a problem).
    """

    name = "review-dates"
    label = "Review dates"
    initial_data = {"pages": {}}  # noqa: RUF012 (Sphinx copies it per environment)

    @property
    def pages(self) -> dict[str, dict[str, object]]:
        return self.data["pages"]

    def clear_doc(self, docname: str) -> None:
        self.pages.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict) -> None:
        for docname in docnames:
            if docname in otherdata["pages"]:
                self.pages[docname] = otherdata["pages"][docname]


def _check_epoch(app: Sphinx) -> None:
    problem = epoch_problem()
    if problem:
        logger.warning(problem, type="review-dates", subtype="date")


def _insert(doctree: nodes.document, *new: nodes.Element) -> None:
    """Put *new* right under the page's title (at the top when it has none)."""
    section = next(iter(doctree.findall(nodes.section)), None)
    parent = doctree if section is None else section
    titles = [i for i, c in enumerate(parent.children) if isinstance(c, nodes.title)]
    index = titles[0] + 1 if titles else 0
    parent[index:index] = list(new)


def _records(doctree: nodes.document) -> list[list[str]]:
    """``[file, due]`` of each drug and trial table on the page (set by trial_facts)."""
    found = []
    for table in doctree.findall(nodes.table):
        if table.get(DUE):
            entry = [str(table.get(FILE, "")), str(table[DUE])]
            if entry not in found:
                found.append(entry)
    return found


def _read(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    docname = env.docname
    built = build_date()
    path = env.doc2path(docname)
    text = path.read_text(encoding="utf-8")
    review: Review = read_review(
        text,
        built=built,
        interval_months=app.config.kb_review_interval_months,
        max_months=app.config.kb_review_max_months,
    )
    # The front_matter extension, when loaded, reports what any front matter
    # can get wrong; each problem is then said once, by it.
    shared = "front_matter" in app.extensions
    for problem in review.problems:
        if shared and problem.generic:
            continue
        logger.warning(
            str(problem),
            location=(docname, problem.line),
            type="review-dates",
            subtype=problem.kind,
        )
    domain = env.get_domain(ReviewDomain.name)
    last, nxt = review.last_reviewed, review.next_review
    records = _records(doctree)
    dues = [d for d in [nxt, *(date.fromisoformat(r[1]) for r in records)] if d]
    due = min(dues) if dues else None
    domain.pages[docname] = {
        "file": _shown_path(app, path),
        "last": last.isoformat() if last else None,
        "next": nxt.isoformat() if nxt else None,
        "due": due.isoformat() if due else None,
        "overdue": bool(due and due < built),
        "problems": bool(review.problems),
        "records": records,
    }
    language = app.config.language or "en"
    new: list[nodes.Element] = []
    if last and nxt:
        new.append(review_line(last, nxt, built, language, review.medical_reviewer))
    if due and due < built:
        new.append(review_notice(due, language))
    if new:
        _insert(doctree, *new)


def _shown_path(app: Sphinx, path: object) -> str:
    """*path* as an editor finds it: relative to the current folder when inside it."""
    full = Path(str(path)).resolve()
    try:
        return full.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return full.as_posix()


def _outdated(
    app: Sphinx,
    env: BuildEnvironment,
    added: Set[str],
    changed: Set[str],
    removed: Set[str],
) -> Iterable[str]:
    """Pages to read again: those with a problem, and those gone overdue (or back)."""
    built = build_date()
    pages = env.get_domain(ReviewDomain.name).pages
    again = []
    for docname, page in pages.items():
        if docname in removed or docname in added or docname in changed:
            continue
        due = page.get("due", page["next"])
        overdue = bool(due and date.fromisoformat(str(due)) < built)
        if page["problems"] or overdue != page["overdue"]:
            again.append(docname)
    return again


def overdue_items(
    pages: dict[str, dict[str, object]], built: date
) -> list[tuple[str, str]]:
    """``(date due, file)`` of every overdue page and record, once each, oldest first."""
    items: set[tuple[str, str]] = set()
    for page in pages.values():
        nxt = page["next"]
        if nxt and date.fromisoformat(str(nxt)) < built:
            items.add((str(nxt), str(page.get("file", ""))))
        for file, due in page.get("records", ()):  # type: ignore[union-attr]
            if date.fromisoformat(due) < built:
                items.add((due, file))
    return sorted(items)


def _report_overdue(app: Sphinx, exception: Exception | None) -> None:
    """One INFO line per overdue page or record: never a warning (see the docstring)."""
    if exception is not None:
        return
    pages = app.env.get_domain(ReviewDomain.name).pages
    for due, file in overdue_items(pages, build_date()):
        logger.info("review-dates: %s: awaiting re-check since %s", file, due)


def setup(app: Sphinx) -> dict[str, object]:
    app.setup_extension("editions")  # its catalog holds this extension's words
    app.setup_extension("review_dates.schedule")  # the intervals, declared once
    app.add_domain(ReviewDomain)
    app.add_node(review_date, html=(visit_review_date_html, depart_review_date_html))
    app.connect("builder-inited", _check_epoch)
    app.connect("doctree-read", _read)
    app.connect("env-get-outdated", _outdated)
    app.connect("build-finished", _report_overdue)
    return {
        "version": __version__,
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
