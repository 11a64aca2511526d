# pantau — the two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EXTRAS ?= dev,redis,maps
SERVE ?= 1
PORT ?= 8001

.PHONY: demo test lint install clean bench chromium

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

# The browser test (tests/test_browser.py) needs Chromium: installed here when missing, and required
# (PANTAU_REQUIRE_BROWSER=1 makes a missing browser a failure, not a skip).
test: install chromium
	$(BIN)/ruff check .
	PANTAU_REQUIRE_BROWSER=1 $(BIN)/python -m pytest -q

# Debian's Chromium and its chromedriver, for the browser test (no browser download of its own).
chromium:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then \
		SUDO=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
		echo "installing chromium and chromium-driver with apt-get"; \
		$$SUDO apt-get update -qq && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null \
		|| echo "could not install chromium: the browser test will fail"; \
	fi

lint: install
	$(BIN)/ruff check .

bench: install
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) pantau.db pantau.db-wal pantau.db-shm pantau.db.lsh .demo
