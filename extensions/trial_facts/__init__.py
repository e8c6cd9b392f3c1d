"""trial-facts: validated drug and trial records for the ALS/MND knowledge base.

Add it to ``conf.py`` (with ``extensions/`` on ``sys.path``)::

    extensions = ["myst_parser", "trial_facts"]

Then write trial records in ``docs/_data/trials/<id>.yaml``, declare drugs with
``drug-facts`` on their pages, show trials with ``trial-facts``, gather them with
``trial-overview`` and ``drug-pipeline``, and link with ``{drug}`` / ``{trial}``.
CONTRIBUTING.md has an example of each.

One module per concern: :mod:`records` (YAML + JSON Schema), :mod:`domain`
(state), :mod:`loading` (per-build loading and checks), :mod:`directives`,
:mod:`overview`, :mod:`drug_summary`, :mod:`export`, :mod:`html_output`, :mod:`i18n`,
:mod:`history` (timelines), :mod:`recent` ("Recent changes"), :mod:`feeds` (Atom),
:mod:`approvals` (approvals drawn from the record, prose checked against it),
:mod:`finder` ("Could this trial be open to me?"), :mod:`compare` (trials side by side),
:mod:`handout` (a one-page handout per drug), :mod:`handout_facts` (what a handout
says), :mod:`handout_book` (``drug-handouts``: their list, and the book's appendix).

Its names, one per layer, as Sphinx's own extensions do: ``trial_facts`` is the
Python package (the name in ``extensions``); ``trial-facts`` is what readers,
writers and translators see (the warning type ``trial-facts.<subtype>`` that
``suppress_warnings`` takes, the catalog ``trial-facts.po``, the stylesheet and
the ``trial-facts`` directive); ``kb`` is the project's prefix, shared by every
extension here: the domain ``kb`` and the settings ``kb_*`` (this one reads
``kb_trial_data_dir``, the records' folder, ``_data/trials`` by default).
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .approvals import setup_approvals
from .compare import setup_compare
from .directives import setup_directives
from .domain import TrialFactsDomain
from .drug_summary import setup_drug_summary
from .export import setup_export
from .feeds import setup_feeds
from .handout import setup_handout
from .handout_book import setup_handout_book
from .history import setup_history
from .html_output import setup_html
from .i18n import setup_i18n
from .loading import setup_loading
from .overview import setup_overview
from .recent import setup_recent
from .xrefs import setup_roles

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, object]:
    # The review intervals, declared once (review_dates.schedule) and shared
    # with the review_dates extension: the fact box and the overviews use them.
    app.setup_extension("review_dates.schedule")
    app.add_domain(TrialFactsDomain)
    setup_i18n(app)
    setup_loading(app)
    setup_directives(app)
    setup_roles(app)
    setup_overview(app)
    setup_drug_summary(app)
    setup_html(app)
    setup_export(app)
    setup_history(app)
    setup_approvals(app)
    setup_recent(app)
    setup_feeds(app)
    setup_compare(app)
    setup_handout(app)
    setup_handout_book(app)
    return {
        "version": __version__,
        "env_version": TrialFactsDomain.data_version,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
