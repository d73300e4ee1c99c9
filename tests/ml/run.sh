#!/usr/bin/env bash
# Runs the real-tool tests of the MLFLOW, DVC and OPENMLDB task plugins:
#   1. bin/ml-venv.sh creates or reuses the Python virtual environment with mlflow, dvc, flaml,
#      scikit-learn, the openmldb SDK and pytest (cached: seconds when already there);
#   2. builds ml_render_task (tests/ml/CMakeLists.txt, built on its own in $PORPOISE_ML_BUILD,
#      default <repo>/build-ml-tests);
#   3. runs pytest on tests/ml with the venv's python. Extra arguments go to pytest (e.g. -k dvc).
# A real OpenMLDB cluster cannot run on these machines: the OPENMLDB tests use a test double of the
# SDK (tests/ml/fakes); everything else uses the real tools.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${PORPOISE_ML_BUILD:-$repo/build-ml-tests}"

started=$(date +%s)
venv="$(bash "$repo/bin/ml-venv.sh" | tail -n 1)"
echo "tests/ml: virtual environment $venv ready after $(($(date +%s) - started)) s"

generator=()
if [[ ! -f "$build/CMakeCache.txt" ]] && command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi
cmake -S "$repo/tests/ml" -B "$build" "${generator[@]}" >/dev/null
cmake --build "$build" --target ml_render_task -j 2 >/dev/null
echo "tests/ml: ml_render_task built after $(($(date +%s) - started)) s"

export PORPOISE_ML_VENV="$venv"
export PORPOISE_ML_RENDER_TASK="$build/bin/ml_render_task"
cd "$repo"
status=0
"$venv/bin/python" -m pytest tests/ml -p no:cacheprovider "$@" || status=$?
echo "tests/ml: finished after $(($(date +%s) - started)) s"
exit "$status"
