#!/usr/bin/env bash
# `make run`: set up, then open the viewer on the demo store; with no display, run the headless batch
# export of the demo session instead and say where the screenshots went.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

DB=data/demo.sqlite
OUT=screenshots

bash scripts/setup.sh --demo

if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
  echo "run: no display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so the viewer cannot open a window;"
  echo "run: running the headless batch export of 2026-06-02 11:30 instead."
  export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
  mkdir -p "$OUT"
  marker=$(mktemp)
  trap 'rm -f "$marker"' EXIT
  .venv/bin/tidemark export --db "$DB" --date 2026-06-02 --time 11:30 --out "$OUT/"
  mapfile -t written < <(find "$OUT" -type f -newer "$marker" | sort)
  if ((${#written[@]} == 0)); then
    echo "run: error: tidemark export finished but wrote no file under $PWD/$OUT/" >&2
    exit 1
  fi
  echo "run: ${#written[@]} screenshot(s) written to $PWD/$OUT/:"
  printf '  %s\n' "${written[@]}"
else
  exec .venv/bin/tidemark view --db "$DB"
fi
