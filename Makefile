# Two commands for everything (README): `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test lint typecheck layers pytest bench bench-quick clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

## Set up and open the workstation on a fresh demo database.
demo: $(STAMP)
	$(BIN)/estimator --demo

## Set up and run the whole test suite: lint, types, layer contracts, tests.
test: lint typecheck layers pytest

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy estimator parts_catalog labor_standards kernel
	# The fake unit of work and the rule tests on it, against the services' ports.
	$(BIN)/mypy --follow-imports=silent tests/services/fakes.py tests/services/rules

layers: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP)
	# Two workers: the machine (and CI) has two cores; every test owns its database.
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -n 2

bench: $(STAMP)
	$(BIN)/python -m benchmarks

bench-quick: $(STAMP)
	$(BIN)/python -m benchmarks --quick

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
