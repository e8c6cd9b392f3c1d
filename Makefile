# ALS/MND knowledge base: the single entry point for people and CI.
#
# Targets:
#   make html     build every edition into _build/html/<lang>/ (English at
#                 _build/html/en/); a failed build leaves the last good site in
#                 place. `make html LANGS=es` builds only the Spanish edition.
#   make pdf      build one book per edition: _build/pdf/<lang>/
#                 als-mnd-knowledge-base-<lang>.pdf (needs the Debian packages
#                 of `make system-packages`); `make pdf LANGS=fr` for one
#   make gettext  extract every message into _build/gettext/*.pot
#   make update-po  update locales/<lang>/LC_MESSAGES/*.po from the .pot files,
#                 keeping every translation (changed ones become fuzzy), each
#                 catalog replaced atomically
#   make po-check check every .po: syntax, charset, MyST markup, no HTML,
#                 codes and numbers kept
#   make po-stats print how much of each edition is translated, reviewed by a
#                 medical translator and outdated, page by page
#   make po-review LANG=es PAGE=care/index NAME="Ana García" [DATE=2026-12-01]
#                 record that a fluent reader with medical knowledge reviewed
#                 that page's translation (the X-Medical-Review header field)
#   make po-unreviewed  mark every catalog of LANGS as not medically reviewed
#   make review-due  list the pages and records overdue for review or due within
#                 DAYS days (30), oldest first, with the sources to re-check
#                 (`make review-due DAYS=90`); a report: it never fails
#   make test     run the whole test suite: lint, catalogs, strict builds of every
#                 edition, the extensions, the PDF books and the browser tests
#   make lint     every pre-commit hook on every file (.pre-commit-config.yaml):
#                 ruff, the trial records against their JSON Schema, the issue
#                 forms, .readthedocs.yaml, actionlint and zizmor on the CI
#                 workflow, po-check, whitespace and end-of-file fixers
#   make pre-commit-install  run the same hooks on each `git commit` (optional)
#   make format   apply ruff's formatting and safe fixes
#   make bench    measure the trial-facts extension against hand-written tables
#   make bench-scale  build speed at N = 100, 500 and 2,000 pages against
#                 alabaster, with edits, memory and editions (bench/README.md)
#   make bench-reader  what a reader downloads and waits for on a 400 kbit/s,
#                 400 ms line: first visits and a second page, per edition
#                 (builds the site first; bench/README.md)
#   make new-drug ID=<id> STAGE=<stage>  start a drug page in
#                 docs/drugs/<stage>/<id>.md (stage: approved, in-development,
#                 discontinued); the build names each field still to fill in
#   make new-trial ID=<drug-id>-<name> DRUG=<drug-id>  start a trial record in
#                 docs/_data/trials/ and show it on its drug's page
#   make new-page SECTION=<section> NAME=<name>  start a page in docs/<section>/
#                 and list it in the section's table of contents
#   make live     for writers: build one edition (`make live LANGS=es`; English
#                 by default) into _build/live/, serve it on
#                 http://127.0.0.1:8000 and rebuild and reload the page in the
#                 browser on every save (sphinx-autobuild)
#   make serve    serve _build/html on http://127.0.0.1:8000 (this machine only)
#   make clean    remove _build/ (keeps .venv/)
#   make distclean  remove _build/ and .venv/
#   make system-packages  install the Debian packages listed in
#                 .ci/debian-packages.txt (run with sudo, or as root)
#   make help     list these targets
#
# The first target run creates .venv/ with `python3 -m venv` and installs the
# project with its test tools (`pip install -e .[test]`).

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
STAMP       := $(VENV)/.installed
SPHINXOPTS  ?= -W --keep-going -n
BUILDDIR    := _build
PORT        ?= 8000
# Every edition, English first. Translations live in locales/<lang>/.
EDITIONS    := en es fr ja ar pt_BR
TRANSLATED  := $(filter-out en,$(EDITIONS))
LANGS       ?= $(EDITIONS)

.DEFAULT_GOAL := help
.PHONY: help html test lint format bench serve clean distclean gettext update-po \
	po-check po-stats po-review po-unreviewed system-packages pdf bench-scale bench-reader \
	review-due new-drug new-trial new-page pre-commit-install live

help:  ## list the targets
	@sed -n 's/^#   /  /p' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Each edition is its own strict Sphinx build into a staging folder, which
# extensions/staging.py keeps equal to what the sources produce (a failed or
# interrupted build is forgotten, stale files removed, damage rebuilt). Only
# when every edition asked for has built are they published, each in one atomic
# step, and only if no language-switcher link would break (extensions/publish.py).
# Editions are independent: EDITION_JOBS of them build side by side (one Sphinx
# process each; on 2 cores Sphinx's -j writes with one process: it writes with
# parallel - 1 workers, so only reading runs in parallel).
EDITION_JOBS ?= 2
# The editions the site holds after this run: those built now and those already
# published. The language switcher links to these only.
PUBLISHED = $(sort $(LANGS) $(patsubst $(BUILDDIR)/html/%/index.html,%,\
	$(wildcard $(BUILDDIR)/html/*/index.html)))
comma := ,
empty :=
space := $(empty) $(empty)
html: $(STAMP)
	$(MAKE) --no-print-directory -j$(EDITION_JOBS) $(addprefix html-,$(LANGS))
	$(BIN)/python extensions/publish.py $(BUILDDIR)/staging $(BUILDDIR)/html $(LANGS)
	@echo "Built. Open $(BUILDDIR)/html/index.html in a browser, or run: make serve"

html-%: $(STAMP)
	$(BIN)/python extensions/staging.py $(BUILDDIR)/staging/$* $(BUILDDIR)/doctrees/$* -- \
		$(BIN)/sphinx-build -b html -c . $(SPHINXOPTS) -d $(BUILDDIR)/doctrees/$* \
		-D language=$* -D kb_published_editions=$(subst $(space),$(comma),$(PUBLISHED)) \
		-D kb_shared_cache_dir=$(BUILDDIR)/cache docs $(BUILDDIR)/staging/$*

# The book: Sphinx writes LaTeX strictly, latexmk runs XeLaTeX, and
# extensions/latex_log.py fails the build on missing glyphs, undefined
# references or text running off the page. The PDF is copied only on success.
pdf: $(addprefix pdf-,$(LANGS))

pdf-%: $(STAMP)
	rm -rf $(BUILDDIR)/latex/$*
	$(BIN)/sphinx-build -b latex -c . $(SPHINXOPTS) -d $(BUILDDIR)/doctrees/latex-$* \
		-D language=$* docs $(BUILDDIR)/latex/$*
	$(MAKE) -C $(BUILDDIR)/latex/$* all-pdf \
		LATEXMKOPTS="-silent -halt-on-error -interaction=nonstopmode"
	$(BIN)/python extensions/latex_log.py $(BUILDDIR)/latex/$*/als-mnd-knowledge-base-$*.log
	mkdir -p $(BUILDDIR)/pdf/$*
	cp $(BUILDDIR)/latex/$*/als-mnd-knowledge-base-$*.pdf $(BUILDDIR)/pdf/$*/

# Messages come from the English sources only (sphinx-intl#50).
gettext: $(STAMP)
	rm -rf $(BUILDDIR)/gettext
	$(BIN)/sphinx-build -b gettext -c . $(SPHINXOPTS) -d $(BUILDDIR)/doctrees/gettext \
		docs $(BUILDDIR)/gettext
	# The extensions' own words (editions/extract.py lists which file feeds which).
	PYTHONPATH=extensions $(BIN)/python -m editions.extract $(BUILDDIR)/gettext

# Every translation is kept: a changed English string keeps its old translation
# marked fuzzy for review (fuzzy entries are never shown to readers), and one
# whose English comes back gets its translation back. Each catalog is replaced
# atomically, so an interrupted run loses nothing (extensions/editions/update_po.py).
update-po: gettext
	PYTHONPATH=extensions $(BIN)/python -m editions.update_po $(BUILDDIR)/gettext \
		locales $(TRANSLATED)

po-check: $(STAMP)
	PYTHONPATH=extensions $(BIN)/python -m editions.po_check locales

po-stats: $(STAMP)
	PYTHONPATH=extensions $(BIN)/python -m editions.po_stats locales

# The medical review of a catalog (extensions/editions/review.py). LANG is read
# only when given on the command line (the environment's LANG is a locale).
# NAME and PAGE reach the command through the environment, so a name with an
# apostrophe or accents needs no quoting beyond the shell's own.
po-review: $(STAMP)
	@if [ "$(origin LANG)" != "command line" ] || [ -z "$(filter $(LANG),$(TRANSLATED))" ] \
		|| [ -z "$$PAGE" ] || [ -z "$$NAME" ]; then \
		echo 'usage: make po-review LANG=<$(TRANSLATED)> PAGE=care/index NAME="Ana García" [DATE=YYYY-MM-DD]' >&2; \
		exit 2; \
	fi
	@PYTHONPATH=extensions LANG=C.UTF-8 $(BIN)/python -m editions.po_review locales \
		$${DATE:+--date "$$DATE"} $(LANG) "$$PAGE" "$$NAME"

po-unreviewed: $(STAMP)
	PYTHONPATH=extensions $(BIN)/python -m editions.po_review --none locales \
		$(filter-out en,$(LANGS))

# A report, not a check: the build date is SOURCE_DATE_EPOCH when set, as in
# the build (extensions/review_dates/due.py).
DAYS ?= 30
review-due: $(STAMP)
	PYTHONPATH=extensions $(BIN)/python -m review_dates.due --days $(DAYS) docs

# axe-core for the accessibility tests, from the npm registry (pinned by the lock).
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --prefix tests/browser --no-audit --no-fund --silent && touch $@; \
	else \
		echo "WARNING: npm not found; the accessibility tests cannot run (install Node.js and npm)"; \
	fi

test: $(STAMP) $(AXE) po-check lint
	$(BIN)/python -m pytest

# The hooks are local (tools of .venv, nothing cloned), so this runs offline.
# A fixer that changes a file fails the run and shows the change.
lint: $(STAMP)
	$(BIN)/pre-commit run --all-files --show-diff-on-failure --color=never

pre-commit-install: $(STAMP)
	$(BIN)/pre-commit install

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)
	$(BIN)/python bench/extension_overhead.py --drugs 250 --runs 3

SIZES ?= 100 500 2000
RUNS  ?= 3
bench-scale: $(STAMP)
	$(BIN)/python bench/scale.py --sizes $(SIZES) --runs $(RUNS) \
		--json $(BUILDDIR)/bench/scale.json

bench-reader: html
	$(BIN)/python bench/reader.py --site $(BUILDDIR)/html --editions $(LANGS)

# New files from extensions/scaffolds/templates/. The values reach the script
# through the environment, never through the shell or make's own expansion
# ($(value ...)), so an ID such as '$(rm -rf x)' is refused as text.
DOCS ?= docs
SCAFFOLD = $(BIN)/python extensions/scaffolds/new.py --docs "$$KB_DOCS"
new-drug new-trial new-page: export KB_DOCS = $(value DOCS)
new-drug new-trial: export KB_ID = $(value ID)
new-drug: export KB_STAGE = $(value STAGE)
new-trial: export KB_DRUG = $(value DRUG)
new-page: export KB_SECTION = $(value SECTION)
new-page: export KB_NAME = $(value NAME)
new-drug: $(STAMP)
	@$(SCAFFOLD) drug --id "$$KB_ID" --stage "$$KB_STAGE"
new-trial: $(STAMP)
	@$(SCAFFOLD) trial --id "$$KB_ID" --drug "$$KB_DRUG"
new-page: $(STAMP)
	@$(SCAFFOLD) page --section "$$KB_SECTION" --name "$$KB_NAME"

# One edition at a time, strict as make html, never touching _build/html/.
# sphinx-autobuild watches docs/ and, for translators, the catalogs in locales/.
LIVE_LANG = $(firstword $(LANGS))
live: $(STAMP)
	@test "$(words $(LANGS))" -eq 1 -o "$(origin LANGS)" = file || \
		{ echo "make live builds one edition: make live LANGS=es" >&2; exit 2; }
	@echo "Serving the $(LIVE_LANG) edition at http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	$(BIN)/sphinx-autobuild --host 127.0.0.1 --port $(PORT) --watch locales \
		-b html -c . $(SPHINXOPTS) -d $(BUILDDIR)/live-doctrees/$(LIVE_LANG) \
		-D language=$(LIVE_LANG) "$$KB_DOCS" $(BUILDDIR)/live/$(LIVE_LANG)
live: export KB_DOCS = $(value DOCS)

serve: html
	@echo "Serving $(BUILDDIR)/html at http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory $(BUILDDIR)/html $(PORT)

system-packages:
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		$$(grep -v '^#' .ci/debian-packages.txt)

clean:
	rm -rf $(BUILDDIR)

distclean: clean
	rm -rf $(VENV)
