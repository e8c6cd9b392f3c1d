"""The ``kb`` domain: where the extension keeps its state, as plain data.

Nothing here holds docutils nodes, so the environment stays small and pickles
fast. Per-document entries are dropped by :meth:`clear_doc` and merged back from
parallel readers by :meth:`merge_domaindata`::

    domain = env.domains["kb"]          # or env.get_domain("kb")
    domain.drugs["tofersen"]["docname"]  # 'drugs/approved/tofersen'
    domain.shown["tofersen-valor"]["texts"]["title"]   # translated title

Trial records themselves are not per-document: they are read from their YAML
files at the start of every build (see :mod:`trial_facts.loading`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain, ObjType
from sphinx.util.nodes import make_refnode

from .drug_table import anchor as drug_anchor
from .i18n import _
from .trial_table import anchor as trial_anchor
from .warnings_ import warn
from .xrefs import DOMAIN


class TrialFactsDomain(Domain):
    """Drugs declared on pages, trials shown on pages, and the pages with overviews."""

    name = DOMAIN
    label = "ALS/MND knowledge base"
    object_types = {  # noqa: RUF012 (Sphinx's API)
        "drug": ObjType(_("drug"), "drug"),
        "trial": ObjType(_("trial"), "trial"),
    }
    initial_data = {  # noqa: RUF012
        "trials": {},  # id -> {"data", "path", "abspath", "lines"}; reloaded each build
        "fingerprint": {},  # id -> (mtime, size) of its file, to notice changes
        "drugs": {},  # id -> {"docname", "lineno", "data", "texts"}
        "shown": {},  # trial id -> {"docname", "lineno", "texts"}
        "overviews": {},  # docname -> number of overview/pipeline directives
        "wanted": {},  # docname -> trial ids it shows that were missing or broken
        "referrers": {},  # docname -> [[kind, id], ...] it links to with {drug}/{trial}
        "dirty": False,  # something changed: rewrite the overview pages
        "changed": [],  # [kind, id] whose data or page changed in this build; ["*"] = all
        "read": [],  # the pages read in this build
        "declared": {},  # docname -> [[store, id], ...]: its entries in drugs/shown
        "history_pages": {},  # docname -> drug ids of its drug-history timelines
        "events": {},  # docname -> the timeline's events, translated (history.py)
        "recent": {},  # docname -> 1 when it shows "Recent changes" (recent.py)
        "due": {},  # trial id -> its next review date, "YYYY-MM-DD"; each build
        "overdue": [],  # trial ids whose next review date is before the build date
    }
    data_version = 6

    @property
    def trials(self) -> dict[str, dict[str, Any]]:
        return self.data["trials"]

    @property
    def drugs(self) -> dict[str, dict[str, Any]]:
        return self.data["drugs"]

    @property
    def shown(self) -> dict[str, dict[str, Any]]:
        return self.data["shown"]

    @property
    def overviews(self) -> dict[str, int]:
        return self.data["overviews"]

    # -- recording, at read time ------------------------------------------------
    def note_drug(self, drug_id: str, docname: str, lineno: int, data: dict) -> bool:
        """Record a drug declaration; warn and return False if the id is taken."""
        existing = self.drugs.get(drug_id)
        if existing and (existing["docname"], existing["lineno"]) != (docname, lineno):
            warn(
                f"drug id {drug_id!r} is already declared in {existing['docname']} "
                f"(line {existing['lineno']}); each drug is declared once",
                (docname, lineno),
                "duplicate",
            )
            return False
        self.drugs[drug_id] = {
            "docname": docname,
            "lineno": lineno,
            "data": data,
            "texts": {},
        }
        self._declared(docname, "drugs", drug_id)
        return True

    def _declared(self, docname: str, store: str, key: str) -> None:
        """Index an entry by its page, so that clearing a page does not scan all."""
        self.data["declared"].setdefault(docname, []).append([store, key])

    def note_shown(self, trial_id: str, docname: str, lineno: int) -> bool:
        """Record that *docname* shows *trial_id*; warn if another page does."""
        existing = self.shown.get(trial_id)
        if existing and (existing["docname"], existing["lineno"]) != (docname, lineno):
            warn(
                f"trial {trial_id!r} is already shown in {existing['docname']} "
                f"(line {existing['lineno']}); show each trial's table on one page "
                "and link to it elsewhere with {trial}",
                (docname, lineno),
                "duplicate",
            )
            return False
        self.shown[trial_id] = {"docname": docname, "lineno": lineno, "texts": {}}
        self._declared(docname, "shown", trial_id)
        return True

    def note_overview(self, docname: str) -> None:
        self.overviews[docname] = self.overviews.get(docname, 0) + 1

    # -- after translation (priority 850, after the Locale transform) ------------
    def process_doc(self, env, docname: str, document: nodes.document) -> None:
        """Keep the translated texts of the tables on *docname* as plain strings."""
        targets = sorted(
            {
                (ref["reftype"], ref["reftarget"])
                for ref in document.findall(addnodes.pending_xref)
                if ref.get("refdomain") == DOMAIN
            }
        )
        if targets:
            self.data["referrers"][docname] = [list(t) for t in targets]
        for table in document.findall(nodes.table):
            key, store = None, None
            if "kb-trial" in table:
                key, store = table["kb-trial"], self.shown
            elif "kb-drug" in table:
                key, store = table["kb-drug"], self.drugs
            if key is None or key not in store or store[key]["docname"] != docname:
                continue
            texts = {
                node["kb-field"]: node.astext()
                for node in table.findall(nodes.Element)
                if node.get("kb-field")
            }
            store[key]["texts"] = texts

    # -- incremental and parallel builds -----------------------------------------
    def clear_doc(self, docname: str) -> None:
        for store, key in self.data["declared"].pop(docname, []):
            entry = self.data[store].get(key)
            if entry is not None and entry["docname"] == docname:
                del self.data[store][key]
        self.overviews.pop(docname, None)
        self.data["referrers"].pop(docname, None)
        self.data["wanted"].pop(docname, None)
        self.data["history_pages"].pop(docname, None)
        self.data["events"].pop(docname, None)
        self.data["recent"].pop(docname, None)

    def merge_domaindata(
        self, docnames: Iterable[str], otherdata: dict[str, Any]
    ) -> None:
        docnames = set(docnames)
        for name in ("drugs", "shown"):
            mine, other = self.data[name], otherdata[name]
            for key, entry in other.items():
                if entry["docname"] not in docnames:
                    continue
                if key in mine and mine[key]["docname"] != entry["docname"]:
                    kind = "drug id" if name == "drugs" else "trial"
                    warn(
                        f"{kind} {key!r} is already declared in {mine[key]['docname']} "
                        f"(line {mine[key]['lineno']}); declare it once",
                        (entry["docname"], entry["lineno"]),
                        "duplicate",
                    )
                    continue
                mine[key] = entry
                self._declared(entry["docname"], name, key)
        for name in (
            "overviews",
            "referrers",
            "wanted",
            "history_pages",
            "events",
            "recent",
        ):
            for docname, value in otherdata[name].items():
                if docname in docnames:
                    self.data[name][docname] = value

    def note_changed(self, kind: str, target: str) -> None:
        """Remember that the data behind ``{kind}`target``` links changed."""
        if [kind, target] not in self.data["changed"]:
            self.data["changed"].append([kind, target])

    def pages_to_rewrite(self) -> list[str]:
        """Pages whose output depends on data that changed: overviews and links.

        Overviews show every record, so they are rewritten on any change. Other
        pages only when a drug or trial they link to changed (its name or title
        comes from another page), or when a trial of a drug they declare changed
        (the fact box's "Open trials?"), so one edit does not rewrite the whole site.
        """
        changed = {tuple(c) for c in self.data["changed"]}
        everything = ("*",) in changed
        linking = {
            docname
            for docname, targets in self.data["referrers"].items()
            if everything or any(tuple(t) in changed for t in targets)
        }
        # A fact box says whether its drug has open trials ("Open trials?"):
        # the pages declaring a drug whose trials changed are written again.
        drugs = {
            target for kind, *rest in changed for target in rest if kind == "trials-of"
        }
        for kind, *rest in changed:
            if kind == "trial" and rest and rest[0] in self.trials:
                drugs.update(self.trials[rest[0]]["data"]["drugs"])
        summaries = {
            entry["docname"]
            for drug_id, entry in self.drugs.items()
            if everything or drug_id in drugs
        }
        return sorted({*self.overviews, *linking, *summaries})

    # -- cross-references ----------------------------------------------------------
    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        if typ == "drug":
            entry = self.drugs.get(target)
            if entry is None:
                return self._unresolved("drug", target, node, contnode)
            text = (
                contnode.astext() if node.get("refexplicit") else self.drug_name(target)
            )
            anchor = "" if _page_is_about(entry, target) else drug_anchor(target)
        elif typ == "trial":
            entry = self.shown.get(target)
            if entry is None:
                return self._unresolved("trial", target, node, contnode)
            text = (
                contnode.astext()
                if node.get("refexplicit")
                else self.trial_title(target)
            )
            anchor = trial_anchor(target)
        else:
            return None
        inner = nodes.inline(text, text, classes=contnode.get("classes", []))
        return make_refnode(builder, fromdocname, entry["docname"], anchor, inner, text)

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        results = []
        for typ in ("drug", "trial"):
            store = self.drugs if typ == "drug" else self.shown
            if target in store:
                ref = self.resolve_xref(
                    env, fromdocname, builder, typ, target, node, contnode
                )
                results.append((f"{DOMAIN}:{typ}", ref))
        return results

    def _unresolved(self, kind, target, node, contnode):
        known = sorted(self.drugs if kind == "drug" else self.shown)
        hint = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "")
        warn(
            f"unknown {kind} id {target!r} in a {{{kind}}} reference; known ids: {hint}",
            node,
            "unknown",
        )
        return nodes.inline(contnode.astext(), contnode.astext())

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        for drug_id, entry in self.drugs.items():
            yield (
                drug_id,
                entry["data"]["name"],
                "drug",
                entry["docname"],
                drug_anchor(drug_id),
                1,
            )
        for trial_id, entry in self.shown.items():
            if trial_id in self.trials:
                yield (
                    trial_id,
                    self.trial_title(trial_id),
                    "trial",
                    entry["docname"],
                    trial_anchor(trial_id),
                    1,
                )

    # -- data for overviews and exports ----------------------------------------------
    def trial_title(self, trial_id: str) -> str:
        """The trial's title in the language being built (translated when available)."""
        shown = self.shown.get(trial_id, {})
        title = (
            shown.get("texts", {}).get("title")
            or self.trials[trial_id]["data"]["title"]
        )
        acronym = self.trials[trial_id]["data"].get("acronym")
        if not acronym:
            return title
        return str(_("{acronym}: {title}")).format(acronym=acronym, title=title)

    def drug_name(self, drug_id: str) -> str:
        """The drug's name in the language being built (translated when available)."""
        entry = self.drugs[drug_id]
        return entry.get("texts", {}).get("name") or entry["data"]["name"]

    def trial_texts(self, trial_id: str) -> dict[str, str]:
        return self.shown.get(trial_id, {}).get("texts", {})


def _page_is_about(entry: dict, drug_id: str) -> bool:
    """Link to the top of a drug's own page, to its fact box on a topic page."""
    return entry["docname"].rsplit("/", 1)[-1] == drug_id
