#!/usr/bin/env bash
# Cold start of `flatlab solve`: the same instance (n = 1000, m = 2000, d = 250, ReLU; or n = N, m = 2N,
# d = N/4 with a second argument) solved by a new
# process each time, REPS times each way: the published self-contained ReadyToRun binary
# (scripts/publish.sh), the framework-dependent build through its launcher, through `dotnet FlatLab.Cli.dll`,
# and through `dotnet run`. Records each process's wall time and CPU time, and the solve time FlatLab
# reports itself (solve_seconds). Then the warm reference: the same files read and solved REPS + 1 times in
# one process (`FlatLab.Bench warm-solve`, best of the repetitions after the first), and each way's median
# wall time against it. Writes bench/results/cold-start-n<N>-<date>.md.
#   bench/cold-start.sh [REPS [N]]     (build first: scripts/setup.sh and scripts/publish.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
reps="${1:-5}"
n="${2:-1000}"
m=$((2 * n))
d=$((n / 4))
published="dist/flatlab-linux-x64/flatlab"
build="src/FlatLab.Cli/bin/Release/net10.0"
[ -x "$published" ] || { echo "cold-start: $published is missing; run scripts/publish.sh" >&2; exit 2; }
[ -x "$build/flatlab" ] || { echo "cold-start: $build/flatlab is missing; run scripts/setup.sh" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$build/flatlab" generate --d "$d" --n "$n" --m "$m" --rho 0.5 --seed 1 --out "$work/instance" >/dev/null
args=(solve --features "$work/instance/X.csv" --labels "$work/instance/y.csv" --inner-weights "$work/instance/W.csv"
      --activation relu --json "$work/out.json")

stamp="$(date -u +%Y%m%d-%H%M)"
out="bench/results/cold-start-n$n-$stamp.md"
declare -A ways=(
  [published]="$published"
  [launcher]="$build/flatlab"
  [dll]="dotnet $build/FlatLab.Cli.dll"
  [dotnet-run]="dotnet run --project src/FlatLab.Cli -c Release --no-build --"
)
order=(published launcher dll dotnet-run)
{
  echo "# Cold start of flatlab solve, $(date -u '+%Y-%m-%d %H:%M') UTC"
  echo
  echo "Instance: \`flatlab generate --d $d --n $n --m $m --rho 0.5 --seed 1\` (CSV files, ReLU, p = 1)."
  echo "$reps runs each, interleaved; machine: $(nproc) cores, load average at start $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| way | run | wall s | CPU s (user + sys) | solve_seconds |"
  echo "|---|---:|---:|---:|---:|"
} >"$out"
for ((i = 1; i <= reps; i++)); do
  for way in "${order[@]}"; do
    # shellcheck disable=SC2086
    /usr/bin/time -f '%e %U %S' -o "$work/time" ${ways[$way]} "${args[@]}" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    read -r wall user sys <"$work/time"
    solve="$(sed -n 's/.*"solve_seconds": *\([0-9.eE+-]*\).*/\1/p' "$work/out.json" | head -1)"
    cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')"
    echo "| $way | $i | $wall | $cpu | $solve |" >>"$out"
    echo "$way $i: wall $wall s, cpu $cpu s, solve $solve s"
  done
done

# The warm reference. Every run, cold or warm, reads the same files from the page cache.
dotnet run -c Release --project bench/FlatLab.Bench -- warm-solve --instance "$work/instance" --repeat "$reps" >"$work/warm"
cat "$work/warm"
warm="$(sed -n 's/^warm: .* total \([0-9.]*\) s.*/\1/p' "$work/warm")"
{
  echo
  echo "Warm reference (\`FlatLab.Bench warm-solve\`: read X, y, W and solve, $((reps + 1)) times in one process):"
  echo
  sed 's/^/    /' "$work/warm"
  echo
  echo "| way | median wall s | warm read + solve s | ratio | within 1.3x |"
  echo "|---|---:|---:|---:|---|"
  for way in "${order[@]}"; do
    median="$(awk -F'|' -v w=" $way " '$2 == w { print $4 + 0 }' "$out" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')"
    awk -v w="$way" -v m="$median" -v r="$warm" 'BEGIN { printf "| %s | %.2f | %.3f | %.2f | %s |\n", w, m, r, m / r, (m <= 1.3 * r) ? "yes" : "no" }'
  done
} >>"$out"
echo "cold-start: $out"
