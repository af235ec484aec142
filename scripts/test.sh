#!/usr/bin/env bash
# Sets up, then runs every test (the .NET suite, then the Python client's); ends with a line
# "N passed, N failed, N skipped" over both, and fails if either fails.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

log="$(mktemp)"
pylog="$(mktemp)"
trap 'rm -f "$log" "$pylog"' EXIT
status=0
dotnet test FlatLab.slnx -c Release --no-build -nologo 2>&1 | tee "$log" || status=$?
# xunit's summary: "Passed!  - Failed: 0, Passed: 70, Skipped: 0, Total: 70, ..." (one per test assembly).
read -r p f s < <(awk '/(Passed|Failed)!  ?- Failed:/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") f += $(i + 1); if ($i == "Passed:") p += $(i + 1); if ($i == "Skipped:") s += $(i + 1)
       }
       seen = 1
     }
     END { if (seen) printf "%d %d %d\n", p, f, s; else print "0 0 0" }' "$log")

# The Python client (python/), with Debian's interpreter (not a pyenv one without NumPy); override with FLATLAB_PYTHON.
python="${FLATLAB_PYTHON:-/usr/bin/python3}"
if [ -x "$python" ] && "$python" -c 'import numpy, pandas' >/dev/null 2>&1; then
  echo "python tests: $python -m unittest (python/tests)"
  FLATLAB_CLI="$PWD/src/FlatLab.Cli/bin/Release/net10.0/flatlab" \
    "$python" -m unittest discover -s python/tests -t python -v 2>&1 | tee "$pylog" || status=1
  # unittest ends with "Ran N tests in ..." and "OK", "OK (skipped=S)" or "FAILED (failures=F, errors=E, skipped=S)".
  read -r pp pf ps < <(awk '
       /^Ran [0-9]+ tests? in/ { ran = $2 }
       /^(OK|FAILED)/ {
         n = split($0, parts, /[(), =]+/)
         for (i = 1; i < n; i++) {
           if (parts[i] == "failures" || parts[i] == "errors") failed += parts[i + 1]
           if (parts[i] == "skipped") skipped += parts[i + 1]
         }
       }
       END { printf "%d %d %d\n", ran - failed - skipped, failed, skipped }' "$pylog")
  if [ "$pp" -eq 0 ] && [ "$pf" -eq 0 ]; then pf=1; status=1; echo "python tests: no result line" >&2; fi
  p=$((p + pp)); f=$((f + pf)); s=$((s + ps))
else
  echo "python tests: skipped ($python is missing or lacks numpy/pandas; see scripts/setup.sh)" >&2
  s=$((s + 1))
fi
echo "$p passed, $f failed, $s skipped"
exit "$status"
