"""Every warning the extension emits, with a type and subtype users can silence.

Each subtype can be silenced in ``conf.py`` with
``suppress_warnings = ["trial-facts.<subtype>"]`` (never done in this project's
own builds, which are strict):

``schema``      a record breaks a rule of its JSON Schema (type, enum, format, ...)
``rule``        a rule that spans fields (design tags that contradict, end before start, ...)
``yaml``        a record is not valid YAML
``unknown``     a directive, role or record names a drug or trial id that does not exist
``duplicate``   the same drug, trial or registry ID is declared twice
``unshown``     a trial record that no page shows with ``trial-facts``
``option``      a directive option has a value that is not allowed
``prose``       a drug page's text credits an approval to an agency its record lacks
``writer``      the HTML writer no longer writes a cell the way the extension expects
"""

from __future__ import annotations

from sphinx.util import logging

TYPE = "trial-facts"
SUBTYPES = (
    "schema",
    "handout",
    "rule",
    "yaml",
    "unknown",
    "duplicate",
    "unshown",
    "option",
    "writer",
    "prose",
)
_logger = logging.getLogger("trial_facts")


def warn(message: str, location: object, subtype: str) -> None:
    """Emit a located warning, e.g. ``warn("...", "docs/x.yaml:3", "schema")``.

    Sphinx appends ``[trial-facts.<subtype>]`` to the message itself.
    """
    assert subtype in SUBTYPES, subtype
    _logger.warning(message, location=location, type=TYPE, subtype=subtype)


def warn_problem(problem) -> None:
    """Emit a :class:`~trial_facts.records.Problem` at its file and line."""
    warn(str(problem), f"{problem.path}:{problem.line}", problem.kind)
