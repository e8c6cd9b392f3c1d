"""The upstream bug that keeps the project on Sphinx 8 (``pyproject.toml``).

sphinx-doc/sphinx#14162 (open; fix proposed in #14357): Sphinx 9 warns
"inconsistent term references in translated message" when a translation
translates a glossary term it links to, as every edition here does
(``{term}`ELA``` for ``{term}`ALS```). Sphinx 9.0.4 gave 18 such warnings in
the Spanish edition, so a strict build fails. The smallest reproduction is
below, in reStructuredText so that it can go upstream as it is.

On Sphinx 8 it passes. On Sphinx 9 it is an expected failure, and strict: when
an upstream release fixes the bug, this test fails with XPASS, the sign to
raise the pin in ``pyproject.toml`` (and to check every edition on it).
"""

from __future__ import annotations

import io

import pytest
import sphinx
from sphinx.application import Sphinx
from sphinx.testing.util import _clean_up_global_state

_INDEX = """\
Index
=====

.. glossary::

   Phase 1
      A first trial.

A :term:`Phase 1` trial.
"""

_PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Phase 1"
msgstr "Fase 1"

msgid "A :term:`Phase 1` trial."
msgstr "Un ensayo de :term:`fase 1`."
"""


@pytest.mark.xfail(
    sphinx.version_info >= (9,),
    reason="sphinx-doc/sphinx#14162: false inconsistent term references",
    strict=True,
)
def test_a_translated_glossary_term_is_not_an_inconsistent_reference(tmp_path):
    (tmp_path / "conf.py").write_text('locale_dirs = ["locales"]\n', encoding="utf-8")
    (tmp_path / "index.rst").write_text(_INDEX, encoding="utf-8")
    catalog = tmp_path / "locales/es/LC_MESSAGES"
    catalog.mkdir(parents=True)
    (catalog / "index.po").write_text(_PO, encoding="utf-8")
    warnings = io.StringIO()
    app = Sphinx(
        srcdir=tmp_path,
        confdir=tmp_path,
        outdir=tmp_path / "html",
        doctreedir=tmp_path / "doctrees",
        buildername="html",
        confoverrides={"language": "es"},
        status=io.StringIO(),
        warning=warnings,
    )
    try:
        app.build()
    finally:
        _clean_up_global_state()
    html = (tmp_path / "html/index.html").read_text(encoding="utf-8")
    assert "Un ensayo de" in html and 'href="#term-Phase-1"' in html
    assert warnings.getvalue() == ""
