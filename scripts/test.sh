#!/usr/bin/env bash
# The README's second command: every test. Installs what is missing, starts the local PostgreSQL
# and Redis (reusing them if up), builds, runs the Swift Testing suites (unit, integration against
# the real PostgreSQL and Redis, and end-to-end tests that start real sera processes and seratui),
# and checks formatting.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$SERA_ROOT"

install_missing_packages
require_swift
bash "$SERA_ROOT/scripts/stack.sh" up

export POSTGRES_HOST=127.0.0.1 POSTGRES_PORT=$SERA_PG_PORT POSTGRES_USER=seratonin
export REDIS_HOST=127.0.0.1 REDIS_PORT=$SERA_REDIS_PORT
export SWIFT_BACKTRACE=enable=no

say "checking formatting"
swift format lint --strict --recursive --parallel Package.swift Sources Tests bench

say "building"
if ! swift build --build-tests >"$SERA_HOME/logs/build.log" 2>&1; then
  grep -E 'error|warning: ' "$SERA_HOME/logs/build.log" | head -n 40 >&2
  die "build failed; see .sera/logs/build.log"
fi
export SERA_BIN_DIR=$(swift build --show-bin-path)

say "testing"
status=0
swift test --skip-build 2>&1 | tee "$SERA_HOME/logs/test.log" || status=$?
[ "$status" -eq 0 ] || exit "$status"

# The fake platforms' tokens (Tests/BackendTests/Publishing/PublishingFixtures.swift) must not
# appear anywhere in what the whole run printed, logs of the processes it started included.
say "checking the run's output for platform tokens"
if grep -F -e "TEST-telegram-token-secret" -e "THREADS-test-token-secret" \
  -e "X-test-oauth2-user-token-secret" "$SERA_HOME/logs/test.log" >&2; then
  die "a platform token reached the test run's output (lines above)"
fi
