# Two commands do everything on a fresh machine with Python 3.11+ and make: `make run`, `make test`.
# Installs come from the hashed locks in requirements/ (see requirements/compile.sh): serving needs only
# runtime.txt; the tests add test.txt; `make lint` lint.txt; `make bench` bench.txt.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r
PORT ?= 8000

.PHONY: run test check migrate seed openapi examples bench bench-load bench-queue lint lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.%: requirements/%.txt | $(BIN)/python
	$(INSTALL) $<
	touch $@

run: $(VENV)/.runtime
	PORT=$(PORT) $(BIN)/python -m service serve

test: $(VENV)/.test
	$(BIN)/python -m pytest

check: $(VENV)/.test
	$(BIN)/python -m pytest -m "not system"

migrate: $(VENV)/.runtime
	$(BIN)/python -m service migrate

seed: $(VENV)/.runtime
	$(BIN)/python -m service seed-demo

openapi: $(VENV)/.runtime
	$(BIN)/python -m service openapi > openapi/openapi.json

# Real answers on the demo for every operation, for the document (then regenerate it).
examples: $(VENV)/.test
	$(BIN)/python -m tests.api.examples
	$(MAKE) openapi

bench: $(VENV)/.bench
	$(BIN)/python -m bench.run
	$(BIN)/python -m bench.analyses

bench-load: $(VENV)/.test
	$(BIN)/python -m bench.load

bench-queue: $(VENV)/.test
	$(BIN)/python -m bench.queue

lint: $(VENV)/.lint
	$(BIN)/ruff check service tests migrations bench
	$(BIN)/mypy
	$(BIN)/lint-imports

lock:
	test -x .venv-tools/bin/uv || ($(PYTHON) -m venv .venv-tools && .venv-tools/bin/pip install --quiet uv==0.13.9)
	UV=.venv-tools/bin/uv requirements/compile.sh

clean:
	rm -rf $(VENV) .venv-tools var .pytest_cache .hypothesis .mypy_cache
