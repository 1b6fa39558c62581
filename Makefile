# Two commands for everything (README): `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Installs go through uv (from PyPI) when the environment has it: it puts the runtime in place
# in a few seconds where pip took half a minute. uv reads none of pip's configuration, so
# packaging/uv_options.py hands it pip's indexes, links, constraints and certificate bundle.
# pip stays the fallback (no uv for this system): the same packages, only slower.
# setuptools says "Editable installation." (information only: the editable install finds
# estimator.resources, kept in resources/, through an import hook); newer pips show it as a
# warning. Only that message is left out. --no-compile: compiling every installed module took
# 6-7 s of CPU; a first start compiles only what it imports (about 1 s, once). uv compiles
# nothing unless asked.
PIP_FLAGS := --quiet --no-compile --disable-pip-version-check
PIP := PYTHONWARNINGS="ignore:Editable installation" $(BIN)/python -m pip install $(PIP_FLAGS)
UV = $(shell $(PYTHON) packaging/uv_options.py --env) $(BIN)/uv pip install --quiet \
	--python $(BIN)/python $(shell $(PYTHON) packaging/uv_options.py)
# $(call install,ARGUMENTS): uv pip install ARGUMENTS, or pip install ARGUMENTS without uv.
install = if [ -x $(BIN)/uv ]; then $(UV) $(1); else $(PIP) $(1); fi
# Two stamps: what running needs (`make demo`), and the tools on top (`make test`, CI's
# `make setup`). The tools' stamp keeps the name `.installed`, which scripts wait for.
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed

.PHONY: setup demo test checks lint typecheck layers pytest bench bench-quick clean

## The environment, and uv in it: the system's pip puts it there (about 3 s; a venv's own pip
## costs 6-7 s more to set up), or without one the environment's own pip (ensurepip) does;
## when neither can, the installs below use that pip.
$(BIN)/python:
	$(PYTHON) -m venv --without-pip $(VENV)
	$(PYTHON) -m pip --python $(BIN)/python install $(PIP_FLAGS) uv 2>/dev/null \
	  || { $(BIN)/python -m ensurepip --default-pip >/dev/null \
	       && $(BIN)/python -m pip install $(PIP_FLAGS) uv 2>/dev/null; } || true

## The runtime only: the project (editable) and its dependencies, no development tool.
$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(call install,-e .)
	touch $@

## The development tools (the `dev` extra) by name, beside the runtime: the project itself
## is not built again. pip too: a test builds the wheel with it (uv's environment has none).
$(DEV_STAMP): pyproject.toml $(RUN_STAMP)
	$(BIN)/python -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["dev"], sep="\n")' >$(VENV)/dev-requirements.txt
	$(call install,-r $(VENV)/dev-requirements.txt pip)
	# What the suite imports, compiled once here (tests/conftest.py keeps the compiled modules
	# in the environment): a fresh checkout's first `make test` compiled them in its controller
	# and in both workers at once, ~8 s of CPU each before the first test ran.
	-QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest --collect-only -q -p no:cacheprovider >/dev/null 2>&1
	touch $@

## Everything `make test` and CI need.
setup: $(DEV_STAMP)

## Set up (the runtime only) and open the workstation on a fresh demo database.
demo: $(RUN_STAMP)
	$(BIN)/estimator --demo

## Set up and run the whole test suite: lint, types, layer contracts, tests.
## The static checks (ruff, mypy, the import contracts: ~17 s of one core) run beside the
## tests, whose two workers and PostgreSQL leave part of the machine idle; their output is
## shown after the tests', and either failing fails `make test`.
test: $(DEV_STAMP)
	@$(MAKE) --no-print-directory checks >$(VENV)/checks.log 2>&1 & checks=$$!; \
	$(MAKE) --no-print-directory pytest; tests=$$?; \
	wait $$checks; checked=$$?; cat $(VENV)/checks.log; \
	if [ $$checked -ne 0 ]; then echo "make test: the static checks failed (above)" >&2; fi; \
	[ $$tests -eq 0 ] && [ $$checked -eq 0 ]

## Only the static checks.
checks: lint typecheck layers

lint: $(DEV_STAMP)
	$(BIN)/ruff check .

typecheck: $(DEV_STAMP)
	# With the product, the fake unit of work and the rule tests on it, against the services'
	# ports: one run (two took 19 s on a clean cache, one takes 15 s; pyproject.toml reads the
	# other test modules they import silently).
	$(BIN)/mypy estimator parts_catalog labor_standards kernel tests/services/fakes.py tests/services/rules

layers: $(DEV_STAMP)
	$(BIN)/lint-imports

pytest: $(DEV_STAMP)
	# Two workers: the machine (and CI) has two cores; every test owns its database.
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -n 2

bench: $(RUN_STAMP)
	$(BIN)/python -m benchmarks

bench-quick: $(RUN_STAMP)
	$(BIN)/python -m benchmarks --quick

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache

# A laptop bundle (packaging/README.md): dist/Estimator/, a one-folder application that runs
# without Python. PyInstaller's cache goes to build/, not the user's ~/.cache.
.PHONY: bundle bundle-deps bundle-smoke
BUNDLE_STAMP := $(VENV)/.bundle-installed

$(BUNDLE_STAMP): $(RUN_STAMP) pyproject.toml
	$(call install,-e '.[bundle]')
	touch $(BUNDLE_STAMP)

bundle-deps: $(BUNDLE_STAMP)

bundle: $(BUNDLE_STAMP)
	PYINSTALLER_CONFIG_DIR="$(CURDIR)/build/pyinstaller-config" $(BIN)/pyinstaller --noconfirm \
	  --clean --log-level WARN --distpath dist --workpath build/pyinstaller packaging/estimator.spec

## Start the bundle under Xvfb: the sign-in window on a fresh database, --help, the demo.
bundle-smoke:
	xvfb-run -a -s "-screen 0 1366x768x24" $(BIN)/python packaging/smoke.py dist/Estimator
