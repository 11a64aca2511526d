# pantau — the two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EXTRAS ?= dev,redis,maps
SERVE ?= 1
PORT ?= 8001

.PHONY: demo test lint install clean bench

# The install is redone whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[$(EXTRAS)]"
	touch $@

install: $(VENV)/.installed

demo: install
ifeq ($(SERVE),0)
	$(BIN)/pantau demo --no-serve
else
	$(BIN)/pantau demo --port $(PORT)
endif

test: install
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check .

bench: install
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) pantau.db pantau.db-wal pantau.db-shm pantau.db.lsh .demo
