# Fact desk. `make run` for a first look, `make test` for the whole suite.
SHELL := /bin/bash
VENV ?= .venv
BIN := $(VENV)/bin
# The first interpreter ≥ 3.12 that actually runs (pyenv shims answer "command not found"
# until a version is selected, so pyenv's own 3.12+ installs are tried too).
PYTHON ?= $(shell for p in python3.13 python3.12 python3 $$(ls -d $$(pyenv root 2>/dev/null)/versions/3.1[2-9]*/bin/python3 2>/dev/null); do \
	if $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then command -v $$p; break; fi; done)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run install migrate demo serve worker beat test test-fast test-browser lint check-deploy bench clean

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "Fact desk needs Python 3.12 or newer. Point make at one: make run PYTHON=/path/to/python3.12"; \
		echo "(with pyenv: make run PYTHON=\$$(PYENV_VERSION=3.12.1 pyenv which python3.12))"; exit 1; fi
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

migrate: install
	@mkdir -p var
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py demo

run: demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

worker: install
	$(BIN)/celery -A newsroom worker --loglevel=info

beat: install
	$(BIN)/celery -A newsroom beat --loglevel=info

# The whole suite: PostgreSQL/Redis/Chromium tests run when DATABASE_URL/REDIS_URL are set
# and Chromium is installed (.ci/run sets all three up).
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: install
	$(BIN)/python -m pytest -m "not browser and not worker" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check claims newsroom tests

check-deploy: install
	DEBUG=0 SECRET_KEY=$${SECRET_KEY:-check-deploy-only-$$(date +%s)-a-long-enough-random-looking-key-xyz} \
		ALLOWED_HOSTS=factdesk.example $(BIN)/python manage.py check --deploy --fail-level WARNING

bench: install
	$(BIN)/python benchmarks/bench_finder.py

clean:
	rm -rf $(VENV) var/db.sqlite3
