#!/usr/bin/env bash
# Checks the Kubernetes manifests in deploy/kubernetes without a cluster:
#   - every document parses as YAML (js-yaml, installed with npm into a temporary folder);
#   - the sweep Job is Indexed, its completions equal SHARDS, parallelism <= completions,
#     restartPolicy is Never (needed by backoffLimitPerIndex), THREADS equals the CPU request;
#   - the merge Job uses the same image, RUN_NAME, SHARDS and volume claim, and the claim exists;
#   - the pods' shell scripts pass `sh -n`, and run against a stand-in `flatlab` they produce the
#     expected command lines (shard I/N with --resume into /runs/RUN_NAME/shard-I; merge of all N).
# Needs node and npm (or NODE_PATH holding js-yaml). Prints PASS or FAIL; exit status 0 on PASS.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
tmp="$(mktemp -d /tmp/flatlab-k8s-check.XXXXXX)"
trap 'rm -rf "$tmp"' EXIT

if ! NODE_PATH="${NODE_PATH:-}" node -e 'require("js-yaml")' 2>/dev/null; then
  (cd "$tmp" && npm install --silent --no-audit --no-fund js-yaml@4 >/dev/null)
  export NODE_PATH="$tmp/node_modules"
fi

# A stand-in flatlab that prints its arguments, one per line.
mkdir -p "$tmp/bin"
# shellcheck disable=SC2016 # the $@ belongs to the stand-in script
printf '#!/bin/sh\nfor a in "$@"; do echo "$a"; done\n' >"$tmp/bin/flatlab"
chmod +x "$tmp/bin/flatlab"

export K8S_DIR="$root/deploy/kubernetes" CHECK_TMP="$tmp"
if node <<'EOF'
const fs = require("fs"), path = require("path"), yaml = require("js-yaml");
const { execFileSync } = require("child_process");
const dir = process.env.K8S_DIR, tmp = process.env.CHECK_TMP;
const problems = [];
const check = (ok, what) => { if (!ok) problems.push(what); };

const load = f => yaml.loadAll(fs.readFileSync(path.join(dir, f), "utf8")).filter(d => d);
const sweepDocs = load("flatlab-indexed-job.yaml"), mergeDocs = load("flatlab-merge-job.yaml");
const find = (docs, kind) => docs.filter(d => d.kind === kind);
const pvc = find(sweepDocs, "PersistentVolumeClaim")[0];
const sweep = find(sweepDocs, "Job")[0], merge = find(mergeDocs, "Job")[0];
check(pvc && sweep && merge, "expected a PersistentVolumeClaim and a Job, and a merge Job");
if (problems.length) { console.log(problems.join("\n")); process.exit(1); }

const container = job => job.spec.template.spec.containers[0];
const env = job => Object.fromEntries((container(job).env || []).map(e => [e.name, e.value]));
const claim = job => job.spec.template.spec.volumes.find(v => v.persistentVolumeClaim)
  .persistentVolumeClaim.claimName;
const se = env(sweep), me = env(merge);

check(sweep.spec.completionMode === "Indexed", "sweep Job: completionMode is not Indexed");
check(Number(se.SHARDS) === sweep.spec.completions,
  `sweep Job: SHARDS ${se.SHARDS} != completions ${sweep.spec.completions}`);
check(sweep.spec.parallelism >= 1 && sweep.spec.parallelism <= sweep.spec.completions,
  "sweep Job: parallelism not in 1..completions");
check(sweep.spec.template.spec.restartPolicy === "Never", "sweep Job: restartPolicy is not Never");
check(String(container(sweep).resources.requests.cpu) === se.THREADS,
  `sweep Job: THREADS ${se.THREADS} != cpu request ${container(sweep).resources.requests.cpu}`);
check(merge.spec.template.spec.restartPolicy === "Never", "merge Job: restartPolicy is not Never");
check(container(sweep).image === container(merge).image, "the Jobs use different images");
check(se.RUN_NAME === me.RUN_NAME, "the Jobs use different RUN_NAME");
check(se.SHARDS === me.SHARDS, "the Jobs use different SHARDS");
check(claim(sweep) === pvc.metadata.name && claim(merge) === pvc.metadata.name,
  "a Job mounts a claim other than " + pvc.metadata.name);

// Run the pods' scripts with /runs redirected to a temporary folder and the stand-in flatlab.
const runs = path.join(tmp, "runs");
const run = (job, extraEnv) => {
  const c = container(job);
  check(c.command.join(" ") === "/bin/sh -c", `${job.metadata.name}: command is not /bin/sh -c`);
  const script = c.args[0].split("/runs/").join(runs + "/");
  execFileSync("sh", ["-n", "-c", script]);
  return execFileSync("sh", ["-c", script], {
    env: { ...process.env, ...env(job), ...extraEnv, PATH: `${tmp}/bin:${process.env.PATH}` },
    encoding: "utf8" }).trim().split("\n").filter(l => !l.startsWith("flatlab-"));
};
const n = Number(se.SHARDS), out = `${runs}/${se.RUN_NAME}`;
const i = n - 1;
const got = run(sweep, { JOB_COMPLETION_INDEX: String(i) });
const want = ["sweep", "--preset", se.PRESET, "--out", `${out}/shard-${i}`,
  "--shard", `${i}/${n}`, "--threads", se.THREADS, "--resume"];
check(JSON.stringify(got) === JSON.stringify(want),
  `sweep pod runs\n  ${got.join(" ")}\nexpected\n  ${want.join(" ")}`);
const gotSpec = run(sweep, { JOB_COMPLETION_INDEX: "0", SPEC: "/spec/spec.jsonc" });
check(gotSpec[1] === "--spec" && gotSpec[2] === "/spec/spec.jsonc", "sweep pod ignores SPEC");

for (let k = 0; k < n; k++) fs.mkdirSync(`${out}/shard-${k}`, { recursive: true });
const gotMerge = run(merge, {});
const wantMerge = ["merge", "--out", `${out}/merged`,
  ...Array.from({ length: n }, (_, k) => `${out}/shard-${k}`)];
check(JSON.stringify(gotMerge) === JSON.stringify(wantMerge),
  `merge pod runs\n  ${gotMerge.join(" ")}\nexpected\n  ${wantMerge.join(" ")}`);

if (problems.length) { console.log(problems.join("\n")); process.exit(1); }
console.log(`manifests: ${sweepDocs.length + mergeDocs.length} documents parsed; ` +
  `Indexed Job of ${n} shards (parallelism ${sweep.spec.parallelism}); pod command lines as expected`);
EOF
then
  echo "PASS: kubernetes-manifests"
else
  echo "FAIL: kubernetes-manifests"
  exit 1
fi
