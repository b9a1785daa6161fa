# crampui: the project's vocabulary. Every target sets up what it needs.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PYTEST_WORKERS ?= 2

.PHONY: run test lint format unit e2e bench screenshots wheel-check clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Installed with the test extras (a superset of what run needs).
$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

## Set up (first time) and launch the app.
run: $(VENV)/.installed
	$(BIN)/crampui

## Set up (first time), lint, and run every test: unit, Pilot, snapshot, e2e, wheel.
test: $(VENV)/.installed-test lint
	$(PY) -m pytest -n $(PYTEST_WORKERS) -p no:cacheprovider

## ruff check, ruff format --check, mypy.
lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## Only the real-terminal tests.
e2e: $(VENV)/.installed-test
	$(PY) -m pytest -m e2e tests/e2e

## Every benchmark, printed as one table and written to docs/benchmarks.md.
bench: $(VENV)/.installed-test
	$(PY) benchmarks/run_all.py

## Regenerate screenshots/ from a seeded database with a fixed clock.
screenshots: $(VENV)/.installed-test
	$(PY) tools/screenshots.py

## Build the wheel, install it into a fresh venv elsewhere, and run it there.
wheel-check: $(VENV)/.installed-test
	$(PY) -m pytest tests/test_wheel.py

clean:
	rm -rf $(VENV) dist build .pytest_cache .mypy_cache .ruff_cache
