# Everything a new machine needs, from Python 3.11+ and make alone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Tests run in parallel on every core; PYTEST_ARGS adds to or overrides that.
PYTEST_ARGS ?= -n auto

.PHONY: install run migrate test lint format lock clean bench bench-instructions browser page-checks check-clients

install: $(VENV)/.installed

# Reinstall only when the lock file or the project's metadata changes, so a second
# `make run` starts in seconds.
$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

migrate: install
	$(BIN)/openings migrate

# Migrate, import the bundled sample adverts into an empty database, then serve.
run: migrate
	$(BIN)/openings seed
	$(BIN)/openings serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy app
	$(BIN)/hadolint Dockerfile

test: lint browser page-checks
	$(BIN)/pytest $(PYTEST_ARGS)

# The browser tests drive the system's Chromium (Debian's package): installed here when it is
# missing and this is a Debian or Ubuntu machine run as root; otherwise say how.
browser:
	@command -v chromium >/dev/null || { command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] \
	  && echo "installing Debian's chromium for the browser tests" \
	  && apt-get update -qq && apt-get install -y -qq chromium >/dev/null; } \
	  || { echo "make test needs Chromium for its browser tests: sudo apt-get install chromium" >&2; exit 1; }

# axe-core, which the browser test of the pages runs on every page (tests/pages/axe).
PAGE_CHECKS := tests/pages/axe
page-checks: $(PAGE_CHECKS)/node_modules/.installed

$(PAGE_CHECKS)/node_modules/.installed: $(PAGE_CHECKS)/package-lock.json
	cd $(PAGE_CHECKS) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# A TypeScript client written with openapi-fetch, type-checked under tsc --strict against types
# openapi-typescript generates from the app's own OpenAPI document (clients/typescript).
CLIENTS := clients/typescript
check-clients: install
	cd $(CLIENTS) && npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/openings openapi > $(CLIENTS)/openapi.json
	cd $(CLIENTS) && npx openapi-typescript openapi.json -o schema.d.ts && npx tsc -p .

# The benchmark (bench/README.md); needs wrk. BENCH_ARGS narrows it, e.g. "--sizes 10000".
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Instructions per request of two revisions under callgrind (bench/README.md); needs valgrind.
bench-instructions: install
	$(BIN)/python bench/instructions.py $(BENCH_ARGS)

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Re-resolve the pinned dependencies after editing pyproject.toml.
lock: install
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache $(CLIENTS)/node_modules $(PAGE_CHECKS)/node_modules
