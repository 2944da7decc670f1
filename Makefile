# eventwire — `make demo` sets up and runs the main job on samples/; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= demo.duckdb

.PHONY: setup demo test bench web clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[test]"
	touch $@

demo: setup
	rm -f $(DB) $(DB).wal
	@# the seed's timestamp is relative ("Ayer 15:35"): give the time the snapshot was fetched
	$(BIN)/eventwire ingest samples/ --db $(DB) --retrieved 2025-05-28T09:00:00Z
	$(BIN)/eventwire articles --db $(DB)
	$(BIN)/eventwire events --db $(DB) --format table

test: setup
	$(BIN)/python -m pytest -q

bench: setup
	for b in bench/bench_*.py; do $(BIN)/python $$b || exit 1; done

web:  # rebuilds the dashboard bundle (committed in eventwire/web/dist) with the npm toolchain
	cd web-src && npm ci && npm run build

clean:
	rm -rf $(VENV) $(DB) $(DB).wal .pytest_cache
