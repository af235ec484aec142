#!/usr/bin/env bash
# Sets up, then runs every test; ends with a line "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test FlatLab.slnx -c Release --no-build -nologo 2>&1 | tee "$log" || status=$?
# xunit's summary: "Passed!  - Failed: 0, Passed: 70, Skipped: 0, Total: 70, ..." (one per test assembly).
awk '/(Passed|Failed)!  ?- Failed:/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") f += $(i + 1); if ($i == "Passed:") p += $(i + 1); if ($i == "Skipped:") s += $(i + 1)
       }
       seen = 1
     }
     END { if (seen) printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
