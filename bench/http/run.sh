#!/usr/bin/env bash
# GET /health under load, as the Python anchors measured FastAPI: wrk -t2 -c64 -d10s against a
# release `sera serve` on the local stack. The first request runs the service checks; the rest
# within a quarter second share that check (see ServiceProbe), as a load balancer's probes would.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
sera=${SERA_BIN:-.build/release/sera}
[ -n "${SERA_BIN:-}" ] || swift build -c release --product sera >/dev/null
export SERA_HTTP_PORT=${SERA_HTTP_PORT:-18790}
"$sera" serve >/dev/null 2>&1 & server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$SERA_HTTP_PORT/health" && break; sleep 0.2; done
wrk -t2 -c64 -d"${DURATION:-10s}" --latency "http://127.0.0.1:$SERA_HTTP_PORT/health"
echo "idle RSS after the run: $(awk '/VmRSS/ {print $2, $3}' /proc/$server/status)"
