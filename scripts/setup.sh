#!/usr/bin/env bash
# Installs what a fresh Debian machine with only the .NET SDK lacks, then builds FlatLab.
# OpenBLAS is optional: without it FlatLab falls back to managed (slower) dense kernels.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -e /usr/lib/x86_64-linux-gnu/libopenblas.so.0 ] && [ "$(uname -m)" = "x86_64" ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing libopenblas0 ..."
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
           && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libopenblas0 >/dev/null; }; then
      echo "setup: warning: could not install libopenblas0; the managed kernels will be used." >&2
    fi
  else
    echo "setup: warning: libopenblas0 is missing and this user cannot install it (needs root and apt-get);" \
         "the managed kernels will be used." >&2
  fi
fi

# The figures use DejaVu Sans (Skia reads fonts from /usr/share/fonts; without any, text is not drawn).
if ! find /usr/share/fonts -name 'DejaVuSans.ttf' 2>/dev/null | grep -q .; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing fonts-dejavu-core ..."
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
           && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null; }; then
      echo "setup: warning: could not install fonts-dejavu-core; figure text may be missing." >&2
    fi
  else
    echo "setup: warning: DejaVu Sans is missing and this user cannot install it (needs root and apt-get);" \
         "figure text may be missing." >&2
  fi
fi

# The Python client (python/) and its tests use Debian's interpreter with Debian's NumPy and pandas
# (no PyPI access is needed): /usr/bin/python3, or $FLATLAB_PYTHON.
python="${FLATLAB_PYTHON:-/usr/bin/python3}"
if [ -x "$python" ] && ! "$python" -c 'import numpy, pandas' >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing python3-numpy python3-pandas (for the Python client) ..."
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
           && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-numpy python3-pandas >/dev/null; }; then
      echo "setup: warning: could not install python3-numpy python3-pandas; the Python client's tests will be skipped." >&2
    fi
  else
    echo "setup: warning: $python lacks numpy or pandas and this user cannot install them (needs root and apt-get);" \
         "the Python client's tests will be skipped." >&2
  fi
fi

echo "setup: dotnet build -c Release ..."
dotnet build FlatLab.slnx -c Release -nologo -v quiet -clp:ErrorsOnly
