#!/usr/bin/env bash
# SocialCrm as a cluster on one machine (Debian packages only): a RabbitMQ cluster of three nodes with the stage
# queues as quorum queues, PostgreSQL, the web host with the stages off (console, API, webhooks) and worker
# processes running the stages.
#
#   deploy/cluster.sh start          everything below, then prints where it is and how to stop it
#   deploy/cluster.sh stop           stops the processes and the RabbitMQ nodes (PostgreSQL stays: deploy/servers.sh stop)
#   deploy/cluster.sh status         what runs, the RabbitMQ cluster's members and the stage queues' depths
#   deploy/cluster.sh rabbitmq       only the RabbitMQ cluster (the fault tests start their own processes)
#   deploy/cluster.sh remove-rabbitmq  stops the RabbitMQ nodes and deletes their data (queues, messages, membership)
#   deploy/cluster.sh stop-node N [S] stops RabbitMQ node N for S seconds (10) and starts it again
#
# Settings (environment):
#   CLUSTER_NODES=3                  RabbitMQ nodes; node i listens on AMQP port 5680+i (5681, 5682, 5683)
#   CLUSTER_GROUPS="listen,analyse act,measure"   the stage groups, one worker kind per group (space-separated)
#   CLUSTER_WORKERS=1                workers per group
#   CLUSTER_WEB_PORT=5080            the console and API; workers serve /alive, /health, /metrics on 5090, 5091, ...
#   CLUSTER_DATABASE=socialcrm_cluster   the PostgreSQL database (the role of deploy/servers.sh)
#   CLUSTER_DIR=/var/lib/socialcrm-cluster   node data, logs, the published build, pid files (made by root, mode 700)
set -euo pipefail
cd "$(dirname "$0")/.."
umask 077   # the logs, the published build and the first admin's password are for root alone

NODES=${CLUSTER_NODES:-3}
GROUPS_=${CLUSTER_GROUPS:-"listen,analyse act,measure"}
WORKERS=${CLUSTER_WORKERS:-1}
WEB_PORT=${CLUSTER_WEB_PORT:-5080}
DATABASE=${CLUSTER_DATABASE:-socialcrm_cluster}
DIR=${CLUSTER_DIR:-/var/lib/socialcrm-cluster}
HOST=$(hostname -s)
CONNECTION="Host=127.0.0.1;Username=socialcrm;Password=socialcrm;Database=$DATABASE"

log() { echo "[cluster] $*"; }

# Root runs what is published here and writes its logs here: a folder someone else made first is refused.
own_dir() {
  # 755: the RabbitMQ nodes run as the rabbitmq user and reach their own folders below; the rest is made 700 (umask).
  [ -d "$DIR" ] || install -d -m 755 "$DIR"
  [ "$(stat -c %u "$DIR")" = 0 ] || { log "$DIR is not owned by root; refusing to use it (set CLUSTER_DIR)"; exit 1; }
}

# The pid file's process, if it is still the SocialCrm process it names (a pid can be reused after a crash).
running_pid() {
  local file=$1 pid
  [ -f "$file" ] || return 1
  pid=$(cat "$file")
  grep -q "SocialCrm" "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
}
node_name() { echo "socialcrm$1@$HOST"; }
amqp_port() { echo $((5680 + $1)); }
nodes_setting() { local n out=""; for n in $(seq 1 "$NODES"); do out+="${out:+,}127.0.0.1:$(amqp_port "$n")"; done; echo "$out"; }
ctl() { local n=$1; shift; rabbitmqctl -q -n "$(node_name "$n")" "$@"; }

# ---- RabbitMQ ---------------------------------------------------------------------------------------------------

start_node() {
  local n=$1 base="$DIR/rabbitmq/$1"
  if ctl "$n" status >/dev/null 2>&1; then return; fi
  mkdir -p "$base/log"
  echo "[]." > "$base/enabled_plugins"   # no management plugin: its port would be the same on every node
  chown -R rabbitmq:rabbitmq "$DIR/rabbitmq"
  # The Debian wrapper runs the server as the rabbitmq user and keeps these variables.
  RABBITMQ_NODENAME=$(node_name "$n") RABBITMQ_NODE_PORT=$(amqp_port "$n") RABBITMQ_DIST_PORT=$((25680 + n)) \
  RABBITMQ_MNESIA_BASE="$base/mnesia" RABBITMQ_LOG_BASE="$base/log" RABBITMQ_PID_FILE="$base/pid" \
  RABBITMQ_ENABLED_PLUGINS_FILE="$base/enabled_plugins" \
    rabbitmq-server -detached >/dev/null 2>&1 || true
  for _ in $(seq 1 120); do ctl "$n" await_startup >/dev/null 2>&1 && return; sleep 1; done
  log "rabbitmq node $(node_name "$n") did not start; see $base/log"; return 1
}

start_rabbitmq() {
  command -v rabbitmq-server >/dev/null || bash deploy/servers.sh install
  local n
  for n in $(seq 1 "$NODES"); do start_node "$n"; done
  for n in $(seq 2 "$NODES"); do
    # Read whole before matching: with pipefail, grep -q closing the pipe early would read as "not joined" and the
    # node would be reset, dropping its queue replicas.
    local seen_by_1 seen_by_n
    seen_by_1=$(ctl 1 cluster_status 2>/dev/null || true)
    seen_by_n=$(ctl "$n" cluster_status 2>/dev/null || true)
    if ! grep -q "$(node_name "$n")" <<<"$seen_by_1" || ! grep -q "$(node_name 1)" <<<"$seen_by_n"; then
      # start_app logs transient errors about the tables of nodes still joining; only a failed step matters.
      { ctl "$n" stop_app && ctl "$n" reset && ctl "$n" join_cluster "$(node_name 1)" && ctl "$n" start_app; } >"$DIR/rabbitmq/join-$n.log" 2>&1 \
        || { log "node $(node_name "$n") could not join $(node_name 1):"; cat "$DIR/rabbitmq/join-$n.log"; return 1; }
    fi
  done
  local running
  running=$(ctl 1 eval 'length(nodes()) + 1.' 2>/dev/null || echo "?")
  log "rabbitmq cluster up: $running of $NODES nodes running, AMQP on $(nodes_setting)"
}

stop_rabbitmq() {
  local n
  for n in $(seq "$NODES" -1 1); do ctl "$n" stop >/dev/null 2>&1 && log "rabbitmq node $(node_name "$n") stopped" || true; done
}

stop_node() {
  local n=$1 seconds=${2:-10}
  ctl "$n" stop_app; log "rabbitmq node $(node_name "$n") stopped for $seconds s"; sleep "$seconds"
  ctl "$n" start_app; log "rabbitmq node $(node_name "$n") started again"
}

# ---- SocialCrm processes ----------------------------------------------------------------------------------------

publish() {
  log "publishing the web host and the worker to $DIR/app (dotnet publish -c Release)"
  dotnet publish src/SocialCrm.Web -c Release -o "$DIR/app/web" --nologo -v quiet >/dev/null
  dotnet publish src/SocialCrm.Worker -c Release -o "$DIR/app/worker" --nologo -v quiet >/dev/null
  dotnet publish src/SocialCrm.Cli -c Release -o "$DIR/app/cli" --nologo -v quiet >/dev/null
}

# The settings every process of the cluster shares, as environment variables.
shared_settings() {
  export SocialCrm__Database__Provider=postgres SocialCrm__Database__ConnectionString="$CONNECTION"
  export SocialCrm__Bus__Transport=rabbitmq SocialCrm__Bus__RabbitMqUri="amqp://guest:guest@127.0.0.1:$(amqp_port 1)/"
  export SocialCrm__Bus__RabbitMqNodes="$(nodes_setting)" SocialCrm__Bus__QueueType=quorum
  export SocialCrm__Telemetry__Prometheus=true ASPNETCORE_ENVIRONMENT=Production
}

launch() { # name folder dll port [stages]
  local name=$1 folder=$2 dll=$3 port=$4
  mkdir -p "$DIR/logs" "$DIR/pids"
  if running_pid "$DIR/pids/$name" >/dev/null; then log "$name already running"; return; fi
  # A simple command in the background, so that $! is the process itself (not a shell waiting for it), and no
  # descriptor of this script's left open in it.
  ( cd "$DIR/app/$folder" || exit 1
    export SocialCrm__Stages="${5-}"
    nohup dotnet "$dll" --urls "http://127.0.0.1:$port" </dev/null >>"$DIR/logs/$name.log" 2>&1 &
    echo $! >"$DIR/pids/$name" )
  for _ in $(seq 1 180); do
    curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && { log "$name up on http://127.0.0.1:$port (stages: ${5:-none}; log $DIR/logs/$name.log)"; return; }
    running_pid "$DIR/pids/$name" >/dev/null || { log "$name exited while starting; see $DIR/logs/$name.log"; tail -5 "$DIR/logs/$name.log"; return 1; }
    sleep 1
  done
  log "$name did not answer /health within 180 s; see $DIR/logs/$name.log"; return 1
}

start() {
  bash deploy/servers.sh start
  su postgres -c "psql -qtAc \"select 1 from pg_database where datname='$DATABASE'\"" | grep -q 1 \
    || su postgres -c "psql -qc \"create database $DATABASE owner socialcrm\""
  start_rabbitmq
  publish
  shared_settings
  # The web host first: it migrates the store; the workers wait for it on the store's start-up lock anyway.
  launch web web SocialCrm.Web.dll "$WEB_PORT" ""
  local port=$((WEB_PORT + 10)) group i
  for group in $GROUPS_; do
    for i in $(seq 1 "$WORKERS"); do launch "worker-${group//,/-}-$i" worker SocialCrm.Worker.dll "$port" "$group"; port=$((port + 1)); done
  done
  local admin="$DIR/admin.txt"
  if [ ! -s "$admin" ]; then
    (cd "$DIR/app/cli" && dotnet socialcrm.dll users add cluster-admin --role admin --database postgres --connection "$CONNECTION") >"$admin" 2>&1 && chmod 600 "$admin" \
      || { log "could not add the first admin:"; cat "$admin"; rm -f "$admin"; }
  fi
  echo
  log "console and API: http://127.0.0.1:$WEB_PORT (the first admin and its password: $admin)"
  log "store: $CONNECTION"
  log "bus: quorum queues on $(nodes_setting)"
  log "status: deploy/cluster.sh status; stop: deploy/cluster.sh stop"
}

stop() {
  local file name pid
  for file in "$DIR"/pids/*; do
    [ -f "$file" ] || continue
    name=$(basename "$file")
    if pid=$(running_pid "$file"); then
      kill "$pid"
      # Let it finish what it holds (a batch, the relay's claim) before the broker goes.
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      log "$name stopped"
    fi
    rm -f "$file"
  done
  stop_rabbitmq
}

status() {
  local file pid
  for file in "$DIR"/pids/*; do
    [ -f "$file" ] || continue
    if pid=$(running_pid "$file"); then log "$(basename "$file"): running (pid $pid)"; else log "$(basename "$file"): not running"; fi
  done
  local n
  for n in $(seq 1 "$NODES"); do
    ctl "$n" status >/dev/null 2>&1 && log "rabbitmq $(node_name "$n"): up on $(amqp_port "$n")" || log "rabbitmq $(node_name "$n"): down"
  done
  ctl 1 list_queues name type messages consumers 2>/dev/null | sed 's/^/[cluster]   /' || true
}

own_dir
case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  rabbitmq) start_rabbitmq ;;
  stop-rabbitmq) stop_rabbitmq ;;
  remove-rabbitmq) stop_rabbitmq; rm -rf "$DIR/rabbitmq" ;;
  stop-node) stop_node "${2:?which node (1 to $NODES)}" "${3:-10}" ;;
  *) echo "usage: $0 start|stop|status|rabbitmq|stop-rabbitmq|remove-rabbitmq|stop-node N [seconds]" >&2; exit 2 ;;
esac
