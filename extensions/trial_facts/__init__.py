"""Temporary stand-in while the trial-facts extension is written (issue 3)."""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective


class _Stub(SphinxDirective):
    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = {
        "drug-stage": str,
        "status": str,
        "phase": str,
        "drugs": str,
        "sort": str,
    }

    def run(self):
        return []


def _role(name, rawtext, text, lineno, inliner, options=None, content=None):
    return [nodes.Text(text)], []


def setup(app):
    for name in ("drug-facts", "trial-facts", "trial-overview", "drug-pipeline"):
        app.add_directive(name, _Stub)
    app.add_role("trial", _role)
    app.add_role("drug", _role)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
