# Two commands for a fresh machine: `make site` and `make test`.
# Everything else (eval, bench) is a developer tool.

SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
SHIM_SRC := node_modules/iframe-worker/shim/index.js
SHIM := theme/assets/javascripts/iframe-worker/shim.js
AXE := node_modules/axe-core/axe.min.js
DOSSIER_ARGS ?=

# Material 9.8 prints an end-of-life banner on every build; silence it everywhere.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test eval bench clean distclean

## site: install pinned dependencies into .venv and build site/ from seeds/
site: $(VENV)/.deps $(SHIM)
	$(VENV)/bin/dossier build $(DOSSIER_ARGS)

## test: same venv plus test dependencies, then the whole suite
test: $(VENV)/.test-deps $(SHIM) $(AXE)
	$(PY) -m pytest

## eval: score the build on ../shared/eval next to simple baselines (developer tool)
eval: $(VENV)/.eval-deps $(SHIM)
	$(PY) -m evaluation

## bench: build a synthetic dossier (N=2000 by default) and print speed and size figures
bench: $(VENV)/.deps $(SHIM)
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

# The iframe-worker shim (search on file://) is a declared npm dependency,
# served from our own site instead of the CDN the offline plugin would add.
$(SHIM_SRC): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

# axe-core, the accessibility checker the browser tests run (a devDependency, never copied
# into the site), comes with the same npm ci; a node_modules made before it was added gets it.
$(AXE): $(SHIM_SRC)
	@test -f $@ || npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

$(SHIM): $(SHIM_SRC)
	@mkdir -p $(dir $@)
	cp $< $@

clean:
	rm -rf content site .dossier-cache

distclean: clean
	rm -rf $(VENV) node_modules $(dir $(SHIM))
