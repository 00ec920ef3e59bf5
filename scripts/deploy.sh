#!/usr/bin/env bash
# Deploys the checked-out commit with the production compose stack, in an order that never serves
# new code against an old schema: build the image, migrate with it (a one-off container; the
# running services are untouched), and only then replace backend, worker and scheduler, waiting
# until each reports healthy. A failed migration stops the deploy with the old version still up.
#
# usage: scripts/deploy.sh            deploy the current checkout
#        scripts/deploy.sh <commit>   roll back (or forward) to <commit>: checks it out, deploys it
#
# Rollback: find the last good commit with `git log --oneline -5`, then
#   bash scripts/deploy.sh <sha>
# The schema is NOT rolled back automatically (a down migration may drop data). If the bad release
# added a migration, revert it first with the new image still deployed:
#   docker compose -f docker-compose.yml -f infra/docker-compose.prod.yml run --rm backend migrate down
# and take a backup before anything else: ... run --rm backend backup /var/lib/sera/outbox/pre-rollback.sql
set -euo pipefail
cd "$(dirname "$0")/.."

FILES=(-f docker-compose.yml -f infra/docker-compose.prod.yml)
if docker compose version >/dev/null 2>&1; then COMPOSE=(docker compose "${FILES[@]}")
else COMPOSE=(docker-compose "${FILES[@]}"); fi
HEALTH_TIMEOUT=${SERA_HEALTH_TIMEOUT:-120}

say() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }
die() { printf 'deploy: %s\n' "$*" >&2; exit 1; }

[ -f .env ] || die ".env is missing: production secrets (POSTGRES_PASSWORD, REDIS_PASSWORD, ...) live there"

if [ $# -ge 1 ]; then
  git diff --quiet && git diff --cached --quiet || die "the checkout has local changes; commit or stash them"
  say "checking out $1"
  git fetch --quiet origin || true
  git checkout --quiet --detach "$1"
fi
commit=$(git rev-parse --short=12 HEAD)
export SERA_IMAGE="sera:$commit"

# Waits until every container of a service reports healthy (all replicas of a scaled worker).
wait_healthy() {
  local service=$1 deadline=$((SECONDS + HEALTH_TIMEOUT)) ids id state all
  while [ $SECONDS -lt $deadline ]; do
    ids=$("${COMPOSE[@]}" ps -q "$service")
    all=healthy
    for id in $ids; do
      state=$(docker inspect -f '{{.State.Health.Status}}' "$id" 2>/dev/null || echo missing)
      [ "$state" = healthy ] || all=$state
    done
    [ -n "$ids" ] && [ "$all" = healthy ] && { say "$service healthy"; return 0; }
    sleep 2
  done
  "${COMPOSE[@]}" logs --tail 50 "$service" >&2
  die "$service did not become healthy within ${HEALTH_TIMEOUT}s (last state: ${all:-no container}); roll back with: bash scripts/deploy.sh <previous sha>"
}

say "validating the compose files"
"${COMPOSE[@]}" config --quiet

say "building $SERA_IMAGE"
docker build -f infra/Dockerfile -t "$SERA_IMAGE" .

say "starting the data services"
"${COMPOSE[@]}" up -d postgres redis qdrant
wait_healthy postgres
wait_healthy redis

# Migrate before any new process starts: old code keeps serving until the schema is ready.
say "migrating with $SERA_IMAGE"
"${COMPOSE[@]}" run --rm --no-deps backend migrate up
"${COMPOSE[@]}" run --rm --no-deps backend migrate check \
  || die "the schema differs from the migrations after migrating; see the lines above"

say "switching backend, worker and scheduler to $SERA_IMAGE"
workers=$("${COMPOSE[@]}" ps -q worker | wc -l)
"${COMPOSE[@]}" up -d --no-deps --scale worker="$((workers > 0 ? workers : 1))" backend worker scheduler
wait_healthy backend
wait_healthy worker
wait_healthy scheduler

say "starting the rest of the stack"
"${COMPOSE[@]}" up -d
wait_healthy nginx
docker image prune -f >/dev/null || true
say "deployed $commit"
