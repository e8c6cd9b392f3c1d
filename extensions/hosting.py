"""Hosted on Read the Docs: one project per edition, read from the environment.

Read the Docs hosts a translated site as one project per language, linked as
translations of the English project; every project builds this repository
with ``.readthedocs.yaml``. A build there learns which edition it is and where
it will be served from the environment Read the Docs sets, and conf.py reads
it through :func:`hosted`::

    >>> site = hosted({"READTHEDOCS": "True", "READTHEDOCS_LANGUAGE": "es",
    ...     "READTHEDOCS_CANONICAL_URL": "https://kb.readthedocs.io/es/latest/"},
    ...     ["en", "es", "fr", "ja"])
    >>> site.language, site.base_url
    ('es', 'https://kb.readthedocs.io/es/latest/')
    >>> site.edition_urls["fr"]
    'https://kb.readthedocs.io/fr/latest/'

The language switcher then links to the same page in each edition's project,
and the landing page to each edition (``kb_edition_urls``). The address of each
edition is taken from ``KB_EDITION_URLS`` when it is set
(``en=https://...,es=https://...``), or else from the canonical address, in
which Read the Docs puts the language code (``/<lang>/<version>/``).

Without these variables (``make html``, the tests) nothing changes: the
language comes from ``-D language=``, the switcher's links stay relative.
A value that cannot be used fails the strict build with a warning that names
the variable, the value and what is allowed (:class:`HostingError`; conf.py
hands it to this module, loaded as an extension, as ``kb_hosting_problem``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from editions.known import EDITIONS

_logger = logging.getLogger("hosting")

# Read the Docs language codes (the project's "Language" setting, as
# READTHEDOCS_LANGUAGE gives it: "en", "es", "pt_BR" or "pt-br") -> editions,
# for every edition of extensions/editions/known.py. Read the Docs writes the
# code in the address in lower case with a hyphen: /pt-br/latest/.
RTD_LANGUAGES = {code.lower(): code for code in EDITIONS}
_URL = re.compile(r"https://[A-Za-z0-9.-]+(:\d+)?(/[A-Za-z0-9._~%/-]*)?")


class HostingError(ValueError):
    """A hosting variable that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Hosted:
    """What the environment says: all empty for a local build."""

    language: str | None = None
    base_url: str = ""
    edition_urls: dict[str, str] = field(default_factory=dict)


def _slug(code: str) -> str:
    """Read the Docs' form of an edition code in an address: pt_BR -> pt-br."""
    return code.lower().replace("_", "-")


def _language(value: str, editions: Iterable[str]) -> str:
    code = value.strip().lower().replace("-", "_")
    edition = RTD_LANGUAGES.get(code)
    if edition is None or edition not in editions:
        allowed = ", ".join(c for c in RTD_LANGUAGES if RTD_LANGUAGES[c] in editions)
        raise HostingError(
            f"READTHEDOCS_LANGUAGE {value!r} is not an edition of this site; set"
            f" the Read the Docs project's language to one of: {allowed}"
        )
    return edition


def _url(name: str, value: str) -> str:
    value = value.strip()
    if not _URL.fullmatch(value):
        raise HostingError(
            f"{name} {value!r} is not an https:// address of a site (letters,"
            " digits and . _ ~ % / - in its path); for example"
            " https://kb.readthedocs.io/en/latest/"
        )
    return value if value.endswith("/") else value + "/"


def _listed(value: str, editions: Iterable[str]) -> dict[str, str]:
    urls = {}
    for item in filter(None, (part.strip() for part in value.split(","))):
        code, sep, url = item.partition("=")
        code = code.strip()
        if not sep or code not in editions:
            raise HostingError(
                f"KB_EDITION_URLS item {item!r} is not '<edition>=<address>' with an"
                f" edition of {', '.join(editions)}; for example"
                " 'es=https://kb.readthedocs.io/es/latest/'"
            )
        urls[code] = _url(f"KB_EDITION_URLS ({code})", url)
    return urls


def hosted(environ: Mapping[str, str], editions: Iterable[str]) -> Hosted:
    """Read the hosting variables of *environ* for a site of *editions*."""
    editions = list(editions)
    on_rtd = bool(environ.get("READTHEDOCS"))
    language = None
    if on_rtd and environ.get("READTHEDOCS_LANGUAGE"):
        language = _language(environ["READTHEDOCS_LANGUAGE"], editions)
    base = environ.get("READTHEDOCS_CANONICAL_URL", "") if on_rtd else ""
    base = _url("READTHEDOCS_CANONICAL_URL", base) if base else ""
    if environ.get("KB_EDITION_URLS"):
        urls = _listed(environ["KB_EDITION_URLS"], editions)
    elif base and language and f"/{_slug(language)}/" in base:
        # https://kb.readthedocs.io/es/latest/ -> .../fr/latest/ for French.
        head, _, tail = base.rpartition(f"/{_slug(language)}/")
        urls = {code: f"{head}/{_slug(code)}/{tail}" for code in editions}
    else:
        urls = {}
    return Hosted(language, base, urls)


def _report(app: Sphinx, config: Config) -> None:
    if config.kb_hosting_problem:
        _logger.warning(
            f"{config.kb_hosting_problem} (the build goes on as a local one, and fails)",
            type="hosting",
            subtype="environment",
        )


def setup(app: Sphinx) -> dict[str, object]:
    app.add_config_value("kb_hosting_problem", "", "env", types=[str])
    app.connect("config-inited", _report)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
