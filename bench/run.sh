#!/usr/bin/env bash
# Builds porpoise in $BUILD_DIR (default build; skipped when PORPOISE_BIN is set) and runs the engine benchmarks against it.
# Usage: bench/run.sh [engine_bench.py options, e.g. --only layered,chain --slots 2 --burst 10000]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${BUILD_DIR:-build}
if [ -z "${PORPOISE_BIN:-}" ]; then
  cmake -S . -B "$BUILD" -G Ninja >/dev/null
  ninja -C "$BUILD" -j2 porpoise
  PORPOISE_BIN=$PWD/$BUILD/bin/porpoise
fi
PY=${PYTHON:-.venv-test/bin/python}
exec "$PY" bench/engine_bench.py --bin "$PORPOISE_BIN" "$@"
