#!/usr/bin/env bash
# Sets up (with the test packages; arguments go to scripts/setup.sh, e.g. --yes), then runs every test:
# the .NET suite, the Python client's tests, and four end-to-end checks: the published self-contained
# binary on the `smoke` preset, the report checker's self-test, that run's report.html in headless
# Chromium, and the notebook docs/examples/quickstart.ipynb. Ends with a line "N passed, N failed,
# N skipped" over all of them, and fails if any fails.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh --test "$@"

log="$(mktemp)"
pylog="$(mktemp)"
work="$(mktemp -d)"
trap 'rm -f "$log" "$pylog"; rm -rf "$work"' EXIT
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
# End-to-end checks, one test each.
check() {  # NAME COMMAND...: runs the command, counts it passed or failed
  local name="$1"
  shift
  echo "check: $name ..."
  if "$@"; then p=$((p + 1)); echo "check: $name: passed"; else f=$((f + 1)); status=1; echo "check: $name: FAILED" >&2; fi
}
skip() { s=$((s + 1)); echo "check: $1: skipped ($2)" >&2; }

exe="$work/dist/flatlab-linux-x64/flatlab"
published_smoke() {
  ./scripts/publish.sh "$work/dist/flatlab-linux-x64" >"$work/publish.log" 2>&1 || { cat "$work/publish.log" >&2; return 1; }
  # No .NET on the path and no runtime to find: the binary carries its own.
  if ! env DOTNET_ROOT=/nonexistent PATH=/usr/bin:/bin "$exe" sweep --preset smoke --out "$work/smoke" \
       >"$work/smoke.log" 2>&1; then
    cat "$work/smoke.log" >&2
    return 1
  fi
  local file
  for file in results.csv results.parquet stats.csv manifest.json summary.md report.html figures/figure-smoke.png; do
    [ -s "$work/smoke/$file" ] || { echo "published smoke: $file is missing or empty" >&2; return 1; }
  done
  # 12 cases, every one solved; the manifest names the command.
  [ "$(wc -l <"$work/smoke/results.csv")" -eq 13 ] || { echo "published smoke: results.csv does not hold 12 rows" >&2; return 1; }
  grep -q '^12 cases: 12 usable' "$work/smoke/summary.md" || { echo "published smoke: not every case is usable:" >&2; head -5 "$work/smoke/summary.md" >&2; return 1; }
  grep -q '"sweep",' "$work/smoke/manifest.json" || { echo "published smoke: manifest.json lacks the command line" >&2; return 1; }
  # Parquet is read and written by a native library shipped beside the binary: read the table back with it.
  if ! env DOTNET_ROOT=/nonexistent PATH=/usr/bin:/bin "$exe" plot --results "$work/smoke/results.parquet" \
       --out "$work/smoke-plot" >"$work/plot.log" 2>&1; then
    cat "$work/plot.log" >&2
    return 1
  fi
  grep -q '12 rows' "$work/plot.log" || { echo "published smoke: plot did not read 12 rows from results.parquet" >&2; cat "$work/plot.log" >&2; return 1; }
}
check "published binary on the smoke preset" published_smoke

if command -v chromium >/dev/null 2>&1 && [ -x "$python" ]; then
  check "report checker self-test (headless Chromium)" "$python" scripts/check_report.py --self-test
  if [ -s "$work/smoke/report.html" ]; then
    check "smoke report.html in headless Chromium at 800 px" "$python" scripts/check_report.py "$work/smoke/report.html"
  else
    skip "smoke report.html in headless Chromium" "no report: the published smoke run failed"
  fi
else
  skip "report in headless Chromium" "chromium is not installed; see scripts/setup.sh"
  skip "report checker self-test" "chromium is not installed; see scripts/setup.sh"
fi

if command -v jupyter-nbconvert >/dev/null 2>&1 && [ -x "$python" ] \
   && "$python" -c 'import numpy, pandas, matplotlib, ipykernel' >/dev/null 2>&1; then
  # The notebook uses the Python client with the published binary when there is one; a failing cell fails nbconvert.
  notebook() {
    local cli="$exe"
    [ -x "$cli" ] || cli="$PWD/src/FlatLab.Cli/bin/Release/net10.0/flatlab"
    FLATLAB_CLI="$cli" jupyter-nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
      --output-dir "$work" --output quickstart-executed docs/examples/quickstart.ipynb
  }
  check "notebook docs/examples/quickstart.ipynb (jupyter-nbconvert --execute)" notebook
else
  skip "notebook docs/examples/quickstart.ipynb" "jupyter-nbconvert, ipykernel or matplotlib is missing; see scripts/setup.sh"
fi

echo "$p passed, $f failed, $s skipped"
exit "$status"
