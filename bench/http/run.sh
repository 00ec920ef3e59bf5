#!/usr/bin/env bash
# HTTP under load, as the Python anchors measured FastAPI: wrk -t2 -c64 -d10s against a release
# `sera serve` on the local stack. By default GET /health: the first request runs the service
# checks; the rest within a quarter second share that check (see ServiceProbe), as a load
# balancer's probes would. ROUTE=draft measures POST /api/v1/draft instead (a physician's token,
# each request saving a draft and queueing its task) on a database and queue of its own.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
sera=${SERA_BIN:-.build/release/sera}
[ -n "${SERA_BIN:-}" ] || swift build -c release --product sera >/dev/null
export SERA_HTTP_PORT=${SERA_HTTP_PORT:-18790}
target="/health"
wrk_script=()
if [ "${ROUTE:-health}" = draft ]; then
  suffix=$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')
  export POSTGRES_DB="sera_bench_$suffix" SERA_QUEUE_NAME="sera_bench_$suffix"
  psql -h 127.0.0.1 -p 55432 -U seratonin -d postgres -qc "CREATE DATABASE $POSTGRES_DB" >/dev/null
  "$sera" migrate up >/dev/null
  SERA_BENCH_TOKEN=$("$sera" token create --role physician --user bench | tail -n 1)
  export SERA_BENCH_TOKEN
  target="/api/v1/draft"
  wrk_script=(-s bench/http/draft.lua)
fi
cleanup() {
  kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  if [ "${ROUTE:-health}" = draft ]; then
    redis-cli -p 56379 DEL "$SERA_QUEUE_NAME" >/dev/null || true
    psql -h 127.0.0.1 -p 55432 -U seratonin -d postgres -qc \
      "DROP DATABASE IF EXISTS $POSTGRES_DB WITH (FORCE)" >/dev/null || true
  fi
}
"$sera" serve >/dev/null 2>&1 & server=$!
trap cleanup EXIT
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$SERA_HTTP_PORT/health" && break; sleep 0.2; done
wrk -t2 -c64 -d"${DURATION:-10s}" --latency "${wrk_script[@]}" "http://127.0.0.1:$SERA_HTTP_PORT$target"
echo "idle RSS after the run: $(awk '/VmRSS/ {print $2, $3}' /proc/$server/status)"
