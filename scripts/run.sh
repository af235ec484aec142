#!/usr/bin/env bash
# The main job on built-in defaults: set up, draw a synthetic instance (flatlab generate),
# solve its flattest interpolator with the population loss (flatlab solve), print a summary.
# Results go to runs/default/ (instance files) and runs/default/solve/ (solution.json, outer_weights.csv).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

out=runs/default
rm -rf "$out"
./scripts/flatlab generate --out "$out"
# Solve with the data model that generated the instance (defaults: single-index relu link, noise 0.1).
./scripts/flatlab solve \
  --features "$out/X.csv" --labels "$out/y.csv" --inner-weights "$out/W.csv" --activation relu \
  --directions "$out/U.csv" --link single-index --noise-std 0.1 \
  --out "$out/solve"
echo "run: results in $out/solve/solution.json and $out/solve/outer_weights.csv"
