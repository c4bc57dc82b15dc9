# The README's contract: `make demo` runs the whole course loop, `make test` runs every test.
# Both create the virtual environment themselves from the project's own files.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SERVE  ?= 1
PARTICIPANTS ?= 12
PORT   ?= 8866

# The one-host JupyterHub (deploy/README.md): its own venv from Debian's /usr/bin/python3 in a folder
# every account can read, and configurable-http-proxy from npm into deploy/node_modules.
HUB_PREFIX ?= /opt/valmennus-hub
HUB_VENV   := $(HUB_PREFIX)/venv
HUB_STAMP  := $(HUB_VENV)/.installed-stamp
HUB_PROXY  := deploy/node_modules/.bin/configurable-http-proxy
HUB_STATE  ?= /srv/valmennus-hub
HUB_PORT   ?= 8000
PACKAGE_FILES := $(shell find src -type f \( -name '*.py' -o -name '*.yaml' -o -name '*.css' -o -name '*.j2' -o -name '*.js' -o -name '*.po' -o -name '*.html' -o -name '*.json' \) 2>/dev/null)

# The hub test needs root (it creates Linux users). As root, `make test` builds the hub pieces and
# the hub test must run (VALMENNUS_REQUIRE_HUB=1); otherwise it is skipped with its reason.
ifeq ($(shell id -u),0)
HUB_TEST_DEPS := hub-env
HUB_REQUIRE   := 1
else
HUB_TEST_DEPS :=
HUB_REQUIRE   := 0
endif

# Let Python keep bytecode caches: the package is installed editable from src/, and every kernel, Voilà
# page and command the tests and the demo start imports it; compiled from source each time, that costs
# about 75 ms a process (measured: valmennus' own imports 25 ms with caches, ~100 ms without). Some
# sandboxes and CI images set PYTHONDONTWRITEBYTECODE, which would turn the caches off.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: venv demo test soak lint release clean-demo system-deps hub-env hub hub-clean bench bench-dashboard bench-hub bench-hub-dashboards bench-participant bench-store bench-routine bench-wall bench-hub-wall

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[test]"
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/valmennus demo --participants $(PARTICIPANTS) --serve $(SERVE) --port $(PORT)

system-deps:
	bash tools/install-system-deps.sh

# axe-core for the accessibility checks of the browser tests (tests/browser), pinned by its package-lock.json.
AXE_STAMP := tests/browser/node_modules/.stamp
$(AXE_STAMP): tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
	touch $(AXE_STAMP)

# Every test but the long soak variants (marker `soak`), which `make soak` runs and CI runs after this.
# tools/run_tests.py runs them in two pytest processes side by side: the hub's tests, the widgets'
# browser tests and the routine's in one (its BESIDE), the rest in the other (one process left half of
# 2 cores idle while its tests waited for servers, kernels and browsers). TEST_WORKERS: pytest-xdist
# workers for the rest (0: one process). On 2 cores xdist was no faster, and its workers ran one file's
# tests on both (the xdist_group marks of tests/conftest.py do not take effect), so test_ops.py failed.
# See the README.
TEST_WORKERS ?= 0
test: $(STAMP) system-deps $(HUB_TEST_DEPS) $(AXE_STAMP)
	$(BIN)/ruff check src tests tools benchmarks deploy
	$(BIN)/python -m compileall -q src tests > /dev/null
	VALMENNUS_REQUIRE_HUB=$(HUB_REQUIRE) HUB_VENV=$(HUB_VENV) $(BIN)/python tools/run_tests.py -n $(TEST_WORKERS)

soak: $(STAMP) system-deps
	$(BIN)/python -m pytest -m soak

lint: $(STAMP)
	$(BIN)/ruff check src tests tools benchmarks deploy

# Regenerate release/ from source/ (never edit release/ by hand).
release: $(STAMP)
	$(BIN)/valmennus build

clean-demo:
	rm -rf .demo

$(HUB_STAMP): pyproject.toml requirements.lock deploy/hub-constraints.txt deploy/build-hub-env.sh $(PACKAGE_FILES)
	bash deploy/build-hub-env.sh . $(HUB_PREFIX)
	touch $(HUB_STAMP)

$(HUB_PROXY): deploy/package.json deploy/package-lock.json
	npm ci --prefix deploy --no-audit --no-fund --loglevel=error
	touch $(HUB_PROXY)

hub-env: $(HUB_STAMP) $(HUB_PROXY)

# JupyterHub on http://127.0.0.1:$(HUB_PORT)/ with try-out accounts (root). Ctrl-C stops everything it started.
hub: system-deps hub-env
	HUB_VENV=$(HUB_VENV) $(HUB_VENV)/bin/python deploy/run_hub.py --state $(HUB_STATE) --port $(HUB_PORT)

# Remove the try-out accounts, their homes and $(HUB_STATE) (the hub must be stopped).
hub-clean:
	HUB_VENV=$(HUB_VENV) $(HUB_VENV)/bin/python deploy/run_hub.py --state $(HUB_STATE) --clean

# Benchmarks: ratios against plain nbgrader on the same run (figures go into the README).
bench: $(STAMP)
	$(BIN)/python benchmarks/autograde.py --participants $(or $(BENCH_N),100)

# Dashboard tables for 1,000 synthetic participants x 8 weeks, and first render in Voilà vs an empty notebook.
bench-dashboard: $(STAMP)
	$(BIN)/python benchmarks/dashboard.py $(if $(COURSES),--courses $(COURSES))

# The hub under load (root): BENCH_HUB_N participants open week 1 at once on a real hub with real accounts,
# against one participant alone in the same run; removes every account, folder and server it made.
BENCH_HUB_N ?= 30
bench-hub: $(STAMP) system-deps hub-env
	HUB_VENV=$(HUB_VENV) $(BIN)/python benchmarks/hub.py --participants $(BENCH_HUB_N)

# The dashboards service on a real hub (root; issue 14): each dashboard's first render through the hub against an
# empty notebook in the same pre-heated service (<= 1.5x), two courses holding the demo's simulated records
# (run `make demo` first); benchmarks/results/hub_dashboards.json.
bench-hub-dashboards: $(STAMP) system-deps hub-env
	HUB_VENV=$(HUB_VENV) $(BIN)/python benchmarks/hub_dashboards.py --rounds $(or $(ROUNDS),3)

# The participant app: the home, a week to usable widgets against an empty Voila notebook in the same
# server (real Chromium), and one save against a bare write (benchmarks/results/participant.json).
bench-participant: $(STAMP) system-deps
	$(BIN)/python benchmarks/participant.py --rounds $(or $(ROUNDS),5)

# A routine pass over a course of BENCH_ROUTINE_N participants (30) with nothing to do (< 5 s) and with one week
# to collect, grade and release, against the same steps by hand (<= 1.2x; benchmarks/results/routine.json).
bench-routine: $(STAMP)
	$(BIN)/python benchmarks/routine.py --participants $(or $(BENCH_ROUTINE_N),30)

# The group's space: a wall of 200 posts and 1,000 comments rendered (< 300 ms), and 30 participants sending,
# reading and commenting at once (p95 < 500 ms, nothing lost), on the embedded server (benchmarks/results/wall.json).
bench-wall: $(STAMP)
	$(BIN)/python benchmarks/wall.py --participants $(or $(BENCH_WALL_N),30)

# The same through the one-host hub (root): the course's wall service behind the hub's proxy and OAuth, on the
# course's PostgreSQL, 30 participants with hub tokens in six small groups of five and their coach; removes every
# account, folder and server it made (benchmarks/results/hub_wall.json).
bench-hub-wall: $(STAMP) system-deps hub-env
	HUB_VENV=$(HUB_VENV) $(BIN)/python benchmarks/hub_wall.py --participants $(or $(BENCH_WALL_N),30)

# The reporting store's tables for BENCH_N (10,000) participants x 8 weeks read back (benchmarks/results/store.json).
bench-store: $(STAMP)
	$(BIN)/python benchmarks/store.py --participants $(or $(BENCH_N),10000)
