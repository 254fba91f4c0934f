# Two commands do all the set-up on a fresh machine with Python 3.11+ and make:
#   make run    create the virtual environment, install from the lock, migrate, run the bot
#   make test   the same environment, then lint, type-check and the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint format typecheck pytest migrate plan bench lock clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m bot

test: $(STAMP) lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

typecheck: $(STAMP)
	$(BIN)/mypy

# Six workers on two cores: the suite mostly waits (timeouts, leases, bots starting in their own
# processes), about one core busy on average; it passed so under two busy loops too.
pytest: $(STAMP)
	$(BIN)/pytest -q -n 6 -m "not alone"
	$(BIN)/pytest -q -m alone

migrate: $(STAMP)
	$(BIN)/python -m bot migrate

plan: $(STAMP)
	$(BIN)/python -m bot plan --tight calves,hip_flexors,glutes --minutes 10 --run tempo

bench: $(STAMP)
	$(BIN)/python -m bench.planner
	$(BIN)/python -m bench.interactions

# Refresh the lock after changing the ranges in pyproject.toml.
lock: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable > requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis .import_linter_cache
