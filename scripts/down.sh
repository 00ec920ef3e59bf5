#!/usr/bin/env bash
# Stops what scripts/up.sh started: scheduler, worker, backend, then Redis and PostgreSQL.
# Data stays in .sera/ for the next start.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

for name in scheduler worker backend; do
  pidfile=$SERA_HOME/run/$name.pid
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    say "stopping $name"
    kill -TERM "$(cat "$pidfile")"
    for _ in $(seq 1 350); do kill -0 "$(cat "$pidfile")" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$pidfile"
done
bash "$SERA_ROOT/scripts/stack.sh" down
