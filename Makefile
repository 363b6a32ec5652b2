# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium
DEV_ENV := DEBUG=1 SECRET_KEY_FILE=.dev-secret-key TIMELINE_AUTO_PUBLISH=1
TEST_ENV := DJANGO_SETTINGS_MODULE=timeline.test_settings

.PHONY: run test pytest lint install install-dev admin serve bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

# TimelineJS3 for the browser test of the TimelineJS export, from the npm registry (pinned by the
# committed lockfile; node_modules is git-ignored). npm ci runs when it is missing or stale.
TIMELINEJS := tests/browser/timelinejs
$(TIMELINEJS)/node_modules/.package-lock.json: $(TIMELINEJS)/package.json $(TIMELINEJS)/package-lock.json
	cd $(TIMELINEJS) && npm ci --ignore-scripts --no-audit --no-fund
	touch $@

install: $(VENV)/.runtime-installed
install-dev: $(VENV)/.dev-installed $(TIMELINEJS)/node_modules/.package-lock.json

# A development secret key, generated once per checkout and git-ignored.
.dev-secret-key: | $(BIN)/python
	umask 077 && $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@

# SEED=articles (default) imports seeds/ through extraction; SEED=fixture loads the curated
# seed timeline from fixtures/seed_timeline.json instead.
SEED ?= articles

run: install .dev-secret-key
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
ifeq ($(SEED),fixture)
	$(DEV_ENV) $(BIN)/python manage.py import_timeline fixtures/seed_timeline.json
else
	$(DEV_ENV) $(BIN)/python manage.py import_articles seeds/ --no-progress
endif
	@echo ""
	@echo "  Timeline is running at http://$(HOST):$(PORT)/"
	@echo "  Admin: http://$(HOST):$(PORT)/admin/ . There is no default login; create one with:"
	@echo "      make admin        (asks for a user name and password)"
	@echo "  or, non-interactively:"
	@echo "      DJANGO_SUPERUSER_PASSWORD=... $(DEV_ENV) $(BIN)/python manage.py createsuperuser --noinput --username you --email you@example.org"
	@echo ""
	$(DEV_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Production-style serving: DEBUG off, hashed and compressed static files through whitenoise,
# gunicorn workers. Needs SECRET_KEY in the environment (never from the repo). Over plain HTTP on
# loopback, add SECURE_SSL_REDIRECT=0; behind a TLS proxy, leave it on.
WORKERS ?= 3
serve: install
	@test -n "$$SECRET_KEY" || (echo "make serve needs SECRET_KEY in the environment"; exit 1)
	DEBUG=0 ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} $(BIN)/python manage.py collectstatic --noinput -v0
	DEBUG=0 ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} $(BIN)/python manage.py migrate --noinput
	DEBUG=0 ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} $(BIN)/gunicorn timeline.wsgi \
	  --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile - --max-requests 2000

admin: install .dev-secret-key
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py createsuperuser

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install-dev lint
	$(TEST_ENV) $(BIN)/python manage.py makemigrations --check --dry-run
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  echo "Chromium is missing at $(CHROMIUM): the browser tests need Debian's Chromium."; \
	  echo "Install it with:  apt-get update && apt-get install -y chromium"; \
	  echo "(.ci/run installs it for you; CHROMIUM=/path/to/chromium picks another binary.)"; \
	  exit 1; \
	fi
	$(MAKE) --no-print-directory pytest

pytest: install-dev
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest

# The benchmark run (issue 8): the views at 10k, 100k and 1M events (each in a database of its
# own; the configured one is never touched), a load test against gunicorn on loopback over the
# seed timeline, and the property-based tests with thousands of cases. Figures go to
# test-artifacts/bench/. Takes about 20 minutes on SQLite; DATABASE_URL=postgres://... runs the
# same on PostgreSQL (set EVENTS to the sizes wanted).
EVENTS ?= 10000 100000 1000000
BENCH_DIR := test-artifacts/bench
bench: install-dev
	mkdir -p $(BENCH_DIR)
	SECRET_KEY=$${SECRET_KEY:-bench-only} $(BIN)/python manage.py bench --events $(EVENTS) --json $(BENCH_DIR)/views.json
	rm -f $(BENCH_DIR)/seed.sqlite3
	DATABASE_URL=sqlite:///$(CURDIR)/$(BENCH_DIR)/seed.sqlite3 SECRET_KEY=bench-only TIMELINE_AUTO_PUBLISH=1 \
	  sh -c '$(BIN)/python manage.py migrate -v0 && $(BIN)/python manage.py import_articles seeds/ --no-progress >/dev/null && \
	  $(BIN)/python manage.py loadtest --connections 64 --duration 20'
	HYPOTHESIS_PROFILE=thorough $(TEST_ENV) $(BIN)/python -m pytest -q tests/test_fuzz_urls.py tests/test_fuzz_import.py tests/test_fuzz_tagger.py

clean:
	rm -rf $(VENV) staticfiles test-artifacts .pytest_cache .ruff_cache
