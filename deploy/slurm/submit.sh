#!/usr/bin/env bash
# Submits a FlatLab sweep to Slurm: a job array of N shards (flatlab-array.sbatch), then a merge job
# (flatlab-merge.sbatch) that starts only when every array task succeeded (afterok).
#
# Usage:
#   deploy/slurm/submit.sh (--preset NAME | --spec FILE) --run DIR --shards N
#                          [--cpus C] [--flatlab CMD] [--wait] [-- SBATCH_OPTION...]
#
#   --preset NAME   built-in sweep (see `flatlab presets`)
#   --spec FILE     sweep spec file; made absolute, so it must stay where it is until the jobs ran
#   --run DIR       run folder on a shared file system; shards go to DIR/shard-I, the merged run to
#                   DIR/merged, the Slurm logs to DIR/logs
#   --shards N      number of array tasks (shards)
#   --cpus C        cores per array task, used as flatlab's --threads (default 4)
#   --flatlab CMD   the flatlab command on the compute nodes (default: $FLATLAB, else `flatlab`)
#   --wait          return only when the merge job has ended; exit status non-zero if it failed or
#                   could not run because an array task failed
#   -- ...          further options for both sbatch calls (--partition, --account, --time, ...)
#
# Prints the array and merge job ids. Resubmitting with the same --run continues: every task runs
# with --resume and keeps the cases already in its shard.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; }
fail() { echo "submit: $*" >&2; exit 2; }

preset="" spec="" run="" shards="" cpus=4 flatlab="${FLATLAB:-flatlab}" wait=0
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --preset) preset="${2:?}"; shift 2 ;;
    --spec) spec="${2:?}"; shift 2 ;;
    --run) run="${2:?}"; shift 2 ;;
    --shards) shards="${2:?}"; shift 2 ;;
    --cpus) cpus="${2:?}"; shift 2 ;;
    --flatlab) flatlab="${2:?}"; shift 2 ;;
    --wait) wait=1; shift ;;
    -h|--help) usage; exit 0 ;;
    --) shift; extra=("$@"); break ;;
    *) usage >&2; fail "unknown argument '$1'" ;;
  esac
done

command -v sbatch >/dev/null 2>&1 || fail "sbatch not found: run this on a Slurm login node"
[ -n "$run" ] || fail "--run DIR is required"
[[ "$shards" =~ ^[1-9][0-9]*$ ]] || fail "--shards must be a positive integer, got '$shards'"
[[ "$cpus" =~ ^[1-9][0-9]*$ ]] || fail "--cpus must be a positive integer, got '$cpus'"
if [ -n "$preset" ] && [ -n "$spec" ]; then fail "give --preset or --spec, not both"; fi
if [ -n "$spec" ]; then
  [ -f "$spec" ] || fail "spec file '$spec' not found"
  spec="$(cd "$(dirname "$spec")" && pwd)/$(basename "$spec")"
  source_var="SPEC=$spec"
elif [ -n "$preset" ]; then
  source_var="PRESET=$preset"
else
  fail "give --preset NAME or --spec FILE"
fi
# Absolute paths, since the jobs may start in another directory; commas would break --export.
mkdir -p "$run/logs"
run="$(cd "$run" && pwd)"
case "$run$spec$flatlab" in *,*) fail "paths for --run, --spec and --flatlab must not contain commas" ;; esac
if [ -f "$flatlab" ]; then flatlab="$(cd "$(dirname "$flatlab")" && pwd)/$(basename "$flatlab")"; fi

array_id="$(sbatch --parsable "${extra[@]}" \
  --array="0-$((shards - 1))" --cpus-per-task="$cpus" \
  --output="$run/logs/shard-%a.out" \
  --export="ALL,$source_var,RUN=$run,SHARDS=$shards,THREADS=$cpus,FLATLAB=$flatlab" \
  "$here/flatlab-array.sbatch")"
array_id="${array_id%%;*}"
echo "submit: array job $array_id ($shards tasks x $cpus cores) -> $run/shard-*"

merge_args=(--parsable "${extra[@]}" --dependency="afterok:$array_id" --kill-on-invalid-dep=yes
  --output="$run/logs/merge.out"
  --export="ALL,RUN=$run,SHARDS=$shards,FLATLAB=$flatlab")
if [ "$wait" = 1 ]; then
  echo "submit: merge job queued after $array_id; waiting for it to end ..."
  set +e
  merge_id="$(sbatch --wait "${merge_args[@]}" "$here/flatlab-merge.sbatch")"
  status=$?
  merge_id="${merge_id%%;*}"
  # A merge cancelled because an array task failed can end with exit code 0: check its state too.
  state="$(scontrol show job -o "$merge_id" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | cut -d= -f2)"
  set -e
  echo "submit: merge job $merge_id ended: state ${state:-unknown}, exit status $status"
  if [ "$status" -ne 0 ] || { [ -n "$state" ] && [ "$state" != COMPLETED ]; }; then
    echo "submit: the merge did not run to completion; see $run/logs/ and" \
         "\`scontrol show job $array_id\` for the array tasks" >&2
    exit 1
  fi
  echo "submit: done; merged run in $run/merged"
else
  merge_id="$(sbatch "${merge_args[@]}" "$here/flatlab-merge.sbatch")"
  merge_id="${merge_id%%;*}"
  echo "submit: merge job $merge_id (after $array_id) -> $run/merged"
fi
