#!/usr/bin/env bash
# Installs (from Debian packages), starts and stops the servers SocialCrm uses beyond the embedded default:
# RabbitMQ 3.x on localhost:5672 (guest/guest) and PostgreSQL 15 with a role and database "socialcrm".
#   deploy/servers.sh install | start | stop | status | restart-rabbitmq [seconds] | restart-postgres [seconds]
set -euo pipefail

PG_VERSION=15
PG_ROLE=socialcrm
PG_PASSWORD=socialcrm
PG_DATABASE=socialcrm

log() { echo "[servers] $*"; }

install() {
  local missing=()
  command -v rabbitmq-server >/dev/null || missing+=(rabbitmq-server)
  command -v pg_ctlcluster >/dev/null && [ -d /usr/lib/postgresql/$PG_VERSION ] || missing+=(postgresql)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q "${missing[@]}" >/dev/null
  fi
}

start_rabbitmq() {
  if rabbitmq-diagnostics -q ping >/dev/null 2>&1; then log "rabbitmq already running"; return; fi
  log "starting rabbitmq"
  rabbitmq-server -detached >/dev/null 2>&1 || true
  for _ in $(seq 1 120); do
    rabbitmq-diagnostics -q ping >/dev/null 2>&1 && { log "rabbitmq is up"; return; }
    sleep 1
  done
  log "rabbitmq did not answer within 120 s"; return 1
}

start_postgres() {
  [ -d /etc/postgresql/$PG_VERSION/main ] || pg_createcluster $PG_VERSION main >/dev/null
  pg_ctlcluster $PG_VERSION main start 2>/dev/null || true
  for _ in $(seq 1 60); do
    su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 && break
    sleep 1
  done
  su postgres -c "psql -qtAc \"select 1 from pg_roles where rolname='$PG_ROLE'\"" | grep -q 1 \
    || su postgres -c "psql -qc \"create role $PG_ROLE login createdb password '$PG_PASSWORD'\""
  # DROP DATABASE ... WITH (FORCE) in the tests' teardown must be able to end an autovacuum worker on that database.
  su postgres -c "psql -q -c 'set client_min_messages = warning' -c 'grant pg_signal_backend to $PG_ROLE'" >/dev/null
  su postgres -c "psql -qtAc \"select 1 from pg_database where datname='$PG_DATABASE'\"" | grep -q 1 \
    || su postgres -c "psql -qc \"create database $PG_DATABASE owner $PG_ROLE\""
  log "postgresql is up (Host=127.0.0.1;Username=$PG_ROLE;Password=$PG_PASSWORD;Database=$PG_DATABASE)"
}

stop() {
  rabbitmqctl stop >/dev/null 2>&1 && log "rabbitmq stopped" || true
  pg_ctlcluster $PG_VERSION main stop >/dev/null 2>&1 && log "postgresql stopped" || true
}

# For the fault suite (socialcrm faults): take one server down for N seconds and bring it back.
restart_rabbitmq() {
  rabbitmqctl -q stop_app >/dev/null; log "rabbitmq stopped for ${1:-10} s"; sleep "${1:-10}"
  rabbitmqctl -q start_app >/dev/null; log "rabbitmq started again"
}

restart_postgres() {
  pg_ctlcluster $PG_VERSION main stop -m fast >/dev/null; log "postgresql stopped for ${1:-10} s"; sleep "${1:-10}"
  pg_ctlcluster $PG_VERSION main start >/dev/null; log "postgresql started again"
}

status() {
  rabbitmq-diagnostics -q ping >/dev/null 2>&1 && log "rabbitmq: up" || log "rabbitmq: down"
  pg_ctlcluster $PG_VERSION main status >/dev/null 2>&1 && log "postgresql: up" || log "postgresql: down"
}

case "${1:-start}" in
  install) install ;;
  start) install; start_rabbitmq; start_postgres ;;
  stop) stop ;;
  status) status ;;
  restart-rabbitmq) restart_rabbitmq "${2:-10}" ;;
  restart-postgres) restart_postgres "${2:-10}" ;;
  *) echo "usage: $0 install|start|stop|status|restart-rabbitmq [seconds]|restart-postgres [seconds]" >&2; exit 2 ;;
esac
