# crampui: the project's vocabulary. Every target sets up what it needs.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PYTEST_WORKERS ?= 2
# -p no:cacheprovider: a run never writes .pytest_cache into the work tree; -rs: say why tests skipped.
# --dist loadgroup: tests sharing an xdist_group (the wheel) run in one worker, built once.
# Compiled modules are kept in .venv/pycache (never in the work tree), even where
# PYTHONDONTWRITEBYTECODE is set: otherwise every crampui a test starts compiles its modules again.
TEST_ENV := env -u PYTHONDONTWRITEBYTECODE PYTHONPYCACHEPREFIX=$(CURDIR)/$(VENV)/pycache
PYTEST := $(TEST_ENV) $(PY) -m pytest -p no:cacheprovider -rs
PARALLEL := -n $(PYTEST_WORKERS) --dist loadgroup

.PHONY: run test unit ui e2e wheel-check slow lint format bench screenshots clean tinydb-suite

$(PY):
	@echo "First-time set-up: creating $(VENV) with $(PYTHON) ..."
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Installed with the test extras (a superset of what run needs).
$(VENV)/.installed-test: pyproject.toml | $(PY)
	@echo "Installing crampui and its test tools into $(VENV) (about a minute the first time) ..."
	$(PY) -m pip install --quiet --progress-bar off -e '.[test]'
	touch $@

$(VENV)/.installed: pyproject.toml | $(PY)
	@echo "Installing crampui into $(VENV) (under a minute the first time) ..."
	$(PY) -m pip install --quiet --progress-bar off -e .
	touch $@

# TinyDB's own tests, from the sdist of the pinned version, unpacked into .venv/tinydb-tests/
# (once; tests/test_tinydb_suite.py runs them against crampui's storage). Without the package
# index this prints why and that test skips; it never fails the build.
tinydb-suite: $(VENV)/.installed-test
	@$(PY) tests/test_tinydb_suite.py

## Set up (first time) and launch the app.
run: $(VENV)/.installed
	$(BIN)/crampui

## Set up (first time), lint, and run every tier: unit, ui (Pilot + snapshots), e2e, wheel;
## prints the 15 slowest tests, to keep the suite inside its time budget.
test: $(VENV)/.installed-test tinydb-suite lint
	$(PYTEST) $(PARALLEL) -m "not slow" --durations=15

## The fast tier: everything that needs no Textual, no terminal and no wheel build.
unit: $(VENV)/.installed-test tinydb-suite
	CRAMPUI_TEST_TIER=unit $(PYTEST) $(PARALLEL) -p no:textual-snapshot \
		-m "not ui and not e2e and not wheel and not slow"

## The app and its screens driven by Pilot, and the snapshot images.
ui: $(VENV)/.installed-test
	$(PYTEST) $(PARALLEL) -m "ui and not slow"

## Only the real-terminal tests (they skip, saying so, where tmux is missing).
e2e: $(VENV)/.installed-test
	$(PYTEST) -m e2e

## Build the wheel once, install it into a fresh venv elsewhere, and run it there.
wheel-check: $(VENV)/.installed-test
	$(PYTEST) -m wheel

## Long property runs (tens of thousands of examples); not part of make test.
slow: $(VENV)/.installed-test
	$(PYTEST) $(PARALLEL) -m slow

## ruff check, ruff format --check, mypy.
lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## Every benchmark, printed as one table and written to docs/benchmarks.md.
bench: $(VENV)/.installed-test
	$(PY) benchmarks/run_all.py

## Regenerate screenshots/ from a seeded database with a fixed clock.
screenshots: $(VENV)/.installed-test
	$(PY) tools/screenshots.py

clean:
	rm -rf $(VENV) dist build .mypy_cache .ruff_cache
