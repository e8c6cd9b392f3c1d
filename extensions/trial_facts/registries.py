"""Clinical-trial registries: the shape of their IDs and where an ID is looked up.

    >>> from trial_facts.registries import identify
    >>> identify("NCT02623699").url
    'https://clinicaltrials.gov/study/NCT02623699'
    >>> identify("NCT123") is None
    True

IDs whose registry has no stable public address per trial keep ``url=None`` and
are shown as plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class Registry:
    name: str
    pattern: re.Pattern[str]
    example: str
    url_template: str | None


@dataclass(frozen=True)
class RegistryId:
    registry: Registry
    id: str

    @property
    def number(self) -> str:
        """The ID without an optional registry prefix ("EudraCT 2019-..." -> "2019-...")."""
        match = self.registry.pattern.fullmatch(self.id)
        return match.group(1) if match and match.groups() else self.id

    @property
    def url(self) -> str | None:
        if self.registry.url_template is None:
            return None
        return self.registry.url_template.format(id=quote(self.number, safe=""))


REGISTRIES = (
    Registry(
        "ClinicalTrials.gov",
        re.compile(r"NCT\d{8}"),
        "NCT02623699",
        "https://clinicaltrials.gov/study/{id}",
    ),
    Registry(
        "EU Clinical Trials Register (EudraCT)",
        re.compile(r"(?:EudraCT )?(\d{4}-\d{6}-\d{2})"),
        "EudraCT 2019-001234-56",
        "https://www.clinicaltrialsregister.eu/ctr-search/search?query={id}",
    ),
    Registry(
        "EU Clinical Trials Information System (EU CT)",
        re.compile(r"(?:EU CT )?(\d{4}-\d{6}-\d{2}-\d{2})"),
        "EU CT 2023-501234-12-00",
        "https://euclinicaltrials.eu/search-for-clinical-trials/?lang=en&EUCT={id}",
    ),
    Registry(
        "ISRCTN",
        re.compile(r"ISRCTN\d{8}"),
        "ISRCTN12345678",
        "https://www.isrctn.com/{id}",
    ),
    Registry(
        "Australian New Zealand Clinical Trials Registry (ANZCTR)",
        re.compile(r"ACTRN\d{14}"),
        "ACTRN12620000123456",
        None,
    ),
    Registry(
        "Japan Registry of Clinical Trials (jRCT)",
        re.compile(r"jRCT(?:\d{10}|[a-z]\d{9})"),
        "jRCT2031210068",
        "https://jrct.niph.go.jp/en-latest-detail/{id}",
    ),
    Registry(
        "UMIN Clinical Trials Registry",
        re.compile(r"UMIN\d{9}"),
        "UMIN000012345",
        None,
    ),
    Registry(
        "Clinical Trials Registry - India (CTRI)",
        re.compile(r"CTRI/\d{4}/\d{2,3}/\d{6}"),
        "CTRI/2020/01/022746",
        None,
    ),
)


def identify(value: str) -> RegistryId | None:
    """Return the registry that *value* belongs to, or ``None`` if none matches."""
    for registry in REGISTRIES:
        if registry.pattern.fullmatch(value):
            return RegistryId(registry, value)
    return None


def formats_help() -> str:
    """One line listing the accepted ID formats, for error messages."""
    return "; ".join(f"{r.name} e.g. {r.example}" for r in REGISTRIES)
