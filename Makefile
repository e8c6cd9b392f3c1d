# ALS/MND knowledge base: the single entry point for people and CI.
#
# Targets:
#   make html     build the site into _build/html/ (English at _build/html/en/);
#                 a failed build leaves the last good site in place
#   make test     run the whole test suite (lint, strict builds, extension tests)
#   make lint     ruff check and format check of the Python code
#   make format   apply ruff's formatting and safe fixes
#   make bench    measure the trial-facts extension against hand-written tables
#   make serve    serve _build/html on http://127.0.0.1:8000 (this machine only)
#   make clean    remove _build/ (keeps .venv/)
#   make distclean  remove _build/ and .venv/
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

.DEFAULT_GOAL := help
.PHONY: help html test lint format bench serve clean distclean

help:  ## list the targets
	@sed -n 's/^#   make /  make /p' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

html: $(STAMP)
	$(BIN)/sphinx-build -b html -c . $(SPHINXOPTS) -d $(BUILDDIR)/doctrees/en \
		-D language=en docs $(BUILDDIR)/staging/en
	$(BIN)/python extensions/publish.py $(BUILDDIR)/staging $(BUILDDIR)/html en
	@echo "Built. Open $(BUILDDIR)/html/index.html in a browser, or run: make serve"

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP)
	$(BIN)/python bench/extension_overhead.py --drugs 250 --runs 3

serve: html
	@echo "Serving $(BUILDDIR)/html at http://127.0.0.1:$(PORT)/ (Ctrl+C to stop)"
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory $(BUILDDIR)/html $(PORT)

clean:
	rm -rf $(BUILDDIR)

distclean: clean
	rm -rf $(VENV)
