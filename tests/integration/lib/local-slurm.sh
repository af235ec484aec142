# Starts and stops a throw-away single-node Slurm cluster on this machine (Debian slurm-wlm + munge).
# Source this file, then:
#   local_slurm_start DIR   # writes DIR/slurm.conf, starts munged (if not running), slurmctld, slurmd;
#                           # exports SLURM_CONF; returns when the node is idle
#   local_slurm_stop        # stops what local_slurm_start started (pid files), safe to call twice
# Needs root. Slurm's state, spool, logs and pid files live under DIR; only munge uses the system
# paths (/etc/munge/munge.key, /run/munge), because munged insists on its own ownership rules.

LOCAL_SLURM_DIR=""
LOCAL_SLURM_STARTED_MUNGE=0

local_slurm_log() { echo "slurm: $*" >&2; }

local_slurm_install() {
  if command -v slurmctld >/dev/null 2>&1 && command -v sbatch >/dev/null 2>&1 \
     && command -v munged >/dev/null 2>&1; then
    return 0
  fi
  local_slurm_log "installing slurm-wlm and munge with apt-get ..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null \
    || { DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
         && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null; }
}

local_slurm_start_munge() {
  if munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    local_slurm_log "munged already running"
    return 0
  fi
  if [ ! -s /etc/munge/munge.key ]; then
    mkdir -p /etc/munge
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
  fi
  chown munge:munge /etc/munge /etc/munge/munge.key
  chmod 700 /etc/munge
  chmod 400 /etc/munge/munge.key
  mkdir -p /run/munge /var/log/munge /var/lib/munge
  chown munge:munge /run/munge /var/log/munge /var/lib/munge
  chmod 755 /run/munge
  su -s /bin/sh munge -c /usr/sbin/munged
  LOCAL_SLURM_STARTED_MUNGE=1
  local i
  for i in $(seq 1 50); do
    if munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  local_slurm_log "munged did not come up"
  return 1
}

local_slurm_write_conf() {
  local dir="$1" host cpus
  host="$(hostname -s)"
  cpus="$(nproc)"
  mkdir -p "$dir/state" "$dir/spool" "$dir/log"
  cat >"$dir/slurm.conf" <<EOF
# Single-node test cluster (written by tests/integration/lib/local-slurm.sh).
ClusterName=flatlab-test
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SchedulerType=sched/backfill
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
NodeName=$host CPUs=$cpus State=UNKNOWN
PartitionName=main Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
}

local_slurm_start() {
  local dir="$1"
  LOCAL_SLURM_DIR="$dir"
  local_slurm_install
  local_slurm_start_munge
  local_slurm_write_conf "$dir"
  export SLURM_CONF="$dir/slurm.conf"
  # -i: ignore state left by an earlier cluster in the same folder.
  slurmctld -f "$SLURM_CONF" -i
  slurmd -f "$SLURM_CONF"
  local i state
  for i in $(seq 1 60); do
    state="$(sinfo -h -N -o '%T' 2>/dev/null | head -n 1)"
    if [ "$state" = "idle" ]; then
      local_slurm_log "node $(hostname -s) idle ($(nproc) CPUs), SLURM_CONF=$SLURM_CONF"
      return 0
    fi
    sleep 1
  done
  local_slurm_log "the node did not become idle (state: '${state:-none}'); logs in $dir/log"
  return 1
}

local_slurm_kill_pidfile() {
  local file="$1" pid i
  [ -s "$file" ] || return 0
  pid="$(cat "$file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
      local_slurm_log "pid $pid (from $file) still running after ${i} checks; killing it"
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$file"
}

local_slurm_stop() {
  if [ -n "$LOCAL_SLURM_DIR" ]; then
    local_slurm_kill_pidfile "$LOCAL_SLURM_DIR/slurmd.pid"
    local_slurm_kill_pidfile "$LOCAL_SLURM_DIR/slurmctld.pid"
    local_slurm_log "daemons stopped"
    LOCAL_SLURM_DIR=""
  fi
  if [ "$LOCAL_SLURM_STARTED_MUNGE" = 1 ]; then
    local_slurm_kill_pidfile /run/munge/munged.pid
    LOCAL_SLURM_STARTED_MUNGE=0
  fi
}
