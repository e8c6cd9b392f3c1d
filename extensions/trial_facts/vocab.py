"""The controlled vocabularies of drug and trial records, with reader-facing labels.

Codes (``active-not-recruiting``) are what volunteers write and what the data
exports carry; labels are what readers see, translated through the extension's
own catalog under ``locales/``::

    >>> from trial_facts.vocab import STATUS, label
    >>> label(STATUS, "completed")
    'Completed'

Every label is a whole phrase so that translators can word it naturally.
"""

from __future__ import annotations

from .i18n import _

PHASES = {
    "1": _("Phase 1"),
    "1b": _("Phase 1b"),
    "1/2": _("Phase 1/2"),
    "1/2a": _("Phase 1/2a"),
    "2": _("Phase 2"),
    "2a": _("Phase 2a"),
    "2b": _("Phase 2b"),
    "2/3": _("Phase 2/3"),
    "3": _("Phase 3"),
    "4": _("Phase 4"),
    "na": _("Not applicable"),
}
#: How far along a phase is, to find "the furthest phase reached".
PHASE_RANK = {code: rank for rank, code in enumerate(PHASES) if code != "na"}

DESIGN = {
    "randomized": _("randomised"),
    "non-randomized": _("not randomised"),
    "placebo-controlled": _("placebo-controlled"),
    "active-controlled": _("compared with another treatment"),
    "externally-controlled": _("compared with outside data"),
    "uncontrolled": _("no comparison group"),
    "double-blind": _("double-blind"),
    "single-blind": _("single-blind"),
    "open-label": _("open-label"),
    "parallel": _("parallel groups"),
    "crossover": _("crossover"),
    "single-group": _("single group"),
    "platform": _("platform trial"),
    "dose-escalation": _("dose escalation"),
    "open-label-extension": _("open-label extension"),
}
#: Pairs of design tags that cannot both be true of one trial.
DESIGN_CONFLICTS = (
    ("randomized", "non-randomized"),
    ("open-label", "double-blind"),
    ("open-label", "single-blind"),
    ("double-blind", "single-blind"),
)

STATUS = {
    "not-yet-recruiting": _("Not yet recruiting"),
    "recruiting": _("Recruiting"),
    "enrolling-by-invitation": _("Enrolling by invitation"),
    "active-not-recruiting": _("Active, not recruiting"),
    "completed": _("Completed"),
    "suspended": _("Suspended"),
    "terminated": _("Terminated"),
    "withdrawn": _("Withdrawn"),
    "unknown": _("Status unknown"),
    "available": _("Available (expanded access)"),
    "no-longer-available": _("No longer available (expanded access)"),
}
#: The groups accepted by the ``:status:`` option of ``trial-overview``.
STATUS_GROUPS = {
    "open": (
        "not-yet-recruiting",
        "recruiting",
        "enrolling-by-invitation",
        "available",
    ),
    "ongoing": (
        "not-yet-recruiting",
        "recruiting",
        "enrolling-by-invitation",
        "active-not-recruiting",
        "available",
    ),
    "closed": (
        "completed",
        "suspended",
        "terminated",
        "withdrawn",
        "unknown",
        "no-longer-available",
    ),
}
STOPPED = ("suspended", "terminated", "withdrawn")

PARTICIPANTS = {
    "actual": _("{count} people took part"),
    "planned": _("{count} people planned"),
}

OUTCOME = {
    "met": _("Main goal met"),
    "not-met": _("Main goal not met"),
    "mixed": _("Mixed results"),
    "not-reported": _("Results not reported"),
    "pending": _("Results not yet available"),
}

SOURCE_KIND = {
    "registry": _("Trial registry"),
    "publication": _("Publication"),
    "regulator": _("Regulator"),
    "sponsor": _("Sponsor"),
    "press": _("Press"),
    "conference": _("Conference"),
    "review": _("Review"),
}

# What a cited document is (a source's ``note``), shown after its title: alone,
# or with the document's date (``date``) formatted for the reader's language.
SOURCE_NOTE = {
    "copy": _("copy"),
    "summary": _("summary"),
    "press-release": _("press release"),
    "company-statement": _("company statement"),
    "filing-summary": _("summary of a company filing"),
    "updated": _("updated"),
    "conference-abstract": _("conference abstract"),
    "news-report": _("news report"),
    "archived": _("archived copy"),
}
SOURCE_NOTE_DATED = {
    "copy": _("copy, {date}"),
    "summary": _("summary, {date}"),
    "press-release": _("press release, {date}"),
    "company-statement": _("company statement, {date}"),
    "filing-summary": _("summary of a company filing, {date}"),
    "updated": _("updated {date}"),
    "conference-abstract": _("conference abstract, {date}"),
    "news-report": _("news report, {date}"),
    "archived": _("archived copy, {date}"),
}

MODALITY = {
    "small-molecule": _("Small-molecule drug"),
    "antisense-oligonucleotide": _("Antisense oligonucleotide"),
    "gene-therapy": _("Gene therapy"),
    "cell-therapy": _("Cell therapy"),
    "antibody": _("Antibody"),
    "protein": _("Protein"),
    "vitamin": _("Vitamin"),
    "combination": _("Combination of drugs"),
    "other": _("Other"),
}

ROUTE = {
    "oral": _("by mouth"),
    "intravenous": _("into a vein (intravenous)"),
    "intrathecal": _("into the spinal fluid (intrathecal)"),
    "subcutaneous": _("under the skin (subcutaneous)"),
    "intramuscular": _("into a muscle (intramuscular)"),
    "other": _("other"),
}

STAGE = {
    "approved": _("Approved"),
    "in-development": _("In development"),
    "discontinued": _("No longer in development"),
}

AGENCY = {
    "FDA": _("US Food and Drug Administration (FDA)"),
    "EMA": _("European Medicines Agency (EMA)"),
    "MHRA": _("UK Medicines and Healthcare products Regulatory Agency (MHRA)"),
    "Health Canada": _("Health Canada"),
    "PMDA": _("Japan's Pharmaceuticals and Medical Devices Agency (PMDA)"),
    # Japan's PMDA reviews a medicine; the ministry (MHLW) grants the approval.
    "MHLW": _("Japan's Ministry of Health, Labour and Welfare (MHLW)"),
    "TGA": _("Australia's Therapeutic Goods Administration (TGA)"),
    "MFDS": _("Korea's Ministry of Food and Drug Safety (MFDS)"),
    "NMPA": _("China's National Medical Products Administration (NMPA)"),
    "Swissmedic": _("Swissmedic"),
    "ANMAT": _("Argentina's ANMAT"),
    "other": _("Other regulator"),
}

#: Where each agency's approval applies (the "Approved?" row of a fact box).
REGION = {
    "FDA": _("United States"),
    "EMA": _("European Union"),
    "MHRA": _("United Kingdom"),
    "Health Canada": _("Canada"),
    "PMDA": _("Japan"),
    "MHLW": _("Japan"),
    "TGA": _("Australia"),
    "MFDS": _("South Korea"),
    "NMPA": _("China"),
    "Swissmedic": _("Switzerland"),
    "ANMAT": _("Argentina"),
    "other": _("another country"),
}

APPROVAL_KIND = {
    "full": _("full approval"),
    "conditional": _("conditional approval"),
    "accelerated": _("accelerated approval"),
    # EU "marketing authorisation under exceptional circumstances": granted when
    # full data cannot be collected, e.g. for a very rare disease (tofersen, 2024).
    "exceptional": _("approval under exceptional circumstances"),
}

#: The kinds of dated event in a ``history:`` list (the timeline, the feeds).
EVENT_KIND = {
    "designation": _("Designation"),
    # Entered in a public trial registry: a dated, checkable fact even when the
    # start of enrolment is not (RAPA-501, NCT04220190).
    "registration": _("Trial registered"),
    "trial-start": _("Trial started"),
    "trial-end": _("Trial ended"),
    "trial-stopped": _("Trial stopped early"),
    "results": _("Results"),
    "opinion": _("Regulator's opinion"),
    "filing": _("Application filed"),
    "approval": _("Approval"),
    "refusal": _("Refusal"),
    "withdrawal": _("Withdrawal"),
    "stage-change": _("Stage changed"),
    # An editor corrected a reader-visible fact on this site (CONTRIBUTING.md).
    "correction": _("Correction to this page"),
}


def label(vocabulary: dict[str, str], code: str) -> str:
    """Return the translated reader-facing label of *code* (the code if unknown)."""
    value = vocabulary.get(code)
    return str(value) if value is not None else code
