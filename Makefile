# Every target installs what it needs through the sentinels below, so a fresh clone needs
# no other step. `make` alone lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
PIP := $(PY) -m pip --disable-pip-version-check -q
# Two sentinels: what the server needs (`make mock`), and everything (tests, checks, tools).
RUNTIME_STAMP := $(VENV)/.installed-runtime
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
# A spec's name (openapi/NAME.yaml, generator/NAME.yaml); its client lives in
# generated_client/ under the name with `_` for `-`.
APIS := aihomedesign aihomedesign-v3 autoenhance
client_dir = generated_client/$(subst -,_,$(1))
CLIENTS := $(foreach api,$(APIS),-e ./$(call client_dir,$(api)))
SPECTRAL := node_modules/.bin/spectral
PYTEST := $(BIN)/pytest --numprocesses auto
# The generator's post-hooks call `ruff`; ours is the pinned one in the venv.
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: help install generate check-generated lint check test test-fast check-deep mock contract conformance bench soak clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

# The runtime dependencies and the generated clients, nothing of [dev]: a fresh clone's
# `make mock` answers within a minute.
# The wheel's editable install copies the generated clients (force-include), so a
# regenerated client must reinstall.
GENERATED := $(shell find generated_client -name '*.py' -not -path '*/__pycache__/*')
$(RUNTIME_STAMP): pyproject.toml $(wildcard generated_client/*/pyproject.toml) $(GENERATED)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -e . $(CLIENTS)
	touch $@

$(PY_STAMP): $(RUNTIME_STAMP)
	$(PIP) install --upgrade pip
	$(PIP) install -e ".[dev]" $(CLIENTS)
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(PY_STAMP) $(NODE_STAMP) ## Create .venv and node_modules and install everything

generate: $(PY_STAMP) ## Regenerate generated_client/ from openapi/*.yaml
	@for api in $(APIS); do \
	  $(BIN)/openapi-python-client generate --path openapi/$$api.yaml \
	    --config generator/$$api.yaml --output-path generated_client/$${api//-/_} \
	    --meta pdm --overwrite --fail-on-warning || exit 1; \
	done

check-generated: $(PY_STAMP) ## Fail if generated_client/ differs from what the specs generate
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	for api in $(APIS); do \
	  $(BIN)/openapi-python-client generate --path openapi/$$api.yaml \
	    --config generator/$$api.yaml --output-path "$$tmp/$$api" \
	    --meta pdm --overwrite --fail-on-warning >/dev/null || exit 1; \
	  diff -r -x __pycache__ -x '*.egg-info' -x .ruff_cache -x .pdm-build "$$tmp/$$api" generated_client/$${api//-/_} \
	    || { echo "generated_client/$${api//-/_} is stale: run 'make generate'"; exit 1; }; \
	done; echo "generated clients are up to date"

lint: $(NODE_STAMP) ## Lint every spec with Spectral (spectral:oas; a warning fails)
	$(SPECTRAL) lint --ruleset .spectral.yaml --fail-severity warn $(foreach api,$(APIS),openapi/$(api).yaml)

check: $(PY_STAMP) ## Read-only code checks: ruff, ruff format, mypy
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy mock_server tests contract_tests
	$(BIN)/mypy --strict --config-file= generated_client/aihomedesign/aihomedesign_client generated_client/aihomedesign_v3/aihomedesign_v3_client generated_client/autoenhance/autoenhance_client

test-fast: $(PY_STAMP) ## The inner loop (under a minute): unit and in-process tests, no child process, no coverage
	$(PYTEST) -m "not subprocess and not deep"

test: check lint check-generated ## Everything CI runs first: checks, spec lint, drift check, every test but the deep ones (branch coverage gate: 90%)
	$(PYTEST) -m "not deep" --cov --cov-report=term --durations=15

# The paths are explicit so that both conftests (which add the options) load whatever
# CONTRACT_ARGS holds; write options with `=` (--contract-seed=N).
check-deep: $(PY_STAMP) ## The slow checks: st reach runs, the deep contract pass (--contract-deep), the full hostile corpus (seed printed; CONTRACT_ARGS="--contract-seed=N" replays)
	$(PYTEST) -m "deep or corpus or (contract and not subprocess)" --contract-deep \
	  --corpus-examples=400 --durations=15 $(CONTRACT_ARGS) tests contract_tests

mock: $(RUNTIME_STAMP) ## Serve both mocks (AI HomeDesign :4010, Autoenhance :4011; installs the runtime only); options: ARGS="..."
	$(BIN)/mock-server $(ARGS)

contract: $(PY_STAMP) ## Deeper randomized contract pass (prints its seed; CONTRACT_ARGS="--contract-seed N" replays)
	$(BIN)/pytest contract_tests --contract-deep $(CONTRACT_ARGS)

conformance: $(PY_STAMP) ## Contract checks against a live server: API=... URL=... KEY=... [ALLOW_WRITES=1] [JUNIT=path]
	@test -n "$(API)" -a -n "$(URL)" -a -n "$(KEY)" || { echo "usage: make conformance API=aihomedesign|autoenhance URL=<base url> KEY=<api key> [ALLOW_WRITES=1]"; exit 2; }
	$(PY) -m contract_tests.conformance --api "$(API)" --url "$(URL)" --key "$(KEY)" \
	  $(if $(ALLOW_WRITES),--allow-writes) $(if $(JUNIT),--junit "$(JUNIT)")

bench: install ## Benchmark ours against Prism, WireMock and a raw WSGI ceiling (writes bench/results/)
	$(PY) -m bench

soak: $(PY_STAMP) ## 100k requests against the standalone mock; fails if memory grows
	$(PY) -m bench --soak

clean: ## Remove build output and caches (keeps .venv and node_modules)
	rm -rf build dist .mypy_cache .pytest_cache .ruff_cache .hypothesis
	find . -name __pycache__ -type d -prune -not -path './.venv/*' -not -path './node_modules/*' -exec rm -rf {} +
