#!/usr/bin/env bash
# End-to-end check of the Slurm path on a real single-node Slurm cluster started on this machine:
#   1. installs Debian's slurm-wlm and munge if missing, starts munged, slurmctld and slurmd with a
#      throw-away configuration under a temporary folder, waits for the node to be idle;
#   2. runs a trivial job array (echoes SLURM_ARRAY_TASK_ID) to check the cluster itself;
#   3. builds FlatLab (dotnet build -c Release) unless --no-build;
#   4. submits the sweep with deploy/slurm/submit.sh: a job array of N shards and a dependent merge
#      job, and waits for both; with --requeue it requeues array task 0 (scontrol requeue) in the
#      middle of its shard and checks that the task ran again and resumed;
#   5. re-submits one array task on the finished run, as a late requeue would, and checks that
#      --resume ran nothing again (the shard's case log stays byte for byte the same);
#   6. runs the same sweep in one process;
#   7. checks that no shard holds a case twice and the shards add up to the single run, and compares
#      results.csv of both in every column except the timings solve_seconds and case_seconds;
#   8. stops the daemons (always, also on failure or Ctrl-C) and prints PASS or FAIL.
#
# Usage: tests/integration/slurm-single-node.sh [--preset NAME] [--shards N] [--cpus C]
#                                               [--requeue] [--no-build | --flatlab FILE] [--keep]
#   --preset NAME   sweep to run (default smoke)     --shards N  array size (default 3)
#   --cpus C        cores per array task (default 1)
#   --requeue       requeue task 0 mid-shard (needs a preset whose shard lasts a few seconds: fig2)
#   --no-build      use the existing Release build   --flatlab FILE  use this flatlab, no build
#   --keep          keep the temporary folder also after a PASS (it is always kept after a FAIL)
#
# Needs root (it starts system daemons), apt-get (first time only), python3 and the .NET 10 SDK.
# Too slow and privileged for CI; run it by hand. Exit status 0 on PASS, 1 on FAIL.
set -uo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/tests/integration"
preset=smoke shards=3 cpus=1 build=1 keep=0 requeue=0 exe_given=""
while [ $# -gt 0 ]; do
  case "$1" in
    --preset) preset="${2:?}"; shift 2 ;;
    --shards) shards="${2:?}"; shift 2 ;;
    --cpus) cpus="${2:?}"; shift 2 ;;
    --no-build) build=0; shift ;;
    --flatlab) exe_given="${2:?}"; build=0; shift 2 ;;
    --keep) keep=1; shift ;;
    --requeue) requeue=1; shift ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "slurm-single-node: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

# shellcheck source=tests/integration/lib/local-slurm.sh
. "$here/lib/local-slurm.sh"

work="$(mktemp -d /tmp/flatlab-slurm-it.XXXXXX)"
result=FAIL
reason="did not finish"
t_start=$(date +%s)

step() { echo; echo "== $* ($(date -u +%H:%M:%S))"; }
die() { reason="$*"; exit 1; }

cleanup() {
  local status=$?
  if [ -n "${SLURM_CONF:-}" ] && command -v squeue >/dev/null 2>&1; then
    # Cancel anything still queued or running in the test cluster before its daemons go away.
    local jobs
    mapfile -t jobs < <(squeue -h -o %A 2>/dev/null | sort -u)
    if [ "${#jobs[@]}" -gt 0 ]; then scancel "${jobs[@]}" 2>/dev/null; sleep 2; fi
  fi
  local_slurm_stop
  local elapsed=$(( $(date +%s) - t_start ))
  echo
  if [ "$result" = PASS ]; then
    if [ "$keep" = 1 ]; then echo "slurm-single-node: files kept in $work"; else rm -rf "$work"; fi
    echo "PASS: slurm-single-node: preset $preset, $shards shards through Slurm, merged table equals the single run (${elapsed}s)"
    exit 0
  fi
  echo "slurm-single-node: files kept in $work (Slurm logs in $work/slurm/log, job logs in $work/slurm-run/logs)"
  echo "FAIL: slurm-single-node: $reason (${elapsed}s)"
  [ "$status" -eq 0 ] && exit 1 || exit "$status"
}
trap cleanup EXIT
trap 'reason="interrupted"; exit 130' INT TERM

[ "$(id -u)" -eq 0 ] || die "needs root (it starts munged, slurmctld and slurmd)"
command -v python3 >/dev/null 2>&1 || die "needs python3 (for the table comparison)"
[[ "$shards" =~ ^[1-9][0-9]*$ ]] || die "--shards must be a positive integer"

step "1. start a single-node Slurm cluster in $work/slurm"
local_slurm_start "$work/slurm" || die "Slurm did not start (see $work/slurm/log)"
sinfo

step "2. trivial job array (0-2) to check the cluster"
cat >"$work/echo.sh" <<'EOF'
#!/bin/bash
echo "task $SLURM_ARRAY_TASK_ID of $SLURM_ARRAY_TASK_COUNT on $(hostname -s)"
EOF
sbatch --wait --array=0-2 --cpus-per-task=1 --output="$work/echo-%a.out" "$work/echo.sh" \
  || die "the trivial job array failed"
cat "$work"/echo-*.out
[ "$(cat "$work"/echo-*.out | grep -c '^task [0-2] of 3 ')" -eq 3 ] || die "the trivial job array printed the wrong lines"

exe="${exe_given:-$root/src/FlatLab.Cli/bin/Release/net10.0/flatlab}"
exe="$(cd "$(dirname "$exe")" && pwd)/$(basename "$exe")"
if [ "$build" = 1 ]; then
  step "3. dotnet build -c Release"
  t0=$(date +%s)
  (cd "$root" && dotnet build src/FlatLab.Cli/FlatLab.Cli.csproj -c Release -nologo -v quiet -clp:ErrorsOnly) \
    || die "dotnet build failed"
  echo "built in $(( $(date +%s) - t0 ))s"
else
  step "3. build skipped: $exe"
fi
[ -x "$exe" ] || die "$exe is missing (build first, or drop --no-build)"

step "4. submit preset $preset as $shards array tasks x $cpus CPU + dependent merge (deploy/slurm/submit.sh --wait)"
t0=$(date +%s)
"$root/deploy/slurm/submit.sh" --preset "$preset" --run "$work/slurm-run" --shards "$shards" \
  --cpus "$cpus" --flatlab "$exe" --wait >"$work/submit.log" 2>&1 &
submit_pid=$!
if [ "$requeue" = 1 ]; then
  # Requeue array task 0 in the middle of its shard, as a node failure or preemption would.
  log0="$work/slurm-run/shard-0/cases.jsonl"
  requeued=0 saved=0
  while kill -0 "$submit_pid" 2>/dev/null; do
    saved=$(grep -c . "$log0" 2>/dev/null || true)
    if [ "${saved:-0}" -ge 3 ]; then
      array_id="$(grep -o 'array job [0-9]*' "$work/submit.log" | awk '{print $3}')"
      if [ "$(squeue -h -j "${array_id}_0" -o %T 2>/dev/null)" = RUNNING ] \
         && scontrol requeue "${array_id}_0"; then
        requeued=1
      fi
      break
    fi
    sleep 0.2
  done
  [ "$requeued" = 1 ] || { wait "$submit_pid"; die "could not requeue task 0 while it ran (too fast? use a bigger --preset)"; }
  echo "requeued array task ${array_id}_0 after it had saved $saved cases"
  # Slurm makes a requeued job eligible again only after a delay (about two minutes); once the
  # task has stopped and is pending again, skip that delay.
  for _ in $(seq 1 300); do
    if [ "$(squeue -h -j "${array_id}_0" -o %T 2>/dev/null)" = PENDING ]; then
      scontrol update JobId="${array_id}_0" StartTime=now && break
    fi
    sleep 0.2
  done
fi
wait "$submit_pid"
submit_status=$?
cat "$work/submit.log"
if [ "$submit_status" -ne 0 ]; then
  tail -n 20 "$work"/slurm-run/logs/*.out 2>/dev/null
  die "the Slurm array or merge job failed"
fi
t_slurm=$(( $(date +%s) - t0 ))
echo "array + merge: ${t_slurm}s"
for f in "$work"/slurm-run/logs/*.out; do echo "--- $(basename "$f"):"; grep -v '^\[' "$f" | tail -n 8; done
[ -f "$work/slurm-run/merged/results.csv" ] || die "the merge wrote no results.csv"
if [ "$requeue" = 1 ]; then
  grep -q 'restart 1,' "$work/slurm-run/logs/shard-0.out" || die "task 0 did not run a second time after the requeue"
  echo "task 0 ran again after the requeue (restart 1) and resumed its shard"
fi

step "5. re-submit array task 1 on the finished run (a requeue): --resume must run nothing again"
shard_log="$work/slurm-run/shard-1/cases.jsonl"
[ -f "$shard_log" ] || die "$shard_log is missing"
before="$(sha256sum <"$shard_log")"
sbatch --wait --array=1 --cpus-per-task="$cpus" --output="$work/slurm-run/logs/requeue-%a.out" \
  --export="ALL,PRESET=$preset,RUN=$work/slurm-run,SHARDS=$shards,FLATLAB=$exe" \
  "$root/deploy/slurm/flatlab-array.sbatch" || die "the re-submitted array task failed"
tail -n 4 "$work/slurm-run/logs/requeue-1.out"
[ "$(sha256sum <"$shard_log")" = "$before" ] || die "the re-submitted task changed its shard's case log"
echo "shard-1/cases.jsonl unchanged ($(wc -l <"$shard_log") cases)"

step "6. the same sweep in one process (flatlab sweep --preset $preset --threads $(nproc))"
t0=$(date +%s)
"$exe" sweep --preset "$preset" --out "$work/single" --threads "$(nproc)" >"$work/single.log" 2>&1 \
  || { tail -n 20 "$work/single.log"; die "the single run failed"; }
t_single=$(( $(date +%s) - t0 ))
tail -n 3 "$work/single.log"
echo "single run: ${t_single}s"

step "7. compare merged/results.csv with single/results.csv (ignoring solve_seconds, case_seconds)"
total=0
for ((i = 0; i < shards; i++)); do
  f="$work/slurm-run/shard-$i/cases.jsonl"
  lines=$(grep -c . "$f")
  unique=$(python3 -c 'import json,sys; print(len({json.loads(l)["case_key"] for l in open(sys.argv[1]) if l.strip()}))' "$f")
  echo "shard-$i: $lines cases, $unique distinct keys"
  [ "$lines" -eq "$unique" ] || die "shard-$i holds a case more than once"
  total=$((total + lines))
done
rows=$(grep -c . "$work/single/cases.jsonl")
[ "$total" -eq "$rows" ] || die "the shards hold $total cases, the single run $rows"
python3 "$here/compare-results.py" "$work/single/results.csv" "$work/slurm-run/merged/results.csv" \
  || die "merged table differs from the single run"

result=PASS
