"""The directives volunteers write on pages.

````markdown
```{drug-facts}
id: tofersen
name: Tofersen
...
```

```{trial-facts} tofersen-valor
```

```{trial-overview}
:drug-stage: approved, in-development
:status: ongoing
:sort: -start
```

```{drug-pipeline}
```
````

Each directive only builds its nodes and records plain data in the ``kb`` domain;
the overviews are placeholders filled once every page is read.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from . import vocab
from .drug_table import drug_table
from .history import history_lines
from .loading import data_dir, display_path
from .overview import SORT_KEYS, overview_placeholder
from .records import Record, check_drug
from .tables import caption
from .trial_table import trial_table
from .warnings_ import warn, warn_problem
from .xrefs import DOMAIN


class DrugFacts(SphinxDirective):
    """Declare a drug (YAML body) and show its fact box."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        source, _first_line = self.get_source_info()
        offset = self.lineno  # the fence line; the YAML body starts on the next line
        record = check_drug(
            "\n".join(self.content), display_path(self.env.app, Path(source)), offset
        )
        if record.problems:
            for problem in record.problems:
                warn_problem(problem)
            return []
        domain = self.env.get_domain(DOMAIN)
        if not domain.note_drug(
            record.data["id"], self.env.docname, self.lineno, record.data
        ):
            return []
        # Where its history's texts sit, for the timeline (drug-history).
        domain.drugs[record.data["id"]]["history_at"] = history_lines(record)
        table = drug_table(
            record,
            source,
            self.config.language,
            months=self.config.kb_review_interval_months,
        )
        if self.env.docname.rsplit("/", 1)[-1] == record.data["id"]:
            # On the drug's own page its title names it already: on a phone the
            # caption is left to screen readers (trial-facts.css).
            table["classes"].append("kb-own-page")
        self.set_source_info(table)
        return [table]


class TrialFacts(SphinxDirective):
    """Show one trial's fact table: ```{trial-facts} <id>``."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        trial_id = self.arguments[0].strip()
        path = data_dir(self.env.app) / f"{trial_id}.yaml"
        # A dependency even when missing: the page is read again once the file exists.
        self.env.note_dependency(str(path.resolve()))
        domain = self.env.get_domain(DOMAIN)
        entry = domain.trials.get(trial_id)
        if entry is None:
            if path.is_file():
                reason = "its record has errors (reported above)"
            else:
                known = ", ".join(sorted(domain.trials)[:12])
                reason = f"there is no file {display_path(self.env.app, path)}; known trials: {known}"
            warn(f"trial-facts {trial_id!r}: {reason}", self.get_location(), "unknown")
            domain.data["wanted"].setdefault(self.env.docname, []).append(trial_id)
            return []
        if not domain.note_shown(trial_id, self.env.docname, self.lineno):
            return []
        record = Record(entry["path"], entry["data"], entry["lines"])
        table = trial_table(
            record, entry["abspath"], self.env.docname, self.config.language
        )
        table.line = self.lineno
        if trial_id in domain.data.get("due", {}):
            # For review_dates: the page awaits a re-check once this date passes.
            table["kb-review-due"] = domain.data["due"][trial_id]
            table["kb-review-file"] = f"{entry['path']}:{record.line('last_verified')}"
        return [table]


def _codes(allowed: dict[str, object] | tuple[str, ...], name: str, extra=()):
    """An option converter accepting a comma-separated list of *allowed* codes."""
    valid = [*allowed, *extra]

    def convert(argument: str | None) -> list[str]:
        values = [v.strip() for v in (argument or "").split(",") if v.strip()]
        wrong = [v for v in values if v not in valid]
        if not values or wrong:
            raise ValueError(
                f"{name}: {', '.join(wrong) or 'nothing'} is not allowed; "
                f"allowed values: {', '.join(valid)}"
            )
        return values

    return convert


def _ids(argument: str | None) -> list[str]:
    values = [v.strip() for v in (argument or "").split(",") if v.strip()]
    if not values:
        raise ValueError("drugs: give one or more drug ids, separated by commas")
    return values


def _sort(argument: str | None) -> str:
    value = (argument or "").strip()
    if value.lstrip("-") not in SORT_KEYS:
        allowed = ", ".join(f"{k}, -{k}" for k in SORT_KEYS)
        raise ValueError(f"sort: {value!r} is not allowed; allowed values: {allowed}")
    return value


class _Refused(str):
    """An option value a converter refused: the reason, warned about by ``run``."""


def _reported(convert):
    """*convert*, with a refused value handed to ``run`` instead of raised.

    docutils would report a raised ``ValueError`` as its own error, which
    ``suppress_warnings`` cannot name; ``run`` warns ``trial-facts.option``
    at the directive's line instead.
    """

    def checked(argument: str | None):
        try:
            return convert(argument)
        except ValueError as error:
            return _Refused(str(error))

    return checked


class TrialOverview(SphinxDirective):
    """All trials across the knowledge base in one table, filtered and sorted."""

    has_content = False
    option_spec = {  # noqa: RUF012 (docutils API)
        "drug-stage": _reported(_codes(vocab.STAGE, "drug-stage")),
        "status": _reported(
            _codes(vocab.STATUS, "status", extra=tuple(vocab.STATUS_GROUPS))
        ),
        "phase": _reported(_codes(vocab.PHASES, "phase")),
        "drugs": _reported(_ids),
        "sort": _reported(_sort),
        "caption": directives.unchanged,
        # Adds the columns age, time since ALS began, genes and countries.
        "eligibility": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        refused = [v for v in self.options.values() if isinstance(v, _Refused)]
        for reason in refused:
            warn(f"trial-overview: {reason}", self.get_location(), "option")
        if refused:
            return []
        self.env.get_domain(DOMAIN).note_overview(self.env.docname)
        options = dict(self.options)
        node = overview_placeholder(kind="trials", options=options)
        self.set_source_info(node)
        if options.get("caption"):
            # Option values never reach the catalogs (sphinx-doc/sphinx#8857): the
            # caption becomes a located title node, extracted and translated with
            # the page, and read back when the table is drawn.
            source, line = self.get_source_info()
            node += caption(
                options.pop("caption"), source=source, line=line, field="caption"
            )
        return [node]


class DrugPipeline(SphinxDirective):
    """Every drug, grouped by stage, with its furthest phase and latest trial."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        self.env.get_domain(DOMAIN).note_overview(self.env.docname)
        node = overview_placeholder(kind="pipeline", options={})
        self.set_source_info(node)
        return [node]


def setup_directives(app) -> None:
    app.add_directive("drug-facts", DrugFacts)
    app.add_directive("trial-facts", TrialFacts)
    app.add_directive("trial-overview", TrialOverview)
    app.add_directive("drug-pipeline", DrugPipeline)
