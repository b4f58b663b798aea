#!/usr/bin/env bash
# Tidemark set-up, idempotent and quick when everything is already there:
#   1. the Debian libraries Qt needs and a CJK font (apt-get, only for what dpkg says is missing);
#   2. a Python 3.11 virtual environment in .venv;
#   3. `pip install -e ".[test]"` into it, again only when pyproject.toml changed since the last install;
#   4. the Chinese translation resources/i18n/tidemark_zh_CN.qm, compiled from its .ts when absent
#      or when the .ts changed since it was compiled (pyside6-lrelease, from PySide6 in the venv);
#   5. with --demo: the demo store data/demo.sqlite, when it is absent.
# Usage: scripts/setup.sh [--demo]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

VENV=.venv
STAMP=$VENV/.tidemark-installed      # holds the sha256 of the pyproject.toml last installed
DEMO_DB=data/demo.sqlite

# What PySide6's QtCore/QtGui/QtWidgets and the xcb and offscreen platform plugins link against, the
# xcb-cursor library Qt >= 6.5 needs on X11, and a font with Chinese glyphs for the market terms.
APT_PACKAGES=(
  libegl1 libgl1 libopengl0 libglib2.0-0 libdbus-1-3
  libfontconfig1 libfreetype6 fontconfig fonts-wqy-microhei
  libxkbcommon0 libxkbcommon-x11-0 libx11-6 libx11-xcb1
  libxcb1 libxcb-cursor0 libxcb-glx0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-xfixes0
  libxcb-xinerama0 libxcb-xkb1
)

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

want_demo=0
for arg in "$@"; do
  case $arg in
    --demo) want_demo=1 ;;
    -h|--help) sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$arg' (usage: scripts/setup.sh [--demo])" ;;
  esac
done

# --- Python 3.11 with venv -------------------------------------------------------------------
is_py311() { "$1" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' >/dev/null 2>&1; }
has_venv() { "$1" -c 'import ensurepip, venv' >/dev/null 2>&1; }

venv_ok() { [[ -x $VENV/bin/python && -x $VENV/bin/pip ]] && is_py311 "$VENV/bin/python"; }

PY=""
if ! venv_ok; then
  for cand in python3.11 python3; do
    if command -v "$cand" >/dev/null 2>&1 && is_py311 "$cand" && has_venv "$cand"; then
      PY=$(command -v "$cand"); break
    fi
  done
fi

# --- system packages -------------------------------------------------------------------------
need_py_pkgs=0
if ! venv_ok && [[ -z $PY ]]; then
  # Debian 12's python3 is 3.11; its venv module needs python3.11-venv (ensurepip).
  need_py_pkgs=1
  APT_PACKAGES+=(python3.11 python3.11-venv)
fi

if command -v dpkg-query >/dev/null 2>&1; then
  declare -A installed=()
  # One dpkg-query for the whole list; unknown names only print to stderr.
  while read -r name status; do
    [[ $status == "install ok installed" ]] && installed[${name%%:*}]=1
  done < <(dpkg-query -W -f='${Package} ${Status}\n' "${APT_PACKAGES[@]}" 2>/dev/null || true)
  missing=()
  for p in "${APT_PACKAGES[@]}"; do [[ -n ${installed[$p]:-} ]] || missing+=("$p"); done

  if ((${#missing[@]})); then
    say "installing missing system packages: ${missing[*]}"
    if [[ $(id -u) -eq 0 ]]; then as_root=(env)
    elif command -v sudo >/dev/null 2>&1; then as_root=(sudo env)
    else die "these Debian packages are missing and installing them needs root: ${missing[*]}"
    fi
    apt_opts=(-q -o DPkg::Lock::Timeout=300)
    "${as_root[@]}" DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" update \
      || say "warning: apt-get update failed; trying the install with the package lists there are"
    "${as_root[@]}" DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y \
      --no-install-recommends "${missing[@]}" \
      || die "apt-get could not install: ${missing[*]}"
  fi
else
  say "warning: not a Debian system (no dpkg-query); make sure Qt 6's X11/EGL libraries and a CJK font are installed"
fi

if ((need_py_pkgs)); then
  PY=/usr/bin/python3.11
  if ! { [[ -x $PY ]] && is_py311 "$PY" && has_venv "$PY"; }; then
    die "no Python 3.11 with the venv module found after installing python3.11-venv"
  fi
fi

# --- virtual environment ---------------------------------------------------------------------
if ! venv_ok; then
  if [[ -e $VENV ]]; then say "removing $VENV: it is not a usable Python 3.11 environment"; rm -rf "$VENV"; fi
  say "creating $VENV with $PY ($("$PY" --version 2>&1))"
  "$PY" -m venv "$VENV" || { rm -rf "$VENV"; die "could not create $VENV with $PY"; }
fi

want=$(sha256sum pyproject.toml | cut -d' ' -f1)
have=$(cat "$STAMP" 2>/dev/null || true)
if [[ $want != "$have" || ! -x $VENV/bin/tidemark || ! -x $VENV/bin/lint-imports ]]; then
  say "installing Tidemark and its test tools into $VENV (pip install -e \".[test]\")"
  rm -f "$STAMP"
  PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 \
    "$VENV/bin/python" -m pip install --progress-bar off -e ".[test]"
  printf '%s\n' "$want" > "$STAMP"
fi

# The project is installed editable, so pip compiled none of its own modules; with
# PYTHONDONTWRITEBYTECODE set (as on these machines) every start compiled ~80 modules from source
# (~0.2 s). Up-to-date files are skipped, so this costs a stat per file once compiled.
"$VENV/bin/python" -m compileall -q app >/dev/null || say "warning: could not byte-compile app/"

# --- Chinese translation --------------------------------------------------------------------
# The .qm is a build output (not committed): compiled here on a fresh machine and again whenever
# the .ts changed (a pull brought new translations): the stamp holds the sha256 of the .ts compiled.
# The viewer shows English without it.
TS=resources/i18n/tidemark_zh_CN.ts
QM=resources/i18n/tidemark_zh_CN.qm
QM_STAMP=resources/i18n/.tidemark_zh_CN.compiled
ts_sum=$(sha256sum "$TS" | cut -d' ' -f1)
if [[ ! -s $QM || $ts_sum != "$(cat "$QM_STAMP" 2>/dev/null || true)" ]]; then
  say "compiling the Chinese translation $QM"
  rm -f "$QM_STAMP"
  "$VENV/bin/pyside6-lrelease" -silent "$TS" -qm "$QM" || die "pyside6-lrelease could not compile $TS"
  printf '%s\n' "$ts_sum" > "$QM_STAMP"
fi

# --- demo store ------------------------------------------------------------------------------
if ((want_demo)) && [[ ! -s $DEMO_DB ]]; then
  say "building the demo store $DEMO_DB (first run only)"
  mkdir -p "$(dirname "$DEMO_DB")"
  # Build under a temporary name so that an interrupted build never passes for a finished store.
  tmp=$(dirname "$DEMO_DB")/.demo-build.sqlite
  rm -f "$tmp" "$tmp-wal" "$tmp-shm" "$tmp-journal"
  "$VENV/bin/tidemark" demo --db "$tmp" || { rm -f "$tmp" "$tmp-wal" "$tmp-shm"; die "tidemark demo failed"; }
  [[ -s $tmp ]] || die "tidemark demo exited 0 but wrote no store at $tmp"
  rm -f "$DEMO_DB-wal" "$DEMO_DB-shm"
  if [[ -e $tmp-wal ]]; then mv "$tmp-wal" "$DEMO_DB-wal"; fi
  rm -f "$tmp-shm"
  mv "$tmp" "$DEMO_DB"
fi

say "ready"
