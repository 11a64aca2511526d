# pantau — the two commands a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# transformers: torch (CPU build, torch==2.13.0) and transformers, so the transformers backend's tests run too.
EXTRAS ?= dev,redis,maps,transformers
SERVE ?= 1
PORT ?= 8001

.PHONY: demo test lint install clean bench system-deps model

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

# The tests need two programs from Debian, installed here when missing: Chromium (the browser test drives it;
# PANTAU_REQUIRE_BROWSER=1 makes a missing browser a failure, not a skip) and redis-server (the scale-out test).
test: install system-deps
	$(BIN)/ruff check .
	PANTAU_REQUIRE_BROWSER=1 $(BIN)/python -m pytest -q

# Debian's packages: chromium and chromium-driver (no browser download of their own) and redis-server.
SYSTEM_PACKAGES := chromium:chromium chromedriver:chromium-driver redis-server:redis-server
system-deps:
	@missing=""; for pair in $(SYSTEM_PACKAGES); do \
		command -v $${pair%%:*} >/dev/null 2>&1 || missing="$$missing $${pair##*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
		SUDO=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
		echo "installing with apt-get:$$missing"; \
		$$SUDO apt-get update -qq && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null \
		|| echo "could not install$$missing: the tests that need them will fail"; \
	fi

lint: install
	$(BIN)/ruff check .

# Retrain the shipped NERs from models/corpus/ on CPU: the spaCy one (models/ner/model/, about 3 minutes on
# 2 cores) and the perceptron (models/perceptron/model.npz, seconds).
model: install
	$(BIN)/pantau train
	$(BIN)/pantau train --backend perceptron

bench: install
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) pantau.db pantau.db-wal pantau.db-shm test-artifacts
