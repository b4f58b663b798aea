# Tidemark: `make run` opens the viewer (or exports screenshots with no display), `make test` runs the
# checks. Both do the whole set-up first (scripts/setup.sh), quickly when it is already done.
SHELL := /bin/bash

.PHONY: run test setup bench

run:
	bash scripts/run.sh

test: setup
	bash scripts/test.sh $(PYTEST_ARGS)

setup:
	bash scripts/setup.sh

bench: setup
	.venv/bin/tidemark bench --quick
