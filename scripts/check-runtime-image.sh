#!/usr/bin/env bash
# Checks, without Docker, that infra/Dockerfile's runtime stage is enough to run Sera: builds the
# release binary with the static Swift standard library, makes a minimal Debian 12 root with
# debootstrap holding only the Dockerfile's RUNTIME_PACKAGES, and runs sera inside it with chroot
# (migrate current against the local PostgreSQL, serve + /health from the host). Prints each check.
#
# usage: scripts/check-runtime-image.sh [--keep-root]
#   SERA_RUNTIME_ROOT  where the Debian root is made (default .sera/runtime-root); it is reused
#                      while the package list is unchanged, so a second run takes seconds.
#   SERA_RELEASE_SCRATCH  SwiftPM scratch path of the release build (default .build-release).
# Needs root (debootstrap, chroot, mount) and the Debian mirror apt uses.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$SERA_ROOT"

[ "$(id -u)" -eq 0 ] || die "run as root: debootstrap, chroot and mount need it"
command -v debootstrap >/dev/null || die "debootstrap is missing: apt-get install debootstrap"
require_swift

ROOTFS=${SERA_RUNTIME_ROOT:-$SERA_HOME/runtime-root}
SCRATCH=${SERA_RELEASE_SCRATCH:-$SERA_ROOT/.build-release}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
PORT=${SERA_CHECK_PORT:-18461}

check() { printf '  ok  %s\n' "$*"; }
fail() { printf '  FAIL %s\n' "$*" >&2; exit 1; }

# The package list, read from the Dockerfile so the check and the image cannot drift apart.
packages=$(sed -n 's/^ARG RUNTIME_PACKAGES="\(.*\)"$/\1/p' infra/Dockerfile)
[ -n "$packages" ] || die "no ARG RUNTIME_PACKAGES=\"...\" line in infra/Dockerfile"

say "building the release binary (--static-swift-stdlib)"
swift build -c release --static-swift-stdlib --product sera --scratch-path "$SCRATCH" \
  >"$SERA_HOME/logs/release-build.log" 2>&1 || die "release build failed: see $SERA_HOME/logs/release-build.log"
binary="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/sera"

echo "checked:"
needed=$(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')
if grep -q 'libswift\|libFoundation\|libdispatch\|libBlocksRuntime' <<<"$needed"; then
  fail "the binary still needs Swift runtime libraries: $needed"
fi
check "sera needs no Swift runtime library; NEEDED: $needed"
# SwiftPM always adds $ORIGIN, which is harmless; a path into the toolchain would not be.
runpath=$(readelf -d "$binary" | sed -n 's/.*R\(UN\)\{0,1\}PATH.*\[\(.*\)\]/\2/p')
[ -z "$runpath" ] || [ "$runpath" = '$ORIGIN' ] || fail "the binary's RUNPATH points at $runpath"
check "sera has no RUNPATH into the toolchain (${runpath:-none}; $(du -h "$binary" | cut -f1))"

# A root is reused only if it was made for exactly this package list.
stamp="$ROOTFS/.sera-packages"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$packages" ]; then
  say "debootstrap bookworm minbase + $packages (a few minutes)"
  rm -rf "$ROOTFS"
  debootstrap --variant=minbase --include="${packages// /,}" bookworm "$ROOTFS" "$MIRROR" \
    >"$SERA_HOME/logs/debootstrap.log" 2>&1 || die "debootstrap failed: see $SERA_HOME/logs/debootstrap.log"
  echo "$packages" >"$stamp"
fi
check "Debian 12 minbase root at $ROOTFS with only: $packages"

install -m 0755 "$binary" "$ROOTFS/usr/local/bin/sera"
# Containers mount /proc; a bare chroot does not, and a static-stdlib binary reads its arguments
# from /proc/self/cmdline.
mountpoint -q "$ROOTFS/proc" || mount -t proc proc "$ROOTFS/proc"
serve_pid=""
cleanup() {
  if [ -n "$serve_pid" ]; then
    kill "$serve_pid" 2>/dev/null || true
    wait "$serve_pid" 2>/dev/null || true
  fi
  umount "$ROOTFS/proc" 2>/dev/null || true
}
trap cleanup EXIT

missing=$(chroot "$ROOTFS" /usr/bin/ldd /usr/local/bin/sera | grep 'not found' || true)
[ -z "$missing" ] || fail "libraries missing in the root: $missing"
check "ldd inside the root resolves every library ($(chroot "$ROOTFS" /usr/bin/ldd /usr/local/bin/sera | wc -l) objects)"

in_root() {
  chroot "$ROOTFS" /usr/bin/env -i LANG=C.UTF-8 SWIFT_BACKTRACE=enable=no \
    POSTGRES_HOST=127.0.0.1 POSTGRES_PORT="$SERA_PG_PORT" REDIS_HOST=127.0.0.1 \
    REDIS_PORT="$SERA_REDIS_PORT" SERA_HTTP_PORT="$PORT" /usr/local/bin/sera "$@"
}
version=$(in_root --version) || fail "sera --version did not run"
check "sera --version in the root: $version"
schema=$(in_root migrate current) || fail "sera migrate current (libpq) failed: $schema"
check "sera migrate current in the root reached PostgreSQL (libpq): $schema"
chroot "$ROOTFS" /usr/bin/pg_dump --version >/dev/null || fail "pg_dump is missing in the root"
check "pg_dump for sera backup: $(chroot "$ROOTFS" /usr/bin/pg_dump --version)"

in_root serve >"$SERA_HOME/logs/runtime-serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 50); do
  curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  sleep 0.2
done
health=$(curl -sS "http://127.0.0.1:$PORT/health") || fail "sera serve in the root did not answer"
grep -q '"status":"ok"' <<<"$health" || fail "sera serve in the root is unhealthy: $health"
check "sera serve in the root answered /health ok (libmicrohttpd, hiredis, libpq)"
curl -fsS "http://127.0.0.1:$PORT/metrics" | grep -q '^# TYPE http_requests_total' \
  || fail "sera serve in the root has no /metrics"
check "sera serve in the root answered /metrics"
chroot "$ROOTFS" /usr/bin/curl --version >/dev/null || fail "curl (health checks) is missing"
check "curl for the compose health checks is present"
echo "runtime image dependency list: OK"
