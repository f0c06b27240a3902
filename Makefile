# Each target creates .venv when missing. Only python3 (3.11+) and make are needed.
VENV ?= .venv
BIN := $(VENV)/bin
PYTHON ?= python3

.PHONY: demo test test-postgres bench messages

$(BIN)/sanshe: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	@touch $@

demo: $(BIN)/sanshe
	$(BIN)/sanshe demo

test: $(BIN)/sanshe
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/pytest --numprocesses=auto --dist=loadfile

bench: $(BIN)/sanshe
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b; done

# One catalog for the project and one per feature app (settings.LOCALE_PATHS).
messages: $(BIN)/sanshe
	cd src/sanshe && ../../$(BIN)/sanshe makemessages -l en --no-obsolete && ../../$(BIN)/sanshe compilemessages -l en
