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

# A laptop bundle (packaging/README.md): dist/Estimator/, a one-folder application that runs
# without Python. PyInstaller's cache goes to build/, not the user's ~/.cache.
.PHONY: bundle bundle-deps bundle-smoke
BUNDLE_STAMP := $(VENV)/.bundle-installed

$(BUNDLE_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[bundle]'
	touch $(BUNDLE_STAMP)

bundle-deps: $(BUNDLE_STAMP)

bundle: $(BUNDLE_STAMP)
	PYINSTALLER_CONFIG_DIR="$(CURDIR)/build/pyinstaller-config" $(BIN)/pyinstaller --noconfirm \
	  --clean --log-level WARN --distpath dist --workpath build/pyinstaller packaging/estimator.spec

## Start the bundle under Xvfb: the sign-in window on a fresh database, --help, the demo.
bundle-smoke:
	xvfb-run -a -s "-screen 0 1366x768x24" $(BIN)/python packaging/smoke.py dist/Estimator
