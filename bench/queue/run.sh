#!/usr/bin/env bash
# Queue benchmark: builds `sera` in release mode (unless SERA_BIN_DIR names a build) and runs
# bench/queue/queue_bench.py against the local stack. Prints one JSON line per worker count.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ -z "${SERA_BIN_DIR:-}" ]]; then
  swift build -c release --product sera >&2
  export SERA_BIN_DIR=.build/release
fi
exec python3 bench/queue/queue_bench.py
