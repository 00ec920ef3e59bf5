# Shared by Sera's scripts: where things live and how to install what is missing.
# shellcheck shell=bash

SERA_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SERA_HOME=${SERA_HOME:-$SERA_ROOT/.sera}
SERA_PG_PORT=${POSTGRES_PORT:-55432}
SERA_REDIS_PORT=${REDIS_PORT:-56379}

# Debian packages Sera builds, runs and tests with.
SERA_PACKAGES=(
  libncursesw5-dev libhiredis-dev libpq-dev libcurl4-openssl-dev libssl-dev libmicrohttpd-dev
  libxml2-dev libpoppler-glib-dev pkg-config
  postgresql redis-server tmux procps curl prometheus docker-compose python3-yaml
)

say() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Installs whichever of SERA_PACKAGES is missing (as root), or says what to run.
install_missing_packages() {
  local missing=()
  local package
  for package in "${SERA_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' \
      || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    die "missing Debian packages: ${missing[*]}; run: sudo apt-get install -y ${missing[*]}"
  fi
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null || die "apt-get update failed"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
  # Debian starts the packaged services on install; Sera runs its own on other ports.
  command -v service >/dev/null && { service redis-server stop >/dev/null 2>&1 || true; }
  return 0
}

# The newest PostgreSQL server binaries installed.
postgres_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] || die "no PostgreSQL server found under /usr/lib/postgresql"
  echo "$dir"
}

require_swift() {
  command -v swift >/dev/null || die "swift is not on PATH (Swift 6 toolchain required)"
}
