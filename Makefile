# Two commands for a fresh machine: `make site` and `make test`.
# Everything else (eval, bench) is a developer tool.

SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
AXE := node_modules/axe-core/axe.min.js
DOSSIER_ARGS ?=

# Material 9.8 prints an end-of-life banner on every build; silence it everywhere.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test eval bench clean distclean

## site: install pinned dependencies into .venv and build site/ from seeds/
site: $(VENV)/.deps
	$(VENV)/bin/dossier build $(DOSSIER_ARGS)

## test: same venv plus test dependencies, then the whole suite
test: $(VENV)/.test-deps $(AXE)
	$(PY) -m pytest

## eval: score the build on ../shared/eval next to simple baselines (developer tool)
eval: $(VENV)/.eval-deps
	$(PY) -m evaluation

## bench: build a synthetic dossier (N=2000 by default) and print speed and size figures
bench: $(VENV)/.deps
	$(PY) -m evaluation.bench $(if $(N),--articles $(N),)

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.deps: pyproject.toml constraints.txt | $(PY)
	$(PIP) install -q -c constraints.txt -e .
	@touch $@

$(VENV)/.test-deps: $(VENV)/.deps
	$(PIP) install -q -c constraints.txt -e '.[test]'
	@touch $@

$(VENV)/.eval-deps: $(VENV)/.deps
	$(PIP) install -q -c constraints.txt -e '.[eval]'
	@touch $@

# axe-core, the accessibility checker the browser tests run (an npm devDependency, never
# copied into the site). The site itself needs no npm package.
$(AXE): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

clean:
	rm -rf content site .dossier-cache

distclean: clean
	rm -rf $(VENV) node_modules
