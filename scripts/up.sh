#!/usr/bin/env bash
# The README's first command: from a fresh Debian machine to the dashboard over a running local
# stack. Installs what is missing, builds, starts PostgreSQL, Redis, backend, worker and scheduler
# (logs in .sera/logs), migrates, indexes the bundled knowledge base, creates a local physician
# token and opens seratui. Running it again reuses whatever is already there.
#   scripts/up.sh [--no-tui]
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$SERA_ROOT"

open_tui=1
[ "${1:-}" = "--no-tui" ] && open_tui=0

install_missing_packages
require_swift
say "building (release)"
swift build -c release --product sera >"$SERA_HOME.build.log" 2>&1 \
  || { tail -n 30 "$SERA_HOME.build.log" >&2; die "build failed; see $SERA_HOME.build.log"; }
swift build -c release --product seratui >>"$SERA_HOME.build.log" 2>&1 \
  || { tail -n 30 "$SERA_HOME.build.log" >&2; die "build failed; see $SERA_HOME.build.log"; }
bin=$(swift build -c release --show-bin-path)

bash "$SERA_ROOT/scripts/stack.sh" up
mkdir -p "$SERA_HOME/logs" "$SERA_HOME/run" "$SERA_HOME/outbox"
export SERA_OUTBOX_DIR=${SERA_OUTBOX_DIR:-$SERA_HOME/outbox}

say "migrating the database"
"$bin/sera" migrate up
say "indexing knowledge_base/"
"$bin/sera" reindex >"$SERA_HOME/logs/reindex.log" 2>&1 \
  || die "reindex failed; see $SERA_HOME/logs/reindex.log"
tail -n 1 "$SERA_HOME/logs/reindex.log" >&2

if [ ! -s "$SERA_HOME/token" ]; then
  say "creating a local physician token in .sera/token"
  (umask 077 && "$bin/sera" token create --role physician --user local-physician --label local \
    >"$SERA_HOME/token")
fi

# Starts one long-running process unless its pid file names a live one.
start_process() {
  local name=$1; shift
  local pidfile=$SERA_HOME/run/$name.pid
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    say "$name already running (pid $(cat "$pidfile"))"
    return
  fi
  say "starting $name (log: .sera/logs/$name.log)"
  # A session of its own, so Ctrl-C in the dashboard this script then opens (same terminal,
  # same process group otherwise) reaches only the dashboard.
  setsid nohup "$bin/sera" "$@" >>"$SERA_HOME/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$pidfile"
}

start_process backend serve
start_process worker worker
start_process scheduler scheduler

for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:${SERA_HTTP_PORT:-8001}/health" >/dev/null && break
  sleep 0.1
done
curl -s "http://127.0.0.1:${SERA_HTTP_PORT:-8001}/health" >/dev/null \
  || die "the backend did not answer; see .sera/logs/backend.log"
say "stack is up: backend http://127.0.0.1:${SERA_HTTP_PORT:-8001}, stop it with scripts/down.sh"

if [ "$open_tui" -eq 1 ]; then
  export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}
  export SERA_URL=${SERA_URL:-http://127.0.0.1:${SERA_HTTP_PORT:-8001}}
  exec "$bin/seratui" --token-file "$SERA_HOME/token"
fi
