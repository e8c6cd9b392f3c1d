"""What a drug's handout says: gathered once, drawn as HTML and as book pages.

The handout page (``handouts/<drug-id>.html``, :mod:`trial_facts.handout`) and
the book's appendix (:mod:`trial_facts.handout_book`) both draw what
:func:`gather` returns, in its order, so the two can never disagree::

    facts = gather(domain, "tofersen", "fr")
    facts.name, facts.rows[0]          # 'Tofersen', ('Type de médicament', [...])
    facts.english_rows[0]              # ('Type of medicine', [...]); None in English
    [s.text for s in facts.sources]    # ['NCT04856982', ...]
    words(translated=True).prevails    # the "English prevails" notice

Every value is plain text; each writer escapes it (HTML by ``html.escape``,
the book by building docutils nodes, which the LaTeX writer escapes).

The English column is gathered with the extension's catalog switched to
English for a moment (``sphinx.locale.translators``, a module-level dict of
Sphinx): if that dict changes shape the handout goes without its English column
and :func:`gather` says so through ``english_missing``.
"""

from __future__ import annotations

import contextlib
import gettext
from collections.abc import Iterator
from dataclasses import dataclass

import sphinx.locale

from . import vocab
from .eligibility import (
    age_text,
    breathing_text,
    countries_text,
    genes_text,
    onset_text,
)
from .formatting import partial_date
from .i18n import CATALOG, _
from .registries import identify

_KEY = ("general", CATALOG)
#: Ruled lines left for the reader's own questions, on the page and in the book.
QUESTION_LINES = 6

Rows = list[tuple[str, list[str]]]


@dataclass(frozen=True)
class Source:
    """A registry number (``code``, set left to right) or a titled document."""

    text: str
    url: str | None
    code: bool


@dataclass(frozen=True)
class Handout:
    """One drug's handout: every fact as text, in the order it is shown."""

    drug_id: str
    name: str  # in the edition's language
    english_name: str
    rows: Rows  # (label, lines) in the edition's language
    english_rows: Rows | None  # the same in English; None in the English edition
    english_missing: bool  # a translated edition whose English could not be made
    sources: list[Source]
    translated: bool  # not the English edition: the "English prevails" notice


@dataclass(frozen=True)
class Words:
    """The handout's own words, in the edition's language."""

    subtitle: str
    in_your_language: str
    sources: str
    full_page: str
    care_team: str
    prevails: str | None  # only in a translated edition
    questions: str


@contextlib.contextmanager
def english() -> Iterator[bool]:
    """The extension's words in English inside the block (False if impossible)."""
    table = getattr(sphinx.locale, "translators", None)
    if not isinstance(table, dict):
        yield False
        return
    if _KEY not in table:
        # No catalog of the extension in this build (a project without its
        # translations): its words are English already.
        yield True
        return
    saved = table[_KEY]
    table[_KEY] = gettext.NullTranslations()
    try:
        yield True
    finally:
        table[_KEY] = saved


def open_trials_by_drug(domain) -> dict[str, list[str]]:
    """Each drug's open trials, sorted: one pass over every trial."""
    open_codes = set(vocab.STATUS_GROUPS["open"])
    found: dict[str, list[str]] = {}
    for trial_id in sorted(domain.trials):
        data = domain.trials[trial_id]["data"]
        if data["status"] in open_codes:
            for drug_id in data["drugs"]:
                found.setdefault(drug_id, []).append(trial_id)
    return found


def _open_trials(domain, drug_id: str) -> list[str]:
    # While every handout is written the index is kept on the domain
    # (``_kb_open_trials``): looking through every trial for each drug made
    # 2,000 handouts take about 7 s (quadratic); otherwise it is made here.
    index = getattr(domain, "_kb_open_trials", None)
    if index is None:
        index = open_trials_by_drug(domain)
    return list(index.get(drug_id, []))


def _rows(domain, drug_id: str, language: str | None, local: bool) -> Rows:
    """(label, lines) pairs; record text translated when *local*, English otherwise."""
    entry = domain.drugs[drug_id]
    data = entry["data"]
    texts = entry.get("texts", {}) if local else {}
    rows: Rows = [
        (str(_("Type of medicine")), [vocab.label(vocab.MODALITY, data["modality"])]),
        (
            str(_("How it is given")),
            [", ".join(vocab.label(vocab.ROUTE, r) for r in data["route"])],
        ),
        (
            str(_("How it is thought to work")),
            [texts.get("mechanism") or data["mechanism"]],
        ),
        (str(_("Stage")), [vocab.label(vocab.STAGE, data["stage"])]),
    ]
    approvals = []
    for index, approval in enumerate(data.get("approvals") or []):
        line = str(_("{agency}: {kind}, {date}")).format(
            agency=vocab.label(vocab.AGENCY, approval["agency"]),
            kind=vocab.label(vocab.APPROVAL_KIND, approval["kind"]),
            date=partial_date(approval["date"], language),
        )
        if approval.get("withdrawn"):
            line += " — " + str(_("Withdrawn: {date}")).format(
                date=partial_date(approval["withdrawn"], language)
            )
        indication = texts.get(f"approvals.{index}.indication") or approval.get(
            "indication"
        )
        approvals.append(f"{line}. {indication}" if indication else line)
    rows.append(
        (
            str(_("Approvals")),
            approvals or [str(_("No approval is recorded for this drug."))],
        )
    )
    for trial_id in _open_trials(domain, drug_id):
        trial = domain.trials[trial_id]["data"]
        title = (domain.trial_texts(trial_id).get("title") if local else None) or trial[
            "title"
        ]
        rules = trial.get("eligibility") or {}
        lines = [vocab.label(vocab.STATUS, trial["status"])]
        lines += [
            text
            for text in (
                age_text(rules, language),
                onset_text(rules, language),
                breathing_text(rules, language),
                genes_text(rules, language),
                countries_text(rules, language),
            )
            if text
        ]
        if len(lines) == 1:
            lines.append(str(_("Not stated in the registry")))
        rows.append((title, lines))
    rows.append(
        (
            str(_("Last reviewed")),
            [partial_date(str(data["last_reviewed"]), language)],
        )
    )
    return rows


def _sources(domain, drug_id: str) -> list[Source]:
    """The open trials' registry numbers and eligibility sources, in order."""
    out = []
    for trial_id in _open_trials(domain, drug_id):
        trial = domain.trials[trial_id]["data"]
        for value in trial.get("registry") or []:
            found = identify(value)
            out.append(Source(value, found.url if found and found.url else None, True))
        source = (trial.get("eligibility") or {}).get("source")
        if source:
            out.append(Source(source["title"], source["url"], False))
    return out


def gather(domain, drug_id: str, language: str | None) -> Handout:
    """Every fact of *drug_id*'s handout in *language* (English beside it)."""
    translated = bool(language and language != "en")
    english_rows: Rows | None = None
    if translated:
        with english() as ok:
            if ok:
                english_rows = _rows(domain, drug_id, "en", local=False)
    return Handout(
        drug_id=drug_id,
        name=domain.drug_name(drug_id),
        english_name=domain.drugs[drug_id]["data"]["name"],
        rows=_rows(domain, drug_id, language, local=True),
        english_rows=english_rows,
        english_missing=translated and english_rows is None,
        sources=_sources(domain, drug_id),
        translated=translated,
    )


def words(translated: bool) -> Words:
    """The handout's headings and notices in the language being built."""
    return Words(
        subtitle=str(_("A one-page handout for your neurologist")),
        in_your_language=str(_("In your language")),
        sources=str(_("Sources")),
        full_page=str(_("Full page on this drug:")),
        care_team=str(
            _(
                "Only your care team and the trial team can say whether a treatment or a trial suits you."
            )
        ),
        prevails=str(
            _(
                "Volunteers translated this handout from English. "
                "Where the two differ, the English text prevails."
            )
        )
        if translated
        else None,
        questions=str(_("My questions for the neurologist")),
    )
