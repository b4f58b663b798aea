#!/usr/bin/env bash
# `make test` (after set-up): the import-layer contracts, then the test suite offscreen.
# Extra arguments go to pytest. pytest's "no tests collected" (exit 5) is a failure like any other.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export QT_QPA_PLATFORM=offscreen

lint_rc=0
.venv/bin/lint-imports || lint_rc=$?
if ((lint_rc)); then
  echo "test: lint-imports failed (exit $lint_rc): import contracts broken or a layer is missing; running pytest anyway" >&2
fi

pytest_rc=0
.venv/bin/python -m pytest -q "$@" || pytest_rc=$?
if ((pytest_rc == 5)); then
  echo "test: pytest collected no tests; that counts as a failure" >&2
fi

if ((pytest_rc)); then exit "$pytest_rc"; fi
exit "$lint_rc"
