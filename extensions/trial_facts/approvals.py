"""One source of truth: approvals and trial status come from the records.

A drug page lists its approvals with a directive instead of by hand::

    ## Where it is approved or available

    ```{drug-approvals}
    ```

    More about funding and access, in the page's own words ...

and prose names a trial's status with a role, so the page never restates it::

    VALOR: {trial-status}`tofersen-valor`.       ->  "VALOR: Completed."
    VALOR: {trial-results}`tofersen-valor`.      ->  "VALOR: Main goal not met."

Both are drawn from the record at read time (the page is read again when the
record changes). Approvals are listed one per agency decision: the region, the
agency, the kind of approval, its date, a withdrawal, and the use it covers
(the indication, translated with the page).

**The prose check.** On a drug's own page (``docs/drugs/<stage>/<id>.md``), in
its opening and its "Where it is approved or available" section, a sentence of
the English text that says an agency approved or authorised the drug must name
an agency of the drug's ``approvals`` (withdrawn ones count).
A sentence such as "Health Canada approved it in 2022" on a page whose record
has no Health Canada approval fails the build at its file and line::

    docs/drugs/discontinued/amx0035.md:78: WARNING: the text says 'Health Canada'
    approved or authorised this drug, but the drug-facts block of 'amx0035' has
    no approval by Health Canada; add the approval to its 'approvals' (with its
    source), or reword the sentence [trial-facts.prose]

Sentences that deny or withdraw ("not approved", "refused", "withdrew the
application", "applied"), that speak of requests and plans ("asked", "plans",
"may"), of trials (regulators authorise trials too) or of another disease
("for Niemann-Pick disease") are left alone, and so are tables and the text the extension draws. Translations are not checked: they carry
the English text's meaning, and the English text is checked.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective, SphinxRole

from . import vocab
from .formatting import partial_date
from .i18n import _
from .loading import data_dir
from .tables import bullet_list, plain
from .warnings_ import warn
from .xrefs import DOMAIN

#: How prose names each agency of the ``approvals`` vocabulary.
AGENCY_NAMES = {
    "FDA": r"\bFDA\b|Food and Drug Administration",
    "EMA": r"\bEMA\b|European Medicines Agency|European Commission",
    "MHRA": r"\bMHRA\b|Medicines and Healthcare products Regulatory Agency",
    "Health Canada": r"Health Canada",
    "PMDA": r"\bPMDA\b|Pharmaceuticals and Medical Devices Agency",
    "MHLW": r"\bMHLW\b|Ministry of Health, Labour and Welfare|Japan's health ministry",
    "TGA": r"\bTGA\b|Therapeutic Goods Administration",
    "MFDS": r"\bMFDS\b|Ministry of Food and Drug Safety",
    "NMPA": r"\bNMPA\b|National Medical Products Administration",
    "Swissmedic": r"Swissmedic",
    "ANMAT": r"\bANMAT\b",
}
_AGENCY = {code: re.compile(rx) for code, rx in AGENCY_NAMES.items()}
_JAPAN = {"PMDA", "MHLW"}
_APPROVES = re.compile(
    r"\b(approv\w*|authori[sz]\w*|notice of compliance)\b", re.IGNORECASE
)
_DENIES = re.compile(
    # Denials, withdrawals, requests, plans and questions claim no approval.
    r"\b(not|never|no|refus\w*|withdr\w*|appl(y|ied|ies|ication)\w*|reject\w*|"
    r"declin\w*|negative|would|ask\w*|plan\w*|want\w*|will|accept\w*|pathway|"
    r"seek\w*|sought|request\w*|hope\w*|expect\w*|whether|could|may|might|"
    # A regulator also authorises trials ("the FDA authorised the trial").
    r"trials?|stud(y|ies))\b",
    re.IGNORECASE,
)
# "... approved it for Niemann-Pick disease type C": another disease, not ALS.
_OTHER_DISEASE = re.compile(
    r"\bfor (?:the )?(?:[A-Z][\w'\u2019-]*\s+){1,4}(?:disease|syndrome)\b"
)
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)")


def _own_drug(domain, docname: str) -> str | None:
    declared = [
        key
        for store, key in domain.data["declared"].get(docname, [])
        if store == "drugs"
    ]
    return declared[0] if len(declared) == 1 else None


def _approval_item(approval: dict, index: int, source: str, line, language):
    item = nodes.container(classes=["kb-approval"])
    head = nodes.paragraph(translatable=False)
    region = vocab.label(vocab.REGION, approval["agency"])
    text = str(_("{agency}: {kind}, {date}")).format(
        agency=vocab.label(vocab.AGENCY, approval["agency"]),
        kind=vocab.label(vocab.APPROVAL_KIND, approval["kind"]),
        date=partial_date(approval["date"], language),
    )
    # "United States — ...": the region in bold, the separator as each
    # language writes it ("【日本】..."); {region} may come anywhere.
    before, _brace, after = str(_("{region} — {approval}")).partition("{region}")
    head += nodes.Text(before.format(approval=text))
    head += nodes.strong(region, region)
    head += nodes.Text(after.format(approval=text))
    item += head
    if approval.get("withdrawn"):
        item += plain(
            str(_("Withdrawn: {date}")).format(
                date=partial_date(approval["withdrawn"], language)
            )
        )
    if approval.get("indication"):
        para = nodes.paragraph(approval["indication"], approval["indication"])
        para.source, para.line = source, line
        item += para
    return item


class DrugApprovals(SphinxDirective):
    """The drug's approvals, from its record: ```{drug-approvals}`` [drug id]."""

    optional_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        domain = self.env.get_domain(DOMAIN)
        drug_id = (
            self.arguments[0].strip()
            if self.arguments
            else _own_drug(domain, self.env.docname)
        )
        entry = domain.drugs.get(drug_id) if drug_id else None
        if entry is None or entry["docname"] != self.env.docname:
            warn(
                f"drug-approvals {drug_id or ''!r}: no drug-facts block above it on "
                "this page declares that drug; put drug-approvals below the page's "
                "drug-facts block",
                self.get_location(),
                "unknown",
            )
            return []
        approvals = entry["data"].get("approvals") or []
        source, _line = self.get_source_info()
        lines = (entry.get("history_at") or {}).get("indications", [])
        if not approvals:
            text = str(_("No approval is recorded for this drug."))
            return [plain(text)]
        ordered = sorted(enumerate(approvals), key=lambda pair: pair[1]["date"])
        items = [
            _approval_item(
                approval,
                index,
                source,
                lines[index] if index < len(lines) else None,
                self.config.language,
            )
            for index, approval in ordered
        ]
        listing = bullet_list(items)
        listing["classes"].append("kb-approvals")
        self.set_source_info(listing)
        return [listing]


class TrialStatus(SphinxRole):
    """``{trial-status}`tofersen-valor``` -> the trial's status, from its record;
    ``{trial-results}`tofersen-valor``` -> its results in one phrase ("Main goal
    not met"; "Results not yet available" when the record has none)."""

    def __init__(self, field: str) -> None:
        super().__init__()
        self._field = field

    def run(self) -> tuple[list[nodes.Node], list[Any]]:
        trial_id = self.text.strip()
        domain = self.env.get_domain(DOMAIN)
        path = data_dir(self.env.app) / f"{trial_id}.yaml"
        self.env.note_dependency(str(path.resolve()))
        entry = domain.trials.get(trial_id)
        if entry is None:
            known = ", ".join(sorted(domain.trials)[:12])
            warn(
                f"trial-{self._field} {trial_id!r}: no valid trial record has this "
                f"id; known trials: {known}",
                self.get_location(),
                "unknown",
            )
            return [nodes.inline(self.text, self.text)], []
        data = entry["data"]
        if self._field == "status":
            code, label = data["status"], vocab.label(vocab.STATUS, data["status"])
        else:
            code = data.get("results", {}).get("outcome", "pending")
            label = vocab.label(vocab.OUTCOME, code)
        # No source: the label (already translated) never reaches the catalogs.
        classes = [f"kb-{self._field}", f"kb-{self._field}-{code}"]
        return [nodes.inline(label, label, classes=classes)], []


def _checked(node: nodes.Node) -> bool:
    """Whether *node* is in the page's opening or its "Where it is approved"
    section: where a page says where the drug is approved. Elsewhere (trials,
    history, sources) regulators are named for other reasons."""
    if any(isinstance(a, nodes.table) for a in _ancestors(node)):
        return False
    sections = [a for a in _ancestors(node) if isinstance(a, nodes.section)]
    if len(sections) <= 1:
        return True  # the opening, under the page title
    title = sections[-2][0] if len(sections[-2]) else None
    return isinstance(title, nodes.title) and title.astext().startswith(
        "Where it is approved"
    )


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    found = []
    parent = node.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    return found


def unlisted_agencies(text: str, agencies: set[str]) -> list[tuple[int, str]]:
    """``(offset, agency)`` for each sentence that credits an approval to an agency
    not in *agencies*.

    >>> unlisted_agencies("Health Canada approved it in 2022.", {"FDA"})
    [(0, 'Health Canada')]
    >>> unlisted_agencies("It is not approved by the FDA.", set())
    []
    """
    # Japan's ministry (MHLW) grants what its agency (PMDA) reviewed: either one
    # in the record covers a sentence that names the other.
    if agencies & _JAPAN:
        agencies = agencies | _JAPAN
    found = []
    for match in _SENTENCE.finditer(text):
        sentence = match.group(0)
        if not _APPROVES.search(sentence) or _DENIES.search(sentence):
            continue
        if _OTHER_DISEASE.search(sentence):
            continue  # an approval for another disease is not an ALS approval
        start = match.start() + len(sentence) - len(sentence.lstrip())
        for code, pattern in _AGENCY.items():
            if code not in agencies and pattern.search(sentence):
                found.append((start, code))
    return found


def _check_prose(app: Sphinx, doctree: nodes.document) -> None:
    if (app.config.language or "en") != "en":
        return
    domain = app.env.get_domain(DOMAIN)
    docname = app.env.docname
    drug_id = _own_drug(domain, docname)
    if drug_id is None or docname.rsplit("/", 1)[-1] != drug_id:
        return
    data = domain.drugs[drug_id]["data"]
    agencies = {a["agency"] for a in data.get("approvals") or []}
    for para in doctree.findall(nodes.paragraph):
        if not para.source or para.get("translatable") is False:
            continue
        if para.get("kb-field") or para.get("kb-event") or not _checked(para):
            continue
        text = para.astext()
        for offset, code in unlisted_agencies(text, agencies):
            line = (para.line or 1) + text[:offset].count("\n")
            warn(
                f"the text says {code!r} approved or authorised this drug, but the "
                f"drug-facts block of {drug_id!r} has no approval by {code}; add the "
                "approval to its 'approvals' (with its source), or reword the "
                "sentence",
                (docname, line),
                "prose",
            )


def setup_approvals(app: Sphinx) -> None:
    app.add_directive("drug-approvals", DrugApprovals)
    app.add_role("trial-status", TrialStatus("status"))
    app.add_role("trial-results", TrialStatus("results"))
    app.connect("doctree-read", _check_prose)
