#!/usr/bin/env bash
# Acknowledgement latency of /draft under load: 200 concurrent signed requests from 20 users
# against a release `sera serve` on a database and queue of its own (no worker consumes it).
set -euo pipefail
cd "$(dirname "$0")/../.."
# SERA_BIN points at another build (e.g. a debug one); by default a release build is made.
sera=${SERA_BIN:-.build/release/sera}
[ -n "${SERA_BIN:-}" ] || swift build -c release --product sera >/dev/null
suffix=$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')
export POSTGRES_DB="sera_bench_$suffix" SERA_QUEUE_NAME="sera_bench_$suffix"
export SERA_HTTP_PORT=${SERA_HTTP_PORT:-18765} SLACK_SIGNING_SECRET="bench-secret-$suffix"
psql -h 127.0.0.1 -p 55432 -U seratonin -d postgres -qc "CREATE DATABASE $POSTGRES_DB" >/dev/null
cleanup() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  redis-cli -p 56379 DEL "$SERA_QUEUE_NAME" >/dev/null || true
  psql -h 127.0.0.1 -p 55432 -U seratonin -d postgres -qc \
    "DROP DATABASE IF EXISTS $POSTGRES_DB WITH (FORCE)" >/dev/null || true
}
trap cleanup EXIT
"$sera" migrate up >/dev/null
"$sera" serve >"${SERVE_LOG:-/dev/null}" 2>&1 & server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$SERA_HTTP_PORT/health" >/dev/null && break; sleep 0.2; done
report=$(python3 bench/slack/draft_ack.py "$SERA_HTTP_PORT" "$SLACK_SIGNING_SECRET")
echo "$report"
# Every accepted command (the warm-up's included) must be a saved draft with one queued task.
accepted=$(sed -n 's/^accepted_total=\([0-9]*\).*/\1/p' <<<"$report")
drafts=$(psql -h 127.0.0.1 -p 55432 -U seratonin -d "$POSTGRES_DB" -tAc \
  "SELECT count(*) FROM drafts WHERE status = 'pending'")
queued=$(redis-cli -p 56379 LLEN "$SERA_QUEUE_NAME")
echo "pending drafts=$drafts queued tasks=$queued"
if [ "$drafts" != "$accepted" ] || [ "$queued" != "$accepted" ]; then
  echo "mismatch: $accepted commands accepted, $drafts drafts saved, $queued tasks queued" >&2
  exit 1
fi
