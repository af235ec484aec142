#!/usr/bin/env bash
# End-to-end check of the container image (deploy/container/Dockerfile) with Podman on this machine:
#   1. base images: uses the Dockerfile's SDK and runtime base images if Podman has them (pulled, or
#      made by an earlier run); otherwise, with --stand-ins, makes local stand-ins tagged with the same
#      names (for machines that cannot reach the image registries): a Debian 12 minbase root file
#      system made with debootstrap from the host's Debian mirror for debian:bookworm-slim, and the
#      same plus git, ICU, CA certificates and this machine's .NET SDK for the .NET SDK image;
#   2. builds the image with `podman build --pull=never` from a fresh clone of the committed HEAD (so
#      the build context is what a user's clone holds, .git included);
#   3. runs it: --version (the commit of the clone), the smoke preset as the image's user (uid 1654)
#      and as another uid with a read-only root file system (as Apptainer runs an image), then the
#      preset given (default paper; for paper the image's default command, no arguments), timed;
#      with --stop it stops that run with `podman stop` (SIGTERM) once some cases are saved, checks
#      exit status 143, and starts it again, which must resume;
#   4. checks the run folder: results.csv with one row per case, report.html, stats.csv, figures/,
#      manifest.json naming the clone's commit, a clean tree and OpenBLAS; and, when the repository
#      holds a reference run of the preset (docs/reproduction/PRESET/), that results.csv equals it
#      cell by cell except the timings, and stats.csv and the figures byte for byte;
#   5. saves the image as a docker-archive (the input of `apptainer build ... docker-archive://`) and,
#      if apptainer is installed, builds a SIF from it and runs the smoke preset through it.
#
# Usage: tests/integration/container-image.sh [--preset NAME] [--stop] [--stand-ins] [--no-cache] [--keep]
#   --preset NAME  the long run (default paper)      --stop      stop it mid-run and resume it
#   --stand-ins    make missing base images locally  --no-cache  build every layer anew
#   --keep         keep the temporary folder also after a PASS (it is always kept after a FAIL)
#
# Needs root, Podman (installed with apt-get if missing, with runc and debootstrap), git and python3.
# Where Podman's defaults cannot start a container (crun on hybrid cgroups, rlimits the sandbox does
# not allow), it retries with runc and the current rlimits and says so. Slow (a clean build takes
# minutes): run it by hand, not in CI. Exit status 0 on PASS, 1 on FAIL.
set -uo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/tests/integration"
preset=paper stop=0 stand_ins=0 no_cache=0 keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --preset) preset="${2:?}"; shift 2 ;;
    --stop) stop=1; shift ;;
    --stand-ins) stand_ins=1; shift ;;
    --no-cache) no_cache=1; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "container-image: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

dockerfile="$root/deploy/container/Dockerfile"
image=localhost/flatlab:integration
work="$(mktemp -d /var/tmp/flatlab-container-it.XXXXXX)"
result=FAIL reason="did not finish"
t_start=$(date +%s)
run_flags=()     # flags Podman needs on this machine to start a container
container=""

step() { echo; echo "== $* ($(date -u +%H:%M:%S))"; }
die() { reason="$*"; exit 1; }
cleanup() {
  local status=$?
  [ -n "$container" ] && podman "${run_flags[@]:0:2}" rm -f "$container" >/dev/null 2>&1
  local elapsed=$(( $(date +%s) - t_start ))
  echo
  if [ "$result" = PASS ]; then
    if [ "$keep" = 1 ]; then echo "container-image: files kept in $work"; else rm -rf "$work"; fi
    echo "PASS: container-image: $summary (${elapsed}s)"
    exit 0
  fi
  echo "container-image: files kept in $work"
  echo "FAIL: container-image: $reason (${elapsed}s)"
  [ "$status" -eq 0 ] && exit 1 || exit "$status"
}
trap cleanup EXIT
trap 'reason="interrupted"; exit 130' INT TERM

[ "$(id -u)" -eq 0 ] || die "needs root (podman build and run as root, debootstrap)"
command -v python3 >/dev/null 2>&1 || die "needs python3 (for the table comparison)"
if ! command -v podman >/dev/null 2>&1 || { [ "$stand_ins" = 1 ] && ! command -v debootstrap >/dev/null 2>&1; }; then
  echo "container-image: installing podman, runc and debootstrap with apt-get ..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends podman runc debootstrap >/dev/null \
    || die "could not install podman, runc and debootstrap"
fi

# The base images, from the Dockerfile's ARG defaults.
sdk_image="$(sed -n 's/^ARG SDK_IMAGE=//p' "$dockerfile")"
runtime_image="$(sed -n 's/^ARG RUNTIME_IMAGE=//p' "$dockerfile")"
[ -n "$sdk_image" ] && [ -n "$runtime_image" ] || die "no SDK_IMAGE / RUNTIME_IMAGE default in $dockerfile"

step "1. base images: $sdk_image, $runtime_image"
debian_rootfs() {   # debootstrap a Debian 12 minbase root file system into $1, apt lists removed
  local mirror
  mirror="$( { sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/*.sources; awk '$1 == "deb" { print $2 }' /etc/apt/sources.list; } \
             2>/dev/null | tr ' ' '\n' | grep -E '^https?://.*/debian/?$' | head -1)"
  mirror="${mirror:-http://deb.debian.org/debian}"
  echo "debootstrap --variant=minbase bookworm from $mirror"
  debootstrap --variant=minbase bookworm "$1" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || die "debootstrap failed (see $work/debootstrap.log)"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then   # bookworm, -updates and -security, like the image
    rm -f "$1/etc/apt/sources.list"; cp /etc/apt/sources.list.d/debian.sources "$1/etc/apt/sources.list.d/"
  fi
}
import_rootfs() {   # import_rootfs DIR NAME [ENV ...]: the folder as a one-layer image called NAME
  local dir="$1" name="$2" changes=() e
  shift 2
  for e in "$@"; do changes+=(--change "ENV $e"); done
  changes+=(--change "LABEL org.flatlab.stand-in=made-by-tests/integration/container-image.sh")
  chroot "$dir" apt-get clean; rm -rf "$dir"/var/lib/apt/lists/*; : >"$dir/etc/resolv.conf"
  tar -C "$dir" --numeric-owner -cf - . | podman import "${changes[@]}" --change 'CMD ["bash"]' - "$name" >/dev/null \
    || die "podman import of $name failed"
}
if ! podman image exists "$runtime_image"; then
  [ "$stand_ins" = 1 ] || die "$runtime_image is not in Podman's store: pull it, or pass --stand-ins"
  debian_rootfs "$work/rootfs-runtime"
  import_rootfs "$work/rootfs-runtime" "$runtime_image"
  echo "stand-in $runtime_image: Debian 12 minbase (debootstrap)"
fi
if ! podman image exists "$sdk_image"; then
  [ "$stand_ins" = 1 ] || die "$sdk_image is not in Podman's store: pull it, or pass --stand-ins"
  dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")" || die "no .NET SDK on this machine for the stand-in"
  sdk_version="$(dotnet --version)"
  [ -d "$work/rootfs-runtime" ] || debian_rootfs "$work/rootfs-runtime"
  cp -a "$work/rootfs-runtime" "$work/rootfs-sdk"
  cp /etc/resolv.conf "$work/rootfs-sdk/etc/resolv.conf"
  chroot "$work/rootfs-sdk" sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ca-certificates git libicu72 tzdata >/dev/null' \
    || die "could not install git, ICU and CA certificates into the SDK stand-in"
  mkdir -p "$work/rootfs-sdk/usr/share/dotnet"
  cp -a "$dotnet_root/." "$work/rootfs-sdk/usr/share/dotnet/"
  ln -sf /usr/share/dotnet/dotnet "$work/rootfs-sdk/usr/bin/dotnet"
  # The environment of the official SDK image, and this machine's NuGet certificate setting if any.
  env_vars=(DOTNET_RUNNING_IN_CONTAINER=true DOTNET_NOLOGO=true NUGET_XMLDOC_MODE=skip "DOTNET_SDK_VERSION=$sdk_version")
  [ -n "${NUGET_CERT_REVOCATION_MODE:-}" ] && env_vars+=("NUGET_CERT_REVOCATION_MODE=$NUGET_CERT_REVOCATION_MODE")
  import_rootfs "$work/rootfs-sdk" "$sdk_image" "${env_vars[@]}"
  rm -rf "$work/rootfs-sdk" "$work/rootfs-runtime"
  echo "stand-in $sdk_image: Debian 12 minbase + git, ICU, CA certificates + .NET SDK $sdk_version from $dotnet_root"
fi
podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep -F -e "$sdk_image" -e "$runtime_image"
if ! podman run --rm "$runtime_image" true >/dev/null 2>"$work/podman-run.err"; then
  run_flags=(--runtime runc --ulimit "nofile=$(ulimit -Hn):$(ulimit -Hn)" --ulimit nproc=4096:4096)
  echo "podman run with its defaults failed ($(tail -1 "$work/podman-run.err")); using ${run_flags[*]}"
  podman "${run_flags[@]:0:2}" run --rm "${run_flags[@]:2}" "$runtime_image" true \
    || die "podman cannot start a container here, also with ${run_flags[*]}"
fi
# podman RUNTIME run [RLIMITS] ...: the global --runtime goes before the subcommand.
prun() { podman "${run_flags[@]:0:2}" run "${run_flags[@]:2}" "$@"; }

step "2. podman build --pull=never -f deploy/container/Dockerfile (context: a clone of HEAD)"
git clone -q "$root" "$work/src" || die "git clone of $root failed"
git -C "$work/src" checkout -q "$(git -C "$root" rev-parse HEAD)" || die "checkout of HEAD failed"
commit="$(git -C "$work/src" rev-parse HEAD)"
build_flags=(--pull=never -f deploy/container/Dockerfile -t "$image")
[ "$no_cache" = 1 ] && build_flags+=(--no-cache)
# A stand-in SDK trusts what this machine trusts (its CA bundle, e.g. for a TLS-inspecting proxy).
if [ -n "$(podman image inspect "$sdk_image" --format '{{index .Labels "org.flatlab.stand-in"}}' 2>/dev/null)" ]; then
  build_flags+=(-v /etc/ssl/certs:/etc/ssl/certs:ro)
  echo "the build's RUN steps see this machine's CA bundle (/etc/ssl/certs), as the stand-in SDK image is used"
fi
t0=$(date +%s)
(cd "$work/src" && podman "${run_flags[@]:0:2}" build "${run_flags[@]:2}" "${build_flags[@]}" .) >"$work/build.log" 2>&1 \
  || { tail -20 "$work/build.log"; die "podman build failed (see $work/build.log)"; }
build_seconds=$(( $(date +%s) - t0 ))
grep -E '^publish: ' "$work/build.log"
size="$(podman image inspect "$image" --format '{{.Size}}')"
echo "built $image in ${build_seconds}s: $(( size / 1000000 )) MB"

step "3. run the image"
version="$(prun --rm "$image" --version)" || die "flatlab --version failed in the container"
echo "flatlab --version: $version"
[ "$version" = "0.1.0+$commit" ] || [[ "$version" == *"+$commit" ]] || die "--version '$version' does not name the commit $commit"
user="$(prun --rm --entrypoint id "$image" -u)"
[ "$user" = 1654 ] || die "the image runs as uid $user, not 1654"
mkdir -p "$work/runs-image-user" "$work/runs-other-user"
chown 1654:1654 "$work/runs-image-user"; chown 4321:4321 "$work/runs-other-user"
prun --rm -v "$work/runs-image-user:/runs" "$image" sweep --preset smoke --out /runs/smoke >"$work/smoke-1654.log" 2>&1 \
  || die "the smoke preset failed as the image's user"
[ -s "$work/runs-image-user/smoke/report.html" ] || die "no report.html from the smoke preset as uid 1654"
prun --rm --read-only --user 4321:4321 -v "$work/runs-other-user:/runs" "$image" sweep --preset smoke --out /runs/smoke >"$work/smoke-4321.log" 2>&1 \
  || die "the smoke preset failed as uid 4321 on a read-only root"
[ -s "$work/runs-other-user/smoke/report.html" ] || die "no report.html from the smoke preset as uid 4321"
[ "$(stat -c %u "$work/runs-other-user/smoke/results.csv")" = 4321 ] || die "files of uid 4321's run are not owned by 4321"
echo "smoke as uid 1654: $(grep '^sweep smoke:' "$work/smoke-1654.log")"
echo "smoke as uid 4321, read-only root: $(grep '^sweep smoke:' "$work/smoke-4321.log")"

runs="$work/runs"
mkdir -p "$runs"; chown 4321:4321 "$runs"
if [ "$preset" = paper ]; then args=(); else args=(sweep --preset "$preset" --out "/runs/$preset" --resume); fi
echo "preset $preset: podman run --user 4321:4321 -v RUNS:/runs $image ${args[*]:-(default command)}"
t0=$(date +%s)
if [ "$stop" = 1 ]; then
  container=flatlab-it-$$
  prun -d --name "$container" --user 4321:4321 -v "$runs:/runs" "$image" "${args[@]}" >/dev/null || die "podman run -d failed"
  store="$runs/$preset/cases.jsonl"
  saved() { if [ -f "$store" ]; then wc -l <"$store"; else echo 0; fi; }
  until [ "$(saved)" -ge 20 ]; do
    [ "$(podman inspect "$container" --format '{{.State.Running}}')" = true ] || die "the run ended before 20 cases were saved"
    sleep 0.5
  done
  podman stop -t 120 "$container" >/dev/null
  code="$(podman inspect "$container" --format '{{.State.ExitCode}}')"
  saved=$(saved)
  podman logs "$container" 2>&1 | grep -E '^flatlab: ' | head -2
  podman rm "$container" >/dev/null; container=""
  [ "$code" = 143 ] || die "podman stop: exit status $code, not 143"
  echo "stopped with SIGTERM after $saved saved cases (exit 143); starting the same container command again"
fi
prun --rm --user 4321:4321 -v "$runs:/runs" "$image" "${args[@]}" >"$work/run.log" 2>&1 \
  || { tail -5 "$work/run.log"; die "the $preset run failed in the container"; }
run_seconds=$(( $(date +%s) - t0 ))
grep -E "^sweep $preset:" "$work/run.log"
echo "container run: ${run_seconds}s wall (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"

step "4. check the run folder"
out="$runs/$preset"
for f in results.csv results.parquet stats.csv report.html summary.md manifest.json spec.json; do
  [ -s "$out/$f" ] || die "$out/$f is missing"
done
figures=$(find "$out/figures" -name '*.png' | wc -l)
[ "$figures" -gt 0 ] || die "no figures in $out/figures"
python3 - "$out" "$commit" "$stop" <<'EOF' || die "the run folder does not match the image (see above)"
import csv, json, sys
out, commit, stopped = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
m = json.load(open(f"{out}/manifest.json"))
rows = sum(1 for _ in csv.DictReader(open(f"{out}/results.csv", newline="")))
problems = []
if rows != m["cases_total"]: problems.append(f"results.csv has {rows} rows for {m['cases_total']} cases")
if m["git_commit"] != commit: problems.append(f"manifest git_commit {m['git_commit']} is not {commit}")
if m["build_dirty"] is not False: problems.append(f"manifest build_dirty is {m['build_dirty']}")
if not m["blas"].startswith("OpenBLAS"): problems.append(f"manifest blas is {m['blas']!r}")
if stopped and not m["cases_resumed"] > 0: problems.append("the second start resumed no case")
print(f"manifest: {m['cases_total']} cases, {m['cases_failed']} failed, {m['cases_resumed']} resumed; "
      f"commit {m['git_describe']}, dirty {m['build_dirty']}; {m['blas'].split(' (')[0]}; {m['os']}; "
      f"sweep wall {m['wall_seconds']:.1f} s")
for p in problems: print("problem:", p)
sys.exit(1 if problems else 0)
EOF
echo "$(find "$out/figures" -type f | wc -l) figure files ($figures PNG)"
reference="$root/docs/reproduction/$preset"
compared="no reference run in the repository"
if [ -f "$reference/results.csv" ]; then
  python3 "$here/compare-results.py" "$reference/results.csv" "$out/results.csv" || die "results.csv differs from $reference"
  cmp "$reference/stats.csv" "$out/stats.csv" || die "stats.csv differs from $reference"
  n=0
  for f in "$reference"/figures/*; do
    cmp -s "$f" "$out/figures/$(basename "$f")" || die "figure $(basename "$f") differs from $reference"
    n=$((n + 1))
  done
  echo "stats.csv and $n figures byte-identical to $reference"
  compared="results, stats and figures equal to docs/reproduction/$preset"
fi

step "5. docker-archive for Apptainer"
podman save -q --format docker-archive -o "$work/flatlab.tar" "$image" >/dev/null || die "podman save failed"
echo "docker-archive: $(( $(stat -c %s "$work/flatlab.tar") / 1000000 )) MB"
apptainer_note="apptainer not installed"
if command -v apptainer >/dev/null 2>&1; then
  apptainer build "$work/flatlab.sif" "docker-archive://$work/flatlab.tar" >"$work/apptainer.log" 2>&1 \
    || die "apptainer build failed (see $work/apptainer.log)"
  mkdir -p "$work/runs-sif"
  apptainer run --bind "$work/runs-sif:/runs" "$work/flatlab.sif" sweep --preset smoke --out /runs/smoke >/dev/null 2>&1 \
    || die "apptainer run of the smoke preset failed"
  [ -s "$work/runs-sif/smoke/report.html" ] || die "no report.html from apptainer run"
  apptainer_note="apptainer build + run of smoke passed"
fi
echo "$apptainer_note"

summary="image $(( size / 1000000 )) MB built in ${build_seconds}s; $preset in ${run_seconds}s$([ "$stop" = 1 ] && echo ' (stopped and resumed)'); $compared; $apptainer_note"
result=PASS
