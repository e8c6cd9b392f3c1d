"""Cross-references to drugs and trials: the ``{drug}`` and ``{trial}`` roles.

    Tofersen is approved ({drug}`tofersen`); see {trial}`tofersen-valor`.
    Other link text: {drug}`the SOD1 drug <tofersen>`.

The roles make ``pending_xref`` nodes in the ``kb`` domain; the domain resolves
them once every page has been read, with the drug's name or the trial's
(translated) title as link text.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.roles import XRefRole

DOMAIN = "kb"


def pending(
    kind: str, target: str, docname: str, text: str | None = None
) -> addnodes.pending_xref:
    """A reference made by the extension itself (e.g. the drugs of a trial)."""
    ref = addnodes.pending_xref(
        "",
        refdomain=DOMAIN,
        reftype=kind,
        reftarget=target,
        refexplicit=text is not None,
        refdoc=docname,
        refwarn=True,
    )
    ref += nodes.inline(text or target, text or target, classes=["xref", f"kb-{kind}"])
    return ref


def resolve_late(app, ref: addnodes.pending_xref, docname: str) -> None:
    """Resolve a reference made after Sphinx resolved the page (``doctree-resolved``)."""
    domain = app.env.get_domain(DOMAIN)
    contnode = ref.children[0]
    new = domain.resolve_xref(
        app.env, docname, app.builder, ref["reftype"], ref["reftarget"], ref, contnode
    )
    ref.replace_self(new if new is not None else contnode)


def drug_links(drug_ids: list[str], docname: str) -> nodes.paragraph:
    """A paragraph of links to drugs, separated by commas (names filled on resolve)."""
    para = nodes.paragraph(translatable=False)
    for index, drug in enumerate(drug_ids):
        if index:
            para += nodes.Text(", ")
        para += pending("drug", drug, docname)
    return para


class _AliasRole(XRefRole):
    """``{trial}`` and ``{drug}`` without the domain prefix."""

    def __init__(self, kind: str) -> None:
        super().__init__(innernodeclass=nodes.inline)
        self._kind = kind

    def run(self):
        self.name = f"{DOMAIN}:{self._kind}"
        self.refdomain, self.reftype = DOMAIN, self._kind
        self.classes = ["xref", DOMAIN, f"{DOMAIN}-{self._kind}"]
        return self.create_xref_node()


def setup_roles(app) -> None:
    app.add_role("trial", _AliasRole("trial"))
    app.add_role("drug", _AliasRole("drug"))
