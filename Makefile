# The README's commands. Every target sets up what it needs on a fresh machine.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo serve lab-down test lint unit bench schema clean

# System packages (Debian) and the virtualenv with netops and its dev tools.
setup: $(STAMP)

$(STAMP): pyproject.toml scripts/bootstrap.sh
	bash scripts/bootstrap.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The main job on the embedded default: validate the prefecture, print its statistics,
# bring up the lab (one county by default; `make demo LAB_SCOPE=all` for the prefecture)
# show that it answers SNMP and SSH, poll once, audit, leave the polling service running
# in the background and open the NOC's TUI (q quits it). `make lab-down` stops them.
LAB_SCOPE ?= county xingyi
# The audit covers the lab's county (schools outside the lab would be "not monitored").
AUDIT_SCOPE ?= $(if $(filter county%,$(LAB_SCOPE)),$(LAB_SCOPE),all)
demo: setup
	$(BIN)/netops inventory validate
	$(BIN)/netops inventory stats
	$(BIN)/netops lab up --scope "$(LAB_SCOPE)"
	$(BIN)/netops lab probe
	$(BIN)/netops poll once
	$(BIN)/netops audit run --scope "$(AUDIT_SCOPE)"
	$(BIN)/netops service status >/dev/null 2>&1 || $(BIN)/netops service start
	@echo "The service polls the lab every minute into its InfluxDB. Stop all: make lab-down."
	@if [ -t 0 ] && [ -t 1 ]; then $(BIN)/netops tui; \
	else echo "No terminal here: run .venv/bin/netops tui to watch the network."; fi

# The polling service on the lab (or the configured network) until Ctrl+C.
serve: setup
	$(BIN)/netops serve

lab-down: setup
	-$(BIN)/netops service stop
	$(BIN)/netops lab down

# Lint, type-check and run the whole test suite.
test: setup lint
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

unit: setup
	$(BIN)/pytest tests/unit

# Every figure in docs/performance.md and the per-capability docs (a quiet machine: ~15 min).
BENCH_LAB := /tmp/netops-bench-lab
bench: setup
	$(BIN)/python bench/inventory_load.py
	$(BIN)/python bench/lab_up.py
	$(BIN)/python bench/lab_snmp.py
	$(BIN)/python bench/tui_speed.py
	$(BIN)/netops lab up --scope all --dir $(BENCH_LAB)
	$(BIN)/python bench/poll_cycle.py --dir $(BENCH_LAB)
	NETOPS_LAB_DIR=$(BENCH_LAB) NETOPS_STATE_PATH=$(BENCH_LAB)/state.sqlite \
	  NETOPS_INFLUX__SPOOL_PATH=$(BENCH_LAB)/spool.sqlite $(BIN)/netops poll once
	NETOPS_LAB_DIR=$(BENCH_LAB) $(BIN)/python bench/audit.py
	$(BIN)/netops lab down --dir $(BENCH_LAB)
	$(BIN)/python bench/provision.py

schema: setup
	$(BIN)/netops inventory schema

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
