#!/usr/bin/env bash
# Installs what a fresh Debian machine with only the .NET SDK lacks, then builds FlatLab.
#   ./scripts/setup.sh [--test] [--yes | --no-install]
#     --test  also what the tests need (the Python client's and the notebook's packages, Chromium)
#     --yes         install missing Debian packages without asking
#     --no-install  install nothing; only say what is missing
# It lists each missing package with the reason before installing anything, and installs only as root
# with apt-get: after asking when run from a terminal, without asking when not (CI, scripts), unless
# --no-install. Without them FlatLab still builds and runs: every package is optional, and what goes
# without it is said.
set -euo pipefail
cd "$(dirname "$0")/.."

test_packages=0
yes=0
no_install=0
for arg in "$@"; do
  case "$arg" in
    --test) test_packages=1 ;;
    --yes|-y) yes=1 ;;
    --no-install) no_install=1 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup: unknown option '$arg' (use --test, --yes, --no-install)" >&2; exit 2 ;;
  esac
done

python="${FLATLAB_PYTHON:-/usr/bin/python3}"
missing=()   # Debian packages to install
reasons=()   # one line each: package, why, what happens without it
want() { missing+=("$1"); reasons+=("$1: $2"); }

if [ "$(uname -m)" = "x86_64" ] && [ ! -e /usr/lib/x86_64-linux-gnu/libopenblas.so.0 ]; then
  want libopenblas0 "optimised BLAS/LAPACK for the dense kernels (without it FlatLab uses its slower managed kernels)"
fi
# The figures use DejaVu Sans (Skia reads fonts from /usr/share/fonts; without any, text is not drawn).
if ! find /usr/share/fonts -name 'DejaVuSans.ttf' 2>/dev/null | grep -q .; then
  want fonts-dejavu-core "the figures' font (without it figure text may be missing)"
fi
if [ "$test_packages" = 1 ]; then
  # The Python client (python/) and its tests use Debian's interpreter with Debian's NumPy and pandas.
  if [ -x "$python" ] && ! "$python" -c 'import numpy' >/dev/null 2>&1; then
    want python3-numpy "the Python client's arrays (its tests are skipped without it)"
  fi
  if [ -x "$python" ] && ! "$python" -c 'import pandas' >/dev/null 2>&1; then
    want python3-pandas "the Python client's tables (its tests are skipped without it)"
  fi
  if [ -x "$python" ] && ! "$python" -c 'import matplotlib' >/dev/null 2>&1; then
    want python3-matplotlib "the figure of the notebook docs/examples/quickstart.ipynb (not executed without it)"
  fi
  if ! command -v jupyter-nbconvert >/dev/null 2>&1; then
    want jupyter-nbconvert "executes the notebook docs/examples/quickstart.ipynb in the tests (skipped without it)"
  fi
  if [ -x "$python" ] && ! "$python" -c 'import ipykernel' >/dev/null 2>&1; then
    want python3-ipykernel "the notebook's Python kernel (the notebook is not executed without it)"
  fi
  if ! command -v chromium >/dev/null 2>&1; then
    want chromium "renders report.html headless in the tests, for console errors and layout at 800 px (skipped without it)"
  fi
fi

if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: these Debian packages are missing:"
  printf '  - %s\n' "${reasons[@]}"
  if [ "$no_install" = 1 ]; then
    echo "setup: not installing them (--no-install); as root: apt-get install ${missing[*]}" >&2
  elif [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: not installing them (needs root and apt-get); as root: apt-get install ${missing[*]}" >&2
  else
    install=0
    if [ "$yes" = 1 ] || [ ! -t 0 ]; then
      install=1   # listed above; no terminal to ask (CI, scripts): --no-install opts out
    else
      read -r -p "setup: install them with apt-get now? [y/N] " answer
      case "$answer" in y|Y|yes|YES) install=1 ;; esac
    fi
    if [ "$install" = 1 ]; then
      echo "setup: apt-get install --no-install-recommends ${missing[*]} ..."
      if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
             && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }; then
        echo "setup: warning: apt-get could not install them all; going on without (see the list above for what that means)." >&2
      fi
    else
      echo "setup: going on without them (see the list above for what that means)."
    fi
  fi
fi

echo "setup: dotnet build -c Release ..."
dotnet build FlatLab.slnx -c Release -nologo -v quiet -clp:ErrorsOnly
