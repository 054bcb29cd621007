# Marsad: the two commands of the README, and a few helpers.
#   make demo   set up, extract the bundled sample articles into a database, serve the map
#   make test   set up (incl. PostgreSQL and Chromium for the tests) and run the tests
#   make check  the linters (make lint: ruff, ruff format, mypy), then the tests; CI runs this
#   make train  refit the shipped models from ../shared/eval
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
SAMPLES = marsad/data/samples/articles.jsonl

.PHONY: demo setup setup-test system-deps test lint check bench train clean

$(BIN)/marsad: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

setup: $(BIN)/marsad

$(VENV)/.test-deps: $(BIN)/marsad pyproject.toml
	$(BIN)/pip install -q -e '.[test]'
	touch $@

setup-test: $(VENV)/.test-deps system-deps

# PostgreSQL and Chromium for the storage and browser tests (Debian packages).
system-deps:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql chromium >/dev/null; \
	  else \
	    echo "note: PostgreSQL/Chromium missing and not root: those tests will be skipped"; \
	  fi; \
	fi

DEMO_DB ?= demo.db
PORT ?= 8000

demo: setup
	$(BIN)/marsad extract $(SAMPLES) -o samples-events.jsonl
	@echo "events of $(SAMPLES) written to samples-events.jsonl"
	$(BIN)/marsad ingest $(SAMPLES) --db $(DEMO_DB)
	$(BIN)/marsad process --db $(DEMO_DB)
	@echo "map: http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	$(BIN)/marsad serve --db $(DEMO_DB) --port $(PORT)

test: setup-test
	$(BIN)/pytest -q

# ruff (undefined names, unused imports, syntax; formatting), mypy over the typed
# public surface ([tool.mypy] in pyproject.toml)
lint: setup-test
	$(BIN)/ruff check marsad tests bench scripts
	$(BIN)/ruff format --check marsad tests bench scripts
	$(BIN)/mypy

# the linters, then the README's test command (what CI runs: .ci/run)
check: lint test

bench: setup
	$(BIN)/python bench/bench_extract.py

# refit the shipped models (marsad/data/model) from ../shared/eval; deterministic
train: setup
	$(BIN)/python scripts/train_model.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
