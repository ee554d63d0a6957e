# Two commands on a fresh machine with Python 3.11:
#   make run    start the app on the shipped sample data (STREAMLIT_* settings pass through)
#   make test   lint, the type checker, the import contracts (.importlinter) and the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test install install-dev demo bench bench-browser fuzz lint format clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.app-installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.app-installed

install: $(VENV)/.app-installed
install-dev: $(VENV)/.dev-installed

run: $(VENV)/.app-installed
	$(BIN)/python -m streamlit run serve.py

test: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest --durations=20
	# Once more, every test that opens a store (but the browser tests of page layout), on the shared-store backend (moto's S3 server on loopback).
	UCJ_TEST_BACKEND=s3 $(BIN)/python -m pytest -q --durations=20

demo: $(VENV)/.app-installed
	$(BIN)/python -m ucj demo --data-dir data

bench: $(VENV)/.dev-installed
	$(BIN)/python bench/run.py
	$(BIN)/python bench/presentation.py

# Pages in headless Chromium (/usr/bin/chromium) beside three baselines, and N viewers on one process:
# prints the tables and writes them to bench/browser-last.md (about 12 minutes; --quick for a smoke run).
bench-browser: $(VENV)/.dev-installed
	$(BIN)/python bench/browser.py

# 2.000 hostile files through the ingest: prints files, refusals, accepted, unhandled (0), over 10 s (0),
# peak memory and store changes after a refusal (0). FUZZ_FILES=10000 for more.
fuzz: $(VENV)/.dev-installed
	$(BIN)/python -m tests.fuzz_files $(or $(FUZZ_FILES),2000)

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache

format: $(VENV)/.dev-installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .hypothesis test-artifacts .import_linter_cache
