# The two set-up commands of the README: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site test check lint golden clean

$(BIN)/explainer: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

site: $(BIN)/explainer
	$(BIN)/explainer build --strict

check: $(BIN)/explainer
	$(BIN)/explainer check

lint: $(BIN)/explainer
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

golden: $(BIN)/explainer
	$(BIN)/python tests/regenerate_golden.py

clean:
	rm -rf output $(VENV) .mypy_cache .pytest_cache .ruff_cache
