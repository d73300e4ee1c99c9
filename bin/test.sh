#!/usr/bin/env bash
# One command for a fresh Debian 12 machine: set up, build and run every test suite.
#   unit tests (GoogleTest via ctest), integration tests (pytest against the real binary),
#   browser tests (playwright-core + Debian chromium), ML tool tests (real MLflow/DVC in a venv).
# Set PORPOISE_SKIP_ML=1 or PORPOISE_SKIP_BROWSER=1 to leave those suites out locally.
set -uo pipefail
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HOME_DIR"

"$HOME_DIR/bin/setup.sh" --test || { echo "setup failed"; exit 1; }

passed=0; failed=0; failed_suites=()
run_suite() {
  local name="$1"; shift
  echo; echo "=== $name ==="
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); failed_suites+=("$name"); fi
}

run_suite "unit tests" ctest --test-dir build --output-on-failure -j "$(nproc)" --timeout 300
run_suite "integration tests" .venv-test/bin/python -m pytest -q tests/integration
if [ -f tests/browser/package.json ] && [ "${PORPOISE_SKIP_BROWSER:-0}" != 1 ]; then
  run_suite "browser tests" bash -c "cd tests/browser && npm test"
fi
if [ -x tests/ml/run.sh ] && [ "${PORPOISE_SKIP_ML:-0}" != 1 ]; then
  run_suite "ML tool tests" tests/ml/run.sh
fi

echo
echo "test suites: $passed passed, $failed failed"
[ $failed -eq 0 ] || { echo "failed suites: ${failed_suites[*]}"; exit 1; }
