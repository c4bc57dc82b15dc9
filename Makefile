# The README's contract: `make demo` runs the whole course loop, `make test` runs every test.
# Both create the virtual environment themselves from the project's own files.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SERVE  ?= 1
PARTICIPANTS ?= 12
PORT   ?= 8866

.PHONY: venv demo test lint release clean-demo

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[test]"
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/valmennus demo --participants $(PARTICIPANTS) --serve $(SERVE) --port $(PORT)

test: $(STAMP)
	bash tools/install-system-deps.sh
	$(BIN)/ruff check src tests tools
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests tools

# Regenerate release/ from source/ (never edit release/ by hand).
release: $(STAMP)
	$(BIN)/valmennus build

clean-demo:
	rm -rf .demo
