# Two entry points: `make site` builds _site/, `make test` runs every test.
# Both create .venv and install the project the first time (only Python 3.11+ is needed).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: site test check serve lint clean bench js
# `make site BASE_URL=https://org.github.io/repo/` adds sitemap.xml, robots.txt, canonical links;
# REPO_URL=https://github.com/org/repo adds "Edit this page" links.
BASE_URL ?=
REPO_URL ?=
site: $(VENV)/.installed
	$(PY) build.py $(if $(BASE_URL),--base-url "$(BASE_URL)") $(if $(REPO_URL),--repo-url "$(REPO_URL)")

test: $(VENV)/.installed-test node_modules/.installed
	$(PY) -m ruff check .
	npx eslint
	$(PY) -m pytest
	node --test tests/js/

# The browser scripts: esbuild bundles the ES modules of site_assets/js/ into classic scripts in
# site_assets/js/dist/ (committed; tests/js/bundle.test.mjs fails when they are stale).
js: node_modules/.installed
	node site_assets/js/bundle.mjs

# esbuild, ESLint and axe-core at the versions package-lock.json pins; again when it changes.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Not a test: times cold and incremental builds of a synthetic 8,000-page corpus (see README).
bench: $(VENV)/.installed-test
	$(PY) -m bench $(BENCH_ARGS)

check: $(VENV)/.installed
	$(PY) build.py check

serve: $(VENV)/.installed
	$(PY) build.py serve

lint: $(VENV)/.installed-test
	$(PY) -m ruff check . && $(PY) -m ruff format --check .

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf _site _site.tmp-* _site.old-* .pytest_cache
