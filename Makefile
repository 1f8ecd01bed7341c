# Two entry points: `make site` builds _site/, `make test` runs every test.
# Both create .venv and install the project the first time (only Python 3.11+ is needed).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: site test check serve lint clean bench
# `make site BASE_URL=https://org.github.io/repo/` adds sitemap.xml, robots.txt, canonical links;
# REPO_URL=https://github.com/org/repo adds "Edit this page" links.
BASE_URL ?=
REPO_URL ?=
site: $(VENV)/.installed
	$(PY) build.py $(if $(BASE_URL),--base-url "$(BASE_URL)") $(if $(REPO_URL),--repo-url "$(REPO_URL)")

test: $(VENV)/.installed-test
	$(PY) -m ruff check .
	$(PY) -m pytest
	node --test tests/js/

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
