# Two entry points: `make site` builds _site/, `make test` runs every test.
# Both create .venv and install the project the first time (only Python 3.11+ is needed), every
# package from requirements.lock / requirements-test.lock (`make lock` regenerates them).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: site test test-fast check serve lint clean bench lock js
# `make site BASE_URL=https://org.github.io/repo/` adds sitemap.xml, robots.txt, canonical links;
# REPO_URL=https://github.com/org/repo adds "Edit this page" links.
BASE_URL ?=
REPO_URL ?=
site: $(VENV)/.installed
	$(PY) build.py $(if $(BASE_URL),--base-url "$(BASE_URL)") $(if $(REPO_URL),--repo-url "$(REPO_URL)")

# pytest on every core (pytest-xdist): each test file runs whole in one worker (loadfile), so a
# file's module fixtures are made once; session fixtures (the real build) once per worker. Files
# are handed out in collection order, which tests/conftest.py sets: long files first.
# `make test PYTEST_PARALLEL=` runs them in one process.
PYTEST_PARALLEL ?= -n auto --dist loadfile --no-loadscope-reorder
test: $(VENV)/.installed-test node_modules/.installed
	$(PY) -m ruff check .
	npx eslint
	$(PY) -m pytest $(PYTEST_PARALLEL)
	node --test tests/js/

# The developer loop (under a minute): every test not marked slow. `make test` still runs them all.
test-fast: $(VENV)/.installed-test
	$(PY) -m pytest $(PYTEST_PARALLEL) -m "not slow"

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

# Every package comes from a lock file: exact versions, each file checked against its hash. The
# project itself goes in last, editable, without resolving anything (its build backend is locked too).
$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.lock
	$(PY) -m pip install --quiet --require-hashes -r requirements-test.lock
	touch $@

# `make lock` rewrites both lock files from pyproject.toml's ranges (dependencies, the test extra and
# [build-system] requires), for Python 3.11 on Linux x86_64, with the hash of every wheel and sdist.
# Versions already locked are kept; `make lock LOCK_ARGS=--upgrade` moves to the newest allowed.
# uv runs from a throwaway venv outside the project: it is not a dependency.
LOCK_VENV ?= $(or $(TMPDIR),/tmp)/codebook-lock-tool
UV_VERSION := 0.13.9
LOCK_ARGS ?=
BUILD_REQUIRES := $(PYTHON) -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")'
UV_COMPILE = $(LOCK_VENV)/bin/uv pip compile pyproject.toml - --quiet --generate-hashes --python-version 3.11 \
	--python-platform x86_64-manylinux_2_28 --custom-compile-command "make lock" $(LOCK_ARGS)
lock:
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/pip install --quiet uv==$(UV_VERSION)
	$(BUILD_REQUIRES) | $(UV_COMPILE) -o requirements.lock
	$(BUILD_REQUIRES) | $(UV_COMPILE) --extra test -o requirements-test.lock

clean:
	rm -rf _site _site.tmp-* _site.old-* .pytest_cache
