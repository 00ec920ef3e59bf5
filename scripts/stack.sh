#!/usr/bin/env bash
# Starts, stops and reports the local PostgreSQL and Redis that Sera (and its tests) use, under
# .sera/ on loopback ports that do not collide with system services.
#   scripts/stack.sh up|down|status
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

pg_dir=""
run_as_postgres=()

# PostgreSQL refuses to run as root: as root, run it as the `postgres` system user, keeping its
# files where that user can reach them.
prepare_postgres_user() {
  pg_dir=$SERA_HOME/postgres
  if [ "$(id -u)" -ne 0 ]; then return; fi
  id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' system user"
  run_as_postgres=(runuser -u postgres --)
  mkdir -p "$SERA_HOME"
  if ! runuser -u postgres -- test -x "$SERA_HOME"; then
    # The checkout sits where the postgres user cannot go (e.g. under /root): keep the data in a
    # folder of its own and link it.
    local hash
    hash=$(printf '%s' "$SERA_HOME" | md5sum | cut -c1-12)
    local outside=/var/tmp/sera-postgres-$hash
    mkdir -p "$outside"
    ln -sfn "$outside" "$pg_dir"
    pg_dir=$outside
  fi
}

pg() { "${run_as_postgres[@]}" "$@"; }

postgres_up() {
  local bin
  bin=$(postgres_bin)
  mkdir -p "$pg_dir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$pg_dir"
  if [ ! -f "$pg_dir/data/PG_VERSION" ]; then
    say "initialising PostgreSQL in $pg_dir/data"
    pg "$bin/initdb" -D "$pg_dir/data" -A trust -U seratonin -E UTF8 --locale=C.UTF-8 \
      >"$SERA_HOME/logs/initdb.log" 2>&1 || die "initdb failed; see $SERA_HOME/logs/initdb.log"
  fi
  if pg "$bin/pg_ctl" -D "$pg_dir/data" status >/dev/null 2>&1; then
    say "PostgreSQL already running on 127.0.0.1:$SERA_PG_PORT"
  else
    say "starting PostgreSQL on 127.0.0.1:$SERA_PG_PORT"
    pg "$bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 30 \
      -o "-p $SERA_PG_PORT -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on" \
      start >/dev/null || die "PostgreSQL did not start; see $pg_dir/server.log"
  fi
  if ! psql_cmd -tAc "SELECT 1 FROM pg_database WHERE datname = 'seratonin_db'" | grep -q 1; then
    psql_cmd -c "CREATE DATABASE seratonin_db" >/dev/null
  fi
}

psql_cmd() { psql -h 127.0.0.1 -p "$SERA_PG_PORT" -U seratonin -d postgres -v ON_ERROR_STOP=1 "$@"; }

postgres_down() {
  local bin
  bin=$(postgres_bin)
  if [ -f "$pg_dir/data/PG_VERSION" ] && pg "$bin/pg_ctl" -D "$pg_dir/data" status >/dev/null 2>&1
  then
    say "stopping PostgreSQL"
    pg "$bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null
  fi
}

redis_up() {
  mkdir -p "$SERA_HOME/redis"
  if redis-cli -p "$SERA_REDIS_PORT" ping >/dev/null 2>&1; then
    say "Redis already running on 127.0.0.1:$SERA_REDIS_PORT"
    return
  fi
  say "starting Redis on 127.0.0.1:$SERA_REDIS_PORT"
  redis-server --port "$SERA_REDIS_PORT" --bind 127.0.0.1 --protected-mode yes --daemonize yes \
    --pidfile "$SERA_HOME/run/redis.pid" --logfile "$SERA_HOME/logs/redis.log" \
    --dir "$SERA_HOME/redis" --appendonly yes --appendfsync everysec --save ''
  local i
  for i in $(seq 1 50); do
    redis-cli -p "$SERA_REDIS_PORT" ping >/dev/null 2>&1 && return
    sleep 0.1
  done
  die "Redis did not start; see $SERA_HOME/logs/redis.log"
}

redis_down() {
  if redis-cli -p "$SERA_REDIS_PORT" ping >/dev/null 2>&1; then
    say "stopping Redis"
    redis-cli -p "$SERA_REDIS_PORT" shutdown >/dev/null 2>&1 || true
  fi
}

status() {
  local code=0
  if pg_isready -h 127.0.0.1 -p "$SERA_PG_PORT" >/dev/null 2>&1; then
    echo "postgres  up    127.0.0.1:$SERA_PG_PORT"
  else
    echo "postgres  down  127.0.0.1:$SERA_PG_PORT"; code=1
  fi
  if redis-cli -p "$SERA_REDIS_PORT" ping >/dev/null 2>&1; then
    echo "redis     up    127.0.0.1:$SERA_REDIS_PORT"
  else
    echo "redis     down  127.0.0.1:$SERA_REDIS_PORT"; code=1
  fi
  return $code
}

main() {
  mkdir -p "$SERA_HOME/logs" "$SERA_HOME/run"
  prepare_postgres_user
  case "${1:-}" in
    up) postgres_up; redis_up ;;
    down) redis_down; postgres_down ;;
    status) status ;;
    *) echo "usage: scripts/stack.sh up|down|status" >&2; exit 2 ;;
  esac
}

main "$@"
