# Two commands for a fresh clone: `make run` and `make test`. Everything else is a step they share.
SHELL := /bin/bash
.DEFAULT_GOAL := run
PORT ?= 8000
UV_VERSION := 0.13.8
VENV := .venv
PY := $(VENV)/bin/python
TOOLS := .tools
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: run serve test test-fast setup lint format check-migrations db catalog superuser clean backup restore audit-deps audit bench screenshots salary-fixture

# Finds a Python >= 3.12: pyenv's installed versions first (its shims only answer for a
# selected version), then python3.13 / python3.12 on PATH; stops with one line otherwise.
define find_python
for c in $$( (d=$$(pyenv root 2>/dev/null) && ls -d $$d/versions/3.1[3-9]*/bin/python3 $$d/versions/3.12*/bin/python3 2>/dev/null | sort -rV) ) \
         $$(command -v python3.14 python3.13 python3.12 python3 2>/dev/null); do \
  if "$$c" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then echo "$$c"; exit 0; fi; \
done; \
echo "Careerpath needs Python 3.12 or newer: install python3.13 (apt-get install python3.13) or a pyenv 3.12+ version, then run make again." >&2; exit 1
endef

$(TOOLS)/bin/uv:
	@interp=$$($(find_python)) || exit 1; \
	echo "Using $$interp"; \
	"$$interp" -m venv $(TOOLS) && $(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: $(TOOLS)/bin/uv pyproject.toml uv.lock
	@interp=$$($(find_python)) || exit 1; \
	$(TOOLS)/bin/uv sync --locked --python "$$interp" --quiet
	@touch $@

setup: $(VENV)/.synced

db: setup
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_catalog

run: db
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# The production settings on one machine: gunicorn with gunicorn.conf.py, DEBUG off, static files
# collected and served by WhiteNoise, on http://127.0.0.1:$(PORT). On the internet, put the proxy
# of docs/deploying.md in front. Without DJANGO_SECRET_KEY in the environment, this run makes a
# random one (sign-ins end with the run).
serve: db
	$(PY) manage.py collectstatic --no-input --verbosity 0
	GUNICORN_BIND=127.0.0.1:$(PORT) $(VENV)/bin/gunicorn careerpath.wsgi

superuser: db
	$(PY) manage.py createsuperuser

# Backups: a portable JSON file (natural keys), so a SQLite backup restores into PostgreSQL.
# `make restore FILE=backups/….json.gz` loads it into an empty, freshly migrated database.
backup: setup
	$(PY) manage.py backup $(FILE)

restore: setup
	@test -n "$(FILE)" || { echo "Say which backup: make restore FILE=backups/careerpath-….json.gz"; exit 2; }
	$(PY) manage.py migrate --no-input
	$(PY) manage.py restore $(FILE)

test: setup
	@if [ -n "$$DATABASE_URL" ]; then echo "Database: $${DATABASE_URL%%@*}@…"; fi
	$(PY) manage.py collectstatic --no-input --verbosity 0
	$(PY) -m pytest $(PYTEST_ARGS)

# The quick loop while working: everything but the browser tests (about 3 minutes).
test-fast:
	$(MAKE) test PYTEST_ARGS="--ignore=tests/browser $(PYTEST_ARGS)"

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Known vulnerabilities in the locked dependencies. Needs the PyPI JSON API or OSV, which this
# workplace's network does not reach (there every package is "not found"; --strict fails then).
audit-deps: setup
	$(TOOLS)/bin/uv export --format requirements-txt --no-hashes --quiet > .tools/requirements-audit.txt
	$(VENV)/bin/pip-audit --strict --disable-pip --no-deps -r .tools/requirements-audit.txt

# fixtures/salaries.json from the official BLS workbooks (docs/data-sources.md#official-files),
# built with the importer on a throwaway database. BLS=… names another folder; CHECK=1 only says
# whether the fixture is what the workbooks give.
BLS ?= ../shared/reference/bls
ONET ?= ../shared/reference/onet
RPP ?= ../shared/reference/bea/SARPP_STATE_2008_2023.csv
salary-fixture: setup
	@build=$$(mktemp -d) && trap 'rm -rf "$$build"' EXIT && \
	export DJANGO_DEBUG=true DJANGO_SQLITE_PATH="$$build/build.sqlite3" && unset DATABASE_URL && \
	$(PY) manage.py migrate --no-input --verbosity 0 && \
	$(PY) manage.py build_salary_fixture "$(BLS)" --onet "$(ONET)" --rpp "$(RPP)" $(if $(CHECK),--check)

check-migrations: setup
	DJANGO_DEBUG=true $(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache .ruff_cache

# Measurements, not tests (docs/performance.md, docs/testing.md#audits). Both serve the app as
# in production (gunicorn, DEBUG off, collected static files) on 127.0.0.1 from a throwaway
# database. Lighthouse goes into .tools/ (ignored by git), never into the repository.
LIGHTHOUSE_VERSION := 12.8.2
LIGHTHOUSE := $(TOOLS)/lighthouse/node_modules/lighthouse/package.json

audit: setup
	@grep -qs '"version": "$(LIGHTHOUSE_VERSION)"' $(LIGHTHOUSE) || { mkdir -p $(TOOLS)/lighthouse && \
	  cd $(TOOLS)/lighthouse && npm install --no-save --no-audit --no-fund --loglevel=error lighthouse@$(LIGHTHOUSE_VERSION); }
	$(PY) bench/audit.py

screenshots: setup
	$(PY) bench/screenshots.py

bench: setup
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
	$(PY) bench/bench.py

# The suite runs with production settings (DEBUG off); only HTTPS redirects are off for the test client.
test: export DJANGO_DEBUG := false
test: export DJANGO_SECRET_KEY := test-only-secret-key-not-used-anywhere-else-0123456789abcdef
test: export DJANGO_ALLOWED_HOSTS := localhost,127.0.0.1
test: export DJANGO_SECURE_SSL_REDIRECT := false
serve: export DJANGO_DEBUG := false
serve: export DJANGO_SECRET_KEY ?= $(shell $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')
serve: export DJANGO_ALLOWED_HOSTS ?= 127.0.0.1,localhost
serve: export DJANGO_SECURE_SSL_REDIRECT ?= false
serve: export DJANGO_SITE_ORIGIN ?= http://127.0.0.1:$(PORT)
run: export DJANGO_DEBUG ?= true
superuser: export DJANGO_DEBUG ?= true
backup: export DJANGO_DEBUG ?= true
restore: export DJANGO_DEBUG ?= true
db: export DJANGO_DEBUG ?= true
