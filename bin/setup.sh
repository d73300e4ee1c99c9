#!/usr/bin/env bash
# Sets up everything Porpoise needs on a Debian 12 machine and builds it:
#   - installs missing Debian packages (compiler, CMake, libraries; Node.js/npm only if absent),
#   - builds the C++ server into build/bin/porpoise,
#   - builds the web UI into web/dist (when web/ exists),
#   - with --test: also the Python virtual environment used by the integration tests (.venv-test)
#     and Debian's chromium for the browser tests.
# Safe to run again: it only does what is missing or out of date.
set -euo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HOME_DIR"

WITH_TESTS=0
for arg in "$@"; do
  case "$arg" in
    --test) WITH_TESTS=1 ;;
    *) echo "usage: bin/setup.sh [--test]" >&2; exit 2 ;;
  esac
done

log() { echo "[setup] $*"; }

# 1. Debian packages.
packages=(build-essential cmake ninja-build pkg-config git bash procps python3 python3-venv tzdata
          libboost-dev libboost-system-dev nlohmann-json3-dev libyaml-cpp-dev libsqlite3-dev sqlite3
          libspdlog-dev libgtest-dev libgmock-dev libssl-dev libhowardhinnant-date-dev)
if [ "$WITH_TESTS" = 1 ]; then packages+=(chromium); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then missing+=(nodejs npm); fi
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. C++ build.
BUILD_TYPE="${PORPOISE_BUILD_TYPE:-RelWithDebInfo}"
JOBS="${PORPOISE_JOBS:-$(nproc)}"
log "building C++ ($BUILD_TYPE) into build/"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="$BUILD_TYPE" >/dev/null
ninja -C build -j "$JOBS" | grep -v "^\[" || true
[ -x build/bin/porpoise ] || { echo "[setup] build failed" >&2; exit 1; }

# 3. Web UI.
if [ -f web/package.json ]; then
  stamp=web/dist/.porpoise-build-stamp
  newest=$(find web -path web/node_modules -prune -o -path web/dist -prune -o -type f -newer "$stamp" -print -quit 2>/dev/null || true)
  if [ ! -f "$stamp" ] || [ -n "$newest" ]; then
    log "building the web UI"
    (cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)
    touch "$stamp"
  fi
fi

# 4. Test tools.
if [ "$WITH_TESTS" = 1 ]; then
  if [ ! -x .venv-test/bin/pytest ]; then
    log "creating the test virtual environment .venv-test"
    python3 -m venv .venv-test
    .venv-test/bin/pip install -q --disable-pip-version-check pytest requests pyyaml
  fi
  if [ -f tests/browser/package.json ] && [ ! -d tests/browser/node_modules ]; then
    log "installing browser test packages"
    (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
log "done"
