#!/usr/bin/env bash
# The main job on built-in defaults: set up, then reproduce the paper's Section 6 experiment
# (Figures 2, 3 and 4) with the `paper` preset. Results, figures and the report go to runs/paper/.
# A killed run continues where it stopped when this script is run again.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

out=runs/paper
resume=()
[ -f "$out/spec.json" ] && resume=(--resume)
./scripts/flatlab sweep --preset paper --out "$out" "${resume[@]}"
echo "run: open $out/report.html (figures in $out/figures/, tables in $out/results.csv and $out/results.parquet)"
