"""A refused directive option is a ``trial-facts.option`` warning at its line.

``warnings_.py`` documents the subtype; a value an option does not allow (a
phase, status, stage or sort key not in the vocabulary, an empty drug list)
must be reported with it, naming the option, the value and what is allowed,
so that ``suppress_warnings`` can name it like every other warning of the
extension (docutils' own "invalid option value" error cannot be named).
"""

from __future__ import annotations

import io
import re
import shutil

import pytest
from sphinx.application import Sphinx
from sphinx.testing.util import _clean_up_global_state

_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def _build(tmp_path, rootdir, options: str, **overrides) -> tuple[str, str]:
    src = tmp_path / "src"
    shutil.copytree(rootdir / "test-basic", src)
    (src / "overview.md").write_text(
        f"# All trials\n\n```{{trial-overview}}\n{options}\n```\n", encoding="utf-8"
    )
    warnings = io.StringIO()
    app = Sphinx(
        srcdir=src,
        confdir=src,
        outdir=tmp_path / "html",
        doctreedir=tmp_path / "doctrees",
        buildername="html",
        confoverrides=overrides,
        status=io.StringIO(),
        warning=warnings,
    )
    try:
        app.build()
    finally:
        _clean_up_global_state()
    html = (tmp_path / "html/overview.html").read_text(encoding="utf-8")
    return _COLOUR.sub("", warnings.getvalue()), html


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (":phase: 9", "phase: 9 is not allowed; allowed values: "),
        (":status: open, paused", "status: paused is not allowed; allowed values: "),
        (":sort: colour", "sort: 'colour' is not allowed; allowed values: "),
        (":drugs: ,", "drugs: give one or more drug ids"),
    ],
)
def test_a_refused_option_value_is_named_at_its_line(
    tmp_path, rootdir, options, message
):
    warnings, _html = _build(tmp_path, rootdir, options)
    lines = [line for line in warnings.splitlines() if "overview.md" in line]
    assert len(lines) == 1, warnings
    assert re.search(r"overview\.md:3: WARNING: trial-overview: ", lines[0])
    assert message in lines[0]
    assert lines[0].endswith("[trial-facts.option]")
    assert "invalid option value" not in warnings


def test_the_option_subtype_can_be_suppressed(tmp_path, rootdir):
    warnings, html = _build(
        tmp_path, rootdir, ":phase: 9", suppress_warnings=["trial-facts.option"]
    )
    assert "overview.md" not in warnings
    assert "<table" not in html  # the refused table is left out
