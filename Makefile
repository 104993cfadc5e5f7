# Two commands do everything on a fresh machine with Python 3.11+ and make: `make run`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
PORT ?= 8000

.PHONY: run test migrate seed openapi bench bench-load lint clean

$(INSTALLED): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	touch $(INSTALLED)

run: $(INSTALLED)
	PORT=$(PORT) $(BIN)/python -m service serve

test: $(INSTALLED)
	$(BIN)/python -m pytest

migrate: $(INSTALLED)
	$(BIN)/python -m service migrate

seed: $(INSTALLED)
	$(BIN)/python -m service seed-demo

openapi: $(INSTALLED)
	$(BIN)/python -m service openapi > openapi/openapi.json

bench: $(INSTALLED)
	$(BIN)/python -m pip install --quiet -r bench/requirements.txt
	$(BIN)/python -m bench.run

bench-load: $(INSTALLED)
	$(BIN)/python -m bench.load

lint: $(INSTALLED)
	$(BIN)/python -m pip install --quiet ruff
	$(BIN)/ruff check service tests migrations bench

clean:
	rm -rf $(VENV) var .pytest_cache .hypothesis
