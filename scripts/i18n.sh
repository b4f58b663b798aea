#!/usr/bin/env bash
# Refresh the Chinese translation source resources/i18n/tidemark_zh_CN.ts from the tr() strings of
# app/ (pyside6-lupdate keeps every translation made, drops strings no longer in the code and adds
# new ones as unfinished: translate those in Qt Linguist, `pyside6-linguist`, or in the file).
# With --release it also compiles the .qm the viewer loads (scripts/setup.sh does that too).
# Usage: scripts/i18n.sh [--release]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

BIN=${TIDEMARK_VENV_BIN:-.venv/bin}
TS=${TIDEMARK_TS:-resources/i18n/tidemark_zh_CN.ts}
QM=resources/i18n/tidemark_zh_CN.qm

release=0
for arg in "$@"; do
  case $arg in
    --release) release=1 ;;
    -h|--help) sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) printf 'i18n: unknown option %s\n' "$arg" >&2; exit 2 ;;
  esac
done

mkdir -p "$(dirname "$TS")"
# No source locations in the file: they would make it change with every edited line.
mapfile -t sources < <(find app -name '*.py' | LC_ALL=C sort)
"$BIN/pyside6-lupdate" -locations none -no-obsolete -source-language en -target-language zh_CN \
  "${sources[@]}" -ts "$TS"
if ((release)); then
  "$BIN/pyside6-lrelease" "$TS" -qm "$QM"
fi
