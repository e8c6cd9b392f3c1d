"""review_dates: every page says when it was last reviewed and when it is due again.

Add it to ``conf.py`` (with ``extensions/`` on ``sys.path``)::

    extensions = [..., "editions", "review_dates"]
    kb_review_interval_months = 12   # next_review when a page gives none
    kb_review_max_months = 24        # the latest next_review a page may give

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
Dr Ana Pérez, November 20, 2026." Once the next review date has passed (against the build
date: ``SOURCE_DATE_EPOCH`` when set, today otherwise) the line says "Review
overdue since …" instead; the build does not fail for that (time passing is
not a contributor's error), but lists those pages in its output.

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

import os
from collections.abc import Iterable, Set
from datetime import UTC, date, datetime

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
    visit_review_date_html,
)

__version__ = "0.1.0"
logger = logging.getLogger(__name__)


class ReviewDomain(Domain):
    """Each page's review dates, as plain data: ``data["pages"][docname]``.

    A page is ``{"last": "2026-11-26", "next": "2027-11-26", "overdue": False,
    "problems": False}`` (dates ``None`` when the page has a problem).
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


def build_date() -> date:
    """``SOURCE_DATE_EPOCH`` as a UTC day when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC).date()
        except (ValueError, OverflowError, OSError):
            pass  # reported once, at builder-inited
    return date.today()


def _check_epoch(app: Sphinx) -> None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return
    try:
        datetime.fromtimestamp(int(epoch), tz=UTC)
    except (ValueError, OverflowError, OSError):
        logger.warning(
            "SOURCE_DATE_EPOCH %r is not a number of seconds since 1970-01-01;"
            " the build date for review dates is today instead",
            epoch,
            type="review-dates",
            subtype="date",
        )


def _insert(doctree: nodes.document, line: nodes.paragraph) -> None:
    """Put *line* right under the page's title (at the top when it has none)."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        doctree.insert(0, line)
        return
    titles = [i for i, c in enumerate(section.children) if isinstance(c, nodes.title)]
    section.insert(titles[0] + 1 if titles else 0, line)


def _read(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    docname = env.docname
    built = build_date()
    text = env.doc2path(docname).read_text(encoding="utf-8")
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
    domain.pages[docname] = {
        "last": last.isoformat() if last else None,
        "next": nxt.isoformat() if nxt else None,
        "overdue": bool(nxt and nxt < built),
        "problems": bool(review.problems),
    }
    if last and nxt:
        line = review_line(
            last, nxt, built, app.config.language or "en", review.medical_reviewer
        )
        _insert(doctree, line)


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
        nxt = page["next"]
        overdue = bool(nxt and date.fromisoformat(str(nxt)) < built)
        if page["problems"] or overdue != page["overdue"]:
            again.append(docname)
    return again


def _report_overdue(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None:
        return
    pages = app.env.get_domain(ReviewDomain.name).pages
    late = sorted(d for d, page in pages.items() if page["overdue"])
    if late:
        logger.info(
            "review-dates: %d page(s) overdue for review (the pages say so): %s",
            len(late),
            ", ".join(late),
        )


def setup(app: Sphinx) -> dict[str, object]:
    app.setup_extension("editions")  # its catalog holds this extension's words
    app.add_config_value("kb_review_interval_months", 12, "env", types=[int])
    app.add_config_value("kb_review_max_months", 24, "env", types=[int])
    app.add_domain(ReviewDomain)
    app.add_node(review_date, html=(visit_review_date_html, depart_review_date_html))
    app.connect("builder-inited", _check_epoch)
    app.connect("doctree-read", _read)
    app.connect("env-get-outdated", _outdated)
    app.connect("build-finished", _report_overdue)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
