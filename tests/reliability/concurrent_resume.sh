#!/usr/bin/env bash
# Repeats two run-folder experiments many times against the built flatlab and reports counts:
#
#   concurrent  two `flatlab sweep --resume` into one fresh folder, the second started 0-1.5 s after
#               the first (a re-submitted Slurm array task): exactly one must run, the other must be
#               refused with exit 2 "... is in use by process N on HOST", and the store must hold
#               every case once, bit-identical to an uninterrupted run.
#   kill9       a sweep killed with SIGKILL at a random moment (0.3-3 s), then resumed: the resume
#               must succeed and the store must again equal an uninterrupted run.
#
# Usage: tests/reliability/concurrent_resume.sh [--runs N] [--flatlab CMD] [--keep]
#   --runs N       repetitions of each experiment (default 20)
#   --flatlab CMD  the command line to test (default scripts/flatlab; build with scripts/setup.sh)
#   --keep         keep the temporary folder
# Exit status 0 when every repetition passed, 1 otherwise (the failures are listed).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs=20
flatlab="$root/scripts/flatlab"
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --flatlab) flatlab="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "usage: $0 [--runs N] [--flatlab CMD] [--keep]" >&2; exit 2 ;;
  esac
done

work="$(mktemp -d "${TMPDIR:-/tmp}/flatlab-reliability.XXXXXX")"
cleanup() { if [ "$keep" = 0 ]; then rm -rf "$work"; else echo "kept: $work"; fi; }
trap cleanup EXIT

# 18 cases of about 0.1 s each on one thread.
cat > "$work/spec.jsonc" <<'JSON'
{ "name": "reliability", "seed": 17, "seeds": 3,
  "rho": { "min": 0.1, "max": 0.8, "count": 6 },
  "population": { "method": "exact", "samples": 1000 },
  "panels": [ { "name": "relu", "activation": "relu", "d": 10, "n": 200, "m": 400 } ] }
JSON
total=18

# $flatlab runs in the background directly (scripts/flatlab execs the binary), so $! is the pid that
# holds the lock and the one kill -9 must hit; a shell function would put a subshell in between.

# check STORE: prints "lines distinct garbled" and exits 0 when the store equals the reference.
check() {
  python3 - "$work/reference/cases.jsonl" "$1" "$total" <<'PY'
import json, sys
ref_path, path, total = sys.argv[1], sys.argv[2], int(sys.argv[3])
def rows(p):
    good, garbled = {}, 0
    data = open(p, "rb").read()
    lines = data.split(b"\n")
    torn = len(lines[-1])
    for line in lines[:-1]:
        try:
            r = json.loads(line)
        except Exception:
            garbled += 1
            continue
        for k in ("solve_seconds", "case_seconds"):
            r.pop(k, None)
        good.setdefault(r["case_key"], []).append(json.dumps(r, sort_keys=True))
    return good, garbled, len(lines) - 1, torn
ref, _, _, _ = rows(ref_path)
got, garbled, count, torn = rows(path)
same = all(len(got.get(k, [])) == 1 and got[k][0] == ref[k][0] for k in ref) and len(got) == len(ref)
print(count, len(got), garbled + (1 if torn else 0))
sys.exit(0 if same and count == total and garbled == 0 and torn == 0 else 1)
PY
}

echo "reference run ($total cases)"
$flatlab sweep --spec "$work/spec.jsonc" --out "$work/reference" --threads 1 > /dev/null 2>&1

failures=()
refused=0; both_ran=0; neither=0; lost=0; garbled_total=0; store_bad=0
for i in $(seq 1 "$runs"); do
  dir="$work/concurrent-$i"
  delay="$(python3 -c "import random; print(round(random.uniform(0, 1.5), 2))")"
  $flatlab sweep --spec "$work/spec.jsonc" --out "$dir" --resume --threads 1 > "$dir.a.out" 2> "$dir.a.err" & a=$!
  sleep "$delay"
  $flatlab sweep --spec "$work/spec.jsonc" --out "$dir" --resume --threads 1 > "$dir.b.out" 2> "$dir.b.err" & b=$!
  set +e; wait $a; ca=$?; wait $b; cb=$?; set -e
  msg_ok=0
  if [ "$ca" = 0 ] && [ "$cb" = 2 ] && grep -q "is in use by process $a on" "$dir.b.err"; then msg_ok=1; fi
  if [ "$cb" = 0 ] && [ "$ca" = 2 ] && grep -q "is in use by process $b on" "$dir.a.err"; then msg_ok=1; fi
  if [ "$ca" = 0 ] && [ "$cb" = 0 ]; then both_ran=$((both_ran + 1)); fi
  if [ "$ca" != 0 ] && [ "$cb" != 0 ]; then neither=$((neither + 1)); fi
  [ "$msg_ok" = 1 ] && refused=$((refused + 1))
  set +e; stats="$(check "$dir/cases.jsonl")"; ok=$?; set -e
  read -r count distinct garbled <<< "$stats"
  lost=$((lost + total - distinct)); garbled_total=$((garbled_total + garbled))
  if [ "$ok" != 0 ] || [ "$msg_ok" != 1 ]; then
    store_bad=$((store_bad + (ok != 0 ? 1 : 0)))
    failures+=("concurrent $i: exit codes $ca/$cb (second after ${delay}s), store lines $count distinct $distinct garbled $garbled")
  fi
done
echo "concurrent: $runs tries: $refused with one run and the other refused (exit 2, naming the holder); $both_ran with both running; $neither with neither; rows lost $lost; garbled lines $garbled_total; stores unequal to the reference $store_bad"

killed_mid=0; resumed_ok=0; kill_bad=0; torn_seen=0; stale_seen=0
for i in $(seq 1 "$runs"); do
  dir="$work/kill-$i"
  delay="$(python3 -c "import random; print(round(random.uniform(0.3, 3.0), 2))")"
  $flatlab sweep --spec "$work/spec.jsonc" --out "$dir" --threads 1 > /dev/null 2>&1 & p=$!
  sleep "$delay"
  kill -9 "$p" 2> /dev/null || true
  wait "$p" 2> /dev/null || true
  before=0
  [ -f "$dir/cases.jsonl" ] && before="$(grep -c '' "$dir/cases.jsonl" || true)"
  [ "$before" -lt "$total" ] && killed_mid=$((killed_mid + 1))
  set +e
  $flatlab sweep --spec "$work/spec.jsonc" --out "$dir" --resume --threads 1 > "$dir.out" 2> "$dir.err"; code=$?
  stats="$(check "$dir/cases.jsonl")"; ok=$?
  set -e
  grep -q "partial last line" "$dir.err" && torn_seen=$((torn_seen + 1))
  grep -q "took over the lock" "$dir.err" && stale_seen=$((stale_seen + 1))
  if [ "$code" = 0 ] && [ "$ok" = 0 ]; then
    resumed_ok=$((resumed_ok + 1))
  else
    kill_bad=$((kill_bad + 1))
    failures+=("kill9 $i: killed after ${delay}s with $before lines, resume exit $code, store $stats: $(tail -1 "$dir.err")")
  fi
done
echo "kill9: $runs tries ($killed_mid killed mid-run): $resumed_ok resumed to the uninterrupted result, $kill_bad failed; stale lock taken over $stale_seen times, partial last line cut $torn_seen times"

if [ "${#failures[@]}" -gt 0 ]; then
  printf 'FAIL: %s\n' "${failures[@]}"
  exit 1
fi
echo "PASS: concurrent_resume: $runs concurrent resumes and $runs kill -9 resumes"
